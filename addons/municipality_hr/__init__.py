from . import controllers
from . import models
from . import wizard


def post_init_hook(env):
    """The companies still on Odoo's Monday-to-Friday week work the Iranian week (Saturday to Thursday)."""
    env["res.company"]._municipality_hr_adopt_iranian_week()
