from odoo import api, fields, models, sql_db
from odoo.exceptions import UserError, ValidationError

HOLD_STATES = [("active", "Active"), ("released", "Released")]
#: First key of the transaction-level advisory lock (the second is the company) that places or changes
#: holds and approves disposals one at a time in a company: see ``_lock_company_archive``.
ARCHIVE_LOCK_KEY = 0x0FF1CE


class OfficeArchiveHold(models.Model):
    """A hold (توقیف) on archived letters: while it is active, the letters it
    names, and every letter filed in the classes it names (and their
    sub-classes), are never due for disposal, whatever their retention says
    (a lawsuit, an audit, an inspection…). Only the Correspondence
    Administrator places and releases holds.
    """

    _name = "office.archive.hold"
    _description = "Archive Hold"
    _inherit = ["mail.thread", "municipality.workflow.mixin"]
    _order = "state, date_start desc, id desc"
    _workflow_initial_state = "active"
    _workflow_fields = ("state", "released_on", "released_by_id")

    name = fields.Char(string="Title", required=True, tracking=True)
    reason = fields.Text(required=True, tracking=True,
                         help="Why the letters must be kept: the case, audit or order that requires it.")
    date_start = fields.Date(string="Held Since", required=True, default=lambda self: self._today_in_iran(), tracking=True)
    letter_ids = fields.Many2many(
        "office.letter", "office_archive_hold_letter_rel", "hold_id", "letter_id", string="Letters",
        domain="[('company_id', '=', company_id), ('number', '!=', False)]")
    file_plan_ids = fields.Many2many(
        "office.file.plan", "office_archive_hold_file_plan_rel", "hold_id", "file_plan_id", string="File Plan Classes",
        domain="[('company_id', '=', company_id)]", help="Every letter filed in these classes or their sub-classes.")
    state = fields.Selection(HOLD_STATES, required=True, default="active", readonly=True, copy=False, tracking=True,
                             index=True)
    released_on = fields.Date(readonly=True, copy=False)
    released_by_id = fields.Many2one("res.users", string="Released By", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.constrains("name", "letter_ids", "file_plan_ids")
    def _check_holds_something(self):
        for hold in self:
            if not (hold.letter_ids or hold.file_plan_ids):
                raise ValidationError(self.env._(
                    "Hold “%s” names no letter and no class: add the letters or file plan classes it keeps.",
                    hold.name))

    @api.constrains("letter_ids")
    def _check_letters_not_disposed(self):
        for hold in self:
            disposed = hold.letter_ids.sudo().filtered(lambda letter: letter.state == "disposed")
            if disposed:
                raise ValidationError(self.env._(
                    "Letter %(number)s was already disposed of (disposal %(disposal)s) and cannot be held.",
                    number=disposed[0].number, disposal=disposed[0].disposal_id.name))
        # A disposal approved meanwhile by another transaction (we waited for it on the company's lock)
        # is committed but not in this transaction's snapshot.
        letter_ids = tuple(self.sudo().letter_ids.ids)
        if letter_ids:
            with sql_db.db_connect(self.env.cr.dbname).cursor() as fresh_cr:
                fresh_cr.execute("SELECT number FROM office_letter WHERE id IN %s AND state = 'disposed' LIMIT 1",
                                 [letter_ids])
                row = fresh_cr.fetchone()
            if row:
                raise ValidationError(self.env._(
                    "Letter %s has just been disposed of and cannot be held.", row[0]))

    @api.model
    def _lock_company_archive(self, companies):
        """Wait for, then hold until the end of the transaction, the lock under which holds are placed or
        changed and disposals approved in ``companies``: a disposal approved while a hold is being placed
        would otherwise not see it (each transaction sees only what was committed when it started)."""
        for company_id in sorted(set(companies.ids)):
            self.env.cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", [ARCHIVE_LOCK_KEY, company_id])

    @api.model
    def _committed_holds_keeping(self, letters):
        """The names of the active holds, committed by other transactions, that keep any of ``letters``,
        with the letters they keep: ``(held letters, hold names)``. Read on a fresh snapshot, under
        ``_lock_company_archive``."""
        letters = letters.sudo()
        if not letters:
            return letters, []
        with sql_db.db_connect(self.env.cr.dbname).cursor() as fresh_cr:
            fresh_cr.execute("SELECT to_regclass('office_archive_hold')")
            if not fresh_cr.fetchone()[0]:
                return letters.browse(), []
            fresh_cr.execute("""
                SELECT hold.name,
                       ARRAY(SELECT letter_id FROM office_archive_hold_letter_rel WHERE hold_id = hold.id),
                       ARRAY(SELECT file_plan_id FROM office_archive_hold_file_plan_rel WHERE hold_id = hold.id)
                  FROM office_archive_hold hold
                 WHERE hold.state = 'active' AND hold.company_id IN %s
            """, [tuple(letters.company_id.ids)])
            rows = fresh_cr.fetchall()
        held, names = letters.browse(), []
        for name, letter_ids, plan_ids in rows:
            plan_ids = set(plan_ids)
            kept = letters.filtered(lambda letter: letter.id in letter_ids or (letter.file_plan_id and plan_ids & {
                int(plan_id) for plan_id in letter.file_plan_id.parent_path.split("/") if plan_id}))
            if kept:
                held |= kept
                names.append(name)
        return held, names

    @api.model_create_multi
    def create(self, vals_list):
        self._lock_company_archive(self.env["res.company"].browse(
            {vals.get("company_id") or self.env.company.id for vals in vals_list}))
        return super().create(vals_list)

    def write(self, vals):
        if {"letter_ids", "file_plan_ids", "state", "company_id"} & set(vals):
            self._lock_company_archive(self.sudo().company_id | self.env["res.company"].browse(
                vals.get("company_id") or []))
        if not self.env.su and self.filtered(lambda hold: hold.state == "released"):
            changed = {name for name in vals if not name.startswith("message_")}
            if changed:
                raise UserError(self.env._(
                    "A released hold is kept as it was when released and cannot be changed: place a new hold."))
        return super().write(vals)

    def action_release(self):
        """End the hold; its letters may become due for disposal again."""
        if not self.env.user.has_group("office_automation.group_office_admin"):
            raise UserError(self.env._("Only the Correspondence Administrator releases a hold."))
        for hold in self:
            if hold.state != "active":
                raise UserError(self.env._("Hold “%s” is already released.", hold.name))
        self.sudo().write({
            "state": "released", "released_on": self._today_in_iran(), "released_by_id": self.env.uid})
        return True

    @api.model
    def _held_letter_domain(self, company_ids=None):
        """The domain of the letters kept by the active holds (of ``company_ids``, if given)."""
        domain = [("state", "=", "active")]
        if company_ids is not None:
            domain.append(("company_id", "in", company_ids))
        holds = self.sudo().search(domain)
        letter_ids = holds.letter_ids.ids
        # Resolved here, with archived classes too: a hold on a class keeps its whole subtree.
        plan_ids = self.env["office.file.plan"].sudo().with_context(active_test=False).search(
            [("id", "child_of", holds.file_plan_ids.ids)]).ids if holds.file_plan_ids else []
        if not (letter_ids or plan_ids):
            return [("id", "in", [])]
        if not plan_ids:
            return [("id", "in", letter_ids)]
        if not letter_ids:
            return [("file_plan_id", "in", plan_ids)]
        return ["|", ("id", "in", letter_ids), ("file_plan_id", "in", plan_ids)]

    @api.model
    def _holds_keeping(self, letters):
        """The active holds that keep any of ``letters`` (directly or through their class or its parents)."""
        holds = self.sudo().search([("state", "=", "active")])
        letters = letters.sudo()

        def keeps(hold):
            if hold.letter_ids & letters:
                return True
            held_plans = set(hold.file_plan_ids.ids)
            return any(held_plans.intersection(int(plan_id) for plan_id in letter.file_plan_id.parent_path.split("/")
                                               if plan_id)
                       for letter in letters if letter.file_plan_id)

        return holds.filtered(keeps)
