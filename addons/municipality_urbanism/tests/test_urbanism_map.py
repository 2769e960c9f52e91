import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .permit_common import PermitSetup

OUTLINE = {"type": "Polygon", "coordinates": [[[51.40, 35.70], [51.401, 35.70], [51.401, 35.701], [51.40, 35.701],
                                               [51.40, 35.70]]]}


@tagged("post_install", "-at_install")
class TestUrbanismMap(PermitSetup, HttpCase):
    """The map's GeoJSON (``municipality.property.get_map_data``) is what the user may read, and the map and the
    parcel outline are drawn in the browser without a tile server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.property.outline_geojson = json.dumps(OUTLINE)
        cls.corner = cls.env["municipality.property"].create({
            "renovation_code": "88-21-9", "district_id": cls.district.id, "land_area": 150,
            "company_id": cls.company.id, "latitude": 35.705, "longitude": 51.405,
            "owner_share_ids": [(0, 0, {"partner_id": cls.owner.id, "share_dang": 6})]})
        cls.nowhere = cls.env["municipality.property"].create({
            "renovation_code": "88-21-11", "district_id": cls.district.id, "company_id": cls.company.id})

    def setUp(self):
        super().setUp()
        self.mine = self._new_permit()
        self.theirs = self._new_permit(property_id=self.corner.id, inspector_id=self.other_inspector.id)
        self.violation = self.env["municipality.violation"].with_user(self.expert).create({
            "property_id": self.property.id, "kind": "excess_area", "measured_area": 12, "floor": 2,
            "description": "طبقه دوم بیش از پروانه", "company_id": self.company.id})

    def _data(self, user, domain=None):
        return self.env["municipality.property"].with_user(user).get_map_data(domain or [
            ("district_id", "=", self.district.id)])

    @staticmethod
    def _layer(data, layer):
        return [f for f in data["features"] if f["properties"]["layer"] == layer]

    def test_expert_sees_outlines_points_permits_by_stage_and_violations(self):
        data = self._data(self.expert)
        self.assertEqual(data["type"], "FeatureCollection")
        props = {f["properties"]["id"]: f for f in self._layer(data, "property")}
        self.assertEqual(set(props), {self.property.id, self.corner.id}, "a property with no location is not drawn")
        self.assertEqual(props[self.property.id]["geometry"], OUTLINE)
        self.assertEqual(props[self.corner.id]["geometry"], {"type": "Point", "coordinates": [51.405, 35.705]})
        permits = {f["properties"]["id"]: f for f in self._layer(data, "permit")}
        self.assertEqual(set(permits), {self.mine.id, self.theirs.id})
        mine = permits[self.mine.id]
        self.assertEqual(mine["properties"]["stage_action"], "application")
        self.assertEqual(mine["properties"]["color"], "#6c757d")
        # drawn on the parcel's outline; on the point of a property without one
        self.assertEqual(mine["geometry"], OUTLINE)
        self.assertEqual(permits[self.theirs.id]["geometry"], {"type": "Point", "coordinates": [51.405, 35.705]})
        violations = self._layer(data, "violation")
        self.assertEqual([f["properties"]["id"] for f in violations], [self.violation.id])
        self.assertEqual(violations[0]["geometry"], OUTLINE)
        self.assertTrue(violations[0]["properties"]["open"])
        self.assertTrue(data["legend"])
        self.assertEqual(data["tile_url"], "", "no tile server by default: nothing is fetched from outside")

    def test_outline_wins_over_the_point(self):
        """A property with both coordinates and an outline draws its files on the outline; without the outline,
        on its point again."""
        self.corner.outline_geojson = json.dumps(OUTLINE)
        permit = next(f for f in self._layer(self._data(self.expert), "permit")
                      if f["properties"]["id"] == self.theirs.id)
        self.assertEqual(permit["geometry"], OUTLINE)
        self.corner.outline_geojson = False
        permit = next(f for f in self._layer(self._data(self.expert), "permit")
                      if f["properties"]["id"] == self.theirs.id)
        self.assertEqual(permit["geometry"], {"type": "Point", "coordinates": [51.405, 35.705]})

    def test_stage_colour_follows_the_file(self):
        self.mine.with_user(self.front_desk).action_next_stage()
        permit = next(f for f in self._layer(self._data(self.expert), "permit")
                      if f["properties"]["id"] == self.mine.id)
        self.assertEqual(permit["properties"]["stage_action"], "visit")
        self.assertEqual(permit["properties"]["color"], "#17a2b8")

    def test_inspector_sees_only_the_files_assigned_to_them(self):
        data = self._data(self.inspector)
        self.assertEqual([f["properties"]["id"] for f in self._layer(data, "permit")], [self.mine.id])
        data = self._data(self.other_inspector)
        self.assertEqual([f["properties"]["id"] for f in self._layer(data, "permit")], [self.theirs.id])
        self.assertNotIn(self.mine.name, json.dumps(data, ensure_ascii=False))

    def test_domain_narrows_the_map(self):
        data = self._data(self.expert, [("id", "=", self.corner.id)])
        self.assertEqual({f["properties"]["id"] for f in self._layer(data, "property")}, {self.corner.id})
        self.assertEqual([f["properties"]["id"] for f in self._layer(data, "permit")], [self.theirs.id])
        self.assertFalse(self._layer(data, "violation"))
        action = (self.property | self.corner).with_user(self.expert).action_open_map()
        self.assertEqual(action["tag"], "municipality_urbanism.map")
        self.assertEqual(action["params"]["domain"], [("id", "in", [self.property.id, self.corner.id])])

    def test_user_outside_urban_planning_gets_nothing(self):
        outsider = new_test_user(self.env, "up_outsider", groups="base.group_user", company_id=self.company.id,
                                 company_ids=[self.company.id])
        with self.assertRaises(AccessError):
            self._data(outsider)

    def test_tile_server_is_a_system_parameter(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "municipality_urbanism.map_tile_url", "https://tiles.example.ir/{z}/{x}/{y}.png")
        self.assertEqual(self._data(self.expert)["tile_url"], "https://tiles.example.ir/{z}/{x}/{y}.png")

    def test_map_in_the_browser(self):
        self.start_tour("/odoo/action-municipality_urbanism.action_urbanism_map", "urbanism_map_tour",
                        login="up_expert")

    def test_parcel_outline_on_the_form(self):
        self.start_tour(f"/odoo/action-municipality_urbanism.municipality_property_action/{self.property.id}",
                        "urbanism_parcel_map_tour", login="up_expert")
