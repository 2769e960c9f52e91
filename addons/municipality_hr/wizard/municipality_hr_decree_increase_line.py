from odoo import fields, models


class MunicipalityHrDecreeIncreaseLine(models.TransientModel):
    """An employee of the yearly increase's preview."""

    _name = "municipality.hr.decree.increase.line"
    _description = "Yearly Increase Preview Line"

    wizard_id = fields.Many2one("municipality.hr.decree.increase", required=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", string="Employee", required=True)
    decree_id = fields.Many2one("municipality.hr.decree", string="Current Decree", required=True)
    currency_id = fields.Many2one(related="decree_id.currency_id")
    current_total = fields.Monetary(string="Current Total")
    new_total = fields.Monetary(string="New Total")
