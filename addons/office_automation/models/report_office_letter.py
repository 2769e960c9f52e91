from markupsafe import Markup

from odoo import api, models

from ..tools.printed_text import wrap_words_html


class ReportOfficeLetter(models.AbstractModel):
    """Values of the printed letter (``office_automation.report_office_letter``).

    The letters are read with the rights of the user who prints them: a
    classified letter the user may not read is refused, as on screen.
    """

    _name = "report.office_automation.report_office_letter"
    _description = "Printed Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        letters = self.env["office.letter"].browse(docids)
        letters.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "office.letter",
            "docs": letters,
            "letter_recipients": self._letter_recipients,
            "letter_signatures": self._letter_signatures,
            "letter_attachment_count": self._letter_attachment_count,
            "selection_label": self._selection_label,
            "printed_body": lambda letter: Markup(wrap_words_html(letter.body or "")),
        }

    @api.model
    def _selection_label(self, record, field_name):
        value = record[field_name]
        return dict(record._fields[field_name]._description_selection(self.env)).get(value, "") if value else ""

    @api.model
    def _letter_recipients(self, letter):
        """One line per recipient: partners, employees (with their job title) and units."""
        lines = [partner.display_name for partner in letter.recipient_partner_ids]
        for employee in letter.recipient_employee_ids.sudo():
            lines.append(" - ".join(filter(None, [employee.name, employee.job_title])))
        lines += [department.display_name for department in letter.recipient_department_ids.sudo()]
        return lines

    @api.model
    def _letter_signatures(self, letter):
        """The signatures given, in their order: name, job title, image and time of signing."""
        if "signature_ids" not in letter._fields:
            return []
        signatures = letter.signature_ids.filtered(lambda signature: signature.state == "signed").sorted(
            lambda signature: (signature.sequence, signature.id))
        result = []
        for signature in signatures:
            employee = signature.user_id.sudo().employee_id
            result.append({
                "name": signature.user_id.sudo().name,
                "job_title": employee.job_title or employee.job_id.name or "",
                "image": signature.signature_image,
                "signed_on": signature.signed_on,
            })
        return result

    @api.model
    def _letter_attachment_count(self, letter):
        if "attachment_count" in letter._fields:
            return letter.attachment_count
        return self.env["ir.attachment"].search_count(
            [("res_model", "=", "office.letter"), ("res_id", "=", letter.id)])
