{
    "name": "Municipality Finance",
    "version": "19.0.1.0.0",
    "category": "Municipality",
    "summary": "Jalali fiscal years, budget and commitments, tolls, treasury, year-end closing",
    "description": "The municipality's accounting and budget on top of Odoo Accounting; see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["municipality_base", "account", "l10n_ir_municipality"],
    "external_dependencies": {"python": ["jdatetime", "xlsxwriter"]},
    "data": [
        "security/municipality_finance_security.xml",
        "security/ir.model.access.csv",
        "views/municipality_finance_menus.xml",
        "views/municipality_fiscal_year_views.xml",
        "views/account_move_views.xml",
    ],
    "demo": [
        "demo/municipality_fiscal_year_demo.xml",
    ],
    "installable": True,
    "application": True,
}
