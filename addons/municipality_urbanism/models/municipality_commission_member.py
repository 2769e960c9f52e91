from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEMBER_ROLES = [
    ("judge", "Judge"),
    ("interior", "Interior Ministry Representative"),
    ("council", "City Council Member"),
    ("municipality", "Municipality Representative (no vote)"),
]
#: The roles that vote; the municipality's representative explains the case without a vote.
VOTING_ROLES = ("judge", "interior", "council")


class MunicipalityCommissionMember(models.Model):
    """A member at a session of the Article 100 commission: who, in what role, present or not, and their vote."""

    _name = "municipality.commission.member"
    _description = "Article 100 Commission Session Member"
    _order = "session_id, role, id"

    session_id = fields.Many2one("municipality.commission.session", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True)
    role = fields.Selection(MEMBER_ROLES, required=True)
    present = fields.Boolean(default=True)
    vote = fields.Selection([("for", "For the Rulings"), ("against", "Against")],
                            help="The member's vote on the rulings of the session.")

    _session_role_unique = models.Constraint("UNIQUE(session_id, role)", "A session has one member in each role.")

    @api.constrains("role", "vote", "present")
    def _check_vote(self):
        for member in self:
            if member.vote and member.role not in VOTING_ROLES:
                raise ValidationError(self.env._(
                    "The municipality's representative explains the case and does not vote."))
            if member.vote and not member.present:
                raise ValidationError(self.env._("%(member)s is absent and cannot vote.",
                                                 member=member.partner_id.name))

    def write(self, vals):
        if any(member.session_id.state == "decided" for member in self) and not self.env.su:
            raise ValidationError(self.env._("The members and votes of a decided session do not change."))
        return super().write(vals)
