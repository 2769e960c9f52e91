"""A month's payslip, arrears of a retroactive decree, the year-end bonus and
severance, from plain inputs (no Odoo import).

Every figure of the year (minimum wage, rates, bands, divisors) comes in the
``params`` dict, read from the year's parameter record (DOMAIN.md §6: figures
are data per Jalali year, never constants). Amounts are whole rials; each line
is rounded to the nearest rial (halves up) once, after pro-rating, and the
totals are sums of rounded lines.

``params`` keys (all required by ``compute_payslip``)::

    min_daily_wage              3_463_656 (1404)
    insurance_ceiling_multiple  7   (the cap is 7 × min daily wage × insured days;
                                0 for an insurer without a cap)
    insurance_rates             {"employee": 7, "employer": 20, "unemployment": 3}
    tax_bands                   [(240_000_000, 0), …, (None, 30)]
    insurance_tax_exemption     "2/7" (that fraction of the employee's share is
                                deducted from the taxable wage; "0" for none)
    hours_divisor               220 (hourly rate = monthly base wage ÷ 220)
    hour_rates                  {"overtime": 140, "night": 35, "holiday": 140}:
                                percent of the hourly rate paid per hour; a value
                                may be a dict {"rate", "insurable", "taxable"}
                                (both flags default to True, DOMAIN §6)

``year_end_bonus`` also needs ``bonus_days`` (60), ``bonus_min_days`` (60) and
``bonus_max_days`` (90); ``severance`` takes its figures as arguments.

Conventions (DOMAIN.md §6 "Time" and "Social security"):

* **Wage days, the 30-day month.** Every month pays 30 days of wages. A day
  of the month maps onto a 30-day grid: the 31st of a 31-day month is not a
  wage day, and a period that reaches the last day of Esfand (29 or 30) reaches
  day 30. So a full month is 30 days, a hire on the 16th gets 15 days in any
  month, and a decree executed mid-month splits the 30 days without loss or
  excess. Unpaid leave and absence (a count of days) come off the latest
  decree period first.
* **Insured days, the calendar.** Insured days are the calendar days the
  employee is on the payroll (31, 30 or 29 for a full month) less unpaid days.
  The insurance list's daily wage (``daily_wage``, DSW_ROOZ) is the monthly
  amount of the items flagged ``base_wage`` ÷ 30, averaged over the decree
  periods by insured days, and its monthly wage (``insurable_wage``, DSW_MAH)
  is daily wage × insured days, as the list computes it. The other insurable
  lines (allowances, hours, insurable arrears) are the benefits
  (``insurable_benefits``, DSW_MAZ) as paid. The ceiling is
  ``insurance_ceiling_multiple`` × min daily wage × insured days.
* **Hours.** The hourly rate is the monthly ``base_wage`` items of the last
  decree period of the month ÷ ``hours_divisor``; an hour of overtime pays
  ``hour_rates["overtime"]`` percent of it (140 = +40 %), an hour of night
  work the premium only (35 %), the hours being already in the paid days.
  Shift work is a percent (10, 15 or 22.5) of the base wage paid for the days.
* **Tax.** Taxable = taxable lines (and taxable arrears) − the
  ``insurance_tax_exemption`` fraction of the employee's insurance share,
  taxed on the monthly bands, which are not pro-rated for a part month.
* **Arrears** (معوقه) of a retroactive decree are the difference, item by
  item, between each paid month recomputed with the new decree and as it was
  paid; they are paid, insured (items flagged insurable) and taxed (items
  flagged taxable) in the month they are paid.
"""

from decimal import Decimal
from fractions import Fraction

try:
    from odoo.addons.municipality_base.tools.jalali import is_leap, month_length
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.jalali import is_leap, month_length

from .payroll import _amount, check_bands, insurance_ceiling, insurance_shares, monthly_wage_tax, round_rial

WAGE_MONTH_DAYS = 30  # DOMAIN.md §6: "A payroll month is 30 days for wages"

