{
    "name": "Municipality Finance: Online Payment",
    "version": "19.0.1.0.0",
    "category": "Municipality",
    "summary": "Citizens pay their toll invoices online (portal Pay Now, or payment ID and national ID), through "
               "Iranian bank gateways; the payment lands in the treasury journal and pays the assessment",
    "description": "Online payment of tolls; see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["municipality_finance", "account_payment", "payment_behpardakht", "payment_demo"],
    "data": [
        "data/payment_provider_data.xml",
        "views/toll_payment_templates.xml",
    ],
    "demo": [
        "demo/payment_provider_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "municipality_finance_payment/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
