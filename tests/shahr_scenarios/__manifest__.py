{
    "name": "Shahr cross-unit scenarios",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "summary": "End-to-end scenarios across the Shahr addons; installed by the test command only",
    "author": "Shahr",
    "license": "LGPL-3",
    # Depends on every addon of the suite, so its scenarios see them all.
    "depends": ["municipality_base", "municipality_finance", "office_automation", "municipality_citizen_desk",
                "municipality_hr", "municipality_urbanism"],
    "assets": {
        "web.assets_tests": [
            "shahr_scenarios/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
