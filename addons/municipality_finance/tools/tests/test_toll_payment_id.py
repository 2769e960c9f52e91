

def test_the_digit_table_is_municipality_base_s():
    """One Persian digit table in the suite (review L-6): the payment ID reads digits with municipality_base's."""
    import municipality_base_tools.digits
    import municipality_finance_tools.toll_payment_id

    assert municipality_finance_tools.toll_payment_id.normalize_digits is municipality_base_tools.digits.normalize_digits
    assert not hasattr(municipality_finance_tools.toll_payment_id, "_TO_LATIN")
