"""Persian and Arabic-Indic digits to Latin: ``municipality_base``'s table, the single owner (re-exported here
for the modules of this addon that import it from ``.digits``)."""

try:
    from odoo.addons.municipality_base.tools.digits import normalize_digits
except ImportError:  # pytest imports each addon's tools on their own, without Odoo (see conftest.py)
    from municipality_base_tools.digits import normalize_digits

__all__ = ["normalize_digits"]
