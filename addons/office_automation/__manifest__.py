{
    "name": "Office Automation",
    "version": "19.0.1.0.0",
    "category": "Municipality",
    "summary": "Secretariats, letters, referrals, archive and the citizen request desk (137)",
    "description": "The municipality's correspondence and its citizen request desk; see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["municipality_base", "mail", "portal", "hr", "resource"],
    "external_dependencies": {"python": ["jdatetime"]},
    "data": [
        "security/office_security.xml",
        "security/ir.model.access.csv",
        "views/office_menus.xml",
        "views/res_users_views.xml",
        "views/office_secretariat_views.xml",
        "views/office_letter_views.xml",
        "report/office_letter_report.xml",
        "report/office_letter_register_report.xml",
        "wizard/office_letter_register_report_views.xml",
    ],
    "demo": [
        "demo/office_demo.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "office_automation/static/src/scss/office_letter_report.scss",
        ],
    },
    "installable": True,
    "application": True,
}
