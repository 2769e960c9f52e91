from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

CODE = "behpardakht"
RETURN_ROUTE = "/payment/behpardakht/return"

#: Mellat's result codes a citizen or an accountant may meet.
RESULT_CODES = {
    "0": _lt("Transaction successful"),
    "11": _lt("Invalid card number"),
    "12": _lt("Insufficient funds"),
    "13": _lt("Wrong PIN"),
    "14": _lt("Too many wrong PIN attempts"),
    "15": _lt("Invalid card"),
    "17": _lt("The payer cancelled the payment"),
    "21": _lt("Invalid merchant"),
    "23": _lt("Security error"),
    "24": _lt("Invalid merchant user name or password"),
    "25": _lt("Invalid amount"),
    "41": _lt("Duplicate order number"),
    "42": _lt("Sale transaction not found"),
    "43": _lt("Already verified"),
    "44": _lt("Verify request not found"),
    "45": _lt("Already settled"),
    "46": _lt("Not settled"),
    "47": _lt("Settle transaction not found"),
    "48": _lt("Transaction reversed"),
    "54": _lt("Reference transaction not found"),
    "55": _lt("Invalid transaction"),
    "61": _lt("Error in settlement"),
    "421": _lt("Invalid IP address"),
}
