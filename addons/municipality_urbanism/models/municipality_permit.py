import datetime
import hashlib
import json
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.municipality_base.tools.digits import format_rials, to_persian_digits
from odoo.addons.municipality_base.tools.jalali import add_months, format_jalali

from ..tools import zoning_check
from ..tools.permit_fees import Floor
from .municipality_permit_signature import SIGNATURE_GROUPS, SIGNATURE_ROLES

EXPERT_GROUP = "municipality_urbanism.group_urbanism_expert"
POWER_OF_ATTORNEY = "power_of_attorney"
PERMIT_STATES = [
    ("application", "Application"),
    ("in_progress", "In Progress"),
    ("issued", "Issued"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]


class MunicipalityPermit(models.Model):
    """A building permit file (پرونده پروانه ساختمانی): one record that every unit works on.

    It goes through the stages of its permit type in order; only the buttons move it
    (``action_next_stage``, ``action_sign``, ``action_issue``…), never a plain ``write``
    (``municipality.workflow.mixin``), so JSON-RPC cannot skip a stage either.
    """

    _name = "municipality.permit"
    _description = "Building Permit File"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin", "office.letter.linked.mixin",
                "municipality.verification.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_fields = ("state", "stage_id", "stage_start_date", "stage_deadline", "file_deadline", "permit_number",
                        "issue_date",
                        "start_deadline", "completion_deadline", "verification_token", "assessment_ids",
                        "signature_ids", "zoning_state", "zoning_message", "zoning_excess_area", "extension_count")
    _workflow_initial_state = "application"

    name = fields.Char(string="File Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    permit_type_id = fields.Many2one("municipality.permit.type", string="Permit Type", required=True, tracking=True,
                                     ondelete="restrict")
    property_id = fields.Many2one("municipality.property", string="Property", required=True, index=True,
                                  tracking=True, check_company=True, ondelete="restrict")
    district_id = fields.Many2one(related="property_id.district_id", store=True, index=True)
    applicant_id = fields.Many2one("res.partner", string="Applicant", required=True, tracking=True, index=True)
    applicant_role = fields.Selection([("owner", "Owner"), ("attorney", "Attorney")], required=True,
                                      default="owner", tracking=True)
    floor_ids = fields.One2many("municipality.permit.floor", "permit_id", string="Requested Floors", copy=True)
    total_area = fields.Float(string="Total Area (m²)", compute="_compute_totals", store=True, digits=(12, 2))
    total_units = fields.Integer(compute="_compute_totals", store=True)
    parking_spaces = fields.Integer(string="Parking Spaces Provided", tracking=True)
    engineer_ids = fields.One2many("municipality.permit.engineer", "permit_id", string="Engineers", copy=True)
    document_ids = fields.One2many("municipality.permit.document", "permit_id", string="Documents")
    missing_document_names = fields.Char(compute="_compute_missing_documents", string="Missing Documents")
    state = fields.Selection(PERMIT_STATES, default="application", required=True, readonly=True, tracking=True,
                             index=True)
    stage_id = fields.Many2one("municipality.permit.stage", string="Stage", readonly=True, tracking=True, index=True,
                               ondelete="restrict")
    stage_action = fields.Selection(related="stage_id.action")
    holder_group_id = fields.Many2one(related="stage_id.group_id", string="Held By")
    stage_start_date = fields.Date(readonly=True)
    stage_deadline = fields.Date(readonly=True, help="The stage's SLA in working days of the municipality's calendar.")
    file_deadline = fields.Date(
        string="File Deadline", readonly=True, copy=False,
        help="The day by which the whole file is due: the permit type's deadline in working days (15 for a school "
             "permit), or the sum of its stages' SLA, counted from the application on the municipality's calendar.")
    inspector_id = fields.Many2one("res.users", string="Inspector", tracking=True, index=True,
                                   help="The inspector the site visit is assigned to; they see this file.")
    inspection_ids = fields.One2many("municipality.inspection", "permit_id", string="Inspections")
    inquiry_ids = fields.One2many("municipality.permit.inquiry", "permit_id", string="Inquiries")
    zoning_state = fields.Selection([("ok", "Conforms"), ("excess", "Excess Density"), ("refused", "Refused")],
                                    readonly=True, tracking=True)
    zoning_message = fields.Text(readonly=True)
    zoning_excess_area = fields.Float(string="Excess Density (m²)", readonly=True, digits=(12, 2))
    assessment_ids = fields.Many2many("municipality.toll.assessment", string="Assessments", readonly=True, copy=False)
    assessment_count = fields.Integer(compute="_compute_payment")
    amount_assessed = fields.Monetary(compute="_compute_payment")
    amount_assessed_text = fields.Char(
        compute="_compute_amount_assessed_text", string="Assessed Fees (as printed)",
        help="The assessed fees grouped by thousands, in Persian digits in Persian (the fees SMS prints it).")
    is_paid = fields.Boolean(compute="_compute_payment", string="Fees Paid")
    signature_ids = fields.One2many("municipality.permit.signature", "permit_id", string="Signatures", readonly=True)
    stage_log_ids = fields.One2many("municipality.permit.stage.log", "permit_id", string="Stage History",
                                    readonly=True)
    next_signature_role = fields.Selection(SIGNATURE_ROLES, compute="_compute_next_signature")
    permit_number = fields.Char(readonly=True, copy=False, index=True, tracking=True)
    issue_date = fields.Date(readonly=True, copy=False)
    start_deadline = fields.Date(readonly=True, copy=False)
    completion_deadline = fields.Date(readonly=True, copy=False)
    extension_count = fields.Integer(readonly=True, copy=False)
    request_locked = fields.Boolean(compute="_compute_request_locked", string="Request Locked",
                                    help="The file has passed its zoning check: its floors, parking spaces and "
                                         "property are fixed.")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("floor_ids.area", "floor_ids.units")
    def _compute_totals(self):
        for permit in self:
            permit.total_area = sum(permit.floor_ids.mapped("area"))
            permit.total_units = sum(permit.floor_ids.mapped("units"))

    @api.depends("document_ids.document_type_id", "permit_type_id", "stage_id")
    def _compute_missing_documents(self):
        for permit in self:
            permit.missing_document_names = ", ".join(permit._missing_documents().mapped("name")) or False

    @api.depends("assessment_ids", "assessment_ids.is_paid", "assessment_ids.state")
    def _compute_payment(self):
        for permit in self:
            assessments = permit.sudo().assessment_ids.filtered(lambda a: a.state != "cancelled")
            permit.assessment_count = len(assessments)
            permit.amount_assessed = sum(assessments.mapped("amount_total"))
            permit.is_paid = bool(assessments) and all(assessments.mapped("is_paid"))

    @api.depends("amount_assessed")
    @api.depends_context("lang")
    def _compute_amount_assessed_text(self):
        persian = (self.env.lang or "").startswith("fa")
        for permit in self:
            permit.amount_assessed_text = format_rials(permit.amount_assessed, persian_digits=persian)

    @api.depends("signature_ids")
    def _compute_next_signature(self):
        for permit in self:
            signed = set(permit.signature_ids.mapped("role"))
            permit.next_signature_role = next((role for role, _label in SIGNATURE_ROLES if role not in signed), False)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        permits = super().create(vals_list)
        Sequence = self.env["ir.sequence"]
        for permit in permits:
            first = permit.permit_type_id._first_stage()
            if not first:
                raise UserError(self.env._("Permit type “%(type)s” has no stages; configure its stages first.",
                                           type=permit.permit_type_id.name))
            today = self._today_in_iran()
            permit.sudo().write({
                "name": Sequence._next_for_company("municipality.permit.file", permit.company_id,
                                                   sequence_date=today) or "/",
                **permit._stage_values(first, today),
                "file_deadline": permit._working_day_after(
                    today, permit.permit_type_id.total_days or sum(permit.permit_type_id.stage_ids.mapped("sla_days"))),
            })
        return permits

    def write(self, vals):
        if "permit_type_id" in vals:
            self._check_permit_type_kept(vals["permit_type_id"])
        locked = [name for name in self._zoning_locked_fields if name in vals]
        if locked:
            self._check_request_unlocked(locked)
        result = super().write(vals)
        if self._stage_log_fields.intersection(vals):
            self._log_stages()
        return result

    def _check_permit_type_kept(self, permit_type_id):
        """The permit type is chosen when the file is opened and never changes after (superuser aside): its
        stages, documents, fees (a school permit is fee-exempt) and deadlines rest on it, so a file switched to
        another type and back would skip what its own type asks for. A write of the same type is harmless."""
        if self.env.su:
            return
        new_type = self.env["municipality.permit.type"].browse(permit_type_id or [])
        for permit in self:
            if permit.permit_type_id != new_type:
                raise UserError(self.env._(
                    "The permit type of file %(file)s (%(type)s) is set when the file is opened and no longer "
                    "changes: its stages, documents, fees and deadlines follow it. A permit of another type is a "
                    "new file.", file=permit.name, type=permit.permit_type_id.name))

    def _closed_files(self):
        """The files among these that are no longer in progress (issued, refused, cancelled): their documents
        and engineers are kept as they were (none for the superuser — the buttons' ``sudo()``, data files — as with
        the workflow fields)."""
        if self.env.su:
            return self.browse()
        return self.filtered(lambda permit: permit.sudo().state not in ("application", "in_progress"))

    # ------------------------------------------------------------------
    # The request, locked once the zoning check is passed
    # ------------------------------------------------------------------
    # what the zoning check, the fees and the signatures read (the floors are locked in municipality.permit.floor
    # too); the fees are assessed to the applicant, and the signed facts name them
    _zoning_locked_fields = ("floor_ids", "parking_spaces", "property_id", "applicant_id", "applicant_role")

    @api.depends("state", "stage_id", "permit_type_id")
    def _compute_request_locked(self):
        for permit in self:
            permit.request_locked = permit._request_locked()

    def _request_locked(self):
        """The file has passed its zoning check (or, for a type without one, has reached its fees): its
        requested floors, parking spaces, property and applicant (and the applicant's role) no longer change,
        since the check, the fees and the signatures rest on them. A file that is no longer in progress (issued,
        refused…) is locked too."""
        self.ensure_one()
        if self.state not in ("application", "in_progress"):
            return True
        stages = self.permit_type_id.stage_ids.sorted()
        anchor = stages.filtered(lambda s: s.action == "zoning")[:1]
        if anchor:
            return self.stage_id.sequence > anchor.sequence
        anchor = stages.filtered(lambda s: s.action in ("fees", "payment", "signatures", "issue"))[:1]
        return bool(anchor) and self.stage_id.sequence >= anchor.sequence

    def _check_request_unlocked(self, field_names=("floor_ids",)):
        """Refuse a change of the locked request; the superuser (the buttons' ``sudo()``, data files) is not
        refused, as with the workflow fields: JSON-RPC never runs as superuser."""
        if self.env.su:
            return
        for permit in self:
            if permit._request_locked():
                raise UserError(self.env._(
                    "File %(file)s has passed its zoning check: %(fields)s no longer change (the zoning check, the "
                    "fees and the signatures rest on them).",
                    file=permit.name, fields=permit._workflow_field_labels(field_names)))

    def _request_changed(self):
        """The requested floors changed at the zoning stage: the check done before no longer holds."""
        for permit in self.filtered(lambda p: p.zoning_state and p.stage_id.action == "zoning"):
            permit.sudo().write({"zoning_state": False, "zoning_message": False, "zoning_excess_area": 0.0})
            permit.message_post(body=self.env._(
                "The requested floors changed after the zoning check: run the zoning check again."))

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------
    _stage_log_fields = frozenset({"state", "stage_id", "stage_start_date", "stage_deadline"})

    def _log_stages(self):
        """Keep the stage log (``municipality.permit.stage.log``) in step with the files: the stay in the stage
        a file has left is closed on the day it entered the next (or on the day it was issued or closed), and a
        stay opens for the stage it is now in. A new start date or deadline of the same stay is carried over."""
        Log = self.env["municipality.permit.stage.log"].sudo()
        Log.flush_model()
        open_stays = {log.permit_id.id: log for log in Log.search(
            [("permit_id", "in", self.ids), ("date_end", "=", False)], order="date_start desc, id desc")}
        today = self._today_in_iran()
        new_stays = []
        for permit in self:
            stay = open_stays.get(permit.id, Log)
            in_stage = permit.state in ("application", "in_progress") and permit.stage_id
            if stay and in_stage and stay.stage_id == permit.stage_id:
                values = {"date_start": permit.stage_start_date or stay.date_start, "deadline": permit.stage_deadline}
                if (stay.date_start, stay.deadline) != (values["date_start"], values["deadline"]):
                    stay.write(values)
                continue
            if stay:
                left = (permit.stage_start_date if in_stage else permit.issue_date) or today
                stay.date_end = max(left, stay.date_start)
            if in_stage:
                new_stays.append({"permit_id": permit.id, "stage_id": permit.stage_id.id,
                                  "date_start": permit.stage_start_date or today,
                                  "deadline": permit.stage_deadline, "user_id": self.env.uid})
        if new_stays:
            Log.create(new_stays)

    def _stage_values(self, stage, day):
        return {"stage_id": stage.id, "stage_start_date": day, "stage_deadline": self._working_day_after(day, stage.sla_days)}

    def _working_day_after(self, day, days):
        """The ``days``-th working day after ``day`` on the municipality's Iranian calendar (municipality_base:
        Saturday to Wednesday, the public holidays its leaves); on the company's working calendar should that
        one be gone, calendar days when there is neither."""
        calendar = (self.env.ref("municipality_base.resource_calendar_iran", raise_if_not_found=False)
                    or self.company_id.resource_calendar_id or self.env.company.resource_calendar_id).sudo()
        if not days:
            return day
        if calendar:
            start = datetime.datetime.combine(day, datetime.time(23, 59))
            planned = calendar.plan_days(days, start, compute_leaves=True)
            if planned:
                return planned.date()
        return day + datetime.timedelta(days=days)

    def _check_acting_user(self):
        """The user belongs to the group that acts on the file's stage (superuser: always)."""
        for permit in self:
            if self.env.su:
                continue
            group = permit.stage_id.group_id
            if group and group not in self.env.user.all_group_ids:
                raise AccessError(self.env._(
                    "File %(file)s is at stage “%(stage)s”: only %(group)s move it on.",
                    file=permit.name, stage=permit.stage_id.name, group=group.name))
            if (permit.stage_id.action == "visit" and permit.inspector_id
                    and permit.inspector_id != self.env.user and not self.env.user.has_group(EXPERT_GROUP)):
                raise AccessError(self.env._("The site visit of file %(file)s is assigned to %(inspector)s.",
                                             file=permit.name, inspector=permit.inspector_id.name))

    def _missing_documents(self):
        self.ensure_one()
        required = self.permit_type_id.document_type_ids | self.stage_id.document_type_ids
        return required - self.document_ids.document_type_id

    def _check_stage_done(self):
        """Raise with the reason when the file cannot leave its stage yet."""
        self.ensure_one()
        _ = self.env._
        if self.state not in ("application", "in_progress"):
            raise UserError(_("File %(file)s is %(state)s: it no longer moves through stages.",
                              file=self.name, state=self._selection_labels("state")[self.state]))
        missing = self._missing_documents()
        if missing:
            raise UserError(_("File %(file)s lacks these documents: %(documents)s.",
                              file=self.name, documents=", ".join(missing.mapped("name"))))
        action = self.stage_id.action
        if action == "application":
            self._check_applicant()
            self._check_renovation_toll()
        elif action == "visit":
            if not self.inspection_ids.filtered(lambda i: i.state == "done" and i.kind == "permit"):
                raise UserError(_("File %(file)s waits for the inspector's site visit report.", file=self.name))
        elif action == "zoning":
            if self.zoning_state not in ("ok", "excess"):
                raise UserError(_("File %(file)s needs a zoning check that does not refuse it.", file=self.name))
        elif action == "inquiries":
            pending = self.inquiry_ids.filtered(lambda i: i.state in ("draft", "sent"))
            if pending:
                raise UserError(_("File %(file)s waits for the answers to its inquiries: %(inquiries)s.",
                                  file=self.name, inquiries=", ".join(pending.mapped("subject"))))
            unread = self.inquiry_ids.filtered(lambda i: i.state == "answered" and not i.answer)
            if unread:
                raise UserError(_(
                    "File %(file)s waits for what the agencies answered: record the answer (consent, consent with "
                    "conditions or refusal) of the reply letters to these inquiries: %(inquiries)s.",
                    file=self.name, inquiries=", ".join(unread.mapped("subject"))))
            refusals = self.inquiry_ids.filtered(lambda i: i.answer == "refusal")
            if refusals:
                raise UserError(_(
                    "File %(file)s cannot go on: an agency refused it in its answer to an inquiry: %(refusals)s.",
                    file=self.name,
                    refusals=", ".join(_("%(agency)s (“%(subject)s”, reply letter %(letter)s)",
                                         agency=i.agency_id.name, subject=i.subject,
                                         letter=i.reply_letter_id.number or "-") for i in refusals.sudo())))
        elif action == "fees":
            if self._fee_lines() and not self.assessment_count:
                raise UserError(_("Assess the fees of file %(file)s before moving it on.", file=self.name))
        elif action == "payment":
            if self._fee_lines() and not self.is_paid:
                raise UserError(_(
                    "File %(file)s waits for its fees to be paid (a cheque counts once it has cleared).",
                    file=self.name))
        elif action == "signatures":
            if self.next_signature_role:
                raise UserError(_("File %(file)s waits for the signature of the %(role)s.", file=self.name,
                                  role=dict(SIGNATURE_ROLES and self._fields["next_signature_role"]._description_selection(
                                      self.env))[self.next_signature_role]))
        elif action == "issue":
            raise UserError(_("File %(file)s is at its last stage: issue the permit.", file=self.name))

    def _check_applicant(self):
        self.ensure_one()
        owners = self.property_id.owner_ids
        if self.applicant_role == "owner" and self.applicant_id not in owners:
            raise UserError(self.env._(
                "%(applicant)s is not an owner of property %(property)s: a non-owner applies as an attorney with a "
                "power of attorney.", applicant=self.applicant_id.name, property=self.property_id.renovation_code))
        if self.applicant_role == "attorney" and POWER_OF_ATTORNEY not in self.document_ids.document_type_id.mapped("code"):
            raise UserError(self.env._(
                "File %(file)s is applied for by an attorney: attach the power of attorney.", file=self.name))
        if not self.property_id.owner_ids:
            raise UserError(self.env._("Property %(property)s has no registered owner.",
                                       property=self.property_id.renovation_code))

    def action_next_stage(self):
        """Move the file to its next stage, once the current stage's work is done. Who may is the stage's acting
        group (an inspector, who cannot edit the file, moves it on from the site visit)."""
        self.check_access("read")
        self._check_acting_user()
        for permit in self:
            permit._check_stage_done()
            permit._advance(permit.stage_id._next())
        return True

    def _advance(self, stage):
        """Put the file at ``stage`` (the next one) and tell the applicant by SMS."""
        self.ensure_one()
        self.sudo().write({**self._stage_values(stage, self._today_in_iran()), "state": "in_progress"})
        self._sms_applicant("municipality_urbanism.sms_template_permit_stage")

    def _move_back_to(self, action, reason):
        """Send the file back to its stage doing ``action`` (a bounced cheque returns it to payment)."""
        for permit in self.filtered(lambda p: p.state == "in_progress"):
            target = permit.permit_type_id.stage_ids.filtered(lambda s: s.action == action)[:1]
            if not target or target.sequence > permit.stage_id.sequence or target == permit.stage_id:
                continue
            permit.sudo().write({**permit._stage_values(target, self._today_in_iran()),
                                 "signature_ids": [(5, 0, 0)]})
            permit.message_post(body=reason)
            permit._sms_applicant("municipality_urbanism.sms_template_permit_back")

    # ------------------------------------------------------------------
    # Zoning, fees, signatures, issue
    # ------------------------------------------------------------------
    def _check_at(self, action, acting_group=True):
        for permit in self:
            if permit.state not in ("application", "in_progress") or permit.stage_id.action != action:
                raise UserError(self.env._(
                    "File %(file)s is not at a stage where this is done (it is at “%(stage)s”).",
                    file=permit.name, stage=permit.stage_id.name))
        self.check_access("read")
        if acting_group:
            self._check_acting_user()

    def _zoning_check_result(self):
        """The requested floors against the property's zone (``tools.zoning_check``); ValueError on bad figures.
        The one place the file's figures are handed to the check: the zoning stage, the citizen's estimate and
        the plan brief all call it."""
        self.ensure_one()
        prop, zoning = self.property_id, self.property_id.zoning_id
        return zoning_check.check_request(
            [Floor(floor=line.floor, use=line.use, area=Decimal(str(line.area)), units=line.units)
             for line in self.floor_ids],
            Decimal(str(prop.land_area)),
            zoning_check.Zoning(max_density=Decimal(str(zoning.max_density)), max_floors=zoning.max_floors,
                                max_occupancy=Decimal(str(zoning.max_occupancy))),
            widening_area=Decimal(str(prop.widening_area)))

    def _set_floor_excess(self, result):
        """Each floor line's excess density from a zoning check ``result``."""
        self.ensure_one()
        excess = {}
        for floor, use, area in result.excess_areas:
            excess[(floor, use)] = excess.get((floor, use), 0) + float(area)
        for line in self.floor_ids.sudo():  # a workflow field of the floor: only the zoning check sets it
            line.excess_area = excess.pop((line.floor, line.use), 0.0)

    def action_zoning_check(self):
        """Compare the request with the property's zoning: conforms, excess density (charged) or refused."""
        self._check_at("zoning")
        for permit in self:
            zoning = permit.property_id.zoning_id
            if not zoning:
                raise UserError(self.env._("Property %(property)s has no zoning: set its detailed-plan zone first.",
                                           property=permit.property_id.renovation_code))
            if not permit.floor_ids:
                raise UserError(self.env._("File %(file)s requests no floor.", file=permit.name))
            try:
                result = permit._zoning_check_result()
            except ValueError as error:
                raise UserError(self.env._("The zoning check of file %(file)s cannot run: %(error)s",
                                           file=permit.name, error=str(error))) from error
            permit._set_floor_excess(result)
            permit.sudo().zoning_excess_area = float(result.excess_area)  # the density toll's estimate reads it
            if result.refusals:
                state = "refused"
                message = "\n".join(permit._refusal_message(refusal) for refusal in result.refusals)
            elif result.excesses:
                state = "excess"
                message = self.env._(
                    "Density %(density)s%% of the net land; %(excess)s m² above the zoning's %(allowed)s%%, charged "
                    "as excess density.", density=result.density, excess=result.excess_area,
                    allowed=zoning.max_density)
                message = f"{message} {permit._density_toll_text()}"
            else:
                state = "ok"
                message = self.env._("The request conforms to zone %(zone)s (density %(density)s%%).",
                                     zone=zoning.display_name, density=result.density)
            permit.sudo().write({"zoning_state": state, "zoning_message": message,
                                 "zoning_excess_area": float(result.excess_area)})
            permit.message_post(body=message)
        return True

    def _density_toll_text(self):
        """What the excess density found by the zoning check costs: the estimate of the fee lines charged only on
        excess density (the density toll), through ``_estimate_fees`` as the citizen's estimate; in rials with
        Persian digits for a Persian reader."""
        self.ensure_one()
        tolls = self._fee_lines().filtered("only_with_excess").toll_type_id
        if not tolls:
            return self.env._("The permit type charges no density toll.")
        try:
            estimate = self._estimate_fees()
        except UserError as error:
            return self.env._("The density toll cannot be estimated yet: %(reason)s", reason=error.args[0])
        amount = sum(amount or 0 for toll, amount in estimate if toll in tolls)
        persian = (self.env.lang or "").startswith("fa")
        return self.env._("Estimated density toll: %(amount)s rials.",
                          amount=format_rials(amount, persian_digits=persian))

    def _refusal_message(self, refusal):
        _ = self.env._
        params = refusal.params
        messages = {
            "use": lambda: _("The use “%(use)s” on floor %(floor)s is not allowed by the zoning (allowed: %(allowed)s).",
                             **params),
            "floors": lambda: _("The request has %(requested)s floors; the zoning allows %(allowed)s.", **params),
            "occupancy": lambda: _("The building covers %(requested)s%% of the land; the zoning allows %(allowed)s%%.",
                                   **params),
            "density": lambda: _("The requested density, %(requested)s%%, is above %(allowed)s%%, the most the zoning "
                                 "allows even with excess density.", **params),
        }
        return messages[refusal.code]() if refusal.code in messages else refusal.message

    def _fee_lines(self, applies_to="permit"):
        """The fee lines of the file's type charged with the permit (``applies_to="permit"``) or with a renewal of
        it (``"renewal"``); none for a fee-exempt type."""
        self.ensure_one()
        if self.permit_type_id.fee_exempt:
            return self.env["municipality.permit.fee.line"]
        return self.permit_type_id.fee_line_ids.filtered(lambda line: line.applies_to == applies_to)

    def _fee_inputs(self, date):
        """The figures a fee formula may read: for the file, and per floor × use (see
        ``municipality.permit.fee.line``). Only the file's figures: the tariff's coefficients, bands and rates
        are in its formula."""
        self.ensure_one()
        year = self.env["municipality.fiscal.year"]._for_date(date, self.company_id)
        regional = year and self.env["municipality.regional.value"]._lookup(self.property_id, year)[self.property_id]
        if not regional:
            raise UserError(self.env._(
                "Block %(block)s of district %(district)s has no regional value for %(date)s: enter the year's "
                "regional values first.", block=self.property_id.block, district=self.property_id.district_id.name,
                date=format_jalali(date, persian_digits=True)))

        def area_of(use):
            return sum(self.floor_ids.filtered(lambda line: line.use == use).mapped("area"))

        common = {
            "regional_value": regional.land_value, "building_value": regional.building_value,
            "transactional_value": regional.transactional_value or 0, "land_area": self.property_id.land_area,
            "area": self.total_area, "residential_area": area_of("residential"),
            "commercial_area": area_of("commercial"), "floors": len(set(self.floor_ids.mapped("floor"))),
            "units": self.total_units, "parking": self.parking_spaces, "parking_spaces": self.parking_spaces,
            "excess_area": self.zoning_excess_area, "use": self.property_id.use,
        }
        per_floor = [dict(common, area=line.area, floor_number=line.floor, use=line.use, units=line.units,
                          excess_area=line.excess_area, frontage=line.frontage, height=line.height, _line=line)
                     for line in self.floor_ids]
        return common, per_floor

    def _fee_requests(self, date, applies_to="permit"):
        """``(fee line, inputs, amount)`` of every assessment the file calls for, in the order of the fee lines
        (those of the permit, or with ``applies_to="renewal"`` those of a renewal).

        The lines whose toll reads ``fees_amount`` (the education share) are computed last, on the sum of the
        lines marked ``in_share_base``. Raises UserError when a formula cannot be computed."""
        self.ensure_one()
        common, per_floor = self._fee_inputs(date)
        requests = []
        for fee_line in self._fee_lines(applies_to):
            keys = fee_line.toll_type_id.input_ids.mapped("key")
            for values in (per_floor if fee_line.per_floor else [common]):
                if fee_line.only_with_excess and not values["excess_area"]:
                    continue
                if fee_line.per_floor and fee_line.floor_use and values["use"] != fee_line.floor_use:
                    continue
                unknown = [key for key in keys if key not in values and key != "fees_amount"]
                if unknown:
                    raise UserError(self.env._(
                        "Toll “%(toll)s” needs %(inputs)s, which a permit file does not provide (it provides "
                        "%(provided)s).", toll=fee_line.toll_type_id.name, inputs=", ".join(unknown),
                        provided=", ".join(sorted([*(k for k in values if not k.startswith("_")), "fees_amount"]))))
                if fee_line.per_floor and any(key in keys and not values[key] for key in ("frontage", "height")):
                    raise UserError(self.env._(
                        "Enter the frontage and height of floor %(floor)s of file %(file)s: toll “%(toll)s” is "
                        "computed from them.", floor=values["floor_number"], file=self.name,
                        toll=fee_line.toll_type_id.name))
                requests.append([fee_line, {key: values.get(key) for key in keys}, None])
        for request in requests:
            if "fees_amount" not in request[1]:
                request[2] = request[0].toll_type_id.sudo()._compute_amount(request[1], date)
        base = sum(amount for fee_line, _inputs, amount in requests if fee_line.in_share_base and amount)
        for request in requests:
            if "fees_amount" in request[1]:
                request[1]["fees_amount"] = base
                request[2] = request[0].toll_type_id.sudo()._compute_amount(request[1], date)
        return [tuple(request) for request in requests]

    def _estimate_fees(self, date=None):
        """[(toll type, amount)] the file would be charged, without assessing anything (the citizen's estimate)."""
        self.ensure_one()
        date = date or self._today_in_iran()
        return [(fee_line.toll_type_id, amount) for fee_line, _inputs, amount in self._fee_requests(date)]

    def action_assess_fees(self):
        """One assessment per fee line (per floor × use where the line says so), through finance."""
        self._check_at("fees")
        Assessment = self.env["municipality.toll.assessment"]
        for permit in self:
            if permit.sudo().assessment_ids.filtered(lambda a: a.state != "cancelled"):
                raise UserError(self.env._("The fees of file %(file)s are already assessed.", file=permit.name))
            date = self._today_in_iran()
            # every formula computed before anything is created
            requests = permit._fee_requests(date)
            assessments = Assessment
            for fee_line, inputs, _amount in requests:
                assessments |= Assessment.create_assessment(permit.applicant_id, fee_line.toll_type_id, inputs,
                                                            date=date, origin=permit)
            permit.sudo().assessment_ids = [(4, a.id) for a in assessments]
            permit._sms_applicant("municipality_urbanism.sms_template_permit_fees")
        return True

    def _content_hash(self):
        """SHA-256 of the facts the permit states: what a signature signs."""
        self.ensure_one()
        facts = {
            "file": self.name, "type": self.permit_type_id.code, "property": self.property_id.renovation_code,
            "applicant": self.applicant_id.id, "parking": self.parking_spaces,
            "floors": [[line.floor, line.use, round(line.area, 2), line.units] for line in self.floor_ids],
            "assessments": sorted([a.name, int(a.amount_total)] for a in self.sudo().assessment_ids),
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def action_sign(self):
        """Sign the permit in order: head of urban planning, deputy, mayor (each a different person)."""
        self._check_at("signatures", acting_group=False)
        for permit in self:
            role = permit.next_signature_role
            if not role:
                raise UserError(self.env._("File %(file)s is already signed by everyone.", file=permit.name))
            if not self.env.user.has_group(SIGNATURE_GROUPS[role]):
                raise AccessError(self.env._(
                    "File %(file)s waits for the signature of the %(role)s; you cannot sign it now.",
                    file=permit.name, role=dict(permit._fields["next_signature_role"]._description_selection(
                        self.env))[role]))
            if self.env.user in permit.signature_ids.user_id:
                raise UserError(self.env._("You have already signed file %(file)s; each signature is another person's.",
                                           file=permit.name))
            permit.sudo().write({"signature_ids": [(0, 0, {
                "sequence": len(permit.signature_ids) + 1, "role": role, "user_id": self.env.user.id,
                "signed_on": fields.Datetime.now(), "content_hash": permit._content_hash()})]})
            if not permit.next_signature_role:
                permit._advance(permit.stage_id._next())
        return True

    def action_issue(self):
        """Issue the permit: its number of the Jalali year, its deadlines and its verification code."""
        self._check_at("issue")
        Sequence = self.env["ir.sequence"]
        for permit in self:
            if permit.next_signature_role:
                raise UserError(self.env._("File %(file)s is not signed by everyone yet.", file=permit.name))
            # each signature checked with the key it was made with (a key rotated since still verifies)
            if not all(permit.sudo().signature_ids._hashes_match().values()):
                raise UserError(self.env._(
                    "File %(file)s changed after it was signed: its signatures no longer match.", file=permit.name))
            today = self._today_in_iran()
            permit.sudo().write({
                "state": "issued",
                "permit_number": Sequence._next_for_company("municipality.permit", permit.company_id,
                                                            sequence_date=today),
                "issue_date": today,
                "start_deadline": add_months(today, permit.permit_type_id.start_deadline_months),
                "completion_deadline": add_months(today, permit.permit_type_id.completion_deadline_months),
                "verification_token": self._new_verification_token(),
            })
            permit._sms_applicant("municipality_urbanism.sms_template_permit_issued")
        return True

    def action_request_extension(self):
        """Open a new extension or renewal request on this issued permit (``municipality.permit.extension.request``):
        the deadlines move only when the head of urban planning approves it."""
        self.ensure_one()
        self.check_access("read")
        if self.state != "issued":
            raise UserError(self.env._("Only an issued permit is extended or renewed."))
        name = self.env._("Extension and Renewal Requests")
        action = {"type": "ir.actions.act_window", "name": name, "res_model": "municipality.permit.extension.request",
                  "view_mode": "form", "target": "current"}
        pending = self.env["municipality.permit.extension.request"].search(
            [("permit_id", "=", self.id), ("state", "in", ("draft", "requested"))], limit=1)
        if pending:  # the request not decided yet, rather than a second one
            return {**action, "res_id": pending.id}
        return {**action, "context": {"default_permit_id": self.id, "default_kind": self._suggested_request_kind()}}

    @api.model
    def _cron_deadline_warnings(self):
        """Warn the holders of issued permits whose start or completion deadline is near (only the permits with a
        deadline on one of the types' warning days are read, not every permit ever issued)."""
        today = self._today_in_iran()
        warning_days = self.env["municipality.permit.type"].sudo().with_context(active_test=False).search_fetch(
            [], ["warning_days"]).mapped("warning_days")
        dates = sorted({today + datetime.timedelta(days=days) for days in warning_days})
        if not dates:
            return True
        permits = self.sudo().search([("state", "=", "issued"), "|", ("start_deadline", "in", dates),
                                      ("completion_deadline", "in", dates)])
        for permit in permits:
            days = permit.permit_type_id.warning_days
            for deadline, which in ((permit.start_deadline, "start"), (permit.completion_deadline, "completion")):
                if deadline and today + datetime.timedelta(days=days) == deadline:
                    permit._sms_applicant(f"municipality_urbanism.sms_template_permit_{which}_deadline",
                                          permit_deadline=format_jalali(deadline, persian_digits=True))
        return True

    # ------------------------------------------------------------------
    # Payment gate (finance's hooks)
    # ------------------------------------------------------------------
    def _fees_paid(self):
        """Finance says a fee is paid: a file at its payment stage whose fees are all paid moves on."""
        for permit in self.filtered(lambda p: p.state == "in_progress" and p.stage_id.action == "payment"):
            if permit.is_paid:
                permit.sudo()._advance(permit.stage_id._next())

    def _payment_undone(self, assessments):
        """A paid fee is no longer paid (a bounced cheque): the file goes back to its payment stage."""
        for permit in self:
            permit._move_back_to("payment", self.env._(
                "The payment of %(assessments)s was undone (a bounced cheque or a cancelled payment): file %(file)s "
                "is back at the payment stage.", assessments=", ".join(assessments.mapped("name")), file=permit.name))

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------
    def _public_facts(self):
        """What the public verification page shows: nothing personal (no name, no national ID, no address)."""
        self.ensure_one()
        today = self._today_in_iran()
        expired = self.completion_deadline and self.completion_deadline < today

        def day(value):
            return format_jalali(value, persian_digits=True) if value else ""
        return {
            "municipality": self.company_id.name,
            "number": to_persian_digits(self.permit_number or ""),
            "type": self.permit_type_id.name,
            "renovation_code": to_persian_digits(self.property_id.renovation_code),
            "district": self.district_id.name,
            "total_area": to_persian_digits(f"{self.total_area:g}"),
            "floors": to_persian_digits(len(set(self.floor_ids.mapped("floor")))),
            "units": to_persian_digits(self.total_units),
            "issue_date": day(self.issue_date),
            "start_deadline": day(self.start_deadline),
            "completion_deadline": day(self.completion_deadline),
            "status": self.env._("Expired") if expired else self.env._("Valid"),
        }

    def action_view_assessments(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": self.env._("Assessments"),
                "res_model": "municipality.toll.assessment", "view_mode": "list,form",
                "domain": [("id", "in", self.sudo().assessment_ids.ids)]}
