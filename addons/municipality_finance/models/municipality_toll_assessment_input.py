from odoo import api, fields, models
from odoo.exceptions import UserError


class MunicipalityTollAssessmentInput(models.Model):
    """The value of one input of a toll type in an assessment."""

    _name = "municipality.toll.assessment.input"
    _description = "Toll Assessment Input"
    _order = "sequence, id"

    assessment_id = fields.Many2one("municipality.toll.assessment", required=True, index=True, ondelete="cascade")
    input_id = fields.Many2one("municipality.toll.input", required=True, ondelete="restrict")
    sequence = fields.Integer(related="input_id.sequence", store=True)
    key = fields.Char(related="input_id.key")
    kind = fields.Selection(related="input_id.kind")
    value_number = fields.Float(string="Value")
    option_id = fields.Many2one("municipality.toll.input.option", string="Option",
                                domain="[('input_id', '=', input_id)]")

    def _get_input_values(self):
        """Input key → value (a float or an option key), for ``_prepare_formula_values``."""
        values = {}
        for line in self:
            if line.input_id.toll_type_id != line.assessment_id.toll_type_id:
                raise UserError(self.env._(
                    "“%(input)s” is not an input of toll “%(type)s”.",
                    input=line.input_id.name, type=line.assessment_id.toll_type_id.name))
            if line.key in values:
                raise UserError(self.env._("The input “%(input)s” is entered twice.", input=line.input_id.name))
            if line.kind == "selection":
                if line.option_id and line.option_id.input_id != line.input_id:
                    raise UserError(self.env._(
                        "“%(option)s” is not an option of “%(input)s”.",
                        option=line.option_id.name, input=line.input_id.name))
                values[line.key] = line.option_id.value or None
            else:
                values[line.key] = line.value_number
        return values

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_assessment_draft()
        return lines

    def write(self, vals):
        self._check_assessment_draft()
        return super().write(vals)

    def unlink(self):
        self._check_assessment_draft()
        return super().unlink()

    def _check_assessment_draft(self):
        if any(line.assessment_id.state not in (False, "draft") for line in self):
            raise UserError(self.env._(
                "The inputs of a confirmed assessment cannot be changed. Cancel it and assess the toll again."))
