"""The monthly wage-tax list (no Odoo import).

Two forms of the same content:

* plain rows, one per person and pay-type code, with the person's taxable
  wage and tax, a summary per code and CSV text (``tax_list_rows``,
  ``tax_list_summary``, ``tax_list_csv``): our own layout, for checking;
* the personnel-pay file **WH** that the tax administration's wage-tax
  portal imports (``wh_rows``, ``wh_text``, ``wh_file_name``): one line per
  person, 39 comma-separated fields, ``\\r\\n`` line ends, no header, digits
  only (so the same bytes in ASCII, UTF-8 or Windows-1256).

The WH layout is the one of 1404, as two independent programs write it (one
cites the administration's guide "TaxFileHelp" 1.7.0.4, which was not found
itself); fields 1–35 as two more write the 1403 one. Sources, and what they
do not settle, in ``docs/domain.md`` (HR section). The file has no pay-type code table: the kind of a
payment is the *field* it is added to. So a pay item's ``tax_pay_type_code``
is the number of the WH field it feeds ("7" continuous cash pay, "17"
overtime, "23" year-end bonus…), and the rows above group by it. The file
carries no tax: the portal computes it. The workshop header WK and the
personnel file WP are not written here (see docs/domain.md).
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


# ---------------------------------------------------------------- the portal's WH file (layout of 1404)

#: The 39 fields of a WH line, in order: (number, Persian name). Fields 2–6, 9 and 11 are codes of the
#: administration's tables 8–13 (see WH_DEFAULTS); the others are amounts in rials.
WH_FIELDS = (
    (1, "کد ملی / کد فراگیر"),
    (2, "نوع پرداخت (جدول ۸)"),
    (3, "وضعیت محل خدمت (جدول ۹)"),
    (4, "استثنائات موضوع قانون بودجه (جدول ۱۰)"),
    (5, "نوع ارز (جدول ۱۳)"),
    (6, "نرخ تسعیر ارز"),
    (7, "جمع ناخالص حقوق و مزایای مستمر نقدی ماه جاری"),
    (8, "حقوق و مزایای مستمر نقدی معوق که مالیاتی برای آنها محاسبه نشده است"),
    (9, "مسکن: نحوه استفاده (جدول ۱۱)"),
    (10, "مبلغ کسر شده از حقوق کارمند بابت مسکن"),
    (11, "اتومبیل اختصاصی: نحوه استفاده (جدول ۱۲)"),
    (12, "مبلغ کسر شده از حقوق کارمند بابت اتومبیل اختصاصی"),
    (13, "قیمت تمام شده سایر مزایای مستمر غیرنقدی"),
    (14, "حقوق و مزایای مستمر غیرنقدی معوق که مالیاتی برای آنها محاسبه نشده است"),
    (15, "حق الزحمه، حق مشاوره، حق حضور، حق نظارت، حق التألیف، حق فنی، پاداش شورای حل اختلاف"),
    (16, "قراردادهای پژوهشی"),
    (17, "اضافه کاری"),
    (18, "هزینه سفر"),
    (19, "فوق العاده مسافرت (مأموریت)"),
    (20, "کارانه"),
    (21, "پاداش (به استثنای پاداش آخر سال، پایان خدمت و بهره وری)"),
    (22, "پاداش آخر سال"),
    (23, "عیدی سالانه"),
    (24, "پاداش پایان خدمت"),
    (25, "خسارت اخراج"),
    (26, "بازخرید خدمت"),
    (27, "حق سنوات"),
    (28, "حقوق ایام مرخصی استفاده نشده"),
    (29, "سایر حقوق و مزایای غیرمستمر نقدی ماه جاری"),
    (30, "حقوق و مزایای غیرمستمر نقدی معوق که مالیاتی برای آنها محاسبه نشده است"),
    (31, "قیمت تمام شده مزایای غیرمستمر غیرنقدی ماه جاری"),
    (32, "مزایای غیرمستمر غیرنقدی معوق که مالیاتی برای آنها محاسبه نشده است"),
    (33, "حق بیمه های درمان موضوع ماده ۱۳۷ ق.م.م"),
    (34, "حق بیمه های عمر و زندگی موضوع ماده ۱۳۷ ق.م.م"),
    (35, "خالص پرداختی به حقوق بگیر"),
    (36, "حق التدریس، حق التحقیق، حق پژوهش"),
    (37, "حق کشیک"),
    (38, "رفاهی، انگیزشی و بهره وری"),
    (39, "حق السعی (به استثنای مزد، حقوق و پاداش)"),
)

#: The fields an earning's pay-type code may name (amounts paid to the person). Not 10/12 (deductions),
#: 33/34 (insurance premiums) nor 35 (net pay), which the list fills itself or leaves at 0.
WH_EARNING_FIELDS = frozenset((7, 8, *range(13, 33), 36, 37, 38, 39))

#: The codes of the administration's tables that every source writes for an ordinary employee paid in
#: rials: payment type 1 (rial), service place 1 (ordinary), budget-law exception 1 (none), currency 84
#: (rial), exchange rate 1, housing 1 and company car 1 (not used). A workshop in a free zone or an
#: employee with a company house needs other codes: pass them in ``settings``.
WH_DEFAULTS = {"payment_type": "1", "service_place": "1", "budget_exception": "1", "currency": "84",
               "exchange_rate": "1", "housing": "1", "car": "1"}
_WH_CODE_FIELDS = {"payment_type": 2, "service_place": 3, "budget_exception": 4, "currency": 5,
                   "exchange_rate": 6, "housing": 9, "car": 11}


def wh_field(pay_type):
    """The WH field number a pay-type code names, or ``None`` if it names no earning field."""
    text = str(pay_type or "").strip()
    if not text.isdigit() or text != str(int(text)):
        return None
    number = int(text)
    return number if number in WH_EARNING_FIELDS else None


def wh_rows(year, month, people, settings=None):
    """The lines of the WH file of the Jalali month ``year/month``: lists of 39 strings.

    ``people`` as for ``tax_list_rows``, each with also ``insurance`` (the
    employee's share of the social-security premium, written to field 33 as
    the programs that write WH do) and ``net`` (the net pay, field 35).
    Every line's ``pay_type`` must be the number of a WH earning field
    (``WH_EARNING_FIELDS``), else ``ValueError`` naming the pay item; lines
    of a person with the same field are summed. ``settings`` overrides
    ``WH_DEFAULTS`` for everyone (a person's dict may carry its own
    ``settings`` too).
    """
    settings = {**WH_DEFAULTS, **(settings or {})}
    unknown = sorted(set(settings) - set(WH_DEFAULTS))
    if unknown:
        raise ValueError(f"Unknown WH setting(s) {', '.join(unknown)}; the settings are {', '.join(WH_DEFAULTS)}.")
    for person in people:
        name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip() or person.get("national_id")
        for line in person.get("lines") or ():
            if line.get("pay_type") and line.get("amount") and wh_field(line["pay_type"]) is None:
                raise ValueError(
                    f"Wage-tax list: the pay-type code {line['pay_type']!r} of pay item {line.get('code')!r} "
                    f"({name}) is not a field of the WH file; it must be one of "
                    f"{', '.join(str(number) for number in sorted(WH_EARNING_FIELDS))}.")
    rows = tax_list_rows(year, month, people)
    by_person = {}
    for row in rows:
        by_person.setdefault(row["national_id"], {})[wh_field(row["pay_type"])] = row["amount"]
    lines = []
    for person in people:
        national_id = person["national_id"]
        if national_id not in by_person:
            continue  # nothing paid this month: not on the list
        name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip() or national_id
        codes = {**settings, **(person.get("settings") or {})}
        fields = ["0"] * len(WH_FIELDS)
        fields[0] = national_id
        for key, number in _WH_CODE_FIELDS.items():
            value = str(codes.get(key, "")).strip()
            if not value.isdigit():
                raise ValueError(f"Wage-tax list: the WH code {key} of {name} must be digits, got {value!r}.")
            fields[number - 1] = value
        for number, amount in by_person[national_id].items():
            fields[number - 1] = str(amount)
        fields[32] = str(_amount(person.get("insurance", 0), f"insurance of {name}"))
        fields[34] = str(_amount(person.get("net", 0), f"net pay of {name}"))
        lines.append(fields)
    return lines


def wh_text(lines):
    """The WH file's text: the fields joined by commas, each line ended by ``\\r\\n``."""
    return "".join(",".join(fields) + "\r\n" for fields in lines)


def wh_file_name(year, month):
    """``WH`` + Jalali year and two-digit month + ``.txt``: WH140407.txt."""
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"Month {month!r} does not exist: a Jalali month is 1 to 12.")
    return f"WH{year}{month:02d}.txt"
