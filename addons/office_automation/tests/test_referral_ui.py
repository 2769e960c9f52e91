from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import create_office_user, create_secretariat


@tagged("post_install", "-at_install")
class TestReferralTour(HttpCase):
    def test_clerk_registers_an_incoming_letter_and_refers_it(self):
        # The tour reads English labels and types dates as MM/DD/YYYY, whatever languages the database has.
        self.env["res.lang"]._activate_lang("en_US")
        clerk = create_office_user(self.env, "tour_clerk", groups="office_automation.group_office_secretariat_clerk",
                                   name="Tour Clerk", lang="en_US", tz="UTC")
        colleague = create_office_user(self.env, "tour_colleague", name="Tour Colleague", lang="en_US")
        secretariat = create_secretariat(self.env, code="TT", pattern="{jyear}/{seq}/{code}", clerks=clerk)
        sender = self.env["res.partner"].create({"name": "Tour Sender Co"})

        self.start_tour("/odoo/action-office_automation.office_letter_action", "office_referral_tour",
                        login="tour_clerk")

        letter = self.env["office.letter"].search([("secretariat_id", "=", secretariat.id)])
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.subject, "Request for a building permit inquiry")
        self.assertEqual((letter.letter_type, letter.sender_partner_id, letter.sender_number),
                         ("incoming", sender, "4521/88"))
        self.assertEqual(str(letter.sender_date), "2026-11-10")
        self.assertEqual(letter.state, "received", "referred by the secretariat, the incoming letter is received")
        self.assertEqual(letter.number, f"{letter.number_year}/1/TT")
        self.assertEqual(letter.author_id, clerk)
        referral = letter.referral_ids
        self.assertEqual(len(referral), 1)
        self.assertEqual((referral.from_user_id, referral.to_user_id), (clerk, colleague))
        self.assertEqual(referral.note, "Please check the file and prepare a reply.")
        self.assertEqual(referral.requested_action, "reply")
        # the clerk typed ten days from the browser's today, in the clerk's zone (UTC), not the test's
        self.assertEqual(referral.deadline, fields.Date.context_today(referral.with_user(clerk)) + timedelta(days=10))
        self.assertEqual(referral.state, "new")
        self.assertIn(colleague, letter.party_user_ids)

        self.start_tour("/odoo/action-office_automation.office_referral_intray_action", "office_referral_intray_tour",
                        login="tour_colleague")
        self.assertEqual(referral.state, "done")
        self.assertTrue(referral.date_started)
        self.assertEqual(referral.result_note, "A reply is drafted as a follow-up letter.")
