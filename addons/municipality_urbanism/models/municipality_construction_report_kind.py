from odoo import fields, models


class MunicipalityConstructionReportKind(models.Model):
    """A construction stage a supervising engineer reports on (foundation, frame per floor, shell, finishing,
    façade, completion…); the list is data, as cities ask for five to eight stages (DOMAIN.md §5)."""

    _name = "municipality.construction.report.kind"
    _description = "Construction Report Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    per_floor = fields.Boolean(string="Per Floor", help="Reported once for each floor (the frame).")
    is_final = fields.Boolean(string="Final Report",
                              help="The supervisor's final report, required for the completion certificate.")
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Another construction report kind has this code.")
