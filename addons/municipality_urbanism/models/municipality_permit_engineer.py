from odoo import api, fields, models
from odoo.exceptions import UserError

ENGINEER_DISCIPLINES = [
    ("architecture", "Architecture"),
    ("structure", "Structure"),
    ("electrical", "Electrical"),
    ("mechanical", "Mechanical"),
    ("surveying", "Surveying"),
]


class MunicipalityPermitEngineer(models.Model):
    """A designer or supervising engineer of a permit file (member of the engineering organisation).

    The engineers of a file that is no longer in progress (issued, refused, cancelled) are those it was issued
    with: their reports and the certificates rest on them, so they are no longer added, changed or removed, except
    by the superuser (``municipality.permit._closed_files``)."""

    _name = "municipality.permit.engineer"
    _inherit = ["municipality.permit.closed.file.lock"]
    _description = "Permit Engineer"
    _order = "permit_id, role, discipline, id"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Engineer", required=True)
    licence_number = fields.Char(string="Licence Number", required=True,
                                 help="The engineering-organisation licence number (شماره پروانه اشتغال).")
    discipline = fields.Selection(ENGINEER_DISCIPLINES, required=True)
    role = fields.Selection([("designer", "Designer"), ("supervisor", "Supervisor")], required=True,
                            default="supervisor")

    @api.model
    def _closed_file_error(self, permits):
        permit = permits[:1]
        return UserError(self.env._(
            "File %(file)s is %(state)s: its engineers are those it was decided on and are no longer added, "
            "changed or removed.", file=permit.name, state=permit._selection_labels("state")[permit.state]))
