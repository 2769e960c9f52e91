from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_finance.tools.toll_payment_id import is_valid_payment_id
from .common import create_municipality


class TollsCase(TransactionCase):
    """A municipality with the chart of accounts, fiscal years 1404 and 1405,
    a renovation toll (5‰ of the value) and a building-permit toll."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری عوارض")
        Chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.account_renovation = Chart.ref("irm_revenue_renovation")
        cls.account_permit = Chart.ref("irm_revenue_building_permit")
        cls.account_fines = Chart.ref("irm_revenue_fines")
        cls.account_receivable = Chart.ref("irm_receivable_tolls")
        FiscalYear = cls.env["municipality.fiscal.year"]
        cls.year_1404 = FiscalYear.create({"jalali_year": 1404, "company_id": cls.company.id})
        cls.year_1405 = FiscalYear.create({"jalali_year": 1405, "company_id": cls.company.id})
        cls.day_1405 = date(2026, 5, 10)  # 1405/02/20
        cls.citizen = cls.env["res.partner"].create({"name": "رضا احمدی", "national_id": "2718450932"})
        TollType = cls.env["municipality.toll.type"]
        cls.renovation = TollType.create({
            "name": "عوارض نوسازی", "code": "RENOV", "company_id": cls.company.id,
            "account_id": cls.account_renovation.id, "penalty_account_id": cls.account_fines.id,
            "input_ids": [(0, 0, {"key": "value", "name": "ارزش ملک"})],
        })
        cls.renovation_1405 = cls.env["municipality.toll.tariff"].create({
            "toll_type_id": cls.renovation.id, "fiscal_year_id": cls.year_1405.id, "formula": "value * 5 / 1000",
            "discount_percent": 10, "penalty_percent": 2, "penalty_mode": "monthly", "penalty_max_percent": 30,
        })
        cls.permit = TollType.create({
            "name": "عوارض پروانه", "code": "BP", "company_id": cls.company.id, "account_id": cls.account_permit.id,
            "input_ids": [
                (0, 0, {"key": "area", "name": "زیربنا", "sequence": 1}),
                (0, 0, {"key": "regional_value", "name": "ارزش منطقه‌ای", "sequence": 2}),
                (0, 0, {"key": "use", "name": "کاربری", "sequence": 3, "kind": "selection", "option_ids": [
                    (0, 0, {"value": "residential", "name": "مسکونی"}),
                    (0, 0, {"value": "commercial", "name": "تجاری"})]}),
            ],
        })
        cls.permit_1405 = cls.env["municipality.toll.tariff"].create({
            "toll_type_id": cls.permit.id, "fiscal_year_id": cls.year_1405.id,
            "formula": "area * regional_value * (2.5 if use == 'commercial' else 1)",
        })
        cls.Assessment = cls.env["municipality.toll.assessment"]

    def _assess(self, toll_type=None, inputs=None, **kwargs):
        kwargs.setdefault("date", self.day_1405)
        return self.Assessment.create_assessment(
            self.citizen, toll_type or self.renovation, inputs if inputs is not None else {"value": 1_000_000_000},
            **kwargs)

    def _pay(self, assessment, amount=None):
        wizard = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=assessment.invoice_id.ids).create(
            {"payment_date": assessment.date, "amount": amount or assessment.invoice_id.amount_residual})
        return wizard._create_payments()

    def _paid_messages(self, assessment):
        return assessment.message_ids.filtered(lambda m: "Paid:" in (m.body or ""))


@tagged("post_install", "-at_install")
class TestTollTariff(TollsCase):

    def test_bad_formulas_are_refused_when_the_tariff_is_saved(self):
        for formula in ("__import__('os')", "().__class__", "value.real", "volume * 2", "value *", "9**9**9 if x else 1",
                        "[v for v in value]", "lambda: 1", "open('/etc/passwd')", ""):
            with self.subTest(formula=formula), self.assertRaises(ValidationError), self.cr.savepoint():
                self.renovation_1405.formula = formula
        self.assertEqual(self.renovation_1405.formula, "value * 5 / 1000")

    def test_the_error_names_the_problem(self):
        with self.assertRaisesRegex(ValidationError, "volume"), self.cr.savepoint():
            self.renovation_1405.formula = "volume * 2"
        with self.assertRaisesRegex(ValidationError, "__import__"), self.cr.savepoint():
            self.renovation_1405.formula = "__import__('os')"

    def test_deep_nesting_is_refused_with_a_persian_message(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        tariff = self.renovation_1405.with_context(lang="fa_IR")
        for formula in ("+".join(["value"] * 300), "-" * 999 + "value"):
            with self.subTest(formula=formula[:20]), self.assertRaisesRegex(ValidationError, "تودرتو"), \
                    self.cr.savepoint():
                tariff.formula = formula
        self.assertEqual(self.renovation_1405.formula, "value * 5 / 1000")

    def test_one_tariff_per_type_and_year(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["municipality.toll.tariff"].create({
                "toll_type_id": self.renovation.id, "fiscal_year_id": self.year_1405.id, "formula": "value"})

    def test_percentages_are_checked(self):
        for values in ({"discount_percent": 101}, {"discount_percent": -1}, {"penalty_percent": -2}):
            with self.subTest(values=values), mute_logger("odoo.sql_db"), \
                    self.assertRaises(IntegrityError), self.cr.savepoint():
                self.renovation_1405.write(values)

    def test_input_keys_are_identifiers_and_stay_in_use(self):
        for key in ("floor area", "2area", "_x", "min", "مساحت", "if"):
            with self.subTest(key=key), self.assertRaises(ValidationError), self.cr.savepoint():
                self.renovation.input_ids = [(0, 0, {"key": key, "name": "X"})]
        # renaming or deleting an input a tariff uses breaks the formula
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.renovation.input_ids.key = "property_value"
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.renovation.input_ids.unlink()
        self.assertEqual(self.renovation.input_ids.key, "value")

    def test_selection_input_needs_options(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.renovation.input_ids = [(0, 0, {"key": "zone", "name": "پهنه", "kind": "selection"})]

    def test_type_code_is_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["municipality.toll.type"].create({
                "name": "X", "code": "RENOV", "company_id": self.company.id, "account_id": self.account_renovation.id})

    def test_compute_amount_picks_the_tariff_of_the_year(self):
        self.env["municipality.toll.tariff"].create({
            "toll_type_id": self.renovation.id, "fiscal_year_id": self.year_1404.id, "formula": "value * 4 / 1000"})
        self.assertEqual(self.renovation._compute_amount({"value": 1_000_000_000}, date(2026, 3, 20)), 4_000_000)
        self.assertEqual(self.renovation._compute_amount({"value": 1_000_000_000}, date(2026, 3, 21)), 5_000_000)

    def test_published_late_warning(self):
        self.renovation_1405.resolution_date = date(2026, 2, 4)  # 1404/11/15
        self.assertFalse(self.renovation_1405.published_late)
        self.renovation_1405.resolution_date = date(2026, 2, 5)
        self.assertTrue(self.renovation_1405.published_late)


@tagged("post_install", "-at_install")
class TestTollAssessment(TollsCase):

    def test_renovation_example(self):
        assessment = self._assess(instalments=2)
        self.assertEqual(assessment.state, "confirmed")
        self.assertEqual(assessment.amount_computed, 5_000_000)
        self.assertEqual((assessment.discount_amount, assessment.penalty_amount), (0, 0))
        self.assertEqual(assessment.amount_total, 5_000_000)
        self.assertEqual(assessment.tariff_id, self.renovation_1405)
        self.assertEqual(assessment.fiscal_year_id, self.year_1405)
        self.assertEqual(assessment.toll_year_id, self.year_1405, "by default, the toll is for its date's year")
        self.assertTrue(assessment.name.startswith("TA/1405/"), assessment.name)

    def test_on_time_discount_when_paid_at_once(self):
        assessment = self._assess()
        self.assertEqual((assessment.discount_amount, assessment.amount_total), (500_000, 4_500_000))
        invoice = assessment.invoice_id
        self.assertEqual(invoice.amount_total, 4_500_000)
        self.assertEqual(invoice.invoice_line_ids.mapped("account_id"), self.account_renovation)

    def test_monthly_penalty_and_its_cap(self):
        late = self._assess(due_date=self.day_1405 - timedelta(days=45))
        self.assertEqual(late.months_late, 2)
        self.assertEqual((late.discount_amount, late.penalty_amount, late.amount_total), (0, 200_000, 5_200_000))
        penalty_line = late.invoice_id.invoice_line_ids.filtered(lambda line: line.account_id == self.account_fines)
        self.assertEqual(penalty_line.price_subtotal, 200_000)
        # Late penalties count Jalali months: 31 days from 1405/01/20 to 1405/02/20 is one month, not two
        one_month = self._assess(due_date=self.day_1405 - timedelta(days=31))
        self.assertEqual((one_month.months_late, one_month.penalty_amount), (1, 100_000))
        very_late = self._assess(due_date=self.day_1405 - timedelta(days=800))
        self.assertEqual(very_late.penalty_amount, 1_500_000)  # capped at 30%
        self.renovation_1405.penalty_mode = "flat"
        flat = self._assess(due_date=self.day_1405 - timedelta(days=800))
        self.assertEqual(flat.penalty_amount, 100_000)
        self.assertEqual(late.penalty_amount, 200_000, "a confirmed assessment keeps its amounts")

    def test_amounts_are_whole_rials_half_up(self):
        assessment = self._assess(inputs={"value": 1_000_100}, instalments=2)  # 5000.5
        self.assertEqual(assessment.amount_computed, 5001)
        discounted = self._assess(inputs={"value": 1_000_900})  # 5004.5 -> 5005; 10% = 500.5 -> 501
        self.assertEqual((discounted.amount_computed, discounted.discount_amount, discounted.amount_total),
                         (5005, 501, 4504))

    def test_selection_input(self):
        commercial = self._assess(self.permit, {"area": 120, "regional_value": 1_500_000, "use": "commercial"})
        residential = self._assess(self.permit, {"area": 120.5, "regional_value": 1_500_000, "use": "residential"})
        self.assertEqual(commercial.amount_total, 450_000_000)
        self.assertEqual(residential.amount_total, 180_750_000)
        self.assertEqual(commercial.input_ids.filtered(lambda line: line.key == "use").option_id.value, "commercial")

    def test_instalments_make_a_payment_term_with_n_lines(self):
        assessment = self._assess(instalments=3)
        term = assessment.invoice_id.invoice_payment_term_id
        self.assertEqual(len(term.line_ids), 3)
        self.assertEqual(term.line_ids.mapped("nb_days"), [0, 30, 60])
        receivables = assessment.invoice_id.line_ids.filtered(lambda line: line.display_type == "payment_term")
        self.assertEqual(len(receivables), 3)
        self.assertEqual(sum(receivables.mapped("debit")), 5_000_000)
        # Jalali months: 1405/02/20, 1405/03/20, 1405/04/20 (Ordibehesht and Khordad have 31 days)
        self.assertEqual(sorted(receivables.mapped("date_maturity")),
                         [self.day_1405, self.day_1405 + timedelta(days=31), self.day_1405 + timedelta(days=62)])
        self.assertEqual(self._assess(instalments=3).invoice_id.invoice_payment_term_id, term, "the term is reused")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._assess(instalments=0)

    def test_invoice_is_posted_with_payment_id_on_the_revenue_account(self):
        assessment = self._assess(instalments=2)
        invoice = assessment.invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.journal_id.code, "REV")
        self.assertEqual(invoice.partner_id, self.citizen)
        self.assertEqual(invoice.invoice_date, self.day_1405)
        self.assertEqual(invoice.toll_type_id, self.renovation)
        self.assertTrue(is_valid_payment_id(assessment.payment_id))
        self.assertEqual(invoice.payment_reference, assessment.payment_id)
        self.assertTrue(assessment.payment_id.startswith("05"))
        revenue = invoice.line_ids.filtered(lambda line: line.account_id == self.account_renovation)
        self.assertEqual(revenue.credit, 5_000_000)
        receivable = invoice.line_ids.filtered(lambda line: line.account_id == self.account_receivable)
        self.assertEqual(sum(receivable.mapped("debit")), 5_000_000)
        self.assertNotEqual(self._assess().payment_id, assessment.payment_id)

    def test_paid_state_follows_the_invoice_and_on_paid_runs_once_per_payment(self):
        assessment = self._assess(instalments=2)
        self.assertFalse(assessment.is_paid)
        self._pay(assessment, amount=2_000_000)
        self.assertEqual((assessment.state, assessment.payment_state), ("confirmed", "partial"))
        self.assertFalse(self._paid_messages(assessment))
        payment = self._pay(assessment)
        self.assertEqual(assessment.state, "paid")
        self.assertTrue(assessment.is_paid)
        self.assertIn(assessment.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.Assessment.search([("is_paid", "=", True), ("partner_id", "=", self.citizen.id)]),
                         assessment)
        self.assertEqual(len(self._paid_messages(assessment)), 1)
        # undo the last payment: _on_unpaid runs; pay again: _on_paid runs again, once
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual((assessment.state, assessment.paid_hook_done), ("confirmed", False))
        self._pay(assessment)
        self.assertEqual((assessment.state, assessment.paid_hook_done), ("paid", True))
        self.assertEqual(len(self._paid_messages(assessment)), 2)
        assessment._notify_paid()
        self.assertEqual(len(self._paid_messages(assessment)), 2)

    def test_a_zero_toll_is_paid_at_once(self):
        assessment = self._assess(inputs={"value": 0})
        self.assertEqual(assessment.amount_total, 0)
        self.assertEqual(assessment.state, "paid")
        self.assertEqual(len(self._paid_messages(assessment)), 1)

    def test_no_tariff_for_the_year(self):
        count = self.Assessment.search_count([])
        with self.assertRaisesRegex(UserError, "عوارض نوسازی.*۱۴۰۴"):
            self._assess(date=date(2025, 6, 1))
        with self.assertRaisesRegex(UserError, "no fiscal year"):
            self._assess(date=date(2030, 6, 1))
        self.assertEqual(self.Assessment.search_count([]), count, "nothing is created when the assessment fails")

    def test_bad_inputs(self):
        count = self.Assessment.search_count([])
        for inputs, message in (
            ({}, "Enter"),
            ({"value": None}, "Enter"),
            ({"value": 10, "area": 5}, "no input area"),
            ({"value": -10}, "negative"),
            ({"value": "1000"}, "must be a number"),
            ({"value": True}, "must be a number"),
            ({"value": float("nan")}, "must be a number"),
        ):
            with self.subTest(inputs=inputs), self.assertRaisesRegex(UserError, message):
                self._assess(inputs=inputs)
        with self.assertRaisesRegex(UserError, "not an option"):
            self._assess(self.permit, {"area": 1, "regional_value": 1, "use": "military"})
        with self.assertRaisesRegex(UserError, "not an option"):
            self._assess(self.permit, {"area": 1, "regional_value": 1, "use": 3})
        self.assertEqual(self.Assessment.search_count([]), count)

    def test_formula_that_cannot_be_computed(self):
        self.renovation_1405.formula = "value / (value - 1000)"
        with self.assertRaisesRegex(UserError, "divides by zero"):
            self._assess(inputs={"value": 1000})

    def test_negative_total_is_refused(self):
        self.renovation_1405.formula = "value - 1000"
        self.renovation.input_ids.allow_negative = True
        with self.assertRaisesRegex(UserError, "negative amount"):
            self._assess(inputs={"value": 10})

    def test_draft_assessment_from_the_form(self):
        assessment = self.Assessment.create({
            "partner_id": self.citizen.id, "toll_type_id": self.permit.id, "date": self.day_1405})
        self.assertEqual(assessment.input_ids.mapped("key"), ["area", "regional_value", "use"])
        self.assertTrue(assessment.amount_error, "the missing use is reported on the form")
        with self.assertRaisesRegex(UserError, "کاربری"):
            assessment.action_confirm()
        self.assertEqual((assessment.state, assessment.name), ("draft", "/"))
        lines = {line.key: line for line in assessment.input_ids}
        lines["area"].value_number = 100
        lines["regional_value"].value_number = 1000
        lines["use"].option_id = self.permit.input_ids.option_ids.filtered(lambda o: o.value == "commercial")
        self.assertEqual((assessment.amount_total, assessment.amount_error), (250_000, False))
        assessment.action_confirm()
        self.assertEqual(assessment.state, "confirmed")
        with self.assertRaises(UserError):
            assessment.action_confirm()

    def test_draft_confirmed_after_the_tariff_changed(self):
        """A draft saved under one tariff and confirmed after the tariff changed is confirmed at the tariff in
        force: its amounts are written again, and its invoice carries them."""
        assessment = self.Assessment.create({
            "partner_id": self.citizen.id, "toll_type_id": self.renovation.id, "date": self.day_1405})
        assessment.input_ids.value_number = 1_000_000
        saved = assessment.amount_total
        self.assertTrue(saved)
        self.renovation_1405.formula = "value * 2"
        self.env.invalidate_all()
        self.assertEqual(assessment.amount_total, saved, "the stored draft keeps the amount it was saved with")
        assessment.action_confirm()
        self.assertEqual(assessment.amount_computed, 2_000_000)
        self.assertEqual(assessment.invoice_id.amount_total, assessment.amount_total)
        self.assertNotEqual(assessment.amount_total, saved)

    def test_confirmed_assessments_are_frozen(self):
        assessment = self._assess()
        with self.assertRaises(UserError):
            assessment.toll_type_id = self.permit
        with self.assertRaises(UserError):
            assessment.date = date(2026, 6, 1)
        with self.assertRaises(UserError):
            assessment.input_ids.value_number = 1
        self.renovation_1405.formula = "value * 6 / 1000"
        self.assertEqual(assessment.amount_total, 4_500_000)

    def test_cancel(self):
        assessment = self._assess()
        assessment.action_cancel()
        self.assertEqual(assessment.state, "cancelled")
        self.assertEqual(assessment.invoice_id.state, "cancel")
        paid = self._assess()
        self._pay(paid)
        with self.assertRaisesRegex(UserError, "payments"):
            paid.action_cancel()
        self.assertEqual(paid.state, "paid")

    def test_invoiced_assessments_are_not_deleted(self):
        assessment = self._assess()
        with self.assertRaises(UserError):
            assessment.unlink()
        draft = self.Assessment.create({"partner_id": self.citizen.id, "toll_type_id": self.renovation.id})
        draft.unlink()

    def test_a_past_years_toll_billed_later_takes_its_years_tariff_and_penalty(self):
        """``toll_year``: a toll of 1404 billed on 1405/02/20 is dated that day (invoice, revenue and number in
        1405) and computed with 1404's tariff, due at the end of 1404: two months late."""
        count = self.Assessment.search_count([])
        with self.assertRaisesRegex(UserError, "۱۴۰۴"):  # 1404 has no tariff yet
            self._assess(toll_year=self.year_1404, due_date=self.year_1404.date_to)
        tariff_1404 = self.env["municipality.toll.tariff"].create({
            "toll_type_id": self.renovation.id, "fiscal_year_id": self.year_1404.id, "formula": "value * 4 / 1000",
            "discount_percent": 20, "penalty_percent": 3, "penalty_mode": "monthly"})
        with self.assertRaisesRegex(UserError, "before its year begins"):
            self._assess(date=self.year_1404.date_to, toll_year=self.year_1405)
        other = self.env["res.company"].create({"name": "شهرداری دیگر"})
        other_year = self.env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": other.id})
        with self.assertRaisesRegex(UserError, "is not a year of"):
            self._assess(toll_year=other_year)
        with self.assertRaisesRegex(UserError, "no fiscal year"):  # billed on a day without a fiscal year
            self._assess(date=date(2030, 6, 1), toll_year=self.year_1404)
        self.assertEqual(self.Assessment.search_count([]), count, "nothing is created when the assessment fails")

        late = self._assess(toll_year=self.year_1404, due_date=self.year_1404.date_to)
        self.assertEqual((late.date, late.fiscal_year_id, late.toll_year_id, late.tariff_id),
                         (self.day_1405, self.year_1405, self.year_1404, tariff_1404))
        # 4‰ of 1,000,000,000 = 4,000,000; 1404/12/29 to 1405/02/20: two months started, 3 % each
        self.assertEqual((late.months_late, late.amount_computed, late.discount_amount, late.penalty_amount,
                          late.amount_total), (2, 4_000_000, 0, 240_000, 4_240_000))
        self.assertTrue(late.name.startswith("TA/1405/"), late.name)
        self.assertEqual((late.invoice_id.invoice_date, late.invoice_id.amount_total), (self.day_1405, 4_240_000))
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            late.toll_year_id = self.year_1405
        # a draft takes the tariff of the toll year chosen on it, and of its date's year by default
        draft = self.Assessment.create({"partner_id": self.citizen.id, "toll_type_id": self.renovation.id,
                                        "date": self.day_1405})
        draft.input_ids.value_number = 1_000_000_000
        self.assertEqual((draft.toll_year_id, draft.tariff_id, draft.amount_total),
                         (self.year_1405, self.renovation_1405, 4_500_000))
        draft.write({"toll_year_id": self.year_1404.id, "due_date": self.year_1404.date_to})
        self.assertEqual((draft.tariff_id, draft.penalty_amount, draft.amount_total),
                         (tariff_1404, 240_000, 4_240_000))
        draft.action_confirm()
        self.assertEqual((draft.state, draft.toll_year_id, draft.amount_total), ("confirmed", self.year_1404, 4_240_000))

    def test_closed_year(self):
        self.year_1405.state = "closed"
        with self.assertRaisesRegex(UserError, "closed"):
            self._assess()

    def test_create_assessment_api(self):
        origin = self.env["res.partner"].create({"name": "پرونده ۱۲"})
        assessment = self.Assessment.create_assessment(
            self.citizen, "RENOV", {"value": 2_000_000_000}, date=self.day_1405, instalments=1, origin=origin)
        self.assertEqual(assessment.state, "confirmed")
        self.assertEqual((assessment.origin_model, assessment.origin_id), ("res.partner", origin.id))
        self.assertEqual(assessment.origin_name, "پرونده ۱۲")
        self.assertEqual(assessment.amount_total, 9_000_000)
        self.assertEqual(assessment.company_id, self.company)
        with self.assertRaisesRegex(UserError, "NOPE"):
            self.Assessment.create_assessment(self.citizen, "NOPE", {})

    def test_create_assessments_in_one_batch(self):
        """The batch API: every item checked first, then one create, one numbering, one invoice create and one
        posting; the invoices carry the receivable lines Odoo's synchronisation would have made."""
        other = self.env["res.partner"].create({"name": "مینا کریمی"})
        late = self.day_1405 - timedelta(days=70)
        vals_list = [
            {"partner": self.citizen, "toll_type": self.renovation, "inputs": {"value": 1_000_000_000},
             "date": self.day_1405},
            {"partner": other, "toll_type": "BP", "inputs": {"area": 100, "regional_value": 1_000_000,
                                                              "use": "residential"},
             "date": self.day_1405, "instalments": 3},
            {"partner": other, "toll_type": self.renovation, "inputs": {"value": 2_000_000_000},
             "date": self.day_1405, "due_date": late, "origin": self.citizen},
        ]
        count = self.Assessment.search_count([])
        bad = [*vals_list[:2], {**vals_list[2], "inputs": {"value": -1}}]
        with self.assertRaises(UserError):
            self.Assessment.create_assessments(bad)
        self.assertEqual(self.Assessment.search_count([]), count, "one bad item: nothing is created")

        assessments = self.Assessment.create_assessments(vals_list)
        self.assertEqual(assessments.partner_id.ids, [self.citizen.id, other.id])
        self.assertEqual([a.partner_id for a in assessments], [self.citizen, other, other])
        self.assertEqual(assessments.mapped("state"), ["confirmed"] * 3)
        self.assertEqual(assessments[0].amount_total, 4_500_000)
        self.assertEqual(assessments[1].amount_total, 100_000_000)
        self.assertGreater(assessments[2].penalty_amount, 0)
        self.assertEqual((assessments[2].origin_model, assessments[2].origin_id), ("res.partner", self.citizen.id))
        self.assertEqual(len(set(assessments.mapped("name"))), 3)
        self.assertEqual(len(set(assessments.mapped("payment_id"))), 3)
        for assessment in assessments:
            invoice = assessment.invoice_id
            self.assertTrue(is_valid_payment_id(assessment.payment_id))
            self.assertEqual((invoice.state, invoice.payment_reference), ("posted", assessment.payment_id))
            self.assertEqual((invoice.amount_total, invoice.amount_residual),
                             (assessment.amount_total, assessment.amount_total))
            terms = invoice.line_ids.filtered(lambda line: line.display_type == "payment_term")
            self.assertEqual(terms.account_id, self.account_receivable)
            self.assertEqual(terms.partner_id, assessment.partner_id)
            self.assertEqual({(line.date_maturity, line.balance) for line in terms},
                             {(key["date_maturity"], values["balance"])
                              for key, values in invoice.needed_terms.items()},
                             "the receivable lines are those Odoo's synchronisation computes")
        self.assertEqual(len(assessments[1].invoice_id.line_ids.filtered(
            lambda line: line.display_type == "payment_term")), 3)
        fines = assessments[2].invoice_id.line_ids.filtered(lambda line: line.account_id == self.account_fines)
        self.assertEqual(fines.credit, assessments[2].penalty_amount)
        # the invoices behave as any other: a partial payment, then the rest
        self._pay(assessments[1], amount=40_000_000)
        self.assertEqual(assessments[1].payment_state, "partial")
        self._pay(assessments[1])
        self.assertTrue(assessments[1].is_paid)
        self.assertEqual(self.Assessment.create_assessments([]), self.Assessment)

    def test_access_rights(self):
        clerk = new_test_user(self.env, "toll_clerk", groups="municipality_finance.group_finance_clerk",
                              company_id=self.company.id, company_ids=[self.company.id])
        employee = new_test_user(self.env, "toll_employee", groups="base.group_user",
                                 company_id=self.company.id, company_ids=[self.company.id])
        assessment = self.Assessment.with_user(clerk).create_assessment(
            self.citizen.with_user(clerk), self.renovation.with_user(clerk), {"value": 1_000_000_000},
            date=self.day_1405)
        self.assertEqual(assessment.state, "confirmed")
        with self.assertRaises(AccessError):
            self.renovation.with_user(clerk).name = "X"
        with self.assertRaises(AccessError):
            self.renovation_1405.with_user(clerk).formula = "value"
        self.assertEqual(self.renovation.with_user(employee).name, "عوارض نوسازی")
        # Assessments hold citizens' national IDs: other employees do not read them (callers use related fields).
        with self.assertRaises(AccessError):
            assessment.with_user(employee).read(["is_paid"])
        self.assertFalse(assessment.with_user(employee).sudo().is_paid)
        with self.assertRaises(AccessError):
            assessment.with_user(employee).action_cancel()


