{
    "name": "Municipality Urban Planning",
    "version": "19.0.1.0.0",
    "category": "Municipality",
    "summary": "Properties and zoning, regional values, building permits, inspections, renovation toll",
    "description": "The urban planning unit of an Iranian municipality; see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["municipality_finance", "office_automation", "sms", "portal"],
    "external_dependencies": {"python": ["jdatetime"]},
    "data": [
        "security/municipality_urbanism_security.xml",
        "security/ir.model.access.csv",
        "views/municipality_urbanism_menus.xml",
        "views/municipality_zoning_views.xml",
        "views/municipality_property_views.xml",
        "views/municipality_regional_value_views.xml",
        "views/municipality_document_type_views.xml",
        "data/municipality_permit_data.xml",
        "report/building_permit_report.xml",
        "views/municipality_permit_views.xml",
        "views/permit_verification_templates.xml",
        "security/municipality_commission_security.xml",
        "data/municipality_commission_data.xml",
        "views/municipality_violation_views.xml",
        "views/municipality_commission_views.xml",
        "report/building_certificate_report.xml",
        "views/municipality_building_certificate_views.xml",
        "views/supervision_portal_templates.xml",
    ],
    "demo": [
        "demo/municipality_commission_demo.xml",
    ],
<<<<<<< HEAD
=======
    "demo": [],
    "assets": {
        "web.assets_tests": [
            "municipality_urbanism/static/tests/tours/**/*",
        ],
    },
>>>>>>> urbanism
    "installable": True,
    "application": True,
}
