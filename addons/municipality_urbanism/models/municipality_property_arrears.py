from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali

CLEARANCE_GROUPS = ("municipality_urbanism.group_urbanism_front_desk", "municipality_finance.group_finance_clerk")


class MunicipalityPropertyArrears(models.Model):
    """What a property owes the municipality — every unpaid assessment of it: its renovation tolls of every year,
    the fees of its permit files, the fines of its Article 100 cases — its clearance (مفاصاحساب), and the answer
    to a notary's or a bank's inquiry about it."""

    _inherit = "municipality.property"

    def _assessments(self):
        """Every assessment (not cancelled) billed for these properties: on the property itself (the renovation
        toll), on its permit files (their fees and their renewals' fees) and on its commission cases (their fines).
        Superuser records."""
        Assessment = self.env["municipality.toll.assessment"].sudo()
        permits = self.env["municipality.permit"].sudo().search([("property_id", "in", self.ids)])
        cases = self.env["municipality.commission.case"].sudo().search([("property_id", "in", self.ids)])
        return Assessment.search([
            ("state", "!=", "cancelled"), "|", "|", "&",
            ("origin_model", "=", self._name), ("origin_id", "in", self.ids),
            ("id", "in", (permits.assessment_ids | permits.renewal_assessment_ids).ids), "&",
            ("origin_model", "=", "municipality.commission.case"), ("origin_id", "in", cases.ids)],
            order="date, id")

    def _unpaid_assessments(self):
        """**The** method of what is unpaid for these properties (any kind, any year), for the clearance and
        for whatever else needs to know it."""
        return self._assessments().filtered(lambda assessment: not assessment.is_paid)

    def _unpaid_lines(self, assessments=None):
        """One Persian line per unpaid assessment (``assessments``, default: all that these properties owe): what
        it is, its year, its number and what is left to pay."""
        lines = []
        for assessment in self._unpaid_assessments() if assessments is None else assessments:
            residual = assessment.invoice_id.amount_residual if assessment.invoice_id else assessment.amount_total
            lines.append(self.env._(
                "%(toll)s of %(year)s, assessment %(number)s (%(origin)s): %(amount)s rials unpaid",
                toll=assessment.toll_type_id.name, year=to_persian_digits(str(assessment.toll_year_id.jalali_year or "")),
                number=to_persian_digits(assessment.name), origin=assessment.origin_name or "",
                amount=to_persian_digits(f"{round(residual):,}")))
        return lines

    def _check_nothing_unpaid(self):
        """Refuse (a Persian ``UserError`` listing what is unpaid) when anything of these properties is unpaid."""
        for prop in self:
            lines = prop._unpaid_lines()
            if lines:
                raise UserError(self.env._(
                    "Property %(property)s has unpaid debts; no clearance is issued until they are paid:\n%(lines)s",
                    property=to_persian_digits(prop.renovation_code),
                    lines="\n".join(f"• {line}" for line in lines)))

    def action_issue_clearance(self):
        """Issue the clearance (مفاصاحساب) of the property, printed with its QR code; refused when anything of it
        is unpaid."""
        self.ensure_one()
        self.check_access("read")
        if not any(self.env.user.has_group(group) for group in CLEARANCE_GROUPS):
            raise UserError(self.env._("Only the front desk of urban planning and the revenue staff issue clearances."))
        self._check_nothing_unpaid()
        clearance = self.env["municipality.property.clearance"].sudo()._issue(self)
        return self.env.ref("municipality_urbanism.action_report_property_clearance").report_action(clearance)

    def action_view_clearances(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Clearances"),
            "res_model": "municipality.property.clearance",
            "view_mode": "list,form",
            "domain": [("property_id", "=", self.id)],
        }

    # ------------------------------------------------------------------
    # The answer to a notary's or a bank's inquiry
    # ------------------------------------------------------------------
    def _inquiry_answer_facts(self):
        """What the municipality answers about this property: its permits, certificates, violations, the tolls
        paid and what is unpaid, as the user may read them (record rules) — the figures of the printed answer and
        of the letter."""
        self.ensure_one()
        self.check_access("read")
        env = self.env
        day = lambda value: format_jalali(value, persian_digits=True) if value else ""  # noqa: E731
        Permit, Certificate, Violation = (env["municipality.permit"], env["municipality.building.certificate"],
                                          env["municipality.violation"])
        facts = {"permits": [], "certificates": [], "violations": [], "paid": [], "unpaid": self._unpaid_lines()}
        if Permit.has_access("read"):
            states = dict(Permit._fields["state"]._description_selection(env))
            for permit in Permit.search([("property_id", "=", self.id)], order="id"):
                facts["permits"].append({
                    "file": to_persian_digits(permit.name), "number": to_persian_digits(permit.permit_number or ""),
                    "type": permit.permit_type_id.name, "state": states.get(permit.state, ""),
                    "issue_date": day(permit.issue_date), "completion_deadline": day(permit.completion_deadline)})
        if Certificate.has_access("read"):
            kinds = dict(Certificate._fields["kind"]._description_selection(env))
            for certificate in Certificate.search([("property_id", "in", (self | self.child_ids).ids),
                                                   ("state", "=", "issued")], order="issue_date, id"):
                facts["certificates"].append({
                    "kind": kinds.get(certificate.kind, ""), "number": to_persian_digits(certificate.number or ""),
                    "property": to_persian_digits(certificate.property_id.renovation_code),
                    "issue_date": day(certificate.issue_date)})
        if Violation.has_access("read"):
            kinds = dict(Violation._fields["kind"]._description_selection(env))
            states = dict(Violation._fields["state"]._description_selection(env))
            for violation in Violation.search([("property_id", "=", self.id)], order="detected_date, id"):
                facts["violations"].append({
                    "number": to_persian_digits(violation.name), "kind": kinds.get(violation.kind, ""),
                    "area": to_persian_digits(f"{violation.measured_area:g}"),
                    "state": states.get(violation.state, ""), "date": day(violation.detected_date)})
        for assessment in self._assessments().filtered("is_paid"):
            facts["paid"].append({
                "toll": assessment.toll_type_id.name, "number": to_persian_digits(assessment.name),
                "year": to_persian_digits(str(assessment.toll_year_id.jalali_year or "")),
                "amount": to_persian_digits(f"{round(assessment.amount_total):,}")})
        return facts

    def _inquiry_answer_html(self, recipient=None, reference=None):
        """The answer as the body of an outgoing letter."""
        self.ensure_one()
        _ = self.env._
        facts = self._inquiry_answer_facts()

        def table(title, headers, rows, empty):
            html = Markup("<h4>%s</h4>") % title
            if not rows:
                return html + Markup("<p>%s</p>") % empty
            html += Markup("<table class='table table-sm table-bordered'><tr>%s</tr>") % Markup("").join(
                Markup("<th>%s</th>") % header for header in headers)
            for row in rows:
                html += Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % cell for cell in row)
            return html + Markup("</table>")

        intro = _("In answer to your inquiry %(reference)s about property %(property)s (registry plate %(plate)s, "
                  "%(address)s), the municipality's records show:",
                  reference=to_persian_digits(reference or ""), property=to_persian_digits(self.renovation_code),
                  plate=to_persian_digits(self.plate_display or "-"), address=self.street or "")
        body = Markup("<div dir='rtl'><p>%s</p>") % intro
        body += table(_("Building permits"), [_("File"), _("Permit number"), _("Type"), _("Status"), _("Issue date")],
                      [(p["file"], p["number"], p["type"], p["state"], p["issue_date"]) for p in facts["permits"]],
                      _("No building permit file."))
        body += table(_("Certificates"), [_("Certificate"), _("Number"), _("Property"), _("Issue date")],
                      [(c["kind"], c["number"], c["property"], c["issue_date"]) for c in facts["certificates"]],
                      _("No certificate issued."))
        body += table(_("Violations"), [_("Number"), _("Violation"), _("Area (m²)"), _("Status"), _("Detected on")],
                      [(v["number"], v["kind"], v["area"], v["state"], v["date"]) for v in facts["violations"]],
                      _("No violation recorded."))
        body += table(_("Tolls paid"), [_("Toll"), _("Year"), _("Assessment"), _("Amount (rials)")],
                      [(p["toll"], p["year"], p["number"], p["amount"]) for p in facts["paid"]],
                      _("No toll paid."))
        if facts["unpaid"]:
            body += Markup("<h4>%s</h4><ul>%s</ul>") % (_("Unpaid"), Markup("").join(
                Markup("<li>%s</li>") % line for line in facts["unpaid"]))
        else:
            body += Markup("<p>%s</p>") % _("Nothing is unpaid for this property.")
        return body + Markup("</div>")
