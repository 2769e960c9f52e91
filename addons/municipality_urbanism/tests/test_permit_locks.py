"""What a permit file was opened and decided on stays as it was: its permit type from the start, its applicant
once the request is locked, its documents and engineers once it is no longer in progress — refused to a plain
``write``/``create``/``unlink`` (what JSON-RPC sends), never to the superuser."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .commission_common import CommissionCase
from .permit_common import PDF

OTHER_PDF = base64.b64encode(b"%PDF-1.4\n%another deed\n").decode()


@tagged("post_install", "-at_install")
@freeze_time("2026-05-10 08:00:00")
class TestPermitLocks(CommissionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school = cls.env.ref("municipality_urbanism.permit_type_school")
        cls.attorney = cls.env["res.partner"].create({"name": "وکیل آزمون"})

    # ------------------------------------------------------------------ permit type
    def test_permit_type_is_set_when_the_file_is_opened(self):
        permit = self._new_permit()  # the front desk opens it with its type
        self.assertEqual((permit.permit_type_id, permit.stage_id.action), (self.permit_type, "application"))
        stage = permit.stage_id
        for user in (self.front_desk, self.expert, self.head):
            with self.assertRaisesRegex(UserError, "permit type of file"):
                permit.with_user(user).write({"permit_type_id": self.school.id})
        self.assertEqual((permit.permit_type_id, permit.stage_id), (self.permit_type, stage))
        # writing the same type again changes nothing and is not refused (a form saving every field)
        permit.with_user(self.front_desk).write({"permit_type_id": self.permit_type.id, "parking_spaces": 3})
        self.assertEqual((permit.permit_type_id, permit.parking_spaces), (self.permit_type, 3))

    def test_a_file_at_its_payment_stage_is_not_switched_to_a_fee_exempt_type(self):
        """The audit's case: switched to the school type at its payment stage, moved on, switched back."""
        permit = self._to_stage(self._new_permit(), "payment")
        self.assertFalse(permit.is_paid)
        with self.assertRaises(UserError):
            permit.with_user(self.front_desk).write({"permit_type_id": self.school.id})
        self.assertEqual(permit.permit_type_id, self.permit_type)
        with self.assertRaisesRegex(UserError, "paid"):
            permit.with_user(self.front_desk).action_next_stage()
        self.assertEqual((permit.state, permit.stage_id.action), ("in_progress", "payment"))
        # the superuser (a data fix) is not refused
        permit.sudo().write({"permit_type_id": self.school.id})
        self.assertEqual(permit.permit_type_id, self.school)

    # ------------------------------------------------------------------ applicant
    def test_applicant_changes_until_the_request_is_locked(self):
        permit = self._new_permit()
        permit.with_user(self.front_desk).write({"applicant_id": self.attorney.id, "applicant_role": "attorney"})
        permit.with_user(self.front_desk).write({"applicant_id": self.owner.id, "applicant_role": "owner"})
        self._to_stage(permit, "inquiries")
        self.assertTrue(permit.request_locked)
        for vals in ({"applicant_id": self.attorney.id}, {"applicant_role": "attorney"},
                     {"applicant_id": self.attorney.id, "applicant_role": "attorney"}):
            with self.assertRaisesRegex(UserError, "passed its zoning check"):
                permit.with_user(self.front_desk).write(vals)
        self.assertEqual((permit.applicant_id, permit.applicant_role), (self.owner, "owner"))

    def test_applicant_of_an_issued_permit_is_kept(self):
        permit = self._issued_permit()
        signed = permit.signature_ids.mapped("content_hash")
        for user in (self.front_desk, self.head):
            with self.assertRaises(UserError):
                permit.with_user(user).write({"applicant_id": self.stranger.id})
            with self.assertRaises(UserError):
                permit.with_user(user).write({"applicant_role": "attorney"})
        self.assertEqual((permit.applicant_id, permit.applicant_role), (self.owner, "owner"))
        self.assertEqual(permit._content_hash(), signed[0], "what the signatures signed still holds")

    # ------------------------------------------------------------------ documents
    def _attachment(self, document):
        return self.env["ir.attachment"].sudo().search([
            ("res_model", "=", document._name), ("res_id", "=", document.id), ("res_field", "=", "file")])

    def test_documents_of_an_issued_permit_are_kept(self):
        permit = self._issued_permit()
        documents = permit.document_ids
        deed = documents.filtered(lambda d: d.document_type_id == self.doc_deed)
        before = sorted((d.document_type_id.id, d.file_name, d.file) for d in documents)
        attachment = self._attachment(deed)
        self.assertTrue(attachment)
        Document = self.env["municipality.permit.document"]
        for user in (self.front_desk, self.head):
            with self.assertRaisesRegex(UserError, "is Issued: its documents"):
                Document.with_user(user).create({"permit_id": permit.id, "document_type_id": self.doc_deed.id,
                                                 "file": OTHER_PDF, "file_name": "deed2.pdf"})
            with self.assertRaises(UserError):
                deed.with_user(user).write({"file": OTHER_PDF, "file_name": "deed2.pdf"})
            with self.assertRaises(UserError):
                deed.with_user(user).unlink()
            # through the file's form (one2many commands)
            with self.assertRaises(UserError):
                permit.with_user(user).write({"document_ids": [(0, 0, {
                    "document_type_id": self.doc_deed.id, "file": OTHER_PDF, "file_name": "deed2.pdf"})]})
            with self.assertRaises(UserError):
                permit.with_user(user).write({"document_ids": [(2, deed.id)]})
            with self.assertRaises(UserError):
                permit.with_user(user).write({"document_ids": [(1, deed.id, {"file_name": "x.pdf"})]})
            # nor through the stored file's attachment
            with self.assertRaises(AccessError):
                attachment.with_user(user).write({"datas": OTHER_PDF})
            with self.assertRaises(AccessError):
                attachment.with_user(user).unlink()
        permit.invalidate_recordset()
        documents.invalidate_recordset()
        self.assertEqual(permit.document_ids, documents)
        self.assertEqual(sorted((d.document_type_id.id, d.file_name, d.file) for d in documents), before)
        self.assertTrue(attachment.exists())
        # reading them is still allowed (the portal's download, the inspector)
        self.assertEqual(deed.with_user(self.inspector).file_name, "deed.pdf")
        self.assertEqual(attachment.with_user(self.head).datas.decode(), PDF)

    def test_documents_of_a_refused_or_cancelled_file_are_kept(self):
        for state in ("refused", "cancelled"):
            permit = self._new_permit()
            permit.sudo().write({"state": state})
            with self.assertRaisesRegex(UserError, "its documents"):
                permit.document_ids[:1].with_user(self.front_desk).unlink()
            with self.assertRaisesRegex(UserError, "its engineers"):
                self.env["municipality.permit.engineer"].with_user(self.front_desk).create({
                    "permit_id": permit.id, "partner_id": self.supervisor.id, "licence_number": "1-1",
                    "discipline": "structure"})
            self.assertEqual(len(permit.document_ids), 2)
            self.assertFalse(permit.engineer_ids)

    def test_documents_and_engineers_change_while_the_file_is_in_progress(self):
        permit = self._new_permit()
        deed = permit.document_ids.filtered(lambda d: d.document_type_id == self.doc_deed)
        deed.with_user(self.front_desk).write({"file": OTHER_PDF, "file_name": "deed2.pdf"})
        permit.with_user(self.front_desk).write({"engineer_ids": [(0, 0, {
            "partner_id": self.supervisor.id, "licence_number": "1-1", "discipline": "structure"})]})
        self._to_stage(permit, "payment")  # the drawings stage adds documents as the expert
        self.assertEqual(len(permit.document_ids), 4)
        permit.engineer_ids.with_user(self.front_desk).write({"licence_number": "1-2"})
        self.assertEqual((deed.file_name, permit.engineer_ids.licence_number), ("deed2.pdf", "1-2"))

    # ------------------------------------------------------------------ engineers
    def test_engineers_of_an_issued_permit_are_kept(self):
        permit = self._issued_permit(supervisors=[(self.supervisor, "structure"), (self.supervisor2, "architecture")])
        engineers = permit.engineer_ids
        before = sorted((e.partner_id.id, e.licence_number, e.discipline, e.role) for e in engineers)
        structure = engineers.filtered(lambda e: e.discipline == "structure")
        Engineer = self.env["municipality.permit.engineer"]
        for user in (self.front_desk, self.head):
            with self.assertRaisesRegex(UserError, "is Issued: its engineers"):
                Engineer.with_user(user).create({"permit_id": permit.id, "partner_id": self.stranger.id,
                                                 "licence_number": "9-9", "discipline": "structure"})
            with self.assertRaises(UserError):
                structure.with_user(user).write({"partner_id": self.stranger.id})
            with self.assertRaises(UserError):
                structure.with_user(user).unlink()
            with self.assertRaises(UserError):
                permit.with_user(user).write({"engineer_ids": [(2, structure.id)]})
            with self.assertRaises(UserError):
                permit.with_user(user).write({"engineer_ids": [(5, 0, 0)]})
        # an engineer of another file is not moved onto the issued one either
        other = self._new_permit(engineer_ids=[(0, 0, {"partner_id": self.stranger.id, "licence_number": "9-9",
                                                       "discipline": "structure"})])
        with self.assertRaises(UserError):
            other.engineer_ids.with_user(self.front_desk).write({"permit_id": permit.id})
        permit.invalidate_recordset()
        self.assertEqual(permit.engineer_ids, engineers)
        self.assertEqual(sorted((e.partner_id.id, e.licence_number, e.discipline, e.role) for e in engineers), before)
        # the supervisors still report on the issued permit (their reports name them)
        report = self.env["municipality.construction.report"].with_user(self.expert).create({
            "permit_id": permit.id, "engineer_id": structure.id, "findings": "پی مطابق نقشه",
            "kind_id": self.env.ref("municipality_urbanism.report_kind_frame").id})
        self.assertEqual(report.engineer_id, structure)
        # the superuser (a data fix) is not refused
        structure.sudo().write({"licence_number": "1-0-2345"})
        self.assertEqual(structure.licence_number, "1-0-2345")
