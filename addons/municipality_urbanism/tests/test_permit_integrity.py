"""The file's integrity: the request is locked once the zoning check is passed and the zoning check's findings
are never typed in; inquiries stay on the file once sent, one per agency, and a refusal stops the file; a site
visit recorded as done keeps its report. Over the ORM as each role's user, and over JSON-RPC."""

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .permit_common import PermitCase, PermitSetup

USER_ERROR = "odoo.exceptions.UserError"


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitIntegrity(PermitCase):

    def _floors(self, permit):
        return [(line.floor, line.use, line.area, line.units, line.excess_area) for line in permit.floor_ids]

    def test_request_is_open_until_the_zoning_check_is_passed(self):
        permit = self._new_permit()
        as_desk = permit.with_user(self.front_desk)
        self.assertFalse(as_desk.request_locked)
        as_desk.write({"parking_spaces": 3, "floor_ids": [(0, 0, {"floor": 3, "use": "residential", "area": 60})]})
        as_desk.floor_ids[0].write({"area": 110})
        as_desk.floor_ids[-1].unlink()
        self.assertEqual((permit.parking_spaces, permit.total_area), (3, 350))

    def test_floors_and_parking_locked_after_the_zoning_check(self):
        permit = self._to_stage(self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)]), "inquiries")
        self.assertTrue(permit.request_locked)
        before = self._floors(permit)
        other_property = self.env["municipality.property"].create({
            "renovation_code": "88-21-8", "district_id": self.district.id, "land_area": 900,
            "zoning_id": self.zoning.id, "company_id": self.company.id,
            "owner_share_ids": [(0, 0, {"partner_id": self.owner.id, "share_dang": 6})]})
        as_desk = permit.with_user(self.front_desk)
        line = as_desk.floor_ids[0]
        attempts = {
            "floor area": lambda: line.write({"area": 50}),
            "floor use": lambda: line.write({"use": "commercial"}),
            "new floor": lambda: self.env["municipality.permit.floor"].with_user(self.front_desk).create(
                {"permit_id": permit.id, "floor": 4, "use": "residential", "area": 10}),
            "floor removed": lambda: as_desk.floor_ids[-1].unlink(),
            "parking": lambda: as_desk.write({"parking_spaces": 0}),
            "floors through the file": lambda: as_desk.write({"floor_ids": [(1, line.id, {"area": 50})]}),
            "property": lambda: permit.with_user(self.head).write({"property_id": other_property.id}),
        }
        for what, attempt in attempts.items():
            with self.subTest(what=what), self.assertRaisesRegex(UserError, "zoning check"):
                attempt()
        permit.invalidate_recordset()
        self.assertEqual(self._floors(permit), before)
        self.assertEqual((permit.parking_spaces, permit.property_id), (2, self.property))
        # the fees are assessed on the floors the zoning check saw, and an issued permit stays as it was signed
        self._to_stage(permit, "issue")
        permit.with_user(self.head).action_issue()
        self.assertEqual(sorted(permit.sudo().assessment_ids.mapped("amount_total")), [88_000_000, 560_000_000])
        with self.assertRaisesRegex(UserError, "zoning check"):
            permit.with_user(self.head).floor_ids[0].write({"area": 500})
        self.assertEqual(permit.state, "issued")

    def test_excess_area_is_never_written_directly(self):
        permit = self._to_stage(self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)]), "zoning")
        permit.with_user(self.expert).action_zoning_check()
        top = permit.floor_ids.filtered("excess_area")
        self.assertEqual((top.floor, top.excess_area), (3, 80))
        Floor = self.env["municipality.permit.floor"]
        for user in (self.front_desk, self.head):
            attempts = {
                "excess on a floor": lambda: top.with_user(user).write({"excess_area": 0}),
                "excess through the file": lambda: permit.with_user(user).write(
                    {"floor_ids": [(1, top.id, {"excess_area": 0})]}),
                "new floor with its excess": lambda: Floor.with_user(user).create(
                    {"permit_id": permit.id, "floor": 4, "use": "residential", "area": 10, "excess_area": 1}),
                "excess of the file": lambda: permit.with_user(user).write({"zoning_excess_area": 0}),
                "zoning state": lambda: permit.with_user(user).write({"zoning_state": "ok"}),
            }
            for what, attempt in attempts.items():
                with self.subTest(user=user.login, what=what), self.assertRaisesRegex(UserError, "buttons"):
                    attempt()
        self.assertEqual((top.excess_area, permit.zoning_excess_area, permit.zoning_state), (80, 80, "excess"))
        # an application cannot bring its own excess either
        with self.assertRaisesRegex(UserError, "buttons"):
            self._new_permit(floor_ids=[(0, 0, {"floor": 0, "use": "residential", "area": 100, "excess_area": 5})])

    def test_floors_changed_at_the_zoning_stage_need_a_new_check(self):
        permit = self._to_stage(self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)]), "zoning")
        permit.with_user(self.expert).action_zoning_check()
        self.assertEqual(permit.zoning_state, "excess")
        # the floors grow after the check: the check no longer holds, the file waits for a new one
        permit.with_user(self.front_desk).floor_ids.filtered(lambda line: line.floor == 3).write({"area": 120})
        self.assertFalse(permit.zoning_state)
        with self.assertRaisesRegex(UserError, "zoning check"):
            permit.with_user(self.expert).action_next_stage()
        permit.with_user(self.expert).action_zoning_check()
        self.assertEqual((permit.zoning_state, permit.zoning_excess_area), ("excess", 90))
        permit.with_user(self.expert).action_next_stage()
        self.assertEqual(permit.stage_id.action, "inquiries")


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestInquiryIntegrity(PermitCase):

    def _inquiry(self, permit, agency=None, **values):
        return self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": (agency or self.agency).id, "subject": "استعلام میراث فرهنگی",
            **values})

    def _sent(self, permit, agency=None, **values):
        inquiry = self._inquiry(permit, agency, **values)
        inquiry.with_user(self.expert).action_prepare_letter()
        self._sign_and_register(inquiry.letter_id, self.expert)
        self.assertEqual(inquiry.state, "sent")
        return inquiry

    def test_a_sent_inquiry_is_not_deleted(self):
        permit = self._to_stage(self._new_permit(), "inquiries")
        draft = self._inquiry(permit)
        draft.with_user(self.expert).unlink()  # not sent yet: a mistake is removed
        inquiry = self._sent(permit)
        with self.assertRaisesRegex(UserError, "is sent"):
            inquiry.with_user(self.expert).unlink()
        with self.assertRaisesRegex(UserError, "is sent"):
            permit.with_user(self.expert).write({"inquiry_ids": [(2, inquiry.id)]})
        self.assertTrue(inquiry.exists())
        with self.assertRaisesRegex(UserError, "inquiries"):
            permit.with_user(self.expert).action_next_stage()
        # nor is what the letter asked changed afterwards (a shorter delay would close it as implied consent)
        for values in ({"answer_days": 1}, {"silence_is_consent": False}, {"agency_id": self.stranger.id},
                       {"permit_id": self._new_permit().id}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "is sent"):
                inquiry.with_user(self.expert).write(values)
        self.assertEqual((inquiry.answer_days, inquiry.permit_id), (60, permit))

    @mute_logger("odoo.sql_db")
    def test_one_inquiry_per_agency(self):
        permit = self._to_stage(self._new_permit(), "inquiries")
        self._inquiry(permit)
        with self.assertRaises(IntegrityError):
            self._inquiry(permit, subject="استعلام دوباره")
        self.assertEqual(len(permit.inquiry_ids), 1)
        other_agency = self.env["res.partner"].create({"name": "اداره آب و فاضلاب", "is_company": True})
        self._inquiry(permit, other_agency, subject="استعلام آب")
        self._inquiry(self._new_permit(), subject="استعلام پرونده دیگر")  # another file asks the same agency
        self.assertEqual(len(permit.inquiry_ids), 2)

    def test_a_refusal_stops_the_file(self):
        permit = self._to_stage(self._new_permit(), "inquiries")
        with self.assertRaisesRegex(UserError, "reply letter"):
            self._inquiry(permit, answer="consent")
        inquiry = self._sent(permit)
        with self.assertRaisesRegex(UserError, "reply letter"):
            inquiry.with_user(self.expert).write({"answer": "consent"})  # no reply yet
        reply = self._reply(inquiry.letter_id, permit)
        self.assertEqual((inquiry.state, inquiry.reply_letter_id), ("answered", reply))
        # a registered reply is not yet an answer: the expert reads it and records what the agency said
        with self.assertRaisesRegex(UserError, "record the answer .* استعلام میراث فرهنگی"):
            permit.with_user(self.expert).action_next_stage()
        self.assertEqual(permit.stage_id.action, "inquiries")
        inquiry.with_user(self.expert).write({"answer": "refusal"})
        with self.assertRaisesRegex(UserError, "cannot go on") as caught:
            permit.with_user(self.expert).action_next_stage()
        self.assertIn(self.agency.name, str(caught.exception))
        self.assertIn(reply.number, str(caught.exception))
        self.assertEqual(permit.stage_id.action, "inquiries")
        # the expert misread the letter: it consents with conditions, and the file moves on
        inquiry.with_user(self.expert).write({"answer": "conditions"})
        permit.with_user(self.expert).action_next_stage()
        self.assertNotEqual(permit.stage_id.action, "inquiries")

    def test_implied_consent_is_the_law_s_answer(self):
        permit = self._to_stage(self._new_permit(), "inquiries")
        inquiry = self._sent(permit, silence_is_consent=True)
        with freeze_time("2026-07-12 08:00:00"):  # two Jalali months after 1405/02/20
            self.env["municipality.permit.inquiry"]._cron_close_implied_consent()
        self.assertEqual((inquiry.state, inquiry.answer), ("implied_consent", "consent"))
        with self.assertRaisesRegex(UserError, "reply letter"):
            inquiry.with_user(self.expert).write({"answer": "refusal"})
        permit.with_user(self.expert).action_next_stage()
        self.assertNotEqual(permit.stage_id.action, "inquiries")


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestInspectionIntegrity(PermitCase):

    def test_a_done_visit_keeps_its_report(self):
        Inspection = self.env["municipality.inspection"].with_user(self.inspector)
        inspection = Inspection.create({
            "property_id": self.property.id, "kind": "final", "findings": "ساختمان مطابق پروانه",
            "outcome": "compliant", "measured_floor_ids": [(0, 0, {"floor": 0, "use": "residential", "area": 118})]})
        # while planned, the inspector corrects the report
        inspection.write({"measured_building_area": 118, "measured_floor_ids": [
            (0, 0, {"floor": 1, "use": "residential", "area": 118})]})
        inspection.measured_floor_ids[0].write({"area": 117})
        inspection.action_done()
        floor = inspection.measured_floor_ids[0]
        attempts = {
            "outcome": lambda: inspection.write({"outcome": "violation"}),
            "findings": lambda: inspection.write({"findings": "اضافه‌بنا در طبقه اول"}),
            "measured area": lambda: inspection.write({"measured_building_area": 300}),
            "measured floor": lambda: floor.with_user(self.inspector).write({"area": 300}),
            "floor through the visit": lambda: inspection.write({"measured_floor_ids": [(1, floor.id, {"area": 300})]}),
            "new measured floor": lambda: self.env["municipality.inspection.floor"].with_user(self.inspector).create(
                {"inspection_id": inspection.id, "floor": 2, "use": "commercial", "area": 50}),
            "measured floor removed": lambda: floor.with_user(self.inspector).unlink(),
            "the visit removed": lambda: inspection.with_user(self.expert).unlink(),
        }
        for what, attempt in attempts.items():
            with self.subTest(what=what), self.assertRaisesRegex(UserError, "recorded as done"):
                attempt()
        inspection.invalidate_recordset()
        self.assertEqual((inspection.outcome, inspection.measured_building_area), ("compliant", 118))
        self.assertEqual(inspection.measured_floor_ids.mapped("area"), [117, 118])


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestIntegrityInPersian(PermitCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(["municipality_urbanism"], ["fa_IR"], overwrite=True)

    def test_each_refusal_is_explained_in_persian(self):
        permit = self._to_stage(self._new_permit(), "inquiries")
        inquiry = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": self.agency.id, "subject": "استعلام میراث"})
        inquiry.with_user(self.expert).action_prepare_letter()
        self._sign_and_register(inquiry.letter_id, self.expert)
        reply = self._reply(inquiry.letter_id, permit)
        (self.front_desk | self.expert | self.inspector).write({"lang": "fa_IR"})
        fa = {"lang": "fa_IR"}
        with self.assertRaisesRegex(UserError, "از بررسی ضوابط طرح تفصیلی گذشته است: طبقات درخواستی دیگر"):
            permit.floor_ids[0].with_user(self.front_desk).with_context(fa).write({"area": 10})
        with self.assertRaisesRegex(UserError, "ارسال شده است: در پرونده می‌ماند"):
            inquiry.with_user(self.expert).with_context(fa).unlink()
        inquiry.with_user(self.expert).write({"answer": "refusal"})
        with self.assertRaisesRegex(UserError, "نمی‌تواند ادامه یابد: دستگاهی در پاسخ استعلام با آن مخالفت") as caught:
            permit.with_user(self.expert).with_context(fa).action_next_stage()
        self.assertIn(f"{self.agency.name} («استعلام میراث»، نامه پاسخ {reply.number})", str(caught.exception))
        visit = permit.inspection_ids
        with self.assertRaisesRegex(UserError, "انجام‌شده ثبت شده است: .* دیگر تغییر نمی‌کند"):
            visit.with_user(self.inspector).with_context(fa).write({"outcome": "violation"})


@tagged("post_install", "-at_install")
class TestPermitIntegrityOverRpc(PermitSetup, HttpCase):

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def _refused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught:
            self._call(model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), USER_ERROR)

    @mute_logger("odoo.http")
    def test_json_rpc_cannot_change_the_request_after_the_zoning_check(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit(floors=[(0, 110), (1, 110), (2, 110), (3, 110)])
            self._to_stage(permit, "fees")
        top = permit.floor_ids.filtered("excess_area")
        self.assertEqual(top.excess_area, 80)
        self.authenticate("up_front", "up_front")
        Floor = "municipality.permit.floor"
        for what, args in {
            "excess dropped": ("write", [top.id], {"excess_area": 0}),
            "area": ("write", [top.id], {"area": 10}),
            "new floor": ("create", [{"permit_id": permit.id, "floor": 4, "use": "residential", "area": 110}]),
            "floor removed": ("unlink", [top.id]),
        }.items():
            with self.subTest(what=what):
                self._refused(Floor, *args)
        for values in ({"parking_spaces": 0}, {"floor_ids": [(1, top.id, {"excess_area": 0})]},
                       {"floor_ids": [(2, top.id)]}, {"zoning_excess_area": 0}):
            with self.subTest(values=values):
                self._refused("municipality.permit", "write", permit.ids, values)
        permit.invalidate_recordset()
        self.assertEqual((top.exists().area, top.excess_area, permit.parking_spaces), (110, 80, 2))
        with freeze_time("2026-05-10 08:00:00"):
            permit.with_user(self.expert).action_assess_fees()
        self.assertEqual(sorted(permit.sudo().assessment_ids.mapped("amount_total")), [88_000_000, 560_000_000])

    @mute_logger("odoo.http")
    def test_json_rpc_cannot_drop_the_excess_before_the_zoning_check(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._new_permit()
        self.authenticate("up_front", "up_front")
        line = permit.floor_ids[0]
        self._refused("municipality.permit.floor", "write", line.ids, {"excess_area": 5})
        self._refused("municipality.permit.floor", "create",
                      [{"permit_id": permit.id, "floor": 5, "use": "residential", "area": 10, "excess_area": 5}])
        # what the front desk may still do before the check
        self._call("municipality.permit.floor", "write", line.ids, {"area": 100})
        line.invalidate_recordset()
        self.assertEqual((line.area, line.excess_area), (100, 0))

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_json_rpc_cannot_delete_a_sent_inquiry_nor_ask_twice(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._to_stage(self._new_permit(), "inquiries")
            inquiry = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
                "permit_id": permit.id, "agency_id": self.agency.id, "subject": "استعلام میراث"})
            inquiry.with_user(self.expert).action_prepare_letter()
            self._sign_and_register(inquiry.letter_id, self.expert)
        self.authenticate("up_expert", "up_expert")
        self._refused("municipality.permit.inquiry", "unlink", inquiry.ids)
        self._refused("municipality.permit.inquiry", "write", inquiry.ids, {"state": "answered"})
        self._refused("municipality.permit.inquiry", "write", inquiry.ids, {"answer": "consent"})
        with self.assertRaises(JsonRpcException) as caught:
            self._call("municipality.permit.inquiry", "create",
                       [{"permit_id": permit.id, "agency_id": self.agency.id, "subject": "دوباره"}])
        self.assertEqual(str(caught.exception), "odoo.exceptions.ValidationError")
        permit.invalidate_recordset()
        inquiry.invalidate_recordset()
        self.assertEqual(permit.inquiry_ids, inquiry)
        self.assertEqual(inquiry.state, "sent")

    @mute_logger("odoo.http")
    def test_json_rpc_cannot_change_a_done_visit(self):
        with freeze_time("2026-05-10 08:00:00"):
            permit = self._to_stage(self._new_permit(), "zoning")
        inspection = permit.inspection_ids
        self.assertEqual(inspection.state, "done")
        self.authenticate("up_inspector", "up_inspector")
        self._refused("municipality.inspection", "write", inspection.ids, {"outcome": "violation"})
        self._refused("municipality.inspection.floor", "create",
                      [{"inspection_id": inspection.id, "floor": 0, "use": "residential", "area": 10}])
        inspection.invalidate_recordset()
        self.assertEqual((inspection.outcome, len(inspection.measured_floor_ids)), ("compliant", 0))
