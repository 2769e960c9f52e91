import pytest

from municipality_finance_tools.treasury import (
    TRANSITIONS, allowed_targets, is_valid_sayad, normalize_sayad, transition_legs)


def test_sayad_is_sixteen_digits():
    assert is_valid_sayad("1234567890123456")
    assert is_valid_sayad("1234 5678 9012 3456")
    assert is_valid_sayad("1234-5678-9012-3456")
    assert normalize_sayad("1234 5678-9012 3456") == "1234567890123456"
    for bad in ("123456789012345", "12345678901234567", "12345678901234a6", "", None, False,
                "۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶"):  # Persian digits are normalised by the caller
        assert not is_valid_sayad(bad), bad


def test_received_cheque_life_cycle():
    assert allowed_targets("received", "draft") == {"in_hand", "cancelled"}
    assert allowed_targets("received", "in_hand") == {"deposited", "bounced"}
    assert allowed_targets("received", "deposited") == {"cleared", "bounced"}
    assert allowed_targets("received", "cleared") == set()
    assert allowed_targets("received", "bounced") == set()
    assert transition_legs("received", "draft", "in_hand") == ("in_hand", "receivable")
    assert transition_legs("received", "in_hand", "deposited") == ("collection", "in_hand")
    assert transition_legs("received", "deposited", "cleared") == ("bank", "collection")
    assert transition_legs("received", "deposited", "bounced") == ("receivable", "collection")
    assert transition_legs("received", "in_hand", "bounced") == ("receivable", "in_hand")
    assert transition_legs("received", "draft", "cancelled") is None


def test_issued_cheque_life_cycle():
    assert allowed_targets("issued", "draft") == {"issued", "cancelled"}
    assert allowed_targets("issued", "issued") == {"cleared", "bounced", "cancelled"}
    assert allowed_targets("issued", "cleared") == set()
    assert transition_legs("issued", "draft", "issued") == ("payable", "issued")
    assert transition_legs("issued", "issued", "cleared") == ("issued", "bank")
    assert transition_legs("issued", "issued", "bounced") == ("issued", "payable")


def test_refused_moves_raise():
    for move in (("received", "cleared", "bounced"), ("received", "draft", "deposited"),
                 ("issued", "cleared", "cancelled"), ("received", "in_hand", "issued")):
        with pytest.raises(KeyError):
            transition_legs(*move)


def test_every_posted_move_balances_two_different_roles():
    for key, legs in TRANSITIONS.items():
        if legs is not None:
            debit, credit = legs
            assert debit != credit, key


def test_a_cheque_goes_back_to_the_partner_the_way_it_came():
    """What a bounce credits is what the way in debited, and vice versa."""
    assert transition_legs("received", "deposited", "bounced")[0] == transition_legs("received", "draft", "in_hand")[1]
    assert transition_legs("issued", "issued", "bounced") == tuple(reversed(transition_legs("issued", "draft", "issued")))
