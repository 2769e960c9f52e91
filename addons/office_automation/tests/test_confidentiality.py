"""Who reads a classified letter, role by role, and through every path that could show it.

A user reads a letter of a class above their clearance only when party to
it: its author, the clerk who registered it, the users of its sending and
recipient employees, the managers of its sending and recipient units (and
the signers and referees the other parts add).
"""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import SIGNATURE_PNG, create_office_user, create_secretariat, sign, signed_letter

CLERK = "office_automation.group_office_secretariat_clerk"
MANAGER = "office_automation.group_office_unit_manager"
ADMIN = "office_automation.group_office_admin"
SECRET_SUBJECT = "گزارش محرمانه بازرسی از منطقه ۳"


class ConfidentialityCommon:

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.staff = create_office_user(env, "cf_staff_user")
        cls.author = create_office_user(env, "cf_author_user")
        cls.recipient_staff = create_office_user(env, "cf_recipient_user")
        cls.clerk = create_office_user(env, "cf_clerk_user", CLERK)
        cls.registrar = create_office_user(env, "cf_registrar_user", CLERK)
        cls.cleared_clerk = create_office_user(env, "cf_cleared_clerk", CLERK, office_clearance="top_secret")
        cls.manager_recipient = create_office_user(env, "cf_manager_recipient", MANAGER)
        cls.manager_sender = create_office_user(env, "cf_manager_sender", MANAGER)
        cls.manager_other = create_office_user(env, "cf_manager_other", MANAGER)
        cls.admin_uncleared = create_office_user(env, "cf_admin_uncleared", ADMIN)
        cls.admin_cleared = create_office_user(env, "cf_admin_cleared", ADMIN, office_clearance="secret")
        cls.operator = new_test_user(env, "cf_municipal_user", groups="municipality_base.group_municipality_user")
        cls.portal = new_test_user(env, "cf_portal_user", groups="base.group_portal")

        Employee = env["hr.employee"]
        cls.recipient_employee = Employee.create({"name": "Recipient", "user_id": cls.recipient_staff.id})
        employees = Employee.create([{"name": user.name, "user_id": user.id} for user in (
            cls.manager_recipient, cls.manager_sender, cls.manager_other)])
        cls.unit_recipient, cls.unit_sender, cls.unit_other = env["hr.department"].create([
            {"name": "CF Recipient Unit", "manager_id": employees[0].id},
            {"name": "CF Sending Unit", "manager_id": employees[1].id},
            {"name": "CF Other Unit", "manager_id": employees[2].id},
        ])
        cls.other_manager_employee = employees[2]
        cls.secretariat = create_secretariat(
            env, code="CF", clerks=cls.clerk | cls.registrar | cls.cleared_clerk)
        cls.citizen = env["res.partner"].create({"name": "CF Citizen"})

        Letter = env["office.letter"]
        cls.secret = Letter.create({
            "subject": SECRET_SUBJECT, "letter_type": "internal", "classification_declared": "secret",
            "secretariat_id": cls.secretariat.id, "author_id": cls.author.id,
            "sender_department_id": cls.unit_sender.id,
            "recipient_department_ids": [(6, 0, cls.unit_recipient.ids)],
            "recipient_employee_ids": [(6, 0, cls.recipient_employee.ids)],
            "res_model": "res.partner", "res_id": cls.citizen.id,
            "body": "<p>یافته‌های بازرسی</p>",
        })
        sign(cls.secret, cls.author)
        cls.secret.with_user(cls.cleared_clerk).action_register()
        cls.normal = Letter.create({
            "subject": "CF normal letter", "secretariat_id": cls.secretariat.id, "author_id": cls.author.id,
            "res_model": "res.partner", "res_id": cls.citizen.id,
        })
        cls.incoming_secret = Letter.create({
            "subject": "CF incoming secret", "letter_type": "incoming", "classification_declared": "secret",
            "secretariat_id": cls.secretariat.id, "sender_partner_id": cls.citizen.id,
            "sender_number": "77/1", "sender_date": "2025-05-01", "author_id": cls.cleared_clerk.id,
        })
        cls.incoming_secret.with_user(cls.registrar).action_register()
        cls.attachment = env["ir.attachment"].create({
            "name": "inspection.pdf", "raw": b"%PDF-1.4 secret findings", "res_model": "office.letter",
            "res_id": cls.secret.id,
        })
        cls.message = cls.secret.message_post(body="Findings of the inspection", message_type="comment")
        cls.activity = cls.secret.activity_schedule(
            "mail.mail_activity_data_todo", summary="Answer the inspection", user_id=cls.admin_cleared.id)


