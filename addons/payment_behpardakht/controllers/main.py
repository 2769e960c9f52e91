from odoo import http
from odoo.http import request

from odoo.addons.payment.logging import get_payment_logger

from ..const import CODE, RETURN_ROUTE

_logger = get_payment_logger(__name__)

#: The fields Mellat posts back; anything else is dropped before processing.
CALLBACK_FIELDS = ("RefId", "ResCode", "SaleOrderId", "SaleReferenceId", "FinalAmount", "CardHolderPan")


class BehpardakhtController(http.Controller):

    @http.route(RETURN_ROUTE, type="http", auth="public", methods=["POST"], csrf=False, save_session=False)
    def behpardakht_return(self, **data):
        """The bank posts the citizen's browser back here. Nothing in it is trusted: the transaction
        re-checks it with the bank (verify, settle) before anything is paid. ``save_session=False``:
        the bank's cross-site POST comes without the session cookie; the redirect to the status page
        brings it back."""
        callback = {key: str(data[key]).strip() for key in CALLBACK_FIELDS if key in data}
        _logger.info("Behpardakht callback: %s", callback)
        request.env["payment.transaction"].sudo()._shaparak_handle_callback(CODE, callback)
        return request.redirect("/payment/status")
