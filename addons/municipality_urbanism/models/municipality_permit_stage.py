from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .permit_stage_action import STAGE_ACTIONS


class MunicipalityPermitStage(models.Model):
    """A stage of a permit type: who acts on it, in how many working days, with which documents, and what
    it does (``action``: the check that lets a file leave it)."""

    _name = "municipality.permit.stage"
    _description = "Permit Stage"
    _order = "permit_type_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    permit_type_id = fields.Many2one("municipality.permit.type", string="Permit Type", required=True,
                                     ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    action = fields.Selection(STAGE_ACTIONS, required=True, default="application",
                              help="What the stage does; the file leaves it only when this is done.")
    group_id = fields.Many2one("res.groups", string="Acting Group", required=True, ondelete="restrict",
                               help="Members of this group move the file out of this stage.")
    sla_days = fields.Integer(string="SLA (working days)", default=3,
                              help="Working days of the municipality's calendar the stage may take.")
    document_type_ids = fields.Many2many("municipality.document.type", string="Required Documents")

    @api.constrains("sla_days")
    def _check_sla(self):
        for stage in self:
            if stage.sla_days < 0:
                raise ValidationError(self.env._("The SLA of stage “%(stage)s” cannot be negative.", stage=stage.name))

    def _next(self):
        """The stage after this one in its permit type (empty for the last)."""
        self.ensure_one()
        stages = self.permit_type_id.stage_ids.sorted()
        index = list(stages).index(self)
        return stages[index + 1] if index + 1 < len(stages) else self.browse()
