import io
from collections import OrderedDict

from odoo import models
from odoo.tools.arabic_reshaper import reshape
from odoo.tools.misc import file_path
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.municipality_base.tools.digits import to_persian_digits

from ..tools.printed_text import paragraph_direction, visual_order

LETTER_REPORT = "office_automation.report_office_letter"
_FONT_FILES = {
    "Vazirmatn": "municipality_base/static/fonts/vazirmatn/Vazirmatn-Regular.ttf",
    "Vazirmatn-Bold": "municipality_base/static/fonts/vazirmatn/Vazirmatn-Bold.ttf",
}
MM = 72 / 25.4


class IrActionsReport(models.Model):
    """The printed letter's marks on every page, with every wkhtmltopdf build.

    A letter prints its classification at the top and bottom of every page
    and "page n of N" at the bottom. wkhtmltopdf can only repeat such lines
    through its header and footer options (``--header-html``,
    ``--header-center`` with ``[page]``/``[topage]``), and Debian's unpatched
    build ignores all of them (it says so and prints nothing); it does not
    repeat table header or footer groups on every page either. So the letter
    is printed by wkhtmltopdf without them, in the page's margins left free
    (paper format ``paperformat_office_letter``), and the marks are then drawn
    on each page of the PDF, with the letterhead's footer, in Vazirmatn. Each
    letter is printed on its own, so that its pages are numbered from one
    (this also lets the unpatched build print several letters at once).
    """

    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        report = self._get_report(report_ref)
        if report.report_name != LETTER_REPORT or not res_ids:
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        streams = OrderedDict()
        letters = self.env["office.letter"].browse(list(OrderedDict.fromkeys(res_ids)))
        for letter in letters:
            stream = super()._render_qweb_pdf_prepare_streams(
                report_ref, dict(data or {}), res_ids=letter.ids)[letter.id]
            stream["stream"] = io.BytesIO(self._office_letter_stamp_pages(letter, stream["stream"].getvalue()))
            streams[letter.id] = stream
        return streams

    def _office_letter_page_marks(self, letter, pages):
        """The lines drawn on each page of ``letter``: ``(top, bottom_lines)`` per page, in reading order."""
        # In the language the letter's template is printed in: the context's.
        persian = (self.env.lang or "").startswith("fa")
        classification = ""
        if letter.classification != "normal":
            classification = dict(letter._fields["classification"]._description_selection(self.env))[
                letter.classification]
        footer = letter.secretariat_id.letterhead_footer or ""
        footer_lines = [line.strip() for line in footer.splitlines() if line.strip()][:2]
        marks = []
        for page in range(1, pages + 1):
            page_line = self.env._("Page %(page)s of %(pages)s", page=page, pages=pages)
            if persian:
                page_line = to_persian_digits(page_line)
            marks.append((classification, footer_lines, classification, page_line))
        return marks

    def _office_letter_stamp_pages(self, letter, pdf_content):
        """Draw the classification (top and bottom), the letterhead footer and the page number on every page."""
        from reportlab.lib import colors  # noqa: PLC0415
        from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
        from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415
        from reportlab.pdfgen import canvas  # noqa: PLC0415

        for font_name, path in _FONT_FILES.items():
            if font_name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(font_name, file_path(path)))

        document = PdfFileReader(io.BytesIO(pdf_content), strict=False, overwriteWarnings=False)
        pages = document.getNumPages()
        marks = self._office_letter_page_marks(letter, pages)
        packet = io.BytesIO()
        drawing = canvas.Canvas(packet)
        red = colors.Color(0.7, 0.05, 0.05)
        for index in range(pages):
            page = document.getPage(index)
            width = float(abs(page.mediaBox.getWidth()))
            height = float(abs(page.mediaBox.getHeight()))
            drawing.setPageSize((width, height))
            top, footer_lines, bottom, page_line = marks[index]
            if top:
                self._office_letter_draw_line(drawing, top, width / 2, height - 13 * MM, "Vazirmatn-Bold", 13, red)
            y = 26 * MM
            for line in footer_lines:
                self._office_letter_draw_line(drawing, line, width / 2, y, "Vazirmatn", 8, colors.grey)
                y -= 4 * MM
            if bottom:
                self._office_letter_draw_line(drawing, bottom, width / 2, 12 * MM, "Vazirmatn-Bold", 13, red)
            self._office_letter_draw_line(drawing, page_line, width / 2, 6 * MM, "Vazirmatn", 9, colors.black)
            drawing.showPage()
        drawing.save()

        marks_pdf = PdfFileReader(packet, overwriteWarnings=False)
        output = PdfFileWriter()
        for index in range(pages):
            page = document.getPage(index)
            page.mergePage(marks_pdf.getPage(index))
            output.addPage(page)
        result = io.BytesIO()
        output.write(result)
        return result.getvalue()

    def _office_letter_draw_line(self, drawing, text, x, y, font, size, color):
        """Draw one line centred on ``x``: shaped and in drawing order when it is right to left."""
        if paragraph_direction(text) == "rtl":
            text = visual_order(reshape(text))
        drawing.setFont(font, size)
        drawing.setFillColor(color)
        drawing.drawCentredString(x, y, text)
