import datetime

from odoo import api, fields, models

from odoo.addons.municipality_base.tools.identifiers import normalize_mobile

from ..tools import lookup_code

#: A code can be used this many minutes after it was sent…
CODE_VALIDITY_MINUTES = 10
#: …and typed wrong this many times before it is spent.
MAX_ATTEMPTS = 5


class OfficeCitizenLookupCode(models.Model):
    """A one-time code sent by SMS to a mobile number, with which a citizen lists their own requests on the
    portal (``/137/lookup``); the SMS goes through Odoo's SMS queue (``sms.sms``), never to a number that opted
    out. Only a keyed hash of the code is stored, bound to the number; a code expires
    after ``CODE_VALIDITY_MINUTES`` minutes or ``MAX_ATTEMPTS`` wrong tries, and a new code replaces the
    previous one. Written only by the portal (as superuser)."""

    _name = "office.citizen.lookup.code"
    _description = "Citizen Request Lookup Code"
    _order = "id desc"
    _rec_name = "number"

    number = fields.Char(required=True, readonly=True, index=True)
    code_hash = fields.Char(required=True, readonly=True)
    expires_at = fields.Datetime(required=True, readonly=True)
    attempts = fields.Integer(readonly=True, default=0)
    spent = fields.Boolean(readonly=True, default=False, help="Used, replaced, or tried wrong too many times.")

    def _secret(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.secret")

    def _requests_of(self, number):
        return self.env["office.citizen.request"].sudo().search(
            [("phone", "=", number)], order="received_date desc, id desc")

    @api.model
    def _send_code(self, number):
        """Send a code to ``number`` (already normalized) if it has requests; the caller answers the same
        either way, so that nobody learns whether a number ever wrote to the desk."""
        Code = self.sudo()
        if not self._requests_of(number):
            return Code
        Code.search([("number", "=", number), ("spent", "=", False)]).write({"spent": True})
        code = lookup_code.new_code()
        record = Code.create({
            "number": number,
            "code_hash": lookup_code.hash_code(self._secret(), number, code),
            "expires_at": fields.Datetime.now() + datetime.timedelta(minutes=CODE_VALIDITY_MINUTES),
        })
        if not self.env["office.citizen.request"]._sms_opted_out(number):
            # Odoo's SMS queue; creating it wakes the queue's cron up, so the code leaves within moments.
            self.env["sms.sms"].sudo().create({"number": number, "body": self.env._(
                "Your code to see your requests at the municipality's 137 desk: %(code)s (valid %(minutes)s "
                "minutes; do not give it to anyone).", code=code, minutes=CODE_VALIDITY_MINUTES)})
        return record

    @api.model
    def _verify(self, number, code):
        """The requests of ``number`` if ``code`` is its current code, else ``None`` (and the try counted)."""
        number = normalize_mobile(number or "") or ""
        current = self.sudo().search([("number", "=", number), ("spent", "=", False),
                                      ("expires_at", ">", fields.Datetime.now())], limit=1)
        if not current:
            return None
        if not lookup_code.code_matches(self._secret(), number, code, current.code_hash):
            attempts = current.attempts + 1
            current.write({"attempts": attempts, "spent": attempts >= MAX_ATTEMPTS})
            return None
        current.spent = True
        return self._requests_of(number)

    @api.autovacuum
    def _gc_expired_codes(self):
        self.sudo().search([("expires_at", "<", fields.Datetime.now() - datetime.timedelta(days=1))]).unlink()
