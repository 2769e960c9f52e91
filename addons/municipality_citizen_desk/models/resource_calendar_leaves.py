from odoo import api, models

#: Fields of a leave whose change can move a deadline.
DEADLINE_FIELDS = frozenset({"date_from", "date_to", "calendar_id", "resource_id", "time_type", "company_id"})


class ResourceCalendarLeaves(models.Model):
    """Public holidays (leaves without resource) added, moved or removed: the deadlines of the open citizen
    requests they fall into are counted again (a stored deadline does not depend on the holidays by itself)."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        self.env["office.citizen.request"]._recompute_deadlines_for_holidays(leaves._citizen_desk_spans())
        return leaves

    def write(self, vals):
        if not DEADLINE_FIELDS & set(vals):
            return super().write(vals)
        before = self._citizen_desk_spans()
        result = super().write(vals)
        self.env["office.citizen.request"]._recompute_deadlines_for_holidays(before + self._citizen_desk_spans())
        return result

    def unlink(self):
        spans = self._citizen_desk_spans()
        result = super().unlink()
        self.env["office.citizen.request"]._recompute_deadlines_for_holidays(spans)
        return result

    def _citizen_desk_spans(self):
        """``(date_from, date_to, calendar id or False)`` of the public holidays of ``self``."""
        return [(leave.date_from, leave.date_to, leave.calendar_id.id)
                for leave in self.sudo() if not leave.resource_id and leave.date_from and leave.date_to]
