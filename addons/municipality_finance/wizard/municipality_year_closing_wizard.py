from markupsafe import Markup

from odoo import api, fields, models


class MunicipalityYearClosingWizard(models.TransientModel):
    """Shows what blocks the closing of a fiscal year, then closes it."""

    _name = "municipality.year.closing.wizard"
    _description = "Year-end Closing"

    fiscal_year_id = fields.Many2one("municipality.fiscal.year", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="fiscal_year_id.company_id")
    blockers_html = fields.Html(compute="_compute_blockers", sanitize=False)
    can_close = fields.Boolean(compute="_compute_blockers")
    draft_count = fields.Integer(compute="_compute_blockers")
    next_year_note = fields.Char(compute="_compute_blockers")

    @api.depends("fiscal_year_id")
    def _compute_blockers(self):
        for wizard in self:
            year = wizard.fiscal_year_id
            blockers = year._closing_blockers() if year else []
            wizard.can_close = bool(year) and year.state == "open" and not blockers
            wizard.draft_count = self.env["account.move"].sudo().search_count(
                year._draft_entries_action()["domain"]) if year else 0
            wizard.blockers_html = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % message for _code, message in blockers) if blockers else False
            following = year._next_fiscal_year() if year else year
            wizard.next_year_note = (
                self.env._("Fiscal year %(year)s does not exist yet: the closing creates it.",
                           year=year.jalali_year + 1) if year and not following else False)

    def action_close(self):
        self.ensure_one()
        self.fiscal_year_id.action_close()
        return {"type": "ir.actions.act_window_close"}

    def action_show_drafts(self):
        self.ensure_one()
        return self.fiscal_year_id._draft_entries_action()