PARAM_KEYS = ("min_daily_wage", "insurance_ceiling_multiple", "insurance_rates", "tax_bands",
              "insurance_tax_exemption", "hours_divisor", "hour_rates")


# ---------------------------------------------------------------- validation

def _require(params, keys):
    if not isinstance(params, dict):
        raise ValueError(f"The year's parameters must be a dict, got {params!r}.")
    missing = [key for key in keys if params.get(key) is None]
    if missing:
        raise ValueError(f"The year's parameters lack {', '.join(missing)}.")


def _fraction(value, name):
    """A fraction between 0 and 1 from "2/7", 0, Fraction or Decimal."""
    if isinstance(value, bool):
        raise ValueError(f"The {name} must be a fraction such as 2/7, got {value!r}.")
    try:
        fraction = Fraction(value) if not isinstance(value, float) else Fraction(str(value))
    except (ValueError, TypeError, ZeroDivisionError):
        raise ValueError(f"The {name} must be a fraction such as 2/7, got {value!r}.") from None
    if not 0 <= fraction <= 1:
        raise ValueError(f"The {name} must be between 0 and 1, got {value!r}.")
    return fraction


def _positive_number(value, name):
    """A positive number (int, Decimal or float) as a ``Decimal``."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise ValueError(f"The {name} must be a positive number, got {value!r}.")
    number = Decimal(str(value))
    if not number.is_finite() or number <= 0:
        raise ValueError(f"The {name} must be a positive number, got {value!r}.")
    return number


def _day_count(value, name):
    """A whole number of days (an ``int``, or a float without a fraction), not negative."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"The {name} must be a whole number of days, not negative, got {value!r}.")
    return value


def _hours(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise ValueError(f"The {name} must be a number of hours, got {value!r}.")
    hours = Decimal(str(value))
    if not hours.is_finite() or hours < 0:
        raise ValueError(f"The {name} cannot be negative, got {value!r}.")
    return hours


def _check_items(items, where):
    """Decree items: a list of dicts ``{"code", "amount", "insurable", "taxable", "base_wage"}``."""
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"The pay items of {where} must be a list, got {items!r}.")
    checked, codes = [], set()
    for item in items:
        if not isinstance(item, dict) or not item.get("code"):
            raise ValueError(f"Each pay item of {where} must be a dict with a code, got {item!r}.")
        code = item["code"]
        if code in codes:
            raise ValueError(f"Pay item {code!r} appears twice in {where}.")
        codes.add(code)
        checked.append({
            "code": code,
            "amount": _amount(item.get("amount"), f"amount of pay item {code!r} in {where}"),
            "insurable": bool(item.get("insurable", False)),
            "taxable": bool(item.get("taxable", False)),
            "base_wage": bool(item.get("base_wage", False)),
        })
    return checked


def _check_segments(segments, days_in_month):
    """Decree periods of the month, sorted, within the month, not overlapping."""
    if not isinstance(segments, (list, tuple)) or not segments:
        raise ValueError("A payslip needs at least one decree period in force in the month.")
    checked = []
    for index, segment in enumerate(segments):
        where = f"decree period {index + 1}"
        if not isinstance(segment, dict):
            raise ValueError(f"The {where} must be a dict with first_day, last_day and items, got {segment!r}.")
        first, last = segment.get("first_day"), segment.get("last_day")
        for name, day in (("first day", first), ("last day", last)):
            if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= days_in_month:
                raise ValueError(
                    f"The {name} of {where} must be a day of the month, 1 to {days_in_month}, got {day!r}.")
        if last < first:
            raise ValueError(f"The {where} ends (day {last}) before it starts (day {first}).")
        checked.append({"first_day": first, "last_day": last, "items": _check_items(segment.get("items"), where)})
    checked.sort(key=lambda seg: seg["first_day"])
    for before, after in zip(checked, checked[1:]):
        if after["first_day"] <= before["last_day"]:
            raise ValueError(
                f"Decree periods overlap: days {before['first_day']}–{before['last_day']} "
                f"and {after['first_day']}–{after['last_day']}.")
    return checked


