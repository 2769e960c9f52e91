from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.municipality_base.tests.common import PrintedReportCase
from odoo.addons.municipality_base.tools.digits import to_persian_digits

from .archive_common import ArchiveFixture

REPORT = "office_automation.action_report_letter_disposal"


@tagged("post_install", "-at_install")
class TestDisposalMinutesReport(ArchiveFixture, PrintedReportCase):
    """The printed disposal minutes: Persian digits, Jalali dates, no classified subject."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_archive()
        cls.general = cls._archived_letter(cls.plan_general, subject="تعمیر آسفالت خیابان بهار")
        cls.secret = cls._archived_letter(cls.plan_general, subject="Secret matter", classification="secret")
        cls.admin.sudo().office_clearance = "top_secret"
        with freeze_time("2040-01-01 10:00:00"):
            cls.disposal = cls.env["office.letter.disposal"].with_user(cls.admin).create(
                {"committee": "علی رضایی\nمریم احمدی"})
            cls.disposal.action_add_due_letters()
            cls.disposal.action_approve()

    def test_minutes_show_numbers_jalali_dates_and_hide_classified_subjects(self):
        self.assertEqual(self.disposal.letter_ids, self.general | self.secret)
        text = self.report_text(REPORT, self.disposal)
        self.assertIn("Disposal Minutes of Archived Letters", text)
        self.assertIn("۱۴۱۸/۰۰۱/امحا", text)
        self.assertIn("۱۱ دی ۱۴۱۸", text)  # date of the minutes
        self.assertIn("۱۴۰۳/۱۲/۳۰", text)  # registered and archived
        self.assertIn("۱۴۰۴/۱۲/۲۹", text)  # retention ended
        self.assertIn("تعمیر آسفالت خیابان بهار", text)
        self.assertIn("علی رضایی", text)
        self.assertIn(self.admin.name, text)
        self.assertIn(to_persian_digits(self.secret.number), text)
        self.assertNotIn("Secret matter", text)

    def test_minutes_print_as_pdf(self):
        self.assert_prints(REPORT, self.disposal)
