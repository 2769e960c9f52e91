#!/usr/bin/env python3
"""A month's payroll of EMPLOYEES employees (default 5,000): compute, approve, post.

Builds a fresh municipality (a company in Iran with the municipal chart,
fiscal year 1404 and an approved budget with one personnel line per
department), ten departments, EMPLOYEES employees (each a citizen with a
national ID, insured with social security) and one approved hiring decree
each (base salary, seniority, housing, grocery, and for a third of them
marriage and child allowances); a tenth of them enter overtime and night
hours for the month. Then times, for Ordibehesht 1404 (31 days):

* ``action_compute()`` of the payroll run (every payslip and its lines);
* ``action_compute()`` again (the idempotent recompute, inputs kept);
* ``action_approve()`` (the finance director);
* ``action_post()`` (one journal entry; the budget lines consumed).

The set-up is batched as an HR office would work: partners, employees
(created by an HR officer) and decrees each with one ``create``, and the
5,000 decrees approved with one ``action_approve`` (set-based in the addon);
it prints the time of each of its steps (a few minutes at 5,000, most of it
Odoo's own creation of employees).

Each step prints its time, its number of SQL queries and the peak resident
memory of the process (VmHWM, reset before each step where Linux allows it;
it includes Odoo's registry and caches). The target (issue 12) is under 60 s
for compute + approve + post at 5,000 employees, under 1 GB, on a 2-core
machine: the run is set-based (one grouped read of the decrees in force,
batched creates of payslips and lines, grouped reads for the entry, which
has one line per department and pay item). Everything runs in one
transaction that is rolled back: the database is left as it was. Needs a
database with municipality_hr installed:

    python3 benchmarks/bench_payroll.py [DATABASE] [EMPLOYEES]

Measured figures are in addons/municipality_hr/README.rst.
"""

import datetime
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import shahr_env  # noqa: E402
from shahr_env import peak_rss_mb, reset_peak_rss  # noqa: E402

DEPARTMENTS = 10





def national_id(serial):
    from odoo.addons.municipality_base.tools.identifiers import national_id_from_serial  # noqa: PLC0415
    return national_id_from_serial(81, serial)


def build(env, employees):
    phase = Phases()
    company = env["res.company"].create({"name": "Payroll Benchmark Municipality", "country_id": env.ref("base.ir").id})
    env["account.chart.template"].try_loading("ir_municipality", company, install_demo=False)
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    year = env["municipality.fiscal.year"].create({"jalali_year": 1404, "company_id": company.id})
    departments = env["hr.department"].create(
        [{"name": f"Department {index}", "company_id": company.id} for index in range(DEPARTMENTS)])
    accounts = env["account.account"].search([("company_ids", "in", company.id), ("code", "in", ("801001", "801002", "801003"))])
    budget = env["municipality.budget"].create({
        "name": "Budget 1404", "fiscal_year_id": year.id, "company_id": company.id,
        "resolution_number": "1403/1", "resolution_date": "2025-02-20",
        "line_ids": [(0, 0, {"code": f"2{index:04d}", "name": f"Personnel {department.name}",
                             "department_id": department.id, "account_ids": [(6, 0, accounts.ids)],
                             "amount_approved": 10 ** 13}) for index, department in enumerate(departments)]})
    budget.action_approve()
    sso = env.ref("municipality_hr.insurer_social_security")
    workshop = env["municipality.hr.workshop"].create(
        {"name": "Benchmark Workshop", "code": "1234567890", "insurer_id": sso.id, "company_id": company.id})
    phase("company, chart, budget")
    partners = env["res.partner"].create([{"name": f"Employee {index}", "national_id": national_id(index + 1),
                                           "company_id": company.id} for index in range(employees)])
    phase("partners")
    # created by an HR officer (as in life), in sudo: Odoo draws an SVG avatar and stores it with four resized
    # PNGs (five attachments) for each employee created by a user who may edit views, such as the superuser,
    # which is no part of the payroll
    officer = env["res.users"].create({
        "name": "Benchmark HR Officer", "login": f"bench_hr_{company.id}", "company_id": company.id,
        "company_ids": [(6, 0, company.ids)], "group_ids": [(6, 0, env.ref("municipality_hr.group_hr_officer").ids)]})
    staff = env["hr.employee"].with_user(officer).sudo().create([{
        "name": partner.name, "company_id": company.id, "work_contact_id": partner.id,
        "personnel_number": f"B{index:06d}", "department_id": departments[index % DEPARTMENTS].id,
        "insurer_id": sso.id, "workshop_id": workshop.id, "date_version": "2025-03-21",
    } for index, partner in enumerate(partners)]).with_env(env)
    phase("employees")
    items = {code: env.ref(f"municipality_hr.pay_item_{code.lower()}").id
             for code in ("BASE", "SENIORITY", "HOUSING", "GROCERY", "MARRIAGE", "CHILD")}
    decrees = env["municipality.hr.decree"].create([{
        "employee_id": employee.id, "company_id": company.id, "decree_type": "hiring",
        "issue_date": "2025-03-21", "execution_date": "2025-03-21", "department_id": employee.department_id.id,
        "marital": "married" if index % 3 == 0 else "single", "allowance_children": 2 if index % 3 == 0 else 0,
        "line_ids": [(0, 0, {"pay_item_id": items[code], "amount": amount}) for code, amount in (
            ("BASE", 103_909_680 + (index % 50) * 2_000_000), ("SENIORITY", 2_820_000), ("HOUSING", 9_000_000),
            ("GROCERY", 22_000_000))] + ([(0, 0, {"pay_item_id": items["MARRIAGE"], "amount": 5_000_000}),
                                          (0, 0, {"pay_item_id": items["CHILD"], "amount": 20_781_936})]
                                         if index % 3 == 0 else []),
    } for index, employee in enumerate(staff)])
    phase("decrees created")
    decrees.action_approve()
    env.flush_all()
    phase("decrees approved")
    env.flush_all()
    env.cr.precommit.run()  # the chart's deferred set-up of the new company, not to be timed with the first step
    return env, company, staff


