import threading

import psycopg2

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.orm.environments import Transaction
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import create_office_user, create_secretariat, signed_letter


class TestLetterNumbering(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = create_office_user(cls.env, "num_clerk", groups="office_automation.group_office_secretariat_clerk")
        cls.secretariat = create_secretariat(cls.env, code="TN", pattern="{jyear}/{seq}/تن", clerks=cls.clerk)
        cls.citizen = cls.env["res.partner"].create({"name": "Sender"})

    def _letter(self, **values):
        """An outgoing letter signed by the clerk (an incoming letter is not signed)."""
        values = dict({
            "subject": "Request", "letter_type": "outgoing", "secretariat_id": self.secretariat.id,
            "recipient_partner_ids": [(4, self.citizen.id)]}, **values)
        if values["letter_type"] == "incoming":
            return self.env["office.letter"].with_user(self.clerk).create(values)
        return signed_letter(self.env(user=self.clerk), self.clerk, **values)

    def test_numbers_follow_the_pattern_and_restart_each_jalali_year(self):
        with freeze_time("2026-03-19 08:00:00"):  # 1404/12/28
            first, second = self._letter(), self._letter()
            (first | second).action_register()
        with freeze_time("2026-03-21 08:00:00"):  # 1405/01/01
            third = self._letter()
            third.action_register()
        self.assertEqual((first.number, second.number, third.number), ("1404/1/تن", "1404/2/تن", "1405/1/تن"))
        self.assertEqual(first.date_jalali, "1404/12/28")
        self.assertEqual(third.date_jalali, "1405/01/01")
        self.assertEqual(first.state, "registered")

    def test_the_chatter_says_who_registered_the_letter_under_which_number(self):
        letter = self._letter()
        letter.action_register()
        self.assertEqual(letter.registered_by_id, self.clerk)
        self.assertIn(self.clerk, letter.party_user_ids)
        logged = letter.message_ids.filtered(lambda message: letter.number in (message.body or ""))
        self.assertEqual(len(logged), 1)
        self.assertIn(self.clerk.name, logged.body)

    def test_the_registration_day_and_year_are_the_municipality_s_not_the_clerk_s(self):
        """The clerk's own time zone (UTC, London…) does not move a legal date: at 00:30 in Tehran on
        1 Farvardin the letter is of the new year, whatever the clerk's preference or browser says."""
        for tz in ("UTC", "Europe/London"):
            with self.subTest(tz=tz):
                self.clerk.tz = tz
                with freeze_time("2026-03-20 20:00:00"):  # 23:30 on 29 Esfand 1404 in Tehran
                    before = self._letter()
                    before.with_context(tz=tz).action_register()
                with freeze_time("2026-03-20 21:00:00"):  # 00:30 on 1 Farvardin 1405 in Tehran
                    after = self._letter()
                    after.with_context(tz=tz).action_register()
                self.assertEqual((before.date_jalali, before.number_year), ("1404/12/29", 1404))
                self.assertEqual((after.date_jalali, after.number_year), ("1405/01/01", 1405))
                self.assertTrue(after.number.startswith("1405/"))

    def test_the_municipality_time_zone_is_configurable(self):
        self.clerk.tz = "Asia/Tehran"
        self.env.company.municipality_tz = "UTC"
        with freeze_time("2026-03-20 21:00:00"):  # still 29 Esfand 1404 in UTC
            letter = self._letter()
            letter.action_register()
        self.assertEqual((letter.date_jalali, letter.number_year), ("1404/12/29", 1404))

    def test_a_letter_registered_after_midnight_in_iran_has_that_days_date_and_year(self):
        self.clerk.tz = False  # no time zone chosen: the day is Tehran's, not UTC's
        with freeze_time("2026-03-20 21:00:00"):  # 00:30 on 1 Farvardin 1405 in Tehran
            letter = self._letter()
            letter.action_register()
        self.assertEqual((letter.date_jalali, letter.number), ("1405/01/01", "1405/1/تن"))

    def test_letters_are_found_by_number_subject_or_senders_number(self):
        outgoing = self._letter(subject="Street lighting of district 4")
        incoming = self._letter(letter_type="incoming", subject="From the governor", sender_partner_id=self.citizen.id,
                                sender_number="45/99", sender_date="2026-03-01")
        (outgoing | incoming).action_register()
        Letter = self.env["office.letter"].with_user(self.clerk)
        for text, letter in ((outgoing.number, outgoing), ("lighting of district", outgoing), ("45/99", incoming)):
            with self.subTest(text=text):
                self.assertIn(letter.id, [letter_id for letter_id, _name in Letter.name_search(text)])

    def test_padding_and_other_patterns(self):
        self.secretariat.write({"number_pattern": "{code}-{jy}{jmonth}-{seq}", "number_padding": 4})
        with freeze_time("2026-03-06 08:00:00"):  # 1404/12/15
            letter = self._letter()
            letter.action_register()
        self.assertEqual(letter.number, "TN-0412-0001")
        self.assertEqual(self.secretariat.number_example[-4:], "0123")

    def test_bad_patterns_are_refused_with_the_reason(self):
        for pattern, reason in [("{jyear}/تن", "{seq}"), ("{seq}/تن", "Jalali year"), ("{jyear}/{seq}/{year}", "{year}"),
                                ("{jyear}/{seq", "braces")]:
            with self.subTest(pattern=pattern), self.assertRaisesRegex(ValidationError, reason), \
                    self.env.cr.savepoint():
                self.secretariat.write({"number_pattern": pattern})
        self.env.invalidate_all()
        self.assertEqual(self.secretariat.number_pattern, "{jyear}/{seq}/تن")

    def test_registered_letter_cannot_be_edited_or_deleted(self):
        letter = self._letter()
        letter.action_register()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            letter.write({"subject": "Changed"})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            letter.write({"body": "<p>new text</p>"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            letter.unlink()
        self.assertEqual(letter.subject, "Request")
        letter.message_post(body="a note in the chatter is still possible")

    def test_workflow_fields_are_set_by_the_buttons_only(self):
        letter = self._letter()
        with self.assertRaisesRegex(UserError, "buttons"):
            letter.write({"number": "1404/999/تن"})
        with self.assertRaisesRegex(UserError, "buttons"):
            letter.write({"state": "registered"})
        with self.assertRaisesRegex(UserError, "beginning of its workflow"):
            self._letter(state="registered")
        self.assertFalse(letter.number)

    def test_only_the_secretariat_clerks_register(self):
        outsider = create_office_user(self.env, "num_outsider", groups="office_automation.group_office_secretariat_clerk")
        letter = self._letter()
        with self.assertRaisesRegex(UserError, "Only the clerks"):
            letter.with_user(outsider).action_register()
        self.assertFalse(letter.number)

    def test_incoming_letter_needs_the_senders_number_and_date(self):
        letter = self._letter(letter_type="incoming")
        with self.assertRaisesRegex(UserError, "who sent"):
            letter.action_register()
        letter.sender_partner_id = self.citizen
        with self.assertRaisesRegex(UserError, "sender's own number"):
            letter.action_register()
        letter.write({"sender_number": "45/1234", "sender_date": "2026-03-01"})
        letter.action_register()
        self.assertEqual(letter.state, "registered")
        self.assertEqual(letter.sender_number, "45/1234")
        letter.action_mark_received()
        self.assertEqual(letter.state, "received")

    def test_a_rolled_back_registration_leaves_no_gap(self):
        first = self._letter()
        first.action_register()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            second = self._letter()
            second.action_register()
            self.assertEqual(second.number_sequence, first.number_sequence + 1)
            raise UserError("rolled back")
        third = self._letter()
        third.action_register()
        self.assertEqual(third.number_sequence, first.number_sequence + 1)

    def test_two_secretariats_never_print_the_same_numbers(self):
        with self.assertRaisesRegex(ValidationError, "same letter numbers"), self.env.cr.savepoint():
            create_secretariat(self.env, code="TN2", pattern="{jyear}/{seq}/تن")
        with self.assertRaisesRegex(ValidationError, "same letter numbers"), self.env.cr.savepoint():
            create_secretariat(self.env, code="تن", pattern="{jyear}/{seq}/{code}")
        other = create_secretariat(self.env, code="TN3", pattern="{jyear}-{seq}")
        with self.assertRaisesRegex(ValidationError, "same letter numbers"), self.env.cr.savepoint():
            create_secretariat(self.env, code="TN4", pattern="{jyear}-{seq}")
        # Another municipality may use the same pattern; an archived secretariat no longer numbers.
        company = self.env["res.company"].create({"name": "Other municipality"})
        create_secretariat(self.env, code="TN4", pattern="{jyear}-{seq}", company_id=company.id)
        other.active = False
        create_secretariat(self.env, code="TN5", pattern="{jyear}-{seq}")

    def test_a_number_is_unique_in_the_municipality(self):
        first = self._letter()
        first.action_register()
        second = self._letter()
        second.action_register()
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            second.sudo().write({"number": first.number})
            second.flush_recordset()

    def test_a_letter_stays_in_its_company(self):
        company = self.env["res.company"].create({"name": "Another municipality"})
        foreign = create_secretariat(self.env, code="TNX", company_id=company.id)
        with self.assertRaisesRegex(UserError, "company"), self.env.cr.savepoint():
            self.env["office.letter"].create({"subject": "Astray", "secretariat_id": foreign.id,
                                              "company_id": self.env.company.id})


@tagged("post_install", "-at_install")
class TestConcurrentRegistration(TransactionCase):
    """Sixteen clerks register at the same moment, each in a transaction of its own,
    on committed data (removed afterwards)."""

    WORKERS = 16

    def test_sixteen_concurrent_registrations_are_gapless_and_unique(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        setup_cr = db.cursor()
        created = {}
        try:
            env = api.Environment(setup_cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            admin_signature = admin.office_signature
            secretariat = create_secretariat(env, code="RACE16", clerks=admin)
            letters = env["office.letter"].browse([
                signed_letter(env, admin, subject=f"race {n}", secretariat_id=secretariat.id).id
                for n in range(self.WORKERS)])
            created = {"secretariat": secretariat.id, "letters": letters.ids}
            setup_cr.commit()

            admin_id = env.ref("base.user_admin").id
            barrier = threading.Barrier(self.WORKERS)
            errors = []

            def register(letter_id):
                with db.cursor() as cr:
                    try:
                        cr.execute("SELECT 1")  # every transaction's snapshot is taken before any commits
                        barrier.wait(timeout=30)
                        # The registry is passed in: looking it up by name would wait for the lock that the
                        # test runner holds while it runs the tests.
                        cr.transaction = Transaction(self.registry)
                        worker_env = api.Environment(cr, admin_id, {})
                        worker_env["office.letter"].browse(letter_id).action_register()
                        cr.commit()
                    except Exception as error:  # noqa: BLE001 - reported by the main thread
                        errors.append(repr(error))

            threads = [threading.Thread(target=register, args=(letter_id,)) for letter_id in letters.ids]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            self.assertEqual(errors, [])
            setup_cr.rollback()  # a new snapshot, after the workers' commits
            setup_cr.execute("SELECT number_sequence, number FROM office_letter WHERE secretariat_id = %s "
                             "ORDER BY number_sequence", [secretariat.id])
            rows = setup_cr.fetchall()
            self.assertEqual([serial for serial, _number in rows], list(range(1, self.WORKERS + 1)))
            self.assertEqual(len({number for _serial, number in rows}), self.WORKERS)
        finally:
            setup_cr.rollback()
            if created:
                for model, table, ids in [("office.letter", "office_letter", created["letters"]),
                                          ("office.secretariat", "office_secretariat", [created["secretariat"]])]:
                    setup_cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id IN %s", [model, tuple(ids)])
                    setup_cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id IN %s",
                                     [model, tuple(ids)])
                    setup_cr.execute(f"DELETE FROM {table} WHERE id IN %s", [tuple(ids)])  # noqa: S608
                env.ref("base.user_admin").office_signature = admin_signature
                setup_cr.commit()
            setup_cr.close()
