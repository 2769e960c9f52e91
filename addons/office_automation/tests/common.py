from odoo.tests import new_test_user


def create_secretariat(env, code="T", pattern="{jyear}/{seq}/{code}", clerks=None, **values):
    """A secretariat of the current company, with ``clerks`` (users) registering in it."""
    return env["office.secretariat"].create(dict({
        "name": f"Secretariat {code}", "code": code, "number_pattern": pattern,
        "user_ids": [(6, 0, (clerks or env["res.users"]).ids)],
    }, **values))


def create_office_user(env, login, groups="office_automation.group_office_staff", **values):
    return new_test_user(env, login, groups=groups, **values)
