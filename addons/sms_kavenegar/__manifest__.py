{
    "name": "Kavenegar SMS",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tools",
    "summary": "Send Odoo's SMS through Kavenegar (کاوه‌نگار), with delivery reports",
    "description": "Kavenegar as a provider of Odoo's SMS queue; see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["sms"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "data/ir_cron_data.xml",
        "views/res_config_settings_views.xml",
        "views/sms_sms_views.xml",
    ],
    "installable": True,
}
