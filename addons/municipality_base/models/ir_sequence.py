import re
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import jalali

_JALALI_PLACEHOLDER = re.compile(r"%\((?:range_|current_)?j(?:year|y|month|day)\)s")
#: Odoo's own placeholders (``ir.sequence._get_prefix_suffix``), kept for Jalali sequences.
_GREGORIAN_FORMATS = {
    "year": "%Y", "month": "%m", "day": "%d", "y": "%y", "doy": "%j", "woy": "%W",
    "weekday": "%w", "h24": "%H", "h12": "%I", "min": "%M", "sec": "%S",
    "isoyear": "%G", "isoy": "%g", "isoweek": "%V",
}


def _jalali_values(value):
    jdate = jalali.to_jalali(value)
    return {
        "jyear": f"{jdate.year:04d}",
        "jy": f"{jdate.year % 100:02d}",
        "jmonth": f"{jdate.month:02d}",
        "jday": f"{jdate.day:02d}",
    }


class IrSequence(models.Model):
    """Sequences numbered per Jalali year.

    With ``date_range_calendar = 'jalali'`` a sequence that uses date ranges
    gets one range per Jalali year (1 Farvardin to the end of Esfand), created
    on demand, so its counter restarts every Jalali new year. Any sequence's
    prefix and suffix also accept ``%(jyear)s``, ``%(jy)s``, ``%(jmonth)s``
    and ``%(jday)s`` (and their ``range_`` and ``current_`` forms, as Odoo's
    Gregorian placeholders have).
    """

    _inherit = "ir.sequence"

    date_range_calendar = fields.Selection(
        [("gregorian", "Gregorian year"), ("jalali", "Jalali year")],
        string="Range Calendar", default="gregorian", required=True,
        help="With subsequences per date range: which year a new range covers. "
             "A Jalali range runs from 1 Farvardin to the last day of Esfand.")

    def _create_date_range_seq(self, date):
        if self.date_range_calendar != "jalali":
            return super()._create_date_range_seq(date)
        day = fields.Date.to_date(date)
        date_from, date_to = jalali.fiscal_year_bounds(jalali.to_jalali(day).year)
        # Like Odoo's Gregorian ranges, never overlap a range created by hand.
        DateRange = self.env["ir.sequence.date_range"]
        later = DateRange.search([("sequence_id", "=", self.id), ("date_from", ">=", day),
                                  ("date_from", "<=", date_to)], order="date_from", limit=1)
        if later:
            date_to = later.date_from - timedelta(days=1)
        earlier = DateRange.search([("sequence_id", "=", self.id), ("date_to", ">=", date_from),
                                    ("date_to", "<=", day)], order="date_to desc", limit=1)
        if earlier:
            date_from = earlier.date_to + timedelta(days=1)
        return DateRange.sudo().create({"date_from": date_from, "date_to": date_to, "sequence_id": self.id})

    @api.constrains("prefix", "suffix", "use_date_range", "date_range_calendar")
    def _check_jalali_placeholders_restart_with_jalali_ranges(self):
        """A Jalali year in the number with a counter that restarts on 1 January
        would give 1404/001 twice (in Farvardin and in Dey)."""
        for sequence in self:
            if (sequence.use_date_range and sequence.date_range_calendar != "jalali"
                    and sequence._uses_jalali_placeholders()):
                raise ValidationError(self.env._(
                    "Sequence “%s” puts a Jalali date in its numbers but restarts its counter every Gregorian "
                    "year, which would repeat numbers. Set its range calendar to Jalali year.", sequence.name))

    def _uses_jalali_placeholders(self):
        self.ensure_one()
        return bool(_JALALI_PLACEHOLDER.search(f"{self.prefix or ''}{self.suffix or ''}"))

    def _in_iranian_time(self):
        """``self`` in the municipality's time zone (its company's, Tehran by
        default): a Jalali day and year start at midnight in Iran, not in UTC
        nor in the time zone of the user who draws the number."""
        return self.with_context(tz=self._iranian_tz())

    def _next(self, sequence_date=None):
        # Odoo takes today's date in UTC; Nowruz comes three and a half hours earlier in Iran.
        if (self.use_date_range and self.date_range_calendar == "jalali"
                and not sequence_date and not self.env.context.get("ir_sequence_date")):
            sequence_date = fields.Date.context_today(self._in_iranian_time())
        return super()._next(sequence_date=sequence_date)

    @api.model
    def _next_for_company(self, code, company, sequence_date=None):
        """The next number of ``code`` from ``company``'s own counter: two municipalities on one database do not
        share one series of numbers. The addon's sequence (without company) is the template: a company's
        counter is copied from it on first use, its Jalali ranges and their counters included, so that a
        company that drew numbers from the shared counter does not draw them again."""
        Sequence = self.sudo()
        if not Sequence.search_count([("code", "=", code), ("company_id", "=", company.id)], limit=1):
            template = Sequence.search([("code", "=", code), ("company_id", "=", False)], limit=1)
            if template:
                # counters move in SQL, behind the cache's back
                self.invalidate_model(["number_next", "number_next_actual"])
                self.env["ir.sequence.date_range"].invalidate_model(["number_next", "number_next_actual"])
                # Touch the template: a concurrent first use then fails to serialize and is retried (and finds
                # the copy), instead of copying it a second time.
                self.env.cr.execute("UPDATE ir_sequence SET write_date = NOW() AT TIME ZONE 'UTC' WHERE id = %s",
                                    [template.id])
                counters = [(date_range.date_from, date_range.date_to, date_range.number_next_actual)
                            for date_range in template.date_range_ids]
                own = template.copy({"company_id": company.id, "name": f"{template.name} ({company.name})",
                                     "number_next_actual": template.number_next_actual})
                # through number_next_actual (its inverse sets the counter, in PostgreSQL for the standard
                # implementation): number_next given at creation is overwritten by it
                self.env["ir.sequence.date_range"].sudo().create([{
                    "sequence_id": own.id, "date_from": date_from, "date_to": date_to, "number_next_actual": next_number,
                } for date_from, date_to, next_number in counters])
        return Sequence.with_company(company).next_by_code(code, sequence_date=sequence_date)

    def _next_many_for_company(self, code, company, count, sequence_date=None):
        """``count`` numbers of ``code`` from ``company``'s counter, the ones ``_next_for_company`` would give
        one after the other, drawn at once: one query for the PostgreSQL sequence (or one update of a no-gap
        counter) instead of one draw per record of a batch."""
        if count <= 0:
            return []
        first = self._next_for_company(code, company, sequence_date=sequence_date)
        if not first:
            return [False] * count
        if count == 1:
            return [first]
        sequence = self.sudo().search([("code", "=", code), ("company_id", "in", [company.id, False])],
                                      order="company_id", limit=1)
        holder, formatter = sequence, sequence
        if sequence.use_date_range:
            day = sequence_date or self.env.context.get("ir_sequence_date")
            if not day:
                day = (fields.Date.context_today(sequence._in_iranian_time())
                       if sequence.date_range_calendar == "jalali" else fields.Date.today())
            day = day.date() if isinstance(day, datetime) else fields.Date.to_date(day)
            # the range the first number came from (the first draw created it if needed)
            holder = self.env["ir.sequence.date_range"].sudo().search([
                ("sequence_id", "=", sequence.id), ("date_from", "<=", day), ("date_to", ">=", day)], limit=1)
            formatter = sequence.with_context(ir_sequence_date_range=holder.date_from, ir_sequence_date=day)
        rest = count - 1
        if sequence.implementation == "standard":
            name = f"ir_sequence_{sequence.id:03d}" + (f"_{holder.id:03d}" if holder != sequence else "")
            self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [name, rest])
            numbers = sorted(row[0] for row in self.env.cr.fetchall())
        else:
            holder.flush_recordset(["number_next"])
            self.env.cr.execute(f"SELECT number_next FROM {holder._table} WHERE id = %s FOR UPDATE NOWAIT",
                                [holder.id])
            start = self.env.cr.fetchone()[0]
            self.env.cr.execute(f"UPDATE {holder._table} SET number_next = number_next + %s WHERE id = %s",
                                [sequence.number_increment * rest, holder.id])
            holder.invalidate_recordset(["number_next"])
            numbers = [start + sequence.number_increment * index for index in range(rest)]
        # Odoo's get_next_char, its prefix and suffix interpolated once for the batch rather than per number
        prefix, suffix = formatter._get_prefix_suffix()
        return [first] + [prefix + "%%0%sd" % sequence.padding % number + suffix for number in numbers]

    def _get_prefix_suffix(self, date=None, date_range=None):
        self.ensure_one()
        if not self._uses_jalali_placeholders():
            return super()._get_prefix_suffix(date=date, date_range=date_range)
        values = self._jalali_interpolation_values(date=date, date_range=date_range)
        try:
            prefix = self.prefix % values if self.prefix else ""
            suffix = self.suffix % values if self.suffix else ""
        except (ValueError, TypeError, KeyError):
            raise UserError(self.env._("Invalid prefix or suffix for sequence “%s”", self.name)) from None
        return prefix, suffix

    def _jalali_interpolation_values(self, date=None, date_range=None):
        """Odoo's Gregorian placeholders plus the Jalali ones, for the
        sequence's effective date, its range's start and now."""
        now = range_date = effective_date = datetime.now(self._in_iranian_time().env.tz)
        if date or self.env.context.get("ir_sequence_date"):
            effective_date = fields.Datetime.from_string(date or self.env.context.get("ir_sequence_date"))
        if date_range or self.env.context.get("ir_sequence_date_range"):
            range_date = fields.Datetime.from_string(date_range or self.env.context.get("ir_sequence_date_range"))
        values = {}
        for prefix, moment in (("", effective_date), ("range_", range_date), ("current_", now)):
            values.update({prefix + key: moment.strftime(fmt) for key, fmt in _GREGORIAN_FORMATS.items()})
            values.update({prefix + key: text for key, text in _jalali_values(moment).items()})
        return values
