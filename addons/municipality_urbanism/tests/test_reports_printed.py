"""The urban-planning reports go through wkhtmltopdf (an HttpCase: it fetches the report's stylesheet and fonts
from the server). Set URBANISM_REPORTS_PDF_DIR to keep the PDFs (to look at them with pdftoppm)."""

import os
from datetime import date

from odoo.tests import freeze_time, tagged

from odoo.addons.municipality_base.tests.common import PrintedReportCase

from .common import create_toll_type
from .permit_common import DAY, PermitSetup


@tagged("post_install", "-at_install")
class TestUrbanismReportsPrinted(PermitSetup, PrintedReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("fa_IR")
        env["ir.module.module"]._load_module_terms(
            ["municipality_base", "municipality_finance", "municipality_urbanism"], ["fa_IR"], overwrite=True)
        (cls.head | cls.inspector).lang = "fa_IR"
        cls.inspector.name = "مأمور بازدید آزمون"
        cls.company.currency_id.words_unit_fa = "ریال"
        stages = {stage.action: stage for stage in cls.permit_type.stage_ids}
        renovation = create_toll_type(env, cls.company, "RENOV", "عوارض نوسازی",
                                      [("land_area", "مساحت زمین"), ("land_value", "ارزش زمین")])
        env["municipality.toll.tariff"].create({"toll_type_id": renovation.id, "fiscal_year_id": cls.year_1405.id,
                                                "formula": "land_area * land_value * 0.005"})
        Assessment = env["municipality.toll.assessment"].sudo()
        with freeze_time(DAY):
            for issued, floors in ((date(2026, 4, 25), [(0, 120), (1, 120), (2, 120)]), (date(2026, 5, 31), [(1, 90)])):
                permit = cls._new_permit(cls, floors=floors)
                permit.sudo().write({"state": "issued", "issue_date": issued, "stage_id": stages["issue"].id})
                permit.sudo().assessment_ids = Assessment.create_assessment(
                    cls.owner, cls.toll_permit, {"area": sum(a for _f, a in floors), "regional_value": 1_000_000},
                    date=DAY, origin=permit)
            permit.sudo().assessment_ids._pay_in_full(date=DAY)
            cls._new_permit(cls).sudo().write({
                "state": "in_progress", "stage_id": stages["visit"].id, "stage_start_date": date(2026, 5, 20),
                "stage_deadline": date(2026, 5, 27)})
            Assessment.create_assessment(cls.owner, renovation, {"land_area": 200, "land_value": 1_000_000},
                                         date=date(2026, 4, 1), due_date=date(2026, 5, 1), origin=cls.property)
            env["municipality.violation"].create({
                "property_id": cls.property.id, "kind": "excess_area", "measured_area": 20, "floor": 2,
                "description": "طبقه دوم بیش از پروانه", "company_id": cls.company.id})

    @freeze_time("2026-06-10 08:00:00")
    def test_every_report_prints(self):
        keep = os.environ.get("URBANISM_REPORTS_PDF_DIR")
        for model in ("permit.issued", "permit.stage", "permit.fee", "violation", "renovation.toll"):
            with self.subTest(model=model):
                wizard = self.env[f"municipality.urbanism.{model}.report"].with_user(self.head).with_context(
                    lang="fa_IR").create({"fiscal_year_id": self.year_1405.id, "company_id": self.company.id})
                # the web client fetches /report/pdf/<report_name>/<ids>: the name must lead to this wizard's report
                report_name = wizard.action_print_pdf()["report_name"]
                self.assertEqual(self.env["ir.actions.report"]._get_report(report_name),
                                 self.env.ref(wizard._pdf_report))
                self.assert_prints(wizard._pdf_report, wizard)
                if keep:
                    pdf, _format = self.env["ir.actions.report"].with_user(self.head).with_context(
                        lang="fa_IR", force_report_rendering=True)._render_qweb_pdf(wizard._pdf_report, wizard.ids)
                    with open(os.path.join(keep, f"{model}.pdf"), "wb") as file:
                        file.write(pdf)
