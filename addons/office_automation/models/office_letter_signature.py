from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SIGNATURE_STATES = [("pending", "Pending"), ("signed", "Signed"), ("rejected", "Rejected")]


class OfficeLetterSignature(models.Model):
    """One signer in a letter's chain of signatures (امضا).

    Signers sign in the order of ``sequence``. A signature keeps what the
    signer put on the letter: the image of their signature at that moment,
    the time, and the SHA-256 of the letter's content then
    (``tools/letter_hash.py``); ``hash_matches`` tells whether the letter
    still says what was signed. The signature fields are written by the
    letter's buttons only (``office.letter.action_sign``,
    ``action_reject_signature``); the chain itself is edited while the letter
    is a draft.
    """

    _name = "office.letter.signature"
    _description = "Letter Signature"
    _inherit = ["office.letter.part.mixin", "municipality.workflow.mixin"]
    _order = "letter_id, sequence, id"
    _workflow_fields = ("state", "signed_on", "signature_image", "content_hash", "key_id", "reject_reason")
    _workflow_initial_state = "pending"

    letter_id = fields.Many2one("office.letter", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10, help="Signers sign in this order.")
    user_id = fields.Many2one("res.users", string="Signer", required=True, index=True,
                              domain=[("share", "=", False)])
    state = fields.Selection(SIGNATURE_STATES, required=True, default="pending", readonly=True, copy=False)
    signed_on = fields.Datetime(string="Signed On", readonly=True, copy=False)
    signature_image = fields.Image(
        readonly=True, copy=False, attachment=False, max_width=600, max_height=300,
        help="The signer's signature image when they signed.")
    content_hash = fields.Char(
        string="Content Hash", readonly=True, copy=False,
        help="SHA-256 of the letter's content when it was signed.")
    key_id = fields.Char(
        string="Signing Key", readonly=True, copy=False,
        help="Which key sealed the content hash (a public name, not the key); a retired key still verifies the "
             "signatures made with it.")
    reject_reason = fields.Text(string="Reason for Rejection", readonly=True, copy=False)
    hash_matches = fields.Boolean(
        string="Content Unchanged", compute="_compute_hash_matches",
        help="Whether the letter's content is still the one that was signed.")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True)

    _signer_once_per_letter = models.Constraint(
        "unique(letter_id, user_id)", "A person signs a letter only once: remove the repeated signer.")

    @api.depends("content_hash", "key_id", "letter_id")
    def _compute_hash_matches(self):
        matches = self._hashes_match()
        for signature in self:
            signature.hash_matches = matches[signature]

    def _hashes_match(self):
        """{signature: whether the letter still says what was signed}, each hash checked with the key it was
        made with (the current one or a retired one). A signature made before key ids were stored is checked
        with every known key; one made with a key no longer configured does not match."""
        letters = self.sudo().filtered("content_hash").letter_id.sudo()
        keys = letters._signature_keys()
        hashes = {}  # key id -> {letter id: hash}, computed once per key used
        result = {}
        for signature in self:
            signature_su = signature.sudo()
            if not signature_su.content_hash:
                result[signature] = False
                continue
            key_ids = [signature_su.key_id] if signature_su.key_id else list(keys)
            matched = False
            for key_id in key_ids:
                if key_id not in keys:
                    continue
                if key_id not in hashes:
                    hashes[key_id] = letters._content_hashes(keys[key_id])
                if hashes[key_id].get(signature_su.letter_id.id) == signature_su.content_hash:
                    matched = True
                    break
            result[signature] = matched
        return result

    @api.constrains("user_id")
    def _check_signer_is_internal(self):
        for signature in self:
            if signature.user_id.share:
                raise ValidationError(self.env._(
                    "%s is not an internal user and cannot sign letters: choose a member of staff.",
                    signature.user_id.name))
            if not signature.user_id.has_group("office_automation.group_office_staff"):
                raise ValidationError(self.env._(
                    "%(signer)s is not Correspondence Staff and could never sign letter %(letter)s: choose a member "
                    "of the correspondence staff, or have them given that role first.",
                    signer=signature.user_id.name, letter=signature.letter_id.sudo().display_name))

    # ------------------------------------------------------- chain editing

    # Checked before the change: a signer becomes party to the letter, and so could read it afterwards.

    @api.model_create_multi
    def create(self, vals_list):
        self._check_chain_editable(self.env["office.letter"].browse(
            {vals["letter_id"] for vals in vals_list if vals.get("letter_id")}))
        return super().create(vals_list)

    def write(self, vals):
        letters = self.letter_id
        if vals.get("letter_id"):
            letters |= self.env["office.letter"].browse(vals["letter_id"])
        self._check_chain_editable(letters)
        return super().write(vals)

    def unlink(self):
        self._check_chain_editable(self.letter_id)
        return super().unlink()

    @api.model
    def _check_chain_editable(self, letters):
        if self.env.su:
            return
        letters.check_access("write")
        locked = letters.filtered(lambda letter: letter.state != "draft")
        if locked:
            raise UserError(self.env._(
                "The signers of letter %s are chosen while it is a draft. Have a signer reject it to send it "
                "back to draft if the chain must change.", locked[0].display_name))
