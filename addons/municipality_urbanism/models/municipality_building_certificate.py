from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali

from ..tools.renovation_toll import is_clear, unpaid_years

RENOVATION_TOLL_PARAM = "municipality_urbanism.renovation_toll_code"
RENOVATION_TOLL_DEFAULT = "RENOV"
#: From this many floors every supervising engineer's final report is required (DOMAIN.md §5).
ALL_SUPERVISORS_FROM_FLOORS = 5
#: m² of built area above the permitted one tolerated as a measuring error.
AREA_TOLERANCE = 0.5
#: The violations of built area (beyond the permit, or without one) that an Article 100 fine lets the owner keep.
KEPT_BY_FINE_KINDS = ("excess_area", "no_permit")


class MunicipalityBuildingCertificate(models.Model):
    """A no-violation certificate (گواهی عدم خلاف) of an unfinished building or a completion certificate
    (پایان‌کار) of a finished one, for the building or one of its apartments.

    It is issued only when every condition holds; the refusal names each unmet one. It is printed with a QR code
    to the public verification page of the permits."""

    _name = "municipality.building.certificate"
    _description = "Building Certificate"
    _inherit = ["mail.thread", "municipality.workflow.mixin", "municipality.verification.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_fields = ("state", "number", "issue_date", "verification_token")
    _workflow_initial_state = "draft"
    # what the certificate certifies: set while it is a draft (the expert corrects its final inspection after a
    # refusal), fixed once it is issued (its number, its print and its public page rest on them)
    _certificate_fields = ("kind", "property_id", "building_id", "permit_id", "inspection_id", "company_id", "name")

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection([("no_violation", "No-Violation Certificate"), ("completion", "Completion Certificate")],
                            required=True, default="completion", tracking=True)
    property_id = fields.Many2one("municipality.property", string="Property", required=True, index=True,
                                  check_company=True, tracking=True,
                                  help="The building, or one of its apartments.")
    building_id = fields.Many2one("municipality.property", compute="_compute_building", store=True, string="Building")
    permit_id = fields.Many2one("municipality.permit", string="Permit", required=True, index=True, check_company=True,
                                domain="[('state', '=', 'issued')]")
    inspection_id = fields.Many2one("municipality.inspection", string="Final Inspection", check_company=True,
                                    domain="[('permit_id', '=', permit_id), ('state', '=', 'done')]")
    number = fields.Char(readonly=True, copy=False, index=True, tracking=True)
    issue_date = fields.Date(readonly=True, copy=False)
    state = fields.Selection([("draft", "Draft"), ("issued", "Issued")], default="draft", required=True,
                             readonly=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)

    @api.depends("kind", "number", "property_id.renovation_code")
    def _compute_name(self):
        for certificate in self:
            label = certificate._selection_labels("kind").get(certificate.kind, "")
            reference = certificate.number or certificate.property_id.renovation_code
            # isolated left to right: after Persian text a renovation code (3-12-21) would read reversed
            certificate.name = f"{label} \u2066{reference}\u2069" if reference else label

    @api.depends("property_id.parent_id")
    def _compute_building(self):
        for certificate in self:
            certificate.building_id = certificate.property_id.parent_id or certificate.property_id

    def write(self, vals):
        changed = [name for name in self._certificate_fields if name in vals]
        if changed and not self.env.su:
            issued = self.filtered(lambda certificate: certificate.state == "issued")
            if issued:
                raise UserError(self.env._(
                    "Certificate %(certificate)s is issued: %(fields)s no longer change.",
                    certificate=issued[0].name, fields=self._workflow_field_labels(changed)))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        issued = self.browse() if self.env.su else self.filtered(lambda c: c.state == "issued")
        if issued:
            raise UserError(self.env._("Certificate %(certificate)s is issued: it is kept.",
                                       certificate=issued[0].name))

    @api.constrains("permit_id", "property_id")
    def _check_permit(self):
        for certificate in self:
            if certificate.permit_id.property_id != certificate.building_id:
                raise ValidationError(self.env._("The certificate's permit is the permit of its building."))

    # ------------------------------------------------------------------
    # Conditions
    # ------------------------------------------------------------------
    def _day(self, day):
        return format_jalali(day, persian_digits=True) if day else ""

    def _unmet_conditions(self):
        """The reasons the certificate cannot be issued (empty when it can)."""
        self.ensure_one()
        _ = self.env._
        permit = self.permit_id.sudo()
        reasons = []
        if permit.state != "issued":
            reasons.append(_("The permit file %(file)s is not an issued permit.", file=permit.name))
        reasons += self._inspection_reasons()
        # the permit's share of what the building owes (``municipality.property._unpaid_assessments``)
        unpaid = self.building_id._unpaid_assessments() & (permit.assessment_ids | permit.renewal_assessment_ids)
        if unpaid:
            reasons.append(_("The permit's fees are not paid: %(assessments)s.",
                             assessments=", ".join(unpaid.mapped("name"))))
        reasons += self._renovation_toll_reasons()
        reasons += self._clearance_reasons(unpaid)
        properties = self.property_id | self.building_id
        violations = self.env["municipality.violation"].sudo().search(
            [("property_id", "in", properties.ids), ("state", "!=", "closed")])
        if violations:
            reasons.append(_("These violations are not settled: %(violations)s.",
                             violations=", ".join(violations.mapped("name"))))
        cases = self.env["municipality.commission.case"].sudo().search(
            [("property_id", "in", properties.ids), ("state", "!=", "closed")])
        if cases:
            reasons.append(_("These Article 100 commission cases are open: %(cases)s.",
                             cases=", ".join(cases.mapped("name"))))
        if self.kind == "completion":
            reasons += self._supervisor_reasons()
        return reasons

    def _inspection_reasons(self):
        _ = self.env._
        inspection = self.inspection_id.sudo()
        kinds = ("final",) if self.kind == "completion" else ("construction", "final")
        if not inspection or inspection.state != "done" or inspection.kind not in kinds:
            return [_("The final inspection of the building is not done.") if self.kind == "completion"
                    else _("An inspection of the building during construction is not done.")]
        if inspection.outcome == "violation":
            return [_("The inspection of %(date)s found a violation.", date=self._day(inspection.done_date))]
        if not inspection.measured_floor_ids:
            return [_("The inspection has no built areas per floor to compare with the permit.")]
        permitted, built = defaultdict(float), defaultdict(float)
        for line in self.permit_id.sudo().floor_ids:
            permitted[line.floor, line.use] += line.area
        for line in inspection.measured_floor_ids:
            built[line.floor, line.use] += line.area
        excess = {key: built[key] - permitted.get(key, 0) for key in built if built[key] > permitted.get(key, 0)}
        kept = self._kept_by_fines(excess)
        uses = dict(self.env["municipality.inspection.floor"]._fields["use"]._description_selection(self.env))
        reasons = []
        for key in sorted(excess):
            if excess[key] - kept.get(key, 0) <= AREA_TOLERANCE:
                continue
            if kept.get(key):
                reasons.append(_("Floor %(floor)s (%(use)s) is built with %(built)s m², more than the %(permitted)s "
                                 "m² of the permit and the %(kept)s m² kept against a paid Article 100 fine.",
                                 floor=key[0], use=uses.get(key[1], key[1]), built=f"{built[key]:g}",
                                 permitted=f"{permitted.get(key, 0):g}", kept=f"{kept[key]:g}"))
            else:
                reasons.append(_("Floor %(floor)s (%(use)s) is built with %(built)s m², more than the %(permitted)s "
                                 "m² of the permit.", floor=key[0], use=uses.get(key[1], key[1]),
                                 built=f"{built[key]:g}", permitted=f"{permitted.get(key, 0):g}"))
        return reasons

    def _fined_areas(self):
        """[(floor, use, m²)] of the built area the owner keeps against an Article 100 fine: the final rulings
        "fine" (a demolition legalises nothing) on the violations of area (``KEPT_BY_FINE_KINDS``) of the building
        or its apartments, under this permit or under none, once the fine is paid; the area is the ruling's (what
        was fined), the floor and use the violation's."""
        building = self.building_id
        rulings = self.env["municipality.commission.ruling"].sudo().search([
            ("is_final", "=", True), ("decision", "=", "fine"),
            ("violation_id.kind", "in", KEPT_BY_FINE_KINDS),
            ("violation_id.property_id", "in", (building | building.child_ids).ids),
            ("violation_id.permit_id", "in", [self.permit_id.id, False])])
        return [(ruling.violation_id.floor, ruling.violation_id.use, ruling.area)
                for ruling in rulings if ruling.area > 0 and ruling._is_executed()]

    def _kept_by_fines(self, excess):
        """{(floor, use): m² of ``excess`` (the built area above the permit per floor × use) kept against a paid
        fine}. A fine covers first the excess of its own floor and use. The fine per m² depends on the use, not on
        the floor, and a violation's floor is not always known (a violation measured on the building's total, or a
        supervisor's report on a stage that is not per floor, reads as the ground floor): what a fine does not use
        on its floor covers the excess of its use on the other floors. A violation without a use covers the excess
        of any use, on its floor first. The building never keeps more m² of a use than were fined for it."""
        left = dict(excess)
        kept = defaultdict(float)
        fines = sorted(self._fined_areas(), key=lambda fine: not fine[1])  # those with a use first

        def cover(fine_left, keys):
            for key in sorted(keys):
                if fine_left <= 0:
                    break
                take = min(fine_left, left[key])
                if take > 0:
                    left[key] -= take
                    kept[key] += take
                    fine_left -= take
            return fine_left

        remaining = []
        for floor, use, area in fines:
            area = cover(area, [key for key in left if key[0] == floor and (not use or key[1] == use)])
            remaining.append((use, area))
        for use, area in remaining:
            cover(area, [key for key in left if not use or key[1] == use])
        return kept

    def _renovation_toll_reasons(self):
        """This year's renovation toll of the property is assessed and paid, and no earlier year is left unpaid
        (the property's balances per year, as the renovation-toll batch assessed them)."""
        _ = self.env._
        code = self.env["ir.config_parameter"].sudo().get_param(RENOVATION_TOLL_PARAM, RENOVATION_TOLL_DEFAULT)
        year = self.env["municipality.fiscal.year"].sudo()._for_date(self._today_in_iran(), self.company_id)
        balances = self.property_id._renovation_balances(code)[self.property_id]
        reasons = []
        owed = unpaid_years(balances, year.jalali_year if year else None)
        if owed:
            reasons.append(_("The renovation toll is unpaid for the years %(years)s.",
                             years=", ".join(str(owed_year) for owed_year, _due in owed)))
        if not year or not is_clear(balances, year.jalali_year):
            reasons.append(_("This year's renovation toll of property %(property)s is not paid.",
                             property=self.property_id.renovation_code))
        return reasons

    def _clearance_reasons(self, named):
        """Nothing of the property (and of its building, for an apartment) is unpaid, as for its clearance
        (``municipality.property._unpaid_assessments``: renovation tolls of every year, the fees of every permit
        file, Article 100 fines). What the reasons above already name — ``named``, the permit's fees, and the
        property's renovation tolls, per year — is not repeated."""
        _ = self.env._
        code = self.env["ir.config_parameter"].sudo().get_param(RENOVATION_TOLL_PARAM, RENOVATION_TOLL_DEFAULT)
        year = self.env["municipality.fiscal.year"].sudo()._for_date(self._today_in_iran(), self.company_id)
        reasons = []
        for prop in self.property_id | self.building_id:
            unpaid = prop._unpaid_assessments() - named
            if prop == self.property_id and year:  # the years up to this one, named by _renovation_toll_reasons
                unpaid = unpaid.filtered(lambda a: not (
                    a.origin_model == prop._name and a.origin_id == prop.id and a.toll_type_id.code == code
                    and a.toll_year_id.jalali_year <= year.jalali_year))
            if not unpaid:
                continue
            lines = prop._unpaid_lines(unpaid)  # worded as the property's clearance
            reasons.append(_("Property %(property)s has unpaid debts, which its clearance requires to be paid: "
                             "%(lines)s.", property=prop.renovation_code, lines="; ".join(lines)))
        return reasons

    def _supervisor_reasons(self):
        """Every supervisor's final report for five floors or more; one final report below."""
        _ = self.env._
        permit = self.permit_id.sudo()
        supervisors = permit.engineer_ids.filtered(lambda e: e.role == "supervisor")
        reports = self.env["municipality.construction.report"].sudo().search([
            ("permit_id", "=", permit.id), ("state", "=", "confirmed"), ("kind_id.is_final", "=", True)])
        reported = reports.engineer_id
        floors = len(set(permit.floor_ids.mapped("floor")))
        if not supervisors:
            return [_("The permit has no supervising engineer to give the final report.")]
        if floors >= ALL_SUPERVISORS_FROM_FLOORS:
            missing = supervisors - reported
            if missing:
                return [_("A building of %(floors)s floors needs the final report of every supervisor; missing: "
                          "%(engineers)s.", floors=floors, engineers=", ".join(missing.partner_id.mapped("name")))]
        elif not reported:
            return [_("The supervisor's final report is missing.")]
        return []

    # ------------------------------------------------------------------
    # Issue and verification
    # ------------------------------------------------------------------
    def action_issue(self):
        """Issue the certificate, or refuse it naming every unmet condition."""
        self.check_access("write")
        for certificate in self:
            if certificate.state != "draft":
                raise UserError(self.env._("Certificate %(certificate)s is already issued.",
                                           certificate=certificate.name))
            reasons = certificate._unmet_conditions()
            if reasons:
                raise UserError(self.env._("%(certificate)s of property %(property)s cannot be issued:\n%(reasons)s",
                                           certificate=certificate._selection_labels("kind")[certificate.kind],
                                           property=certificate.property_id.renovation_code,
                                           reasons="\n".join(f"• {reason}" for reason in reasons)))
            today = self._today_in_iran()
            certificate.sudo().write({
                "state": "issued",
                "number": self.env["ir.sequence"]._next_for_company(
                    "municipality.building.certificate", certificate.company_id, sequence_date=today),
                "issue_date": today,
                "verification_token": self._new_verification_token(),
            })
            certificate.message_post(body=self.env._("Issued with number %(number)s.", number=certificate.number))
        return True

    def _public_facts(self):
        """What the public page shows: nothing personal."""
        self.ensure_one()
        return {
            "municipality": self.company_id.name,
            "kind": self._selection_labels("kind")[self.kind],
            "number": to_persian_digits(self.number or ""),
            "renovation_code": to_persian_digits(self.property_id.renovation_code),
            "district": self.property_id.district_id.name,
            "permit_number": to_persian_digits(self.permit_id.permit_number or ""),
            "issue_date": self._day(self.issue_date),
        }
