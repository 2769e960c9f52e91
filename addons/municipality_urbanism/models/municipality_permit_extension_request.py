from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.municipality_base.tools.jalali import add_months, format_jalali

HEAD_GROUP = "municipality_urbanism.group_urbanism_head"
FRONT_DESK_GROUP = "municipality_urbanism.group_urbanism_front_desk"
SMS_DEADLINES_CHANGED = "municipality_urbanism.sms_template_permit_deadlines_changed"


class MunicipalityPermitExtensionRequest(models.Model):
    """A request to extend or renew an issued permit, on the same permit file (DOMAIN.md §5 "Validity and
    renewal": per permit type, e.g. Tehran's one 12-month extension of the start deadline).

    The citizen asks for it on the portal (``_portal_create``: created waiting for a decision), or the front desk
    registers it for the applicant and submits it; the head of urban planning approves or refuses it. Only the
    approval moves the permit's deadlines, computed from the permit type's rules and written through the permit's
    workflow (``sudo``): neither a plain ``write`` here nor on the permit moves them. Approving a renewal assesses
    the type's renewal fee lines (``_assess_renewal_fees``); the deadlines move at the approval, the fee is then
    owed on the file like its other assessments.
    """

    _name = "municipality.permit.extension.request"
    _description = "Permit Extension or Renewal Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _order = "id desc"
    _workflow_fields = ("state", "decided_by_id", "decided_on", "previous_start_deadline",
                        "previous_completion_deadline", "new_start_deadline", "new_completion_deadline",
                        "assessment_ids")
    _workflow_initial_state = "draft"

    permit_id = fields.Many2one("municipality.permit", string="Permit File", required=True, index=True,
                                ondelete="cascade", domain=[("state", "=", "issued")], tracking=True)
    permit_number = fields.Char(related="permit_id.permit_number", string="Permit Number")
    applicant_id = fields.Many2one(related="permit_id.applicant_id", string="Applicant")
    permit_type_id = fields.Many2one(related="permit_id.permit_type_id", string="Permit Type")
    inspector_id = fields.Many2one(related="permit_id.inspector_id", store=True, index=True, string="Inspector")
    company_id = fields.Many2one(related="permit_id.company_id", store=True, index=True, string="Company")
    kind = fields.Selection([("extension", "Extension"), ("renewal", "Renewal")], required=True,
                            default="extension", tracking=True,
                            help="Extension: the start deadline moves by the permit type's months, as many times as "
                                 "the type allows. Renewal: once the extensions are used up or the start deadline has "
                                 "passed, both deadlines start again from the approval date.")
    reason = fields.Text(required=True, help="Why the applicant asks for it.")
    requested_by_id = fields.Many2one("res.users", string="Registered By", readonly=True, copy=False,
                                      default=lambda self: self.env.user)
    state = fields.Selection([("draft", "Draft"), ("requested", "Awaiting Decision"), ("approved", "Approved"),
                              ("refused", "Refused")], default="draft", required=True, readonly=True,
                             tracking=True, index=True)
    refusal_reason = fields.Text(tracking=True)
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decided_on = fields.Date(readonly=True, copy=False)
    current_start_deadline = fields.Date(related="permit_id.start_deadline", string="Current Start Deadline")
    current_completion_deadline = fields.Date(related="permit_id.completion_deadline",
                                              string="Current Completion Deadline")
    previous_start_deadline = fields.Date(readonly=True, copy=False)
    previous_completion_deadline = fields.Date(readonly=True, copy=False)
    new_start_deadline = fields.Date(readonly=True, copy=False)
    new_completion_deadline = fields.Date(readonly=True, copy=False)
    assessment_ids = fields.Many2many(
        "municipality.toll.assessment", "municipality_permit_renewal_assessment_rel", "request_id", "assessment_id",
        string="Renewal Fees", readonly=True, copy=False,
        help="The renewal fees assessed when the renewal was approved (the permit type's fee lines that apply to "
             "renewals).")
    currency_id = fields.Many2one(related="permit_id.currency_id")
    renewal_fee_amount = fields.Monetary(compute="_compute_renewal_fees", string="Renewal Fees Amount")
    renewal_fees_paid = fields.Boolean(compute="_compute_renewal_fees", string="Renewal Fees Paid")

    @api.depends("permit_id.name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for request in self:
            kind = kinds.get(request.kind, "")
            request.display_name = f"{request.permit_id.name} - {kind}" if request.permit_id else kind

    @api.depends("assessment_ids.amount_total", "assessment_ids.is_paid", "assessment_ids.state")
    def _compute_renewal_fees(self):
        for request in self:
            # read as superuser: the unit does not read assessments (they hold the citizens' national IDs)
            assessments = request.sudo().assessment_ids.filtered(lambda a: a.state != "cancelled")
            request.renewal_fee_amount = sum(assessments.mapped("amount_total"))
            request.renewal_fees_paid = bool(assessments) and all(assessments.mapped("is_paid"))

    # ------------------------------------------------------------------
    # A submitted request no longer changes
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and {"permit_id", "kind", "reason"} & set(vals):
            if self.filtered(lambda r: r.state != "draft"):
                raise UserError(self.env._("A submitted request no longer changes; register a new one."))
        if not self.env.su and "refusal_reason" in vals and self.filtered(lambda r: r.state != "requested"):
            raise UserError(self.env._("The refusal reason is written while the request waits for a decision."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only a draft request is deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # The rules of the permit type
    # ------------------------------------------------------------------
    def _check_eligible(self):
        """Raise, in Persian for a Persian user, when the permit cannot have this request now."""
        _ = self.env._
        for request in self:
            permit = request.permit_id.sudo()
            if permit.state != "issued":
                raise UserError(_("File %(file)s is not an issued permit: only an issued permit is extended or "
                                  "renewed.", file=permit.name))
            others = self.sudo().search([("permit_id", "=", permit.id), ("state", "=", "requested"),
                                         ("id", "!=", request.id)], limit=1)
            if others:
                raise UserError(_("Permit %(number)s already has a request waiting for a decision.",
                                  number=permit.permit_number))
            permit_type = permit.permit_type_id
            today = permit._today_in_iran()
            if request.kind == "extension":
                if not permit_type.max_extensions or not permit_type.extension_months:
                    raise UserError(_("Permit type “%(type)s” allows no extension; apply for a renewal.",
                                      type=permit_type.name))
                if permit.extension_count >= permit_type.max_extensions:
                    raise UserError(_(
                        "Permit %(number)s has had the %(count)s extensions its type allows; apply for a renewal.",
                        number=permit.permit_number, count=permit_type.max_extensions))
            else:
                extensions_left = (permit_type.extension_months
                                   and permit.extension_count < permit_type.max_extensions)
                start_passed = permit.start_deadline and permit.start_deadline < today
                if extensions_left and not start_passed:
                    raise UserError(_(
                        "Permit %(number)s can still be extended (%(used)s of %(count)s extensions used) and its "
                        "start deadline has not passed: apply for an extension, not a renewal.",
                        number=permit.permit_number, used=permit.extension_count,
                        count=permit_type.max_extensions))

    def _new_deadlines(self, today):
        """The permit's deadlines once this request is approved on ``today``, from the permit type's rules."""
        self.ensure_one()
        permit, permit_type = self.permit_id.sudo(), self.permit_id.sudo().permit_type_id
        if self.kind == "extension":
            start = add_months(permit.start_deadline or today, permit_type.extension_months)
            return start, max(permit.completion_deadline or start, start)
        return (add_months(today, permit_type.start_deadline_months),
                add_months(today, permit_type.completion_deadline_months))

    def _renewal_fee_requests(self, date):
        """``(fee line, inputs, amount)`` of the renewal fees of this request: the permit type's fee lines that
        apply to renewals, with the permit's figures on ``date``; empty for an extension. Raises UserError when one
        cannot be computed (no regional value or tariff for the date), before anything is written."""
        self.ensure_one()
        permit = self.permit_id.sudo()
        if self.kind != "renewal" or not permit._fee_lines("renewal"):
            return []
        return permit._fee_requests(date, applies_to="renewal")

    def _assess_renewal_fees(self, requests, date):
        """Assess ``requests`` (from ``_renewal_fee_requests``) through finance, for the permit's applicant, with
        this request as their origin, and link them to it (the permit shows them as ``renewal_assessment_ids``,
        not in its ``assessment_ids``: those are the permit's own fees, which its signatures and payment stage
        cover)."""
        self.ensure_one()
        Assessment = self.env["municipality.toll.assessment"]
        if not requests:
            return Assessment
        assessments = Assessment.create_assessments([{
            "partner": self.permit_id.sudo().applicant_id, "toll_type": fee_line.toll_type_id, "inputs": inputs,
            "date": date, "origin": self} for fee_line, inputs, _amount in requests])
        self.sudo().assessment_ids = [(4, assessment.id) for assessment in assessments]
        return assessments

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def _check_group(self, xmlid, message):
        if not self.env.su and not self.env.user.has_group(xmlid):
            raise AccessError(message)

    def action_submit(self):
        """The front desk submits the applicant's request for the head's decision."""
        self.check_access("write")
        self._check_group(FRONT_DESK_GROUP, self.env._("Only the urban-planning front desk registers requests."))
        return self._submit()

    def _submit(self):
        """Draft → waiting for the head's decision, once the permit type's rules allow it (the caller checked
        who asks)."""
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("Only a draft request is submitted."))
        self._check_eligible()
        self.sudo().write({"state": "requested"})
        for request in self:
            request.permit_id.sudo().message_post(body=self.env._(
                "A request for %(kind)s of the permit was registered: %(reason)s",
                kind=request._selection_labels("kind")[request.kind], reason=request.reason))
        self._schedule_decision()
        return True

    def _schedule_decision(self):
        """The request waits for the head of urban planning (or the deputy, whose group implies it): each has an
        activity «decide on the request» in their in-tray, whoever registered it (the front desk or the citizen on
        the portal), until one of them decides."""
        for request in self:
            books = request.with_context(lang=request._municipality_lang())  # stored text
            request._schedule_awaited_activity(HEAD_GROUP, books.env._(
                "Decide on the request for %(kind)s of permit %(number)s",
                kind=books._selection_labels("kind")[request.kind], number=request.permit_number or ""))

    @api.model
    def _portal_create(self, permit, kind, reason):
        """The citizen's request on the portal, created waiting for the head's decision, all or nothing.

        ``permit``: the citizen's own file, as the portal controller found it (``_portal_check_access``). Refused
        in the citizen's language (a missing reason, a kind the permit type's rules do not allow now, a request
        already waiting, a file not issued); nothing is saved then."""
        _ = self.env._
        if kind not in dict(self._fields["kind"].selection):
            raise UserError(_("Choose an extension or a renewal."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Write why you ask for the extension or renewal."))
        with self.env.cr.savepoint():
            request = self.sudo().create({"permit_id": permit.id, "kind": kind, "reason": reason,
                                          "requested_by_id": self.env.user.id})
            request._submit()
        return request

    def _check_decision(self):
        self.check_access("write")
        self._check_group(HEAD_GROUP, self.env._("Only the head of urban planning approves or refuses an extension "
                                                 "or renewal."))
        for request in self:
            if request.state != "requested":
                raise UserError(self.env._("Only a submitted request is approved or refused."))

    def action_approve(self):
        """Approve: the permit's deadlines move by the permit type's rules, through the permit's workflow."""
        self._check_decision()
        self._check_eligible()
        for request in self:
            permit = request.permit_id.sudo()
            today = permit._today_in_iran()
            start, completion = request._new_deadlines(today)
            # every renewal fee computed before anything is written
            fee_requests = request._renewal_fee_requests(today)
            values = {"start_deadline": start, "completion_deadline": completion}
            if request.kind == "extension":
                values["extension_count"] = permit.extension_count + 1
            else:
                request._assess_renewal_fees(fee_requests, today)
            request.sudo().write({
                "state": "approved", "decided_by_id": self.env.user.id, "decided_on": today,
                "previous_start_deadline": permit.start_deadline,
                "previous_completion_deadline": permit.completion_deadline,
                "new_start_deadline": start, "new_completion_deadline": completion})
            permit.write(values)
            start_text = format_jalali(start, persian_digits=True)
            completion_text = format_jalali(completion, persian_digits=True)
            permit.message_post(body=self.env._(
                "%(kind)s approved by %(user)s: construction must start by %(start)s and be completed by "
                "%(completion)s.", kind=request._selection_labels("kind")[request.kind], user=self.env.user.name,
                start=start_text, completion=completion_text))
            permit._sms_applicant(SMS_DEADLINES_CHANGED, permit_start=start_text, permit_completion=completion_text)
        self._done_awaited_activity(HEAD_GROUP)
        return True

    def action_refuse(self):
        """Refuse with a reason: the permit's deadlines stay."""
        self._check_decision()
        for request in self:
            if not (request.refusal_reason or "").strip():
                raise UserError(self.env._("Write the reason for refusing the request first."))
            request.sudo().write({"state": "refused", "decided_by_id": self.env.user.id,
                                  "decided_on": request.permit_id._today_in_iran()})
            request.permit_id.sudo().message_post(body=self.env._(
                "The request for %(kind)s of the permit was refused: %(reason)s",
                kind=request._selection_labels("kind")[request.kind], reason=request.refusal_reason))
        self._done_awaited_activity(HEAD_GROUP)
        return True


class MunicipalityPermit(models.Model):
    _inherit = "municipality.permit"

    extension_request_ids = fields.One2many("municipality.permit.extension.request", "permit_id",
                                            string="Extension and Renewal Requests")
    extension_request_count = fields.Integer(compute="_compute_extension_request_count",
                                             string="Extension Requests")

    renewal_assessment_ids = fields.Many2many(
        "municipality.toll.assessment", compute="_compute_renewal_assessment_ids", compute_sudo=True,
        string="Renewal Fees",
        help="The fees assessed on the approval of the file's renewals (not in its Assessments: those are the "
             "permit's own fees, which its signatures and its payment stage cover).")

    @api.depends("extension_request_ids")
    def _compute_extension_request_count(self):
        for permit in self:
            permit.extension_request_count = len(permit.extension_request_ids)

    @api.depends("extension_request_ids.assessment_ids")
    def _compute_renewal_assessment_ids(self):
        for permit in self:
            permit.renewal_assessment_ids = permit.extension_request_ids.assessment_ids

    def _suggested_request_kind(self):
        """An extension while the permit type allows one more, else a renewal."""
        self.ensure_one()
        permit_type = self.sudo().permit_type_id
        return ("extension" if permit_type.extension_months and self.extension_count < permit_type.max_extensions
                else "renewal")

    def action_view_extension_requests(self):
        self.ensure_one()
        name = self.env._("Extension and Renewal Requests")
        domain = [("permit_id", "=", self.id)]
        return {"type": "ir.actions.act_window", "name": name, "res_model": "municipality.permit.extension.request",
                "view_mode": "list,form", "domain": domain, "context": {"default_permit_id": self.id}}
