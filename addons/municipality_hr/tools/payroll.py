"""Wage tax and social-security shares (no Odoo import).

Two functions other addons and tests call by name (issue 12, "Names others
rely on"); every figure comes in as an argument, none is a constant here
(DOMAIN.md §6: figures are data per Jalali year).

- ``monthly_wage_tax(taxable, bands)``: the tax on a month's taxable wage by
  marginal bands, ``bands`` a list of ``(upper_bound, rate_percent)`` in
  ascending order with ``None`` as the last upper bound.
- ``insurance_shares(insurable, ceiling, rates)``: the employee's, employer's
  and unemployment shares (percent) of ``min(insurable, ceiling)``.

Amounts are whole rials; results are rounded to the nearest rial, halves
away from zero (``ROUND_HALF_UP`` on non-negative amounts). Arithmetic is
done in ``Decimal`` so that 22.5 % or 25 % of an odd amount rounds exactly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def round_rial(value):
    """Round a ``Decimal`` (or int) to the nearest whole rial, halves up; returns an ``int``."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _amount(value, name):
    """A non-negative whole amount of rials as an ``int``, else ``ValueError``.

    ``int`` and ``Decimal`` are taken, and a ``float`` without a fraction
    (Odoo's monetary fields read as floats: 1000000.0); 1.5 rials is refused.
    """
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise ValueError(f"The {name} must be a whole amount of rials, got {value!r}.")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"The {name} must be a whole amount of rials, got {value!r}.")
    if isinstance(value, Decimal) and (not value.is_finite() or value != value.to_integral_value()):
        raise ValueError(f"The {name} must be a whole amount of rials, got {value!r}.")
    if value < 0:
        raise ValueError(f"The {name} cannot be negative, got {value!r}.")
    return int(value)


def _percent(value, name):
    """A rate in percent (0 to 100) as a ``Decimal``, else ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise ValueError(f"The {name} must be a number of percent, got {value!r}.")
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"The {name} must be a number of percent, got {value!r}.") from None
    if not rate.is_finite() or not 0 <= rate <= 100:
        raise ValueError(f"The {name} must be between 0 and 100 percent, got {value!r}.")
    return rate


def check_bands(bands):
    """Validate monthly tax bands and return them as ``[(upper or None, Decimal rate)]``.

    Refused with ``ValueError``: no bands; a band that is not a pair; an upper
    bound that is not a positive whole amount or not above the one before;
    ``None`` anywhere but last, or missing from the last band; a rate outside
    0–100 %.
    """
    if not isinstance(bands, (list, tuple)) or not bands:
        raise ValueError("The tax bands must be a non-empty list of (upper bound, rate in percent) pairs.")
    checked = []
    previous = 0
    for index, band in enumerate(bands):
        if not isinstance(band, (list, tuple)) or len(band) != 2:
            raise ValueError(f"Tax band {index + 1} must be an (upper bound, rate in percent) pair, got {band!r}.")
        upper, rate = band
        last = index == len(bands) - 1
        if upper is None:
            if not last:
                raise ValueError(f"Only the last tax band may have no upper bound (None); band {index + 1} has none.")
        else:
            if last:
                raise ValueError("The last tax band must have no upper bound (None): it taxes everything above.")
            upper = _amount(upper, f"upper bound of tax band {index + 1}")
            if upper <= previous:
                raise ValueError(
                    f"The tax bands must be in ascending order: band {index + 1} ends at {upper}, "
                    f"not above the band before it ({previous}).")
            previous = upper
        checked.append((upper, _percent(rate, f"rate of tax band {index + 1}")))
    return checked


def monthly_wage_tax(taxable, bands):
    """The wage tax of a month on marginal bands, rounded to the nearest rial.

    ``taxable`` is the month's taxable wage in whole rials (not negative);
    ``bands`` a list of ``(upper_bound, rate_percent)`` pairs in ascending
    order whose last upper bound is ``None``. Each band's rate applies to the
    part of ``taxable`` between the band before's upper bound and its own.

    >>> monthly_wage_tax(1_000_000_000, [(240_000_000, 0), (300_000_000, 10), (380_000_000, 15),
    ...                                  (500_000_000, 20), (666_666_667, 25), (None, 30)])
    183666667
    """
    taxable = _amount(taxable, "taxable wage")
    tax = Decimal(0)
    lower = 0
    for upper, rate in check_bands(bands):
        top = taxable if upper is None else min(taxable, upper)
        if top > lower:
            tax += (top - lower) * rate / 100
        if upper is None or taxable <= upper:
            break
        lower = upper
    return round_rial(tax)


def insurance_ceiling(min_daily_wage, days, multiple=7):
    """The month's insurance cap: ``multiple`` (7) × the minimum daily wage × the insured days."""
    min_daily_wage = _amount(min_daily_wage, "minimum daily wage")
    days = _amount(days, "number of insured days")
    if isinstance(multiple, bool) or not isinstance(multiple, (int, Decimal, float)) or not 0 < multiple < 1000:
        raise ValueError(f"The insurance ceiling multiple must be a positive number, got {multiple!r}.")
    return round_rial(Decimal(str(multiple)) * min_daily_wage * days)


def insurance_shares(insurable, ceiling, rates):
    """The social-security shares of a month, each rounded to the nearest rial.

    ``insurable`` is the month's insurable wage, ``ceiling`` the month's cap
    (both whole rials, not negative; ``None`` means no cap), ``rates`` a dict
    of percents such as ``{"employee": 7, "employer": 20, "unemployment": 3}``.
    Returns a dict with the same keys, each share computed on
    ``min(insurable, ceiling)``.

    >>> insurance_shares(200_000_000, 727_367_760, {"employee": 7, "employer": 20, "unemployment": 3})
    {'employee': 14000000, 'employer': 40000000, 'unemployment': 6000000}
    """
    insurable = _amount(insurable, "insurable wage")
    base = insurable if ceiling is None else min(insurable, _amount(ceiling, "insurance ceiling"))
    if not isinstance(rates, dict) or not rates:
        raise ValueError(f"The insurance rates must be a non-empty dict of percents by share, got {rates!r}.")
    return {key: round_rial(base * _percent(rate, f"insurance rate {key!r}") / 100) for key, rate in rates.items()}
