from odoo import fields, models

from .res_users import CLASSIFICATIONS


class OfficeClearanceLog(models.Model):
    """A change of a user's letter clearance: who changed it, when, from what to what.

    Written as superuser by ``res.users`` whenever a clearance changes (the
    clearance wizard or the user form); read by the Correspondence
    Administrator only, never changed.
    """

    _name = "office.clearance.log"
    _description = "Change of a Letter Clearance"
    _order = "create_date desc, id desc"

    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True,
                              ondelete="cascade")
    clearance_before = fields.Selection(CLASSIFICATIONS, string="Clearance Before", readonly=True)
    clearance_after = fields.Selection(CLASSIFICATIONS, string="Clearance After", required=True, readonly=True)
    changed_by_id = fields.Many2one("res.users", string="Changed By", required=True, readonly=True)
    create_date = fields.Datetime(string="Changed On", readonly=True)
