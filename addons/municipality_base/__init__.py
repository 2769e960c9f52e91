from . import models


def post_init_hook(env):
    env["mail.thread"]._forget_installed_records_creation()
