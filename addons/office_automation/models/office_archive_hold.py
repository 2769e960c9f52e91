from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

HOLD_STATES = [("active", "Active"), ("released", "Released")]


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
    date_start = fields.Date(string="Held Since", required=True, default=lambda self: self.env["office.letter"]._today_in_iran(), tracking=True)
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

    def write(self, vals):
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
            "state": "released", "released_on": self.env["office.letter"]._today_in_iran(), "released_by_id": self.env.uid})
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
