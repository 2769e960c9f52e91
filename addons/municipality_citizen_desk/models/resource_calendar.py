import datetime

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools import jalali


class ResourceCalendar(models.Model):
    """The working-day engine of the citizen desk: deadlines count working days of a calendar (its
    attendances minus its leaves and the public holidays), in the calendar's time zone."""

    _inherit = "resource.calendar"

    citizen_desk_calendar = fields.Boolean(
        string="Citizen Desk Calendar",
        help="A working calendar of the citizen request desk (137): its supervisors maintain its holidays. "
             "The public holidays of every other calendar (those of HR) stay with the HR and Settings "
             "administrators.")

    def _citizen_desk_working_day_ends(self, first_start, last_start, days):
        """The working days of this calendar after the local day of ``first_start``, as a sorted list of
        ``(local date, end of the day's last work interval as naive UTC)``, long enough to hold ``days``
        working days after the local day of ``last_start`` (naive UTC datetimes).

        Working days are the attendances of the calendar minus its leaves and the public holidays
        (resource.calendar.leaves without resource, as hr_holidays records them), in the calendar's time
        zone. A day's deadline is the end of its last interval: with a split day (07:00–12:00 and
        13:00–16:00) it is 16:00, not noon.
        """
        self.ensure_one()
        calendar = self.sudo()
        tz = pytz.timezone(calendar.tz or jalali.IRAN_TZ)
        first_day = pytz.utc.localize(first_start).astimezone(tz).date() + datetime.timedelta(days=1)
        last_day = pytz.utc.localize(last_start).astimezone(tz).date()
        span = (last_day - first_day).days + 2 * days + 31
        for _attempt in range(6):
            start = tz.localize(datetime.datetime.combine(first_day, datetime.time.min))
            stop = tz.localize(datetime.datetime.combine(first_day + datetime.timedelta(days=span),
                                                         datetime.time.min))
            ends = {}
            for _start, end, _meta in calendar._work_intervals_batch(start, stop, compute_leaves=True)[False]:
                day = _start.astimezone(tz).date()
                end = end.astimezone(pytz.utc).replace(tzinfo=None)
                ends[day] = max(ends.get(day, end), end)
            working_days = sorted(ends.items())
            if sum(1 for day, _end in working_days if day > last_day) >= days:
                return working_days
            span *= 2
        raise UserError(self.env._(
            "The working calendar “%s” has no working day in the coming years: check its working hours.",
            calendar.display_name))

    def _citizen_desk_working_day_end(self, start, days):
        """The end (naive UTC) of the ``days``-th working day after the local day of ``start`` (naive UTC):
        the day of ``start`` itself does not count."""
        self.ensure_one()
        working_days = self._citizen_desk_working_day_ends(start, start, days)
        local_day = pytz.utc.localize(start).astimezone(pytz.timezone(self.sudo().tz or jalali.IRAN_TZ)).date()
        later = [end for day, end in working_days if day > local_day]
        return later[days - 1]

    def _citizen_desk_has_public_holidays(self, jalali_year):
        """Whether any public holiday (a leave without resource, of this calendar or of every calendar) falls
        in the Jalali year ``jalali_year``."""
        self.ensure_one()
        first, last = jalali.fiscal_year_bounds(jalali_year)
        return bool(self.env["resource.calendar.leaves"].sudo().search_count([
            ("resource_id", "=", False), ("calendar_id", "in", [False, self.id]),
            ("date_from", "<=", datetime.datetime.combine(last, datetime.time.max)),
            ("date_to", ">=", datetime.datetime.combine(first, datetime.time.min)),
        ], limit=1))
