from freezegun import freeze_time
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

    def test_demo_adds_the_current_year_with_the_latest_values(self):
        """The demo data's helper: the current Jalali year gets the latest earlier year's tariffs and regional
        values (the demo defines 1404 and 1405 and assesses permit fees today); run again, it adds nothing."""
        FiscalYear = self.env["municipality.fiscal.year"]
        Tariff, Value = self.env["municipality.toll.tariff"], self.env["municipality.regional.value"]
        source = FiscalYear.create({"jalali_year": 1478})
        account = self.env["account.account"].create({"name": "Demo toll", "code": "URBDEMO1", "account_type": "income"})
        toll_type = self.env["municipality.toll.type"].create({
            "name": "Demo toll", "code": "URB-DEMO", "account_id": account.id,
            "input_ids": [(0, 0, {"key": "area", "name": "Area"})]})
        Tariff.create({"toll_type_id": toll_type.id, "fiscal_year_id": source.id, "formula": "area * 2"})
        for block, land_value in (("112", 5_000_000), ("113", 6_000_000)):
            Value.create({"fiscal_year_id": source.id, "district_id": self.district.id, "block": block,
                          "land_value": land_value, "building_value": 1_000_000})
        with freeze_time("2101-06-01 08:00:00"):  # 1480/03/11 in Tehran
            FiscalYear._demo_ensure_current_year()
            current = FiscalYear.search([("jalali_year", "=", 1480), ("company_id", "=", self.env.company.id)])
            self.assertEqual(len(current), 1)
            self.assertEqual(len(current.period_ids), 12)
            tariff = Tariff.search([("fiscal_year_id", "=", current.id)])
            self.assertEqual((tariff.toll_type_id, tariff.formula), (toll_type, "area * 2"))
            values = Value.search([("fiscal_year_id", "=", current.id), ("district_id", "=", self.district.id)])
            self.assertEqual(sorted(values.mapped("block")), ["112", "113"])
            values.filtered(lambda value: value.block == "112").land_value = 7_000_000
            FiscalYear._demo_ensure_current_year()
            self.assertEqual(FiscalYear.search_count([("jalali_year", "=", 1480)]), 1)
            self.assertEqual(Tariff.search_count([("fiscal_year_id", "=", current.id)]), 1)
            again = Value.search([("fiscal_year_id", "=", current.id), ("district_id", "=", self.district.id)])
            self.assertEqual(again, values)
            self.assertEqual(sorted(again.mapped("land_value")), [6_000_000, 7_000_000])