@tagged("post_install", "-at_install")
class TestConfidentiality(ConfidentialityCommon, TransactionCase):

    def assert_cannot_read(self, user, letter):
        Letter = self.env["office.letter"].with_user(user)
        self.assertNotIn(letter, Letter.search([]))
        self.assertFalse(Letter.search([("subject", "ilike", letter.subject)]))
        self.assertEqual(Letter.search_count([("id", "=", letter.id)]), 0)
        self.assertEqual(Letter._read_group([("id", "=", letter.id)], [], ["__count"]), [(0,)])
        self.assertEqual(Letter.formatted_read_group([("id", "=", letter.id)], ["state"], ["__count"]), [])
        self.assertNotIn(letter.id, [id_ for id_, _name in Letter.name_search(letter.number)])
        with self.assertRaises(AccessError):
            letter.with_user(user).read(["subject"])
        with self.assertRaises(AccessError):
            letter.with_user(user).subject  # noqa: B018
        # the name shown wherever a record points at the letter, computed as superuser
        name = letter.with_user(user).sudo().display_name
        self.assertEqual(name, "Classified letter")
        self.assertNotIn(letter.number, name)
        self.assertNotIn(letter, self.secretariat.with_user(user).letter_ids)
        # its files, messages and activities
        Attachment = self.env["ir.attachment"].with_user(user)
        self.assertFalse(Attachment.search([("res_model", "=", "office.letter"), ("res_id", "=", letter.id)]))
        Message = self.env["mail.message"].with_user(user)
        self.assertFalse(Message.search([("model", "=", "office.letter"), ("res_id", "=", letter.id)]))
        self.assertFalse(self.env["mail.activity"].with_user(user).search(
            [("res_model", "=", "office.letter"), ("res_id", "=", letter.id)]))
        if letter == self.secret:
            with self.assertRaises(AccessError):
                self.attachment.with_user(user).read(["datas"])
            with self.assertRaises(AccessError):
                self.message.with_user(user).read(["body"])
            with self.assertRaises(AccessError):
                self.activity.with_user(user).read(["summary"])
            # the letters smart button of the citizen counts only what the user may read
            self.assert_citizen_letter_count(user)

    def assert_citizen_letter_count(self, user):
        """The citizen's «Letters» button counts the letters about, from or to them that ``user`` may read."""
        citizen_letters = self.secret | self.normal | self.incoming_secret
        readable = self.env["office.letter"].with_user(user).search([("id", "in", citizen_letters.ids)])
        self.citizen.invalidate_recordset(["office_letter_count"])
        self.assertEqual(self.citizen.with_user(user).office_letter_count, len(readable))

    def assert_can_read(self, user, letter):
        Letter = self.env["office.letter"].with_user(user)
        self.assertIn(letter, Letter.search([]))
        self.assertEqual(letter.with_user(user).read(["subject"])[0]["subject"], letter.subject)
        self.assertIn(letter.number or letter.subject, letter.with_user(user).sudo().display_name)
        if letter == self.secret:
            self.assert_citizen_letter_count(user)
            self.assertTrue(self.attachment.with_user(user).read(["datas"]))
            self.assertTrue(self.message.with_user(user).read(["body"]))

    # ----------------------------------------------------------------- roles

    def test_secretariat_clerk(self):
        self.assert_cannot_read(self.clerk, self.secret)
        self.assert_cannot_read(self.clerk, self.incoming_secret)
        self.assert_can_read(self.clerk, self.normal)

    def test_registrar_of_an_incoming_classified_letter_is_party(self):
        self.assertEqual(self.incoming_secret.registered_by_id, self.registrar)
        self.assertIn(self.registrar, self.incoming_secret.party_user_ids)
        self.assert_can_read(self.registrar, self.incoming_secret)
        self.assert_cannot_read(self.registrar, self.secret)

    def test_staff(self):
        self.assert_cannot_read(self.staff, self.secret)
        self.assert_can_read(self.staff, self.normal)
        self.assert_can_read(self.author, self.secret)
        self.assert_can_read(self.recipient_staff, self.secret)

    def test_unit_managers(self):
        self.assert_can_read(self.manager_recipient, self.secret)
        self.assert_can_read(self.manager_sender, self.secret)
        self.assert_cannot_read(self.manager_other, self.secret)
        # a new manager of the recipient unit reads the unit's letters; the former one no longer does
        self.unit_recipient.manager_id = self.other_manager_employee
        self.assert_can_read(self.manager_other, self.secret)
        self.assert_cannot_read(self.manager_recipient, self.secret)

    def test_correspondence_administrator(self):
        self.assert_cannot_read(self.admin_uncleared, self.secret)
        self.assert_can_read(self.admin_cleared, self.secret)
        top_secret = self.env["office.letter"].create({
            "subject": "CF top secret", "classification_declared": "top_secret",
            "secretariat_id": self.secretariat.id, "author_id": self.author.id})
        sign(top_secret, self.author)
        top_secret.with_user(self.cleared_clerk).action_register()
        self.assert_cannot_read(self.admin_cleared, top_secret)
        # clearance is the administrator's to give, not the user's to take
        with self.assertRaises(AccessError):
            self.clerk.with_user(self.clerk).write({"office_clearance": "top_secret"})

    def test_municipal_user_of_another_unit_and_portal_user_see_no_letter(self):
        for user in (self.operator, self.portal):
            with self.assertRaises(AccessError):
                self.env["office.letter"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.normal.with_user(user).read(["subject"])
            with self.assertRaises(AccessError):
                self.attachment.with_user(user).read(["datas"])
            with self.assertRaises(AccessError):
                self.message.with_user(user).read(["body"])
            self.assertFalse(self.env["mail.message"].with_user(user).search(
                [("model", "=", "office.letter"), ("res_id", "=", self.secret.id)]))

    # ------------------------------------------------------------ loopholes

    def test_followers_of_a_classified_letter_are_hidden(self):
        self.secret.message_subscribe(partner_ids=self.citizen.ids)
        self.env.invalidate_all()
        Followers = self.env["mail.followers"]
        domain = [("res_model", "=", "office.letter"), ("res_id", "=", self.secret.id)]
        followers = Followers.sudo().search(domain)
        self.assertIn(self.citizen, followers.partner_id)
        self.assertFalse(Followers.with_user(self.staff).search(domain))
        self.assertFalse(Followers.with_user(self.staff).search_count([("partner_id", "=", self.citizen.id)]))
        with self.assertRaises(AccessError):
            followers.with_user(self.staff).read(["partner_id"])
        # …but by those who may read the letter, and other documents' followers as before.
        self.assertEqual(Followers.with_user(self.author).search(domain), followers)
        self.assertTrue(followers.with_user(self.admin_cleared).read(["partner_id"]))
        self.normal.message_subscribe(partner_ids=self.citizen.ids)
        self.citizen.message_subscribe(partner_ids=self.citizen.ids)
        self.assertIn(self.citizen, Followers.with_user(self.staff).search(
            [("res_model", "=", "office.letter"), ("res_id", "=", self.normal.id)]).partner_id)
        self.assertIn(self.citizen, Followers.with_user(self.staff).search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.citizen.id)]).partner_id)

    def test_users_without_correspondence_still_read_other_documents_followers(self):
        """An HR officer who is no correspondence user saves an employee (Odoo reads its followers)."""
        hr_officer = new_test_user(self.env, "cf_hr_officer", groups="hr.group_hr_user")
        employee = self.env["hr.employee"].create({"name": "CF employee"})
        employee.message_subscribe(partner_ids=self.citizen.ids)
        self.secret.message_subscribe(partner_ids=self.citizen.ids)
        self.env.invalidate_all()
        Followers = self.env["mail.followers"].with_user(hr_officer)
        self.assertIn(self.citizen, Followers.search(
            [("res_model", "=", "hr.employee"), ("res_id", "=", employee.id)]).partner_id)
        self.assertFalse(Followers.search([("res_model", "=", "office.letter")]))
        employee.with_user(hr_officer).write({"birthday": "2025-03-21"})
        self.assertEqual(str(employee.birthday), "2025-03-21")
        # Reading every field of the employee (an export, a form) leaves out the letters count…
        self.assertNotIn("office_letter_count", employee.with_user(hr_officer).read([])[0])
        # …which correspondence users get.
        self.assertEqual(employee.with_user(self.staff).office_letter_count, 0)

    def test_parties_are_set_by_the_letter_only(self):
        draft = self.env["office.letter"].with_user(self.clerk).create({
            "subject": "CF draft", "secretariat_id": self.secretariat.id})
        with self.assertRaises(UserError):
            draft.write({"party_user_ids": [(4, self.staff.id)]})
        with self.assertRaises(UserError):
            draft.write({"registered_by_id": self.staff.id})
        with self.assertRaises(UserError):
            self.env["office.letter"].with_user(self.clerk).create({
                "subject": "CF draft", "secretariat_id": self.secretariat.id,
                "party_user_ids": [(6, 0, self.staff.ids)]})

    def test_activity_only_for_users_who_may_read_the_letter(self):
        with self.assertRaises(ValidationError):
            self.secret.activity_schedule("mail.mail_activity_data_todo", user_id=self.clerk.id)
        with self.assertRaises(ValidationError):
            self.activity.user_id = self.clerk
        self.assertTrue(self.secret.activity_schedule("mail.mail_activity_data_todo", user_id=self.author.id))
        self.assertTrue(self.normal.activity_schedule("mail.mail_activity_data_todo", user_id=self.clerk.id))

    def test_messages_reach_only_the_users_who_may_read_the_letter(self):
        self.secret.message_subscribe(partner_ids=(self.clerk | self.admin_cleared).partner_id.ids)
        message = self.secret.message_post(body="New findings", message_type="comment",
                                           subtype_xmlid="mail.mt_comment")
        notified = message.notification_ids.res_partner_id
        self.assertIn(self.admin_cleared.partner_id, notified)
        self.assertNotIn(self.clerk.partner_id, notified)
        # on a normal letter, every follower is notified
        self.normal.message_subscribe(partner_ids=self.clerk.partner_id.ids)
        message = self.normal.message_post(body="Note", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.assertIn(self.clerk.partner_id, message.notification_ids.res_partner_id)


@tagged("post_install", "-at_install")
class TestConfidentialityHttp(ConfidentialityCommon, HttpCase):

    def test_json_rpc_web_read(self):
        self.authenticate("cf_clerk_user", "cf_clerk_user")
        with self.assertRaises(JsonRpcException) as error, mute_logger("odoo.http"):
            self.make_jsonrpc_request("/web/dataset/call_kw/office.letter/web_read", {
                "model": "office.letter", "method": "web_read", "args": [self.secret.ids, {"subject": {}}],
                "kwargs": {}})
        self.assertEqual(error.exception.args[0], "odoo.exceptions.AccessError")
        # the citizen's form: the letters smart button
        result = self.make_jsonrpc_request("/web/dataset/call_kw/res.partner/web_read", {
            "model": "res.partner", "method": "web_read",
            "args": [self.citizen.ids, {"office_letter_count": {}}], "kwargs": {}})
        self.assertEqual(result[0]["office_letter_count"], 1)
        # a letter the clerk may read, about (reference) the secret one
        self.normal.reference = self.secret
        result = self.make_jsonrpc_request("/web/dataset/call_kw/office.letter/web_read", {
            "model": "office.letter", "method": "web_read",
            "args": [self.normal.ids, {"subject": {}, "reference": {"fields": {"display_name": {}}}}], "kwargs": {}})
        self.assertNotIn(SECRET_SUBJECT, str(result))
        self.assertNotIn(self.secret.number, str(result))

    def test_json_rpc_many2one_to_a_classified_letter(self):
        """A link from a letter the clerk reads to the secret one: its many2one names no number or subject."""
        link = self.env["office.letter.link"].create({
            "letter_id": self.normal.id, "linked_letter_id": self.secret.id, "link_type": "reference"})
        self.authenticate("cf_clerk_user", "cf_clerk_user")
        result = self.make_jsonrpc_request("/web/dataset/call_kw/office.letter.link/web_read", {
            "model": "office.letter.link", "method": "web_read",
            "args": [link.ids, {"display_name": {}, "linked_letter_name": {},
                                "linked_letter_id": {"fields": {"display_name": {}}}}], "kwargs": {}})
        self.assertEqual(result[0]["linked_letter_id"], {"id": self.secret.id, "display_name": "Classified letter"})
        self.assertEqual(result[0]["linked_letter_name"], "Classified letter")
        self.assertNotIn(self.secret.number, str(result))
        self.assertNotIn(SECRET_SUBJECT, str(result))
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request("/web/dataset/call_kw/office.letter.link/web_read", {
                "model": "office.letter.link", "method": "web_read",
                "args": [link.ids, {"linked_letter_id": {"fields": {"subject": {}}}}], "kwargs": {}})
        # the letter's own form (one2many of links) shows the same name
        result = self.make_jsonrpc_request("/web/dataset/call_kw/office.letter/web_read", {
            "model": "office.letter", "method": "web_read",
            "args": [self.normal.ids, {"link_ids": {"fields": {"linked_letter_id": {"fields": {"display_name": {}}}}}}],
            "kwargs": {}})
        self.assertNotIn(SECRET_SUBJECT, str(result))
        self.assertNotIn(self.secret.number, str(result))

    def test_chatter_and_attachment_download(self):
        self.authenticate("cf_clerk_user", "cf_clerk_user")
        result = self.make_jsonrpc_request("/mail/thread/messages", {
            "thread_model": "office.letter", "thread_id": self.secret.id})
        self.assertNotIn(self.message.id, result["messages"])
        self.assertNotIn("Findings of the inspection", str(result))
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"secret findings", response.content)
        response = self.url_open(f"/web/content/office.letter/{self.secret.id}/message_main_attachment_id")
        self.assertNotIn(b"secret findings", response.content)

        self.authenticate("cf_admin_cleared", "cf_admin_cleared")
        result = self.make_jsonrpc_request("/mail/thread/messages", {
            "thread_model": "office.letter", "thread_id": self.secret.id})
        self.assertIn(self.message.id, result["messages"])
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 secret findings")


