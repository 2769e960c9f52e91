import datetime
import logging
from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.sms_kavenegar.tools import kavenegar

_logger = logging.getLogger(__name__)

#: Attempts before a message Kavenegar could not take (server down) is left in error for a person to resend.
DEFAULT_MAX_ATTEMPTS = 5
#: Minutes before the n-th retry: 5, 10, 20, 40…
RETRY_BASE_MINUTES = 5


class SmsSms(models.Model):
    _inherit = "sms.sms"

    failure_type = fields.Selection(selection_add=[
        ("sms_not_delivered", "Not Delivered"),
        ("sms_rejected", "Rejected"),
    ])
    sms_kavenegar_attempts = fields.Integer("Sending Attempts", readonly=True, copy=False)
    sms_kavenegar_retry_at = fields.Datetime("Next Attempt", readonly=True, copy=False,
                                             index="btree_not_null")
    sms_kavenegar_messageid = fields.Char("Kavenegar Message ID", compute="_compute_sms_kavenegar_messageid")

    @api.depends("uuid")
    def _compute_sms_kavenegar_messageid(self):
        for sms in self:
            sms.sms_kavenegar_messageid = sms.sms_tracker_id.sms_kavenegar_messageid

    # ------------------------------------------------------------------ sending

    def _split_by_api(self):
        """The messages of companies that send through Kavenegar go to Kavenegar, with their company's key."""
        by_company = defaultdict(lambda: self.env["sms.sms"])
        for sms in self:
            by_company[sms._get_sms_company()] += sms
        others = self.browse()
        for company, company_sms in by_company.items():
            if company.sms_provider == "kavenegar":
                company_sms -= company_sms._kavenegar_cancel_blacklisted()
                if not company_sms:
                    continue
                sms_api = company._get_sms_api_class()(self.env)
                sms_api._set_company(company)
                yield sms_api, company_sms
            else:
                others += company_sms
        if others:
            yield from super(SmsSms, others)._split_by_api()

    def _kavenegar_cancel_blacklisted(self):
        """Cancel, instead of sending, the messages to a number on Odoo's phone blacklist (the citizen opted
        out), whoever queued them; returns them."""
        forms = {sms: kavenegar.number_forms(sms.number) for sms in self}
        blacklisted = set(self.env["phone.blacklist"].sudo().search(
            [("number", "in", [form for sms_forms in forms.values() for form in sms_forms])]).mapped("number"))
        refused = self.filtered(lambda sms: blacklisted.intersection(forms[sms]))
        if refused:
            refused.sudo().write({"state": "canceled", "failure_type": "sms_blacklist"})
            refused.sudo().sms_tracker_id._action_update_from_sms_state("canceled")  # notifications: no such type
        return refused

    def _kavenegar_sms(self):
        return self.filtered(lambda sms: sms._get_sms_company().sms_provider == "kavenegar")

    def _handle_call_result_hook(self, results):
        """Keep Kavenegar's message id on the SMS's tracker (the SMS itself is deleted once sent), for the
        delivery reports; plan a retry for what Kavenegar could not take."""
        kavenegar_sms = self._kavenegar_sms()
        if kavenegar_sms:
            sms_by_uuid = kavenegar_sms.grouped("uuid")
            Tracker = self.env["sms.tracker"].sudo()
            trackers = Tracker.search([("sms_uuid", "in", list(sms_by_uuid))]).grouped("sms_uuid")
            to_retry = self.browse()
            for result in results:
                sms = sms_by_uuid.get(result.get("uuid"))
                if not sms:
                    continue
                if result.get("sms_kavenegar_messageid"):
                    values = {
                        "sms_kavenegar_messageid": result["sms_kavenegar_messageid"],
                        "sms_kavenegar_status": result.get("sms_kavenegar_status") or 0,
                        "sms_kavenegar_company_id": sms._get_sms_company().id,
                    }
                    if sms.uuid in trackers:
                        trackers[sms.uuid].write(values)
                    else:  # an SMS without a notification: track it all the same
                        Tracker.create({"sms_uuid": sms.uuid, **values})
                elif result.get("state") == "server_error":
                    to_retry |= sms
            kavenegar_sms.invalidate_recordset(["sms_tracker_id"])
            to_retry._kavenegar_plan_retry()
        super(SmsSms, self - kavenegar_sms)._handle_call_result_hook(results)

    def _kavenegar_plan_retry(self):
        if not self:
            return
        max_attempts = int(self.env["ir.config_parameter"].sudo().get_param(
            "sms_kavenegar.max_attempts", DEFAULT_MAX_ATTEMPTS))
        now = fields.Datetime.now()
        first = None
        for sms in self:
            attempts = sms.sms_kavenegar_attempts + 1
            retry_at = False
            if attempts < max_attempts:
                retry_at = now + datetime.timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempts - 1))
                first = min(first, retry_at) if first else retry_at
            else:
                _logger.warning("SMS %s to %s: Kavenegar could not take it after %s attempts; no more retries.",
                                sms.id, sms.number, attempts)
            sms.write({"sms_kavenegar_attempts": attempts, "sms_kavenegar_retry_at": retry_at})
        if first:
            self.env.ref("sms_kavenegar.ir_cron_sms_kavenegar_retry")._trigger(at=first)

    @api.model
    def _cron_kavenegar_retry(self):
        """Put back in Odoo's queue, and send, the messages Kavenegar could not take and whose delay is over."""
        to_retry = self.sudo().search([
            ("state", "=", "error"), ("failure_type", "=", "sms_server"), ("to_delete", "!=", True),
            ("sms_kavenegar_retry_at", "<=", fields.Datetime.now()),
        ], limit=self._get_send_batch_size(), order="id")._kavenegar_sms()
        if not to_retry:
            return
        to_retry.write({"sms_kavenegar_retry_at": False})
        to_retry.action_set_outgoing()
        to_retry.send(unlink_failed=False, unlink_sent=True, raise_exception=False)

    def resend_failed(self):
        """A person resending starts a fresh series of automatic attempts."""
        self.filtered(lambda sms: sms.state == "error").sudo().write(
            {"sms_kavenegar_attempts": 0, "sms_kavenegar_retry_at": False})
        return super().resend_failed()
