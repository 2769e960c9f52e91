from odoo import api, models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Give the web client the user's calendar as ``user_calendar``
        (``'jalali'`` or ``'gregorian'``), for its date fields and pickers, and the user's digits as
        ``user_calendar_digits`` (``'latin'`` or ``'persian'``)."""
        info = super().session_info()
        user = self.env.user
        info["user_calendar"] = (user.calendar or "gregorian") if info.get("uid") else "gregorian"
        info["user_calendar_digits"] = (
            (user.calendar_digits or "latin") if info.get("uid") else "latin"
        )
        return info

    @api.model
    def _municipality_digits(self):
        """``'persian'`` or ``'latin'``: the digits every page shows this request's visitor (``<html
        data-digits>``, see ``static/src/scss/digits.scss``). A logged-in user's preference
        (``res.users.calendar_digits``); for a visitor who is not logged in, Persian on a Persian page (as the
        server writes its Jalali dates there), Latin otherwise."""
        user = self.env.user
        if user and not user._is_public():
            return user.calendar_digits or "latin"
        return "persian" if (self.env.lang or "").startswith("fa") else "latin"
