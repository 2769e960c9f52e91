from odoo import fields, models

from .rial_field import Rials


class MunicipalityPayslipLine(models.Model):
    """An earning or deduction of a payslip."""

    _name = "municipality.payslip.line"
    _description = "Payslip Line"
    _order = "payslip_id, sequence, id"

    payslip_id = fields.Many2one("municipality.payslip", required=True, index=True, ondelete="cascade")
    # copied from the payslip and the item when the run creates the lines (in bulk: no related fields to
    # recompute line by line); lines never change afterwards, a recompute replaces them
    run_id = fields.Many2one("municipality.payroll.run", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", required=True)
    department_id = fields.Many2one("hr.department")
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    pay_item_id = fields.Many2one("municipality.pay.item", string="Pay Item", required=True)
    sequence = fields.Integer()
    kind = fields.Selection([("earning", "Earning"), ("deduction", "Deduction")], required=True)
    amount = Rials(required=True)
    is_arrears = fields.Boolean(string="Arrears", help="Arrears of a retroactive decree.")
