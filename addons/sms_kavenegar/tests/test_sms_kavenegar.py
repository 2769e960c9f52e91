import datetime

from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.sms_kavenegar.tests.common import KavenegarCase


@tagged("post_install", "-at_install")
class TestSmsKavenegar(KavenegarCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "Kavenegar Test Citizen"})

    def _post_sms(self, *numbers, body="سلام از شهرداری"):
        return self.partner._message_sms(body, sms_numbers=list(numbers))

    def _sms(self, message):
        return self.env["sms.sms"].sudo().search([("mail_message_id", "=", message.id)])

    def test_sent_then_delivered(self):
        message = self._post_sms("09121110001")
        sms = self._sms(message)
        self.assertEqual(sms.state, "pending", "Kavenegar took it: sent, not yet delivered")
        self.assertTrue(sms.to_delete)
        [sent] = self.kavenegar.sent_to("09121110001")
        self.assertEqual(sent["message"], "سلام از شهرداری")
        self.assertEqual(sent["localid"], sms.uuid, "localid is the SMS's uuid")
        self.assertEqual(sent["sender"], "10004346")
        tracker = sms.sms_tracker_id
        self.assertTrue(tracker.sms_kavenegar_messageid)
        self.assertEqual(tracker.sms_kavenegar_status, 1)
        self.assertEqual(self._notification(message).notification_status, "pending")
        self.kavenegar.deliver_all()
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(tracker.sms_kavenegar_status, 10)
        self.assertEqual(sms.state, "sent", "delivered")
        self.assertEqual(self._notification(message).notification_status, "sent")
        calls = [method for method, _params in self.kavenegar.calls]
        self.assertEqual(calls, ["send.json", "status.json"])
        # a delivered message is not asked about again
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(len(self.kavenegar.calls), 2)

    def test_undeliverable_number_refused(self):
        self.kavenegar.invalid_numbers.add("09121110002")
        message = self._post_sms("09121110002", "09121110003")
        sms = self._sms(message)
        refused = sms.filtered(lambda s: s.number == "09121110002")
        sent = sms - refused
        self.assertEqual((refused.state, refused.failure_type), ("error", "sms_number_format"))
        self.assertEqual(sent.state, "pending", "one bad number does not stop the others")
        self.assertEqual(len(self.kavenegar.messages), 1)
        notification = self._notification(message).filtered(lambda n: n.sms_number == "09121110002")
        self.assertEqual((notification.notification_status, notification.failure_type), ("exception", "sms_number_format"))
        self.assertIn("411", notification.failure_reason)
        self.assertFalse(refused.sms_kavenegar_retry_at, "a refused number is not retried")

    def test_undelivered_reported_by_the_operator(self):
        self.kavenegar.undelivered_numbers.add("09121110004")
        message = self._post_sms("09121110004")
        sms = self._sms(message)
        self.assertEqual(sms.state, "pending")
        self.kavenegar.deliver_all()
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_not_delivered"))
        notification = self._notification(message)
        self.assertEqual((notification.notification_status, notification.failure_type),
                         ("exception", "sms_not_delivered"))
        self.assertEqual(sms.sms_tracker_id.sms_kavenegar_status, 11)

    @mute_logger("odoo.addons.sms_kavenegar.models.sms_sms")
    def test_provider_down_then_retried(self):
        start = datetime.datetime(2026, 5, 10, 8, 0)
        with freeze_time(start):
            self.kavenegar.down = 1
            message = self._post_sms("09121110005")
            sms = self._sms(message)
            self.assertEqual((sms.state, sms.failure_type), ("error", "sms_server"))
            self.assertEqual(sms.sms_kavenegar_attempts, 1)
            self.assertEqual(sms.sms_kavenegar_retry_at, start + datetime.timedelta(minutes=5))
            self.assertEqual(self._notification(message).notification_status, "exception")
            self.assertFalse(self.kavenegar.messages)
            self.env["sms.sms"]._cron_kavenegar_retry()
            self.assertEqual(sms.state, "error", "not before its delay")
        with freeze_time(start + datetime.timedelta(minutes=6)):
            self.kavenegar.down = 1  # still down: a longer wait
            self.env["sms.sms"]._cron_kavenegar_retry()
            self.assertEqual((sms.state, sms.sms_kavenegar_attempts), ("error", 2))
            self.assertEqual(sms.sms_kavenegar_retry_at, start + datetime.timedelta(minutes=16))
        with freeze_time(start + datetime.timedelta(minutes=17)):
            self.env["sms.sms"]._cron_kavenegar_retry()  # up again
        self.assertEqual(sms.state, "pending")
        self.assertEqual(len(self.kavenegar.sent_to("09121110005")), 1)
        self.assertEqual(self._notification(message).notification_status, "pending")
        self.assertTrue(sms.sms_tracker_id.sms_kavenegar_messageid)

    @mute_logger("odoo.addons.sms_kavenegar.models.sms_sms")
    def test_retries_stop_after_max_attempts(self):
        self.env["ir.config_parameter"].sudo().set_param("sms_kavenegar.max_attempts", "2")
        start = datetime.datetime(2026, 5, 10, 8, 0)
        with freeze_time(start):
            self.kavenegar.down = 5
            sms = self._sms(self._post_sms("09121110006"))
        with freeze_time(start + datetime.timedelta(minutes=6)):
            self.env["sms.sms"]._cron_kavenegar_retry()
        self.assertEqual((sms.state, sms.sms_kavenegar_attempts), ("error", 2))
        self.assertFalse(sms.sms_kavenegar_retry_at, "given up: a person resends it")
        self.kavenegar.down = 0
        sms.resend_failed()
        self.assertEqual((sms.state, sms.sms_kavenegar_attempts), ("pending", 0), "a person's resend starts afresh")
        self.assertEqual(len(self.kavenegar.sent_to("09121110006")), 1)

    def test_a_retry_after_a_lost_answer_is_not_sent_twice(self):
        """Kavenegar took the message but the answer was lost: the retry carries the same localid."""
        sms = self.env["sms.sms"].sudo().create({"number": "09121110007", "body": "once"})
        self.kavenegar._handle("/v1/%s/sms/send.json" % self.KAVENEGAR_KEY,
                               {"receptor": "09121110007", "message": "once", "localid": sms.uuid})
        sms.send()
        self.assertEqual(len(self.kavenegar.sent_to("09121110007")), 1)
        self.assertEqual(sms.state, "pending")

    def test_queue_without_notification_is_tracked(self):
        sms = self.env["sms.sms"].sudo().create({"number": "09121110008", "body": "from the queue"})
        sms.send()  # what the queue's cron does
        self.assertEqual(sms.state, "pending")
        self.assertTrue(sms.sms_tracker_id.sms_kavenegar_messageid, "a tracker is made for the delivery report")
        self.kavenegar.deliver_all()
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(sms.state, "sent")

    def test_delivery_by_localid(self):
        """A tracker without Kavenegar's id (the answer was lost) is looked up by its localid."""
        sms = self.env["sms.sms"].sudo().create({"number": "09121110009", "body": "lost answer"})
        self.kavenegar._handle("/v1/%s/sms/send.json" % self.KAVENEGAR_KEY,
                               {"receptor": "09121110009", "message": "lost answer", "localid": sms.uuid})
        tracker = self.env["sms.tracker"].sudo().create({
            "sms_uuid": sms.uuid, "sms_kavenegar_company_id": self.env.company.id})
        self.kavenegar.deliver_all()
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(tracker.sms_kavenegar_status, 10)
        self.assertTrue(tracker.sms_kavenegar_messageid)
        self.assertEqual(sms.state, "sent")

    def test_account_errors(self):
        self.kavenegar.credit = 0
        sms = self._sms(self._post_sms("09121110010"))
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_credit"))
        self.assertFalse(sms.sms_kavenegar_retry_at)
        self.kavenegar.credit = None
        self.env.company.sudo().sms_kavenegar_api_key = "wrong-key"
        sms = self._sms(self._post_sms("09121110011"))
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_acc"))
        self.env.company.sudo().sms_kavenegar_api_key = False
        sms = self._sms(self._post_sms("09121110012"))
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_acc"))
        self.assertFalse(self.kavenegar.messages)

    @mute_logger("odoo.addons.sms_kavenegar.models.sms_tracker")
    def test_poll_while_down_changes_nothing(self):
        sms = self._sms(self._post_sms("09121110013"))
        self.kavenegar.deliver_all()
        self.kavenegar.down = 1
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(sms.state, "pending")
        self.env["sms.tracker"]._cron_kavenegar_poll_delivery()
        self.assertEqual(sms.state, "sent")

    def test_nothing_to_a_number_that_opted_out(self):
        """Whoever queued it, a message to a blacklisted number is cancelled, not sent."""
        self.env["phone.blacklist"].sudo().add("+989121110015")
        message = self._post_sms("09121110015", "09121110016")
        sms = self._sms(message)
        refused = sms.filtered(lambda s: s.number == "09121110015")
        self.assertEqual((refused.state, refused.failure_type), ("canceled", "sms_blacklist"))
        notification = self._notification(message).filtered(lambda n: n.sms_number == "09121110015")
        self.assertEqual(notification.notification_status, "canceled")
        self.assertFalse(self.kavenegar.sent_to("09121110015"))
        self.assertEqual(len(self.kavenegar.sent_to("09121110016")), 1, "the others go")

    def test_a_new_municipality_sends_nothing_abroad(self):
        """A company is on Kavenegar from the start (Odoo's IAP would send abroad); without its key a
        message fails as an unregistered account and no request leaves the server."""
        other = self.env["res.company"].create({"name": "Kavenegar-less Municipality"})
        self.assertEqual(other.sms_provider, "kavenegar")
        sms = self.env["sms.sms"].sudo().with_company(other).create({"number": "09121110014", "body": "x"})
        self.assertEqual([type(api).__name__ for api, _sms in sms.with_company(other)._split_by_api()],
                         ["SmsApiKavenegar"])
        sent_before = len(self.kavenegar.sent_to("09121110014"))
        sms.with_company(other)._send(raise_exception=False)
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_acc"))
        self.assertEqual(len(self.kavenegar.sent_to("09121110014")), sent_before)

    def test_settings(self):
        settings = self.env["res.config.settings"].create({
            "sms_provider": "kavenegar", "sms_kavenegar_api_key": "new-key", "sms_kavenegar_sender": "2000500"})
        settings.execute()
        company = self.env.company.sudo()
        self.assertEqual((company.sms_kavenegar_api_key, company.sms_kavenegar_sender), ("new-key", "2000500"))
        self.assertEqual(company._get_sms_api_class().__name__, "SmsApiKavenegar")
