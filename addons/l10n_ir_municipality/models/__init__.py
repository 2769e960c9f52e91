from . import template_ir_municipality
