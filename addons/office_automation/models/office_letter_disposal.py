from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.jalali import format_jalali
from odoo.addons.municipality_base.tools.xlsx_table import Column, Table

DISPOSAL_STATES = [("draft", "Draft"), ("approved", "Approved"), ("cancelled", "Cancelled")]


class OfficeLetterDisposal(models.Model):
    """Disposal minutes (صورتجلسه امحا) of archived letters whose retention has ended.

    The Correspondence Administrator lists the letters due for disposal,
    prints the minutes for the committee and approves them. On approval the
    minutes get their number (gapless, per Jalali year) and every letter
    becomes *disposed*: its body and attachments are destroyed, while its
    number, dates, subject, parties and class stay, so the register keeps
    every number and says when and by which minutes each letter was destroyed.
    A held letter, or one not due, cannot be disposed of.
    """

    _name = "office.letter.disposal"
    _description = "Disposal of Archived Letters"
    _inherit = ["mail.thread", "municipality.workflow.mixin", "municipality.xlsx.report.mixin"]
    _order = "date desc, id desc"
    _workflow_fields = ("state", "name", "approved_by_id", "approved_on")

    name = fields.Char(string="Number", readonly=True, copy=False, index=True,
                       help="Given when the minutes are approved, in sequence within the Jalali year.")
    date = fields.Date(string="Date of the Minutes", required=True, default=lambda self: self._today_in_iran(), tracking=True)
    date_jalali = fields.Char(string="Jalali Date", compute="_compute_date_jalali")
    committee = fields.Text(string="Committee Members", help="Who sat on the disposal committee, one per line.")
    note = fields.Text(string="Remarks")
    letter_ids = fields.Many2many(
        "office.letter", "office_letter_disposal_letter_rel", "disposal_id", "letter_id", string="Letters",
        domain="[('company_id', '=', company_id), ('is_due_for_disposal', '=', True)]")
    letter_count = fields.Integer(string="Number of Letters", compute="_compute_letter_count")
    state = fields.Selection(DISPOSAL_STATES, required=True, default="draft", readonly=True, copy=False,
                             tracking=True, index=True)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("date")
    def _compute_date_jalali(self):
        for disposal in self:
            disposal.date_jalali = format_jalali(disposal.date) if disposal.date else False

    @api.depends("letter_ids")
    def _compute_letter_count(self):
        for disposal in self:
            disposal.letter_count = len(disposal.letter_ids)

    @api.depends("name", "date_jalali")
    def _compute_display_name(self):
        for disposal in self:
            disposal.display_name = disposal.name or self.env._("Draft disposal of %s", disposal.date_jalali or "")

    def write(self, vals):
        if not self.env.su and self.filtered(lambda disposal: disposal.state != "draft"):
            changed = {name for name in vals if not name.startswith("message_")}
            if changed:
                raise UserError(self.env._(
                    "Approved or cancelled disposal minutes are kept as they are and cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda disposal: disposal.state != "draft"):
            raise UserError(self.env._("Only draft disposal minutes can be deleted; cancel them instead."))

    # -------------------------------------------------------------- workflow

    def _check_administrator(self):
        if not self.env.user.has_group("office_automation.group_office_admin"):
            raise UserError(self.env._("Only the Correspondence Administrator prepares and approves disposals."))

    def action_add_due_letters(self):
        """Add every letter of the company now due for disposal (and visible to the user)."""
        self._check_administrator()
        for disposal in self:
            if disposal.state != "draft":
                raise UserError(self.env._("Letters are added to draft disposal minutes only."))
            due = self.env["office.letter"].search(
                [("company_id", "=", disposal.company_id.id), ("is_due_for_disposal", "=", True)])
            disposal.letter_ids = [fields.Command.link(letter.id) for letter in due]
        return True

    def action_approve(self):
        """Approve the minutes: number them and dispose of their letters."""
        self._check_administrator()
        _ = self.env._
        for disposal in self:
            if disposal.state != "draft":
                raise UserError(_("Disposal %s is not a draft.", disposal.display_name))
            if not disposal.letter_ids:
                raise UserError(_("Add the letters to dispose of before approving the minutes."))
            letters = disposal.letter_ids.sudo()
            # A hold being placed in the company meanwhile: wait for it, then see it (_check_letters_disposable).
            self.env["office.archive.hold"]._lock_company_archive(disposal.company_id | letters.company_id)
            # Two approvals of minutes sharing a letter: the second waits here, then finds it disposed.
            self.env.cr.execute("SELECT id FROM office_letter WHERE id IN %s FOR UPDATE", [tuple(letters.ids)])
            letters.invalidate_recordset()
            disposal._check_letters_disposable(letters)
            self._ensure_disposal_sequences(disposal.company_id)
            number = self.env["ir.sequence"].sudo().with_company(disposal.company_id).next_by_code(
                "office.letter.disposal", sequence_date=disposal.date)
            disposal.sudo().write({"state": "approved", "name": number, "approved_by_id": self.env.uid,
                                   "approved_on": fields.Datetime.now()})
            letters._dispose(disposal)
        return True

    @api.model
    def _ensure_disposal_sequences(self, companies=None):
        """Give each company (all by default) its own numbering of disposal minutes: the addon's sequence
        (without company before) becomes the main company's, the others get a copy starting at 1."""
        Sequence = self.env["ir.sequence"].sudo()
        companies = (companies or self.env["res.company"].sudo().search([])).sudo()
        template = self.env.ref("office_automation.seq_office_letter_disposal", raise_if_not_found=False)
        if not template:
            return
        template = template.sudo()
        if not template.company_id:
            main = self.env.ref("base.main_company", raise_if_not_found=False) or companies[:1]
            template.company_id = main
        numbered = set(Sequence.search([("code", "=", "office.letter.disposal")]).company_id.ids)
        for company in companies.filtered(lambda company: company.id not in numbered):
            template.copy({"company_id": company.id, "number_next": 1, "date_range_ids": [],
                           "name": f"{template.name} ({company.name})"})

    def _check_letters_disposable(self, letters):
        _ = self.env._
        held = letters.filtered_domain(self.env["office.archive.hold"]._held_letter_domain())
        if held:
            holds = self.env["office.archive.hold"]._holds_keeping(held).mapped("name")
        else:
            held, holds = self.env["office.archive.hold"]._committed_holds_keeping(letters)
        if held:
            raise UserError(_(
                "Letter %(letters)s is on hold (%(holds)s) and cannot be disposed of: remove it from these minutes "
                "or have the hold released first.",
                letters=", ".join(held.mapped("number")), holds=", ".join(holds)))
        not_due = letters - letters.filtered("is_due_for_disposal")
        if not_due:
            letter = not_due[0]
            if letter.state == "disposed":
                reason = _("it was already disposed of by %s", letter.disposal_id.name)
            elif letter.state != "archived":
                reason = _("it is not in the archive")
            elif letter.file_plan_id.disposition != "destroy":
                reason = _("its class %s does not destroy its letters", letter.file_plan_id.display_name)
            else:
                reason = _("its retention ends on %s", letter.retention_until_jalali)
            raise UserError(_("Letter %(letter)s cannot be disposed of: %(reason)s. Remove it from these minutes.",
                              letter=letter.number, reason=reason))

    def action_cancel(self):
        self._check_administrator()
        if self.filtered(lambda disposal: disposal.state != "draft"):
            raise UserError(self.env._("Only draft disposal minutes can be cancelled."))
        self.sudo().write({"state": "cancelled"})
        return True

    # --------------------------------------------------------------- reports

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("office_automation.action_report_letter_disposal").report_action(self)

    def _printed_subject(self, letter):
        """The subject as printed: a classified subject stays out of the minutes, its class is shown."""
        if letter.classification == "normal":
            return letter.subject
        return dict(letter._fields["classification"]._description_selection(self.env))[letter.classification]

    def _report_notice(self):
        return self.env._("The text and attachments of the letters above are destroyed on approval; their "
                          "numbers, dates and subjects stay in the register.")

    def _report_rows(self):
        self.ensure_one()
        type_labels = dict(self.env["office.letter"]._fields["letter_type"]._description_selection(self.env))
        letters = self.letter_ids.sudo().sorted(lambda letter: (letter.date or self._today_in_iran(),
                                                                letter.number_sequence, letter.id))
        return [{
            "number": letter.number or "",
            "date": format_jalali(letter.date) if letter.date else "",
            "type": type_labels.get(letter.letter_type, ""),
            "subject": self._printed_subject(letter),
            "file_plan": letter.file_plan_id.display_name or "",
            "archived_on": letter.archived_on_jalali or "",
            "retention_until": letter.retention_until_jalali or "",
        } for letter in letters]

    def action_export_xlsx(self):
        self.ensure_one()
        filename = f"disposal-{(self.name or 'draft').replace('/', '-')}.xlsx"
        return self._xlsx_download(self._get_xlsx_tables(), filename)

    def _get_xlsx_tables(self):
        _ = self.env._
        columns = [Column(_("Row"), "integer", 6), Column(_("Letter Number"), "text", 18),
                   Column(_("Registration Date"), "text", 14), Column(_("Type"), "text", 10),
                   Column(_("Subject"), "text", 40), Column(_("File Plan Class"), "text", 30),
                   Column(_("Archived On"), "text", 14), Column(_("Retention Ended On"), "text", 14)]
        rows = [[index, row["number"], row["date"], row["type"], row["subject"], row["file_plan"],
                 row["archived_on"], row["retention_until"]] for index, row in enumerate(self._report_rows(), 1)]
        state = dict(self._fields["state"]._description_selection(self.env))[self.state]
        subtitles = [
            _("%(company)s - minutes %(number)s of %(date)s (%(state)s)", company=self.company_id.name,
              number=self.name or _("not yet numbered"), date=self.date_jalali, state=state),
        ]
        if self.approved_by_id:
            subtitles.append(_("Approved by %(user)s on %(date)s", user=self.approved_by_id.name,
                               date=format_jalali(fields.Datetime.context_timestamp(
                                   self.with_context(tz=self._iranian_tz()), self.approved_on))))
        title = _("Disposal Minutes of Archived Letters")
        return [Table(sheet_name=_("Disposal"), title=title, columns=columns, rows=rows, subtitle_lines=subtitles)]
