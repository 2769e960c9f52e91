"""What every Shaparak (Iranian card network) gateway shares, without Odoo.

Amounts: Shaparak gateways take whole rials (an integer, no decimals); a
transaction in tomans or with a fraction of a rial is refused rather than
rounded, so that the bank never takes a different amount from the one on the
invoice.
"""

from decimal import Decimal

#: ISO code of the rial; Shaparak gateways take nothing else.
RIAL = "IRR"


class ShaparakAmountError(ValueError):
    """An amount a Shaparak gateway cannot take."""


def amount_in_rials(amount, currency_code):
    """``amount`` (a float or Decimal in ``currency_code``) as the integer of rials the gateway takes.

    >>> amount_in_rials(1250000.0, "IRR")
    1250000
    """
    if currency_code != RIAL:
        raise ShaparakAmountError(f"Shaparak gateways take rials (IRR), not {currency_code}")
    value = Decimal(str(amount))
    if value != value.to_integral_value():
        raise ShaparakAmountError(f"{amount} is not a whole number of rials")
    if value <= 0:
        raise ShaparakAmountError(f"{amount} is not a positive amount")
    return int(value)
