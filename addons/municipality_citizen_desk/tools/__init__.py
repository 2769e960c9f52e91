"""Pure-Python helpers of the citizen request desk (no Odoo import; tested with pytest)."""
