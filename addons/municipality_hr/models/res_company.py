from odoo import api, models

#: Odoo's weekday numbers (resource.calendar.attendance.dayofweek) of Friday and Saturday.
FRIDAY, SATURDAY = "4", "5"


class ResCompany(models.Model):
    """A municipal company's default working hours are the Iranian week of its staff (Saturday to Thursday,
    44 hours, Friday off), not Odoo's Monday-to-Friday 40 hours: employees and versions created through HR
    take the company's default (resource.mixin), so leave durations, work entries and unpaid days count
    Saturday to Thursday."""

    _inherit = "res.company"

    def _prepare_resource_calendar_values(self):
        """A new company's own working hours: a copy of the shipped Iranian week."""
        week = self.env.ref("municipality_hr.resource_calendar_iranian_week", raise_if_not_found=False)
        if not week:
            return super()._prepare_resource_calendar_values()
        values = week.sudo().copy_data()[0]
        values.update(company_id=self.id, name=week.name)
        return values

    @api.model
    def _municipality_hr_adopt_iranian_week(self):
        """Give the shipped Iranian week to the companies whose default working hours are a Western week
        (work on Friday and none on Saturday, as Odoo's standard 40 hours): once, at install and upgrade.
        A company whose week the municipality has set itself keeps it; employees already created keep
        theirs."""
        week = self.env.ref("municipality_hr.resource_calendar_iranian_week", raise_if_not_found=False)
        if not week:
            return self.browse()
        companies = self.sudo().with_context(active_test=False).search([]).filtered(
            lambda company: company.resource_calendar_id
            and _is_western_week(company.resource_calendar_id))
        companies.resource_calendar_id = week
        return companies


def _is_western_week(calendar):
    days = set(calendar.attendance_ids.mapped("dayofweek"))
    return FRIDAY in days and SATURDAY not in days
