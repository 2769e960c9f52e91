from odoo import fields, models

ENGINEER_DISCIPLINES = [
    ("architecture", "Architecture"),
    ("structure", "Structure"),
    ("electrical", "Electrical"),
    ("mechanical", "Mechanical"),
    ("surveying", "Surveying"),
]


class MunicipalityPermitEngineer(models.Model):
    """A designer or supervising engineer of a permit file (member of the engineering organisation)."""

    _name = "municipality.permit.engineer"
    _description = "Permit Engineer"
    _order = "permit_id, role, discipline, id"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Engineer", required=True)
    licence_number = fields.Char(string="Licence Number", required=True,
                                 help="The engineering-organisation licence number (شماره پروانه اشتغال).")
    discipline = fields.Selection(ENGINEER_DISCIPLINES, required=True)
    role = fields.Selection([("designer", "Designer"), ("supervisor", "Supervisor")], required=True,
                            default="supervisor")
