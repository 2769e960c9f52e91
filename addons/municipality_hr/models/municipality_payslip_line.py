from odoo import fields, models


class MunicipalityPayslipLine(models.Model):
    """An earning or deduction of a payslip."""

    _name = "municipality.payslip.line"
    _description = "Payslip Line"
    _order = "payslip_id, sequence, id"

    payslip_id = fields.Many2one("municipality.payslip", required=True, index=True, ondelete="cascade")
    run_id = fields.Many2one(related="payslip_id.run_id", store=True, index=True)
    employee_id = fields.Many2one(related="payslip_id.employee_id", store=True)
    department_id = fields.Many2one(related="payslip_id.department_id", store=True)
    company_id = fields.Many2one(related="payslip_id.company_id", store=True)
    currency_id = fields.Many2one(related="payslip_id.currency_id")
    pay_item_id = fields.Many2one("municipality.pay.item", string="Pay Item", required=True)
    sequence = fields.Integer()
    kind = fields.Selection(related="pay_item_id.kind", store=True)
    amount = fields.Monetary(required=True)
    is_arrears = fields.Boolean(string="Arrears", help="Arrears of a retroactive decree.")
