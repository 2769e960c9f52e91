from lxml import etree

from odoo import fields, models
from odoo.tools import file_open


class MunicipalityPayItem(models.Model):
    """A pay item (قلم حقوقی): an earning or a deduction of the payslip, with
    what it is subject to and where it is posted. Shipped as data, extendable
    by the user; a municipality may keep items of its own."""

    _name = "municipality.pay.item"
    _description = "Pay Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Used by the payroll rules and the lists: BASE, SENIORITY, HOUSING…")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", index=True, help="Leave empty for an item every municipality uses.")
    kind = fields.Selection(
        [("earning", "Earning"), ("deduction", "Deduction")], required=True, default="earning")
    computation = fields.Selection(
        [("decree", "Amount of the Decree"),
         ("hours", "Hours of the Month"),
         ("monthly", "Entered Each Month"),
         ("insurance", "Employee Insurance"),
         ("tax", "Wage Tax"),
         ("arrears", "Arrears"),
         ("bonus", "Year-end Bonus"),
         ("severance", "Severance")],
        required=True, default="decree",
        help="Where the payroll takes the amount from: the decree in force, the hours entered for the month "
             "(overtime, night, shift), an amount entered for the month (mission, loans), or a rule.")
    insurable = fields.Boolean(help="Part of the insurable wage.")
    taxable = fields.Boolean(help="Part of the taxable wage.")
    prorated = fields.Boolean(
        default=True, help="Paid for the days worked (a month of 30 days): base salary and allowances are.")
    tax_pay_type_code = fields.Char(
        string="Tax Pay-type Code", help="The tax administration's code of this kind of payment, for the wage-tax list.")
    insurance_column = fields.Selection(
        [("wage", "Wage (DSW_MAH)"), ("benefit", "Benefits (DSW_MAZ)"), ("none", "Not in the List")],
        string="Insurance List Column", required=True, default="benefit",
        help="The column of the social-security list the item feeds.")
    account_id = fields.Many2one(
        "account.account", string="Account", company_dependent=True,
        help="The expense account of an earning (or the account a deduction is credited to). Empty: the "
             "company's salary or allowance account.")
    active = fields.Boolean(default=True)

    _code_company_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (code, company_id)", "Each pay item has its own code.")

    def _fill_shipped_tax_pay_type_codes(self):
        """Give the shipped pay items the tax pay-type codes of ``data/municipality_pay_item_data.xml`` where they
        have none: the data file is ``noupdate``, so a database installed before the codes shipped keeps its items
        without them. A code a payroll manager has set is kept. Returns the items filled."""
        with file_open("municipality_hr/data/municipality_pay_item_data.xml", "rb") as handle:
            records = etree.parse(handle).getroot().iter("record")
        filled = self.browse()
        for record in records:
            code = record.find("field[@name='tax_pay_type_code']")
            item = self.env.ref(f"municipality_hr.{record.get('id')}", raise_if_not_found=False)
            if code is not None and item and not item.tax_pay_type_code:
                item.tax_pay_type_code = code.text.strip()
                filled |= item
        return filled
