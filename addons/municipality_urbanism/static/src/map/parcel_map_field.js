import { Component, onMounted, onWillStart, onWillUnmount, useEffect, useRef } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { createMap, fitTo, loadLeaflet } from "./leaflet_utils";

/**
 * The parcel outline (a GeoJSON text field) drawn on a map, with the property's latitude and longitude as a
 * point; redrawn when either changes. Editing stays in the text (the field shown a second time, as text).
 */
export class ParcelMapField extends Component {
    static template = "municipality_urbanism.ParcelMapField";
    static props = { ...standardFieldProps };

    setup() {
        this.orm = useService("orm");
        this.mapRef = useRef("map");
        onWillStart(async () => {
            [this.L, this.settings] = await Promise.all([
                loadLeaflet(),
                this.orm.call("municipality.property", "get_map_settings", []),
            ]);
        });
        onMounted(() => {
            this.map = createMap(this.L, this.mapRef.el, this.settings);
            this.group = this.L.featureGroup().addTo(this.map);
            this.draw();
            setTimeout(() => this.map?.invalidateSize(), 0);
        });
        useEffect(
            () => this.map && this.draw(),
            () => [this.props.record.data[this.props.name], this.latitude, this.longitude]
        );
        onWillUnmount(() => this.map?.remove());
    }

    get latitude() {
        return this.props.record.data.latitude || 0;
    }

    get longitude() {
        return this.props.record.data.longitude || 0;
    }

    get geometry() {
        const text = this.props.record.data[this.props.name];
        if (!text) {
            return null;
        }
        try {
            const geometry = JSON.parse(text);
            return geometry && typeof geometry === "object" ? geometry : null;
        } catch {
            return null;
        }
    }

    get hasGeometry() {
        return Boolean(this.geometry || this.latitude || this.longitude);
    }

    draw() {
        const L = this.L;
        this.group.clearLayers();
        const geometry = this.geometry;
        if (geometry) {
            try {
                L.geoJSON(geometry, {
                    style: { color: "#1f6feb", weight: 2, fillOpacity: 0.25, className: "o_urb_map_parcel" },
                }).addTo(this.group);
            } catch {
                // not GeoJSON Leaflet can draw: the server's constraint says why on save
            }
        }
        if (this.latitude || this.longitude) {
            L.circleMarker([this.latitude, this.longitude], {
                radius: 6, color: "#ffffff", weight: 1.5, fillColor: "#dc3545", fillOpacity: 0.9,
                className: "o_urb_map_property",
            }).addTo(this.group);
        }
        fitTo(this.map, this.group);
    }
}

registry.category("fields").add("municipality_parcel_map", {
    component: ParcelMapField,
    supportedTypes: ["text", "char"],
    fieldDependencies: [
        { name: "latitude", type: "float" },
        { name: "longitude", type: "float" },
    ],
});
