from odoo.tests import TransactionCase

from odoo.addons.sms_kavenegar.tools.kavenegar_double import KavenegarDouble


class KavenegarCase(TransactionCase):
    """A company sending through the Kavenegar double (a real HTTP server on a local port).

    Other addons' tests reuse it: ``self.kavenegar`` is the double (``messages``, ``sent_to``, ``down``,
    ``invalid_numbers``, ``undelivered_numbers``, ``deliver_all()``)."""

    KAVENEGAR_KEY = "test-kavenegar-key"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kavenegar = KavenegarDouble(api_key=cls.KAVENEGAR_KEY).start()
        cls.addClassCleanup(cls.kavenegar.stop)
        cls.env["ir.config_parameter"].sudo().set_param("sms_kavenegar.base_url", cls.kavenegar.base_url)
        cls.env["ir.config_parameter"].sudo().set_param("sms_kavenegar.timeout", "3")
        cls.env.company.sudo().write({
            "sms_provider": "kavenegar", "sms_kavenegar_api_key": cls.KAVENEGAR_KEY,
            "sms_kavenegar_sender": "10004346",
        })

    def setUp(self):
        super().setUp()
        self.kavenegar.reset()

    def _notification(self, message):
        return message.notification_ids.filtered(lambda n: n.notification_type == "sms")
