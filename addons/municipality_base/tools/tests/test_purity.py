import sys


def test_tools_do_not_import_odoo():
    import municipality_base_tools.amount_words  # noqa: F401
    import municipality_base_tools.identifiers  # noqa: F401
    import municipality_base_tools.jalali  # noqa: F401

    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)
