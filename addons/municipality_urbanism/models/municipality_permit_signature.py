from odoo import api, fields, models

from odoo.addons.office_automation.tools import letter_hash

SIGNATURE_ROLES = [("head", "Head of Urban Planning"), ("deputy", "Deputy for Urban Planning"), ("mayor", "Mayor")]
SIGNATURE_GROUPS = {
    "head": "municipality_urbanism.group_urbanism_head",
    "deputy": "municipality_urbanism.group_urbanism_deputy",
    "mayor": "municipality_finance.group_municipality_mayor",
}


class MunicipalityPermitSignature(models.Model):
    """A signature of a permit (head of urban planning, deputy, mayor, in this order), with its time and the
    hash of the permit's facts it signed.

    The hash is keyed as office automation keys its letters' signatures (``office_automation/tools/
    letter_hash.py``): an HMAC-SHA-256 with the server's ``office_signature_key`` (outside the database) of the
    SHA-256 of the permit's facts (``municipality.permit._content_hash``), and ``key_id`` names the key it was
    made with, so that whoever can write in the database cannot recompute it after changing the permit, and a
    key rotated out (``office_signature_retired_keys``) still verifies the signatures made with it. Without a key
    it is the plain SHA-256 (key id ``sha256``), as for letters."""

    _name = "municipality.permit.signature"
    _description = "Permit Signature"
    _order = "permit_id, sequence, id"

    permit_id = fields.Many2one("municipality.permit", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(required=True)
    role = fields.Selection(SIGNATURE_ROLES, required=True)
    user_id = fields.Many2one("res.users", string="Signed By", required=True)
    signed_on = fields.Datetime(required=True)
    content_hash = fields.Char(string="Content Hash", required=True,
                               help="HMAC-SHA-256, with the signature key, of the permit's facts at the time of "
                                    "signing (plain SHA-256 when no key is configured).")
    key_id = fields.Char(string="Signing Key", readonly=True,
                         help="Which key sealed the content hash (a public name, not the key); a retired key still "
                              "verifies the signatures made with it.")
    hash_matches = fields.Boolean(string="Content Unchanged", compute="_compute_hash_matches",
                                  help="Whether the permit still states what was signed.")

    @api.model
    def _seal(self, facts_hash, key=False):
        """The signed fingerprint of a permit whose facts hash (SHA-256, hexadecimal) is ``facts_hash``: office
        automation's keyed hash of it with ``key`` (default: the current ``office_signature_key``); the facts hash
        itself without a key."""
        key = self.env["office.letter"]._signature_key() if key is False else key
        return letter_hash.keyed_hash(facts_hash.encode(), key) if key else facts_hash

    @api.model_create_multi
    def create(self, vals_list):
        key_id = letter_hash.key_id(self.env["office.letter"]._signature_key())
        for vals in vals_list:
            vals.setdefault("key_id", key_id)
        return super().create(vals_list)

    @api.depends("content_hash", "key_id", "permit_id")
    def _compute_hash_matches(self):
        matches = self._hashes_match()
        for signature in self:
            signature.hash_matches = matches[signature]

    def _hashes_match(self):
        """{signature: whether its permit still states what was signed}, each hash checked with the key it was
        made with (the current one, a retired one, or none); a signature stored without a key id (before keys)
        is checked with every known key, and one made with a key no longer configured does not match."""
        keys = self.env["office.letter"]._signature_keys()
        facts = {}  # permit -> SHA-256 of its facts now
        result = {}
        for signature in self:
            signature_su = signature.sudo()
            permit = signature_su.permit_id
            if not signature_su.content_hash or not permit:
                result[signature] = False
                continue
            if permit not in facts:
                facts[permit] = permit._facts_hash()
            key_ids = [signature_su.key_id] if signature_su.key_id else list(keys)
            result[signature] = any(
                key_id in keys and self._seal(facts[permit], keys[key_id]) == signature_su.content_hash
                for key_id in key_ids)
        return result
