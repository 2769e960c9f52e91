"""Pure-Python helpers shared by every Shahr addon.

Nothing in this package imports Odoo, so each module can be used (and is
tested with pytest) on its own: the Jalali calendar, amounts in Persian words
and Iranian identifiers.
"""
