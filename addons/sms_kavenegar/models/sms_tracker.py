import datetime
import logging

from odoo import api, fields, models
from odoo.tools import split_every

from odoo.addons.sms_kavenegar.tools import kavenegar

_logger = logging.getLogger(__name__)

#: Delivery reports are asked for during this many days after sending, then given up.
DEFAULT_POLL_DAYS = 3


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    sms_kavenegar_messageid = fields.Char("Kavenegar Message ID", readonly=True, index="btree_not_null")
    sms_kavenegar_status = fields.Integer(
        "Kavenegar Status", readonly=True,
        help="Kavenegar's status of the message: 1 queued, 4 or 5 sent to the operator, 10 delivered, "
             "11 undelivered, 13 cancelled, 14 blocked by the recipient.")
    sms_kavenegar_company_id = fields.Many2one("res.company", "Kavenegar Account", readonly=True,
                                               ondelete="cascade", index="btree_not_null")

    @api.model
    def _cron_kavenegar_poll_delivery(self, limit=2000):
        """Ask Kavenegar what became of the messages still on their way, and record it."""
        since = fields.Datetime.now() - datetime.timedelta(days=int(
            self.env["ir.config_parameter"].sudo().get_param("sms_kavenegar.poll_days", DEFAULT_POLL_DAYS)))
        trackers = self.sudo().search([
            ("sms_kavenegar_company_id", "!=", False),
            ("sms_kavenegar_status", "not in", list(kavenegar.FINAL_STATUSES)),
            ("create_date", ">=", since),
        ], limit=limit, order="id")
        for company, company_trackers in trackers.grouped("sms_kavenegar_company_id").items():
            api_class = company._get_sms_api_class()
            if not hasattr(api_class, "_client"):
                continue  # the company moved to another provider
            sms_api = api_class(self.env)
            sms_api._set_company(company)
            try:
                client = sms_api._client()
                for chunk in split_every(kavenegar.MAX_RECEPTORS, company_trackers):
                    # the messages not yet deleted, read once per chunk rather than once per tracker
                    sms_by_uuid = self.env["sms.sms"].sudo().search(
                        [("uuid", "in", [tracker.sms_uuid for tracker in chunk])]).grouped("uuid")
                    by_messageid = {tracker.sms_kavenegar_messageid: tracker for tracker in chunk
                                    if tracker.sms_kavenegar_messageid}
                    for entry in client.status(list(by_messageid)) if by_messageid else []:
                        tracker = by_messageid.get(str(entry.get("messageid")))
                        if tracker:
                            tracker._kavenegar_update_status(entry.get("status"), sms=sms_by_uuid.get(
                                tracker.sms_uuid, self.env["sms.sms"]))
                    by_localid = {tracker.sms_uuid: tracker for tracker in chunk
                                  if not tracker.sms_kavenegar_messageid}
                    for entry in client.status_by_localid(list(by_localid)) if by_localid else []:
                        tracker = by_localid.get(entry.get("localid"))
                        if tracker:
                            tracker._kavenegar_update_status(entry.get("status"), entry.get("messageid"),
                                                             sms=sms_by_uuid.get(tracker.sms_uuid, self.env["sms.sms"]))
            except kavenegar.KavenegarError as error:
                _logger.warning("Kavenegar delivery reports for %s could not be read: %s", company.name, error)

    def _kavenegar_update_status(self, status, messageid=None, sms=None):
        """Record Kavenegar's status on the tracker, its notification and the SMS (if not yet deleted;
        ``sms``: that SMS, or an empty recordset, when the caller already read it)."""
        self.ensure_one()
        try:
            status = int(status)
        except (TypeError, ValueError):
            return
        if status == self.sms_kavenegar_status:
            return
        values = {"sms_kavenegar_status": status}
        if messageid:
            values["sms_kavenegar_messageid"] = str(messageid)
        self.write(values)
        if sms is None:
            sms = self.env["sms.sms"].sudo().search([("uuid", "=", self.sms_uuid)])
        outcome = kavenegar.outcome_of_status(status)
        if outcome == "delivered":
            self._action_update_from_sms_state("sent")
            sms.write({"state": "sent", "failure_type": False})
        elif outcome == "undelivered":
            self._action_update_from_provider_error("not_delivered")
            sms.write({"state": "error", "failure_type": "sms_not_delivered"})
        elif outcome in ("blocked", "canceled"):
            self._action_update_from_provider_error("rejected")
            sms.write({"state": "error", "failure_type": "sms_rejected"})
