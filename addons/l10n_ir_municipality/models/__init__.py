from . import template_ir_municipality
from . import account_move