def _check_amounts(values, name):
    """A dict code → whole non-negative amount (loans, advances…)."""
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise ValueError(f"The {name} must be a dict of amounts by code, got {values!r}.")
    return {code: _amount(amount, f"{name} {code!r}") for code, amount in values.items()}


def _hour_percent(spec, code):
    """A percent of the hourly rate; it may exceed 100 (overtime pays 140 %)."""
    if isinstance(spec, bool) or not isinstance(spec, (int, float, Decimal, str)):
        raise ValueError(f"The rate of {code} hours must be a number of percent, got {spec!r}.")
    try:
        rate = Decimal(str(spec))
    except ArithmeticError:
        raise ValueError(f"The rate of {code} hours must be a number of percent, got {spec!r}.") from None
    if not rate.is_finite() or rate < 0:
        raise ValueError(f"The rate of {code} hours must be a positive number of percent, got {spec!r}.")
    return rate


def _hour_rate(spec, code):
    """``(percent, insurable, taxable)`` of a kind of hours: a number, or a dict
    ``{"rate", "insurable", "taxable"}`` (flags default to True, DOMAIN.md §6)."""
    if isinstance(spec, dict):
        return (_hour_percent(spec.get("rate"), code),
                bool(spec.get("insurable", True)), bool(spec.get("taxable", True)))
    return _hour_percent(spec, code), True, True


# ---------------------------------------------------------------- days

def wage_days(first_day, last_day, days_in_month):
    """Wage days of the period ``first_day``–``last_day`` on the 30-day grid:
    the 31st is not a wage day; a period reaching the month's last day (29 or
    30 in Esfand) reaches day 30."""
    end = WAGE_MONTH_DAYS if last_day == days_in_month else min(last_day, WAGE_MONTH_DAYS)
    return max(0, end - min(first_day, WAGE_MONTH_DAYS) + 1)


def _take_off(days, unpaid):
    """Take ``unpaid`` days off a list of day counts, latest first."""
    days = list(days)
    for index in range(len(days) - 1, -1, -1):
        taken = min(days[index], unpaid)
        days[index] -= taken
        unpaid -= taken
    return days


# ---------------------------------------------------------------- payslip

