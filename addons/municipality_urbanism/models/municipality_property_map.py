from odoo import api, models
from odoo.fields import Domain

from ..tools.map_geometry import (
    PROPERTY_COLOR, STAGE_COLORS, STATE_COLORS, VIOLATION_COLOR, location, parse_outline, permit_color,
    point_feature, shape)

TILE_URL_PARAM = "municipality_urbanism.map_tile_url"
TILE_ATTRIBUTION_PARAM = "municipality_urbanism.map_tile_attribution"
#: At most this many properties on one map (the map of a district, not of the whole city at once).
MAP_LIMIT = 5000


def _feature(geometry, properties):
    return {"type": "Feature", "geometry": geometry, "properties": properties}


class MunicipalityPropertyMap(models.Model):
    """The urbanism map's data: properties (their outline or their point), permit files coloured by stage and
    violations, as GeoJSON, for what the user may read (searched as the user, so record rules apply)."""

    _inherit = "municipality.property"

    @api.model
    def get_map_settings(self):
        """The tile server of the map (a system parameter; empty by default: no tiles, nothing fetched
        from outside, the outlines and markers on a blank background)."""
        params = self.env["ir.config_parameter"].sudo()
        return {"tile_url": (params.get_param(TILE_URL_PARAM) or "").strip(),
                "tile_attribution": params.get_param(TILE_ATTRIBUTION_PARAM) or ""}

    @api.model
    def get_map_data(self, domain=None, limit=MAP_LIMIT):
        """A GeoJSON FeatureCollection of the properties of ``domain`` the user may read (outline, else point)
        and the permit files and violations of those properties the user may read, each drawn as its property
        is: on the parcel's outline when it has one, else on its point.
        ``properties.layer`` of each feature is ``property``, ``permit`` or ``violation``."""
        self.check_access("read")
        props = self.search(Domain(domain or []), limit=limit)
        features = []
        where = {}
        uses = dict(self._fields["use"]._description_selection(self.env))
        for prop in props:
            point = location(prop.latitude, prop.longitude, prop.outline_geojson)
            outline = parse_outline(prop.outline_geojson)
            drawn = shape(prop.latitude, prop.longitude, prop.outline_geojson)
            if drawn:
                where[prop.id] = drawn
            info = {"layer": "property", "model": self._name, "id": prop.id, "name": prop.renovation_code,
                    "address": prop.street or "", "district": prop.district_id.name or "",
                    "use": uses.get(prop.use, ""), "color": PROPERTY_COLOR}
            if outline:
                features.append({"type": "Feature", "geometry": outline, "properties": info})
            elif point:
                features.append(point_feature(point, info))
        Permit = self.env["municipality.permit"]
        if Permit.has_access("read") and where:
            states = dict(Permit._fields["state"]._description_selection(self.env))
            for permit in Permit.search([("property_id", "in", list(where)), ("state", "!=", "cancelled")]):
                stage = permit.sudo().stage_id
                features.append(_feature(where[permit.property_id.id], {
                    "layer": "permit", "model": Permit._name, "id": permit.id, "name": permit.name,
                    "property": permit.property_id.renovation_code, "state": states.get(permit.state, ""),
                    "stage": stage.name or "", "stage_action": stage.action or "",
                    "color": permit_color(permit.state, stage.action)}))
        Violation = self.env["municipality.violation"]
        if Violation.has_access("read") and where:
            kinds = dict(Violation._fields["kind"]._description_selection(self.env))
            states = dict(Violation._fields["state"]._description_selection(self.env))
            for violation in Violation.search([("property_id", "in", list(where))]):
                features.append(_feature(where[violation.property_id.id], {
                    "layer": "violation", "model": Violation._name, "id": violation.id, "name": violation.name,
                    "property": violation.property_id.renovation_code, "kind": kinds.get(violation.kind, ""),
                    "state": states.get(violation.state, ""), "open": violation.state != "closed",
                    "color": VIOLATION_COLOR}))
        return {"type": "FeatureCollection", "features": features, "legend": self._map_legend(),
                "truncated": len(props) >= limit, **self.get_map_settings()}

    @api.model
    def _map_legend(self):
        """The permit colours: one per stage action and per final state."""
        stage = self.env["municipality.permit.stage"]
        actions = dict(stage._fields["action"]._description_selection(self.env))
        states = dict(self.env["municipality.permit"]._fields["state"]._description_selection(self.env))
        return ([{"label": actions.get(action, action), "color": color} for action, color in STAGE_COLORS.items()]
                + [{"label": states.get(state, state), "color": color} for state, color in STATE_COLORS.items()])

    def action_open_map(self):
        """The map of these properties (the list's selection), or of every property when called on none."""
        return {
            "type": "ir.actions.client",
            "tag": "municipality_urbanism.map",
            "name": self.env._("Map"),
            "params": {"domain": [("id", "in", self.ids)] if self else []},
        }
