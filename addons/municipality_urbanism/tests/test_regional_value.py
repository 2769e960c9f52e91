from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import UrbanismCommon


@tagged("post_install", "-at_install")
class TestRegionalValue(UrbanismCommon, TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_urbanism()
        FiscalYear = cls.env["municipality.fiscal.year"]
        cls.year = FiscalYear.search([("jalali_year", "=", 1405), ("company_id", "=", cls.env.company.id)]) \
            or FiscalYear.create({"jalali_year": 1405})

    def test_lookup_segment_then_block(self):
        Value = self.env["municipality.regional.value"]
        block = Value.create({"fiscal_year_id": self.year.id, "district_id": self.district.id, "block": "۱۱۲",
                              "land_value": 5_000_000, "building_value": 3_000_000, "transactional_value": 2_000_000})
        segment = Value.create({"fiscal_year_id": self.year.id, "district_id": self.district.id, "block": "112",
                                "street_segment": "7", "land_value": 6_000_000, "building_value": 3_500_000})
        on_block = self._create_property(code="87-112-1")
        on_segment = self._create_property(code="87-112-2", street_segment="۷")
        elsewhere = self._create_property(code="87-113-1")
        found = Value._lookup(on_block | on_segment | elsewhere, self.year)
        self.assertEqual(found[on_block], block)
        self.assertEqual(found[on_segment], segment)
        self.assertFalse(found[elsewhere])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            Value.create({"fiscal_year_id": self.year.id, "district_id": self.district.id, "block": "112",
                          "land_value": 1, "building_value": 1})
