from odoo import fields, models


class MunicipalityHrWorkshop(models.Model):
    """A tax and insurance workshop (کارگاه): the unit the monthly insurance
    and wage-tax lists are filed for. The layout and encoding of its
    social-security files are settings of the workshop."""

    _name = "municipality.hr.workshop"
    _description = "Insurance Workshop"
    _order = "company_id, code"
    _check_company_auto = True

    name = fields.Char(required=True)
    code = fields.Char(required=True, help="The workshop code of the insurer (DSK_ID).")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    insurer_id = fields.Many2one("municipality.hr.insurer", string="Insurer", required=True)
    employer_name = fields.Char(help="The employer's name as printed on the list (DSK_FARM).")
    address = fields.Char(help="The workshop's address (DSK_ADRS).")
    contract_number = fields.Char(help="The contract row of the list, if any (MON_PYM).")
    dbf_encoding = fields.Selection(
        [("cp1256", "Windows-1256"), ("iran_system", "Iran System")], string="List Encoding",
        required=True, default="cp1256", help="How Persian text is written in the DBF files of the monthly list.")
    dbf_extra_columns = fields.Boolean(
        string="Extra Columns (DSW_INC, DSW_SPOUSE)",
        help="Some insurance programs read two more columns; add them when the office asks for them.")
    active = fields.Boolean(default=True)

    _code_company_unique = models.Constraint("UNIQUE(company_id, code)", "Each workshop of a municipality has its own code.")
