from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools import jalali

from ..tools.retention import retention_end
from .office_letter import STATES
from .office_letter import OfficeLetter as _LetterCore

#: States from which a letter may be archived.
ARCHIVABLE_STATES = ("registered", "sent", "received")
#: States in which a letter is frozen for everyone but the archive's own buttons.
ARCHIVE_STATES = ("archived", "disposed")


class OfficeLetter(models.Model):
    """The archive's part of a letter: its file plan class, when it was
    archived, until when it is kept, holds and disposal.

    An archived letter cannot be changed by anyone (not even the fields a
    registered letter still accepts, nor its attachments); only the
    Correspondence Administrator returns it from the archive
    (``action_return_from_archive``). A disposed letter keeps its number,
    dates, subject, parties and class; its body and attachments are destroyed.
    """

    _inherit = "office.letter"

    _workflow_fields = _LetterCore._workflow_fields + (
        "archived_on", "archived_by_id", "archive_previous_state", "disposal_id")

    state = fields.Selection(selection_add=[("disposed", "Disposed")], ondelete={"disposed": "set default"})
    file_plan_id = fields.Many2one(
        "office.file.plan", string="File Plan Class", index=True, tracking=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]",
        help="Where the letter is filed in the archive; its class says how long it is kept.")
    archived_on = fields.Date(readonly=True, copy=False, index=True)
    archived_on_jalali = fields.Char(string="Archived On (Jalali)", compute="_compute_archive_jalali")
    archived_by_id = fields.Many2one("res.users", string="Archived By", readonly=True, copy=False)
    archive_previous_state = fields.Selection(
        [(state, label) for state, label in STATES if state in ARCHIVABLE_STATES],
        string="Archived From", readonly=True, copy=False,
        help="The state the letter returns to if the administrator takes it out of the archive.")
    disposition = fields.Selection(related="file_plan_id.disposition", string="At the End of Retention")
    retention_until = fields.Date(
        string="Retention Ends On", compute="_compute_retention_until", store=True, index=True, copy=False,
        help="The day from which the archived letter may be disposed of (or must be reviewed): the day it was "
             "archived plus its class's retention in Jalali years. Empty for letters kept permanently.")
    retention_until_jalali = fields.Char(string="Retention Ends On (Jalali)", compute="_compute_archive_jalali")
    is_held = fields.Boolean(string="On Hold", compute="_compute_is_held", search="_search_is_held",
                             help="An active hold keeps the letter: it is never due for disposal.")
    is_due_for_disposal = fields.Boolean(
        string="Due for Disposal", compute="_compute_is_due", search="_search_is_due_for_disposal",
        help="Archived, its retention has ended, its class destroys its letters and no hold keeps it.")
    is_due_for_review = fields.Boolean(
        string="Due for Review", compute="_compute_is_due", search="_search_is_due_for_review",
        help="Archived, its retention has ended, its class has it reviewed and no hold keeps it.")
    disposal_id = fields.Many2one("office.letter.disposal", string="Disposed By", readonly=True, copy=False,
                                  index="btree_not_null")

    @api.depends("archived_on", "file_plan_id.retention_years", "file_plan_id.disposition")
    def _compute_retention_until(self):
        for letter in self:
            plan = letter.file_plan_id
            letter.retention_until = retention_end(
                letter.archived_on, plan.retention_years, plan.disposition) if plan else False

    @api.depends("archived_on", "retention_until")
    def _compute_archive_jalali(self):
        for letter in self:
            letter.archived_on_jalali = jalali.format_jalali(letter.archived_on) if letter.archived_on else False
            letter.retention_until_jalali = (
                jalali.format_jalali(letter.retention_until) if letter.retention_until else False)

    def _compute_is_held(self):
        held = self.sudo().with_context(active_test=False).filtered_domain(
            self.env["office.archive.hold"]._held_letter_domain())
        for letter in self:
            letter.is_held = letter in held

    def _search_is_held(self, operator, value):
        if operator != "in":
            return NotImplemented
        return self.env["office.archive.hold"]._held_letter_domain()

    @api.depends("state", "retention_until", "file_plan_id.disposition")
    def _compute_is_due(self):
        today = self._today_in_iran()
        held = self.sudo().filtered_domain(self.env["office.archive.hold"]._held_letter_domain())
        for letter in self:
            due = (letter.state == "archived" and letter.retention_until and letter.retention_until <= today
                   and letter not in held)
            letter.is_due_for_disposal = bool(due and letter.file_plan_id.disposition == "destroy")
            letter.is_due_for_review = bool(due and letter.file_plan_id.disposition == "review")

    def _due_domain(self, disposition):
        return [("state", "=", "archived"), ("retention_until", "<=", self._today_in_iran()),
                ("file_plan_id.disposition", "=", disposition), ("is_held", "=", False)]

    def _search_is_due_for_disposal(self, operator, value):
        if operator != "in":
            return NotImplemented
        return self._due_domain("destroy")

    def _search_is_due_for_review(self, operator, value):
        if operator != "in":
            return NotImplemented
        return self._due_domain("review")

    @api.constrains("file_plan_id", "company_id")
    def _check_file_plan_company(self):
        for letter in self:
            if letter.file_plan_id and letter.file_plan_id.company_id != letter.company_id:
                raise ValidationError(self.env._(
                    "Class %(class)s belongs to another company than letter %(letter)s: choose a class of the "
                    "letter's company.", **{"class": letter.file_plan_id.display_name,
                                            "letter": letter.display_name}))

    # ------------------------------------------------------------------ edits

    def write(self, vals):
        if not self.env.su:
            frozen = self.filtered(lambda letter: letter.state in ARCHIVE_STATES)
            changed = {name for name in vals if not name.startswith(("message_", "activity_"))}
            if frozen and changed:
                raise UserError(self.env._(
                    "Letter %s is in the archive and can no longer be changed by anyone. The Correspondence "
                    "Administrator can return it from the archive if it was archived by mistake.",
                    frozen[0].number or frozen[0].display_name))
        return super().write(vals)

    # --------------------------------------------------------------- archive

    def _check_can_archive(self):
        """Raise unless the current user may archive every letter of ``self`` now (class not required yet)."""
        _ = self.env._
        is_admin = self.env.user.has_group("office_automation.group_office_admin")
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        for letter in self:
            if letter.state not in ARCHIVABLE_STATES:
                raise UserError(_(
                    "Letter %(letter)s is %(state)s: only registered, sent or received letters are archived.",
                    letter=letter.display_name, state=state_labels[letter.state]))
            if not (is_admin or self.env.user in letter.secretariat_id.user_ids):
                raise UserError(_("Only the clerks of secretariat %(secretariat)s, or the Correspondence "
                                  "Administrator, archive its letters (letter %(letter)s).",
                                  secretariat=letter.secretariat_id.name, letter=letter.display_name))

    def action_file_in_archive(self):
        """File the letters in the archive (بایگانی) under their file plan class.

        Not ``action_archive``: that is the ORM's "set active to False", which the web client and generic
        code call on any model."""
        self._check_can_archive()
        for letter in self:
            if not letter.file_plan_id:
                raise UserError(self.env._(
                    "Choose the file plan class of letter %s before archiving it: the class says where it is "
                    "filed and how long it is kept.", letter.display_name))
            if not letter.file_plan_id.active:
                raise UserError(self.env._(
                    "Class %(class)s of letter %(letter)s is no longer in use: choose a current class.",
                    **{"class": letter.file_plan_id.display_name, "letter": letter.display_name}))
        today = self._today_in_iran()
        for state in ARCHIVABLE_STATES:
            letters = self.filtered(lambda letter, state=state: letter.state == state)
            if letters:
                letters.sudo().write({"state": "archived", "archived_on": today, "archived_by_id": self.env.uid,
                                      "archive_previous_state": state})
        return True

    # --------------------------------------------------------------- the chatter of an archived letter

    def _mail_get_operation_for_mail_message_operation(self, message_operation):
        """Nobody posts on an archived or disposed letter: the chatter's own paths (the upload of a file, a
        message with attachments) check this before they create anything as superuser."""
        operations = super()._mail_get_operation_for_mail_message_operation(message_operation)
        if message_operation == "create":
            for letter in self:
                if letter.sudo().state in ARCHIVE_STATES:
                    operations[letter] = None
        return operations

    def message_post(self, **kwargs):
        """An archived letter is frozen, its chatter included: no message and no file is added to it, by
        anyone (the archive's own notes are logged, not posted)."""
        frozen = self.sudo().filtered(lambda letter: letter.state in ARCHIVE_STATES)
        if frozen:
            raise UserError(self.env._(
                "Letter %s is in the archive: nothing can be posted or attached to it any more.",
                frozen[0].number or frozen[0].display_name))
        return super().message_post(**kwargs)

    def action_open_archive_wizard(self):
        self._check_can_archive()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Archive Letters"),
            "res_model": "office.letter.archive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_ids": self.ids,
                        "default_file_plan_id": self.file_plan_id[:1].id if len(self.file_plan_id) == 1 else False},
        }

    def action_return_from_archive(self):
        """Take archived letters out of the archive, back to the state they were archived from.

        Administrator only, for letters archived by mistake or in the wrong class;
        a disposed letter never returns.
        """
        if not self.env.user.has_group("office_automation.group_office_admin"):
            raise UserError(self.env._("Only the Correspondence Administrator returns a letter from the archive."))
        for letter in self:
            if letter.state != "archived":
                raise UserError(self.env._("Letter %s is not in the archive (a disposed letter never returns).",
                                           letter.display_name))
        for letter in self:
            letter.sudo().write({"state": letter.archive_previous_state or "registered", "archived_on": False,
                                 "archived_by_id": False, "archive_previous_state": False})
            letter.message_post(body=self.env._("Returned from the archive by %s.", self.env.user.name))
        return True

    # --------------------------------------------------------------- disposal

    def _dispose(self, disposal):
        """Destroy the content of the letters for ``disposal`` (as superuser): the body and every attached
        file go, the number, dates, subject, parties and class stay."""
        letters = self.sudo()
        attachments = self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "office.letter"), ("res_id", "in", letters.ids)])
        # The letters part's own attachment records (whatever their model) lose their files too.
        attachment_field = letters._fields.get("attachment_ids")
        if attachment_field is not None:
            records = letters.attachment_ids
            if attachment_field.comodel_name == "ir.attachment":
                attachments |= records
            elif records:
                attachments |= self.env["ir.attachment"].sudo().search(
                    [("res_model", "=", attachment_field.comodel_name), ("res_id", "in", records.ids)])
        letters.write({"state": "disposed", "disposal_id": disposal.id, "body": False})
        attachments.with_context(office_letter_disposal=True).unlink()
        letters._message_log_batch(
            bodies={letter.id: self.env._("Disposed of by disposal minutes %(number)s: its text and attachments "
                                          "were destroyed; its number and particulars stay in the register.",
                                          number=disposal.name) for letter in letters})
