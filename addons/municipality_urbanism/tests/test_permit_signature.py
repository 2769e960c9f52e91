import hashlib
import hmac

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import config

from odoo.addons.office_automation.tools import letter_hash

from .permit_common import PermitCase

KEY = "urbanism tests"  # the office_signature_key of PermitSetup.setUp


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitSignatureHash(PermitCase):
    """A permit's signatures are keyed as office automation keys its letters' signatures: an HMAC-SHA-256 with
    ``office_signature_key`` of the permit's facts, with the id of the key."""

    def _signed_by_head(self):
        permit = self._to_stage(self._new_permit(), "signatures")
        permit.with_user(self.head).action_sign()
        return permit, permit.signature_ids

    def _config(self, **options):
        for name, value in options.items():
            config.options[name] = value
            self.addCleanup(config.options.pop, name, None)

    def test_signature_hash_is_keyed_and_verifies(self):
        permit, signature = self._signed_by_head()
        facts = permit._facts_hash()
        self.assertEqual(len(facts), 64)
        self.assertEqual(signature.key_id, letter_hash.key_id(KEY))
        self.assertNotEqual(signature.key_id, letter_hash.PLAIN_KEY_ID)
        self.assertNotIn(KEY, signature.key_id)
        self.assertEqual(signature.content_hash,
                         hmac.new(KEY.encode(), facts.encode(), hashlib.sha256).hexdigest())
        self.assertNotEqual(signature.content_hash, facts, "not the plain SHA-256 anyone could recompute")
        self.assertTrue(signature.hash_matches)
        self.assertTrue(signature.with_user(self.front_desk).hash_matches)
        # the other two sign; the unchanged file is issued
        permit.with_user(self.deputy).action_sign()
        permit.with_user(self.mayor).action_sign()
        self.assertTrue(all(permit.signature_ids.mapped("hash_matches")))
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")

    def test_changed_content_is_detected(self):
        permit, signature = self._signed_by_head()
        permit.sudo().write({"parking_spaces": permit.parking_spaces + 1})
        signature.invalidate_recordset(["hash_matches"])
        self.assertFalse(signature.hash_matches)
        permit.with_user(self.deputy).action_sign()
        permit.with_user(self.mayor).action_sign()
        self.assertEqual(permit.signature_ids.mapped("hash_matches"), [False, True, True])
        with self.assertRaisesRegex(UserError, "changed after it was signed"):
            permit.with_user(self.head).action_issue()
        self.assertNotEqual(permit.state, "issued")

    def test_recomputed_hash_without_the_key_does_not_verify(self):
        """Whoever can write in the database changes the file and recomputes the hash: without the key (outside
        the database) the forged hash does not match."""
        permit, signature = self._signed_by_head()
        permit.sudo().write({"parking_spaces": permit.parking_spaces + 1})
        for forged in (permit._facts_hash(), permit._content_hash(key="another key")):
            signature.sudo().write({"content_hash": forged})
            signature.invalidate_recordset(["hash_matches"])
            self.assertFalse(signature.hash_matches)
        # with the key, the new content would be sealed anew: the check is the key, not the stored value
        signature.sudo().write({"content_hash": permit._content_hash()})
        signature.invalidate_recordset(["hash_matches"])
        self.assertTrue(signature.hash_matches)

    def test_retired_key_still_verifies_and_an_unknown_key_does_not(self):
        permit, head_signature = self._signed_by_head()
        self._config(office_signature_key="a new key", office_signature_retired_keys=KEY)
        permit.with_user(self.deputy).action_sign()
        deputy_signature = permit.signature_ids - head_signature
        self.assertEqual(deputy_signature.key_id, letter_hash.key_id("a new key"))
        (head_signature | deputy_signature).invalidate_recordset(["hash_matches"])
        self.assertTrue(head_signature.hash_matches)
        self.assertTrue(deputy_signature.hash_matches)
        # the key was rotated between the signatures: each verifies with its own, and the file is issued
        permit.with_user(self.mayor).action_sign()
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")
        self._config(office_signature_retired_keys="")
        head_signature.invalidate_recordset(["hash_matches"])
        self.assertFalse(head_signature.hash_matches, "a key no longer configured verifies nothing")

    def test_plain_hash_without_a_key(self):
        """No key configured: a plain SHA-256 of the facts, named as such, as office automation does."""
        config.options.pop("office_signature_key", None)
        permit, signature = self._signed_by_head()
        self.assertEqual((signature.key_id, signature.content_hash), (letter_hash.PLAIN_KEY_ID, permit._facts_hash()))
        self.assertTrue(signature.hash_matches)