def compute_payslip(year, month, segments, params, unpaid_days=0, hours=None, shift_percent=0,
                    deductions=None, arrears=None):
    """Compute one employee's payslip for the Jalali month ``year/month``.

    ``segments``: the decree periods in force in the month, each a dict
    ``{"first_day": 1, "last_day": 31, "items": [{"code": "base", "amount":
    103_909_680, "insurable": True, "taxable": True, "base_wage": True}, …]}``
    with monthly (30-day) amounts; days the employee is not on the payroll
    (before hiring, after leaving) are in no period. ``unpaid_days``: days of
    unpaid leave and absence. ``hours``: ``{"overtime": 20, "night": 10, …}``
    with codes of ``params["hour_rates"]``. ``shift_percent``: 0, 10, 15 or
    22.5. ``deductions``: ``{"loan": 10_000_000, …}``. ``arrears``: a list of
    ``{"code", "amount", "insurable", "taxable"}`` (see ``compute_arrears``).

    Returns a dict: ``lines`` (code → earned amount this month),
    ``line_flags`` (code → ``{"insurable", "taxable"}``), ``arrears``
    (code → amount), ``deductions``, ``gross``, ``paid_days``,
    ``insurance_days``, ``daily_wage``, ``insurable_wage``,
    ``insurable_benefits``, ``insurable`` (their sum, before the cap),
    ``insurance_ceiling``, ``insurance`` (shares by key of
    ``params["insurance_rates"]``), ``insurance_tax_exemption``, ``taxable``,
    ``tax`` and ``net``. Bad input raises ``ValueError``.
    """
    _require(params, PARAM_KEYS)
    days_in_month = month_length(year, month)
    segments = _check_segments(segments, days_in_month)
    unpaid_days = _day_count(unpaid_days, "number of unpaid days")
    shift = _hour_percent(shift_percent, "shift") if shift_percent else Decimal(0)
    if shift > 100:
        raise ValueError(f"The shift percent must be at most 100, got {shift_percent!r}.")
    deductions = _check_amounts(deductions, "deduction")
    hours = {code: _hours(value, f"number of {code} hours") for code, value in (hours or {}).items()}
    hour_rates = params["hour_rates"]
    if not isinstance(hour_rates, dict):
        raise ValueError(f"The hour rates must be a dict of percents by kind of hours, got {hour_rates!r}.")
    unknown = sorted(set(hours) - set(hour_rates))
    if unknown:
        raise ValueError(f"No rate is set this year for {', '.join(unknown)} hours.")
    arrears = _check_items(arrears or [], "the arrears")
    divisor = _positive_number(params["hours_divisor"], "hours divisor")

    covered = [seg["last_day"] - seg["first_day"] + 1 for seg in segments]
    grid = [wage_days(seg["first_day"], seg["last_day"], days_in_month) for seg in segments]
    if unpaid_days > sum(grid):
        raise ValueError(
            f"{unpaid_days} unpaid days are more than the {sum(grid)} days paid in {year}/{month:02d}.")
    paid = _take_off(grid, unpaid_days)
    insured = _take_off(covered, min(unpaid_days, sum(covered)))
    paid_days, insurance_days = sum(paid), sum(insured)

    # earnings of the month: decree items pro rata to their paid days
    exact, flags = {}, {}
    base_paid = Decimal(0)
    base_insured = Decimal(0)
    for seg, seg_paid, seg_insured in zip(segments, paid, insured):
        for item in seg["items"]:
            value = Decimal(item["amount"]) * seg_paid / WAGE_MONTH_DAYS
            exact[item["code"]] = exact.get(item["code"], Decimal(0)) + value
            flags.setdefault(item["code"], (item["insurable"], item["taxable"], item["base_wage"]))
            if item["base_wage"]:
                base_paid += value
                if item["insurable"]:
                    base_insured += Decimal(item["amount"]) * seg_insured / WAGE_MONTH_DAYS
    lines = {code: round_rial(value) for code, value in exact.items()}

    hourly_base = sum(item["amount"] for item in segments[-1]["items"] if item["base_wage"])
    if any(hours.values()) or shift:
        if not hourly_base:
            raise ValueError("No pay item of the decree is marked as base wage: overtime, night, holiday "
                             "and shift pay have no wage to be computed on.")
    for code, count in hours.items():
        rate, insurable, taxable = _hour_rate(hour_rates[code], code)
        amount = round_rial(Decimal(hourly_base) * count * rate / 100 / divisor)
        if amount:
            if code in lines:
                raise ValueError(f"The hours code {code!r} is also the code of a decree item.")
            lines[code] = amount
            flags[code] = (insurable, taxable, False)
    if shift:
        if "shift" in lines:
            raise ValueError("The code 'shift' is both a decree item and the shift allowance.")
        lines["shift"] = round_rial(base_paid * shift / 100)
        flags["shift"] = (True, True, False)

    arrears_lines = {item["code"]: item["amount"] for item in arrears}
    gross = sum(lines.values()) + sum(arrears_lines.values())

    # insurance: daily wage × insured days, plus the other insurable lines
    daily_wage = round_rial(base_insured / insurance_days) if insurance_days else 0
    insurable_wage = daily_wage * insurance_days
    insurable_benefits = (
        sum(amount for code, amount in lines.items() if flags[code][0] and not flags[code][2])
        + sum(item["amount"] for item in arrears if item["insurable"]))
    insurable = insurable_wage + insurable_benefits
    multiple = params["insurance_ceiling_multiple"]
    ceiling = insurance_ceiling(params["min_daily_wage"], insurance_days, multiple) if multiple else None
    insurance = insurance_shares(insurable, ceiling, params["insurance_rates"])
    employee_share = insurance.get("employee", 0)

    # tax
    fraction = _fraction(params["insurance_tax_exemption"], "insurance tax exemption")
    exemption = round_rial(Decimal(employee_share) * fraction.numerator / fraction.denominator)
    taxable_gross = (sum(amount for code, amount in lines.items() if flags[code][1])
                     + sum(item["amount"] for item in arrears if item["taxable"]))
    taxable = max(0, taxable_gross - exemption)
    tax = monthly_wage_tax(taxable, params["tax_bands"])

    net = gross - employee_share - tax - sum(deductions.values())
    if net < 0:
        raise ValueError(
            f"The deductions ({sum(deductions.values())}) are more than the pay left after insurance "
            f"and tax ({gross - employee_share - tax}) in {year}/{month:02d}.")
    return {
        "year": year, "month": month, "month_days": days_in_month,
        "paid_days": paid_days, "insurance_days": insurance_days,
        "lines": lines, "line_flags": {code: {"insurable": flags[code][0], "taxable": flags[code][1]}
                                       for code in lines},
        "arrears": arrears_lines, "deductions": deductions, "gross": gross,
        "daily_wage": daily_wage, "insurable_wage": insurable_wage, "insurable_benefits": insurable_benefits,
        "insurable": insurable, "insurance_ceiling": ceiling, "insurance": insurance,
        "insurance_tax_exemption": exemption, "taxable": taxable, "tax": tax, "net": net,
    }


