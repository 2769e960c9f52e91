import sys


def test_tools_do_not_import_odoo():
    import municipality_hr_tools.dbf_lists  # noqa: F401
    import municipality_hr_tools.payroll  # noqa: F401
    import municipality_hr_tools.payslip  # noqa: F401
    import municipality_hr_tools.tax_list  # noqa: F401

    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)