@tagged("post_install", "-at_install")
class TestTollPaidByCheque(TollsCase):
    """A toll settled by a received cheque is paid when the cheque clears, and unpaid again when it bounces."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)
        cls.accountant = new_test_user(
            cls.env, "toll_cheque_accountant", groups="municipality_finance.group_finance_accountant",
            company_id=cls.company.id, company_ids=[cls.company.id])

    def _cheque(self, assessment, sayad="1234567890123456"):
        return self.env["municipality.cheque"].create({
            "direction": "received", "sayad_number": sayad, "partner_id": self.citizen.id,
            "amount": assessment.invoice_id.amount_residual, "date": self.day_1405, "due_date": self.day_1405,
            "journal_id": self.bank_journal.id, "company_id": self.company.id,
            "invoice_ids": [assessment.invoice_id.id]}).with_user(self.accountant)

    def _unpaid_messages(self, assessment):
        return assessment.message_ids.filtered(lambda m: "Unpaid again" in (m.body or ""))

    def test_a_received_cheque_pays_only_when_it_clears(self):
        assessment = self._assess()
        cheque = self._cheque(assessment)
        cheque.action_receive(self.day_1405)
        self.assertIn(assessment.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertEqual((assessment.state, assessment.is_paid, assessment.paid_hook_done), ("confirmed", False, False))
        self.assertFalse(self._paid_messages(assessment))
        cheque.action_deposit(self.day_1405)
        self.assertFalse(assessment.is_paid)
        self.assertFalse(self.Assessment.search([("is_paid", "=", True), ("id", "=", assessment.id)]))
        cheque.action_clear(self.day_1405)
        self.assertEqual((assessment.state, assessment.is_paid, assessment.paid_hook_done), ("paid", True, True))
        self.assertEqual(len(self._paid_messages(assessment)), 1)

    def test_a_bounced_cheque_makes_it_unpaid_and_calls_on_unpaid(self):
        assessment = self._assess()
        cheque = self._cheque(assessment)
        cheque.action_receive(self.day_1405)
        cheque.action_deposit(self.day_1405)
        cheque.action_bounce(self.day_1405)
        self.assertEqual((assessment.state, assessment.paid_hook_done), ("confirmed", False))
        self.assertFalse(self._paid_messages(assessment))
        self.assertFalse(self._unpaid_messages(assessment))  # it was never paid
        # paid in cash, then the payment is undone: _on_unpaid runs once and resets the flag
        payment = self._pay(assessment)
        self.assertEqual((assessment.state, assessment.paid_hook_done), ("paid", True))
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual((assessment.state, assessment.paid_hook_done), ("confirmed", False))
        self.assertEqual(len(self._unpaid_messages(assessment)), 1)
        # a second cheque that clears pays it again: _on_paid runs again
        second = self._cheque(assessment, sayad="6543210987654321")
        second.action_receive(self.day_1405)
        self.assertFalse(assessment.is_paid)
        second.action_deposit(self.day_1405)
        second.action_clear(self.day_1405)
        self.assertEqual((assessment.state, assessment.paid_hook_done), ("paid", True))
        self.assertEqual(len(self._paid_messages(assessment)), 2)

    def test_on_unpaid_runs_once_when_a_paid_assessment_loses_its_payment(self):
        assessment = self._assess()
        payment = self._pay(assessment)
        self.assertEqual(len(self._paid_messages(assessment)), 1)
        payment.action_cancel()
        self.assertEqual((assessment.state, assessment.is_paid, assessment.paid_hook_done), ("confirmed", False, False))
        self.assertEqual(len(self._unpaid_messages(assessment)), 1)
