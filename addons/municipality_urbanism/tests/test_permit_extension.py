from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.municipality_base.tools.jalali import to_jalali

from .common import create_toll_type
from .permit_common import DAY, PermitCase, PermitSetup


def jalali(value):
    day = to_jalali(value)
    return day.year, day.month, day.day


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")  # 1405/02/20: the permits are issued on this day
class TestPermitExtension(PermitCase):
    """Extension and renewal as requests on the same issued permit file, decided by the head of urban planning;
    the permit type (new building: start in 12 months, completion in 36, one 12-month extension) sets the rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)
        cls.permit_type.write({"start_deadline_months": 12, "completion_deadline_months": 36,
                               "max_extensions": 1, "extension_months": 12})

    def _issued(self):
        permit = self._to_stage(self._new_permit(), "issue")
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")
        return permit

    def _request(self, permit, kind="extension", user=None, submit=True):
        request = self.env["municipality.permit.extension.request"].with_user(user or self.front_desk).create({
            "permit_id": permit.id, "kind": kind, "reason": "تأخیر در تأمین مصالح"})
        if submit:
            request.with_user(user or self.front_desk).action_submit()
        return request

    def test_extension_requested_and_approved(self):
        permit = self._issued()
        self.assertEqual(jalali(permit.start_deadline), (1406, 2, 20))
        self.assertEqual(jalali(permit.completion_deadline), (1408, 2, 20))
        # the button on the permit opens a new request, an extension while one is left
        action = permit.with_user(self.front_desk).action_request_extension()
        self.assertEqual(action["res_model"], "municipality.permit.extension.request")
        self.assertEqual(action["context"], {"default_permit_id": permit.id, "default_kind": "extension"})
        request = self._request(permit)
        self.assertEqual(request.state, "requested")
        self.assertEqual(jalali(permit.start_deadline), (1406, 2, 20), "a request alone moves nothing")
        self.assertEqual(permit.with_user(self.front_desk).action_request_extension()["res_id"], request.id,
                         "the button opens the request waiting for a decision, not a second one")
        # the head (and the deputy, who may decide too) have it in their in-tray, not the front desk
        awaited = request.sudo().activity_ids
        self.assertEqual(awaited.user_id, self.head | self.deputy)
        self.assertEqual(awaited.activity_type_id, self.env.ref("municipality_base.mail_activity_type_approval"))
        self.assertIn(permit.permit_number, awaited[0].summary)
        sent = self.env["sms.sms"].sudo().search_count([("partner_id", "=", self.owner.id)])
        request.with_user(self.head).action_approve()
        self.assertFalse(request.sudo().activity_ids, "decided: nobody is awaited any more")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_by_id, self.head)
        self.assertEqual(jalali(permit.start_deadline), (1407, 2, 20), "moved by the type's 12 months")
        self.assertEqual(jalali(permit.completion_deadline), (1408, 2, 20), "still after the new start deadline")
        self.assertEqual(permit.extension_count, 1)
        self.assertEqual(jalali(request.previous_start_deadline), (1406, 2, 20))
        self.assertEqual(request.new_start_deadline, permit.start_deadline)
        self.assertEqual(permit.extension_request_count, 1)
        self.assertIn(request, permit.extension_request_ids)
        self.assertTrue(permit.message_ids.filtered(lambda m: "1407/02/20" in (m.body or "")
                                                    or "۱۴۰۷/۰۲/۲۰" in (m.body or "")))
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.owner.id)], order="id desc")
        self.assertEqual(len(sms), sent + 1)
        self.assertIn(permit.permit_number, sms[0].body)

    def test_extension_moves_completion_when_it_would_come_first(self):
        self.permit_type.write({"completion_deadline_months": 18})
        permit = self._issued()
        self._request(permit).with_user(self.head).action_approve()
        self.assertEqual(jalali(permit.start_deadline), (1407, 2, 20))
        self.assertEqual(permit.completion_deadline, permit.start_deadline)

    def test_refused_moves_nothing(self):
        permit = self._issued()
        start, completion = permit.start_deadline, permit.completion_deadline
        request = self._request(permit)
        with self.assertRaisesRegex(UserError, "reason"):
            request.with_user(self.head).action_refuse()
        self.assertTrue(request.sudo().activity_ids, "still the head's to decide")
        request.with_user(self.head).write({"refusal_reason": "عملیات ساختمانی آغاز نشده و دلیل موجه ندارد"})
        request.with_user(self.head).action_refuse()
        self.assertFalse(request.sudo().activity_ids, "decided: nobody is awaited any more")
        self.assertEqual(request.state, "refused")
        self.assertEqual((permit.start_deadline, permit.completion_deadline), (start, completion))
        self.assertEqual(permit.extension_count, 0)
        self.assertFalse(request.new_start_deadline)
        with self.assertRaises(UserError):
            request.with_user(self.head).action_approve()
        self.assertEqual(permit.start_deadline, start)

    def test_too_many_extensions_refused_in_persian(self):
        permit = self._issued()
        self._request(permit).with_user(self.head).action_approve()
        start = permit.start_deadline
        second = self._request(permit, submit=False)
        with self.assertRaisesRegex(UserError, "تمدید"):
            second.with_user(self.front_desk).with_context(lang="fa_IR").action_submit()
        self.assertEqual(second.state, "draft")
        self.assertEqual(permit.start_deadline, start)
        self.assertEqual(permit.extension_count, 1)
        # the draft is deleted; the button then proposes a renewal
        second.with_user(self.front_desk).unlink()
        self.assertEqual(permit.with_user(self.front_desk).action_request_extension()["context"]["default_kind"],
                         "renewal")

    def test_one_request_waits_at_a_time(self):
        permit = self._issued()
        self._request(permit)
        with self.assertRaisesRegex(UserError, "waiting"):
            self._request(permit)

    def test_renewal_after_the_extensions(self):
        permit = self._issued()
        with self.assertRaisesRegex(UserError, "extension, not a renewal"):
            self._request(permit, kind="renewal")
        self._request(permit).with_user(self.head).action_approve()
        with freeze_time("2028-06-01 08:00:00"):  # 1407/03/12: past the extended start deadline
            renewal = self._request(permit, kind="renewal")
            renewal.with_user(self.head).action_approve()
        self.assertEqual(renewal.state, "approved")
        self.assertEqual(jalali(permit.start_deadline), (1408, 3, 12), "the type's 12 months from the approval")
        self.assertEqual(jalali(permit.completion_deadline), (1410, 3, 12), "the type's 36 months from the approval")
        self.assertEqual(permit.extension_count, 1, "a renewal is not an extension")
        self.assertEqual(permit.state, "issued")

    def test_renewal_once_the_start_deadline_passed(self):
        permit = self._issued()
        with freeze_time("2027-06-01 08:00:00"):  # past 1406/02/20, the extension never asked for
            renewal = self._request(permit, kind="renewal")
            renewal.with_user(self.head).action_approve()
        self.assertEqual(jalali(permit.start_deadline), (1407, 3, 11))
        self.assertEqual(permit.extension_count, 0)

    # ------------------------------------------------------------------
    # The renewal fee: the permit type's fee lines that apply to renewals
    # ------------------------------------------------------------------
    def _renewal_fee_line(self):
        """A renewal fee of 5% of the permit toll's base, charged on renewals only, with its 1406 tariff."""
        toll = create_toll_type(self.env, self.company, "UP_RENEW", "عوارض تجدید پروانه",
                                [("area", "زیربنا"), ("regional_value", "ارزش منطقه‌ای")])
        self.permit_type.fee_line_ids = [(0, 0, {"toll_type_id": toll.id, "applies_to": "renewal", "sequence": 5})]
        return toll

    def _add_renewal_year(self, toll):
        year = self._add_year(1406)
        self.env["municipality.toll.tariff"].create({"toll_type_id": toll.id, "fiscal_year_id": year.id,
                                                    "formula": "area * regional_value * 0.05"})

    def _assessed(self, toll):
        return self.env["municipality.toll.assessment"].sudo().search([("toll_type_id", "=", toll.id)])

    def test_renewal_fee_assessed_once_on_approval(self):
        toll = self._renewal_fee_line()
        self._add_renewal_year(toll)
        permit = self._issued()
        # the permit's own fees leave out the renewal line
        self.assertNotIn(toll, permit.sudo().assessment_ids.toll_type_id)
        self.assertEqual(permit.sudo().assessment_ids.toll_type_id, self.toll_permit)
        self.assertNotIn(toll, [toll_type for toll_type, _amount in permit._estimate_fees()])
        self.assertFalse(self._assessed(toll))
        # an extension charges no renewal fee
        extension = self._request(permit)
        extension.with_user(self.head).action_approve()
        self.assertFalse(extension.sudo().assessment_ids)
        self.assertFalse(self._assessed(toll))
        hash_before = permit._content_hash()
        with freeze_time("2027-06-01 08:00:00"):  # 1406/03/11: the renewal is assessed with the 1406 tariff
            renewal = self._request(permit, kind="renewal")
            renewal.with_user(self.head).action_approve()
        assessment = self._assessed(toll)
        self.assertEqual(len(assessment), 1)
        self.assertEqual(renewal.sudo().assessment_ids, assessment)
        self.assertEqual(assessment.amount_total, 360 * 1_000_000 * 0.05, "the permit's 360 m², the 1406 tariff")
        self.assertEqual((assessment.partner_id, assessment.state, assessment.fiscal_year_id.jalali_year),
                         (self.owner, "confirmed", 1406))
        self.assertEqual((assessment.origin_model, assessment.origin_id), (renewal._name, renewal.id))
        self.assertEqual(renewal.renewal_fee_amount, 18_000_000)
        self.assertFalse(renewal.renewal_fees_paid)
        # linked to the file, apart from its own fees: the signed permit and its payment stage stay as they were
        self.assertEqual(permit.renewal_assessment_ids, assessment)
        self.assertNotIn(assessment, permit.sudo().assessment_ids)
        self.assertTrue(permit.is_paid)
        self.assertEqual(permit._content_hash(), hash_before)
        # the deadlines moved at the approval; the fee is owed on the property until paid
        self.assertEqual(jalali(permit.start_deadline), (1407, 3, 11))
        self.assertIn(assessment, self.property._unpaid_assessments())
        # approved once, assessed once
        with self.assertRaises(UserError):
            renewal.with_user(self.head).action_approve()
        self.assertEqual(len(self._assessed(toll)), 1)
        assessment._pay_in_full(date=date(2027, 6, 1))
        renewal.invalidate_recordset()
        self.assertTrue(renewal.renewal_fees_paid)
        self.assertNotIn(assessment, self.property._unpaid_assessments())
        self.assertEqual((permit.state, len(permit.signature_ids)), ("issued", 3))

    def test_refused_renewal_assesses_nothing(self):
        toll = self._renewal_fee_line()
        self._add_renewal_year(toll)
        permit = self._issued()
        with freeze_time("2027-06-01 08:00:00"):
            renewal = self._request(permit, kind="renewal")
            renewal.with_user(self.head).write({"refusal_reason": "پروانه مشمول تجدید نیست"})
            renewal.with_user(self.head).action_refuse()
        self.assertEqual(renewal.state, "refused")
        self.assertFalse(renewal.sudo().assessment_ids)
        self.assertFalse(self._assessed(toll))
        self.assertFalse(permit.renewal_assessment_ids)
        self.assertEqual(jalali(permit.start_deadline), (1406, 2, 20))

    def test_renewal_fee_not_computable_leaves_the_request_waiting(self):
        """No regional values (nor tariff) for 1406 yet: the approval is refused and nothing is written."""
        toll = self._renewal_fee_line()
        permit = self._issued()
        start, completion = permit.start_deadline, permit.completion_deadline
        with freeze_time("2027-06-01 08:00:00"):
            renewal = self._request(permit, kind="renewal")
            with self.assertRaisesRegex(UserError, "منطقه‌ای"):
                renewal.with_user(self.head).with_context(lang="fa_IR").action_approve()
        self.assertEqual(renewal.state, "requested")
        self.assertFalse(renewal.decided_by_id)
        self.assertEqual((permit.start_deadline, permit.completion_deadline), (start, completion))
        self.assertFalse(self._assessed(toll))

    def test_renewal_fee_line_kept_out_of_the_permit_fees(self):
        """A type whose only line is a renewal line charges the permit nothing at its fees stage."""
        toll = self._renewal_fee_line()
        self.permit_type.fee_line_ids.filtered(lambda line: line.applies_to == "permit").unlink()
        permit = self._to_stage(self._new_permit(), "fees")
        self.assertFalse(permit._fee_lines())
        self.assertEqual(permit._fee_lines("renewal").toll_type_id, toll)
        self.assertEqual(permit._estimate_fees(DAY), [])

    def test_request_on_a_file_not_issued_is_refused(self):
        permit = self._new_permit()
        with self.assertRaisesRegex(UserError, "issued"):
            self._request(permit)
        with self.assertRaisesRegex(UserError, "issued"):
            permit.with_user(self.front_desk).action_request_extension()
        self.assertFalse(permit.start_deadline)
        self.assertEqual(permit.extension_count, 0)

    def test_who_may_approve(self):
        permit = self._issued()
        start = permit.start_deadline
        request = self._request(permit)
        for user in (self.front_desk, self.expert):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_approve()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_refuse()
        self.assertEqual(request.state, "requested")
        self.assertEqual(permit.start_deadline, start)
        # an inspector or the mayor registers none; the mayor reads them, an inspector only those of their files
        for user in (self.inspector, self.mayor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._request(permit, user=user, submit=False)
        self.assertEqual(request.with_user(self.mayor).state, "requested")
        self.assertEqual(request.with_user(self.inspector).state, "requested")
        with self.assertRaises(AccessError):
            request.with_user(self.other_inspector).read(["state"])
        with self.assertRaises(AccessError):
            request.with_user(self.mayor).action_approve()
        request.with_user(self.head).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertNotEqual(permit.start_deadline, start)

    def test_deadlines_are_not_written_directly(self):
        """What JSON-RPC can do as any user: the deadlines, the count and the decision are workflow fields."""
        permit = self._issued()
        start = permit.start_deadline
        for values in ({"start_deadline": date(2030, 1, 1)}, {"completion_deadline": date(2030, 1, 1)},
                       {"extension_count": 0}):
            with self.subTest(values=values), self.assertRaises(UserError):
                permit.with_user(self.head).write(values)
        request = self._request(permit)
        for values in ({"state": "approved"}, {"new_start_deadline": date(2030, 1, 1)},
                       {"decided_by_id": self.head.id}):
            with self.subTest(values=values), self.assertRaises(UserError):
                request.with_user(self.head).write(values)
        with self.assertRaises(UserError):
            request.with_user(self.front_desk).write({"kind": "renewal"})
        with self.assertRaises(UserError):
            self.env["municipality.permit.extension.request"].with_user(self.head).create({
                "permit_id": permit.id, "kind": "extension", "reason": "-", "state": "approved"})
        with self.assertRaises(UserError):
            request.with_user(self.head).unlink()
        self.assertEqual(permit.start_deadline, start)
        self.assertEqual(request.state, "requested")


@tagged("post_install", "-at_install")
class TestPermitExtensionOverRpc(PermitSetup, HttpCase):
    """Over JSON-RPC, as the head of urban planning: the deadlines move only through an approved request."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    @mute_logger("odoo.http")
    def test_json_rpc_moves_the_deadlines_only_by_approving(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._to_stage(self._new_permit(), "issue")
            permit.with_user(self.head).action_issue()
        start = permit.start_deadline
        self.authenticate("up_head", "up_head")
        Request = "municipality.permit.extension.request"
        for model, method, args in (
                ("municipality.permit", "write", (permit.ids, {"start_deadline": "2030-01-01"})),
                ("municipality.permit", "write", (permit.ids, {"extension_count": 0})),
                (Request, "create", ([{"permit_id": permit.id, "kind": "extension", "reason": "-",
                                       "state": "approved", "new_start_deadline": "2030-01-01"}],))):
            with self.subTest(model=model, args=args), self.assertRaises(JsonRpcException) as caught:
                self._call(model, method, *args)
            self.assertEqual(str(caught.exception), "odoo.exceptions.UserError")
        with freeze_time("2026-05-10 08:00:00"):
            [request_id] = self._call(Request, "create", [{"permit_id": permit.id, "kind": "extension",
                                                          "reason": "بیماری مالک"}])
            self._call(Request, "action_submit", [request_id])
            with self.assertRaises(JsonRpcException):
                self._call(Request, "write", [request_id], {"state": "approved"})
            permit.invalidate_recordset()
            self.assertEqual(permit.start_deadline, start)
            self._call(Request, "action_approve", [request_id])
        permit.invalidate_recordset()
        self.assertEqual(jalali(permit.start_deadline), (1407, 2, 20))
        self.assertEqual(permit.extension_count, 1)
