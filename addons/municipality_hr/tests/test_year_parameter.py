from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MunicipalityHrCase


@tagged("post_install", "-at_install")
class TestYearParameter(MunicipalityHrCase):

    def test_shipped_years(self):
        Parameter = self.env["municipality.hr.year.parameter"]
        y1404 = Parameter._for_year(1404, self.company)
        self.assertTrue(y1404.verified)
        self.assertEqual(y1404.min_monthly_wage, 103_909_680)
        self.assertEqual(y1404.child_allowance, 3 * y1404.min_daily_wage)
        self.assertEqual(y1404.insurance_ceiling_monthly, 7 * 30 * 3_463_656)
        self.assertEqual(y1404._tax_bands(), [
            (240_000_000, 0), (300_000_000, 10), (380_000_000, 15), (500_000_000, 20), (666_666_667, 25), (None, 30)])
        self.assertEqual(y1404._insurance_rates(self.sso), {"employee": 7, "employer": 20, "unemployment": 3})
        y1405 = Parameter._for_year(1405, self.company)
        self.assertFalse(y1405.verified)
        self.assertEqual(y1405.min_monthly_wage, 166_255_500)
        self.assertEqual(y1405._tax_bands()[0], (400_000_000, 0))
        self.assertEqual(Parameter._for_year(1403, self.company).min_daily_wage, 2_388_728)

    def test_missing_year_refused(self):
        with self.assertRaisesRegex(Exception, "payroll parameters"):
            self.env["municipality.hr.year.parameter"]._for_year(1399, self.company)

    def test_copy_forward(self):
        own = self.env["municipality.hr.year.parameter"]._for_year(1404, self.company).copy(
            {"jalali_year": 1410, "company_id": self.company.id, "verified": True})
        own.tax_band_ids = [(5, 0, 0), (0, 0, {"sequence": 1, "upper_bound": 1000, "rate": 0}), (0, 0, {"sequence": 2, "rate": 10})]
        action = own.action_copy_forward()
        copy = self.env["municipality.hr.year.parameter"].browse(action["res_id"])
        self.assertEqual((copy.jalali_year, copy.company_id, copy.verified), (1411, self.company, False))
        self.assertEqual(copy._tax_bands(), [(1000, 0), (None, 10)])
        self.assertEqual(copy.min_daily_wage, own.min_daily_wage)
        self.assertEqual(copy.insurance_rate_ids.insurer_id, self.sso)
        # a second click opens the same year
        self.assertEqual(own.action_copy_forward()["res_id"], copy.id)
        # a company's own year wins over the shared one
        self.assertEqual(self.env["municipality.hr.year.parameter"]._for_year(1410, self.company), own)

    def test_bad_figures_refused(self):
        shared = self.env["municipality.hr.year.parameter"]._for_year(1404, self.company)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            shared.copy({"jalali_year": 1420, "min_daily_wage": -1})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            shared.copy({"jalali_year": 1421, "hours_divisor": 0})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["municipality.hr.year.parameter"].create({"jalali_year": 1422, "tax_band_ids": [
                (0, 0, {"sequence": 1, "upper_bound": 500, "rate": 0}), (0, 0, {"sequence": 2, "upper_bound": 100, "rate": 10}),
                (0, 0, {"sequence": 3, "rate": 20})]})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["municipality.hr.year.parameter"].create({"jalali_year": 1423, "tax_band_ids": [
                (0, 0, {"sequence": 1, "upper_bound": 500, "rate": 120})]})
        self.assertFalse(self.env["municipality.hr.year.parameter"].search([("jalali_year", ">=", 1420)]))

    def test_only_managers_change_parameters(self):
        shared = self.env["municipality.hr.year.parameter"]._for_year(1404, self.company)
        self.assertEqual(shared.with_user(self.payroll_officer).min_daily_wage, 3_463_656)
        with self.assertRaises(AccessError):
            shared.with_user(self.payroll_officer).write({"min_daily_wage": 1})
        with self.assertRaises(AccessError):
            shared.with_user(self.hr_officer).write({"min_daily_wage": 1})
