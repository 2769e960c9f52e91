from odoo import fields, models


class MunicipalityHrInsurer(models.Model):
    """The fund an employee is insured with: the Social Security Organization
    (تأمین اجتماعی) or another fund (the municipal staff retirement fund…).
    Its rates are data of each year (``municipality.hr.insurance.rate``)."""

    _name = "municipality.hr.insurer"
    _description = "Insurer"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="A short code, e.g. SSO for the Social Security Organization.")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("social_security", "Social Security"), ("other", "Other Fund")], required=True, default="social_security",
        help="Social Security: the monthly list is sent as DSKKAR00/DSKWOR00 files.")
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each insurer has its own code.")
