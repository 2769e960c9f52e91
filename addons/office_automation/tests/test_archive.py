import base64
import io
import re
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo import fields, http, sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.office_archive_hold import ARCHIVE_LOCK_KEY
from .archive_common import ArchiveCase, ArchiveFixture
from .common import create_office_user


@tagged("post_install", "-at_install")
class TestArchivedLetterUploads(ArchiveFixture, HttpCase):
    """The chatter's upload route (``/mail/attachment/upload``) creates the file as superuser on any thread
    the user may post on: an archived letter is not one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_archive()

    def _upload(self, letter, **extra):
        with mute_logger("odoo.http"):
            return self.url_open("/mail/attachment/upload", data={
                "csrf_token": http.Request.csrf_token(self), "thread_id": letter.id,
                "thread_model": "office.letter", **extra}, files={"ufile": ("late.pdf", b"%PDF-1.4 late")})

    def test_the_chatter_upload_is_refused_on_an_archived_letter(self):
        letter = self._letter(self.plan_general)
        self.authenticate("arc_clerk", "arc_clerk")
        self.assertEqual(self._upload(letter).status_code, 200)  # a registered letter still takes files
        before = self.env["ir.attachment"].search_count([("res_model", "=", "office.letter"), ("res_id", "=", letter.id)])
        self.assertEqual(before, 1)
        letter.action_file_in_archive()
        for extra in ({}, {"is_pending": "true"}):
            with self.subTest(**extra):
                self.assertEqual(self._upload(letter, **extra).status_code, 404)
        self.assertEqual(self.env["ir.attachment"].search_count(
            [("res_model", "=", "office.letter"), ("res_id", "=", letter.id)]), 1)
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "late.pdf"),
                                                           ("res_model", "=", "mail.compose.message")]))


class TestFilePlan(ArchiveCase):

    def test_hierarchy_and_full_names(self):
        self.assertEqual(self.plan_general.complete_name, "Administrative / General")
        self.assertEqual(self.plan_general.complete_code, "TA-1")
        self.assertEqual(self.plan_general.display_name, "TA-1 Administrative / General")
        self.assertIn(str(self.plan_admin.id), self.plan_general.parent_path.split("/"))
        self.plan_admin.name = "Office"
        self.assertEqual(self.plan_general.complete_name, "Office / General")

    def test_the_municipal_file_plan_is_installed_in_persian(self):
        personnel = self.env.ref("office_automation.file_plan_hr_personnel")
        self.assertEqual(personnel.complete_name, "منابع انسانی / پرونده‌های پرسنلی")
        self.assertEqual(personnel.disposition, "permanent")
        complaints = self.env.ref("office_automation.file_plan_complaints_citizen")
        self.assertEqual((complaints.retention_years, complaints.disposition), (3, "destroy"))

    def test_negative_retention_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "zero or more years"):
            self.env["office.file.plan"].create({"code": "TN", "name": "Bad", "retention_years": -1})
        with self.assertRaisesRegex(ValidationError, "zero or more years"), self.env.cr.savepoint():
            self.plan_general.retention_years = -3
        self.env.invalidate_all()
        self.assertEqual(self.plan_general.retention_years, 1)

    def test_cycles_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "under itself or one of its own sub-classes"), \
                self.env.cr.savepoint():
            self.plan_admin.parent_id = self.plan_general
        with self.assertRaisesRegex(ValidationError, "under itself"), self.env.cr.savepoint():
            self.plan_admin.parent_id = self.plan_admin
        self.env.invalidate_all()
        self.assertFalse(self.plan_admin.parent_id)

    def test_a_class_with_letters_is_not_deleted(self):
        self._letter(self.plan_finance, register=False)
        with self.assertRaisesRegex(UserError, "has letters filed in it"):
            self.plan_finance.unlink()
        self.plan_council.unlink()
        self.assertFalse(self.plan_council.exists())

    def test_staff_read_the_plan_and_only_the_administrator_changes_it(self):
        self.assertEqual(self.plan_general.with_user(self.staff).complete_name, "Administrative / General")
        with self.assertRaises(AccessError):
            self.plan_general.with_user(self.clerk).retention_years = 30
        with self.assertRaises(AccessError):
            self.env["office.file.plan"].with_user(self.clerk).create({"code": "TX", "name": "Mine"})
        self.plan_general.with_user(self.admin).retention_years = 2
        self.assertEqual(self.plan_general.retention_years, 2)


class TestArchiving(ArchiveCase):

    def test_the_archive_day_is_the_municipality_s_not_the_clerk_s(self):
        """At 00:30 in Tehran on 1 Farvardin 1405 a clerk whose time zone is UTC (still 29 Esfand there)
        archives a letter on 1 Farvardin: the retention counts from the municipality's day."""
        self.clerk.tz = "UTC"
        letter = self._archived_letter(self.plan_general, day="2026-03-20 21:00:00")
        self.assertEqual(letter.archived_on_jalali, "1405/01/01")
        self.assertEqual(letter.retention_until_jalali, "1406/01/01")

    def test_action_archive_keeps_the_orm_meaning(self):
        """Filing in the archive is ``action_file_in_archive``: ``action_archive`` is the ORM's "set active to
        False", which the web client calls on any model (L-2)."""
        Letter = type(self.env["office.letter"])
        self.assertEqual(Letter.action_archive.__qualname__, "BaseModel.action_archive")
        self.assertTrue(callable(Letter.action_file_in_archive))

    def test_retention_counts_jalali_years_from_the_archive_day(self):
        letter = self._archived_letter(self.plan_general)  # archived on 1403/12/30, a leap day
        self.assertEqual(letter.state, "archived")
        self.assertEqual(letter.archived_on, fields.Date.to_date("2025-03-20"))
        self.assertEqual(letter.archived_on_jalali, "1403/12/30")
        self.assertEqual(letter.archived_by_id, self.clerk)
        # One year: 1404 is a common year, Esfand ends on the 29th.
        self.assertEqual(letter.retention_until, fields.Date.to_date("2026-03-20"))
        self.assertEqual(letter.retention_until_jalali, "1404/12/29")
        # The class's retention changes: the letter's follows (1408 is leap again).
        self.plan_general.retention_years = 5
        self.assertEqual(letter.retention_until_jalali, "1408/12/30")
        self.assertEqual(letter.retention_until, fields.Date.to_date("2030-03-20"))
        self.plan_general.disposition = "permanent"
        self.assertFalse(letter.retention_until)

    def test_retention_across_the_new_year(self):
        letter = self._archived_letter(self.plan_finance, day="2025-03-21 08:00:00")  # 1404/01/01
        self.assertEqual(letter.retention_until_jalali, "1414/01/01")
        self.assertEqual(letter.retention_until, fields.Date.to_date("2035-03-21"))

    def test_archive_requires_a_class(self):
        letter = self._letter()
        with self.assertRaisesRegex(UserError, "Choose the file plan class"):
            letter.action_file_in_archive()
        self.assertEqual(letter.state, "sent")
        self.assertFalse(letter.archived_on)

    def test_archive_refuses_drafts_outsiders_and_unused_classes(self):
        draft = self._letter(self.plan_general, register=False)
        with self.assertRaisesRegex(UserError, "only registered, sent or received letters"):
            draft.action_file_in_archive()
        letter = self._letter(self.plan_general)
        outsider = create_office_user(self.env, "arc_outsider",
                                      groups="office_automation.group_office_secretariat_clerk")
        with self.assertRaisesRegex(UserError, "Only the clerks of secretariat"):
            letter.with_user(outsider).action_file_in_archive()
        self.plan_general.active = False
        with self.assertRaisesRegex(UserError, "no longer in use"):
            letter.action_file_in_archive()
        self.assertEqual(letter.state, "sent")

    def test_wizard_files_a_registered_letter_in_a_class(self):
        letter = self._letter()
        action = letter.action_open_archive_wizard()
        wizard = self.env["office.letter.archive.wizard"].with_user(self.clerk).with_context(
            action["context"]).create({"file_plan_id": self.plan_finance.id})
        wizard.action_archive_letters()
        self.assertEqual((letter.state, letter.file_plan_id, letter.archive_previous_state),
                         ("archived", self.plan_finance, "sent"))
        # A registered letter still refuses a class written directly: archiving is the buttons' work.
        other = self._letter()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            other.write({"file_plan_id": self.plan_finance.id})

    def test_archived_letters_are_immutable(self):
        letter = self._letter(self.plan_general)
        Attachment = self.env["ir.attachment"].with_user(self.clerk)
        scan = Attachment.create({"name": "scan.pdf", "raw": b"%PDF-1.4 scan", "res_model": "office.letter",
                                  "res_id": letter.id})
        letter.action_file_in_archive()
        for user in (self.clerk, self.admin):
            with self.subTest(user=user.login):
                archived = letter.with_user(user)
                for values in ({"subject": "Changed"}, {"body": "<p>new</p>"}, {"file_plan_id": self.plan_finance.id},
                               {"priority": "urgent"}):
                    with self.assertRaisesRegex(UserError, "in the archive and can no longer be changed"):
                        archived.write(values)
                with self.assertRaisesRegex(UserError, "attachments can no longer be added"):
                    self.env["ir.attachment"].with_user(user).create({
                        "name": "late.pdf", "raw": b"late", "res_model": "office.letter", "res_id": letter.id})
                with self.assertRaisesRegex(UserError, "attachments can no longer be added"):
                    scan.with_user(user).write({"raw": b"forged"})
                with self.assertRaisesRegex(UserError, "attachments can no longer be added"):
                    scan.with_user(user).unlink()
        self.assertEqual(letter.subject, "Pavement repair")
        self.assertEqual(scan.raw, b"%PDF-1.4 scan")

    def test_archived_letters_take_no_message_nor_file_from_anyone(self):
        """The chatter's own paths create, link and delete files as superuser: they are refused too."""
        letter = self._letter(self.plan_general)
        scan = self.env["ir.attachment"].with_user(self.clerk).create({
            "name": "scan.pdf", "raw": b"%PDF-1.4 scan", "res_model": "office.letter", "res_id": letter.id})
        pending = self.env["ir.attachment"].create({
            "name": "late.pdf", "raw": b"late", "res_model": "mail.compose.message", "res_id": 0})
        letter.action_file_in_archive()
        for archived in (letter.with_user(self.clerk), letter.with_user(self.admin), letter.sudo()):
            with self.subTest(user=archived.env.user.login, su=archived.env.su):
                with self.assertRaisesRegex(UserError, "nothing can be posted or attached"):
                    archived.message_post(body="A note")
                with self.assertRaisesRegex(UserError, "nothing can be posted or attached"):
                    archived.message_post(body="Files", attachments=[("late.txt", b"late")])
                with self.assertRaisesRegex(UserError, "nothing can be posted or attached"):
                    archived.message_post(body="Files", attachment_ids=pending.ids)
        with self.assertRaisesRegex(UserError, "attachments can no longer be added"):
            self.env["ir.attachment"].sudo().create({
                "name": "late.pdf", "raw": b"late", "res_model": "office.letter", "res_id": letter.id})
        with self.assertRaisesRegex(UserError, "attachments can no longer be added"):
            pending.sudo().write({"res_model": "office.letter", "res_id": letter.id})
        with self.assertRaisesRegex(UserError, "attachments can no longer be added"):
            scan.sudo().unlink()
        self.assertEqual(pending.res_model, "mail.compose.message")
        self.assertEqual(self.env["ir.attachment"].search(
            [("res_model", "=", "office.letter"), ("res_id", "=", letter.id)]), scan)
        # What the chatter's routes check before they post or upload as superuser: no post access.
        self.assertIsNone(letter._mail_get_operation_for_mail_message_operation("create")[letter])

    def test_archive_fields_are_set_by_the_buttons_only(self):
        draft = self._letter(self.plan_general, register=False)
        for values in ({"archived_on": "2030-01-01"}, {"archive_previous_state": "sent"}):
            with self.assertRaisesRegex(UserError, "buttons"):
                draft.write(values)
        with self.assertRaisesRegex(UserError, "beginning of its workflow"):
            self._letter(register=False, archived_on="2030-01-01")
        self.assertFalse(draft.archived_on)

    def test_only_the_administrator_returns_a_letter_from_the_archive(self):
        letter = self._archived_letter(self.plan_general)
        with self.assertRaisesRegex(UserError, "Only the Correspondence Administrator returns"):
            letter.with_user(self.clerk).action_return_from_archive()
        self.assertEqual(letter.state, "archived")
        letter.with_user(self.admin).action_return_from_archive()
        self.assertEqual(letter.state, "sent")
        self.assertFalse(letter.archived_on)
        self.assertFalse(letter.retention_until)
        self.assertEqual(letter.number[-1], "ب")  # the number stays
        with self.assertRaisesRegex(UserError, "is not in the archive"):
            letter.with_user(self.admin).action_return_from_archive()


