from odoo import models

from .jalali_group import JALALI_OFFSET_PROPERTIES


class IrUiView(models.Model):
    _inherit = "ir.ui.view"

    def _check_field_paths(self, node, field_paths, model_name, use):
        """Accept the relative Jalali filter properties in view domains:
        ``('date.jalali_month_offset', '=', 0)`` is checked as ``date``."""
        checked = []
        for field_path in field_paths:
            head, _dot, last = field_path.rpartition(".")
            checked.append(head if head and last in JALALI_OFFSET_PROPERTIES else field_path)
        return super()._check_field_paths(node, checked, model_name, use)
