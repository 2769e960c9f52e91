"""Pure-Python helpers of the finance addon (no Odoo import; tested with pytest)."""
