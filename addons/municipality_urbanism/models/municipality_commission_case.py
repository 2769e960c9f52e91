import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.municipality_base.tools.identifiers import mobile_forms
from odoo.addons.municipality_base.tools.jalali import format_jalali

SECRETARY_GROUP = "municipality_urbanism.group_urbanism_commission_secretary"
#: Days after the notice within which the owner may appeal a first ruling (Art. 100, DOMAIN.md §5).
APPEAL_DAYS = 10
FINE_TOLL_PARAM = "municipality_urbanism.article100_fine_toll_code"
FINE_TOLL_DEFAULT = "ART100_FINE"
#: The SMS telling each owner the first ruling was notified, and until when they may appeal.
SMS_NOTICE = "municipality_urbanism.sms_template_commission_notice"
CASE_STATES = [
    ("draft", "Case File"),
    ("submitted", "Before the Commission"),
    ("first_ruling", "First Ruling"),
    ("appealed", "Appealed"),
    ("final", "Final Ruling"),
    ("review", "Back Before the Commission"),
    ("closed", "Closed"),
]


class MunicipalityCommissionCase(models.Model):
    """The case file of the Article 100 commission (پرونده کمیسیون ماده صد) about a property's violations.

    The secretary submits it; a session of the first panel rules on each violation; once the owner is notified,
    they may appeal within ten days to a second panel whose members did not sit in the first, whose ruling is
    final; without an appeal the first ruling becomes final when the ten days are over. A final fine becomes a
    finance assessment (without late-payment charge); an unpaid fine brings the case back before the commission
    (for demolition); the case closes when every final ruling is carried out."""

    _name = "municipality.commission.case"
    _description = "Article 100 Commission Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin", "office.letter.linked.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _workflow_fields = ("state", "submitted_date", "notice_date", "appeal_date", "final_date", "closed_date")
    _workflow_initial_state = "draft"

    name = fields.Char(string="Case Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    property_id = fields.Many2one("municipality.property", string="Property", required=True, index=True,
                                  check_company=True, ondelete="restrict", tracking=True)
    violation_ids = fields.One2many("municipality.violation", "case_id", string="Violations", readonly=True)
    session_ids = fields.One2many("municipality.commission.session", "case_id", string="Sessions")
    ruling_ids = fields.One2many("municipality.commission.ruling", "case_id", string="Rulings", readonly=True)
    final_ruling_ids = fields.One2many("municipality.commission.ruling", "case_id", string="Final Rulings",
                                       domain=[("is_final", "=", True)], readonly=True)
    state = fields.Selection(CASE_STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    submitted_date = fields.Date(readonly=True, tracking=True)
    notice_date = fields.Date(string="Notice Date", readonly=True, tracking=True,
                              help="The day the first ruling was notified to the owner and occupants.")
    appeal_deadline = fields.Date(compute="_compute_appeal_deadline", string="Appeal Deadline")
    appeal_date = fields.Date(readonly=True, tracking=True)
    final_date = fields.Date(readonly=True, tracking=True)
    closed_date = fields.Date(readonly=True, tracking=True)
    fine_total = fields.Monetary(compute="_compute_fines", string="Fines")
    fines_paid = fields.Boolean(compute="_compute_fines")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("notice_date")
    def _compute_appeal_deadline(self):
        for case in self:
            case.appeal_deadline = case.notice_date and case.notice_date + datetime.timedelta(days=APPEAL_DAYS)

    @api.depends("final_ruling_ids.fine_amount", "final_ruling_ids.assessment_id")
    def _compute_fines(self):
        for case in self:
            fines = case.final_ruling_ids.filtered(lambda r: r.decision == "fine")
            case.fine_total = sum(fines.mapped("fine_amount"))
            case.fines_paid = all(fines.sudo().mapped("assessment_id.is_paid"))

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        for case in cases:
            case.sudo().name = self.env["ir.sequence"]._next_for_company(
                "municipality.commission.case", case.company_id, sequence_date=self._today_in_iran()) or "/"
        return cases

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_secretary(self):
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(SECRETARY_GROUP):
            raise AccessError(self.env._("Only the secretary of the Article 100 commission moves its cases on."))

    def _check_state(self, *states):
        for case in self:
            if case.state not in states:
                raise UserError(self.env._("Case %(case)s is %(state)s: this step is not possible now.",
                                           case=case.name, state=case._selection_labels("state")[case.state]))

    def _day(self, day):
        return format_jalali(day, persian_digits=True) if day else ""

    def action_submit(self):
        """Send the case file to the commission."""
        self._check_secretary()
        self._check_state("draft")
        for case in self:
            if not case.violation_ids:
                raise UserError(self.env._("Case %(case)s has no violation to rule on.", case=case.name))
        self.sudo().write({"state": "submitted", "submitted_date": self._today_in_iran()})
        return True

    def _session_decided(self, session):
        """A session of the case has decided (quorum and two votes checked by the session)."""
        self.ensure_one()
        if session.panel == "first":
            self._check_state("submitted")
            self.sudo().write({"state": "first_ruling"})
            self.violation_ids._set_state("ruled")
        else:
            self._check_state("appealed" if session.panel == "appeal" else "review")
            self._make_final(session)

    def action_notify(self, notice_date=None):
        """Record the day the first ruling was notified to the owner and occupants (the printed notice, served at
        the property): the ten days of appeal start. Each owner with a mobile also gets an SMS; the case's
        chatter says who was notified and how."""
        self._check_secretary()
        self._check_state("first_ruling")
        day = notice_date or self._today_in_iran()
        for case in self:
            if case.notice_date:
                raise UserError(self.env._("The ruling of case %(case)s was already notified on %(date)s.",
                                           case=case.name, date=self._day(case.notice_date)))
            decided = case.session_ids.filtered(lambda s: s.state == "decided" and s.panel == "first")
            if decided and day < max(decided.mapped("date")):
                raise UserError(self.env._("A ruling is notified after the session that made it."))
        self.sudo().write({"notice_date": day})
        for case in self:
            case._notify_owners()
        return True

    def _notice_session(self):
        """The decided session of the first panel whose rulings the notice tells the owner (the last one)."""
        self.ensure_one()
        session = self.session_ids.filtered(lambda s: s.state == "decided" and s.panel == "first")[-1:]
        if not session:
            raise UserError(self.env._("Case %(case)s has no decided ruling of the first panel to notify.",
                                       case=self.name))
        return session

    def _notify_owners(self):
        """Queue the notice SMS to each owner of the property with a mobile (unless the number opted out of SMS)
        and log on the chatter who was notified, by the printed notice and by SMS."""
        self.ensure_one()
        case = self.sudo()
        owners = case.property_id.owner_share_ids.sorted(lambda s: (-s.share_dang, s.id)).partner_id
        template = self.env.ref(SMS_NOTICE, raise_if_not_found=False)
        notice, deadline = self._day(case.notice_date), self._day(case.appeal_deadline)
        texted, opted_out, no_mobile = [], [], []
        for partner in owners:
            forms = mobile_forms(partner.mobile or "")
            if not forms or not template:
                no_mobile.append(partner.name)
            elif self.env["phone.blacklist"].sudo().search_count([("number", "in", forms)], limit=1):
                opted_out.append(forms[0])
            else:
                case.with_context(mail_notify_author=True)._message_sms_with_template(
                    template=template.sudo().with_context(notice_partner_lang=partner.lang, notice_date=notice,
                                                          appeal_deadline=deadline),
                    partner_ids=partner.ids, sms_pid_to_number={partner.id: forms[0]}, put_in_queue=True)
                texted.append(f"{partner.name} ({forms[0]})")
        _ = self.env._
        lines = [_("The first ruling was notified on %(date)s to the owners (%(owners)s) and the occupants of the "
                   "property by the printed notice; an appeal is possible until %(deadline)s.", date=notice,
                   owners=", ".join(owners.mapped("name")) or "—", deadline=deadline)]
        if texted:
            lines.append(_("SMS sent to: %(recipients)s.", recipients=", ".join(texted)))
        if no_mobile:
            lines.append(_("No SMS to %(owners)s: no mobile number.", owners=", ".join(no_mobile)))
        lines += [_("No SMS was sent to %(number)s: the number opted out of SMS from the municipality.",
                    number=number) for number in opted_out]
        self.message_post(body=Markup("<br/>").join(lines))

    def action_appeal(self, appeal_date=None):
        """The owner's appeal against the first ruling, within ten days of the notice: a second panel rules."""
        self._check_secretary()
        self._check_state("first_ruling")
        day = appeal_date or self._today_in_iran()
        for case in self:
            if not case.notice_date:
                raise UserError(self.env._("Record the notice of the ruling of case %(case)s before its appeal.",
                                           case=case.name))
            if day > case.appeal_deadline:
                raise UserError(self.env._(
                    "The appeal of case %(case)s is late: the ruling was notified on %(notice)s and could be appealed "
                    "until %(deadline)s (ten days).", case=case.name, notice=self._day(case.notice_date),
                    deadline=self._day(case.appeal_deadline)))
            if day < case.notice_date:
                raise UserError(self.env._("An appeal comes after the notice of the ruling."))
        self.sudo().write({"state": "appealed", "appeal_date": day})
        return True

    def action_finalize(self):
        """Without an appeal, the first ruling becomes final once the ten days after the notice are over."""
        self._check_secretary()
        self._check_state("first_ruling")
        today = self._today_in_iran()
        for case in self:
            if not case.notice_date:
                raise UserError(self.env._("Case %(case)s: record the notice of the ruling first.", case=case.name))
            if today <= case.appeal_deadline:
                raise UserError(self.env._(
                    "The ruling of case %(case)s may still be appealed until %(deadline)s.", case=case.name,
                    deadline=self._day(case.appeal_deadline)))
            session = case.session_ids.filtered(lambda s: s.state == "decided" and s.panel == "first")[-1:]
            case._make_final(session)
        return True

    def _make_final(self, session):
        """``session``'s rulings are final: fines become assessments, the case waits for their execution."""
        self.ensure_one()
        replaced = self.ruling_ids.filtered(lambda r: r.is_final and r.violation_id in session.ruling_ids.violation_id)
        replaced.sudo().write({"is_final": False})
        session.ruling_ids.sudo().write({"is_final": True})
        self.sudo().write({"state": "final", "final_date": self._today_in_iran()})
        self.violation_ids._set_state("ruled")
        for ruling in session.ruling_ids.filtered(lambda r: r.decision == "fine"):
            ruling._assess_fine()
        self.message_post(body=self.env._("The ruling of case %(case)s is final.", case=self.name))

    def action_refer_unpaid_fines(self):
        """A final fine not paid by its due date sends the case back before the commission, for demolition."""
        self._check_secretary()
        self._check_state("final")
        today = self._today_in_iran()
        for case in self:
            unpaid = case.final_ruling_ids.filtered(
                lambda r: r.decision == "fine" and r.assessment_id and not r.sudo().assessment_id.is_paid)
            if not unpaid:
                raise UserError(self.env._("Case %(case)s has no unpaid fine.", case=case.name))
            not_due = unpaid.filtered(lambda r: (r.sudo().assessment_id.invoice_id.invoice_date_due or today) >= today)
            if not_due:
                raise UserError(self.env._(
                    "The fine of case %(case)s is not due yet (due on %(date)s).", case=case.name,
                    date=self._day(not_due[0].sudo().assessment_id.invoice_id.invoice_date_due)))
            case.sudo().write({"state": "review"})
            case.message_post(body=self.env._(
                "The fine of case %(case)s is unpaid: the case goes back before the commission for demolition.",
                case=case.name))
        return True

    def action_close(self):
        """Close the case when every final ruling is carried out (fines paid, demolitions and closures done)."""
        self._check_secretary()
        self._check_state("final")
        for case in self:
            pending = case.final_ruling_ids.filtered(lambda r: not r._is_executed())
            if pending:
                raise UserError(self.env._(
                    "Case %(case)s waits for these rulings to be carried out: %(rulings)s.", case=case.name,
                    rulings=", ".join(pending.mapped("display_name"))))
            case._close()
        return True

    def _close(self):
        self.sudo().write({"state": "closed", "closed_date": self._today_in_iran()})
        self.violation_ids._set_state("closed")

    def _fines_paid(self):
        """Finance says a fine is paid: a final case whose rulings are all carried out closes."""
        for case in self.filtered(lambda c: c.state == "final"):
            if all(ruling._is_executed() for ruling in case.final_ruling_ids):
                case._close()
