import logging

from markupsafe import escape

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import config

from odoo.addons.municipality_base.tools import jalali

from ..tools import letter_hash
from .res_users import CLASSIFICATION_LEVEL, CLASSIFICATIONS

_logger = logging.getLogger(__name__)

LETTER_TYPES = [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")]
PRIORITIES = [("normal", "Normal"), ("urgent", "Urgent"), ("immediate", "Immediate")]
SIGNATURE_ACTIVITY = "office_automation.mail_activity_type_letter_signature"
REFERRAL_ACTIVITY = "office_automation.mail_activity_type_letter_referral"
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
    # hr.mixin: staff without HR rights may still address letters to employees (Odoo 19 checks the comodel).
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin", "hr.mixin"]
    _order = "date desc, number_sequence desc, id desc"
    _rec_names_search = ["number", "subject", "sender_number"]
    _check_company_auto = True
    _workflow_fields = ("state", "number", "number_year", "number_sequence", "date", "registered_by_id",
                        "party_user_ids", "author_id")
    # Whoever may read a letter may comment on it (referees, signers…); changing it needs write access.
    _mail_post_access = "read"

    subject = fields.Char(required=True, tracking=True)
    body = fields.Html(sanitize_style=True)
    letter_type = fields.Selection(LETTER_TYPES, string="Type", required=True, tracking=True,
                                   default=lambda self: self._default_letter_type())
    classification = fields.Selection(
        CLASSIFICATIONS, required=True, tracking=True, compute="_compute_classification", store=True,
        precompute=True,
        help="Class under the Regulation on classified government documents, printed at the top and bottom "
             "of every page: the most sensitive of the class given to the text and its attachments' classes. "
             "Only users cleared for it, and the people party to the letter, can read it.")
    classification_declared = fields.Selection(
        CLASSIFICATIONS, string="Class of the Text", required=True, default="normal",
        help="The class given to the letter itself; an attachment of a more sensitive class raises the "
             "letter's classification.")
    classification_level = fields.Integer(compute="_compute_classification_level", store=True, index=True)
    priority = fields.Selection(PRIORITIES, required=True, default="normal", tracking=True)
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, copy=False, tracking=True,
                             index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    secretariat_id = fields.Many2one(
        "office.secretariat", required=True, index=True, tracking=True, check_company=True,
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
                                readonly=True, index=True, copy=False,
                                help="Who wrote the letter: the user who created it, never changed afterwards.")
    sender_partner_id = fields.Many2one(
        "res.partner", string="Sender", index=True, tracking=True,
        help="Who sent an incoming letter: a citizen, a company or another agency.")
    sender_employee_id = fields.Many2one("hr.employee", string="Sending Employee", tracking=True,
                                         check_company=True)
    sender_department_id = fields.Many2one("hr.department", string="Sending Unit", tracking=True,
                                           check_company=True)
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

    signature_ids = fields.One2many("office.letter.signature", "letter_id", string="Signatures", copy=True)
    signature_valid = fields.Boolean(
        string="Signatures Match", compute="_compute_signature_valid",
        help="Whether the letter still says what each signer signed (the hash of its content is unchanged).")
    can_sign = fields.Boolean(compute="_compute_can_sign", help="Whether it is the current user's turn to sign.")
    fully_signed = fields.Boolean(compute="_compute_can_sign", help="Whether every signer has signed.")
    attachment_ids = fields.One2many(
        "ir.attachment", "res_id", string="Attachments", bypass_search_access=True,
        domain=[("office_classification", "!=", False)],
        context={"default_res_model": "office.letter", "default_office_classification": "normal"},
        help="Files that are part of the letter, each with its class.")
    attachment_count = fields.Integer(string="Number of Attachments", compute="_compute_attachment_count")
    link_ids = fields.One2many(
        "office.letter.link", "letter_id", string="Links",
        help="Earlier letters this letter follows up (پیرو), refers to (عطف) or answers (بازگشت).")
    linked_from_ids = fields.One2many(
        "office.letter.link", "linked_letter_id", string="Linked From",
        help="Later letters that follow up, refer to or answer this letter.")

    party_user_ids = fields.Many2many(
        "res.users", "office_letter_party_user_rel", "letter_id", "user_id", string="Parties",
        compute="_compute_party_user_ids", store=True,
        help="Users who may read the letter whatever its class: its author, sender, signers, recipients "
             "and referees.")
    referral_ids = fields.One2many("office.referral", "letter_id", string="Referrals")
    referral_count = fields.Integer(compute="_compute_referral_count")

    _number_unique = models.Constraint(
        "unique(secretariat_id, number_year, number_sequence)",
        "A secretariat gives each number only once in a Jalali year.")
    _number_company_unique = models.UniqueIndex(
        "(company_id, number) WHERE number IS NOT NULL",
        "Another letter of the municipality already has this number: two secretariats print the same numbers. "
        "Give each secretariat its own pattern or code.")

    @api.model
    def _default_secretariat(self):
        return self.env["office.secretariat"].search(
            [("company_id", "=", self.env.company.id), ("user_ids", "in", self.env.uid)], limit=1
        ) or self.env["office.secretariat"].search([("company_id", "=", self.env.company.id)], limit=1)

    @api.model
    def _default_letter_type(self):
        """On the Letters screen (``office_letter_type_by_usage`` in its context), the type the user's
        secretariat registers most: an incoming-mail desk starts on «incoming». Internal otherwise, and for
        a secretariat without letters yet."""
        secretariat = self.env.context.get("office_letter_type_by_usage") and self._default_secretariat()
        if not secretariat:
            return "internal"
        counts = self._read_group([("secretariat_id", "=", secretariat.id)], ["letter_type"], ["__count"],
                                  order="__count desc, letter_type")
        return counts[0][0] if counts else "internal"

    #: Odoo's documents a municipal letter is about, besides the Shahr addons' own (municipality.*, office.*).
    REFERENCE_ODOO_MODELS = ("res.partner", "hr.employee", "hr.department", "account.move", "account.payment")

    @api.model
    def _selection_reference_model(self):
        """«About»: the municipality's documents (those with a chatter of the Shahr addons, and a few of
        Odoo's: contacts, employees, units, invoices, payments), not every technical model."""
        models_ = self.env["ir.model"].sudo().search([
            ("transient", "=", False), ("abstract", "=", False), ("is_mail_thread", "=", True),
            "|", "|", ("model", "=like", "municipality.%"), ("model", "=like", "office.%"),
            ("model", "in", self.REFERENCE_ODOO_MODELS)])
        return [(model.model, model.name) for model in models_]

    @api.depends("classification_declared", "attachment_ids.office_classification")
    def _compute_classification(self):
        for letter in self:
            classes = [letter.classification_declared or "normal"] + [
                attachment.office_classification for attachment in letter.sudo().attachment_ids]
            letter.classification = max(classes, key=lambda key: CLASSIFICATION_LEVEL.get(key, 0))

    @api.depends("attachment_ids")
    def _compute_attachment_count(self):
        counts = dict(self.env["ir.attachment"].sudo()._read_group(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("office_classification", "!=", False)],
            ["res_id"], ["__count"]))
        for letter in self:
            letter.attachment_count = counts.get(letter.id, 0)

    @api.depends("signature_ids.content_hash", "signature_ids.key_id")
    def _compute_signature_valid(self):
        matches = self.sudo().signature_ids._hashes_match()
        for letter in self:
            letter.signature_valid = all(matches[signature] for signature in letter.sudo().signature_ids
                                         if signature.content_hash)

    @api.depends("state", "signature_ids.state", "signature_ids.user_id", "signature_ids.sequence")
    @api.depends_context("uid")
    def _compute_can_sign(self):
        for letter in self:
            signatures = letter.sudo().signature_ids
            letter.fully_signed = bool(signatures) and all(signature.state == "signed" for signature in signatures)
            letter.can_sign = letter.state == "to_sign" and bool(letter.id) and \
                letter._next_signature().user_id == self.env.user

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
            letter.write({"res_model": letter.reference._name if letter.reference else False,
                          "res_id": letter.reference.id if letter.reference else False})

    # The registrar is a party too (see _party_users) but not a dependency: registering, the hot path of a
    # secretariat, links the registrar directly instead of recomputing every party of the letter.
    @api.depends("author_id", "sender_employee_id.user_id",
                 "sender_department_id.manager_id.user_id", "recipient_employee_ids.user_id",
                 "recipient_department_ids.manager_id.user_id", "signature_ids.user_id",
                 "referral_ids.from_user_id", "referral_ids.to_user_id")
    def _compute_party_user_ids(self):
        for letter in self:
            letter.party_user_ids = letter._party_users()

    def _party_users(self):
        """The users party to the letter; parts of the addon add theirs."""
        self.ensure_one()
        return (self.author_id | self.registered_by_id | self.sender_employee_id.user_id
                | self.sender_department_id.manager_id.user_id | self.recipient_employee_ids.user_id
                | self.recipient_department_ids.manager_id.user_id | self.sudo().signature_ids.user_id
                | self.sudo().referral_ids.from_user_id | self.sudo().referral_ids.to_user_id)

    def _is_of_units_managed_by(self, user):
        """Whether the letter was sent by or to a unit ``user`` manages as a Unit Manager (sub-units included)."""
        self.ensure_one()
        units = self.env["hr.department"]._office_units_managed_by(user)
        letter = self.sudo()
        return bool(units & (letter.sender_department_id | letter.recipient_department_ids))

    @api.depends("referral_ids")
    def _compute_referral_count(self):
        counts = dict(self.env["office.referral"]._read_group(
            [("letter_id", "in", self.ids)], ["letter_id"], ["__count"]))
        for letter in self:
            letter.referral_count = counts.get(letter, 0)

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

    #: Fields that make up what signers sign (see ``_signed_content``); they no longer change once anyone
    #: has signed.
    _signed_content_fields = frozenset({
        "subject", "body", "letter_type", "classification", "classification_declared", "priority",
        "sender_partner_id", "sender_employee_id", "sender_department_id", "sender_number", "sender_date",
        "recipient_partner_ids", "recipient_employee_ids", "recipient_department_ids", "res_model", "res_id",
        "reference", "attachment_ids", "link_ids", "signature_ids", "secretariat_id", "company_id",
    })

    def write(self, vals):
        if not self.env.su:
            being_signed = self.filtered(lambda letter: letter.state == "to_sign" and not letter._content_editable())
            if being_signed and self._signed_content_fields & set(vals):
                raise UserError(self.env._(
                    "Letter “%(subject)s” has been signed by %(signers)s: its content can no longer change. Ask the "
                    "next signer to reject it (with the reason) to send it back to draft, then edit it.",
                    subject=being_signed[0].subject,
                    signers=", ".join(being_signed[0].sudo().signature_ids.filtered(
                        lambda signature: signature.state == "signed").user_id.mapped("name"))))
            locked = self.filtered(lambda letter: letter.state not in ("draft", "to_sign"))
            # A registered letter still accepts its chatter and activities; every other change is made by a
            # button, as superuser.
            changed = {name for name in vals if not name.startswith(("message_", "activity_"))}
            if locked and changed:
                raise UserError(self.env._(
                    "Letter %(number)s is registered and can no longer be changed. Write a new letter that "
                    "follows it up (پیرو) instead.", number=locked[0].number or locked[0].display_name))
        result = super().write(self._prepare_letter_vals(vals))
        if {"res_model", "res_id", "reference"} & set(vals):
            self.filtered("res_model")._check_related_document_readable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        registered = self.filtered("number")
        if registered:
            raise UserError(self.env._(
                "Letter %s has a number and cannot be deleted: numbers never skip. Cancel it instead.",
                registered[0].number))

    # -------------------------------------------------------------- workflow

    def _is_office_admin(self):
        return self.env.user.has_group("office_automation.group_office_admin")

    def _check_secretariat_clerk(self, message):
        """Refuse unless the current user is a clerk of each letter's secretariat or an administrator.

        ``message`` is a translated text with ``%s`` for the secretariat's name. The secretariat is read as
        superuser: a clerk may act on a letter of a class above their clearance (see ``action_register``).
        """
        if self.env.su or self._is_office_admin():
            return
        for letter in self.sudo():
            if not letter.secretariat_id._has_clerk(self.env.user):
                raise UserError(message % letter.secretariat_id.name)

    def action_register(self):
        """Number and date the letters in their secretariats (دبیرخانه).

        The clerk of the letter's secretariat registers it whatever its class: a clerk of normal clearance
        registers a secret outgoing letter signed by cleared signers. So, once the user is known to be a
        clerk of its secretariat, the letter is checked and numbered as superuser; the clerk then becomes
        party to it (``registered_by_id``)."""
        self._check_secretariat_clerk(self.env._("Only the clerks of secretariat %s register its letters."))
        registrar = self.env.user
        for letter in self.sudo():
            letter._check_can_register()
            today = letter._today_in_iran()
            # Everything but the number first, its chatter message included: the secretariat stays locked
            # from drawing the number to the commit, so that part is kept to the number itself (with 16
            # clerks registering at once, the message written under the lock halved the throughput).
            letter.with_context(tracking_disable=True).write({
                "state": "registered", "date": today, "registered_by_id": registrar.id,
                "party_user_ids": [Command.link(registrar.id)]})
            message = letter._message_log(body="")  # its text once the number is known
            values = letter.secretariat_id._next_letter_number(today)
            letter.with_context(tracking_disable=True).write(values)
            message.body = escape(self.env._("Registered as %(number)s by %(clerk)s.",
                                             number=values["number"], clerk=registrar.name))
        return True

    def _check_can_register(self):
        self.ensure_one()
        _ = self.env._
        if self.state == "draft" and self.letter_type != "incoming":
            raise UserError(_("Letter “%s” must be signed before it is registered: choose its signers and "
                              "request their signatures.", self.subject))
        if self.state not in self._states_ready_to_register():
            raise UserError(_("Letter “%(subject)s” cannot be registered from the state %(state)s.",
                              subject=self.subject, state=dict(self._fields["state"]._description_selection(
                                  self.env))[self.state]))
        # Who registers (a clerk of the secretariat or an administrator) is checked by action_register.
        if self.letter_type == "incoming":
            if not self.sender_partner_id:
                raise UserError(_("Say who sent incoming letter “%s” before registering it.", self.subject))
            if not (self.sender_number and self.sender_date):
                raise UserError(_("Enter the sender's own number and date of incoming letter “%s” before "
                                  "registering it.", self.subject))
        else:
            self._check_fully_signed()

    def _states_ready_to_register(self):
        """Incoming letters are registered as they arrive; others once signed."""
        self.ensure_one()
        return ("draft",) if self.letter_type == "incoming" else ("to_sign",)

    def action_send(self):
        """The secretariat sent the registered outgoing or internal letter (its clerks or an administrator)."""
        self.check_access("write")
        self._check_secretariat_clerk(self.env._("Only the clerks of secretariat %s mark its letters as sent."))
        for letter in self:
            if letter.state != "registered" or letter.letter_type == "incoming":
                raise UserError(self.env._("Only a registered outgoing or internal letter can be sent."))
        self.sudo().write({"state": "sent"})
        return True

    def action_mark_received(self):
        """The registered incoming letter was delivered (its secretariat's clerks or an administrator)."""
        self.check_access("write")
        self._check_secretariat_clerk(
            self.env._("Only the clerks of secretariat %s mark its letters as received."))
        for letter in self:
            if letter.state != "registered" or letter.letter_type != "incoming":
                raise UserError(self.env._("Only a registered incoming letter can be marked as received."))
        self.sudo().write({"state": "received"})
        return True

    def action_withdraw(self):
        """The author takes a letter awaiting signatures back to draft: every signature is cleared."""
        _ = self.env._
        for letter in self:
            if letter.state != "to_sign":
                raise UserError(_("Only a letter awaiting signatures is withdrawn; letter %s is not.",
                                  letter.display_name))
            if letter.author_id != self.env.user and not self.env.su:
                raise UserError(_("Only the author of letter %s withdraws it.", letter.display_name))
        self.check_access("write")
        self.sudo().signature_ids.write({"state": "pending", "signed_on": False, "signature_image": False,
                                         "content_hash": False, "key_id": False, "reject_reason": False})
        self.sudo().write({"state": "draft"})
        self.sudo().activity_unlink([SIGNATURE_ACTIVITY])
        for letter in self:
            letter.message_post(body=_("Withdrawn by its author for changes: the signatures were cleared."))
        return True

    def action_cancel(self, reason=None):
        """Cancel letters (ابطال), with ``reason``.

        A draft, or a letter awaiting signatures, is cancelled by its author (or an administrator); a
        registered, sent or received letter keeps its number and is marked cancelled by its secretariat's
        clerks or an administrator, who must say why. The reason goes to the chatter."""
        _ = self.env._
        reason = (reason or "").strip()
        is_admin = self.env.su or self._is_office_admin()
        for letter in self:
            if letter.state in ("draft", "to_sign"):
                if letter.author_id != self.env.user and not is_admin:
                    raise UserError(_("Only the author of letter %s cancels it while it is not registered.",
                                      letter.display_name))
            elif letter.state in ("registered", "sent", "received"):
                letter._check_secretariat_clerk(_("Only the clerks of secretariat %s cancel its registered letters."))
                if not reason:
                    raise UserError(_("Say why registered letter %s is cancelled: the reason stays with its "
                                      "number in the register.", letter.display_name))
            else:
                raise UserError(_("Letter %(letter)s cannot be cancelled from the state %(state)s.",
                                  letter=letter.display_name, state=dict(self._fields["state"]._description_selection(
                                      self.env))[letter.state]))
        self.check_access("write")
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_unlink([SIGNATURE_ACTIVITY])
        for letter in self:
            if reason:
                letter.message_post(body=_("Cancelled by %(user)s: %(reason)s", user=self.env.user.name,
                                           reason=reason))
            else:
                letter.message_post(body=_("Cancelled by %s.", self.env.user.name))
        return True

    def action_open_cancel_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Letter"),
            "res_model": "office.letter.cancel.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    # -------------------------------------------------------------- content

    def _content_editable(self):
        """Whether the content (text, recipients, attachments, links…) may still change: in draft, and
        while awaiting signatures until the first signer has signed."""
        self.ensure_one()
        if self.state == "draft":
            return True
        return self.state == "to_sign" and not any(
            signature.state == "signed" for signature in self.sudo().signature_ids)

    def _signed_content(self):
        """The content signers sign, as ``tools.letter_hash`` expects it, for each letter: {id: content}."""
        attachments = self.env["ir.attachment"].sudo().search_fetch(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("office_classification", "!=", False)],
            ["res_id", "checksum", "office_classification"])
        attachments_by_letter = {}
        for attachment in attachments:
            attachments_by_letter.setdefault(attachment.res_id, []).append(
                (attachment.checksum, attachment.office_classification))
        links = self.env["office.letter.link"].sudo().search_fetch(
            [("letter_id", "in", self.ids)], ["letter_id", "linked_letter_id", "link_type"])
        links_by_letter = {}
        for link in links:
            links_by_letter.setdefault(link.letter_id.id, []).append((link.link_type, link.linked_letter_id.id))
        contents = {}
        for letter in self:
            contents[letter.id] = {
                "subject": letter.subject,
                "body": letter.body,
                "letter_type": letter.letter_type,
                "classification": letter.classification,
                "priority": letter.priority,
                "sender": {
                    "partner": letter.sender_partner_id.id,
                    "employee": letter.sender_employee_id.id,
                    "department": letter.sender_department_id.id,
                    "number": letter.sender_number,
                    "date": letter.sender_date and fields.Date.to_string(letter.sender_date),
                },
                "recipients": {
                    "partners": letter.recipient_partner_ids.ids,
                    "employees": letter.recipient_employee_ids.ids,
                    "departments": letter.recipient_department_ids.ids,
                },
                "attachments": attachments_by_letter.get(letter.id, []),
                "links": links_by_letter.get(letter.id, []),
                "reference": (letter.res_model, letter.res_id) if letter.res_model and letter.res_id else None,
                "secretariat": letter.secretariat_id.id,
                "company": letter.company_id.id,
            }
        return contents

    @api.model
    def _signature_key(self):
        """The secret that keys the signatures' hashes: option ``office_signature_key`` of the server's
        configuration file, outside the database (see README, Signatures). Without it the hash is a plain
        SHA-256, which anyone able to write in the database could recompute after changing a letter: a
        warning says so in the server's log at each signature."""
        return config.get("office_signature_key") or None

    @api.model
    def _signature_keys(self):
        """{key id: key} of every key a signature may have been made with: the current one, the retired ones
        (option ``office_signature_retired_keys``, separated by commas) and none (a plain SHA-256)."""
        retired = [key.strip() for key in (config.get("office_signature_retired_keys") or "").split(",")]
        keys = {letter_hash.PLAIN_KEY_ID: None}
        keys.update({letter_hash.key_id(key): key for key in [*retired, self._signature_key()] if key})
        return keys

    def _content_hashes(self, key=False):
        """{letter id: fingerprint of its signed content now}, with ``key`` (default: the current key;
        HMAC-SHA-256 when a key is configured)."""
        key = self._signature_key() if key is False else key
        return {letter_id: letter_hash.content_hash(content, key=key)
                for letter_id, content in self._signed_content().items()}

    def action_verify_signatures(self):
        """Check that the letter still says what each signer signed; tell the user the result."""
        self.ensure_one()
        signed = self.sudo().signature_ids.filtered(lambda signature: signature.state == "signed")
        if not signed:
            message, kind = self.env._("Letter %s has no signatures yet.", self.display_name), "warning"
        else:
            self.invalidate_recordset(["signature_valid"])
            broken = signed.filtered(lambda signature: not signature.hash_matches)
            if broken:
                message = self.env._(
                    "The content of letter %(letter)s has changed since it was signed by %(signers)s: those "
                    "signatures no longer match it.",
                    letter=self.display_name, signers=", ".join(broken.user_id.mapped("name")))
                kind = "danger"
            else:
                message = self.env._("Letter %(letter)s still says what its %(count)s signer(s) signed.",
                                     letter=self.display_name, count=len(signed))
                kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": self.env._("Signatures"), "message": message, "type": kind, "sticky": kind == "danger"},
        }

    # ----------------------------------------------------------- signatures

    def _next_signature(self):
        """The pending signature whose turn it is, or an empty recordset."""
        self.ensure_one()
        pending = self.sudo().signature_ids.filtered(lambda signature: signature.state == "pending")
        return pending.sorted(lambda signature: (signature.sequence, signature.id))[:1]

    def action_request_signatures(self):
        """Send a draft outgoing or internal letter to its signers, who sign in order."""
        _ = self.env._
        self.check_access("write")
        for letter in self:
            if letter.state != "draft":
                raise UserError(_("Signatures are requested for a draft letter; letter %s is not a draft.",
                                  letter.display_name))
            if letter.letter_type == "incoming":
                raise UserError(_("Incoming letter “%s” is registered as it arrived; it is not signed here.",
                                  letter.subject))
            if not letter.signature_ids:
                raise UserError(_("Choose at least one signer for letter “%s” on its Signatures page before "
                                  "requesting signatures.", letter.subject))
        signatures = self.sudo().signature_ids
        signatures.write({"state": "pending", "signed_on": False, "signature_image": False,
                          "content_hash": False, "key_id": False, "reject_reason": False})
        self.sudo().write({"state": "to_sign"})
        self._schedule_signature_activity()
        for letter in self:
            letter.message_post(body=_("Signatures requested from %s.", ", ".join(
                letter.sudo().signature_ids.sorted(lambda signature: (signature.sequence, signature.id))
                .user_id.mapped("name"))))
        return True

    def _check_turn_to_sign(self):
        """The current user's signature if it is their turn on this letter; else a clear error."""
        self.ensure_one()
        _ = self.env._
        if self.state != "to_sign":
            raise UserError(_("Letter %s is not awaiting signatures.", self.display_name))
        own = self.sudo().signature_ids.filtered(lambda signature: signature.user_id == self.env.user)
        if not own:
            raise UserError(_("You are not among the signers of letter %s.", self.display_name))
        if own.state != "pending":
            raise UserError(_("You have already signed letter %s.", self.display_name))
        turn = self._next_signature()
        if turn != own:
            raise UserError(_("Letter %(letter)s is signed in order: %(signer)s signs before you.",
                              letter=self.display_name, signer=turn.user_id.name))
        return own

    def action_sign(self):
        """Sign the letter as the current user, whose turn it must be, with their stored signature image."""
        _ = self.env._
        for letter in self:
            signature = letter._check_turn_to_sign()
            image = self.env.user.sudo().office_signature
            if not image:
                raise UserError(_("You have no signature image: add it in your preferences (Signature Image) "
                                  "before signing letter %s.", letter.display_name))
            key = self._signature_key()
            if not key and self.env.registry.ready:  # not while the demo letters are signed at install
                _logger.warning("Letter %s is signed with a plain SHA-256: set office_signature_key in the server's "
                                "configuration so that its signatures cannot be recomputed by whoever can write "
                                "in the database.", letter.id)
            signature.sudo().write({
                "state": "signed",
                "signed_on": fields.Datetime.now(),
                "signature_image": image,
                "content_hash": letter.sudo()._content_hashes(key)[letter.id],
                "key_id": letter_hash.key_id(key),
            })
            letter.sudo().activity_feedback([SIGNATURE_ACTIVITY], user_id=self.env.uid)
            letter.message_post(body=_("Signed by %s.", self.env.user.name))
        self._schedule_signature_activity()
        return True

    def _schedule_signature_activity(self):
        """Give the signer whose turn it is an activity «Sign the letter», its summary in the municipality's
        language (stored text; the author may work in English)."""
        for letter in self:
            turn = letter._next_signature()
            if turn:
                letter.sudo().with_context(lang=letter._municipality_lang()).activity_schedule(
                    SIGNATURE_ACTIVITY, user_id=turn.user_id.id)

    def _sign_as(self, user):
        """Sign as ``user`` (a record or id) as if they had pressed Sign, with the same checks (demo data)."""
        return self.with_user(user).action_sign()

    def _reject_signature_as(self, user, reason):
        """Reject as ``user`` (a record or id), with the same checks as the button (demo data)."""
        return self.with_user(user).action_reject_signature(reason)

    def action_reject_signature(self, reason):
        """Refuse to sign, with ``reason``: the letter goes back to draft and every signature is cleared."""
        _ = self.env._
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Say why you do not sign the letter: the author needs the reason to correct it."))
        for letter in self:
            signature = letter._check_turn_to_sign()
            others = letter.sudo().signature_ids - signature
            others.write({"state": "pending", "signed_on": False, "signature_image": False, "content_hash": False,
                          "key_id": False, "reject_reason": False})
            signature.sudo().write({"state": "rejected", "signed_on": fields.Datetime.now(),
                                    "reject_reason": reason, "signature_image": False, "content_hash": False,
                                    "key_id": False})
            letter.sudo().write({"state": "draft"})
            letter.sudo().activity_unlink([SIGNATURE_ACTIVITY])
            letter.message_post(body=_("%(signer)s did not sign: %(reason)s", signer=self.env.user.name,
                                       reason=reason))
        return True

    def action_open_reject_wizard(self):
        self.ensure_one()
        self._check_turn_to_sign()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Signature"),
            "res_model": "office.letter.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_id": self.id},
        }

    def _check_fully_signed(self):
        self.ensure_one()
        _ = self.env._
        signatures = self.sudo().signature_ids
        if not signatures:
            raise UserError(_("Letter “%s” has no signers: outgoing and internal letters are registered once "
                              "signed.", self.subject))
        unsigned = signatures.filtered(lambda signature: signature.state != "signed")
        if unsigned:
            raise UserError(_("Letter “%(subject)s” is still awaiting the signature of %(signers)s.",
                              subject=self.subject, signers=", ".join(unsigned.user_id.mapped("name"))))
        matches = signatures._hashes_match()
        if not all(matches.values()):
            raise UserError(_("The content of letter “%s” has changed since it was signed: its signatures no "
                              "longer match. Have it rejected and signed again.", self.subject))

    # ---------------------------------------------------------------- links

    def _action_new_linked_letter(self, link_type, letter_type):
        self.ensure_one()
        self.check_access("read")
        context = {
            "default_letter_type": letter_type,
            "default_secretariat_id": self.secretariat_id.id,
            "default_classification_declared": self.classification,
            "default_link_ids": [(0, 0, {"linked_letter_id": self.id, "link_type": link_type})],
        }
        if self.res_model and self.res_id:
            context.update(default_res_model=self.res_model, default_res_id=self.res_id)
        if link_type == "reply" and self.sender_partner_id:
            context["default_recipient_partner_ids"] = [(6, 0, self.sender_partner_id.ids)]
        if link_type == "reply" and self.letter_type == "internal":
            context["default_recipient_employee_ids"] = [(6, 0, self.sender_employee_id.ids)]
            context["default_recipient_department_ids"] = [(6, 0, self.sender_department_id.ids)]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Letter"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": context,
        }

    def action_reply(self):
        """A new letter answering this one (بازگشت): outgoing to the sender of an incoming letter."""
        self.ensure_one()
        return self._action_new_linked_letter("reply", "internal" if self.letter_type == "internal" else "outgoing")

    def action_follow_up(self):
        """A new letter following this one up (پیرو), of the same type."""
        self.ensure_one()
        return self._action_new_linked_letter(
            "follow_up", self.letter_type if self.letter_type != "incoming" else "outgoing")

    def action_view_attachments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attachments"),
            "res_model": "ir.attachment",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id),
                       ("office_classification", "!=", False)],
            "context": {"default_res_model": self._name, "default_res_id": self.id,
                        "default_office_classification": "normal"},
        }

    # ------------------------------------------------------- related record

    def _recompute_attachment_class(self):
        """The attachments of these letters changed: their classification follows."""
        letters = self.sudo().exists()
        if letters:
            letters.invalidate_recordset(["attachment_ids", "attachment_count"])
            letters.modified(["attachment_ids"])

    @api.model
    def _prepare_letter_vals(self, vals):
        """Writing ``classification`` declares the class of the text (the attachments may raise it); files
        added through ``attachment_ids`` are the letter's."""
        vals = dict(vals)
        if "classification" in vals:
            classification = vals.pop("classification")
            vals.setdefault("classification_declared", classification)
        if vals.get("attachment_ids"):
            vals["attachment_ids"] = [
                (command[0], command[1], dict(command[2], res_model=self._name))
                if command[0] == 0 and isinstance(command[2], dict) else command
                for command in vals["attachment_ids"]]
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # The author is whoever writes the letter: naming oneself is harmless, naming anyone else is
            # refused by the workflow fields' check.
            vals_list = [{key: value for key, value in vals.items()
                          if not (key == "author_id" and value == self.env.uid)} for vals in vals_list]
        letters = super().create([self._prepare_letter_vals(vals) for vals in vals_list])
        letters.filtered("res_model")._check_related_document_readable()
        return letters

    def _check_related_document_readable(self):
        """The user may only write a letter about a record they can read (superuser code may)."""
        if self.env.su:
            return
        for letter in self.sudo():
            record = self.env[letter.res_model].browse(letter.res_id) if letter.res_model in self.env else None
            if record and record.sudo().exists() and not record.has_access("read"):
                raise ValidationError(self.env._(
                    "You may not read the %(model)s that letter “%(subject)s” would be about; a letter can only "
                    "be about a record you can open.",
                    model=self.env["ir.model"]._get(letter.res_model).name, subject=letter.subject))

    @api.constrains("res_model", "res_id")
    def _check_related_document(self):
        _ = self.env._
        for letter in self:
            if not letter.res_model and not letter.res_id:
                continue
            if not letter.res_model:
                raise ValidationError(_("Letter “%s” names a related document without its type: set both or "
                                        "neither.", letter.subject))
            model = self.env["ir.model"].sudo().search([("model", "=", letter.res_model)], limit=1)
            if not model or letter.res_model not in self.env or model.transient or \
                    self.env[letter.res_model]._abstract:
                raise ValidationError(_("“%(model)s” is not a type of document a letter can be about (letter "
                                        "“%(subject)s”).", model=letter.res_model, subject=letter.subject))
            if not letter.res_id:
                raise ValidationError(_("Letter “%(subject)s” is about a %(model)s but does not say which one.",
                                        subject=letter.subject, model=model.name))
            record = self.env[letter.res_model].browse(letter.res_id)
            if not record.sudo().exists():
                raise ValidationError(_("There is no %(model)s with id %(id)s for letter “%(subject)s” to be "
                                        "about.", model=model.name, id=letter.res_id, subject=letter.subject))
    # ------------------------------------------------------------- referrals

    def action_refer(self):
        """Open the referral wizard (ارجاع) on this letter."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("office_automation.office_referral_wizard_action")
        action["context"] = {"default_letter_id": self.id}
        return action

    def action_view_referral_tree(self):
        """The letter's referrals as a tree: who referred it to whom."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("office_automation.office_referral_tree_action")
        action["domain"] = [("letter_id", "=", self.id)]
        action["context"] = {"default_letter_id": self.id}
        return action

    def _intray_open_action(self, activity):
        """A referral waiting in the in-tray opens the referral (which puts it in progress), not the letter."""
        if activity.activity_type_id == self.env.ref(REFERRAL_ACTIVITY, raise_if_not_found=False):
            referral = self.referral_ids.filtered(
                lambda referral: referral.to_user_id == self.env.user and referral.state != "done")[:1]
            if referral:
                return referral.action_open_intray()
        return super()._intray_open_action(activity)
