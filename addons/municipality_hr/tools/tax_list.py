"""Rows of the monthly wage-tax list, by pay-type code (no Odoo import).

DOMAIN.md §6 says the wage-tax list goes to the tax portal with the tax
administration's pay-type code of every pay item; it does not describe the
portal's file. So this module gives the list's content as plain rows — one
per person and pay-type code, with the person's taxable wage and tax — a
summary per code, and CSV text with the columns named below (UTF-8; the
caller chooses the columns and their order). Mapping these rows onto the
portal's own import layout is a later step, once its format is documented.
"""

import csv
import io

try:
    from odoo.addons.municipality_base.tools.identifiers import is_valid_national_id
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.identifiers import is_valid_national_id

from .payroll import _amount

COLUMNS = ("year", "month", "national_id", "last_name", "first_name", "pay_type", "amount",
           "taxable_wage", "tax")


def tax_list_rows(year, month, people):
    """One row per person and pay-type code of the Jalali month ``year/month``.

    ``people``: dicts ``{"national_id", "first_name", "last_name",
    "lines": [{"code", "pay_type", "amount"}, …], "taxable", "tax"}`` where
    ``lines`` are the payslip's earnings (arrears included) with the pay
    item's pay-type code, ``taxable`` and ``tax`` the payslip's figures.
    Lines of one person with the same pay-type code are summed; a line
    without a pay-type code, an invalid national ID, a person listed twice or
    a negative amount raise ``ValueError``. The person's ``taxable_wage`` and
    ``tax`` are on their first row only, so that columns add up.
    """
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"Month {month!r} does not exist: a Jalali month is 1 to 12.")
    rows, seen = [], set()
    for person in people:
        national_id = person.get("national_id")
        name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip() or national_id
        if not is_valid_national_id(national_id):
            raise ValueError(f"Wage-tax list: {name!r} has no valid national ID ({national_id!r}).")
        if national_id in seen:
            raise ValueError(f"Wage-tax list: national ID {national_id} is listed twice.")
        seen.add(national_id)
        by_type = {}
        for line in person.get("lines") or ():
            amount = _amount(line.get("amount"), f"amount of {line.get('code')!r} for {name}")
            if not amount:
                continue
            pay_type = line.get("pay_type")
            if not pay_type:
                raise ValueError(f"Wage-tax list: pay item {line.get('code')!r} of {name} has no pay-type code "
                                 "of the tax administration.")
            by_type[str(pay_type)] = by_type.get(str(pay_type), 0) + amount
        taxable = _amount(person.get("taxable", 0), f"taxable wage of {name}")
        tax = _amount(person.get("tax", 0), f"tax of {name}")
        if not by_type and (taxable or tax):
            raise ValueError(f"Wage-tax list: {name} has a taxable wage or tax but no pay lines.")
        for index, (pay_type, amount) in enumerate(sorted(by_type.items())):
            rows.append({
                "year": year, "month": month, "national_id": national_id,
                "last_name": person.get("last_name") or "", "first_name": person.get("first_name") or "",
                "pay_type": pay_type, "amount": amount,
                "taxable_wage": taxable if index == 0 else 0, "tax": tax if index == 0 else 0,
            })
    return rows


def tax_list_summary(rows):
    """Totals of the list: ``{"by_pay_type": {code: amount}, "people", "taxable_wage", "tax"}``."""
    by_type = {}
    for row in rows:
        by_type[row["pay_type"]] = by_type.get(row["pay_type"], 0) + row["amount"]
    return {
        "by_pay_type": dict(sorted(by_type.items())),
        "people": len({row["national_id"] for row in rows}),
        "taxable_wage": sum(row["taxable_wage"] for row in rows),
        "tax": sum(row["tax"] for row in rows),
    }


def tax_list_csv(rows, columns=COLUMNS):
    """The rows as CSV text (header line first, ``\\r\\n`` line ends)."""
    unknown = [column for column in columns if column not in COLUMNS]
    if unknown:
        raise ValueError(f"Unknown column(s) {', '.join(unknown)}; the wage-tax list has {', '.join(COLUMNS)}.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[column] for column in columns])
    return out.getvalue()
