{
    "name": "Municipality Base",
    "version": "19.0.1.3.0",
    "category": "Municipality",
    "summary": "Jalali calendar, Persian formatting, Iranian identifiers, citizens and districts",
    "description": "The shared ground of the Shahr suite; see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["base", "mail", "hr", "web", "base_install_request"],
    "external_dependencies": {"python": ["jdatetime"]},
    "data": [
        "security/municipality_security.xml",
        "security/ir.model.access.csv",
        "data/res_currency_data.xml",
        "data/no_calls_abroad_data.xml",
        "data/res_users_data.xml",
        "data/resource_calendar_iran_data.xml",  # after the system user's zone: see res_users_data.xml
        "data/mail_activity_data.xml",
        "views/municipality_menus.xml",
        "views/municipality_district_views.xml",
        "views/res_partner_views.xml",
        "views/ir_sequence_views.xml",
        "views/res_currency_views.xml",
        "views/res_users_views.xml",
        "views/webclient_templates.xml",
        "views/res_config_settings_views.xml",
        "report/citizen_record_report.xml",
    ],
    "demo": [
        "demo/municipality_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "municipality_base/static/src/core/**/*",
            "municipality_base/static/src/search/**/*",
            "municipality_base/static/src/views/**/*",
            "municipality_base/static/src/scss/vazirmatn.scss",
            "municipality_base/static/src/scss/web_client_font.scss",
            "municipality_base/static/src/scss/digits.scss",
        ],
        "web.assets_backend_lazy": [
            "municipality_base/static/src/lazy/**/*",
        ],
        # the charts of spreadsheet dashboards (spreadsheet, installed with account; a bundle of a module not
        # installed is never loaded): the graph model's patch is in both bundles, defined once by the module loader
        "spreadsheet.o_spreadsheet": [
            "municipality_base/static/src/lazy/jalali_graph_model.js",
        ],
        "web.assets_frontend": [
            "municipality_base/static/src/scss/vazirmatn.scss",
            "municipality_base/static/src/scss/digits.scss",
        ],
        # Leaflet 1.9.4 (BSD-2-Clause, its LICENSE beside it), vendored once for every map of the suite: the
        # citizen desk's portal map includes this bundle, the urbanism map loads the files on its first map.
        "municipality_base.assets_leaflet": [
            "municipality_base/static/lib/leaflet/leaflet.css",
            "municipality_base/static/lib/leaflet/leaflet.js",
        ],
        "web.assets_unit_tests": [
            "municipality_base/static/tests/unit/**/*",
        ],
        "web.report_assets_common": [
            "municipality_base/static/src/scss/vazirmatn.scss",
            "municipality_base/static/src/scss/municipality_report.scss",
        ],
        "web.assets_tests": [
            "municipality_base/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": True,
}
