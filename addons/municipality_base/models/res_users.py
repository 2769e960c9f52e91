from odoo import api, fields, models

CALENDARS = [("jalali", "Jalali"), ("gregorian", "Gregorian")]
CALENDAR_DIGITS = [("latin", "Latin (1,250,000 - 1404/12/15)"), ("persian", "Persian (۱,۲۵۰,۰۰۰ - ۱۴۰۴/۱۲/۱۵)")]


def default_calendar(lang):
    """Jalali for a Persian user (``fa_IR``, ``fa``...), Gregorian for anyone else."""
    return "jalali" if (lang or "").startswith("fa") else "gregorian"


class ResUsers(models.Model):
    """The calendar a user reads and types dates in.

    Chosen in the user's preferences; when a user is created without one it
    follows the user's language (Jalali for Persian). Changing the language
    later does not change an explicit choice. The web client reads it from the
    session (``session_info['user_calendar']``); the server's Jalali group-by
    granularities work for every user whatever the preference.
    """

    _inherit = "res.users"

    calendar = fields.Selection(
        CALENDARS,
        string="Calendar",
        compute="_compute_calendar",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="Calendar in which dates are shown and typed: Jalali (1404/12/15) or Gregorian (2026-03-06).",
    )

    # Latin by default, Persian included: Latin digits are what other
    # software, spreadsheets and copy-paste expect, and the inputs accept
    # both anyway; Persian digits are a display choice of the user. Every
    # number of every screen follows it (static/src/scss/digits.scss), not
    # only dates.
    calendar_digits = fields.Selection(
        CALENDAR_DIGITS,
        string="Digits",
        default="latin",
        required=True,
        help="Digits in which every number is shown: dates, amounts, counters, group headers, the pager. "
             "What is copied or exported keeps its digits, and typing accepts Latin, Persian and Arabic-Indic "
             "digits either way.",
    )

    # No dependency on purpose: computed once, when the user (or the column)
    # is created, from the language, then only changed by the user.
    @api.depends()
    def _compute_calendar(self):
        for user in self:
            if not user.calendar:
                user.calendar = default_calendar(user.lang or self.env.lang)

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["calendar", "calendar_digits"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["calendar", "calendar_digits"]
