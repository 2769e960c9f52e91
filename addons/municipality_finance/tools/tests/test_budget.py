import pytest

from municipality_finance_tools import budget


def test_final_is_original_plus_amendments_and_transfers():
    assert budget.final_amount(1000, 200, -150) == 1050
    assert budget.final_amount(0, 0, 0) == 0


def test_available_is_final_less_committed_and_actual():
    assert budget.available_amount(1050, 300, 250) == 500
    assert budget.available_amount(100, 80, 30) == -10


@pytest.mark.parametrize(("actual", "final", "rate"), [(250, 1000, 0.25), (0, 1000, 0.0), (50, 0, 0.0), (1200, 1000, 1.2)])
def test_execution_rate(actual, final, rate):
    assert budget.execution_rate(actual, final) == pytest.approx(rate)


def test_commitment_remaining_never_negative():
    assert budget.commitment_remaining(1000, 400) == 600
    assert budget.commitment_remaining(1000, 1000) == 0
    assert budget.commitment_remaining(1000, 1300) == 0


@pytest.mark.parametrize(("amount", "left", "excess"), [
    (400, 1000, 0),      # inside the commitment
    (1000, 1000, 0),     # exactly the commitment
    (1300, 1000, 300),   # beyond it: 300 on the free balance
    (500, 0, 500),       # no commitment
    (500, -20, 500),     # a negative remainder counts as none
    (-200, 0, 0),        # a refund frees budget
])
def test_posting_excess(amount, left, excess):
    assert budget.posting_excess(amount, left) == excess


def test_shortfall():
    assert budget.shortfall(300, 500) == 0
    assert budget.shortfall(500, 500) == 0
    assert budget.shortfall(700, 500) == 200
    assert budget.shortfall(100, -50) == 150