@tagged("post_install", "-at_install")
class TestWhoChangesALetter(TransactionCase):
    """Reading is not changing: a colleague reads a normal draft, only its author, the clerks of its
    secretariat and the administrators change or delete it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.author = create_office_user(env, "wc_author")
        cls.colleague = create_office_user(env, "wc_colleague")
        cls.clerk = create_office_user(env, "wc_clerk", CLERK)
        cls.other_clerk = create_office_user(env, "wc_other_clerk", CLERK)
        cls.admin = create_office_user(env, "wc_admin", ADMIN)
        cls.secretariat = create_secretariat(env, code="WC", clerks=cls.clerk)
        cls.other_secretariat = create_secretariat(env, code="WO", clerks=cls.other_clerk)
        cls.draft = env["office.letter"].with_user(cls.author).create({
            "subject": "WC draft", "secretariat_id": cls.secretariat.id})

    def test_a_colleague_reads_but_never_changes_a_draft(self):
        self.env.invalidate_all()
        draft = self.draft.with_user(self.colleague)
        self.assertEqual(draft.subject, "WC draft")
        with self.assertRaises(AccessError):
            draft.write({"subject": "Rewritten"})
        with self.assertRaises(AccessError):
            draft.write({"signature_ids": [(0, 0, {"user_id": self.colleague.id})]})
        with self.assertRaises(AccessError):
            self.env["office.letter.signature"].with_user(self.colleague).create(
                {"letter_id": self.draft.id, "user_id": self.colleague.id})
        with self.assertRaises(AccessError):
            draft.action_request_signatures()
        with self.assertRaises(AccessError):
            draft.unlink()
        with self.assertRaises(AccessError):
            self.draft.with_user(self.other_clerk).write({"subject": "Rewritten"})
        self.env.invalidate_all()
        self.assertEqual(self.draft.subject, "WC draft")
        # …but may comment on it.
        draft.message_post(body="A remark from a colleague")

    def test_the_author_the_secretariats_clerks_and_the_administrators_change_it(self):
        for user, subject in ((self.author, "By the author"), (self.clerk, "By the clerk"),
                              (self.admin, "By the administrator")):
            self.env.invalidate_all()
            self.draft.with_user(user).write({"subject": subject})
            self.assertEqual(self.draft.subject, subject)
        self.draft.with_user(self.author).unlink()
        self.assertFalse(self.draft.exists())

    def test_the_author_is_whoever_creates_the_letter(self):
        Letter = self.env["office.letter"].with_user(self.colleague)
        with self.assertRaisesRegex(UserError, "beginning of its workflow"):
            Letter.create({"subject": "In another's name", "secretariat_id": self.secretariat.id,
                           "author_id": self.author.id})
        own = Letter.create({"subject": "Mine", "secretariat_id": self.secretariat.id,
                             "author_id": self.colleague.id})
        self.assertEqual(own.author_id, self.colleague)
        with self.assertRaisesRegex(UserError, "buttons"):
            own.write({"author_id": self.author.id})
        self.env.invalidate_all()
        copy = self.draft.with_user(self.colleague).copy()
        self.assertEqual(copy.author_id, self.colleague)

    def test_only_the_secretariats_clerks_send_and_mark_received(self):
        letter = signed_letter(self.env(user=self.author), self.author, secretariat_id=self.secretariat.id)
        letter.with_user(self.clerk).action_register()
        for user in (self.author, self.colleague, self.other_clerk):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                letter.with_user(user).action_send()
        self.env.invalidate_all()
        self.assertEqual(letter.state, "registered")
        letter.with_user(self.clerk).action_send()
        self.assertEqual(letter.state, "sent")
        incoming = self.env["office.letter"].with_user(self.clerk).create({
            "subject": "WC incoming", "letter_type": "incoming", "secretariat_id": self.secretariat.id,
            "sender_partner_id": self.env.user.partner_id.id, "sender_number": "1/2", "sender_date": "2026-01-01"})
        incoming.action_register()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            incoming.with_user(self.colleague).action_mark_received()
        with self.assertRaises(AccessError):
            incoming.with_user(self.other_clerk).action_mark_received()
        self.env.invalidate_all()
        incoming.with_user(self.admin).action_mark_received()
        self.assertEqual(incoming.state, "received")

    def test_a_clerk_of_normal_clearance_registers_a_secret_outgoing_letter(self):
        signer = create_office_user(self.env, "wc_secret_signer", office_clearance="secret")
        letter = signed_letter(self.env(user=signer), signer, letter_type="outgoing",
                               classification_declared="secret", secretariat_id=self.secretariat.id)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            letter.with_user(self.clerk).read(["subject"])
        self.env.invalidate_all()
        letter.with_user(self.clerk).action_register()
        self.env.invalidate_all()
        self.assertEqual(letter.state, "registered")
        self.assertEqual(letter.registered_by_id, self.clerk)
        # …who becomes party to it; a clerk of another secretariat does not register it.
        self.assertEqual(letter.with_user(self.clerk).read(["subject"])[0]["subject"], letter.subject)
        other = signed_letter(self.env(user=signer), signer, letter_type="outgoing",
                              classification_declared="secret", secretariat_id=self.secretariat.id)
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "Only the clerks"):
            other.with_user(self.other_clerk).action_register()


@tagged("post_install", "-at_install")
class TestClearancesAndSignatureImages(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = create_office_user(cls.env, "cl_staff")
        cls.colleague = create_office_user(cls.env, "cl_colleague", office_clearance="secret")
        cls.colleague.sudo().office_signature = SIGNATURE_PNG
        cls.admin = create_office_user(cls.env, "cl_admin", ADMIN)

    def test_a_colleagues_clearance_and_signature_image_are_not_readable(self):
        self.env.invalidate_all()
        colleague = self.colleague.with_user(self.staff)
        for field_name in ("office_signature", "office_clearance", "office_clearance_level"):
            with self.assertRaises(AccessError):
                colleague.read([field_name])
        # one's own, yes
        own = self.colleague.with_user(self.colleague).read(["office_clearance", "office_signature"])[0]
        self.assertEqual(own["office_clearance"], "secret")
        self.assertTrue(own["office_signature"])
        self.assertEqual(self.colleague.with_user(self.admin).read(["office_clearance"])[0]["office_clearance"],
                         "secret")
        with self.assertRaises(AccessError):
            self.staff.with_user(self.staff).write({"office_clearance": "top_secret"})
        # the letter rules still read each user's own clearance
        self.assertFalse(self.env["office.letter"].with_user(self.staff).search(
            [("classification_level", ">", 0)]))

    def test_the_administrator_sets_clearances_and_the_change_is_logged(self):
        wizard = self.env["office.clearance.wizard"].with_user(self.admin).create(
            {"user_ids": [(6, 0, self.staff.ids)], "clearance": "very_confidential"})
        wizard.action_apply()
        self.env.invalidate_all()
        self.assertEqual(self.staff.office_clearance, "very_confidential")
        self.assertEqual(self.staff.office_clearance_level, 2)
        log = self.env["office.clearance.log"].with_user(self.admin).search([("user_id", "=", self.staff.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual((log.clearance_before, log.clearance_after, log.changed_by_id),
                         ("normal", "very_confidential", self.admin))
        with self.assertRaises(AccessError):
            self.env["office.clearance.log"].with_user(self.staff).search([])
        with self.assertRaises(AccessError):
            self.env["office.clearance.wizard"].with_user(self.staff).create(
                {"user_ids": [(6, 0, self.staff.ids)], "clearance": "top_secret"})
        self.assertEqual(self.admin.with_user(self.admin).action_open_clearance_wizard()["res_model"],
                         "office.clearance.wizard")
