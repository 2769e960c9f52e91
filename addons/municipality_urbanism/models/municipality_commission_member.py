from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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

    @api.model_create_multi
    def create(self, vals_list):
        """No member joins a decided session afterwards (the votes that decided it are those recorded)."""
        if not self.env.su:
            session_ids = [vals.get("session_id") for vals in vals_list if vals.get("session_id")]
            self.env["municipality.commission.session"].browse(session_ids)._check_not_decided()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_session_not_decided()
            if vals.get("session_id"):
                self.env["municipality.commission.session"].browse(vals["session_id"])._check_not_decided()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._check_session_not_decided()
        return super().unlink()

    def _check_session_not_decided(self):
        decided = self.filtered(lambda m: m.session_id.state == "decided")
        if decided:
            raise UserError(self.env._(
                "The members and votes of session %(session)s do not change: the session has decided.",
                session=decided[0].session_id.display_name))
