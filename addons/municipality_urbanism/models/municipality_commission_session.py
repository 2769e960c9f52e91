from odoo import api, fields, models
from odoo.exceptions import UserError

from .municipality_commission_member import VOTING_ROLES

#: All three voting members present (quorum) and two votes for the rulings decide (DOMAIN.md §5).
QUORUM = 3
MAJORITY = 2


class MunicipalityCommissionSession(models.Model):
    """A session of the Article 100 commission on a case: the panel (first, appeal, or the review of an unpaid
    fine), its members with their votes, and a ruling per violation."""

    _name = "municipality.commission.session"
    _description = "Article 100 Commission Session"
    _inherit = ["municipality.workflow.mixin"]
    _order = "date, id"
    _workflow_fields = ("state",)
    _workflow_initial_state = "draft"

    case_id = fields.Many2one("municipality.commission.case", string="Case", required=True, ondelete="cascade",
                              index=True)
    panel = fields.Selection([("first", "First Panel"), ("appeal", "Appeal Panel"),
                              ("review", "Review of an Unpaid Fine")], required=True, default="first")
    date = fields.Date(required=True, default=lambda self: self._today_in_iran())
    member_ids = fields.One2many("municipality.commission.member", "session_id", string="Members")
    ruling_ids = fields.One2many("municipality.commission.ruling", "session_id", string="Rulings")
    minutes = fields.Text()
    state = fields.Selection([("draft", "Draft"), ("decided", "Decided")], default="draft", required=True,
                             readonly=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    def write(self, vals):
        """A decided session is the record of the commission's decision: its date, panel, members, votes, rulings
        and minutes no longer change (the superuser — its own buttons, data files — excepted)."""
        if not self.env.su:
            self._check_not_decided()
        return super().write(vals)

    def unlink(self):
        """A decided session is not deleted (the superuser neither: its rulings' own ``unlink`` refuses); a draft
        one takes its draft rulings and members with it, the rulings through their own ``unlink``: a ruling's link
        to its session restricts the deletion in the database, so no cascade removes a ruling silently."""
        if not self.env.su:
            self._check_not_decided()
        self.ruling_ids.unlink()  # refused for a decided session's rulings, whoever asks
        return super().unlink()

    def _check_not_decided(self):
        decided = self.filtered(lambda s: s.state == "decided")
        if decided:
            raise UserError(self.env._(
                "Session %(session)s has decided: its date, panel, members, votes, rulings and minutes no longer "
                "change and it is not deleted.", session=decided[0].display_name))

    @api.depends("case_id.name", "panel", "date")
    def _compute_display_name(self):
        for session in self:
            session.display_name = f"{session.case_id.name} — {session._selection_labels('panel')[session.panel]}"

    def action_decide(self):
        """Decide the session's rulings: all three voting members present, two votes for, a ruling on every
        violation of the case, and an appeal panel without the first panel's members."""
        self.case_id._check_secretary()
        _ = self.env._
        for session in self:
            case = session.case_id
            if session.state != "draft":
                raise UserError(_("This session has already decided."))
            expected = {"first": "submitted", "appeal": "appealed", "review": "review"}[session.panel]
            if case.state != expected:
                raise UserError(_("Case %(case)s is %(state)s: a session of the %(panel)s cannot decide it now.",
                                  case=case.name, state=case._selection_labels("state")[case.state],
                                  panel=session._selection_labels("panel")[session.panel]))
            voters = session.member_ids.filtered(lambda m: m.role in VOTING_ROLES and m.present)
            if len(voters) < QUORUM:
                missing = set(VOTING_ROLES) - set(voters.mapped("role"))
                labels = dict(self.env["municipality.commission.member"]._fields["role"]._description_selection(
                    self.env))
                raise UserError(_(
                    "The session has no quorum: the judge, the Interior Ministry representative and the council "
                    "member must all be present (missing: %(missing)s).",
                    missing=", ".join(labels[role] for role in VOTING_ROLES if role in missing)))
            votes_for = len(voters.filtered(lambda m: m.vote == "for"))
            if votes_for < MAJORITY:
                raise UserError(_(
                    "The rulings have %(count)s vote(s) for them: two of the three members must vote for a ruling.",
                    count=votes_for))
            if session.panel == "appeal":
                first_members = case.session_ids.filtered(lambda s: s.panel == "first").member_ids.partner_id
                sitting = session.member_ids.filtered(lambda m: m.role in VOTING_ROLES).partner_id & first_members
                if sitting:
                    raise UserError(_(
                        "The appeal panel is made of other members than the first panel: %(members)s sat in the "
                        "first panel.", members=", ".join(sitting.mapped("name"))))
            to_rule = case.violation_ids
            if session.panel == "review":  # only the violations whose fine was left unpaid come back
                to_rule = case.final_ruling_ids.filtered(
                    lambda r: r.decision == "fine" and not r.sudo().assessment_id.is_paid).violation_id
            unruled = to_rule - session.ruling_ids.violation_id
            if unruled:
                raise UserError(_("The session has no ruling on these violations: %(violations)s.",
                                  violations=", ".join(unruled.mapped("name"))))
            if session.panel == "review" and session.ruling_ids.filtered(lambda r: r.decision == "fine"):
                raise UserError(_("A fine left unpaid comes back for demolition, not for another fine."))
            session.ruling_ids._check_ruling()
            session.sudo().write({"state": "decided"})
            case._session_decided(session)
        return True
