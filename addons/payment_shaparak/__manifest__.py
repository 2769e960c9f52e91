{
    "name": "Payment Provider: Shaparak (shared base)",
    "version": "19.0.1.0.0",
    "category": "Accounting/Payment Providers",
    "summary": "What every Iranian (Shaparak) bank gateway shares: integer rials, one use per bank reference, "
               "the bank re-checked before a callback is processed, refused callbacks logged",
    "description": "The shared logic of the Iranian bank gateways (Behpardakht Mellat, Sadad, Saman, Zarinpal); "
                   "see README.rst.",
    "author": "Shahr",
    "website": "https://github.com/shahr-erp/shahr",
    "license": "LGPL-3",
    "depends": ["payment"],
    "data": ["data/payment_method_data.xml"],
    "installable": True,
}
