from odoo import models

from ..tools import jalali


class Base(models.AbstractModel):
    """Iranian time for every model: a Jalali day (and year) starts at midnight in the municipality, not in UTC
    nor wherever the user who happens to click lives."""

    _inherit = "base"

    def _municipality_company(self):
        """The company whose clock dates these records: the records' own company when they all have the
        same one, else the current company."""
        if self._name == "res.company" and len(self) == 1:
            return self
        company_field = self._fields.get("company_id")
        if self and company_field is not None and company_field.type == "many2one" \
                and company_field.comodel_name == "res.company":
            companies = self.sudo().company_id
            if len(companies) == 1:
                return companies
        return self.env.company

    def _iranian_tz(self):
        """The municipality's time zone (Asia/Tehran unless the company sets another one): a legal date —
        a letter's registration day and number year, a deadline — must not depend on the clerk's own
        time-zone preference, nor fall back to UTC."""
        return jalali.iranian_tz(self._municipality_company().sudo().municipality_tz)

    def _today_in_iran(self):
        """Today's date in the municipality (see ``_iranian_tz``): until 03:30 in Iran, UTC is still on the
        day before — and on 1 Farvardin, in the year before."""
        return jalali.today(self._iranian_tz())

    def _municipality_lang(self):
        """The language of the text stored on these records (a journal entry's label, a chatter message
        written by the system): the municipality's (its company's partner's language), whoever writes it,
        else the user's. A text stored in an English-speaking user's language stays English for everyone."""
        lang = self._municipality_company().sudo().partner_id.lang
        if lang and self.env["res.lang"]._get_data(code=lang).code:
            return lang
        return self.env.lang
