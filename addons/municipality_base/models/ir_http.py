from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Give the web client the user's calendar as ``user_calendar``
        (``'jalali'`` or ``'gregorian'``), for its date fields and pickers, and the digits of its Jalali dates as
        ``user_calendar_digits`` (``'latin'`` or ``'persian'``)."""
        info = super().session_info()
        user = self.env.user
        info["user_calendar"] = (user.calendar or "gregorian") if info.get("uid") else "gregorian"
        info["user_calendar_digits"] = (
            (user.calendar_digits or "latin") if info.get("uid") else "latin"
        )
        return info
