"""What every test of a printed (QWeb PDF) report of the suite needs.

wkhtmltopdf fetches a report's stylesheet and fonts from the running server,
so report tests are ``HttpCase``s: under a plain ``TransactionCase`` those
requests wait for the test's transaction and the test hangs. Debian's
unpatched wkhtmltopdf draws the Vazirmatn web font as outlines, so a PDF has
no text layer for ``pdftotext``: the tests check that wkhtmltopdf prints the
document, and read what it shows from the HTML it is given.
"""

import io
import re

from odoo.tests import HttpCase
from odoo.tools.pdf import PdfFileReader

#: Tags, and the right-to-left marks and zero-width spaces ``persian_text`` puts between words.
_MARKUP = re.compile(r"<[^>]+>|[\u200f\u200b]")


class PrintedReportCase(HttpCase):

    def report_text(self, report, records):
        """The text a reader sees on the report of ``records``, words separated by single spaces."""
        html = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)[0].decode()
        return " ".join(_MARKUP.sub(" ", html).split())

    def assert_prints(self, report, records, pages=None):
        """wkhtmltopdf turns the report of ``records`` into a PDF (of ``pages`` pages, if given);
        returns its number of pages. One document per call: Odoo refuses several in one run of the
        unpatched build."""
        pdf, report_format = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids)
        self.assertEqual(report_format, "pdf")
        count = len(PdfFileReader(io.BytesIO(pdf)).pages)
        if pages is None:
            self.assertGreaterEqual(count, 1)
        else:
            self.assertEqual(count, pages)
        return count