class TestDisposal(ArchiveCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.general = cls._archived_letter(cls.plan_general)
        cls.council = cls._archived_letter(cls.plan_council, subject="Council resolution")
        cls.reviewed = cls._archived_letter(cls.plan_admin, subject="Agreement")
        cls.finance = cls._archived_letter(cls.plan_finance, subject="Payment")
        cls.letters = cls.general | cls.council | cls.reviewed | cls.finance

    def _due(self, field="is_due_for_disposal"):
        return self.env["office.letter"].with_user(self.admin).search(
            [(field, "=", True), ("id", "in", self.letters.ids)])

    def _hold(self, **values):
        return self.env["office.archive.hold"].with_user(self.admin).create(dict(
            {"name": "Lawsuit 1405/12", "reason": "Court order"}, **values))

    def _disposal(self, letters=None):
        disposal = self.env["office.letter.disposal"].with_user(self.admin).create({"committee": "Ali Rezaei"})
        if letters is None:
            disposal.action_add_due_letters()
        else:
            disposal.letter_ids = letters
        return disposal

    def test_due_list_follows_retention_disposition_and_holds(self):
        with freeze_time("2026-03-19 10:00:00"):  # 1404/12/28: one day early
            self.env.invalidate_all()  # «due» depends on the day: computed again
            self.assertFalse(self._due())
            self.assertFalse(self.general.is_due_for_disposal)
        with freeze_time("2026-03-20 10:00:00"):  # 1404/12/29: the retention ends today
            self.assertEqual(self._due(), self.general)
            self.general.invalidate_recordset(["is_due_for_disposal"])
            self.assertTrue(self.general.is_due_for_disposal)
        with freeze_time("2040-01-01 10:00:00"):
            self.env.invalidate_all()
            # The council's letters are kept permanently; the administrative class is reviewed, not destroyed.
            self.assertEqual(self._due(), self.general | self.finance)
            self.assertEqual(self._due("is_due_for_review"), self.reviewed)
            self.assertFalse(self.council.retention_until)
            hold = self._hold(letter_ids=[(4, self.general.id)])
            self.assertEqual(self._due(), self.finance)
            self.assertTrue(self.general.is_held)
            self.assertFalse(self.general.is_due_for_disposal)
            # A hold on a class keeps its sub-classes' letters too.
            class_hold = self._hold(name="Audit", file_plan_ids=[(4, self.plan_admin.id)])
            self.assertEqual(self.env["office.letter"].search([("is_held", "=", True), ("id", "in", self.letters.ids)]),
                             self.general | self.council | self.reviewed)
            self.assertFalse(self._due("is_due_for_review"))
            hold.with_user(self.admin).action_release()
            class_hold.with_user(self.admin).action_release()
            self.assertEqual(self._due(), self.general | self.finance)
            not_held = self.env["office.letter"].search([("is_held", "=", False), ("id", "in", self.letters.ids)])
            self.assertEqual(not_held, self.letters)

    def test_approval_disposes_of_the_letters_and_keeps_their_numbers(self):
        Attachment = self.env["ir.attachment"]
        # A scan filed with the letter (the letter is archived already: only the archive's own code adds it).
        scan = Attachment.sudo().with_context(office_letter_disposal=True).create({
            "name": "scan.pdf", "raw": b"scan", "res_model": "office.letter", "res_id": self.general.id})
        number, subject, date = self.general.number, self.general.subject, self.general.date
        with freeze_time("2040-01-01 10:00:00"):
            disposal = self._disposal()
            self.assertEqual(disposal.letter_ids, self.general | self.finance)
            self.assertFalse(disposal.name)
            disposal.action_approve()
        self.assertEqual(disposal.state, "approved")
        self.assertEqual(disposal.name, "1418/001/امحا")  # 2040-01-01 is 1418/10/11
        self.assertEqual(disposal.approved_by_id, self.admin)
        self.assertEqual(set((self.general | self.finance).mapped("state")), {"disposed"})
        self.assertEqual(self.general.disposal_id, disposal)
        self.assertFalse(self.general.body)
        self.assertFalse(scan.exists())
        self.assertEqual((self.general.number, self.general.subject, self.general.date), (number, subject, date))
        self.assertEqual(self.council.state, "archived")
        with self.assertRaisesRegex(UserError, "in the archive and can no longer be changed"):
            self.general.with_user(self.admin).write({"subject": "Gone"})
        with self.assertRaisesRegex(UserError, "never returns"):
            self.general.with_user(self.admin).action_return_from_archive()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.general.with_user(self.admin).unlink()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            disposal.with_user(self.admin).write({"committee": "Someone else"})
        with self.assertRaisesRegex(ValidationError, "already disposed of"), self.env.cr.savepoint():
            self._hold(letter_ids=[(4, self.general.id)])
        with freeze_time("2040-01-02 10:00:00"), self.assertRaisesRegex(UserError, "already disposed of by"):
            self._disposal(self.general).action_approve()

    def test_only_the_administrator_approves(self):
        with freeze_time("2040-01-01 10:00:00"):
            disposal = self._disposal()
            hold = self._hold(letter_ids=[(4, self.finance.id)])
            for user in (self.clerk, self.staff):
                with self.subTest(user=user.login):
                    with self.assertRaisesRegex(UserError, "Only the Correspondence Administrator"):
                        disposal.with_user(user).action_approve()
                    with self.assertRaises(AccessError):
                        disposal.with_user(user).read(["state"])
                    with self.assertRaises(AccessError):
                        self.env["office.letter.disposal"].with_user(user).create({})
                    with self.assertRaises(AccessError):
                        self.env["office.archive.hold"].with_user(user).create(
                            {"name": "Mine", "reason": "Mine", "letter_ids": [(4, self.general.id)]})
                    with self.assertRaisesRegex(UserError, "Only the Correspondence Administrator releases"):
                        hold.with_user(user).action_release()
            # Not even the administrator sets the workflow fields by hand.
            for values in ({"state": "approved"}, {"name": "1418/999/امحا"}, {"approved_by_id": self.admin.id}):
                with self.assertRaisesRegex(UserError, "buttons"):
                    disposal.with_user(self.admin).write(values)
            with self.assertRaisesRegex(UserError, "beginning of its workflow"):
                self.env["office.letter.disposal"].with_user(self.admin).create({"state": "approved"})
            with self.assertRaisesRegex(UserError, "buttons"):
                hold.with_user(self.admin).write({"state": "released"})
        self.assertEqual((disposal.state, hold.state), ("draft", "active"))
        self.assertEqual(self.general.state, "archived")

    def test_a_held_letter_is_never_disposed_of(self):
        with freeze_time("2040-01-01 10:00:00"):
            disposal = self._disposal()
            self._hold(name="Bahar cooperative lawsuit", file_plan_ids=[(4, self.plan_admin.id)])
            with self.assertRaisesRegex(UserError, r"is on hold \(Bahar cooperative lawsuit\)"):
                disposal.action_approve()
            self.assertEqual(disposal.state, "draft")
            self.assertFalse(disposal.name)
            self.assertEqual(self.general.state, "archived")
            self.assertTrue(self.general.body)
            # Without the held letter the minutes pass, and no number was used up by the refusal.
            disposal.letter_ids = [(3, self.general.id)]
            disposal.action_approve()
            self.assertEqual(disposal.name, "1418/001/امحا")

    def _archive_lock_is_free(self):
        """Whether another transaction could take the company's archive lock right now."""
        with sql_db.db_connect(self.env.cr.dbname).cursor() as other_cr:
            other_cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [ARCHIVE_LOCK_KEY, self.env.company.id])
            return other_cr.fetchone()[0]

    def test_placing_a_hold_and_approving_a_disposal_wait_for_each_other(self):
        self.assertTrue(self._archive_lock_is_free())
        self._hold(letter_ids=[(4, self.council.id)])
        # Until this transaction ends, an approval in another one waits (and then sees the hold).
        self.assertFalse(self._archive_lock_is_free())

    def test_an_approval_takes_the_archive_lock(self):
        with freeze_time("2040-01-01 10:00:00"):
            disposal = self._disposal(self.general)
            self.assertTrue(self._archive_lock_is_free())
            disposal.action_approve()
            self.assertFalse(self._archive_lock_is_free())

    def test_a_hold_committed_by_another_transaction_is_seen_at_approval(self):
        with freeze_time("2040-01-01 10:00:00"):
            disposal = self._disposal(self.general)
            Hold = type(self.env["office.archive.hold"])
            # What another transaction committed while this one waited on the lock (its snapshot predates it).
            with patch.object(Hold, "_committed_holds_keeping",
                              lambda hold_model, letters: (letters & self.general, ["Audit committed meanwhile"])):
                with self.assertRaisesRegex(UserError, r"on hold \(Audit committed meanwhile\)"):
                    disposal.action_approve()
            self.assertEqual(self.general.state, "archived")
            # …and the committed holds are read on a fresh snapshot: none here.
            self.assertEqual(self.env["office.archive.hold"]._committed_holds_keeping(self.general),
                             (self.env["office.letter"], []))

    def test_each_company_numbers_its_own_minutes(self):
        Sequence = self.env["ir.sequence"].sudo()
        main = Sequence.search([("code", "=", "office.letter.disposal"), ("company_id", "=", self.env.company.id)])
        self.assertEqual(len(main), 1)
        self.assertFalse(Sequence.search([("code", "=", "office.letter.disposal"), ("company_id", "=", False)]))
        other = self.env["res.company"].create({"name": "Another municipality"})
        with freeze_time("2040-01-01 10:00:00"):
            self._disposal(self.general).action_approve()
            self.assertEqual(Sequence.with_company(other).next_by_code("office.letter.disposal"), "1418/001/امحا")

    def test_letters_not_due_are_refused(self):
        with freeze_time("2040-01-01 10:00:00"):
            for letter, reason in ((self.council, "does not destroy its letters"),
                                   (self.reviewed, "does not destroy its letters")):
                with self.subTest(letter=letter.subject), self.assertRaisesRegex(UserError, reason):
                    self._disposal(letter).action_approve()
        with freeze_time("2026-03-01 10:00:00"), self.assertRaisesRegex(UserError, "retention ends on 1404/12/29"):
            self._disposal(self.general).action_approve()
        with self.assertRaisesRegex(UserError, "Add the letters"):
            self._disposal(self.env["office.letter"]).action_approve()
        self.assertEqual(set(self.letters.mapped("state")), {"archived"})

    def test_holds_need_a_letter_or_class_and_stay_as_released(self):
        with self.assertRaisesRegex(ValidationError, "names no letter and no class"), self.env.cr.savepoint():
            self._hold()
        hold = self._hold(letter_ids=[(4, self.general.id)])
        hold.with_user(self.admin).action_release()
        self.assertEqual((hold.state, hold.released_by_id), ("released", self.admin))
        with self.assertRaisesRegex(UserError, "released hold"):
            hold.with_user(self.admin).write({"reason": "Other"})
        with self.assertRaisesRegex(UserError, "already released"):
            hold.with_user(self.admin).action_release()
        with self.assertRaisesRegex(UserError, "buttons"):
            self._hold(letter_ids=[(4, self.finance.id)]).write({"state": "released"})

    def test_xlsx_is_right_to_left_with_jalali_dates(self):
        self.finance.sudo().classification = "secret"
        self.admin.sudo().office_clearance = "top_secret"  # who disposes of a letter must be cleared to read it
        with freeze_time("2040-01-01 10:00:00"):
            disposal = self._disposal(self.general | self.finance)
            disposal.action_approve()
            action = disposal.action_export_xlsx()
        self.assertIn("field=xlsx_file", action["url"])
        # The approved minutes are not written by a download (L-10): the file is on a transient record.
        self.assertIn("model=municipality.xlsx.export", action["url"])
        disposal.invalidate_recordset(["xlsx_file"])
        self.assertFalse(disposal.xlsx_file)
        export_id = int(re.search(r"[?&]id=(\d+)", action["url"]).group(1))
        export = self.env["municipality.xlsx.export"].browse(export_id)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.xlsx_file)))
        sheet = book.worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(rows[0][0], "Disposal Minutes of Archived Letters")
        self.assertIn("1418/001/امحا", rows[1][0])
        self.assertIn("1418/10/11", rows[1][0])
        data = [row for row in rows if row and isinstance(row[0], int)]
        self.assertEqual([row[1] for row in data], [self.general.number, self.finance.number])
        self.assertEqual(data[0][2], "1403/12/30")   # registered
        self.assertEqual(data[0][4], "Pavement repair")
        self.assertEqual(list(data[0][6:]), ["1403/12/30", "1404/12/29"])
        self.assertEqual(data[1][4], "Secret")  # a classified subject stays out of the minutes
