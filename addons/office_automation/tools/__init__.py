"""Pure-Python helpers of office automation (no Odoo import; tested with pytest)."""
