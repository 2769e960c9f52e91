"""The fee formulas of DOMAIN.md §5 as a municipality enters them in finance's tariff book, assessed on permit
files: every amount below is worked out by hand in the comments from the document's figures (P, the regional
value of the property's block, is 1,000,000 rials a m² in 1405; see ``PermitSetup._add_year``).

The tariffs (DOMAIN.md §5, "Fees (local tariff book)"):

* residential area toll, on the file: T = (S − 20 m² × parking spaces provided) × P × X(S), X 15 % to 200 m²,
  20 % to 400, 25 % to 600, 30 % above (Tehran region 5, multi-unit);
* commercial «پذیره», per commercial floor: area × 5P × M(floor) × (1 + (L−3)/10 + (H−4)/10 + N/10), M 100 %
  ground, 60 % basement, 50 % first, 45 % second, 35 % higher (N is 0 in this tariff book);
* density, per floor with excess density: multiple × P × area, 5×, 6×, 6×, 7×, 8×, 10×, 10× from the first
  floor up (Nasirshahr);
* parking deficit, on the file: M × P × S for each space missing (one space required per unit), M 50 for the
  first, 70 for each further one, S 25 m² a space (Mashhad residential);
* the education share: 3 % of the area, «پذیره» and density tolls (the 1403 cabinet decision), collected for
  the treasury on a liability account, not on revenue.
"""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import create_toll_type
from .permit_common import DAY, PermitCase

RESIDENTIAL = ("max(residential_area - 20 * parking_spaces, 0) * regional_value"
               " * (15 if residential_area <= 200 else 20 if residential_area <= 400"
               " else 25 if residential_area <= 600 else 30) / 100")
COMMERCIAL = ("area * 5 * regional_value"
              " * (100 if floor_number == 0 else 60 if floor_number < 0 else 50 if floor_number == 1"
              " else 45 if floor_number == 2 else 35) / 100"
              " * (1 + (frontage - 3) / 10 + (height - 4) / 10)")
DENSITY = ("(5 if floor_number <= 1 else 6 if floor_number <= 3 else 7 if floor_number == 4"
           " else 8 if floor_number == 5 else 10) * regional_value * excess_area")
PARKING = ("(50 * min(max(units - parking_spaces, 0), 1) + 70 * max(units - parking_spaces - 1, 0))"
           " * regional_value * 25")
