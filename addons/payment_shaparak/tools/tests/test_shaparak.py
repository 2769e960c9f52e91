import pytest

from payment_shaparak_tools.shaparak import ShaparakAmountError, amount_in_rials


def test_whole_rials_are_integers():
    assert amount_in_rials(1250000.0, "IRR") == 1250000
    assert isinstance(amount_in_rials(1250000.0, "IRR"), int)


@pytest.mark.parametrize("amount, currency", [(10.5, "IRR"), (0, "IRR"), (-5, "IRR"), (100, "USD")])
def test_other_amounts_are_refused(amount, currency):
    with pytest.raises(ShaparakAmountError):
        amount_in_rials(amount, currency)
