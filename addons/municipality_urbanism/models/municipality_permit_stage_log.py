from odoo import api, fields, models


class MunicipalityPermitStageLog(models.Model):
    """One stay of a permit file in one of its stages: when it entered, its deadline then, when it left, and who
    moved it in. The permit keeps it in step with its stage (``municipality.permit._log_stages``): a file sent
    back to a stage (a bounced cheque) stays there a second time, in a second line.

    The file's chatter tracks its stage too, but keeps one change per transaction (a file moved through several
    stages at once shows only the last); the log keeps every stay, for the file's form, the citizen's portal and
    the report of the days spent in each stage. Nobody writes it but the permit: the unit reads it."""

    _name = "municipality.permit.stage.log"
    _description = "Permit File Stage Log"
    _order = "permit_id, date_start, id"

    permit_id = fields.Many2one("municipality.permit", string="Permit File", required=True, ondelete="cascade",
                                index=True)
    company_id = fields.Many2one(related="permit_id.company_id", store=True)
    stage_id = fields.Many2one("municipality.permit.stage", string="Stage", required=True, ondelete="restrict",
                               index=True)
    group_id = fields.Many2one(related="stage_id.group_id", string="Acting Unit")
    sla_days = fields.Integer(related="stage_id.sla_days")
    date_start = fields.Date(string="Entered On", required=True)
    deadline = fields.Date(string="Deadline")
    date_end = fields.Date(string="Left On", index=True)
    user_id = fields.Many2one("res.users", string="Moved In By", default=lambda self: self.env.uid)
    days_spent = fields.Integer(string="Days in Stage", compute="_compute_days", store=True,
                                help="Calendar days from entering the stage to leaving it (to today while the "
                                     "file is there).")
    late = fields.Boolean(string="Left After the Deadline", compute="_compute_days", store=True)

    _date_end_after_start = models.Constraint(
        "CHECK (date_end IS NULL OR date_end >= date_start)",
        "A file cannot leave a stage before it entered it.")

    @api.depends("date_start", "date_end", "deadline")
    def _compute_days(self):
        for log in self:
            log.days_spent = (log.date_end - log.date_start).days if log.date_end else 0
            log.late = bool(log.date_end and log.deadline and log.date_end > log.deadline)
