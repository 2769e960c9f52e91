"""Gaps found by an audit: an inspection in violation opens its violation; the zoning check says what the excess
density costs; the owner pays on Odoo's invoice portal and nobody else sees the invoice; regional values are
imported from an XLSX file through Odoo's import."""

import io

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .permit_common import PermitCase, PermitSetup


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestInspectionOpensViolation(PermitCase):
    """Issue item 5: a violation is found by an inspection or a supervisor's report."""

    def _inspection(self, permit, outcome, floors=(), **values):
        vals = {"permit_id": permit.id if permit else False, "property_id": self.property.id,
                "kind": "construction", "findings": "طبقه دوم بیش از پروانه ساخته شده", "outcome": outcome,
                "inspector_id": self.inspector.id,
                "measured_floor_ids": [(0, 0, {"floor": f, "use": "residential", "area": a}) for f, a in floors]}
        vals.update(values)
        return self.env["municipality.inspection"].with_user(self.inspector).create(vals)

    def test_violation_outcome_opens_one_linked_violation_per_excess_floor(self):
        permit = self._new_permit()  # 3 × 120 m²
        inspection = self._inspection(permit, "violation", floors=[(0, 120), (1, 120), (2, 150)])
        inspection.with_user(self.inspector).action_done()
        violation = inspection.violation_ids
        self.assertEqual(len(violation), 1)
        self.assertEqual((violation.inspection_id, violation.permit_id, violation.property_id),
                         (inspection, permit, self.property))
        self.assertEqual((violation.kind, violation.floor, violation.use, violation.state),
                         ("excess_area", 2, "residential", "open"))
        self.assertAlmostEqual(violation.measured_area, 30)
        self.assertEqual(violation.description, inspection.findings)
        self.assertEqual(violation.detected_date, inspection.done_date)
        # never a second one: the visit cannot be done twice, and opening again adds nothing
        with self.assertRaisesRegex(UserError, "already done"):
            inspection.with_user(self.inspector).action_done()
        inspection._open_violations()
        self.assertEqual(self.env["municipality.violation"].search_count([("inspection_id", "=", inspection.id)]), 1)

    def test_compliant_outcome_opens_nothing(self):
        permit = self._new_permit()
        inspection = self._inspection(permit, "compliant", floors=[(0, 120), (1, 120), (2, 120)])
        inspection.with_user(self.inspector).action_done()
        self.assertEqual(inspection.state, "done")
        self.assertFalse(self.env["municipality.violation"].search([("property_id", "=", self.property.id)]))

    def test_without_floor_figures_the_inspectors_measurement_is_used(self):
        # no permit file: construction without a permit, on the building area the inspector measured
        inspection = self._inspection(False, "violation", measured_building_area=85)
        inspection.with_user(self.inspector).action_done()
        self.assertEqual((inspection.violation_ids.kind, inspection.violation_ids.measured_area), ("no_permit", 85))
        # a permit file and a measured total above the permit's 360 m²
        permit = self._new_permit()
        inspection = self._inspection(permit, "violation", measured_building_area=400)
        inspection.with_user(self.inspector).action_done()
        self.assertEqual((inspection.violation_ids.kind, inspection.violation_ids.measured_area), ("excess_area", 40))

    def test_violation_without_any_excess_is_refused_and_nothing_written(self):
        permit = self._new_permit()
        inspection = self._inspection(permit, "violation", floors=[(0, 120)])
        with self.assertRaises(UserError) as caught:  # in a savepoint: rolled back as the request would be
            inspection.with_user(self.inspector).action_done()
        self.assertIn("no area built beyond the permit", caught.exception.args[0])
        inspection.invalidate_recordset()
        self.assertEqual(inspection.state, "planned")
        self.assertFalse(self.env["municipality.violation"].search([("inspection_id", "=", inspection.id)]))


    def test_the_inspector_names_what_measurements_do_not_show(self):
        permit = self._new_permit()  # 3 × 120 m²
        # floor 2 built 30 m² larger, and two parking spaces turned into a shop: two violations
        inspection = self._inspection(permit, "violation", floors=[(0, 120), (1, 120), (2, 150)],
                                      violation_kind="change_of_use", violation_area=25)
        inspection.with_user(self.inspector).action_done()
        self.assertEqual(sorted(inspection.violation_ids.mapped("kind")), ["change_of_use", "excess_area"])
        named = inspection.violation_ids.filtered(lambda v: v.kind == "change_of_use")
        self.assertEqual((named.measured_area, named.permit_id, named.state), (25, permit, "open"))
        with self.assertRaisesRegex(UserError, "no longer change"):
            inspection.with_user(self.inspector).write({"violation_kind": "missing_parking"})
        # missing parking alone, nothing built beyond the permit: one violation, no area needed
        inspection = self._inspection(permit, "violation", floors=[(0, 120)], violation_kind="missing_parking")
        inspection.with_user(self.inspector).action_done()
        self.assertEqual(inspection.violation_ids.mapped("kind"), ["missing_parking"])

    def test_a_named_violation_needs_its_outcome_and_its_area(self):
        permit = self._new_permit()
        contradictory = self._inspection(permit, "compliant", floors=[(0, 120)], violation_kind="missing_parking")
        with self.assertRaisesRegex(UserError, "outcome is not"):
            contradictory.with_user(self.inspector).action_done()
        encroachment = self._inspection(permit, "violation", floors=[(0, 120)], violation_kind="street_encroachment")
        with self.assertRaisesRegex(UserError, "area built on the street"):  # in a savepoint, as a request is
            encroachment.with_user(self.inspector).action_done()
        encroachment.invalidate_recordset()
        with self.assertRaises(ValidationError):
            encroachment.with_user(self.inspector).write({"violation_area": -3})
        for inspection in contradictory | encroachment:
            inspection.invalidate_recordset()
            self.assertEqual(inspection.state, "planned")
        self.assertFalse(self.env["municipality.violation"].search(
            [("inspection_id", "in", (contradictory | encroachment).ids)]))
        encroachment.with_user(self.inspector).write({"violation_area": 6.5})
        encroachment.with_user(self.inspector).action_done()
        self.assertEqual((encroachment.violation_ids.kind, encroachment.violation_ids.measured_area),
                         ("street_encroachment", 6.5))


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestZoningCheckDensityToll(PermitCase):
    """Issue item 3: the excess is shown with what it costs (the density toll)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)

    def _checked(self, lang, floors):
        permit = self._new_permit(floors=floors)
        self._to_stage(permit, "zoning")
        permit.with_user(self.expert).with_context(lang=lang).action_zoning_check()
        return permit

    def test_excess_message_states_the_density_toll(self):
        # 4 × 110 m² on 200 m² = 220% > 180%: 80 m² on floor 3, × 1,000,000 × 7 = 560,000,000 rials
        permit = self._checked("en_US", [(0, 110), (1, 110), (2, 110), (3, 110)])
        self.assertEqual(permit.zoning_state, "excess")
        self.assertIn("Estimated density toll: 560,000,000 rials.", permit.zoning_message)
        # the same figure as the citizen's estimate and as the assessment made later
        self.assertEqual(dict((t.code, a) for t, a in permit._estimate_fees())["UP_DENS"], 560_000_000)

    def test_persian_user_reads_the_toll_in_persian_digits(self):
        permit = self._checked("fa_IR", [(0, 110), (1, 110), (2, 110), (3, 110)])
        self.assertIn(to_persian_digits("560,000,000"), permit.zoning_message)
        self.assertIn("عوارض مازاد تراکم برآوردی", permit.zoning_message)
        self.assertNotIn("560", permit.zoning_message)

    def test_conforming_request_mentions_no_toll(self):
        permit = self._checked("en_US", [(0, 120), (1, 120), (2, 120)])
        self.assertEqual(permit.zoning_state, "ok")
        self.assertNotIn("density toll", permit.zoning_message)

    def test_missing_regional_value_says_why_the_toll_is_unknown(self):
        permit = self._to_stage(self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)]), "zoning")
        self.env["municipality.regional.value"].search([("district_id", "=", self.district.id)]).unlink()
        permit.with_user(self.expert).action_zoning_check()
        self.assertEqual(permit.zoning_state, "excess")
        self.assertIn("The density toll cannot be estimated yet", permit.zoning_message)
        self.assertIn("regional value", permit.zoning_message)


@tagged("post_install", "-at_install")
class TestPortalInvoicePayment(PermitSetup, HttpCase):
    """Issue item 7: the owner pays the assessments on Odoo's invoice portal; another citizen never sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        portal = env.ref("base.group_portal")
        users = {"company_id": cls.company.id, "company_ids": [(6, 0, [cls.company.id])],
                 "group_ids": [(6, 0, [portal.id])]}
        cls.citizen = env["res.users"].create({"login": "gap_citizen", "password": "gap_citizen",
                                               "partner_id": cls.owner.id, **users})
        cls.stranger_user = env["res.users"].create({"login": "gap_stranger", "password": "gap_stranger",
                                                     "partner_id": cls.stranger.id, **users})

    def test_owner_opens_the_assessment_invoice_and_a_stranger_does_not(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._to_stage(self._new_permit(), "payment")
        invoice = permit.sudo().assessment_ids[:1].invoice_id
        self.assertEqual(invoice.state, "posted")
        amount = f"{int(invoice.amount_total):,}"
        self.authenticate("gap_citizen", "gap_citizen")
        # the link the permit's portal page gives (with its access token)
        file_page = self.url_open(f"/my/permits/{permit.id}")
        self.assertIn(invoice.get_portal_url().split("?")[0], file_page.text)
        page = self.url_open(invoice.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.name, page.text)
        self.assertTrue(amount in page.text or to_persian_digits(amount) in page.text, amount)
        # another citizen, logged in: the bare URL and a forged token send back to their portal home
        self.authenticate("gap_stranger", "gap_stranger")
        for url in (f"/my/invoices/{invoice.id}", f"/my/invoices/{invoice.id}?access_token=forged"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (303, 403, 404))
                if response.status_code == 303:
                    self.assertTrue(response.headers["Location"].endswith("/my"), response.headers["Location"])
                self.assertNotIn(invoice.name, response.text)
                self.assertNotIn(self.owner.name, response.text)
        self.assertFalse(self.env(user=self.stranger_user)["account.move"].search([("id", "=", invoice.id)]))


@tagged("post_install", "-at_install")
class TestRegionalValueXlsxImport(PermitCase):
    """Issue item 1: regional values are imported from XLSX, through Odoo's import (base_import)."""

    FIELDS = ["fiscal_year_id", "district_id", "block", "street_segment", "land_value", "building_value",
              "transactional_value"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)
        cls.year_1406 = cls.env["municipality.fiscal.year"].create({"jalali_year": 1406, "company_id": cls.company.id})

    def _xlsx(self, rows):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["سال مالی", "منطقه", "بلوک", "گذر", "ارزش زمین", "ارزش ساختمان", "ارزش معاملاتی"])
        for row in rows:
            sheet.append(row)
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    def _import(self, rows, lang="en_US"):
        wizard = self.env["base_import.import"].with_context(lang=lang).create({
            "res_model": "municipality.regional.value", "file": self._xlsx(rows), "file_name": "regional_1406.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
        options = {"has_headers": True, "quoting": '"', "separator": ",", "float_thousand_separator": ",",
                   "float_decimal_separator": "."}
        preview = wizard.parse_preview(dict(options))
        self.assertNotIn("error", preview, preview.get("error"))
        self.assertEqual(len(preview["headers"]), len(self.FIELDS))
        # a bad row is refused by PostgreSQL, which odoo.sql_db logs as a bad query before the import reports it
        with mute_logger("odoo.sql_db"):
            return wizard.execute_import(self.FIELDS, preview["headers"], options)

    def _values_1406(self):
        return self.env["municipality.regional.value"].search([("fiscal_year_id", "=", self.year_1406.id)])

    def test_xlsx_rows_become_regional_values(self):
        year, district = self.year_1406.name, self.district.name
        result = self._import([
            [year, district, "۲۱", None, 1_200_000, 700_000, 450_000],
            [year, district, "22", "گذر ۳", 1_500_000, 800_000, None],
        ])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), 2)
        values = self._values_1406().sorted("block")
        self.assertEqual(values.mapped("block"), ["21", "22"])  # Persian digits of the sheet normalized
        self.assertEqual(values.mapped("street_segment"), [False, "گذر 3"])  # digits normalized for the lookup
        self.assertEqual(values.mapped("land_value"), [1_200_000, 1_500_000])
        self.assertEqual(values.mapped("building_value"), [700_000, 800_000])
        self.assertEqual(values.mapped("transactional_value"), [450_000, 0])
        self.assertEqual(values.district_id, self.district)
        # the imported values are the ones a permit of that year reads
        prop = self.property
        self.assertEqual(self.env["municipality.regional.value"]._lookup(prop, self.year_1406)[prop], values[0])

    def test_bad_row_gives_a_clear_error_and_creates_nothing(self):
        year, district = self.year_1406.name, self.district.name
        result = self._import([
            [year, district, "21", None, 1_200_000, 700_000, 450_000],
            [year, district, "22", None, -5, 700_000, 450_000],
        ], lang="fa_IR")
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertIn("قیمت منطقه‌ای نمی‌تواند منفی باشد.", " ".join(m["message"] for m in errors))
        self.assertFalse(self._values_1406(), "nothing of the file is kept")
        # an unknown district names the value that was not found
        result = self._import([[year, "منطقه ناموجود", "21", None, 1, 1, 1]])
        self.assertFalse(result["ids"])
        self.assertIn("منطقه ناموجود", " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(self._values_1406())
