import json

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.municipality_urbanism.models.municipality_property import CODE_STATISTICS

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
        self.assertEqual(Property._search_display_name("ilike", "۸۷/۱۱۲/۴۵"),
                         Domain("renovation_code", "=like", "87-112-45%") | Domain("renovation_code_tail", "=like",
                                                                                   "87-112-45%"))

    def test_code_in_part_is_whole_parts_from_the_start_or_from_the_block(self):
        """A code typed in part is found from its start (district, block, …) or from its block on (block,
        parcel, …), the last part typed possibly unfinished; not inside a part (block 112 is not block 1112)."""
        prop = self._create_property(code="87-112-45")
        other = self._create_property(code="87-1112-45")
        unit = self._create_property(code="87-112-45-1-2-3")
        self.assertEqual((prop.renovation_code_tail, unit.renovation_code_tail), ("112-45", "112-45-1-2-3"))
        Property = self.env["municipality.property"]
        district = [("district_id", "=", self.district.id)]
        for typed, expected in (("۱۱۲-۴۵", prop | unit), ("112-4", prop | unit), ("۸۷/۱۱۲", prop | unit),
                                ("1112", other), ("87-1112-45", other), ("112-45-1", unit), ("12-45", Property)):
            with self.subTest(typed=typed):
                self.assertEqual(Property.search(district + [("renovation_code", "ilike", typed)]), expected)
        self.assertEqual(Property.search(district + [("renovation_code", "not ilike", "112-45")]), other)

    def test_code_in_part_is_answered_by_an_index(self):
        """The plan of a code typed in part reads btree indexes (with or without pg_trgm), not the whole
        table."""
        self._create_property(code="87-112-45")
        query = self.env["municipality.property"]._search([("renovation_code", "ilike", "۱۱۲-۴۵")], limit=10)
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertNotIn("Seq Scan on municipality_property", plan)
        self.assertIn("renovation_code_tail", plan)

    def test_code_statistics_finer_than_the_default(self):
        """The code and its tail keep a histogram ten times finer than PostgreSQL's default, set again by the
        model's init (an update of the addon) where it was lost."""
        def targets():
            self.env.cr.execute("""SELECT attname, attstattarget FROM pg_attribute
                                   WHERE attrelid = 'municipality_property'::regclass
                                     AND attname IN ('renovation_code', 'renovation_code_tail')""")
            return dict(self.env.cr.fetchall())

        self.env.cr.execute("SHOW default_statistics_target")
        self.assertGreaterEqual(CODE_STATISTICS, 10 * int(self.env.cr.fetchone()[0]))
        expected = {"renovation_code": CODE_STATISTICS, "renovation_code_tail": CODE_STATISTICS}
        self.assertEqual(targets(), expected)
        self.env.cr.execute("ALTER TABLE municipality_property ALTER COLUMN renovation_code SET STATISTICS -1")
        self.assertEqual(targets()["renovation_code"], -1)
        self.env["municipality.property"].init()
        self.assertEqual(targets(), expected)

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