# ---------------------------------------------------------------- arrears

def compute_arrears(months, params):
    """Arrears of a retroactive decree over months already paid.

    ``months``: one dict per paid month ``{"year", "month", "paid_segments",
    "new_segments"}`` with optional ``unpaid_days``, ``hours`` and
    ``shift_percent`` as paid; ``params`` the year's parameters, or a dict
    ``{year: params}`` when the months span two years. Each month is computed
    as paid and again with the new decree; the arrears are the differences,
    item by item (hours and shift follow the new base wage), summed over the
    months.

    Returns ``{"items": [{"code", "amount", "insurable", "taxable"}, …],
    "by_month": [{"year", "month", "lines": {code: difference}}], "total"}``,
    ready for ``compute_payslip(arrears=result["items"])``. A decrease
    (negative total for an item) is refused: it is a recovery, not arrears.
    """
    if not isinstance(months, (list, tuple)) or not months:
        raise ValueError("Arrears need at least one paid month.")
    totals, flags, by_month = {}, {}, []
    for entry in months:
        if not isinstance(entry, dict):
            raise ValueError(f"Each paid month must be a dict, got {entry!r}.")
        year, month = entry.get("year"), entry.get("month")
        year_params = params[year] if isinstance(params, dict) and year in params else params
        extra = {key: entry[key] for key in ("unpaid_days", "hours", "shift_percent") if key in entry}
        old = compute_payslip(year, month, entry.get("paid_segments"), year_params, **extra)
        new = compute_payslip(year, month, entry.get("new_segments"), year_params, **extra)
        for code, line_flags in (*old["line_flags"].items(), *new["line_flags"].items()):
            flags.setdefault(code, (line_flags["insurable"], line_flags["taxable"]))
        diff = {code: new["lines"].get(code, 0) - old["lines"].get(code, 0)
                for code in sorted(set(old["lines"]) | set(new["lines"]))}
        diff = {code: amount for code, amount in diff.items() if amount}
        by_month.append({"year": year, "month": month, "lines": diff})
        for code, amount in diff.items():
            totals[code] = totals.get(code, 0) + amount
    negative = sorted(code for code, amount in totals.items() if amount < 0)
    if negative:
        raise ValueError(f"The new decree pays less than was paid for {', '.join(negative)}: "
                         "that is a recovery, not arrears.")
    items = [{"code": code, "amount": amount, "insurable": flags[code][0], "taxable": flags[code][1]}
             for code, amount in sorted(totals.items()) if amount]
    return {"items": items, "by_month": by_month, "total": sum(totals.values())}