EDUCATION = "fees_amount * 3 / 100"


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitFeeExamples(PermitCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        tolls = {
            "UP_RES": ("عوارض زیربنای مسکونی", [("residential_area", "زیربنای مسکونی"),
                                                ("parking_spaces", "پارکینگ تأمین‌شده"),
                                                ("regional_value", "ارزش منطقه‌ای")], RESIDENTIAL),
            "UP_COM": ("عوارض پذیره تجاری", [("area", "مساحت طبقه"), ("regional_value", "ارزش منطقه‌ای"),
                                              ("floor_number", "طبقه"), ("frontage", "بر مغازه"),
                                              ("height", "ارتفاع")], COMMERCIAL),
            "UP_DEN": ("عوارض مازاد تراکم", [("excess_area", "مساحت مازاد"), ("regional_value", "ارزش منطقه‌ای"),
                                             ("floor_number", "طبقه")], DENSITY),
            "UP_PRK": ("عوارض کسری پارکینگ", [("units", "تعداد واحد"), ("parking_spaces", "پارکینگ تأمین‌شده"),
                                               ("regional_value", "ارزش منطقه‌ای")], PARKING),
            "UP_EDU": ("سهم آموزش و پرورش", [("fees_amount", "جمع عوارض پروانه")], EDUCATION),
        }
        cls.toll = {}
        for code, (name, inputs, formula) in tolls.items():
            account = "irm_shares_payable" if code == "UP_EDU" else "irm_revenue_building_permit"
            cls.toll[code] = create_toll_type(env, cls.company, code, name, inputs, account=account)
            # a basement is floor −1
            cls.toll[code].input_ids.filtered(lambda i: i.key == "floor_number").allow_negative = True
            env["municipality.toll.tariff"].create({"toll_type_id": cls.toll[code].id,
                                                    "fiscal_year_id": cls.year_1405.id, "formula": formula})
        def line(code, sequence, **values):
            return (0, 0, {"toll_type_id": cls.toll[code].id, "sequence": sequence, **values})

        cls.permit_type.fee_line_ids = [
            (5, 0, 0),
            line("UP_RES", 1, in_share_base=True),
            line("UP_COM", 2, per_floor=True, floor_use="commercial", in_share_base=True),
            line("UP_DEN", 3, per_floor=True, only_with_excess=True, in_share_base=True),
            line("UP_PRK", 4),
            line("UP_EDU", 5),
        ]
        accounts = env["account.chart.template"].with_company(cls.company)
        cls.revenue_account = accounts.ref("irm_revenue_building_permit")
        cls.shares_account = accounts.ref("irm_shares_payable")
        director = new_test_user(env, "up_fee_director", groups="municipality_finance.group_finance_director",
                                 company_id=cls.company.id, company_ids=[cls.company.id])
        cls.budget = env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۵", "fiscal_year_id": cls.year_1405.id, "company_id": cls.company.id,
            "resolution_number": "۱۴۰۴/۲۱۷", "resolution_date": "2026-02-25",
            "line_ids": [(0, 0, {"line_type": "revenue", "code": "11010", "name": "عوارض پروانه ساختمانی",
                                 "account_ids": [(6, 0, cls.revenue_account.ids)],
                                 "amount_approved": 5_000_000_000})]})
        cls.budget.with_user(director).action_approve()
        cls.revenue_line = cls.budget.line_ids

    def _permit(self, floors, parking):
        """A file on the 200 m² property of zone UP-R (density 180 %, 4 floors, occupancy 60 %): ``floors`` are
        (floor, use, area, frontage, height), one unit each."""
        return self._new_permit(parking_spaces=parking, floor_ids=[
            (0, 0, {"floor": floor, "use": use, "area": area, "units": 1, "frontage": frontage, "height": height})
            for floor, use, area, frontage, height in floors])

    def _assessed(self, permit):
        """{(toll code, floor or None): amount} of the file's assessments."""
        result = {}
        for assessment in permit.sudo().assessment_ids:
            values = {line.input_id.key: line.value_number for line in assessment.input_ids}
            key = (assessment.toll_type_id.code,
                   int(values["floor_number"]) if "floor_number" in values else None)
            self.assertNotIn(key, result)
            result[key] = assessment.amount_total
        return result

    def test_residential_building_with_excess_density_and_missing_parking(self):
        # Four residential floors of 100 m² (S = 400 m²), one unit each, two parking spaces.
        permit = self._permit([(f, "residential", 100, 0, 0) for f in range(4)], parking=2)
        self._to_stage(permit, "payment")
        # The zoning allows 180 % × 200 m² = 360 m²: the 40 m² above are excess, on the top floor (3).
        self.assertEqual(permit.zoning_state, "excess")
        self.assertEqual(permit.floor_ids.filtered(lambda line: line.floor == 3).excess_area, 40)
        self.assertEqual(self._assessed(permit), {
            # S = 400 m² is in the 20 % band: (400 − 20 × 2) × 1,000,000 × 20 % = 360 × 200,000
            ("UP_RES", None): 72_000_000,
            # the third floor's multiple is 6: 6 × 1,000,000 × 40
            ("UP_DEN", 3): 240_000_000,
            # 4 units, 2 spaces: 2 missing, (50 + 70) × 1,000,000 × 25
            ("UP_PRK", None): 3_000_000_000,
            # 3 % of (72,000,000 + 240,000,000), not of the parking deficit
            ("UP_EDU", None): 9_360_000,
        })
        self.assertEqual(permit.amount_assessed, 72_000_000 + 240_000_000 + 3_000_000_000 + 9_360_000)

    def test_mixed_building_pays_the_commercial_permit_toll_per_floor(self):
        # Shops in the basement (40 m²), on the ground and first floors (60 m² each), 4 m front, 5 m high;
        # two residential floors of 90 m² (S = 180 m²); five units, five parking spaces.
        permit = self._permit([(-1, "commercial", 40, 4, 5), (0, "commercial", 60, 4, 5), (1, "commercial", 60, 4, 5),
                               (2, "residential", 90, 0, 0), (3, "residential", 90, 0, 0)], parking=5)
        self._to_stage(permit, "payment")
        # 300 m² above ground, within the 360 m² allowed: no density toll
        self.assertEqual(permit.zoning_state, "ok")
        self.assertEqual(self._assessed(permit), {
            # S = 180 m², 15 % band: (180 − 20 × 5) × 1,000,000 × 15 % = 80 × 150,000
            ("UP_RES", None): 12_000_000,
            # factor 1 + (4 − 3)/10 + (5 − 4)/10 = 1.2; basement M 60 %: 40 × 5,000,000 × 0.6 × 1.2
            ("UP_COM", -1): 144_000_000,
            # ground M 100 %: 60 × 5,000,000 × 1.2
            ("UP_COM", 0): 360_000_000,
            # first floor M 50 %: 60 × 5,000,000 × 0.5 × 1.2
            ("UP_COM", 1): 180_000_000,
            # five spaces for five units: nothing missing
            ("UP_PRK", None): 0,
            # 3 % of (12,000,000 + 144,000,000 + 360,000,000 + 180,000,000) = 3 % of 696,000,000
            ("UP_EDU", None): 20_880_000,
        })

    def test_estimate_of_a_commercial_building_before_applying(self):
        # Four floors of shops of 50 m², 5 m front, 4.5 m high; four spaces for four units.
        permit = self._permit([(f, "commercial", 50, 5, 4.5) for f in range(4)], parking=4)
        estimate = [(toll.code, amount) for toll, amount in permit._estimate_fees(DAY)]
        # factor 1 + (5 − 3)/10 + (4.5 − 4)/10 = 1.25; 50 × 5,000,000 × 1.25 = 312,500,000 × M(floor)
        self.assertEqual(estimate, [
            ("UP_RES", 0),               # no residential floor: S = 0
            ("UP_COM", 312_500_000),     # ground, 100 %
            ("UP_COM", 156_250_000),     # first, 50 %
            ("UP_COM", 140_625_000),     # second, 45 %
            ("UP_COM", 109_375_000),     # third, 35 %
            ("UP_PRK", 0),
            ("UP_EDU", 21_562_500),      # 3 % of 718,750,000
        ])
        self.assertFalse(permit.sudo().assessment_ids)

    def test_a_shop_without_its_frontage_and_height_is_not_assessed(self):
        permit = self._permit([(0, "commercial", 60, 0, 0), (1, "residential", 100, 0, 0)], parking=2)
        self._to_stage(permit, "fees")
        with self.assertRaisesRegex(UserError, "frontage and height of floor 0"):
            permit.with_user(self.expert).action_assess_fees()
        self.assertFalse(permit.sudo().assessment_ids)

    def test_the_education_share_is_a_liability_not_revenue(self):
        permit = self._permit([(f, "residential", 100, 0, 0) for f in range(4)], parking=2)
        self._to_stage(permit, "payment")
        assessments = permit.sudo().assessment_ids
        share = assessments.filtered(lambda a: a.toll_type_id.code == "UP_EDU")
        tolls = assessments - share
        share_items = share.invoice_id.invoice_line_ids
        # 3 % of (72,000,000 + 240,000,000), credited to statutory shares payable (305001), a current liability
        self.assertEqual(share_items.account_id, self.shares_account)
        self.assertEqual(self.shares_account.account_type, "liability_current")
        self.assertEqual(sum(share_items.mapped("credit")), 9_360_000)
        self.assertFalse(share_items.budget_line_id)
        self.assertFalse(share.invoice_id.line_ids.filtered(
            lambda item: item.account_id.account_type in ("income", "income_other")))
        # the tolls are the municipality's revenue: on the revenue account and its budget line
        self.assertEqual(tolls.invoice_id.invoice_line_ids.account_id, self.revenue_account)
        self.assertEqual(tolls.invoice_id.invoice_line_ids.budget_line_id, self.revenue_line)
        self.revenue_line.invalidate_recordset()
        self.assertEqual(self.revenue_line.amount_actual, 72_000_000 + 240_000_000 + 3_000_000_000)
        # the citizen pays the share with the tolls: the file moves on only when it is paid too
        tolls._pay_in_full(date=DAY)
        self.assertEqual(permit.stage_id.action, "payment")
        share._pay_in_full(date=DAY)
        self.assertEqual(permit.stage_id.action, "signatures")
