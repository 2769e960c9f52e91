import datetime


from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.jalali import add_months, format_jalali

#: Jalali months an agency owning a protected zone (حریم) has to answer before its silence counts as consent
#: (DOMAIN.md §5): the due date is the same day two months after the letter, or that month's last day.
SILENCE_CONSENT_MONTHS = 2


class MunicipalityPermitInquiry(models.Model):
    """An inquiry (استعلام) of a permit file to another agency: an outgoing letter of the secretariat linked to
    the permit, answered by an incoming letter that refers to it (عطف). Where the law says silence is
    consent (an agency owning a protected zone, حریم: two Jalali months), it closes as implied consent the day
    after its due date (cron); any other inquiry is due after its days to answer and waits for its reply."""

    _name = "municipality.permit.inquiry"
    _description = "Permit Inquiry"
    _inherit = ["municipality.workflow.mixin"]
    _order = "permit_id, id"
    _workflow_fields = ("state", "letter_id", "reply_letter_id", "sent_date", "closed_date")

    permit_id = fields.Many2one("municipality.permit", string="Permit File", required=True, ondelete="cascade",
                                index=True)
    agency_id = fields.Many2one("res.partner", string="Agency", required=True)
    subject = fields.Char(required=True)
    answer_days = fields.Integer(
        string="Days to Answer", default=60, required=True,
        help="The deadline of an inquiry whose silence is not consent, in days from its letter. Where silence is "
             "consent the law gives two Jalali months instead.")
    silence_is_consent = fields.Boolean(
        string="Silence Is Consent", default=False,
        help="Tick it for an agency owning a protected zone (حریم): it must answer within two Jalali months of the "
             "letter, and without an answer by then the inquiry closes as implied consent. Other agencies' silence "
             "is no answer: the file waits for their reply.")
    letter_id = fields.Many2one("office.letter", string="Inquiry Letter", readonly=True, copy=False)
    reply_letter_id = fields.Many2one("office.letter", string="Reply Letter", readonly=True, copy=False)
    sent_date = fields.Date(readonly=True, copy=False)
    due_date = fields.Date(compute="_compute_due_date", store=True)
    closed_date = fields.Date(readonly=True, copy=False)
    answer = fields.Selection([("consent", "Consent"), ("conditions", "Consent with Conditions"),
                               ("refusal", "Refusal")])
    state = fields.Selection([("draft", "To Send"), ("sent", "Awaiting Answer"), ("answered", "Answered"),
                              ("implied_consent", "Implied Consent")], default="draft", required=True, readonly=True)

    _permit_agency_unique = models.Constraint(
        "UNIQUE(permit_id, agency_id)", "A permit file sends one inquiry to each agency.")

    # what the letter says and when it falls due: fixed once the letter is sent
    _sent_fields = ("permit_id", "agency_id", "subject", "answer_days", "silence_is_consent")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("answer") for vals in vals_list):
            raise UserError(self.env._("The agency's answer is recorded once its reply letter is registered."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            sent = self.filtered(lambda i: i.state != "draft")
            fixed = [name for name in self._sent_fields if name in vals]
            if sent and fixed:
                raise UserError(self.env._(
                    "The inquiry “%(subject)s” is sent: %(fields)s no longer change.",
                    subject=sent[0].subject, fields=self._workflow_field_labels(fixed)))
            if "answer" in vals:
                unanswered = self.filtered(lambda i: i.state != "answered")
                if unanswered:
                    raise UserError(self.env._(
                        "The agency's answer to the inquiry “%(subject)s” is recorded once its reply letter is "
                        "registered (an implied consent is the law's answer).", subject=unanswered[0].subject))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unsent(self):
        sent = self.filtered(lambda i: i.state != "draft")
        if sent:
            raise UserError(self.env._(
                "The inquiry “%(subject)s” is sent: it stays on the file, and the file waits for its answer.",
                subject=sent[0].subject))

    @api.constrains("answer_days", "silence_is_consent")
    def _check_answer_days(self):
        for inquiry in self:
            if not inquiry.silence_is_consent and inquiry.answer_days <= 0:
                raise ValidationError(self.env._(
                    "The inquiry “%(subject)s” needs a positive number of days to answer.", subject=inquiry.subject))

    @api.depends("sent_date", "answer_days", "silence_is_consent")
    def _compute_due_date(self):
        """Two Jalali months after the letter where silence is consent (the law's delay, 59 to 62 days), else the
        inquiry's days to answer."""
        for inquiry in self:
            if not inquiry.sent_date:
                inquiry.due_date = False
            elif inquiry.silence_is_consent:
                inquiry.due_date = add_months(inquiry.sent_date, SILENCE_CONSENT_MONTHS)
            else:
                inquiry.due_date = inquiry.sent_date + datetime.timedelta(days=inquiry.answer_days)

    def action_prepare_letter(self):
        """Write the inquiry letter: an outgoing letter to the agency about the permit file, to be signed and
        registered by the secretariat (the inquiry counts as sent when it is registered)."""
        for inquiry in self:
            if inquiry.letter_id:
                raise UserError(self.env._("The inquiry “%(subject)s” already has its letter.", subject=inquiry.subject))
            inquiry.permit_id.check_access("write")
            letter = self.env["office.letter"].create({
                "subject": inquiry.subject,
                "letter_type": "outgoing",
                "recipient_partner_ids": [(6, 0, inquiry.agency_id.ids)],
                "res_model": "municipality.permit",
                "res_id": inquiry.permit_id.id,
                "body": self.env._("Inquiry about permit file %(file)s, property %(property)s.",
                                   file=inquiry.permit_id.name, property=inquiry.permit_id.property_id.renovation_code),
            })
            inquiry.sudo().letter_id = letter
        return True

    def _letters_registered(self, letters):
        """Hook of ``office.letter.action_register``: an inquiry letter registered is sent; an incoming letter
        that replies to one (عطف) answers it."""
        inquiries = self.sudo().search([("letter_id", "in", letters.ids), ("state", "=", "draft")])
        for inquiry in inquiries:
            inquiry.write({"state": "sent", "sent_date": inquiry.letter_id.date})
        replies = letters.filtered(lambda letter: letter.letter_type == "incoming")
        for reply in replies.sudo():
            answered = reply.link_ids.linked_letter_id
            for inquiry in self.sudo().search([("letter_id", "in", answered.ids), ("state", "=", "sent")]):
                inquiry.write({"state": "answered", "reply_letter_id": reply.id, "closed_date": reply.date})
                if not reply.res_model:  # the secretariat registers the reply by its reference; it joins the file
                    reply.write({"res_model": "municipality.permit", "res_id": inquiry.permit_id.id})
                inquiry.permit_id.message_post(body=self.env._(
                    "The agency %(agency)s answered the inquiry “%(subject)s” with letter %(letter)s.",
                    agency=inquiry.agency_id.name, subject=inquiry.subject, letter=reply.number))

    @api.model
    def _cron_close_implied_consent(self):
        """Inquiries awaiting an answer where silence is consent close as implied consent once their two Jalali
        months are over (the day after the due date). Other inquiries wait for their reply."""
        today = self._today_in_iran()
        overdue = self.sudo().search([("state", "=", "sent"), ("silence_is_consent", "=", True),
                                      ("due_date", "<", today)])
        for inquiry in overdue:
            inquiry.write({"state": "implied_consent", "closed_date": today, "answer": "consent"})
            inquiry.permit_id.message_post(body=self.env._(
                "No answer from %(agency)s to the inquiry “%(subject)s” by %(due)s: implied consent.",
                agency=inquiry.agency_id.name, subject=inquiry.subject,
                due=format_jalali(inquiry.due_date, persian_digits=True)))
        return True
