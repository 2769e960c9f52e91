from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import create_office_user, create_secretariat

TODAY = "2026-03-01 08:00:00"  # 1404/12/10


@tagged("post_install", "-at_install")
class TestReferral(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=True))
        cls.clerk = create_office_user(cls.env, "ref_clerk", groups="office_automation.group_office_secretariat_clerk",
                                       name="Clerk")
        cls.alice = create_office_user(cls.env, "ref_alice", name="Alice")
        cls.bob = create_office_user(cls.env, "ref_bob", name="Bob")
        cls.carol = create_office_user(cls.env, "ref_carol", name="Carol")
        cls.manager = create_office_user(cls.env, "ref_manager", groups="office_automation.group_office_unit_manager",
                                         name="Manager")
        cls.outsider = create_office_user(cls.env, "ref_outsider", groups="base.group_user", name="No Correspondence")
        cls.corr_admin = create_office_user(cls.env, "ref_corr_admin", groups="office_automation.group_office_admin",
                                            name="Correspondence Administrator", office_clearance="top_secret")
        cls.unit = cls.env["hr.department"].create({
            "name": "Planning", "manager_id": cls.env["hr.employee"].create({
                "name": "Manager", "user_id": cls.manager.id}).id})
        cls.headless_unit = cls.env["hr.department"].create({"name": "Unit Without Manager"})
        cls.secretariat = create_secretariat(cls.env, code="TR", pattern="{jyear}/{seq}/TR",
                                             clerks=cls.clerk | cls.corr_admin)
        cls.sender = cls.env["res.partner"].create({"name": "Citizen Sender"})

    def _incoming_letter(self, register=True, **values):
        letter = self.env["office.letter"].with_user(self.clerk).create(dict({
            "subject": "Complaint about the sidewalk", "letter_type": "incoming",
            "secretariat_id": self.secretariat.id, "sender_partner_id": self.sender.id,
            "sender_number": "99/1", "sender_date": "2026-02-25"}, **values))
        if register:
            letter.action_register()
        return letter

    def _refer(self, letter, user, recipients=(), departments=None, parent=None, deadline="2026-03-08", **values):
        wizard = self.env["office.referral.wizard"].with_user(user).with_context(
            default_letter_id=letter.id, default_parent_id=parent.id if parent else False).create(dict({
                "user_ids": [Command.set([r.id for r in recipients])],
                "department_ids": [Command.set(departments.ids if departments else [])],
                "note": "Please handle", "requested_action": "action", "deadline": deadline}, **values))
        before = set(letter.sudo().referral_ids.ids)
        wizard.action_refer()
        return letter.sudo().referral_ids.filtered(lambda r: r.id not in before).with_user(user)

    def _intray(self, user, domain=()):
        """What ``user`` sees in the in-tray action, with an optional filter of its search view."""
        action = self.env["ir.actions.actions"]._for_xml_id("office_automation.office_referral_intray_action")
        self.assertEqual(action["domain"], "[('to_user_id', '=', uid)]")
        return self.env["office.referral"].with_user(user).search([("to_user_id", "=", user.id), *domain])

    def test_referral_dates_follow_the_municipality_s_day_not_the_user_s(self):
        """At 00:30 in Tehran on 1 Farvardin, for users whose time zone is UTC or London (still 29 Esfand
        there): a deadline of 29 Esfand has passed, and the wizard proposes a week from 1 Farvardin."""
        with freeze_time("2026-03-19 08:00:00"):  # 1404/12/28
            letter = self._incoming_letter()
            referral = self._refer(letter, self.clerk, [self.alice], deadline="2026-03-20")  # 29 Esfand
        for user, tz in ((self.clerk, "UTC"), (self.alice, "Europe/London")):
            user.tz = tz
            with self.subTest(tz=tz), freeze_time("2026-03-20 21:00:00"):
                as_user = referral.with_user(user).with_context(tz=tz)
                self.assertTrue(as_user.is_overdue)
                self.assertIn(referral, self.env["office.referral"].with_user(user).with_context(tz=tz).search(
                    [("is_overdue", "=", True)]))
                wizard = self.env["office.referral.wizard"].with_user(user).with_context(
                    tz=tz, default_letter_id=letter.id).new({})
                self.assertEqual(wizard.deadline, date(2026, 3, 28))  # 1405/01/08
        with freeze_time("2026-03-20 21:00:00"), self.assertRaisesRegex(ValidationError, "already passed"):
            self.clerk.tz = "UTC"
            self._refer(letter, self.clerk, [self.bob], deadline="2026-03-20")

    @freeze_time(TODAY)
    def test_who_reads_a_referral_and_its_margin_note_per_role(self):
        """Need-to-know: a referral is read by its two people, the letter's parties and its secretariat's
        clerks, a Unit Manager for the units they manage (sub-units included), the administrator; not by
        the rest of the staff."""
        maps = self.env["hr.department"].create({"name": "Maps", "parent_id": self.unit.id})
        dave = create_office_user(self.env, "ref_dave", name="Dave")
        self.env["hr.employee"].create({"name": "Dave", "user_id": dave.id, "department_id": maps.id})
        to_dave = self._refer(self._incoming_letter(subject="For maps"), self.clerk, recipients=dave).sudo()
        to_alice = self._refer(self._incoming_letter(subject="Other"), self.clerk, recipients=self.alice).sudo()
        classified = self._incoming_letter(subject="Secret maps", classification="confidential")
        dave.sudo().office_clearance = "confidential"
        to_dave_classified = self._refer(classified, self.clerk, recipients=dave).sudo()
        everything = to_dave | to_alice | to_dave_classified
        to_alice_classified = self._refer(classified, self.corr_admin, recipients=self.alice).sudo()
        everything |= to_alice_classified
        expected = {
            self.clerk: everything,  # registered every letter: party to them
            dave: to_dave | to_dave_classified | to_alice_classified,  # party to the classified letter now
            self.alice: to_alice | to_dave_classified | to_alice_classified,
            self.manager: to_dave,  # Unit Manager of Planning: Maps is a sub-unit; not cleared for the other
            self.carol: self.env["office.referral"],
            self.corr_admin: everything,  # cleared for every class
        }
        Referral = self.env["office.referral"]
        domain = [("id", "in", everything.ids)]
        for user, visible in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(Referral.with_user(user).search(domain), visible.with_user(user))
                [(count,)] = Referral.with_user(user)._read_group(domain, aggregates=["__count"])
                self.assertEqual(count, len(visible))
                visible.with_user(user).read(["note", "result_note"])
                for hidden in everything - visible:
                    with self.assertRaises(AccessError):
                        hidden.with_user(user).read(["note"])
        self.assertEqual(Referral.with_user(self.manager).search([("in_managed_unit", "=", True), *domain]),
                         to_dave.with_user(self.manager))

    @freeze_time(TODAY)
    def test_a_referral_waits_in_the_recipient_s_activities_until_done(self):
        """A referral is an activity of its recipient on the letter, due on its deadline, until they mark the
        referral done (issue 15 item 15)."""
        referral = self._refer(self._incoming_letter(subject="Lights"), self.clerk, recipients=self.alice,
                               requested_action="reply").sudo()
        activity = self.env["mail.activity"].search([("res_model", "=", "office.letter"),
                                                     ("res_id", "=", referral.letter_id.id)])
        self.assertEqual((activity.user_id, activity.date_deadline, activity.activity_type_id),
                         (self.alice, date(2026, 3, 8),
                          self.env.ref("office_automation.mail_activity_type_letter_referral")))
        self.assertIn(activity, self.env["mail.activity"].with_user(self.alice).search([("user_id", "=", self.alice.id)]))
        referral.with_user(self.alice).action_done("The reply is drafted.")
        self.assertFalse(activity.exists(), "the activity goes when the referral is done")

    def test_the_in_tray_holds_the_letters_to_sign(self):
        """A signer's in-tray holds the letters awaiting their signature, each also their activity until they
        sign (issue 15 item 15)."""
        intray = self.env.ref("office_automation.menu_office_referral_intray")
        to_sign = self.env.ref("office_automation.menu_office_letter_to_sign")
        self.assertEqual(to_sign.parent_id, intray)
        self.assertIn(to_sign.id, self.env["ir.ui.menu"].with_user(self.bob)._visible_menu_ids())
        letter = self.env["office.letter"].with_user(self.alice).create({
            "subject": "Memo to sign", "letter_type": "internal", "secretariat_id": self.secretariat.id,
            "signature_ids": [(0, 0, {"sequence": 1, "user_id": self.bob.id})]})
        letter.action_request_signatures()
        awaiting = [("state", "=", "to_sign"),
                    ("signature_ids", "any", [("user_id", "=", self.bob.id), ("state", "=", "pending")])]
        self.assertEqual(self.env["office.letter"].with_user(self.bob).search(awaiting), letter.with_user(self.bob))
        self.assertEqual(letter.sudo().activity_ids.user_id, self.bob)

    @freeze_time(TODAY)
    def test_the_mayor_reads_the_referrals_of_every_unit(self):
        """The Mayor (municipality_base's group) reads the referrals of every unit, within the mayor's
        clearance, and changes none; the mayor refers letters as a unit manager does (issue 15 item 14)."""
        mayor = create_office_user(self.env, "ref_mayor", groups="municipality_base.group_municipality_mayor",
                                   name="Mayor", office_clearance="confidential")
        self.assertTrue(mayor.has_group("office_automation.group_office_unit_manager"))
        to_alice = self._refer(self._incoming_letter(subject="Parks"), self.clerk, recipients=self.alice).sudo()
        to_bob = self._refer(self._incoming_letter(subject="Roads"), self.clerk, recipients=self.bob).sudo()
        secret = self._refer(self._incoming_letter(subject="Secret", classification="secret"), self.corr_admin,
                             recipients=self.bob).sudo()
        domain = [("id", "in", (to_alice | to_bob | secret).ids)]
        self.assertEqual(self.env["office.referral"].with_user(mayor).search(domain), (to_alice | to_bob).with_user(mayor))
        with self.assertRaises(AccessError):
            to_alice.with_user(mayor).write({"result_note": "Done"})
        with self.assertRaises(AccessError):
            self.env["office.referral"].with_user(self.carol).browse(to_alice.id).read(["note"])

    def test_a_secretariat_clerk_opens_the_citizen_register(self):
        """A letter's sender is a citizen: the secretariat clerk reads and registers citizens (issue 15 item 14)."""
        menu = self.env.ref("municipality_base.menu_municipality_citizens")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.clerk)._visible_menu_ids())
        Partner = self.env["res.partner"].with_user(self.clerk)
        citizen = Partner.create({"name": "شهروند دبیرخانه", "national_id": "0499370899"})
        self.assertEqual(citizen.national_id, "0499370899")
        with self.assertRaises(AccessError):
            Partner.with_user(self.alice).create({"name": "Not a clerk's job"})

    @freeze_time(TODAY)
    def test_a_unit_manager_refers_the_letters_of_their_units(self):
        maps = self.env["hr.department"].create({"name": "Maps", "parent_id": self.unit.id})
        letter = self._incoming_letter(recipient_department_ids=[Command.set(maps.ids)])
        self.assertNotIn(self.manager, letter.sudo().party_user_ids)
        with self.assertRaisesRegex(AccessError, "managers of its units"):
            self._refer(letter, self.carol, recipients=self.bob)
        referral = self._refer(letter, self.manager, recipients=self.bob)
        self.assertEqual(referral.sudo().from_user_id, self.manager)
        # Managing the unit without the Unit Manager role is not enough.
        plain = create_office_user(self.env, "ref_plain_head", name="Plain Head")
        self.env["hr.department"].create({"name": "Parks", "manager_id": self.env["hr.employee"].create({
            "name": "Plain Head", "user_id": plain.id}).id, "child_ids": [Command.create({"name": "Trees"})]})
        trees = self.env["hr.department"].search([("name", "=", "Trees")])
        other = self._incoming_letter(recipient_department_ids=[Command.set(trees.ids)])
        with self.assertRaisesRegex(AccessError, "managers of its units"):
            self._refer(other, plain, recipients=self.bob)

    # --------------------------------------------------------------- the tree

    @freeze_time(TODAY)
    def test_refer_and_refer_further_form_a_tree(self):
        letter = self._incoming_letter()
        self.assertEqual(letter.state, "registered")
        roots = self._refer(letter, self.clerk, recipients=self.alice, departments=self.unit)
        self.assertEqual(len(roots), 2)
        to_alice = roots.filtered(lambda r: r.to_user_id == self.alice)
        to_unit = roots - to_alice
        self.assertEqual(to_unit.to_user_id, self.manager, "a unit is referred to through its manager")
        self.assertEqual(to_unit.to_department_id, self.unit)
        self.assertEqual(roots.mapped("from_user_id"), self.clerk)
        self.assertEqual(set(roots.mapped("state")), {"new"})
        self.assertEqual(to_alice.note, "Please handle")
        self.assertEqual(to_alice.deadline, date(2026, 3, 8))
        self.assertEqual(to_alice.deadline_jalali, "1404/12/17")
        self.assertEqual(letter.state, "received", "an incoming letter is received when the secretariat refers it")
        self.assertLessEqual(self.alice | self.manager | self.clerk, letter.party_user_ids)
        self.assertIn("Referred to", letter.message_ids[0].body)

        # Alice refers hers further to Bob and Carol: two children under her referral.
        children = self._refer(letter, self.alice, recipients=self.bob | self.carol, parent=to_alice.sudo(),
                               requested_action="comment", note="Your opinion?")
        self.assertEqual(children.mapped("parent_id"), to_alice)
        self.assertEqual(children.mapped("from_user_id"), self.alice)
        self.assertEqual(to_alice.state, "in_progress", "referring further starts on the referral")
        self.assertEqual(to_alice.child_ids, children)
        self.assertTrue(all(child.parent_path.startswith(to_alice.parent_path) for child in children))
        # Bob refers his further again: three levels.
        to_bob = children.filtered(lambda r: r.to_user_id == self.bob)
        grandchild = self._refer(letter, self.bob, recipients=self.manager, parent=to_bob.sudo())
        self.assertEqual(grandchild.depth, 2)
        self.assertTrue(grandchild.tree_label.startswith("\u00a0" * 8 + "└ Bob → Manager"))
        self.assertEqual(to_alice.depth, 0)
        self.assertEqual(to_alice.tree_label, "Clerk → Alice")

        # The letter shows the tree in order: each referral followed by the ones it led to.
        in_tree_order = letter.referral_ids.sorted("parent_path")
        self.assertEqual(len(in_tree_order), 5)
        self.assertEqual(letter.referral_count, 5)
        position = {referral: index for index, referral in enumerate(in_tree_order)}
        for referral in in_tree_order.filtered("parent_id"):
            self.assertGreater(position[referral], position[referral.parent_id])
        self.assertEqual(in_tree_order[position[to_alice] + 1].parent_id, to_alice)
        self.assertEqual(in_tree_order[position[to_bob] + 1], grandchild.sudo())

    @freeze_time(TODAY)
    def test_referees_read_a_classified_letter(self):
        letter = self._incoming_letter(classification="secret")
        self.assertEqual(self.bob.office_clearance_level, 0)
        self.assertFalse(self.env["office.letter"].with_user(self.bob).search([("id", "=", letter.id)]))
        # Extending a classified letter to someone without the clearance is the administrator's decision.
        with self.assertRaisesRegex(AccessError, "not cleared for it"):
            self._refer(letter, self.clerk, recipients=self.bob)
        self.assertFalse(self.env["office.letter"].with_user(self.bob).search([("id", "=", letter.id)]))
        self._refer(letter, self.corr_admin, recipients=self.bob)
        # Once party to the letter, Bob may receive it again; he cannot extend it to uncleared Carol.
        self._refer(letter, self.clerk, recipients=self.bob)
        to_bob = letter.sudo().referral_ids.filtered(lambda referral: referral.to_user_id == self.bob)[:1]
        with self.assertRaisesRegex(AccessError, "not cleared for it"):
            self._refer(letter, self.bob, recipients=self.carol, parent=to_bob)
        cleared = create_office_user(self.env, "ref_cleared_carol", office_clearance="secret")
        self._refer(letter, self.bob, recipients=cleared, parent=to_bob)
        self.assertEqual(self.env["office.letter"].with_user(self.bob).search([("id", "=", letter.id)]), letter)
        self.assertEqual(letter.with_user(self.bob).subject, "Complaint about the sidewalk")

    @freeze_time(TODAY)
    def test_who_may_refer(self):
        letter = self._incoming_letter()
        # Not party to the letter nor a clerk of its secretariat.
        with self.assertRaisesRegex(AccessError, "party to letter"):
            self._refer(letter, self.carol, recipients=self.bob)
        to_alice = self._refer(letter, self.clerk, recipients=self.alice)
        # Only the recipient refers a referral further: not the referrer, not a third person.
        for intruder in (self.clerk, self.bob):
            with self.subTest(intruder=intruder.name), self.assertRaisesRegex(AccessError, "Only Alice"):
                self._refer(letter, intruder, recipients=self.carol, parent=to_alice.sudo())
        # Now Alice is party to the letter and may refer it anew too (a root referral).
        root = self._refer(letter, self.alice, recipients=self.carol)
        self.assertFalse(root.parent_id)
        # A done referral is not referred further.
        to_alice.with_user(self.alice).action_done("Handled by phone.")
        with self.assertRaisesRegex(UserError, "done"):
            self._refer(letter, self.alice, recipients=self.bob, parent=to_alice.sudo())
        # Only the recipient works on a referral.
        with self.assertRaisesRegex(AccessError, "Only Carol"):
            root.with_user(self.clerk).action_start()
        with self.assertRaisesRegex(AccessError, "Only Carol"):
            root.with_user(self.alice).action_done("Done by the referrer")
        self.assertEqual(root.state, "new")

    @freeze_time(TODAY)
    def test_bad_inputs_create_nothing(self):
        letter = self._incoming_letter()
        draft = self._incoming_letter(register=False, subject="Not registered yet")
        Referral = self.env["office.referral"].sudo()
        count = Referral.search_count([])
        cases = [
            ("past deadline", ValidationError, "already passed",
             dict(letter=letter, user=self.clerk, recipients=self.alice, deadline="2026-02-28")),
            ("no recipients", ValidationError, "at least one person",
             dict(letter=letter, user=self.clerk)),
            ("unregistered letter", UserError, "not registered yet",
             dict(letter=draft, user=self.clerk, recipients=self.alice)),
            ("unit without manager", ValidationError, "has no manager",
             dict(letter=letter, user=self.clerk, recipients=self.alice, departments=self.headless_unit)),
            ("user without correspondence", ValidationError, "not a user of the correspondence",
             dict(letter=letter, user=self.clerk, recipients=self.alice | self.outsider)),
            ("to oneself", ValidationError, "yourself",
             dict(letter=letter, user=self.clerk, recipients=self.clerk)),
        ]
        for name, error, message, kwargs in cases:
            with self.subTest(name), self.assertRaisesRegex(error, message):
                self._refer(**kwargs)
        self.assertEqual(Referral.search_count([]), count, "a refused referral leaves nothing behind")
        self.assertEqual(letter.state, "registered")
        self.assertEqual(draft.state, "draft")
        self.assertNotIn(self.alice, letter.party_user_ids)

    @freeze_time(TODAY)
    def test_referrals_are_not_created_or_edited_directly(self):
        letter = self._incoming_letter()
        with self.assertRaises(AccessError):
            self.env["office.referral"].with_user(self.clerk).create({
                "letter_id": letter.id, "from_user_id": self.clerk.id, "to_user_id": self.alice.id})
        referral = self._refer(letter, self.clerk, recipients=self.alice)
        for user, vals in [(self.clerk, {"note": "changed"}), (self.alice, {"deadline": "2026-04-01"}),
                           (self.alice, {"state": "done"}), (self.alice, {"to_user_id": self.bob.id})]:
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "not edited"):
                referral.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            referral.with_user(self.clerk).write({"result_note": "written by the referrer"})
        referral.with_user(self.alice).write({"result_note": "Called the citizen."})
        self.assertEqual(referral.result_note, "Called the citizen.")
        self.assertEqual(referral.note, "Please handle")
        with self.assertRaises(AccessError):
            referral.with_user(self.alice).unlink()

    # --------------------------------------------------------------- in-tray

    @freeze_time(TODAY)
    def test_intray_states_and_filters_per_user(self):
        letter = self._incoming_letter()
        first, second = self._refer(letter, self.clerk, recipients=self.alice, deadline="2026-03-02"), \
            self._refer(letter, self.clerk, recipients=self.alice, requested_action="reply")
        self._refer(letter, self.clerk, recipients=self.bob)
        self.assertEqual(self._intray(self.alice), first | second)
        self.assertEqual(self._intray(self.alice, [("state", "=", "new")]), first | second)
        self.assertEqual(len(self._intray(self.bob)), 1)
        self.assertFalse(self._intray(self.carol))
        self.assertFalse(self._intray(self.clerk), "the referrer's in-tray does not hold what they sent")

        # Opening a referral from the in-tray puts it in progress; only for its recipient.
        action = first.with_user(self.alice).action_open_intray()
        self.assertEqual((action["res_model"], action["res_id"]), ("office.referral", first.id))
        self.assertEqual(first.state, "in_progress")
        self.assertTrue(first.date_started)
        second.with_user(self.clerk).action_open_intray()
        self.assertEqual(second.state, "new", "the referrer looking at it does not start it")
        self.assertEqual(self._intray(self.alice, [("state", "=", "in_progress")]), first)

        # Done needs a result when a reply or a comment was asked for.
        with self.assertRaisesRegex(ValidationError, "Write the result"):
            second.with_user(self.alice).action_done()
        second.with_user(self.alice).action_done("Draft reply attached to the letter.")
        self.assertEqual(second.state, "done")
        self.assertEqual(second.result_note, "Draft reply attached to the letter.")
        self.assertIn(self.clerk.partner_id, second.message_ids[0].partner_ids, "the referrer hears it is done")
        with self.assertRaisesRegex(UserError, "already done"):
            second.with_user(self.alice).action_done("again")
        self.assertEqual(self._intray(self.alice, [("state", "=", "done")]), second)

        # The sent box: what the clerk referred.
        sent_action = self.env["ir.actions.actions"]._for_xml_id("office_automation.office_referral_sent_action")
        self.assertEqual(sent_action["domain"], "[('from_user_id', '=', uid)]")
        self.assertEqual(len(self.env["office.referral"].with_user(self.clerk).search(
            [("from_user_id", "=", self.clerk.id)])), 3)

        # Overdue: the day after first's deadline.
        with freeze_time("2026-03-03 08:00:00"):
            self.env.invalidate_all()
            self.assertEqual(self._intray(self.alice, [("is_overdue", "=", True)]), first)
            self.assertEqual(self._intray(self.alice, [("is_overdue", "=", False)]), second)
            self.assertTrue(first.is_overdue)
            self.assertFalse(second.is_overdue, "a done referral is never overdue")

    # --------------------------------------------------------------- overdue

    def test_overdue_referrer_is_notified_once(self):
        with freeze_time(TODAY):
            letter = self._incoming_letter()
            late = self._refer(letter, self.clerk, recipients=self.alice, deadline="2026-03-01")
            on_time = self._refer(letter, self.clerk, recipients=self.bob, deadline="2026-03-10")
            no_deadline = self._refer(letter, self.clerk, recipients=self.carol, deadline=False)
            done = self._refer(letter, self.clerk, recipients=self.manager, deadline="2026-03-01")
            done.with_user(self.manager).action_done("ok")
            Referral = self.env["office.referral"]
            self.assertFalse(Referral._cron_notify_overdue(), "a deadline of today is not overdue yet")
        with freeze_time("2026-03-02 08:00:00"):
            self.env.invalidate_all()
            self.assertTrue(late.is_overdue)
            self.assertFalse((on_time | no_deadline | done).filtered("is_overdue"))
            notified = Referral._cron_notify_overdue()
            self.assertEqual(notified, late.sudo())
            self.assertTrue(late.overdue_notified)
            activity = late.sudo().activity_ids
            self.assertEqual(activity.user_id, self.clerk)
            self.assertEqual(activity.summary, "Overdue referral")
            message = late.sudo().message_ids[0]
            self.assertIn("1404/12/10", message.body)
            self.assertIn(self.clerk.partner_id, message.partner_ids)
            self.assertTrue(self.env["mail.mail"].sudo().search([
                ("mail_message_id", "=", message.id), ("recipient_ids", "in", self.clerk.partner_id.id)]),
                "the referrer gets a mail")
            # The next day's run does not notify again.
            self.assertFalse(Referral._cron_notify_overdue())
            self.assertEqual(len(late.sudo().activity_ids), 1)
        with freeze_time("2026-03-12 08:00:00"):
            self.env.invalidate_all()
            self.assertEqual(Referral._cron_notify_overdue(), on_time.sudo())

    def test_one_failing_overdue_notice_does_not_undo_the_others(self):
        with freeze_time(TODAY):
            letter = self._incoming_letter()
            first = self._refer(letter, self.clerk, recipients=self.alice, deadline="2026-03-01").sudo()
            second = self._refer(letter, self.clerk, recipients=self.bob, deadline="2026-03-01").sudo()
        Referral = type(self.env["office.referral"])
        notify = Referral._notify_overdue

        def notify_but_fail_on_first(referral):
            if referral == first:
                raise UserError("The mail server is down")
            return notify(referral)

        with freeze_time("2026-03-02 08:00:00"), patch.object(Referral, "_notify_overdue", notify_but_fail_on_first), \
                mute_logger("odoo.addons.office_automation.models.office_referral"):
            self.env.invalidate_all()
            notified = self.env["office.referral"]._cron_notify_overdue()
        self.assertEqual(notified, second)
        self.assertEqual((first.overdue_notified, second.overdue_notified), (False, True))
        self.assertFalse(first.activity_ids)
        self.assertEqual(len(second.activity_ids), 1)
        # The cron is data the administrator may tune (its hour): an update of the addon keeps it.
        self.assertTrue(self.env["ir.model.data"].search([
            ("module", "=", "office_automation"), ("name", "=", "ir_cron_office_referral_overdue")]).noupdate)

    # --------------------------------------------------------------- confidentiality

    @freeze_time(TODAY)
    def test_record_rules_and_names_keep_a_classified_subject(self):
        secret = self._incoming_letter(classification="secret", subject="Secret subject")
        normal = self._incoming_letter(subject="Normal subject")
        secret_referral = self._refer(secret, self.corr_admin, recipients=self.alice)
        normal_referral = self._refer(normal, self.clerk, recipients=self.alice)
        Referral = self.env["office.referral"]
        # Carol is party to neither letter: she reads neither referral, nor its margin note (need-to-know).
        self.assertFalse(Referral.with_user(self.carol).search([("letter_id", "in", (secret | normal).ids)]))
        with self.assertRaises(AccessError):
            secret_referral.with_user(self.carol).read(["note"])
        self.assertFalse(Referral.with_user(self.carol).search([("letter_id.subject", "ilike", "Secret")]))
        # Clearance alone is not a need to know; the administrator cleared for «سری» sees them, the referee
        # and referrer too.
        cleared = create_office_user(self.env, "ref_cleared", office_clearance="secret")
        self.assertFalse(Referral.with_user(cleared).search([("letter_id", "=", secret.id)]))
        self.assertEqual(Referral.with_user(self.corr_admin).search([("letter_id", "=", secret.id)]), secret_referral)
        self.assertEqual(Referral.with_user(self.alice).search([("letter_id", "=", secret.id)]), secret_referral)
        # Names of referrals never carry a classified subject.
        self.assertNotIn("Secret subject", secret_referral.with_user(self.alice).display_name)
        self.assertIn(secret.number, secret_referral.with_user(self.alice).display_name)
        self.assertIn("Normal subject", normal_referral.with_user(self.alice).display_name)
        for message in secret.message_ids | secret_referral.sudo().message_ids:
            self.assertNotIn("Secret subject", message.body or "")
        self.assertNotIn("Secret subject", str(secret_referral.with_user(self.alice).read()[0]))

    @freeze_time(TODAY)
    def test_wizard_defaults_and_buttons(self):
        letter = self._incoming_letter()
        action = letter.with_user(self.clerk).action_refer()
        wizard = self.env["office.referral.wizard"].with_user(self.clerk).with_context(action["context"]).create({
            "user_ids": [Command.link(self.alice.id)]})
        self.assertEqual(wizard.letter_id, letter)
        self.assertEqual(wizard.deadline, date(2026, 3, 1) + timedelta(days=7))
        wizard.action_refer()
        referral = letter.referral_ids.with_user(self.alice)
        further = referral.action_refer_further()
        self.assertEqual(further["context"], {"default_letter_id": letter.id, "default_parent_id": referral.id})
        tree = letter.action_view_referral_tree()
        self.assertEqual(tree["domain"], [("letter_id", "=", letter.id)])
        self.assertIn("hierarchy", tree["view_mode"])
        choosable = self.env["res.users"].with_user(self.clerk).search(wizard.with_user(self.clerk)._domain_user_ids())
        self.assertIn(self.alice, choosable)
        self.assertNotIn(self.outsider, choosable)
        self.assertNotIn(self.clerk, choosable)
