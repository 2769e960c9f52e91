import re
from datetime import timedelta

import jdatetime

from odoo import fields, models

#: A Jalali year as Odoo's sequence patterns must see it: 13xx or 14xx (Odoo's own
#: patterns only know 19xx, 20xx and 21xx as four-digit years).
_YEAR = r"((13|14|19|20|21)\d{2}|(\d{2}(?=\D)))"


def _jalali_year_bounds(day):
    """The Gregorian first and last days of the Jalali year of ``day``, and that year."""
    year = jdatetime.date.fromgregorian(date=day).year
    start = jdatetime.date(year, 1, 1).togregorian()
    end = jdatetime.date(year + 1, 1, 1).togregorian() - timedelta(days=1)
    return start, end, year


def _jalali_month_bounds(day):
    """The Gregorian first and last days of the Jalali month of ``day``."""
    jday = jdatetime.date.fromgregorian(date=day)
    start = jdatetime.date(jday.year, jday.month, 1).togregorian()
    following = (jday.year + 1, 1) if jday.month == 12 else (jday.year, jday.month + 1)
    end = jdatetime.date(*following, 1).togregorian() - timedelta(days=1)
    return start, end


class AccountMove(models.Model):
    """Entries of a municipality number per Jalali year and month: ``REV/1405/00014``,
    ``MISC/1405/01/0001`` for an entry of 1 Farvardin 1405, not ``MISC/2026/03/…``.

    Odoo's sequence mixin deduces the reset period from the previous number and checks that a posted
    number matches its date; both are given the Jalali year and month here, for the companies on the
    municipal chart of accounts. Other companies of the database keep Odoo's Gregorian numbering.
    """

    _inherit = "account.move"

    _sequence_year_range_monthly_regex = (
        rf"^(?P<prefix1>.*?)(?P<year>((?<=\D)|(?<=^)){_YEAR})(?P<prefix2>\D)(?P<year_end>((?<=\D)|(?<=^)){_YEAR})"
        r"(?P<prefix3>\D)(?P<month>(0[1-9]|1[0-2]))(?P<prefix4>\D+?)(?P<seq>\d*)(?P<suffix>\D*?)$")
    _sequence_year_range_regex = (
        rf"^(?:(?P<prefix1>.*?)(?P<year>((?<=\D)|(?<=^)){_YEAR})(?P<prefix2>\D)"
        rf"(?P<year_end>((?<=\D)|(?<=^)){_YEAR})(?P<prefix3>\D+?))?(?P<seq>\d*)(?P<suffix>\D*?)$")
    _sequence_monthly_regex = (
        rf"^(?P<prefix1>.*?)(?P<year>((?<=\D)|(?<=^)){_YEAR})(?P<prefix2>\D*?)(?P<month>(0[1-9]|1[0-2]))"
        r"(?P<prefix3>\D+?)(?P<seq>\d*)(?P<suffix>\D*?)$")
    _sequence_yearly_regex = (
        r"^(?P<prefix1>.*?)(?P<year>((?<=\D)|(?<=^))((13|14|19|20|21)?\d{2}))(?P<prefix2>\D+?)"
        r"(?P<seq>\d*)(?P<suffix>\D*?)$")

    def _numbers_in_jalali(self):
        return self.company_id.chart_template == "ir_municipality"

    def _sequence_day(self):
        return fields.Date.to_date(self[self._sequence_date_field])

    def _get_starting_sequence(self):
        # EXTENDS account: the Gregorian year (and month) Odoo puts in the first number become Jalali
        starting = super()._get_starting_sequence()
        if not self._numbers_in_jalali():
            return starting
        day = self.date or self.invoice_date or fields.Date.context_today(self)  # the day Odoo numbered by
        jday = jdatetime.date.fromgregorian(date=day)
        monthly = re.match(rf"^(.*?/){day.year:04d}/{day.month:02d}/(0+)$", starting)
        if monthly:
            return f"{monthly.group(1)}{jday.year:04d}/{jday.month:02d}/{monthly.group(2)}"
        return re.sub(rf"/{day.year:04d}/", f"/{jday.year:04d}/", starting, count=1)

    def _get_sequence_date_range(self, reset):
        # EXTENDS account: the Jalali year and month, forcing the Jalali year number into the sequence
        if not self._numbers_in_jalali() or reset not in ("year", "month"):
            return super()._get_sequence_date_range(reset)
        day = self._sequence_day()
        start, end, year = _jalali_year_bounds(day)
        if reset == "year":
            return start, end, year, year
        return (*_jalali_month_bounds(day), year, year)

    def _sequence_matches_date(self):
        # EXTENDS account: the month of a number is the Jalali month of the entry
        if not self._numbers_in_jalali():
            return super()._sequence_matches_date()
        self.ensure_one()
        day, sequence = self._sequence_day(), self[self._sequence_field]
        if not sequence or not day:
            return True
        values = self._get_sequence_format_param(sequence)[1]
        reset = self._deduce_sequence_number_reset(sequence)
        if reset not in ("year", "month"):
            return super()._sequence_matches_date()
        jday = jdatetime.date.fromgregorian(date=day)
        year_match = not values["year"] or self._year_match(values["year"], jday.year)
        month_match = not values["month"] or values["month"] == jday.month
        return year_match and month_match

    def _get_next_sequence_format(self):
        # EXTENDS account: a new monthly number starts at the Jalali month, not the Gregorian one
        format_string, values = super()._get_next_sequence_format()
        if self._numbers_in_jalali() and values.get("month"):
            values["month"] = jdatetime.date.fromgregorian(date=self._sequence_day()).month
        return format_string, values

    def _compute_amount_total_words(self):
        """The invoice's total in Persian words («یک میلیون و دویست و پنجاه هزار ریال») when it is printed
        for a Persian reader, as the citizen's toll invoice says it."""
        super()._compute_amount_total_words()
        if (self.env.lang or "").startswith("fa"):
            for move in self:
                move.amount_total_words = move.currency_id.amount_to_text_fa(move.amount_total)
