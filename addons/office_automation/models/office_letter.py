from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools import jalali

from .res_users import CLASSIFICATION_LEVEL, CLASSIFICATIONS

LETTER_TYPES = [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")]
PRIORITIES = [("normal", "Normal"), ("urgent", "Urgent"), ("immediate", "Immediate")]
STATES = [
    ("draft", "Draft"),
    ("to_sign", "Awaiting Signatures"),
    ("registered", "Registered"),
    ("sent", "Sent"),
    ("received", "Received"),
    ("archived", "Archived"),
    ("cancelled", "Cancelled"),
]


class OfficeLetter(models.Model):
    """A letter: incoming (وارده), outgoing (صادره) or internal (داخلی).

    Life: draft → signatures in order → registered (numbered and dated by its
    secretariat, no longer editable) → sent / received → archived. An
    incoming letter is registered by its secretariat with the sender's own
    number and date. A letter may be about any record (``res_model`` /
    ``res_id``); that record lists it (``office.letter.linked.mixin``).
    """

    _name = "office.letter"
    _description = "Letter"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _order = "date desc, number_sequence desc, id desc"
    _rec_names_search = ["number", "subject"]
    _workflow_fields = ("state", "number", "number_year", "number_sequence", "date", "registered_by_id",
                        "party_user_ids")

    subject = fields.Char(required=True, tracking=True)
    body = fields.Html(sanitize_style=True)
    letter_type = fields.Selection(LETTER_TYPES, string="Type", required=True, default="internal", tracking=True)
    classification = fields.Selection(
        CLASSIFICATIONS, required=True, default="normal", tracking=True,
        help="Class under the Regulation on classified government documents, printed at the top and bottom "
             "of every page. Only users cleared for it, and the people party to the letter, can read it.")
    classification_level = fields.Integer(compute="_compute_classification_level", store=True, index=True)
    priority = fields.Selection(PRIORITIES, required=True, default="normal", tracking=True)
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, copy=False, tracking=True,
                             index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    secretariat_id = fields.Many2one(
        "office.secretariat", required=True, index=True, tracking=True,
        domain="[('company_id', '=', company_id)]", default=lambda self: self._default_secretariat())

    number = fields.Char(readonly=True, copy=False, index="trigram", tracking=True,
                         help="Given by the secretariat when the letter is registered.")
    number_year = fields.Integer(string="Jalali Year of the Number", readonly=True, copy=False)
    number_sequence = fields.Integer(string="Serial", readonly=True, copy=False)
    date = fields.Date(string="Registration Date", readonly=True, copy=False, index=True)
    date_jalali = fields.Char(string="Jalali Date", compute="_compute_date_jalali")
    registered_by_id = fields.Many2one(
        "res.users", string="Registered By", readonly=True, copy=False,
        help="The clerk who registered the letter; party to it whatever its class.")

    author_id = fields.Many2one("res.users", string="Written By", default=lambda self: self.env.user,
                                readonly=True, index=True)
    sender_partner_id = fields.Many2one(
        "res.partner", string="Sender", index=True, tracking=True,
        help="Who sent an incoming letter: a citizen, a company or another agency.")
    sender_employee_id = fields.Many2one("hr.employee", string="Sending Employee", tracking=True)
    sender_department_id = fields.Many2one("hr.department", string="Sending Unit", tracking=True)
    sender_number = fields.Char(string="Sender's Number", tracking=True,
                                help="The number the sender gave an incoming letter.")
    sender_date = fields.Date(string="Sender's Date", tracking=True, help="The date on the incoming letter.")
    recipient_partner_ids = fields.Many2many(
        "res.partner", "office_letter_recipient_partner_rel", "letter_id", "partner_id", string="Recipients")
    recipient_employee_ids = fields.Many2many(
        "hr.employee", "office_letter_recipient_employee_rel", "letter_id", "employee_id",
        string="Recipient Employees")
    recipient_department_ids = fields.Many2many(
        "hr.department", "office_letter_recipient_department_rel", "letter_id", "department_id",
        string="Recipient Units")

    res_model = fields.Char(string="Related Document Model", index=True, copy=False)
    res_id = fields.Many2oneReference(string="Related Document", model_field="res_model", index=True, copy=False)
    reference = fields.Reference(
        string="About", selection="_selection_reference_model", compute="_compute_reference",
        inverse="_inverse_reference", help="The record this letter is about (a permit, an employee, an invoice…).")

    party_user_ids = fields.Many2many(
        "res.users", "office_letter_party_user_rel", "letter_id", "user_id", string="Parties",
        compute="_compute_party_user_ids", store=True,
        help="Users who may read the letter whatever its class: its author, sender, signers, recipients "
             "and referees.")

    _number_unique = models.Constraint(
        "unique(secretariat_id, number_year, number_sequence)",
        "A secretariat gives each number only once in a Jalali year.")

    @api.model
    def _default_secretariat(self):
        return self.env["office.secretariat"].search(
            [("company_id", "=", self.env.company.id), ("user_ids", "in", self.env.uid)], limit=1
        ) or self.env["office.secretariat"].search([("company_id", "=", self.env.company.id)], limit=1)

    @api.model
    def _selection_reference_model(self):
        return [(model.model, model.name) for model in self.env["ir.model"].sudo().search(
            [("transient", "=", False), ("abstract", "=", False)])]

    @api.depends("classification")
    def _compute_classification_level(self):
        for letter in self:
            letter.classification_level = CLASSIFICATION_LEVEL.get(letter.classification, 0)

    @api.depends("date")
    def _compute_date_jalali(self):
        for letter in self:
            letter.date_jalali = jalali.format_jalali(letter.date) if letter.date else False

    @api.depends("res_model", "res_id")
    def _compute_reference(self):
        for letter in self:
            if letter.res_model in self.env and letter.res_id:
                letter.reference = self.env[letter.res_model].browse(letter.res_id)
            else:
                letter.reference = False

    def _inverse_reference(self):
        for letter in self:
            letter.res_model = letter.reference._name if letter.reference else False
            letter.res_id = letter.reference.id if letter.reference else False

    @api.depends("author_id", "registered_by_id", "sender_employee_id.user_id",
                 "sender_department_id.manager_id.user_id", "recipient_employee_ids.user_id",
                 "recipient_department_ids.manager_id.user_id")
    def _compute_party_user_ids(self):
        for letter in self:
            letter.party_user_ids = letter._party_users()

    def _party_users(self):
        """The users party to the letter; parts of the addon add theirs."""
        self.ensure_one()
        return (self.author_id | self.registered_by_id | self.sender_employee_id.user_id
                | self.sender_department_id.manager_id.user_id | self.recipient_employee_ids.user_id
                | self.recipient_department_ids.manager_id.user_id)

    @api.depends("number", "subject", "classification")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Names are read as superuser wherever a record points at a letter (many2one values, activities,
        # messages): a classified letter the user may not read is named without its number or subject.
        restricted = self.browse()
        if self.env.su and self.env.uid != SUPERUSER_ID:
            classified = self.filtered(lambda letter: isinstance(letter.id, int) and letter.classification != "normal")
            restricted = classified - classified.with_env(self.env(su=False))._filtered_access("read")
        for letter in self:
            if letter in restricted:
                letter.display_name = self.env._("Classified letter")
                continue
            name = letter.number or self.env._("Draft letter")
            # A classified subject stays out of every list, link and message that names the letter.
            if letter.classification == "normal" and letter.subject:
                name = f"{name} — {letter.subject}"
            letter.display_name = name

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        # The confidentiality rule reads the parties: compute those pending (a unit's new manager, a new
        # recipient) before searching, or the rule would run on stale parties until the end of the transaction.
        if not self.env.su:
            self.flush_model(["party_user_ids", "classification_level"])
        return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Messages on a classified letter reach only the users who may read it (external contacts,
        without a user, are the sender's business)."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        if len(self) != 1 or self.sudo().classification == "normal":
            return recipients
        user_ids = {recipient["uid"] for recipient in recipients if recipient.get("uid")}
        allowed = {uid for uid in user_ids if self.with_user(uid).sudo(False)._filtered_access("read")}
        return [recipient for recipient in recipients if not recipient.get("uid") or recipient["uid"] in allowed]

    # ------------------------------------------------------------------ edits

    #: Fields a registered letter still accepts (chatter, activities and the archive's own fields).
    _fields_editable_when_registered = frozenset()

    def write(self, vals):
        if not self.env.su:
            locked = self.filtered(lambda letter: letter.state not in ("draft", "to_sign"))
            changed = set(vals) - self._fields_editable_when_registered
            changed = {name for name in changed if not name.startswith(("message_", "activity_"))}
            if locked and changed:
                raise UserError(self.env._(
                    "Letter %(number)s is registered and can no longer be changed. Write a new letter that "
                    "follows it up (پیرو) instead.", number=locked[0].number or locked[0].display_name))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        registered = self.filtered("number")
        if registered:
            raise UserError(self.env._(
                "Letter %s has a number and cannot be deleted: numbers never skip. Cancel it instead.",
                registered[0].number))

    # -------------------------------------------------------------- workflow

    def action_register(self):
        """Number and date the letters in their secretariats (دبیرخانه)."""
        for letter in self:
            letter._check_can_register()
            today = fields.Date.context_today(letter)
            values = letter.secretariat_id._next_letter_number(today)
            letter.sudo().write(dict(values, date=today, state="registered", registered_by_id=self.env.uid))
        return True

    def _check_can_register(self):
        self.ensure_one()
        _ = self.env._
        if self.state not in self._states_ready_to_register():
            raise UserError(_("Letter “%(subject)s” cannot be registered from the state %(state)s.",
                              subject=self.subject, state=dict(self._fields["state"]._description_selection(
                                  self.env))[self.state]))
        secretariat = self.secretariat_id
        if not (self.env.user in secretariat.user_ids or self.env.user.has_group("office_automation.group_office_admin")):
            raise UserError(_("Only the clerks of secretariat %s register its letters.", secretariat.name))
        if self.letter_type == "incoming":
            if not self.sender_partner_id:
                raise UserError(_("Say who sent incoming letter “%s” before registering it.", self.subject))
            if not (self.sender_number and self.sender_date):
                raise UserError(_("Enter the sender's own number and date of incoming letter “%s” before "
                                  "registering it.", self.subject))

    def _states_ready_to_register(self):
        """Incoming letters are registered as they arrive; others once signed."""
        self.ensure_one()
        return ("draft",) if self.letter_type == "incoming" else ("draft", "to_sign")

    def action_send(self):
        for letter in self:
            if letter.state != "registered" or letter.letter_type == "incoming":
                raise UserError(self.env._("Only a registered outgoing or internal letter can be sent."))
        self.sudo().write({"state": "sent"})
        return True

    def action_mark_received(self):
        for letter in self:
            if letter.state != "registered" or letter.letter_type != "incoming":
                raise UserError(self.env._("Only a registered incoming letter can be marked as received."))
        self.sudo().write({"state": "received"})
        return True
