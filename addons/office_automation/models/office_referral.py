import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.municipality_base.tools import jalali

_logger = logging.getLogger(__name__)

REQUESTED_ACTIONS = [
    ("information", "For Information"),
    ("action", "For Action"),
    ("reply", "Prepare a Reply"),
    ("comment", "For Comment"),
]
REFERRAL_STATES = [("new", "New"), ("in_progress", "In Progress"), ("done", "Done")]
#: States of a letter that can be referred: it has a number.
REFERABLE_LETTER_STATES = ("registered", "sent", "received")
#: Actions that are done only with a written result (the reply drafted, the comment given…).
ACTIONS_NEEDING_RESULT = ("reply", "comment")

REFERRAL_ACTIVITY = "office_automation.mail_activity_type_letter_referral"


class OfficeReferral(models.Model):
    """A referral (ارجاع) of a letter from one person to another.

    The referrer writes a margin note (هامش), asks for an action (for
    information, for action, to prepare a reply, for comment) and may set a
    deadline. The recipient finds it in their in-tray (کارتابل), opens it
    (in progress), may refer it further (child referrals: the letter's
    referral tree) and marks it done with a result. A referral to a
    department goes to its manager. Referrer and recipient become parties
    of the letter, so both may read it whatever its class.

    Referrals are created through ``_refer()`` (the wizard calls it), which
    checks who may refer what; nobody creates or edits them directly.
    """

    _name = "office.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _parent_store = True
    _rec_names_search = ["letter_id"]

    letter_id = fields.Many2one("office.letter", string="Letter", required=True, readonly=True, index=True,
                                ondelete="cascade")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True)
    parent_id = fields.Many2one("office.referral", string="Referred From", readonly=True, index=True,
                                ondelete="cascade", help="The referral this one continues.")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("office.referral", "parent_id", string="Referred Further")
    depth = fields.Integer(compute="_compute_tree_label")
    tree_label = fields.Char(string="Referral", compute="_compute_tree_label",
                             help="Who referred to whom, indented under the referral it continues.")
    from_user_id = fields.Many2one("res.users", string="Referred By", required=True, readonly=True, index=True)
    to_user_id = fields.Many2one("res.users", string="Referred To", required=True, readonly=True, index=True)
    to_department_id = fields.Many2one(
        "hr.department", string="Referred to Unit", readonly=True,
        help="Set when the letter was referred to a unit: the referral goes to the unit's manager.")
    note = fields.Text(string="Margin Note", readonly=True, help="The referrer's instruction (هامش).")
    requested_action = fields.Selection(REQUESTED_ACTIONS, required=True, default="action", readonly=True)
    deadline = fields.Date(readonly=True, index=True)
    deadline_jalali = fields.Char(string="Deadline (Jalali)", compute="_compute_deadline_jalali")
    state = fields.Selection(REFERRAL_STATES, required=True, default="new", readonly=True, index=True,
                             tracking=True)
    date_started = fields.Datetime(string="Opened On", readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    result_note = fields.Text(string="Result", help="What was done: the action taken, the comment, the reply drafted.")
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue",
                                help="Not done and its deadline has passed.")
    overdue_notified = fields.Boolean(readonly=True, copy=False,
                                      help="The referrer has been told that this referral is overdue.")
    # Related fields read the letter as superuser: only what is not confidential is shown through them
    # (number, type, class, priority). The subject of a classified letter is never copied here (the
    # letter's display name leaves it out).
    letter_number = fields.Char(related="letter_id.number", string="Letter Number")
    letter_type = fields.Selection(related="letter_id.letter_type")
    letter_classification = fields.Selection(related="letter_id.classification", string="Classification")
    letter_priority = fields.Selection(related="letter_id.priority", string="Priority")
    is_recipient = fields.Boolean(compute="_compute_is_recipient")
    in_managed_unit = fields.Boolean(
        string="In My Units", compute="_compute_in_managed_unit", search="_search_in_managed_unit",
        help="Sent to one of the units you manage (or their sub-units), to one of their people, or about a letter "
             "of those units: what a Unit Manager follows.")

    # ------------------------------------------------------------ computes

    @api.depends("parent_path", "to_user_id", "to_department_id", "from_user_id")
    def _compute_tree_label(self):
        for referral in self:
            depth = max((referral.parent_path or "").count("/") - 1, 0)
            referral.depth = depth
            target = referral.to_user_id.name or ""
            if referral.to_department_id:
                target = f"{referral.to_department_id.name} ({target})"
            indent = "\u00a0" * 4 * depth + ("└ " if depth else "")
            referral.tree_label = indent + self.env._("%(referrer)s → %(recipient)s",
                                                      referrer=referral.from_user_id.name, recipient=target)

    @api.depends("deadline")
    def _compute_deadline_jalali(self):
        for referral in self:
            referral.deadline_jalali = jalali.format_jalali(referral.deadline) if referral.deadline else False

    @api.depends("deadline", "state")
    @api.depends_context("company")
    def _compute_is_overdue(self):
        today = self._today_in_iran()
        for referral in self:
            referral.is_overdue = bool(referral.state != "done" and referral.deadline and referral.deadline < today)

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = [("state", "!=", "done"), ("deadline", "<", self._today_in_iran())]
        positive = (True in value) == (operator == "in")
        return overdue if positive else ["!", "&", *overdue]

    def _managed_unit_domain(self, units):
        return Domain.OR([
            [("to_department_id", "in", units.ids)],
            [("to_user_id.employee_ids.department_id", "in", units.ids)],
            [("letter_id.sender_department_id", "in", units.ids)],
            [("letter_id.recipient_department_ids", "in", units.ids)],
        ])

    @api.depends_context("uid")
    def _compute_in_managed_unit(self):
        units = self.env["hr.department"]._office_units_managed_by(self.env.user)
        inside = self.sudo().filtered_domain(self._managed_unit_domain(units)) if units else self.browse()
        for referral in self:
            referral.in_managed_unit = referral in inside

    def _search_in_managed_unit(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        units = self.env["hr.department"]._office_units_managed_by(self.env.user)
        domain = self._managed_unit_domain(units) if units else Domain.FALSE
        return domain if (True in value) == (operator == "in") else ~domain

    @api.depends_context("uid")
    @api.depends("to_user_id")
    def _compute_is_recipient(self):
        for referral in self:
            referral.is_recipient = referral.to_user_id == self.env.user

    @api.depends("letter_id", "to_user_id", "from_user_id")
    def _compute_display_name(self):
        for referral in self:
            # The letter's display name leaves out a classified subject; read as superuser so that
            # naming a referral never fails on the letter's record rules.
            letter = referral.letter_id.sudo().display_name or ""
            referral.display_name = self.env._("%(letter)s → %(user)s", letter=letter,
                                               user=referral.to_user_id.sudo().name or "")

    # ------------------------------------------------------------ creation

    @api.model
    def _refer(self, letter, users=None, departments=None, note=False, requested_action="action", deadline=False,
               parent=None):
        """Refer ``letter`` (or, with ``parent``, the referral ``parent`` further) to ``users`` and
        to the managers of ``departments``, as the current user. Checks who may refer and what;
        returns the new referrals. Other parts call this to refer a letter from code."""
        _ = self.env._
        letter.ensure_one()
        parent = parent or self.browse()
        users = users or self.env["res.users"]
        departments = departments or self.env["hr.department"]
        referrer = self.env.user
        letter.check_access("read")
        self._check_can_refer(letter, parent, referrer)
        if deadline and fields.Date.to_date(deadline) < self._today_in_iran():
            raise ValidationError(_("The deadline %(deadline)s has already passed: choose today or a later day.",
                                    deadline=jalali.format_jalali(fields.Date.to_date(deadline))))
        if requested_action not in dict(REQUESTED_ACTIONS):
            raise ValidationError(_("Choose what the recipients are asked to do (for information, for action, to "
                                    "prepare a reply or for comment)."))
        targets = self._referral_targets(users, departments)
        if not targets:
            raise ValidationError(_("Choose at least one person or unit to refer the letter to."))
        for user, _department in targets:
            self._check_recipient(letter, user, referrer)

        referrals = self.sudo().create([{
            "letter_id": letter.id,
            "parent_id": parent.id,
            "from_user_id": referrer.id,
            "to_user_id": user.id,
            "to_department_id": department.id,
            "note": note,
            "requested_action": requested_action,
            "deadline": deadline,
        } for user, department in targets])
        if parent and parent.state == "new":
            parent._set_started()
        if letter.letter_type == "incoming" and letter.state == "registered":
            # Handed over by the secretariat to the units: an incoming letter is received when first referred.
            letter.sudo().write({"state": "received"})
        # The letter's clearance rule reads its parties in SQL, and a search does not flush a pending
        # many2many: store them now so that the recipients read the letter in this transaction too.
        letter.flush_recordset(["party_user_ids"])
        referrals._notify_recipients()
        referrals._schedule_referral_activity()
        letter.sudo().message_post(
            body=referrals._referral_summary(), subtype_xmlid="mail.mt_note", author_id=referrer.partner_id.id)
        return referrals.sudo(self.env.su)

    @api.model
    def _referral_targets(self, users, departments):
        """(user, department) pairs, a department standing for its manager; each user once."""
        _ = self.env._
        targets = []
        for department in departments:
            manager_user = department.sudo().manager_id.user_id
            if not department.sudo().manager_id:
                raise ValidationError(_("Unit %s has no manager to refer the letter to: set its manager, or refer "
                                        "the letter to a person of the unit.", department.display_name))
            if not manager_user:
                raise ValidationError(_("%(manager)s, manager of unit %(unit)s, has no user account and cannot "
                                        "receive referrals: give them a user, or refer to another person.",
                                        manager=department.sudo().manager_id.name, unit=department.display_name))
            targets.append((manager_user, department))
        seen = {user for user, _department in targets}
        targets += [(user, self.env["hr.department"]) for user in users if user not in seen]
        return targets

    @api.model
    def _check_can_refer(self, letter, parent, referrer):
        _ = self.env._
        if letter.state not in REFERABLE_LETTER_STATES:
            raise UserError(_("Letter “%s” is not registered yet: only registered letters can be referred. Register "
                              "it in its secretariat first.", letter.display_name))
        if self.env.su:
            return
        if parent:
            if parent.letter_id != letter:
                raise UserError(_("A referral is referred further only with its own letter."))
            if parent.to_user_id != referrer:
                raise AccessError(_("Only %(user)s, to whom this referral was sent, can refer it further.",
                                    user=parent.to_user_id.name))
            if parent.state == "done":
                raise UserError(_("This referral is done; it can no longer be referred further."))
        elif (referrer not in letter.sudo().party_user_ids | letter.sudo().secretariat_id.user_ids
              and not letter._is_of_units_managed_by(referrer)):
            raise AccessError(_("Only the people party to letter %(letter)s, the clerks of its secretariat and the "
                                "managers of its units refer it. Refer further the referral you received instead.",
                                letter=letter.display_name))

    @api.model
    def _check_recipient(self, letter, user, referrer):
        _ = self.env._
        if user == referrer:
            raise ValidationError(_("You cannot refer a letter to yourself."))
        if user.share or not user.has_group("office_automation.group_office_staff"):
            raise ValidationError(_("%s is not a user of the correspondence and cannot receive referrals: give them "
                                    "the Staff access of Correspondence first.", user.name))
        if letter.company_id not in user.company_ids:
            raise ValidationError(_("%(user)s does not work in %(company)s, the letter's municipality.",
                                    user=user.name, company=letter.company_id.name))
        self._check_recipient_cleared(letter, user, referrer)

    @api.model
    def _check_recipient_cleared(self, letter, user, referrer):
        """A referral makes its recipient party to the letter, who then reads it whatever its class: extending
        a classified letter to someone without the clearance is the Correspondence Administrator's decision
        (classified-documents regulation). Someone already party to the letter may receive it."""
        letter_su, user_su = letter.sudo(), user.sudo()
        if (self.env.su or letter_su.classification_level <= user_su.office_clearance_level
                or user in letter_su.party_user_ids or referrer.has_group("office_automation.group_office_admin")):
            return
        classes = dict(letter_su._fields["classification"]._description_selection(self.env))
        raise AccessError(self.env._(
            "Letter %(letter)s is %(class)s and %(user)s is not cleared for it: only the Correspondence "
            "Administrator refers a classified letter to someone without the clearance (or raises their "
            "clearance first).", letter=letter.display_name, user=user.name,
            **{"class": classes.get(letter_su.classification, letter_su.classification)}))

    def _notify_recipients(self):
        for referral in self:
            referral.message_subscribe(partner_ids=(referral.from_user_id | referral.to_user_id).partner_id.ids)
            referral.message_post(
                body=self.env._("%(referrer)s referred letter %(letter)s to you %(action)s.",
                                referrer=referral.from_user_id.name, letter=referral.letter_id.display_name,
                                action=referral._requested_action_phrase()),
                partner_ids=referral.to_user_id.partner_id.ids, subtype_xmlid="mail.mt_comment",
                author_id=referral.from_user_id.partner_id.id)

    def _schedule_referral_activity(self):
        """The recipient's activity on the letter, due on the deadline (today without one): the referral waits
        in their activities as in their in-tray, until they mark it done."""
        for referral in self:
            # stored text: in the municipality's language, whoever refers
            books = referral.with_context(lang=referral._municipality_lang())
            referral.letter_id.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                REFERRAL_ACTIVITY, user_id=referral.to_user_id.id,
                date_deadline=referral.deadline or self._today_in_iran(),
                summary=f"{referral.letter_id.sudo().display_name} {books._requested_action_phrase()}")

    def _requested_action_phrase(self):
        self.ensure_one()
        label = dict(self._fields["requested_action"]._description_selection(self.env))[self.requested_action]
        if self.deadline:
            return self.env._("(%(action)s, by %(deadline)s)", action=label, deadline=self.deadline_jalali)
        return f"({label})"

    def _referral_summary(self):
        return self.env._("Referred to %(recipients)s %(action)s.", recipients=", ".join(
            self.mapped(lambda r: r.to_department_id and f"{r.to_department_id.name} ({r.to_user_id.name})"
                        or r.to_user_id.name)), action=self[:1]._requested_action_phrase())

    # --------------------------------------------------------------- edits

    #: What the recipient may write themselves; the rest changes through the buttons.
    _fields_editable_by_recipient = frozenset({"result_note"})

    def write(self, vals):
        if not self.env.su:
            changed = {name for name in vals if not name.startswith(("message_", "activity_"))}
            refused = changed - self._fields_editable_by_recipient
            if refused:
                raise UserError(self.env._(
                    "A referral is not edited: refer the letter again, or refer this referral further, instead."))
            if changed and any(referral.to_user_id != self.env.user for referral in self):
                raise AccessError(self.env._("Only the recipient of a referral writes its result."))
            if changed and any(referral.state == "done" for referral in self):
                raise UserError(self.env._("This referral is done; its result can no longer be changed."))
        return super().write(vals)

    # ------------------------------------------------------------- buttons

    def _check_recipient_acts(self):
        for referral in self:
            if not self.env.su and referral.to_user_id != self.env.user:
                raise AccessError(self.env._("Only %(user)s, to whom this referral was sent, can work on it.",
                                             user=referral.to_user_id.name))

    def _set_started(self):
        self.sudo().write({"state": "in_progress", "date_started": fields.Datetime.now()})

    def action_start(self):
        """The recipient opens the referral: it is in progress."""
        self._check_recipient_acts()
        self.filtered(lambda referral: referral.state == "new")._set_started()
        return True

    def action_done(self, result_note=None):
        """The recipient has done what was asked; ``result_note`` (or the one on the form) says what."""
        self._check_recipient_acts()
        _ = self.env._
        for referral in self:
            if referral.state == "done":
                raise UserError(_("This referral is already done."))
            result = result_note if result_note is not None else referral.result_note
            if referral.requested_action in ACTIONS_NEEDING_RESULT and not (result or "").strip():
                raise ValidationError(_("Write the result (the comment given or the reply prepared) before marking "
                                        "the referral done."))
            referral.sudo().write({"state": "done", "date_done": fields.Datetime.now(), "result_note": result,
                                   "date_started": referral.date_started or fields.Datetime.now()})
            referral.letter_id.sudo().activity_unlink([REFERRAL_ACTIVITY], user_id=referral.to_user_id.id)
            referral.message_post(
                body=_("Done: %s", result) if result else _("Done."),
                partner_ids=referral.from_user_id.partner_id.ids, subtype_xmlid="mail.mt_comment")
        return True

    def action_refer_further(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("office_automation.office_referral_wizard_action")
        action["context"] = {"default_letter_id": self.letter_id.id, "default_parent_id": self.id}
        return action

    def action_open_letter(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "office.letter", "res_id": self.letter_id.id,
                "view_mode": "form", "views": [(False, "form")]}

    def action_open_intray(self):
        """Open a referral from the in-tray: the recipient opening it puts it in progress."""
        self.ensure_one()
        if self.state == "new" and self.to_user_id == self.env.user:
            self._set_started()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "views": [(False, "form")], "target": "current"}

    # ---------------------------------------------------------------- cron

    @api.model
    def _cron_notify_overdue(self):
        """Tell each referrer, once, about the referrals they sent that are overdue; returns those notified.

        Each referral is notified in a savepoint of its own (and, in the cron, committed with its progress):
        one that fails is logged and tried again at the next run, it does not undo the others."""
        overdue = self.sudo().search([("is_overdue", "=", True), ("overdue_notified", "=", False)])
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        Cron = self.env["ir.cron"]
        if in_cron:
            Cron._commit_progress(remaining=len(overdue))
        notified = self.sudo().browse()
        for referral in overdue:
            try:
                with self.env.cr.savepoint():
                    referral._notify_overdue()
                notified |= referral
            except Exception:
                _logger.exception("Could not notify overdue referral %s; it is tried again at the next run.",
                                  referral.id)
            if in_cron:
                Cron._commit_progress(1)
        return notified

    def _notify_overdue(self):
        self.ensure_one()
        self = self.with_context(lang=self._municipality_lang())  # stored text, written by the cron
        self.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.from_user_id.id,
            summary=self.env._("Overdue referral"),
            note=self.env._("%(user)s has not done referral of letter %(letter)s, due %(deadline)s.",
                            user=self.to_user_id.name, letter=self.letter_id.display_name,
                            deadline=self.deadline_jalali))
        self.message_post(
            body=self.env._("This referral was due %(deadline)s and is not done.", deadline=self.deadline_jalali),
            partner_ids=self.from_user_id.partner_id.ids, subtype_xmlid="mail.mt_comment")
        self.write({"overdue_notified": True})
