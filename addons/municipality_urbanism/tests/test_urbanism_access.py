"""Record rules of what hangs off a permit file (issue 11 item 10): an inspector reads the documents (their content
included), floors, engineers, inquiries, signatures, extension requests, supervisors' reports, certificates and
violations of the files assigned to them, and the measured floors, violations and certificates of their own visits,
never those of another inspector's file, however they ask (search, read, search_read, a grouped read); the unit,
the mayor and the commission's secretary read them all; nobody reads another municipality's. An inspector writes
none of them, and their visit still opens its violation. The mayor reads the renovation-toll batches."""

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .commission_common import CommissionCase


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestUrbanismAccess(CommissionCase):

    def _reassign(self, permit, inspector):
        """The head hands the file to another inspector (its visits stay those of the inspector who made them)."""
        permit.with_user(self.head).inspector_id = inspector
        self.assertEqual(permit.inspector_id, inspector)

    def _engineer(self, permit, partner):
        return self.env["municipality.permit.engineer"].with_user(self.front_desk).create({
            "permit_id": permit.id, "partner_id": partner.id, "licence_number": f"1-{permit.id}-77",
            "discipline": "structure", "role": "supervisor"})

    def _inquiry(self, permit, agency):
        inquiry = self.env["municipality.permit.inquiry"].with_user(self.expert).create({
            "permit_id": permit.id, "agency_id": agency.id, "subject": f"استعلام {permit.name}"})
        inquiry.with_user(self.expert).action_prepare_letter()
        return inquiry

    def _assert_reads(self, user, records, visible, fields):
        """``user`` finds, reads and groups exactly ``visible`` among ``records``, and reading any other is
        refused."""
        Model = self.env[records._name].with_user(user)
        domain = [("id", "in", records.ids)]
        label = f"{user.login} on {records._name}"
        self.assertEqual(Model.search(domain).ids, Model.browse(visible.ids).sorted().ids, label)
        self.assertEqual(sorted(row["id"] for row in Model.search_read(domain, fields)), sorted(visible.ids), label)
        self.assertEqual(sum(group["__count"] for group in Model.formatted_read_group(
            domain, aggregates=["__count"])), len(visible), label)
        if visible:
            self.assertEqual(len(visible.with_user(user).read(fields)), len(visible), label)
        for record in records - visible:
            with self.subTest(user=user.login, record=record), self.assertRaises(AccessError):
                record.with_user(user).read(fields)

    def _assert_write_refused(self, user, record, values):
        before = record.sudo().read(list(values))[0]
        with self.subTest(user=user.login, model=record._name), self.assertRaises(AccessError):
            record.with_user(user).write(values)
        record.invalidate_recordset()
        self.assertEqual(record.sudo().read(list(values))[0], before)

    # ------------------------------------------------------------------
    def test_an_inspector_reads_only_the_papers_of_the_files_assigned_to_them(self):
        mine = self._to_stage(self._new_permit(), "inquiries")
        theirs = self._to_stage(self._new_permit(floors=[(0, 100), (1, 100)]), "inquiries")
        self._reassign(theirs, self.other_inspector)
        for permit in (mine, theirs):
            self._engineer(permit, self.supervisor)
            self._inquiry(permit, self.agency)
        papers = {
            "municipality.permit.document": ["document_type_id", "file", "file_name", "permit_id"],
            "municipality.permit.floor": ["floor", "use", "area", "units", "permit_id"],
            "municipality.permit.engineer": ["partner_id", "licence_number", "permit_id"],
            "municipality.permit.inquiry": ["agency_id", "subject", "due_date", "state", "permit_id"],
            "municipality.permit.stage.log": ["stage_id", "date_start", "permit_id"],
        }
        for model, fields in papers.items():
            records = self.env[model].search([("permit_id", "in", (mine | theirs).ids)])
            of_mine = records.filtered(lambda r: r.permit_id == mine)
            of_theirs = records - of_mine
            self.assertTrue(of_mine and of_theirs, model)
            self._assert_reads(self.inspector, records, of_mine, fields)
            self._assert_reads(self.other_inspector, records, of_theirs, fields)
            for user in (self.front_desk, self.expert, self.head, self.mayor, self.secretary):
                self._assert_reads(user, records, records, fields)
        # the deed and IDs of another inspector's file, content included, are not read through the file either
        with self.assertRaises(AccessError):
            theirs.with_user(self.inspector).read(["document_ids"])
        self.assertFalse(self.env["municipality.permit.document"].with_user(self.inspector).search_read(
            [("permit_id", "=", theirs.id)], ["file"]))
        # an inspector reads and does not write: not even on their own file
        self._assert_write_refused(self.inspector, mine.document_ids[0], {"file_name": "forged.pdf"})
        fresh = self._new_permit()  # its floors may still change, but not by an inspector
        self._assert_write_refused(self.inspector, fresh.floor_ids[0], {"area": 10})
        self._assert_write_refused(self.inspector, mine.engineer_ids[0], {"licence_number": "0-0"})
        self._assert_write_refused(self.inspector, mine.inquiry_ids[0], {"subject": "استعلام دیگر"})
        self._assert_write_refused(self.other_inspector, mine.inquiry_ids[0], {"subject": "استعلام دیگر"})

    def test_an_inspector_reads_the_issued_file_s_records_of_their_files_and_visits(self):
        mine = self._issued_permit()
        theirs = self._issued_permit(floors=[(0, 100), (1, 100)])
        self._reassign(theirs, self.other_inspector)  # self.inspector made its visits before it changed hands
        Request = self.env["municipality.permit.extension.request"].with_user(self.front_desk)
        Report = self.env["municipality.construction.report"].with_user(self.expert)
        Certificate = self.env["municipality.building.certificate"].with_user(self.expert)
        frame = self.env.ref("municipality_urbanism.report_kind_frame")
        for permit in (mine, theirs):
            Request.create({"permit_id": permit.id, "kind": "extension", "reason": "تأخیر در تأمین مصالح"})
            Report.create({"permit_id": permit.id, "engineer_id": permit.engineer_ids.id, "kind_id": frame.id,
                           "floor": 1, "findings": "اسکلت طبقه اول مطابق نقشه", "progress_percent": 40})
            Certificate.create({"kind": "no_violation", "property_id": permit.property_id.id,
                                "permit_id": permit.id, "company_id": self.company.id})
        # another inspector's final visit on my file: its certificate is theirs to read as well
        final = self.env["municipality.inspection"].with_user(self.other_inspector).create({
            "permit_id": mine.id, "property_id": mine.property_id.id, "kind": "final",
            "findings": "ساختمان تکمیل شده", "outcome": "compliant"})
        final.with_user(self.other_inspector).action_done()
        on_final = Certificate.create({"kind": "completion", "property_id": mine.property_id.id,
                                       "permit_id": mine.id, "inspection_id": final.id,
                                       "company_id": self.company.id})
        files = mine | theirs
        checks = {
            "municipality.permit.signature": (["role", "user_id", "content_hash", "permit_id"], {}),
            "municipality.permit.extension.request": (["kind", "reason", "state", "permit_id"], {}),
            "municipality.construction.report": (["kind_id", "findings", "conforms", "permit_id"], {}),
            "municipality.building.certificate": (["kind", "state", "permit_id"], {"other": on_final}),
        }
        for model, (fields, extra) in checks.items():
            records = self.env[model].search([("permit_id", "in", files.ids)])
            of_mine = records.filtered(lambda r: r.permit_id == mine)
            of_theirs = records - of_mine
            self.assertTrue(of_mine and of_theirs, model)
            self._assert_reads(self.inspector, records, of_mine, fields)
            self._assert_reads(self.other_inspector, records, of_theirs | extra.get("other", records.browse()),
                               fields)
            for user in (self.front_desk, self.expert, self.mayor, self.secretary):
                self._assert_reads(user, records, records, fields)
        self._assert_write_refused(self.inspector, mine.signature_ids[0], {"role": "mayor"})
        certificate = self.env["municipality.building.certificate"].search([("permit_id", "=", mine.id)], limit=1)
        self._assert_write_refused(self.inspector, certificate, {"kind": "completion"})

    def test_an_inspector_reads_the_violations_of_their_files_and_visits_and_writes_none(self):
        mine = self._issued_permit()
        theirs = self._issued_permit(floors=[(0, 100), (1, 100)])
        self._reassign(theirs, self.other_inspector)
        Violation = self.env["municipality.violation"]
        # a visit of the other inspector on their file finds a violation: it opens without any write right
        visit = self.env["municipality.inspection"].with_user(self.other_inspector).create({
            "permit_id": theirs.id, "property_id": theirs.property_id.id, "kind": "construction",
            "findings": "پارکینگ به انباری تبدیل شده", "outcome": "violation", "violation_kind": "change_of_use"})
        self.assertFalse(Violation.with_user(self.other_inspector).has_access("write"))
        visit.with_user(self.other_inspector).action_done()
        found_by_them = visit.violation_ids
        self.assertEqual((found_by_them.kind, found_by_them.permit_id, found_by_them.state),
                         ("change_of_use", theirs, "open"))
        # my visit on a property without a file (building without a permit), and the expert's violations of each file
        bare = self.env["municipality.property"].create({
            "renovation_code": "88-21-9", "district_id": self.district.id, "land_area": 150,
            "company_id": self.company.id})
        mine_bare = self.env["municipality.inspection"].with_user(self.inspector).create({
            "property_id": bare.id, "kind": "construction", "findings": "ساخت بدون پروانه",
            "outcome": "violation", "measured_building_area": 90})
        mine_bare.with_user(self.inspector).action_done()
        found_by_me = mine_bare.violation_ids
        self.assertEqual((found_by_me.kind, found_by_me.measured_area), ("no_permit", 90))
        on_mine = self._violation(permit_id=mine.id)
        on_theirs = self._violation(permit_id=theirs.id)
        on_nobody_s = self._violation(prop=bare, kind="change_of_use", area=0)
        violations = found_by_them | found_by_me | on_mine | on_theirs | on_nobody_s
        fields = ["name", "kind", "measured_area", "description", "state", "property_id", "permit_id"]
        self._assert_reads(self.inspector, violations, found_by_me | on_mine, fields)
        self._assert_reads(self.other_inspector, violations, found_by_them | on_theirs, fields)
        for user in (self.front_desk, self.expert, self.mayor, self.secretary):
            self._assert_reads(user, violations, violations, fields)
        # the inspector reads the violations they found or of their files, but changes none of them
        for violation in (found_by_me, on_mine):
            self._assert_write_refused(self.inspector, violation, {"measured_area": 1, "description": "کم شد"})
        self._assert_write_refused(self.other_inspector, found_by_them, {"kind": "missing_parking"})

    def test_the_measured_floors_of_a_visit_are_its_inspector_s(self):
        permit = self._to_stage(self._new_permit(), "visit")
        visit = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": permit.property_id.id, "kind": "construction",
            "findings": "در حال ساخت", "measured_floor_ids": [(0, 0, {"floor": 0, "use": "residential", "area": 90})]})
        line = visit.measured_floor_ids
        Floor = self.env["municipality.inspection.floor"]
        self._assert_reads(self.inspector, line, line, ["floor", "use", "area"])
        self._assert_reads(self.other_inspector, line, Floor, ["floor", "use", "area"])
        for user in (self.front_desk, self.mayor, self.secretary):
            self._assert_reads(user, line, line, ["floor", "use", "area"])
        # another inspector neither changes, removes nor adds measurements to someone else's visit
        with self.assertRaises(AccessError):
            line.with_user(self.other_inspector).write({"area": 500})
        with self.assertRaises(AccessError):
            line.with_user(self.other_inspector).unlink()
        with self.assertRaises(AccessError):
            Floor.with_user(self.other_inspector).create({"inspection_id": visit.id, "floor": 1, "area": 500})
        self.assertEqual((line.exists().area, len(visit.measured_floor_ids)), (90, 1))
        line.with_user(self.inspector).write({"area": 95})  # the visit's own inspector, while it is open
        self.assertEqual(line.area, 95)

    def test_another_municipality_reads_none_of_these_records(self):
        permit = self._to_stage(self._new_permit(), "inquiries")
        self._inquiry(permit, self.agency)
        other_company = self.env["res.company"].create({"name": "شهرداری دیگر"})
        outsider = new_test_user(self.env, "up_expert_elsewhere", groups="municipality_urbanism.group_urbanism_head",
                                 company_id=other_company.id, company_ids=[other_company.id])
        for records in (permit.document_ids, permit.floor_ids, permit.inquiry_ids, permit.stage_log_ids):
            with self.subTest(model=records._name):
                Model = self.env[records._name].with_user(outsider).with_context(
                    allowed_company_ids=other_company.ids)
                self.assertFalse(Model.search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    Model.browse(records.ids).read(["permit_id"])
        self.assertTrue(self.env["municipality.permit.document"].with_user(self.head).search(
            [("id", "in", permit.document_ids.ids)]))

    def test_the_mayor_reads_the_renovation_toll_batches_and_runs_none(self):
        run = self.env["municipality.property"].with_user(self.cashier).run_renovation_toll(self.year_1405)
        Run = self.env["municipality.renovation.toll.run"].with_user(self.mayor)
        self.assertEqual(Run.search([("id", "=", run.id)]), run)
        self.assertEqual(Run.search_read([("id", "=", run.id)], ["fiscal_year_id", "state"])[0]["id"], run.id)
        self.assertEqual(Run.formatted_read_group([("id", "=", run.id)], aggregates=["__count"])[0]["__count"], 1)
        self._assert_write_refused(self.mayor, run, {"state": "draft"} if "state" in run._fields else
                                   {"fiscal_year_id": self.year_1405.id})
        with self.assertRaises(AccessError):
            Run.create({"fiscal_year_id": self.year_1405.id, "company_id": self.company.id})
        with self.assertRaises(AccessError):
            self.env["municipality.property"].with_user(self.mayor).run_renovation_toll(self.year_1405)
        other_company = self.env["res.company"].create({"name": "شهرداری دیگر"})
        self.mayor.sudo().write({"company_ids": [(4, other_company.id)]})
        self.assertFalse(Run.with_context(allowed_company_ids=other_company.ids).search([("id", "=", run.id)]))
