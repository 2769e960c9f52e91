import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { userDigits } from "@municipality_base/core/jalali_dates";
import { createMap, fitTo, loadLeaflet, popupContent } from "./leaflet_utils";

/**
 * The urbanism map (client action ``municipality_urbanism.map``): the properties of the action's domain
 * (their parcel outline, or a point), their permit files coloured by stage and their violations, as the
 * user may read them (``municipality.property.get_map_data``, searched as the user).
 */
export class UrbanismMap extends Component {
    static template = "municipality_urbanism.UrbanismMap";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.mapRef = useRef("map");
        this.state = useState({ counts: { property: 0, permit: 0, violation: 0 }, legend: [], truncated: false });
        onWillStart(async () => {
            const params = this.props.action?.params || {};
            const [L, data] = await Promise.all([
                loadLeaflet(),
                this.orm.call("municipality.property", "get_map_data", [params.domain || []]),
            ]);
            this.L = L;
            this.data = data;
            this.state.legend = data.legend;
            this.state.truncated = data.truncated;
            for (const feature of data.features) {
                this.state.counts[feature.properties.layer] += 1;
            }
        });
        onMounted(() => this.renderMap());
        onWillUnmount(() => this.map?.remove());
    }

    digits(value) {
        return userDigits(String(value ?? ""));
    }

    openRecord(model, id) {
        this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: model,
            res_id: id,
            views: [[false, "form"]],
        });
    }

    popup(properties) {
        const open = () => this.openRecord(properties.model, properties.id);
        const d = (value) => this.digits(value);
        if (properties.layer === "property") {
            return popupContent(d(properties.name), [
                [_t("Address"), d(properties.address)],
                [_t("District"), properties.district],
                [_t("Use"), properties.use],
            ], open);
        }
        if (properties.layer === "permit") {
            return popupContent(d(properties.name), [
                [_t("Property"), d(properties.property)],
                [_t("Stage"), properties.stage],
                [_t("Status"), properties.state],
            ], open);
        }
        return popupContent(d(properties.name), [
            [_t("Property"), d(properties.property)],
            [_t("Violation"), properties.kind],
            [_t("Status"), properties.state],
        ], open);
    }

    layer(kind, options) {
        const L = this.L;
        return L.geoJSON(this.data, {
            filter: (feature) => feature.properties.layer === kind,
            // GeoJSON applies the style to the circle markers too: only outlines get it. A permit file or a
            // violation of a property with an outline is drawn on that outline: the permit filled in its
            // stage's colour, the violation as a dashed outline without fill (clicks inside reach the permit)
            style: (feature) => {
                if (feature.geometry.type === "Point") {
                    return {};
                }
                if (kind === "permit") {
                    return { color: feature.properties.color, weight: 3, fillOpacity: 0.45, className: options.className };
                }
                if (kind === "violation") {
                    return { color: feature.properties.color, weight: 3, dashArray: "6 4", fill: false, className: options.className };
                }
                return { color: feature.properties.color, weight: 2, fillOpacity: 0.25, className: "o_urb_map_parcel" };
            },
            pointToLayer: (feature, latlng) =>
                L.circleMarker(latlng, {
                    radius: options.radius,
                    color: "#ffffff",
                    weight: 1.5,
                    fillColor: feature.properties.color,
                    fillOpacity: 0.9,
                    className: options.className,
                }),
            onEachFeature: (feature, layer) => {
                layer.bindPopup(() => this.popup(feature.properties));
                layer.bindTooltip(this.digits(feature.properties.name), { direction: "top" });
            },
        });
    }

    renderMap() {
        const L = this.L;
        this.map = createMap(L, this.mapRef.el, this.data);
        const layers = {
            property: this.layer("property", { radius: 6, className: "o_urb_map_property" }),
            permit: this.layer("permit", { radius: 10, className: "o_urb_map_permit" }),
            violation: this.layer("violation", { radius: 5, className: "o_urb_map_violation" }),
        };
        for (const layer of Object.values(layers)) {
            layer.addTo(this.map);
        }
        L.control
            .layers(null, {
                [_t("Property files")]: layers.property,
                [_t("Permits by stage")]: layers.permit,
                [_t("Violations")]: layers.violation,
            }, { collapsed: false })
            .addTo(this.map);
        fitTo(this.map, L.featureGroup(Object.values(layers)));
        // the action's container gets its final size once the action is shown
        setTimeout(() => this.map?.invalidateSize(), 0);
    }
}

registry.category("actions").add("municipality_urbanism.map", UrbanismMap);
