"""The urban-planning reports (issue 11 item 9): each report's figures from data built here, the XLSX read back
(right to left, Persian headers, Jalali months, totals), the printed HTML in Persian, bad periods and roles."""

import base64
import io
import re
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .commission_common import CommissionCase
from .common import create_toll_type
from .permit_common import DAY

TODAY = "2026-06-10 08:00:00"  # 1405/03/20, a Wednesday, Tehran's morning
PERSIAN = re.compile(r"[\u0600-\u06FF]")


@tagged("post_install", "-at_install")
class TestUrbanismReports(CommissionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("fa_IR")
        env["ir.module.module"]._load_module_terms(
            ["municipality_base", "municipality_finance", "municipality_urbanism"], ["fa_IR"], overwrite=True)
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "fa_IR"}
        for user in (cls.front_desk, cls.inspector, cls.other_inspector, cls.expert, cls.head, cls.deputy,
                     cls.mayor, cls.cashier, cls.secretary):
            user.lang = "fa_IR"
        cls.inspector.name = "مأمور بازدید آزمون"
        cls.company.currency_id.words_unit_fa = "ریال"
        cls.accountant = new_test_user(env, "up_rep_accountant", groups="municipality_finance.group_finance_accountant",
                                       **users)
        cls.year_1404 = cls._add_year(1404)
        env["municipality.toll.tariff"].create({
            "toll_type_id": cls.toll_renovation.id, "fiscal_year_id": cls.year_1404.id,
            "formula": "land_area * land_value * 0.005"})
        cls.district_89 = env["municipality.district"].create({"code": "89", "name": "منطقه آزمون ۸۹",
                                                               "company_id": cls.company.id})
        cls.property_89 = env["municipality.property"].create({
            "renovation_code": "89-5-1", "district_id": cls.district_89.id, "land_area": 100,
            "company_id": cls.company.id, "owner_share_ids": [(0, 0, {"partner_id": cls.owner.id, "share_dang": 6})]})
        stages = {stage.action: stage for stage in cls.permit_type.stage_ids}
        cls.stage_visit, cls.stage_zoning = stages["visit"], stages["zoning"]

        def permit(floors, issued=None, prop=None, inspector=None, **values):
            record = cls._new_permit(cls, floors=floors, property_id=(prop or cls.property).id,
                                     inspector_id=(inspector or cls.inspector).id)
            if issued:
                values.update(state="issued", issue_date=issued, stage_id=stages["issue"].id)
            if values:
                record.sudo().write(values)
            return record

        with freeze_time(DAY):
            # issued in Ordibehesht 1405 in district 88: 3 + 2 floors
            cls.permit_a = permit([(0, 120), (1, 120), (2, 120)], issued=date(2026, 4, 25))
            cls.permit_b = permit([(0, 80), (1, 100)])
            cls.permit_b.floor_ids[0].use = "commercial"  # before it is issued: then its floors are locked
            cls.permit_b.sudo().write({"state": "issued", "issue_date": date(2026, 5, 15),
                                       "stage_id": stages["issue"].id})
            # issued in Khordad 1405 in district 89, assigned to the other inspector
            cls.permit_c = permit([(1, 150)], issued=date(2026, 5, 31), prop=cls.property_89,
                                  inspector=cls.other_inspector)
            # issued in 1404: outside the period
            cls.permit_d = permit([(1, 90)], issued=date(2026, 2, 1))
            # open files: one overdue at the visit, one in time at the zoning check
            cls.permit_e = permit([(1, 100)], state="in_progress", stage_id=cls.stage_visit.id,
                                  stage_start_date=date(2026, 5, 20), stage_deadline=date(2026, 5, 27))
            cls.permit_f = permit([(1, 100)], state="in_progress", stage_id=cls.stage_zoning.id,
                                  stage_start_date=date(2026, 6, 8), stage_deadline=date(2026, 6, 15),
                                  inspector=cls.other_inspector)

            Assessment = env["municipality.toll.assessment"].sudo()
            fee_a = Assessment.create_assessment(cls.owner, cls.toll_permit, {"area": 100, "regional_value": 1_000_000},
                                                 date=DAY, origin=cls.permit_a)
            fee_b = Assessment.create_assessment(cls.owner, cls.toll_permit, {"area": 50, "regional_value": 1_000_000},
                                                 date=DAY, origin=cls.permit_b)
            density_b = Assessment.create_assessment(
                cls.owner, cls.toll_density, {"excess_area": 10, "regional_value": 1_000_000, "floor_number": 2},
                date=DAY, origin=cls.permit_b)
            cls.permit_a.sudo().assessment_ids = fee_a
            cls.permit_b.sudo().assessment_ids = fee_b | density_b
            fee_a._pay_in_full(date=DAY)

            # renovation toll: district 88 unpaid this year and last, district 89 paid
            renov = {"land_area": 200, "land_value": 1_000_000}
            Assessment.create_assessment(cls.owner, cls.toll_renovation, renov, date=date(2026, 4, 1),
                                         due_date=date(2026, 5, 1), origin=cls.property)
            Assessment.create_assessment(cls.owner, cls.toll_renovation, {"land_area": 200, "land_value": 800_000},
                                         date=date(2026, 1, 15), due_date=date(2026, 3, 20), origin=cls.property)
            Assessment.create_assessment(cls.owner, cls.toll_renovation, {"land_area": 100, "land_value": 1_000_000},
                                         date=date(2026, 4, 1), due_date=date(2026, 5, 1),
                                         origin=cls.property_89)._pay_in_full(date=date(2026, 4, 10))

    def _wizard(self, model, user, **values):
        return self.env[f"municipality.urbanism.{model}.report"].with_user(user).with_context(lang="fa_IR").create(
            {"fiscal_year_id": self.year_1405.id, "company_id": self.company.id, **values})

    def _period(self, month):
        return self.year_1405.period_ids.filtered(lambda p: p.jalali_month == month)

    def _xlsx(self, wizard):
        wizard.action_export_xlsx()
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))

    def _sheet_rows(self, sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    # ------------------------------------------------------------------ 1. permits issued
    def test_permits_issued_per_district_type_and_month(self):
        wizard = self._wizard("permit.issued", self.head)
        table = wizard._get_tables()[0]
        type_name = self.permit_type.with_context(lang="fa_IR").name
        self.assertEqual([column.header for column in table.columns][-3:],
                         ["زیربنای مسکونی (متر مربع)", "زیربنای تجاری (متر مربع)", "جمع زیربنا (متر مربع)"])
        self.assertEqual(table.rows, [
            ["منطقه آزمون ۸۸", type_name, "اردیبهشت ۱۴۰۵", 2, 5, 460.0, 80.0, 540.0],
            ["منطقه آزمون ۸۹", type_name, "خرداد ۱۴۰۵", 1, 1, 150.0, 0.0, 150.0],
        ])
        self.assertEqual(table.totals, ["جمع", "", "", 3, 6, 610.0, 80.0, 690.0])
        # one district, two months of the year
        wizard = self._wizard("permit.issued", self.mayor, district_id=self.district_89.id,
                              period_from_id=self._period(3).id, period_to_id=self._period(3).id)
        self.assertEqual([row[3] for row in wizard._get_tables()[0].rows], [1])

        book = self._xlsx(self._wizard("permit.issued", self.head))
        sheet = book.worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        rows = self._sheet_rows(sheet)
        header = next(row for row in rows if row and row[0] == "منطقه")
        self.assertEqual(header[:5], ["منطقه", "نوع پروانه", "ماه صدور", "پروانه‌ها", "واحدها"])
        self.assertIn(["منطقه آزمون ۸۸", type_name, "اردیبهشت ۱۴۰۵", 2, 5, 460, 80, 540], rows)
        self.assertEqual(rows[-1], ["جمع", "", "", 3, 6, 610, 80, 690])

    def test_inspector_counts_only_the_files_assigned_to_them(self):
        table = self._wizard("permit.issued", self.inspector)._get_tables()[0]
        self.assertEqual([row[:4] for row in table.rows],
                         [["منطقه آزمون ۸۸", self.permit_type.with_context(lang="fa_IR").name, "اردیبهشت ۱۴۰۵", 2]])
        self.assertEqual(table.totals[3:5], [2, 5])

    # ------------------------------------------------------------------ 2. files per stage
    @freeze_time(TODAY)
    def test_files_per_stage_against_the_sla(self):
        summary, detail, completed = self._wizard("permit.stage", self.head)._get_tables()
        visit, zoning = self.stage_visit.with_context(lang="fa_IR"), self.stage_zoning.with_context(lang="fa_IR")
        self.assertEqual([row[1:] for row in summary.rows], [
            [visit.name, visit.group_id.name, visit.sla_days, 1, 1, 21],
            [zoning.name, zoning.group_id.name, zoning.sla_days, 1, 0, 2]])
        self.assertEqual(summary.totals[4:], [2, 1, 21])
        self.assertEqual(summary.highlighted, {0})
        self.assertEqual(detail.rows, [
            [self.permit_e.name, "منطقه آزمون ۸۸", visit.name, self.inspector.name, "۱۴۰۵/۰۲/۳۰", "۱۴۰۵/۰۳/۰۶",
             21, -14],
            [self.permit_f.name, "منطقه آزمون ۸۸", zoning.name, zoning.group_id.name, "۱۴۰۵/۰۳/۱۸", "۱۴۰۵/۰۳/۲۵",
             2, 5]])
        self.assertEqual(detail.highlighted, {0})
        # the stays that ended in the period (the stage log): every file left the application on the day it
        # was issued or moved on (permit_e on 1405/02/30, permit_f on 1405/03/18, 29 days after its 2-working-day
        # deadline), four of six after that deadline (Tuesday 1405/02/22)
        application = self.permit_type.stage_ids.sorted()[0].with_context(lang="fa_IR")
        self.assertEqual(completed.rows, [
            [self.permit_type.with_context(lang="fa_IR").name, application.name, application.group_id.name, 2,
             6, 4, 10.8, 29]])
        self.assertEqual(completed.totals[4:], [6, 4, 10.8, 29])
        self.assertEqual(completed.highlighted, {0})
        # the inspector holds only the visit
        _summary, detail, _completed = self._wizard("permit.stage", self.inspector)._get_tables()
        self.assertEqual([row[0] for row in detail.rows], [self.permit_e.name])
        # the overdue day count is red in the XLSX (negative in the amount format)
        sheet = self._xlsx(self._wizard("permit.stage", self.head)).worksheets[1]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        cell = next(row[7] for row in sheet.iter_rows() if row[0].value == self.permit_e.name)
        self.assertEqual((cell.value, cell.number_format), (-14, "#,##0;[Red]-#,##0"))

    # ------------------------------------------------------------------ 3. fees
    def test_fees_assessed_and_collected_per_permit_type(self):
        table = self._wizard("permit.fee", self.expert)._get_tables()[0]
        type_name = self.permit_type.with_context(lang="fa_IR").name
        self.assertEqual(table.rows, [
            [type_name, "عوارض پروانه", 2, 2, 30_000_000, 20_000_000, 10_000_000, 20_000_000 / 30_000_000],
            [type_name, "عوارض مازاد تراکم", 1, 1, 70_000_000, 0, 70_000_000, 0.0]])
        self.assertEqual(table.totals[3:7], [3, 100_000_000, 20_000_000, 80_000_000])
        self.assertEqual(len(self._wizard("permit.fee", self.expert)._get_tables()), 1)  # no share collected
        # a month without assessments
        wizard = self._wizard("permit.fee", self.mayor, period_from_id=self._period(5).id,
                              period_to_id=self._period(6).id)
        with self.assertRaisesRegex(UserError, "گزارشی نیست|چیزی برای گزارش"):
            wizard.action_export_xlsx()

    def test_a_share_collected_for_another_body_is_apart_from_the_fees(self):
        accounts = self.env["account.chart.template"].with_company(self.company)
        share = create_toll_type(self.env, self.company, "UP_EDU_R", "سهم آموزش و پرورش", [("fees_amount", "مبلغ عوارض")],
                                 account="irm_shares_payable")
        self.env["municipality.toll.tariff"].create({"toll_type_id": share.id, "fiscal_year_id": self.year_1405.id,
                                                     "formula": "fees_amount * 0.03"})
        self.assertEqual(share.account_id, accounts.ref("irm_shares_payable"))
        with freeze_time(DAY):
            assessment = self.env["municipality.toll.assessment"].sudo().create_assessment(
                self.owner, share, {"fees_amount": 80_000_000}, date=DAY, origin=self.permit_b)
        self.permit_b.sudo().assessment_ids |= assessment
        fees, shares = self._wizard("permit.fee", self.expert)._get_tables()
        # the municipality's fees and their total are as before; the share is a table of its own
        self.assertEqual(fees.totals[3:7], [3, 100_000_000, 20_000_000, 80_000_000])
        type_name = self.permit_type.with_context(lang="fa_IR").name
        self.assertEqual(shares.rows, [[type_name, "سهم آموزش و پرورش", 1, 1, 2_400_000, 0, 2_400_000, 0.0]])
        self.assertEqual(shares.totals[3:7], [1, 2_400_000, 0, 2_400_000])
        workbook = self._xlsx(self._wizard("permit.fee", self.expert))
        self.assertEqual(len(workbook.worksheets), 2)
        self.assertTrue(workbook.worksheets[1].sheet_view.rightToLeft)

    def test_an_inspector_gets_no_fee_violation_or_renovation_report(self):
        for model in ("permit.fee", "violation", "renovation.toll"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self._wizard(model, self.inspector)
        with self.assertRaises(AccessError):
            self._wizard("renovation.toll", self.front_desk)
        with self.assertRaises(AccessError):
            self._wizard("permit.issued", self.accountant)

    # ------------------------------------------------------------------ 4. violations and rulings
    def test_violations_and_rulings(self):
        with freeze_time(DAY):
            violation = self._violation()
            self._violation(kind="no_permit", area=30, prop=self.property_89)
            violation.with_user(self.expert).action_refer_to_commission()
            case = violation.case_id
            case.with_user(self.secretary).action_submit()
            self._session(case, [self._fine(violation, 2)]).action_decide()
            case.with_user(self.secretary).action_notify(DAY)
        with freeze_time("2026-05-21 08:00:00"):
            case.with_user(self.secretary).action_finalize()
        ruling = case.final_ruling_ids
        self.assertEqual(ruling.fine_amount, 16_000_000)  # 2 × 400,000 × 20 m²

        violations, rulings = self._wizard("violation", self.secretary)._get_tables()
        states = self.env["municipality.violation"]._fields["state"].selection
        self.assertEqual([column.header for column in violations.columns][:3],
                         ["تخلف", "تخلف‌ها", "مساحت اندازه‌گیری‌شده (متر مربع)"])

        def state_counts(*records):
            return [sum(1 for record in records if record.state == state) for state, _label in states]

        no_permit = self.env["municipality.violation"].search([("kind", "=", "no_permit"),
                                                              ("company_id", "=", self.company.id)])
        self.assertEqual(violations.rows, [
            ["اضافه بنا", 1, 20.0, *state_counts(violation)],
            ["ساخت بدون پروانه", 1, 30.0, *state_counts(no_permit)]])
        self.assertEqual(violations.totals[:3], ["جمع", 2, 50.0])
        self.assertEqual(rulings.rows, [["اضافه بنا", "جریمه", 1, 20.0, 16_000_000, 0, 16_000_000]])

        ruling.assessment_id.sudo()._pay_in_full(date=date(2026, 5, 25))
        _violations, rulings = self._wizard("violation", self.mayor)._get_tables()
        self.assertEqual(rulings.rows, [["اضافه بنا", "جریمه", 1, 20.0, 16_000_000, 16_000_000, 0]])
        # one district only
        violations, rulings = self._wizard("violation", self.expert, district_id=self.district_89.id)._get_tables()
        self.assertEqual((len(violations.rows), rulings.rows), (1, []))

    # ------------------------------------------------------------------ 5. renovation toll
    @freeze_time(TODAY)
    def test_renovation_toll_per_district(self):
        table = self._wizard("renovation.toll", self.accountant)._get_tables()[0]
        self.assertEqual(table.rows, [
            ["منطقه آزمون ۸۸", 1, 1_000_000, 0, 1_000_000, 1_000_000, 800_000, 1_800_000],
            ["منطقه آزمون ۸۹", 1, 500_000, 500_000, 0, 0, 0, 0]])
        self.assertEqual(table.totals, ["جمع", 2, 1_500_000, 500_000, 1_000_000, 1_000_000, 800_000, 1_800_000])
        table = self._wizard("renovation.toll", self.head, district_id=self.district_89.id)._get_tables()[0]
        self.assertEqual(len(table.rows), 1)
        book = self._xlsx(self._wizard("renovation.toll", self.mayor))
        rows = self._sheet_rows(book.worksheets[0])
        self.assertEqual(rows[-1], ["جمع", 2, 1_500_000, 500_000, 1_000_000, 1_000_000, 800_000, 1_800_000])
        self.assertTrue(all(PERSIAN.search(cell) for cell in rows[0] + rows[1] if isinstance(cell, str)))

    @freeze_time(TODAY)
    def test_an_earlier_years_toll_billed_now_is_an_arrear_of_that_year(self):
        """A property registered late is billed 1404's toll in 1405: it is an arrear of 1404 (earlier
        assessments), not 1405's toll, nor overdue in 1405's period the day it is billed."""
        self.env["municipality.toll.assessment"].sudo().create_assessment(
            self.owner, self.toll_renovation, {"land_area": 100, "land_value": 600_000}, date=date(2026, 6, 1),
            due_date=date(2026, 3, 20), toll_year=self.year_1404, origin=self.property_89)
        table = self._wizard("renovation.toll", self.accountant)._get_tables()[0]
        self.assertEqual(table.rows[1], ["منطقه آزمون ۸۹", 1, 500_000, 500_000, 0, 0, 300_000, 300_000])
        # the same toll in a report of Khordad only: still no toll of the period for district 89 but its arrear
        table = self._wizard("renovation.toll", self.accountant, period_from_id=self._period(3).id,
                             period_to_id=self._period(3).id)._get_tables()[0]
        self.assertEqual(table.rows, [["منطقه آزمون ۸۸", 0, 0, 0, 0, 0, 1_800_000, 1_800_000],
                                      ["منطقه آزمون ۸۹", 0, 0, 0, 0, 0, 300_000, 300_000]])

    # ------------------------------------------------------------------ bad input
    def test_bad_periods_are_refused_in_persian(self):
        with self.assertRaisesRegex(ValidationError, "پس از"):
            self._wizard("permit.issued", self.head, period_from_id=self._period(5).id,
                         period_to_id=self._period(2).id)
        wizard = self._wizard("permit.issued", self.head, period_from_id=self._period(8).id,
                              period_to_id=self._period(9).id)
        with self.assertRaisesRegex(UserError, "آبان ۱۴۰۵|۱۴۰۵/۰۸/۰۱"):
            wizard.action_print_pdf()
        with self.assertRaises(UserError):
            wizard.action_export_xlsx()
        self.assertFalse(wizard.xlsx_file)

    # ------------------------------------------------------------------ printed
    @freeze_time(TODAY)
    def test_printed_reports_are_persian(self):
        for model, user in (("permit.issued", self.head), ("permit.stage", self.head), ("permit.fee", self.expert),
                            ("renovation.toll", self.mayor)):
            wizard = self._wizard(model, user)
            report = wizard._pdf_report
            html = self.env["ir.actions.report"].with_user(user).with_context(lang="fa_IR")._render_qweb_html(report, wizard.ids)[0].decode()
            body = re.sub(r"<script.*?</script>", " ", html[html.index("<body"):], flags=re.S)
            text = " ".join(re.sub(r"<[^>]+>|[\u200f\u200b]", " ", body).split())
            # file numbers (PF/1405/…) are identifiers, not words
            text = re.sub(r"PF/\S+", "", text)
            self.assertFalse(re.findall(r"[A-Za-z]{2,}", text), f"{model}: English words in {text}")
            self.assertIn("۱۴۰۵", text)
            self.assertIn(wizard._get_tables()[0].title, text)

    # ------------------------------------------------------------------ set-based
    def _queries(self, wizard):
        wizard.env.invalidate_all()
        before = wizard.env.cr.sql_log_count
        wizard._get_tables()
        return wizard.env.cr.sql_log_count - before

    @freeze_time(TODAY)
    def test_queries_do_not_grow_with_the_files(self):
        wizards = {model: self._wizard(model, user) for model, user in (
            ("permit.issued", self.head), ("permit.stage", self.head), ("permit.fee", self.expert),
            ("renovation.toll", self.accountant))}
        for wizard in wizards.values():  # warm the caches (access rules, translations)
            self._queries(wizard)
        counts = {model: self._queries(wizard) for model, wizard in wizards.items()}
        self.assertLessEqual(max(counts.values()), 18)  # the stage report: three tables
        Assessment = self.env["municipality.toll.assessment"].sudo()
        stages = {stage.action: stage for stage in self.permit_type.stage_ids}
        with freeze_time(DAY):
            for index in range(6):
                permit = self._new_permit(floors=[(1, 100), (2, 100)])
                permit.sudo().write({"state": "issued", "issue_date": date(2026, 5, 1 + index),
                                     "stage_id": stages["issue"].id})
                open_file = self._new_permit(floors=[(1, 100)])
                open_file.sudo().write({"state": "in_progress", "stage_id": self.stage_zoning.id,
                                        "stage_start_date": date(2026, 6, 1), "stage_deadline": date(2026, 6, 5)})
                permit.sudo().assessment_ids = Assessment.create_assessment(
                    self.owner, self.toll_permit, {"area": 200, "regional_value": 1_000_000}, date=DAY, origin=permit)
                prop = self.env["municipality.property"].create({
                    "renovation_code": f"88-21-{100 + index}", "district_id": self.district.id, "land_area": 100,
                    "company_id": self.company.id,
                    "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
                Assessment.create_assessment(self.owner, self.toll_renovation, {"land_area": 100, "land_value": 1},
                                             date=DAY, origin=prop)
        self.assertEqual(self._wizard("permit.issued", self.head)._get_tables()[0].totals[3], 3 + 6)
        self.assertEqual({model: self._queries(wizard) for model, wizard in wizards.items()}, counts)
