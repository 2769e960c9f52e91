import json

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import UrbanismCommon


@tagged("post_install", "-at_install")
class TestProperty(UrbanismCommon, TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_urbanism()

    def test_renovation_code_stored_latin_and_found_in_any_digits(self):
        prop = self._create_property(code="۸۷/۱۱۲/۴۵")
        self.assertEqual(prop.renovation_code, "87-112-45")
        self.assertEqual(prop.block, "112")
        Property = self.env["municipality.property"]
        for typed in ("۸۷-۱۱۲-۴۵", "٨٧/١١٢/٤٥", "87 112 45", "87-112-45"):
            self.assertEqual(Property.search([("renovation_code", "=", typed)]), prop, typed)
        self.assertEqual(Property.search([("renovation_code", "ilike", "۱۱۲-۴")]), prop)
        self.assertEqual(Property.name_search("۸۷/۱۱۲")[0][0], prop.id)
        # a whole code in the search box: found by its code alone (the index answers it)
        self.assertEqual([row[0] for row in Property.name_search("۸۷/۱۱۲/۴۵")], [prop.id])
        self.assertEqual(Property._search_display_name("ilike", "۸۷/۱۱۲/۴۵"), [("renovation_code", "ilike", "87-112-45")])

    def test_renovation_code_unique_per_municipality(self):
        self._create_property(code="87-112-46")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._create_property(code="۸۷-۱۱۲-۴۶")

    def test_bad_renovation_codes_refused(self):
        for code in ("abc", "87", "87-112", "87-x-45"):
            with self.subTest(code=code), self.assertRaises(ValidationError), self.cr.savepoint():
                self._create_property(code=code)
        with self.assertRaisesRegex(ValidationError, "district"), self.cr.savepoint():
            self._create_property(code="12-112-45")
        self.assertFalse(self.env["municipality.property"].search([("district_id", "=", self.district.id)]))

    def test_owner_shares_sum_to_six_dang(self):
        prop = self._create_property(code="87-112-47", owner_share_ids=[
            (0, 0, {"partner_id": self.owner_a.id, "share_dang": 4.5}),
            (0, 0, {"partner_id": self.owner_b.id, "share_dang": 1.5})])
        self.assertEqual(prop.owner_ids, self.owner_a | self.owner_b)
        self.assertEqual(prop.owner_share_total, 6.0)
        Property = self.env["municipality.property"]
        self.assertEqual(Property.search([("owner_ids", "in", self.owner_b.ids)]), prop)
        self.assertEqual(Property.search([("owner_share_ids.partner_id.national_id", "=", "۰۷۹۰۴۱۹۹۰۴")]), prop)
        with self.assertRaisesRegex(ValidationError, "six dang"), self.cr.savepoint():
            prop.write({"owner_share_ids": [(1, prop.owner_share_ids[0].id, {"share_dang": 4.0})]})
        with self.assertRaisesRegex(ValidationError, "six dang"), self.cr.savepoint():
            self._create_property(code="87-112-48", owner_share_ids=[
                (0, 0, {"partner_id": self.owner_a.id, "share_dang": 3.0})])
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._create_property(code="87-112-49", owner_share_ids=[
                (0, 0, {"partner_id": self.owner_a.id, "share_dang": 7.0}),
                (0, 0, {"partner_id": self.owner_b.id, "share_dang": -1.0})])
        self.assertEqual(Property.search_count([("renovation_code", "in", ["87-112-48", "87-112-49"])]), 0)

    def test_areas_location_and_outline(self):
        with self.assertRaisesRegex(ValidationError, "widening"), self.cr.savepoint():
            self._create_property(code="87-112-50", land_area=100, widening_area=150)
        with self.assertRaisesRegex(ValidationError, "latitude"), self.cr.savepoint():
            self._create_property(code="87-112-51", latitude=95)
        with self.assertRaisesRegex(ValidationError, "GeoJSON"), self.cr.savepoint():
            self._create_property(code="87-112-52", outline_geojson='{"type": "Point", "coordinates": [51, 35]}')
        with self.assertRaisesRegex(ValidationError, "GeoJSON"), self.cr.savepoint():
            self._create_property(code="87-112-53", outline_geojson="not json")
        outline = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
            [[51.4, 35.7], [51.401, 35.7], [51.401, 35.701], [51.4, 35.7]]]}}
        prop = self._create_property(code="87-112-54", outline_geojson=json.dumps(outline),
                                     latitude=35.7, longitude=51.4)
        self.assertTrue(prop.outline_geojson)

    def test_apartments_are_children_of_their_building(self):
        building = self._create_property(code="87-112-60")
        apartment = self._create_property(code="87-112-60-1-2-5", parent_id=building.id, building_area=90)
        self.assertEqual(building.child_count, 1)
        self.assertEqual(building.action_view_apartments()["domain"], [("parent_id", "=", building.id)])
        with self.assertRaisesRegex(ValidationError, "own building"):
            building.parent_id = apartment

    def test_document_type_and_size_checked(self):
        doc_type = self.env["municipality.document.type"].create({
            "name": "Deed", "code": "urb_deed", "allowed_extensions": "pdf", "max_size_mb": 0.001})
        prop = self._create_property(code="87-112-70")
        Document = self.env["municipality.property.document"]
        small = "JVBERi0xLjQK"  # "%PDF-1.4\n"
        Document.create({"property_id": prop.id, "document_type_id": doc_type.id, "file": small,
                         "file_name": "deed.pdf"})
        self.assertEqual(prop.document_count, 1)
        with self.assertRaisesRegex(ValidationError, "accepted file types"), self.cr.savepoint():
            Document.create({"property_id": prop.id, "document_type_id": doc_type.id, "file": small,
                             "file_name": "deed.exe"})
        with self.assertRaisesRegex(ValidationError, "larger"), self.cr.savepoint():
            Document.create({"property_id": prop.id, "document_type_id": doc_type.id,
                             "file": "QUFB" * 1000, "file_name": "deed.pdf"})
        self.assertEqual(Document.search_count([("property_id", "=", prop.id)]), 1)

    def test_roles(self):
        prop = self._create_property(code="87-112-80")
        self.assertEqual(prop.with_user(self.inspector).renovation_code, "87-112-80")
        with self.assertRaises(AccessError):
            prop.with_user(self.inspector).write({"street": "x"})
        prop.with_user(self.front_desk).write({"street": "خیابان آزادی"})
        with self.assertRaises(AccessError):
            prop.with_user(self.front_desk).unlink()
        with self.assertRaises(AccessError):
            self.env["municipality.zoning"].with_user(self.front_desk).create({
                "code": "URB-X", "name": "x", "max_density": 1, "max_floors": 1, "max_occupancy": 1})

    def test_zoning_figures_checked(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.env["municipality.zoning"].create({
                "code": "URB-BAD", "name": "bad", "max_density": 100, "max_floors": 2, "max_occupancy": 120})
