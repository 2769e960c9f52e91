from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase
from odoo.tools import config

from ..tools import letter_hash

from .common import create_office_user, create_secretariat, create_signer, signed_letter


class TestLetterSignatures(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = create_office_user(cls.env, "sig_clerk", groups="office_automation.group_office_secretariat_clerk")
        cls.author = create_office_user(cls.env, "sig_author")
        cls.deputy = create_signer(cls.env, "sig_deputy")
        cls.mayor = create_signer(cls.env, "sig_mayor")
        cls.secretariat = create_secretariat(cls.env, code="TS", clerks=cls.clerk)
        cls.citizen = cls.env["res.partner"].create({"name": "Citizen"})

    def _draft(self, signers=None, **values):
        signers = self.deputy | self.mayor if signers is None else signers
        return self.env["office.letter"].with_user(self.author).create(dict({
            "subject": "Building permit answer", "body": "<p>Your permit is ready.</p>",
            "letter_type": "outgoing", "secretariat_id": self.secretariat.id,
            "recipient_partner_ids": [(4, self.citizen.id)],
            "signature_ids": [(0, 0, {"sequence": n, "user_id": user.id}) for n, user in enumerate(signers)],
        }, **values))

    def test_signers_sign_in_order_with_image_time_and_hash(self):
        letter = self._draft()
        letter.action_request_signatures()
        self.assertEqual(letter.state, "to_sign")
        self.assertTrue(letter.with_user(self.deputy).can_sign)
        self.assertFalse(letter.with_user(self.mayor).can_sign)
        signature_activity = self.env.ref("office_automation.mail_activity_type_letter_signature")
        self.assertEqual(letter.activity_ids.filtered(lambda a: a.activity_type_id == signature_activity).user_id,
                         self.deputy)
        letter.with_user(self.deputy).action_sign()
        self.assertEqual(letter.activity_ids.filtered(lambda a: a.activity_type_id == signature_activity).user_id,
                         self.mayor)
        letter.with_user(self.mayor).action_sign()
        self.assertFalse(letter.activity_ids.filtered(lambda a: a.activity_type_id == signature_activity))
        deputy_signature, mayor_signature = letter.signature_ids.sorted("sequence")
        self.assertEqual(deputy_signature.state, "signed")
        self.assertTrue(deputy_signature.signed_on)
        self.assertTrue(deputy_signature.signature_image)
        self.assertRegex(deputy_signature.content_hash, r"^[0-9a-f]{64}$")
        self.assertEqual(deputy_signature.content_hash, mayor_signature.content_hash)
        self.assertTrue(letter.signature_valid)
        self.assertTrue(letter.fully_signed)
        self.assertTrue(all(letter.signature_ids.mapped("hash_matches")))
        self.assertIn(self.mayor, letter.party_user_ids)
        self.assertIn(self.deputy, letter.party_user_ids)
        letter.with_user(self.clerk).action_register()
        self.assertEqual(letter.state, "registered")
        self.assertTrue(letter.number)

    def test_the_signature_hash_detects_a_change(self):
        letter = self._draft()
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        letter.with_user(self.mayor).action_sign()
        result = letter.action_verify_signatures()
        self.assertEqual(result["params"]["type"], "success")
        # Someone changes the text behind the application's back, in the database.
        self.env.cr.execute("UPDATE office_letter SET body = %s WHERE id = %s",
                            ["<p>Your permit is refused.</p>", letter.id])
        self.env.invalidate_all()
        self.assertFalse(letter.signature_valid)
        self.assertFalse(any(letter.signature_ids.mapped("hash_matches")))
        result = letter.action_verify_signatures()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn(self.mayor.name, result["params"]["message"])
        with self.assertRaisesRegex(UserError, "has changed since it was signed"):
            letter.with_user(self.clerk).action_register()
        # Restoring the text restores the signatures.
        self.env.cr.execute("UPDATE office_letter SET body = %s WHERE id = %s",
                            ["<p>Your permit is ready.</p>", letter.id])
        self.env.invalidate_all()
        self.assertTrue(letter.signature_valid)

    def test_the_hash_covers_recipients_attachments_links_and_reference_changed_as_superuser(self):
        earlier = signed_letter(self.env, self.deputy, subject="Earlier", secretariat_id=self.secretariat.id)
        employee = self.env["hr.employee"].create({"name": "Clerk employee"})
        changes = [
            lambda letter: letter.sudo().write({"recipient_partner_ids": [(4, self.env["res.partner"].create(
                {"name": "Another"}).id)]}),
            lambda letter: self.env["ir.attachment"].create({
                "name": "plan.pdf", "raw": b"plan", "res_model": "office.letter", "res_id": letter.id,
                "office_classification": "normal"}),
            lambda letter: self.env["office.letter.link"].create({
                "letter_id": letter.id, "linked_letter_id": earlier.id, "link_type": "reference"}),
            lambda letter: letter.sudo().write({"res_model": "hr.employee", "res_id": employee.id}),
            lambda letter: letter.sudo().write({"priority": "urgent"}),
            lambda letter: letter.sudo().write({"classification_declared": "confidential"}),
        ]
        for change in changes:
            with self.subTest(change=change), self.env.cr.savepoint() as savepoint:
                letter = self._draft(signers=self.deputy)
                letter.action_request_signatures()
                letter.with_user(self.deputy).action_sign()
                self.assertTrue(letter.signature_valid)
                change(letter)  # as superuser: the application refuses it to everyone else
                letter.invalidate_recordset()
                self.assertFalse(letter.signature_valid)
                savepoint.rollback()

    def test_only_the_next_signer_signs(self):
        letter = self._draft()
        letter.action_request_signatures()
        with self.assertRaisesRegex(UserError, "signs before you"):
            letter.with_user(self.mayor).action_sign()
        with self.assertRaisesRegex(UserError, "not among the signers"):
            letter.with_user(self.clerk).action_sign()
        letter.with_user(self.deputy).action_sign()
        with self.assertRaisesRegex(UserError, "already signed"):
            letter.with_user(self.deputy).action_sign()
        self.assertEqual(letter.signature_ids.mapped("state"), ["signed", "pending"])

    def test_a_signer_without_a_signature_image_is_refused(self):
        unsigned = create_office_user(self.env, "sig_noimage")
        letter = self._draft(signers=unsigned)
        letter.action_request_signatures()
        with self.assertRaisesRegex(UserError, "no signature image"):
            letter.with_user(unsigned).action_sign()
        self.assertEqual(letter.signature_ids.state, "pending")
        self.assertFalse(letter.signature_ids.content_hash)

    def test_signatures_need_a_draft_with_signers_and_not_an_incoming_letter(self):
        with self.assertRaisesRegex(UserError, "at least one signer"):
            self._draft(signers=self.env["res.users"]).action_request_signatures()
        incoming = self._draft(letter_type="incoming", sender_partner_id=self.citizen.id)
        with self.assertRaisesRegex(UserError, "Incoming letter"):
            incoming.action_request_signatures()
        letter = self._draft()
        letter.action_request_signatures()
        with self.assertRaisesRegex(UserError, "not a draft"):
            letter.action_request_signatures()
        draft = self._draft()
        with self.assertRaisesRegex(UserError, "not awaiting signatures"):
            draft.with_user(self.deputy).action_sign()

    def test_content_is_locked_once_anyone_has_signed(self):
        letter = self._draft()
        letter.action_request_signatures()
        letter.with_user(self.author).write({"subject": "Corrected before anyone signs"})
        letter.with_user(self.deputy).action_sign()
        as_author = letter.with_user(self.author)
        for values in [{"subject": "Changed"}, {"body": "<p>other</p>"}, {"classification": "secret"},
                       {"recipient_partner_ids": [(5, 0, 0)]}, {"priority": "immediate"}]:
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "can no longer change"):
                as_author.write(values)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.env["ir.attachment"].with_user(self.author).create({
                "name": "late.pdf", "raw": b"late", "res_model": "office.letter", "res_id": letter.id,
                "office_classification": "normal"})
        with self.assertRaisesRegex(UserError, "chosen while it is a draft"):
            letter.signature_ids[-1].with_user(self.author).unlink()
        with self.assertRaisesRegex(UserError, "chosen while it is a draft"):
            letter.signature_ids[0].with_user(self.author).write({"sequence": 99})
        self.assertEqual(letter.subject, "Corrected before anyone signs")
        self.assertTrue(letter.signature_valid)
        # The chatter stays open.
        as_author.message_post(body="Please sign today")

    def test_the_secretariat_and_company_are_signed(self):
        other_secretariat = create_secretariat(self.env, code="TS2", clerks=self.clerk)
        letter = self._draft()
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            letter.with_user(self.author).write({"secretariat_id": other_secretariat.id})
        with self.assertRaisesRegex(UserError, "can no longer change"):
            letter.with_user(self.author).write({"company_id": self.env.company.id})
        self.assertTrue(letter.signature_valid)
        # Moved anyway (directly in the database, say): the signature no longer matches.
        letter.sudo().secretariat_id = other_secretariat
        letter.invalidate_recordset(["signature_valid"])
        self.assertFalse(letter.signature_valid)

    def test_a_configured_key_makes_the_hash_an_hmac(self):
        letter = self._draft()
        plain = letter._content_hashes()[letter.id]
        config.options["office_signature_key"] = "kept in odoo.conf"
        self.addCleanup(config.options.pop, "office_signature_key", None)
        keyed = letter._content_hashes()[letter.id]
        self.assertNotEqual(keyed, plain)
        self.assertEqual(keyed, letter_hash.content_hash(letter._signed_content()[letter.id],
                                                         key="kept in odoo.conf"))
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        self.assertEqual(letter.signature_ids.filtered("content_hash").content_hash, keyed)
        self.assertTrue(letter.signature_valid)
        config.options.pop("office_signature_key")
        # Recomputed without the key (as someone with the database but not the key would), it does not match.
        letter.invalidate_recordset(["signature_valid"])
        self.assertFalse(letter.signature_valid)

    def test_a_rotated_key_still_verifies_the_signatures_made_with_it(self):
        """Each signature stores the id of its key: setting or rotating the key later does not turn earlier
        signatures into "no longer matches" (which would block registering those letters)."""
        self.addCleanup(config.options.pop, "office_signature_key", None)
        self.addCleanup(config.options.pop, "office_signature_retired_keys", None)
        config.options["office_signature_key"] = "first key"
        letter = self._draft()
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        first = letter.signature_ids.filtered("content_hash")
        self.assertEqual(first.key_id, letter_hash.key_id("first key"))
        self.assertNotIn("first key", first.key_id)
        # Rotated: the new key signs, the retired one still verifies.
        config.options["office_signature_key"] = "second key"
        config.options["office_signature_retired_keys"] = "first key"
        letter.invalidate_recordset(["signature_valid"])
        first.invalidate_recordset(["hash_matches"])
        self.assertTrue(letter.signature_valid)
        self.assertTrue(first.hash_matches)
        letter.with_user(self.mayor).action_sign()
        second = letter.signature_ids - first
        self.assertEqual(second.key_id, letter_hash.key_id("second key"))
        letter.with_user(self.clerk).action_register()
        self.assertEqual(letter.state, "registered")
        # A key removed from the configuration altogether no longer verifies anything.
        config.options.pop("office_signature_retired_keys")
        letter.invalidate_recordset(["signature_valid"])
        self.assertFalse(letter.signature_valid)

    def test_signing_without_a_key_warns_in_the_log(self):
        config.options.pop("office_signature_key", None)
        letter = self._draft()
        letter.action_request_signatures()
        with patch.object(self.env.registry, "ready", True), \
                self.assertLogs("odoo.addons.office_automation.models.office_letter", "WARNING") as logs:
            letter.with_user(self.deputy).action_sign()
        self.assertIn("office_signature_key", logs.output[0])
        self.assertEqual(letter.signature_ids.filtered("content_hash").key_id, letter_hash.PLAIN_KEY_ID)
        self.assertTrue(letter.signature_valid)

    def test_rejection_sends_back_to_draft_and_clears_the_signatures(self):
        letter = self._draft()
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        with self.assertRaisesRegex(UserError, "Say why"):
            letter.with_user(self.mayor).action_reject_signature("  ")
        with self.assertRaisesRegex(UserError, "signs before you|not among"):
            letter.with_user(self.clerk).action_reject_signature("no")
        wizard = Form(self.env["office.letter.reject.wizard"].with_user(self.mayor).with_context(
            default_letter_id=letter.id))
        wizard.reason = "The permit number is missing."
        wizard.save().action_reject()
        self.assertEqual(letter.state, "draft")
        self.assertFalse(letter.activity_ids)
        deputy_signature, mayor_signature = letter.signature_ids.sorted("sequence")
        self.assertEqual((deputy_signature.state, mayor_signature.state), ("pending", "rejected"))
        self.assertFalse(deputy_signature.content_hash or deputy_signature.signature_image or deputy_signature.signed_on)
        self.assertEqual(mayor_signature.reject_reason, "The permit number is missing.")
        self.assertIn("The permit number is missing.", letter.message_ids[0].body)
        # The author corrects the letter and asks again; the chain starts over.
        letter.with_user(self.author).write({"body": "<p>Permit 1404/55 is ready.</p>"})
        letter.with_user(self.author).action_request_signatures()
        self.assertEqual(letter.signature_ids.mapped("state"), ["pending", "pending"])
        self.assertFalse(mayor_signature.reject_reason)

    def test_the_author_withdraws_a_letter_awaiting_signatures(self):
        letter = self._draft()
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "Only the author"):
            letter.with_user(self.mayor).action_withdraw()
        letter.with_user(self.author).action_withdraw()
        self.assertEqual(letter.state, "draft")
        self.assertEqual(letter.signature_ids.mapped("state"), ["pending", "pending"])
        self.assertFalse(any(letter.signature_ids.mapped("content_hash")))
        self.assertFalse(letter.activity_ids)
        letter.with_user(self.author).write({"subject": "Corrected after withdrawal"})
        with self.assertRaisesRegex(UserError, "awaiting signatures is withdrawn"):
            letter.with_user(self.author).action_withdraw()

    def test_cancelling_a_draft_and_a_registered_letter(self):
        draft = self._draft()
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "Only the author"):
            draft.with_user(self.deputy).action_cancel()
        draft.with_user(self.author).action_cancel()
        self.assertEqual(draft.state, "cancelled")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            draft.with_user(self.clerk).write({"subject": "Revived"})
        registered = self._draft()
        registered.action_request_signatures()
        registered.with_user(self.deputy).action_sign()
        registered.with_user(self.mayor).action_sign()
        registered.with_user(self.clerk).action_register()
        number = registered.number
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "Only the clerks"):
            registered.with_user(self.author).action_cancel("Sent by mistake")
        with self.assertRaisesRegex(UserError, "Say why"):
            registered.with_user(self.clerk).action_cancel(" ")
        wizard = Form(self.env["office.letter.cancel.wizard"].with_user(self.clerk).with_context(
            default_letter_id=registered.id))
        wizard.reason = "Sent to the wrong agency"
        wizard.save().action_cancel_letter()
        self.assertEqual((registered.state, registered.number), ("cancelled", number))
        self.assertIn("Sent to the wrong agency", registered.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            registered.with_user(self.clerk).action_cancel("again")

    def test_signers_are_correspondence_staff(self):
        employee = self.env["res.users"].create({"name": "Not staff", "login": "sig_not_staff",
                                                 "group_ids": [(6, 0, self.env.ref("base.group_user").ids)]})
        with self.assertRaisesRegex(Exception, "not Correspondence Staff"), self.env.cr.savepoint():
            self._draft(signers=employee)

    def test_registration_needs_every_signature(self):
        letter = self._draft()
        with self.assertRaisesRegex(UserError, "must be signed before"):
            letter.with_user(self.clerk).action_register()
        letter.action_request_signatures()
        letter.with_user(self.deputy).action_sign()
        with self.assertRaisesRegex(UserError, "awaiting the signature of sig_mayor|awaiting the signature of"):
            letter.with_user(self.clerk).action_register()
        self.assertFalse(letter.number)
        internal = self._draft(signers=self.env["res.users"], letter_type="internal")
        with self.assertRaisesRegex(UserError, "must be signed before"):
            internal.with_user(self.clerk).action_register()

    def test_incoming_letters_need_no_signature(self):
        letter = self._draft(signers=self.env["res.users"], letter_type="incoming",
                             sender_partner_id=self.citizen.id, sender_number="88/12", sender_date="2026-01-10")
        letter.with_user(self.clerk).action_register()
        self.assertEqual(letter.state, "registered")

    def test_signature_chain_is_edited_in_draft_only_and_under_the_letters_access(self):
        letter = self._draft(signers=self.deputy)
        letter.with_user(self.author).write({"signature_ids": [(0, 0, {"user_id": self.mayor.id, "sequence": 5})]})
        self.assertEqual(len(letter.signature_ids), 2)
        with self.assertRaisesRegex(UserError, "buttons"):
            self.env["office.letter.signature"].with_user(self.author).create(
                {"letter_id": letter.id, "user_id": self.clerk.id, "state": "signed"})
        with self.assertRaisesRegex(UserError, "buttons"):
            letter.signature_ids[0].with_user(self.author).write({"content_hash": "0" * 64})
        portal = self.env["res.users"].create({"name": "Portal", "login": "sig_portal",
                                               "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)]})
        with self.assertRaisesRegex(Exception, "not an internal user"), self.env.cr.savepoint():
            letter.write({"signature_ids": [(0, 0, {"user_id": portal.id})]})
        # A secret letter's signatures are as hidden as the letter itself.
        secret = self._draft(signers=self.deputy, classification="secret")
        outsider = create_office_user(self.env, "sig_outsider")
        Signature = self.env["office.letter.signature"].with_user(outsider)
        self.assertFalse(Signature.search([("letter_id", "=", secret.id)]))
        with self.assertRaises(AccessError):
            Signature.browse(secret.signature_ids.id).read(["user_id"])
        with self.assertRaises(AccessError):
            Signature.create({"letter_id": secret.id, "user_id": outsider.id})
        self.assertEqual(self.env["office.letter.signature"].with_user(self.deputy).search(
            [("letter_id", "=", secret.id)]), secret.signature_ids)

    def test_awaiting_my_signature_filter(self):
        letter = self._draft()
        letter.action_request_signatures()
        domain = [("state", "=", "to_sign"), ("signature_ids", "any", [("user_id", "=", self.mayor.id),
                                                                      ("state", "=", "pending")])]
        self.assertIn(letter, self.env["office.letter"].with_user(self.mayor).search(domain))

    def test_the_signers_activity_is_in_the_municipality_language(self):
        """The activity «Sign the letter» is stored text: a Persian municipality's signer reads it in Persian
        even when the author works in English (the demo's OdooBot did, and the mayor's in-tray said «Sign the
        letter»)."""
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(["office_automation"], ["fa_IR"])
        self.env.company.partner_id.lang = "fa_IR"
        self.author.lang = "en_US"
        letter = self._draft()
        letter.with_user(self.author).action_request_signatures()
        activity = letter.sudo().activity_ids
        self.assertEqual(activity.user_id, self.deputy)
        self.assertEqual(activity.summary, "امضای نامه")
