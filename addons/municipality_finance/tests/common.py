"""Set-up shared by the finance tests (and the suite's scenarios)."""


def create_municipality(env, name):
    """A new company in Iran with the municipal chart of accounts (in rials),
    and an environment working in it: ``(company, env)``."""
    company = env["res.company"].create({"name": name, "country_id": env.ref("base.ir").id})
    env["account.chart.template"].try_loading("ir_municipality", company, install_demo=False)
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    return company.with_env(env), env
