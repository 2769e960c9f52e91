from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DISPOSITIONS = [
    ("destroy", "Destroy"),
    ("review", "Review"),
    ("permanent", "Keep Permanently"),
]


class OfficeFilePlan(models.Model):
    """A class of the file plan (طرح طبقه‌بندی پرونده‌ها): where archived letters
    are filed, how long they are kept and what happens to them then.

    Classes form a tree (``parent_id``); each class has its own retention in
    Jalali years, counted from the day a letter is archived, and its
    disposition at the end of it: destroy (the letter becomes due for a
    disposal), review (an archivist decides again) or keep permanently.
    """

    _name = "office.file.plan"
    _description = "File Plan Class"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "complete_code, id"
    _rec_names_search = ["complete_name", "code"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="The class's own code, under its parent's.")
    complete_code = fields.Char(string="Full Code", compute="_compute_complete_names", store=True, recursive=True,
                                help="The codes of the class and its parents, for example 1-2.")
    complete_name = fields.Char(string="Full Name", compute="_compute_complete_names", store=True, recursive=True)
    parent_id = fields.Many2one("office.file.plan", string="Parent Class", index=True, ondelete="restrict",
                                tracking=True, domain="[('company_id', '=', company_id)]")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("office.file.plan", "parent_id", string="Sub-classes")
    description = fields.Text(help="Which letters and files go in this class.")
    retention_years = fields.Integer(
        string="Retention (Years)", default=5, tracking=True,
        help="How many Jalali years a letter of this class is kept after it is archived.")
    disposition = fields.Selection(
        DISPOSITIONS, string="At the End of Retention", required=True, default="destroy", tracking=True,
        help="Destroy: the letter becomes due for a disposal (صورتجلسه امحا). Review: the archivist decides "
             "again. Keep permanently: the letter is never disposed of.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    letter_ids = fields.One2many("office.letter", "file_plan_id", string="Letters")
    letter_count = fields.Integer(string="Number of Letters", compute="_compute_letter_count")

    _code_unique = models.Constraint(
        "unique(company_id, parent_id, code)", "Two classes under the same parent cannot have the same code.")

    @api.depends("name", "code", "parent_id.complete_name", "parent_id.complete_code")
    def _compute_complete_names(self):
        for plan in self:
            if plan.parent_id:
                plan.complete_name = f"{plan.parent_id.complete_name} / {plan.name}"
                plan.complete_code = f"{plan.parent_id.complete_code}-{plan.code}"
            else:
                plan.complete_name = plan.name
                plan.complete_code = plan.code

    @api.depends("complete_name", "complete_code")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = " ".join(filter(None, [plan.complete_code, plan.complete_name]))

    def _compute_letter_count(self):
        counts = dict(self.env["office.letter"]._read_group(
            [("file_plan_id", "in", self.ids)], ["file_plan_id"], ["__count"]))
        for plan in self:
            plan.letter_count = counts.get(plan, 0)

    def write(self, vals):
        if vals.get("parent_id"):
            # Checked before the parent paths are rewritten, which would only say "Recursion Detected".
            descendants = self.with_context(active_test=False).search([("id", "child_of", self.ids)])
            if vals["parent_id"] in descendants.ids:
                raise ValidationError(self.env._(
                    "Class %s cannot be placed under itself or one of its own sub-classes: choose another parent.",
                    self[0].display_name))
        return super().write(vals)

    @api.constrains("parent_id")
    def _check_parent_not_a_descendant(self):
        if self._has_cycle():
            raise ValidationError(self.env._(
                "Class %s cannot be placed under itself or one of its own sub-classes: choose another parent.",
                self[0].display_name))

    @api.constrains("parent_id", "company_id")
    def _check_parent_company(self):
        for plan in self:
            if plan.parent_id and plan.parent_id.company_id != plan.company_id:
                raise ValidationError(self.env._(
                    "Class %(class)s and its parent %(parent)s belong to different companies.",
                    **{"class": plan.display_name, "parent": plan.parent_id.display_name}))

    @api.constrains("retention_years")
    def _check_retention_years(self):
        for plan in self:
            if plan.retention_years < 0:
                raise ValidationError(self.env._(
                    "The retention of class %(class)s is %(years)s years: enter zero or more years (a class kept "
                    "for ever is set to «Keep Permanently»).", **{"class": plan.display_name,
                                                                  "years": plan.retention_years}))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.env["office.letter"].sudo().search([("file_plan_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(self.env._(
                "Class %s has letters filed in it and cannot be deleted: archive the class (it will no longer be "
                "offered) instead.", used.file_plan_id.display_name))

    def action_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("office_automation.office_letter_action")
        action.update(domain=[("file_plan_id", "child_of", self.id)], context={"default_file_plan_id": self.id})
        return action