# ---------------------------------------------------------------- bonus and severance

def year_days(year):
    """Days of the Jalali year: 365, or 366 in a leap year."""
    return 366 if is_leap(year) else 365


def year_end_bonus(year, last_daily_wage, days_worked, params):
    """The year-end bonus (عیدی) of the Jalali ``year``.

    ``bonus_days`` (60) days of the last daily wage, at least
    ``bonus_min_days`` (60) and at most ``bonus_max_days`` (90) days of the
    minimum daily wage, pro rata to ``days_worked`` of the year's 365 or 366.
    The bonus is not insurable; it is exempt from tax up to one month's
    exemption, the upper bound of the 0 % band of ``tax_bands`` (DOMAIN.md §6).

    Returns ``{"amount", "tax_exempt", "taxable"}``: ``taxable`` is the part
    over the exemption, to be added to the taxable wage of the month it is
    paid (see ``bonus_tax``).
    """
    _require(params, ("min_daily_wage", "bonus_days", "bonus_min_days", "bonus_max_days", "tax_bands"))
    last_daily_wage = _amount(last_daily_wage, "last daily wage")
    days_worked = _day_count(days_worked, "number of days worked")
    total_days = year_days(year)
    if days_worked > total_days:
        raise ValueError(f"{days_worked} days worked are more than the {total_days} days of {year}.")
    minimum = _amount(params["min_daily_wage"], "minimum daily wage")
    bonus_days, low, high = (_day_count(params[key], key.replace("_", " "))
                             for key in ("bonus_days", "bonus_min_days", "bonus_max_days"))
    if low > high:
        raise ValueError(f"The bonus minimum ({low} days) is more than its maximum ({high} days).")
    full_year = min(max(bonus_days * last_daily_wage, low * minimum), high * minimum)
    amount = round_rial(Decimal(full_year) * days_worked / total_days)
    exemption = _monthly_exemption(params["tax_bands"])
    exempt = min(amount, exemption)
    return {"amount": amount, "tax_exempt": exempt, "taxable": amount - exempt}


def _monthly_exemption(bands):
    """One month's tax exemption: the upper bound of the first band, at 0 %."""
    upper, rate = check_bands(bands)[0]
    if upper is None or rate:
        raise ValueError("The tax bands have no 0 % first band: the monthly exemption is unknown.")
    return upper


def bonus_tax(bonus_taxable, month_taxable, bands):
    """The tax on the taxable part of a bonus paid with a month whose taxable
    wage is ``month_taxable``: the tax of both together less the month's own."""
    bonus_taxable = _amount(bonus_taxable, "taxable bonus")
    month_taxable = _amount(month_taxable, "taxable wage of the month")
    return monthly_wage_tax(month_taxable + bonus_taxable, bands) - monthly_wage_tax(month_taxable, bands)


def severance(last_monthly_wage, service_days, days_per_year=365, months_per_year=1):
    """Severance (سنوات): ``months_per_year`` month(s) of the last monthly wage
    per year of service, pro rata to ``service_days`` / ``days_per_year``.
    Not insurable (DOMAIN.md §6). A year parameter kept as days of wage per
    year (30) is ``months_per_year=days / 30``."""
    last_monthly_wage = _amount(last_monthly_wage, "last monthly wage")
    service_days = _day_count(service_days, "number of days of service")
    days_per_year = _positive_number(days_per_year, "number of days in a year of service")
    months = _positive_number(months_per_year, "months of wage per year of service")
    return round_rial(Decimal(last_monthly_wage) * months * service_days / days_per_year)
