import datetime
from collections import defaultdict

import pytz

from odoo import api, models
from odoo.tools.misc import format_date

from odoo.addons.municipality_base.tools import jalali


class HrLeave(models.Model):
    """Unpaid leave and absence (leave types marked *unpaid*) reduce the days a payslip pays; a Jalali user
    reads the leave's name (breadcrumbs, calendar, many2one fields) with Jalali dates."""

    _inherit = "hr.leave"

    @api.depends_context("uid")
    def _compute_display_name(self):
        """hr_holidays writes the first (and last) day in the name with ``format_date``, in the Gregorian
        calendar: for a user whose calendar is Jalali (``res.users.calendar``) they become Jalali dates
        (``1404/05/11``, in the user's digits)."""
        super()._compute_display_name()
        user = self.env.user
        if user.calendar != "jalali" or self.env.context.get("short_name"):
            return
        persian_digits = user.calendar_digits == "persian"
        for leave in self:
            if not leave.display_name or not leave.date_from:
                continue
            tz = pytz.timezone(leave.tz or jalali.IRAN_TZ)
            name = leave.display_name
            for value in (leave.date_from, leave.date_to):
                if not value:
                    continue
                day = pytz.utc.localize(value).astimezone(tz).date()
                gregorian = format_date(self.env, day)
                if gregorian:
                    name = name.replace(gregorian, jalali.format_jalali(day, persian_digits=persian_digits))
            leave.display_name = name

    @api.model
    def _municipality_unpaid_days(self, employees, date_from, date_to):
        """``{employee id: unpaid days}``: the validated unpaid leave of ``employees`` between the local days
        ``date_from`` and ``date_to`` (a Jalali month), rounded to whole days.

        A leave inside the period counts its own duration (working days of the employee's calendar without
        the public holidays, as hr_holidays counts it); a leave across the period's bounds counts only the
        part inside, the bounds taken at midnight in Tehran (or the calendar's time zone).
        """
        leaves = self.sudo().search([
            ("employee_id", "in", employees.ids), ("state", "=", "validate"),
            ("holiday_status_id.unpaid", "=", True),
            ("request_date_from", "<=", date_to), ("request_date_to", ">=", date_from)])
        days = defaultdict(float)
        for leave in leaves:
            if leave.request_date_from >= date_from and leave.request_date_to <= date_to:
                days[leave.employee_id.id] += leave.number_of_days
                continue
            calendar = leave.resource_calendar_id or leave.employee_id.resource_calendar_id
            tz = pytz.timezone(calendar.tz or jalali.IRAN_TZ)

            def utc(day):
                return tz.localize(datetime.datetime.combine(day, datetime.time.min)).astimezone(
                    pytz.utc).replace(tzinfo=None)

            start = max(leave.date_from, utc(date_from))
            stop = min(leave.date_to, utc(date_to + datetime.timedelta(days=1)))
            if start >= stop:
                continue
            part = leave.employee_id._get_work_days_data_batch(
                start, stop, compute_leaves=not leave.holiday_status_id.include_public_holidays_in_duration,
                domain=[("time_type", "=", "leave"), ("holiday_id", "=", False)],
                calendar=calendar)[leave.employee_id.id]
            days[leave.employee_id.id] += part["days"]
        return {employee_id: int(total + 0.5) for employee_id, total in days.items() if total > 0}
