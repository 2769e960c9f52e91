from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.municipality_base.tools.jalali import format_jalali, month_bounds, to_jalali
from odoo.addons.municipality_base.tools.xlsx_table import Column, Table

from ..models.office_letter import LETTER_TYPES


class OfficeLetterRegisterReport(models.TransientModel):
    """The letter register (دفتر ثبت نامه‌ها) of a secretariat between two dates, in PDF or XLSX.

    Every number the secretariat gave in the period is listed, in order, so
    that the register shows it has no gaps. What a row says about the letter
    depends on the user who prints it: the letters they may read (their
    clearance, or party to the letter) show their subject and correspondents;
    the others show only their number, date, type and class.
    """

    _name = "office.letter.register.report"
    _description = "Letter Register"
    _inherit = ["municipality.xlsx.report.mixin"]

    secretariat_id = fields.Many2one(
        "office.secretariat", required=True,
        default=lambda self: self.env["office.letter"]._default_secretariat())
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_dates()[0])
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_dates()[1])
    letter_type = fields.Selection(LETTER_TYPES, string="Type", help="Empty: every type.")

    @api.model
    def _default_dates(self):
        """The current Jalali month, in the municipality's time (as the letters are dated)."""
        today = to_jalali(self._today_in_iran())
        return month_bounds(today.year, today.month)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._(
                    "The register starts on %(start)s, after its end %(end)s: swap the two dates.",
                    start=format_jalali(wizard.date_from), end=format_jalali(wizard.date_to)))

    def _get_report_data(self):
        """The rows of the register: one dict per registered letter, in number order.

        The letters are listed with their numbers as registered (superuser), but
        their content is read with the user's rights.
        """
        self.ensure_one()
        self._check_register_reader()
        domain = [("secretariat_id", "=", self.secretariat_id.id), ("number", "!=", False),
                  ("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        if self.letter_type:
            domain.append(("letter_type", "=", self.letter_type))
        order = "number_year, number_sequence, id"
        registered = self.env["office.letter"].sudo().search(domain, order=order)
        readable_ids = set(self.env["office.letter"]._search([("id", "in", registered.ids)]))
        fields_ = self.env["office.letter"]._fields
        type_labels = dict(fields_["letter_type"]._description_selection(self.env))
        class_labels = dict(fields_["classification"]._description_selection(self.env))
        priority_labels = dict(fields_["priority"]._description_selection(self.env))
        state_labels = dict(fields_["state"]._description_selection(self.env))
        rows = []
        for position, letter in enumerate(registered, start=1):
            row = {
                "position": position,
                "number": letter.number,
                "date": format_jalali(letter.date),
                "letter_type": type_labels[letter.letter_type],
                "classification": class_labels[letter.classification],
                "restricted": letter.id not in readable_ids,
            }
            if row["restricted"]:
                row.update(correspondent=None, sender_reference=None, subject=self.env._("Classified letter"),
                           priority=None, state=None)
            else:
                letter = letter.with_env(self.env)
                row.update(
                    correspondent=self._correspondent(letter),
                    sender_reference=" - ".join(filter(None, [
                        letter.sender_number, letter.sender_date and format_jalali(letter.sender_date)])) or None,
                    subject=letter.subject,
                    priority=priority_labels[letter.priority],
                    state=state_labels[letter.state],
                )
            rows.append(row)
        return {
            "secretariat": self.secretariat_id,
            "date_from": format_jalali(self.date_from),
            "date_to": format_jalali(self.date_to),
            "rows": rows,
        }

    def _check_register_reader(self):
        """The register lists every number of a secretariat: its clerks and the administrators read it."""
        secretariat = self.secretariat_id
        secretariat.check_access("read")
        user = self.env.user
        if not (self.env.su or user in secretariat.sudo().user_ids
                or user.has_group("office_automation.group_office_admin")):
            raise UserError(self.env._(
                "Only the clerks of secretariat %s and the correspondence administrators print its register.",
                secretariat.name))

    @api.model
    def _correspondent(self, letter):
        """Who sent an incoming letter, or to whom another letter goes."""
        if letter.letter_type == "incoming":
            names = [letter.sender_partner_id.display_name]
        else:
            names = (letter.recipient_partner_ids.mapped("display_name")
                     + letter.recipient_employee_ids.sudo().mapped("name")
                     + letter.recipient_department_ids.sudo().mapped("display_name"))
        return "، ".join(filter(None, names)) or None

    def _columns(self):
        """``(key of the row, column)`` for each column of the register."""
        _ = self.env._
        headers = [_("Row"), _("Number"), _("Date"), _("Type"), _("Sender or Recipients"),
                   _("Sender's Number and Date"), _("Subject"), _("Classification"), _("Priority"), _("Status")]
        layout = [("position", "integer", 6), ("number", "text", 16), ("date", "text", 12),
                  ("letter_type", "text", 10), ("correspondent", "text", 34), ("sender_reference", "text", 20),
                  ("subject", "text", 44), ("classification", "text", 14), ("priority", "text", 10),
                  ("state", "text", 12)]
        return [(key, Column(header, kind, width)) for header, (key, kind, width) in zip(headers, layout)]

    def _title(self):
        return self.env._("Letter register of %s", self.secretariat_id.name)

    def _subtitle(self, data):
        return self.env._("From %(start)s to %(end)s", start=data["date_from"], end=data["date_to"])

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("office_automation.action_report_office_letter_register").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        data = self._get_report_data()
        columns = self._columns()
        printed_on = format_jalali(self.secretariat_id._today_in_iran(), "%Y/%m/%d", persian_digits=True)
        table = Table(
            sheet_name=self.env._("Letter Register"),
            title=self._title(),
            columns=[column for _key, column in columns],
            rows=[[row[key] for key, _column in columns] for row in data["rows"]],
            subtitle_lines=[self._subtitle(data), self.env._("Printed on %s", printed_on)],
        )
        filename = "letter-register-%s-%s.xlsx" % (self.secretariat_id.code, self.date_from.isoformat())
        return self._xlsx_download([table], filename)
