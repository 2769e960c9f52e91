from odoo import fields, models


class OfficeCitizenRequestResponseWizard(models.TransientModel):
    """A 137 operator records what the citizen said on the phone about the answer: accepted (with a
    satisfaction score) or contested (with a reason). The request's chatter says who recorded it."""

    _name = "office.citizen.request.response.wizard"
    _description = "Record the Citizen's Response to an Answer"

    request_id = fields.Many2one("office.citizen.request", required=True, readonly=True, ondelete="cascade")
    outcome = fields.Selection([("accept", "Accepted"), ("contest", "Contested")], required=True, default="accept")
    satisfaction = fields.Selection([(str(score), str(score)) for score in range(1, 6)],
                                    help="The citizen's satisfaction, 1 (worst) to 5 (best).")
    comment = fields.Text()
    reason = fields.Text(help="Why the citizen says the answer does not settle the request.")

    def action_confirm(self):
        self.ensure_one()
        if self.outcome == "accept":
            self.request_id.action_citizen_accept(self.satisfaction, self.comment)
        else:
            self.request_id.action_citizen_contest(self.reason)
        return {"type": "ir.actions.act_window_close"}
