from odoo import models

from ..tools import jalali


class Base(models.AbstractModel):
    """Iranian time for every model: a Jalali day (and year) starts at midnight in Iran, not in UTC."""

    _inherit = "base"

    def _iranian_tz(self):
        """The time zone of the context, else the user's, else Tehran's (the context is read first: the web
        client always sends it, and the user's record need not be loaded)."""
        return jalali.iranian_tz(self.env.context.get("tz") or self.env.user.tz)

    def _today_in_iran(self):
        """Today's date where the user lives (Tehran when they chose no time zone): until 03:30 in Iran,
        UTC is still on the day before — and on 1 Farvardin, in the year before."""
        return jalali.today(self._iranian_tz())
