from odoo import api, fields, models

from ..tools import open311


class OfficeOpen311Client(models.Model):
    """A city app allowed to POST requests through the Open311 API, with its own API key.

    The key is generated with ``secrets`` and shown once, when generated; only its SHA-256 is stored, so a
    leaked database or backup gives no usable key. Archive a client (or generate a new key) to revoke it.
    """

    _name = "office.open311.client"
    _description = "Open311 API Client (City App)"
    _order = "name"

    name = fields.Char(required=True, help="The app or integrator using this key, for example «Tehran 137 app».")
    active = fields.Boolean(default=True)
    key_hash = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    key_hint = fields.Char(string="Key Starts With", readonly=True, copy=False,
                           help="The first characters of the key, to tell keys apart; the key itself is not kept.")
    key_date = fields.Datetime(string="Key Generated On", readonly=True, copy=False)
    last_used = fields.Datetime(readonly=True, copy=False)
    request_count = fields.Integer(string="Posts", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", string="Municipality", required=True, default=lambda self: self.env.company,
        help="The municipality whose services the app posts requests to.")

    _key_hash_unique = models.UniqueIndex("(key_hash) WHERE key_hash IS NOT NULL")

    def action_generate_key(self):
        """Give the client a new key (the old one stops working) and show it once."""
        self.ensure_one()
        key = open311.new_api_key()
        self.sudo().write({"key_hash": open311.hash_api_key(key), "key_hint": key[:len(open311.API_KEY_PREFIX) + 4],
                           "key_date": fields.Datetime.now()})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("API key of %s", self.name),
                "message": self.env._("Copy this key now and give it to the app: it is not stored and will not be "
                                      "shown again. %s", key),
                "sticky": True,
                "type": "warning",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _authenticate(self, key):
        """The active client holding ``key`` (sudo), or an empty recordset."""
        if not key or not isinstance(key, str) or len(key) > 256:
            return self.sudo().browse()
        client = self.sudo().search([("key_hash", "=", open311.hash_api_key(key)), ("active", "=", True)], limit=1)
        if client:
            # Counted apart, in a short transaction of its own: the client's row is not locked for the whole
            # request, so two posts of one app at the same moment do not fail with a serialization error.
            self.env["municipality.rate.limit"]._count_apart(
                "UPDATE office_open311_client SET last_used = now() at time zone 'UTC', "
                "request_count = COALESCE(request_count, 0) + 1 WHERE id = %s RETURNING request_count",
                (client.id,))
            client.invalidate_recordset(["last_used", "request_count"])
        return client
