import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase

from .common import create_office_user, create_secretariat, create_signer, signed_letter


class TestLetterAttachments(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.author = create_office_user(cls.env, "att_author")
        cls.signer = create_signer(cls.env, "att_signer")
        cls.clerk = create_office_user(cls.env, "att_clerk", groups="office_automation.group_office_secretariat_clerk")
        cls.outsider = create_office_user(cls.env, "att_outsider")
        cls.secretariat = create_secretariat(cls.env, code="TA", clerks=cls.clerk)

    def _letter(self, **values):
        return self.env["office.letter"].with_user(self.author).create(dict({
            "subject": "Site plan", "letter_type": "internal", "secretariat_id": self.secretariat.id,
            "signature_ids": [(0, 0, {"user_id": self.signer.id})]}, **values))

    def _attach(self, letter, classification, name="file.pdf", content=b"content"):
        return self.env["ir.attachment"].with_user(self.author).create({
            "name": name, "datas": base64.b64encode(content), "res_model": "office.letter", "res_id": letter.id,
            "office_classification": classification})

    def test_an_attachment_raises_the_letters_class(self):
        letter = self._letter()
        self.assertEqual(letter.classification, "normal")
        self._attach(letter, "normal")
        self.assertEqual((letter.classification, letter.attachment_count), ("normal", 1))
        secret = self._attach(letter, "secret", name="map.pdf")
        self.assertEqual(letter.classification, "secret")
        self.assertEqual(letter.classification_level, 3)
        self.assertEqual(letter.attachment_count, 2)
        self.assertEqual(self.env["office.letter"].search([("classification", "=", "secret"),
                                                           ("id", "=", letter.id)]), letter)
        # The letter cannot be declared less classified than its attachment…
        letter.with_user(self.author).write({"classification": "normal"})
        self.assertEqual(letter.classification, "secret")
        self.assertEqual(letter.classification_declared, "normal")
        # …but a more sensitive declared class wins.
        letter.with_user(self.author).write({"classification_declared": "top_secret"})
        self.assertEqual(letter.classification, "top_secret")
        letter.with_user(self.author).write({"classification_declared": "normal"})
        secret.with_user(self.author).write({"office_classification": "confidential"})
        self.assertEqual(letter.classification, "confidential")
        secret.with_user(self.author).unlink()
        self.assertEqual((letter.classification, letter.attachment_count), ("normal", 1))

    def test_attachments_through_the_letter_form(self):
        with Form(self.env["office.letter"].with_user(self.author)) as form:
            form.subject = "With an annex"
            form.secretariat_id = self.secretariat
            with form.attachment_ids.new() as annex:
                annex.name = "annex.pdf"
                annex.datas = base64.b64encode(b"annex")
                annex.office_classification = "very_confidential"
        letter = form.record
        self.assertEqual(letter.attachment_ids.res_model, "office.letter")
        self.assertEqual(letter.attachment_ids.res_id, letter.id)
        self.assertEqual(letter.classification, "very_confidential")

    def test_chatter_files_are_not_part_of_the_letter(self):
        letter = self._letter()
        letter.with_user(self.author).message_post(body="draft scan", attachments=[("scan.png", b"png")])
        self.assertEqual(letter.attachment_count, 0)
        self.assertEqual(letter.classification, "normal")

    def test_attachment_files_follow_the_letters_access_rules(self):
        letter = self._letter(classification="secret")
        attachment = self._attach(letter, "secret", content=b"secret map")
        as_outsider = self.env["ir.attachment"].with_user(self.outsider)
        self.assertFalse(as_outsider.search([("res_model", "=", "office.letter"), ("res_id", "=", letter.id)]))
        self.assertFalse(as_outsider.search([("id", "=", attachment.id)]))
        with self.assertRaises(AccessError):
            as_outsider.browse(attachment.id).read(["datas"])
        with self.assertRaises(AccessError):
            as_outsider.browse(attachment.id).unlink()
        with self.assertRaises(AccessError):
            as_outsider.create({"name": "x", "raw": b"x", "res_model": "office.letter", "res_id": letter.id,
                                "office_classification": "normal"})
        # The signer is party to the letter, and so reads its files.
        self.assertEqual(self.env["ir.attachment"].with_user(self.signer).browse(attachment.id).raw, b"secret map")
        # A normal letter's files are read by all staff.
        normal = self._letter()
        open_file = self._attach(normal, "normal")
        self.assertTrue(as_outsider.browse(open_file.id).read(["name"]))

    def test_attachments_are_frozen_once_signed_and_after_registration(self):
        letter = self._letter()
        annex = self._attach(letter, "normal")
        letter.with_user(self.author).action_request_signatures()
        self._attach(letter, "normal", name="still possible before the first signature")
        letter.with_user(self.signer).action_sign()
        for change in [lambda: annex.with_user(self.author).write({"office_classification": "normal",
                                                                    "raw": b"other"}),
                       lambda: annex.with_user(self.author).write({"datas": base64.b64encode(b"other")}),
                       lambda: annex.with_user(self.author).unlink(),
                       lambda: self._attach(letter, "secret")]:
            with self.subTest(change=change), self.assertRaisesRegex(UserError, "can no longer change"):
                change()
        letter.with_user(self.clerk).action_register()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            annex.with_user(self.author).write({"office_classification": "normal"})
        self.assertTrue(letter.signature_valid)


class TestLetterLinks(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = create_signer(cls.env, "lnk_clerk", groups="office_automation.group_office_secretariat_clerk")
        cls.outsider = create_office_user(cls.env, "lnk_outsider")
        cls.secretariat = create_secretariat(cls.env, code="TL", clerks=cls.clerk)
        cls.citizen = cls.env["res.partner"].create({"name": "Complainant"})
        Letter = cls.env["office.letter"].with_user(cls.clerk)
        cls.incoming = Letter.create({
            "subject": "Complaint about the sidewalk", "letter_type": "incoming", "secretariat_id": cls.secretariat.id,
            "sender_partner_id": cls.citizen.id, "sender_number": "12/7", "sender_date": "2026-01-05"})
        cls.incoming.action_register()

    def test_reply_opens_an_outgoing_letter_linked_back(self):
        action = self.incoming.with_user(self.clerk).action_reply()
        self.assertEqual(action["res_model"], "office.letter")
        with Form(self.env["office.letter"].with_user(self.clerk).with_context(action["context"])) as form:
            form.subject = "Answer to your complaint"
            with form.signature_ids.new() as signature:
                signature.user_id = self.clerk
        reply = form.record
        self.assertEqual(reply.letter_type, "outgoing")
        self.assertEqual(reply.recipient_partner_ids, self.citizen)
        self.assertEqual(reply.link_ids.linked_letter_id, self.incoming)
        self.assertEqual(reply.link_ids.link_type, "reply")
        # The incoming letter shows it too, although it is registered.
        self.assertEqual(self.incoming.linked_from_ids, reply.link_ids)
        self.assertIn("Complaint about the sidewalk", reply.link_ids.linked_letter_name)
        reply.action_request_signatures()
        reply.with_user(self.clerk).action_sign()
        reply.with_user(self.clerk).action_register()
        self.assertTrue(reply.signature_valid)

    def test_a_link_never_shows_a_classified_subject(self):
        secret = signed_letter(self.env(user=self.clerk), self.clerk, subject="Land deal of the mayor",
                               classification="secret", secretariat_id=self.secretariat.id)
        secret.action_register()
        follow_up = signed_letter(self.env(user=self.clerk), self.clerk, subject="Follow-up",
                                  secretariat_id=self.secretariat.id,
                                  link_ids=[(0, 0, {"linked_letter_id": secret.id, "link_type": "follow_up"})])
        link = follow_up.link_ids
        for text in (link.linked_letter_name, link.display_name, secret.display_name):
            self.assertNotIn("Land deal", text)
            self.assertIn(secret.number, text)
        # An outsider reads the normal letter and its link, named without the secret subject…
        as_outsider = self.env["office.letter.link"].with_user(self.outsider).browse(link.id)
        self.assertNotIn("Land deal", as_outsider.linked_letter_name)
        # …but not the secret letter itself, nor its links to letters he cannot read.
        with self.assertRaises(AccessError):
            self.env["office.letter"].with_user(self.outsider).browse(secret.id).subject  # noqa: B018

    def test_bad_links_are_refused(self):
        draft = self.env["office.letter"].with_user(self.clerk).create({
            "subject": "Draft", "secretariat_id": self.secretariat.id})
        Link = self.env["office.letter.link"].with_user(self.clerk)
        with self.assertRaises(Exception), self.env.cr.savepoint():
            Link.create({"letter_id": draft.id, "linked_letter_id": draft.id})
        Link.create({"letter_id": draft.id, "linked_letter_id": self.incoming.id, "link_type": "reference"})
        with self.assertRaises(Exception), self.env.cr.savepoint():
            Link.create({"letter_id": draft.id, "linked_letter_id": self.incoming.id, "link_type": "reply"})
        # A registered letter's own links no longer change.
        with self.assertRaisesRegex(UserError, "can no longer change"):
            Link.create({"letter_id": self.incoming.id, "linked_letter_id": draft.id})
        # Nobody links to a letter they cannot read.
        hidden = self.env["office.letter"].create({"subject": "Hidden", "classification": "top_secret",
                                                   "secretariat_id": self.secretariat.id})
        outsider_draft = self.env["office.letter"].with_user(self.outsider).create({
            "subject": "Mine", "secretariat_id": self.secretariat.id})
        with self.assertRaises(AccessError):
            self.env["office.letter.link"].with_user(self.outsider).create(
                {"letter_id": outsider_draft.id, "linked_letter_id": hidden.id})
        other_company = self.env["res.company"].create({"name": "Other city"})
        other_secretariat = create_secretariat(self.env, code="TLO", company_id=other_company.id)
        foreign = self.env["office.letter"].create({"subject": "Foreign", "company_id": other_company.id,
                                                    "secretariat_id": other_secretariat.id})
        with self.assertRaises(ValidationError):
            self.env["office.letter.link"].create({"letter_id": draft.id, "linked_letter_id": foreign.id})

    def test_links_are_hidden_with_both_letters(self):
        first = self.env["office.letter"].create({"subject": "A", "classification": "secret",
                                                  "secretariat_id": self.secretariat.id})
        second = self.env["office.letter"].create({
            "subject": "B", "classification": "secret", "secretariat_id": self.secretariat.id,
            "link_ids": [(0, 0, {"linked_letter_id": first.id})]})
        Link = self.env["office.letter.link"].with_user(self.outsider)
        self.assertFalse(Link.search([("id", "in", second.link_ids.ids)]))
        with self.assertRaises(AccessError):
            Link.browse(second.link_ids.id).read(["link_type"])
