from odoo.tests import tagged

from .test_tolls import TollsCase


@tagged("post_install", "-at_install")
class TestTollSms(TollsCase):
    """The citizen gets an SMS with the toll, its payment ID and the link to pay it (Odoo's SMS queue)."""

    def _sms(self, assessment):
        return self.env["sms.sms"].sudo().search([
            ("mail_message_id.model", "=", assessment._name), ("mail_message_id.res_id", "=", assessment.id)])

    def test_assessed_toll_goes_by_sms_with_its_payment_link(self):
        self.citizen.mobile = "+98 912 345 6780"
        assessment = self._assess()
        sms = self._sms(assessment)
        self.assertEqual((sms.number, sms.state), ("09123456780", "outgoing"))
        self.assertIn(assessment.payment_id, sms.body)
        self.assertIn("%d" % assessment.amount_total, sms.body)
        self.assertIn(f"/my/invoices/{assessment.invoice_id.id}?access_token={assessment.invoice_id.access_token}",
                      sms.body)
        self.assertEqual(sms.mail_message_id.message_type, "sms", "the assessment's chatter shows it")

    def test_no_sms_without_a_mobile_or_to_a_number_that_opted_out(self):
        self.assertFalse(self._sms(self._assess()), "no mobile")
        self.citizen.mobile = "09123456781"
        self.env["phone.blacklist"].sudo().add("+989123456781")
        self.assertFalse(self._sms(self._assess()), "opted out")
        self.assertFalse(self.env["sms.sms"].sudo().search([("number", "=", "09123456781")]))