class Phases:
    """Prints the time of each step of the set-up."""

    def __init__(self):
        self.start = time.perf_counter()

    def __call__(self, title):
        now = time.perf_counter()
        print(f"  set-up: {title:<24} {now - self.start:7.1f} s", flush=True)
        self.start = now


def timed(env, cr, title, action):
    env.flush_all()
    env.invalidate_all()
    reset = reset_peak_rss()
    queries, start = cr.sql_log_count, time.perf_counter()
    action()
    env.flush_all()
    elapsed, count = time.perf_counter() - start, cr.sql_log_count - queries
    print(f"{title:<28} {elapsed:7.1f} s {count:8,} queries   peak memory {peak_rss_mb():,.0f} MB"
          f"{'' if reset else ' (whole process)'}", flush=True)
    return elapsed, count


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SHAHR_DB", "shahr")
    employees = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    registry = shahr_env.open_registry(dbname)
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True,
                                                           "mail_notrack": True})
        if "municipality.payroll.run" not in env:
            shahr_env.fail(f"municipality_hr is not installed in the database {dbname}.")
        start = time.perf_counter()
        env, company, staff = build(env, employees)
        print(f"set-up: {employees:,} employees with approved decrees in {DEPARTMENTS} departments, budget 1404: "
              f"{time.perf_counter() - start:6.1f} s", flush=True)
        run = env["municipality.payroll.run"].create({"jalali_year": 1404, "jalali_month": "2", "company_id": company.id})
        total = 0
        elapsed, _count = timed(env, cr, "compute", run.action_compute)
        total += elapsed
        slips = run.payslip_ids
        inputs = slips[::10]
        inputs.write({"overtime_hours": 12, "night_hours": 6})
        env.flush_all()
        timed(env, cr, "recompute (inputs kept)", run.action_compute)
        elapsed, _count = timed(env, cr, "approve", run.action_approve)
        total += elapsed
        elapsed, _count = timed(env, cr, "post", run.action_post)
        total += elapsed
        move = run.move_id
        print(f"{len(run.payslip_ids):,} payslips, {len(run.payslip_ids.line_ids):,} lines; one entry of "
              f"{len(move.line_ids)} lines, balanced: {move.currency_id.is_zero(sum(move.line_ids.mapped('balance')))}; "
              f"net {run.net:,.0f} rials")
        print(f"compute + approve + post: {total:.1f} s (target under 60 s)")
        cr.rollback()


if __name__ == "__main__":
    main()
