"""A municipality with the chart of accounts, fiscal year 1405, a district with regional values, a zone,
the building-permit and density tolls, a secretariat, and a user for each role of a permit file."""

import base64
from datetime import date

from odoo.tests import TransactionCase, new_test_user
from odoo.tools import config

from odoo.addons.municipality_finance.tests.common import create_municipality

from .common import create_toll_type

PDF = base64.b64encode(b"%PDF-1.4\n%urbanism test\n").decode()
SIGNATURE_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
DAY = date(2026, 5, 10)  # 1405/02/20


class PermitSetup:
    """Mixed into a TransactionCase or an HttpCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون شهرسازی")
        env = cls.env
        cls.district = env["municipality.district"].create({"code": "88", "name": "منطقه آزمون ۸۸",
                                                            "company_id": cls.company.id})
        cls.zoning = env["municipality.zoning"].create({
            "code": "UP-R", "name": "مسکونی تراکم متوسط", "use": "residential", "max_density": 180,
            "max_floors": 4, "max_occupancy": 60, "company_id": cls.company.id})
        Partner = env["res.partner"]
        cls.owner = Partner.create({"name": "زهرا مالکی", "national_id": "0084575948", "mobile": "09123334455"})
        cls.stranger = Partner.create({"name": "ناصر غریبه", "national_id": "0499370899"})
        cls.agency = Partner.create({"name": "اداره میراث فرهنگی", "is_company": True})
        cls.property = env["municipality.property"].create({
            "renovation_code": "88-21-7", "district_id": cls.district.id, "land_area": 200, "zoning_id": cls.zoning.id,
            "company_id": cls.company.id, "owner_share_ids": [(0, 0, {"partner_id": cls.owner.id, "share_dang": 6})]})
        cls.toll_permit = create_toll_type(env, cls.company, "UP_BP", "عوارض پروانه",
                                           [("area", "زیربنا"), ("regional_value", "ارزش منطقه‌ای")])
        cls.toll_density = create_toll_type(env, cls.company, "UP_DENS", "عوارض مازاد تراکم", [
            ("excess_area", "مساحت مازاد"), ("regional_value", "ارزش منطقه‌ای"), ("floor_number", "طبقه")])
        cls.year_1405 = cls._add_year(1405)
        cls.permit_type = env.ref("municipality_urbanism.permit_type_new_building")
        cls.permit_type.fee_line_ids = [(0, 0, {"toll_type_id": cls.toll_permit.id, "sequence": 1}),
                                        (0, 0, {"toll_type_id": cls.toll_density.id, "per_floor": True,
                                                "only_with_excess": True, "sequence": 2})]
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        group = "municipality_urbanism.group_urbanism_"
        cls.front_desk = new_test_user(env, "up_front", groups=f"{group}front_desk", **users)
        cls.inspector = new_test_user(env, "up_inspector", groups=f"{group}inspector", **users)
        cls.other_inspector = new_test_user(env, "up_inspector2", groups=f"{group}inspector", **users)
        cls.expert = new_test_user(env, "up_expert", groups=f"{group}expert", **users)
        cls.head = new_test_user(env, "up_head", groups=f"{group}head", name="رئیس شهرسازی", **users)
        cls.deputy = new_test_user(env, "up_deputy", groups=f"{group}deputy", name="معاون شهرسازی", **users)
        cls.mayor = new_test_user(env, "up_mayor", groups="municipality_finance.group_municipality_mayor",
                                  name="شهردار", **users)
        cls.clerk = new_test_user(env, "up_clerk", groups="office_automation.group_office_secretariat_clerk", **users)
        cls.cashier = new_test_user(env, "up_cashier", groups="municipality_finance.group_finance_accountant", **users)
        cls.expert.sudo().office_signature = SIGNATURE_PNG
        cls.secretariat = env["office.secretariat"].create({
            "name": "دبیرخانه آزمون", "code": "UP", "number_pattern": "{jyear}/{seq}/{code}",
            "company_id": cls.company.id, "user_ids": [(6, 0, (cls.clerk | cls.expert).ids)]})
        cls.doc_deed = env.ref("municipality_urbanism.document_type_deed")
        cls.doc_id = env.ref("municipality_urbanism.document_type_owner_id")
        cls.doc_drawings = env.ref("municipality_urbanism.document_type_drawings")
        cls.doc_commitment = env.ref("municipality_urbanism.document_type_engineer_commitment")

    @classmethod
    def _add_year(cls, jalali_year):
        """Fiscal year ``jalali_year`` with its regional values and the permit tolls' tariffs."""
        env = cls.env
        year = env["municipality.fiscal.year"].create({"jalali_year": jalali_year, "company_id": cls.company.id})
        env["municipality.regional.value"].create({
            "fiscal_year_id": year.id, "district_id": cls.district.id, "block": "21",
            "land_value": 1_000_000, "building_value": 600_000, "transactional_value": 400_000,
            "company_id": cls.company.id})
        env["municipality.toll.tariff"].create([
            {"toll_type_id": cls.toll_permit.id, "fiscal_year_id": year.id, "formula": "area * regional_value * 0.2"},
            {"toll_type_id": cls.toll_density.id, "fiscal_year_id": year.id,
             "formula": "excess_area * regional_value * (5 if floor_number <= 1 else 7)"}])
        return year

    def setUp(self):
        super().setUp()
        config.options["office_signature_key"] = "urbanism tests"
        self.addCleanup(config.options.pop, "office_signature_key", None)

    def _new_permit(self, applicant=None, role="owner", floors=None, user=None, **values):
        vals = {
            "permit_type_id": self.permit_type.id, "property_id": self.property.id,
            "applicant_id": (applicant or self.owner).id, "applicant_role": role, "inspector_id": self.inspector.id,
            "company_id": self.company.id, "parking_spaces": 2,
            "floor_ids": [(0, 0, {"floor": f, "use": "residential", "area": a, "units": 1})
                          for f, a in (floors or [(0, 120), (1, 120), (2, 120)])],
            "document_ids": [(0, 0, {"document_type_id": self.doc_deed.id, "file": PDF, "file_name": "deed.pdf"}),
                             (0, 0, {"document_type_id": self.doc_id.id, "file": PDF, "file_name": "ids.pdf"})],
        }
        vals.update(values)
        return self.env["municipality.permit"].with_user(user or self.front_desk).create(vals)

    def _visit(self, permit):
        inspection = self.env["municipality.inspection"].with_user(self.inspector).create({
            "permit_id": permit.id, "property_id": permit.property_id.id, "kind": "permit",
            "findings": "زمین خالی، مطابق سند", "outcome": "compliant", "measured_land_area": 200})
        inspection.with_user(self.inspector).action_done()
        return inspection

    def _sign_and_register(self, letter, signer):
        letter.sudo().signature_ids = [(0, 0, {"sequence": 0, "user_id": signer.id})]
        letter.sudo().action_request_signatures()
        letter.with_user(signer).action_sign()
        letter.with_user(self.clerk).action_register()

    def _reply(self, letter, permit):
        reply = self.env["office.letter"].with_user(self.clerk).create({
            "subject": "پاسخ استعلام", "letter_type": "incoming", "secretariat_id": self.secretariat.id,
            "sender_partner_id": self.agency.id, "sender_number": "۱۴۰۵/۸۸", "sender_date": DAY,
            "link_ids": [(0, 0, {"linked_letter_id": letter.id, "link_type": "reply"})]})
        reply.with_user(self.clerk).action_register()
        return reply

    def _to_stage(self, permit, action):
        """Walk ``permit`` through its stages, doing each one's work, until it reaches ``action``."""
        while permit.stage_id.action != action:
            current = permit.stage_id.action
            if current == "application":
                permit.with_user(self.front_desk).action_next_stage()
            elif current == "visit":
                self._visit(permit)
                permit.with_user(self.inspector).action_next_stage()
            elif current == "zoning":
                permit.with_user(self.expert).action_zoning_check()
                permit.with_user(self.expert).action_next_stage()
            elif current == "drawings":
                permit.with_user(self.expert).write({"document_ids": [
                    (0, 0, {"document_type_id": self.doc_drawings.id, "file": PDF, "file_name": "plans.pdf"}),
                    (0, 0, {"document_type_id": self.doc_commitment.id, "file": PDF, "file_name": "forms.pdf"})]})
                permit.with_user(self.expert).action_next_stage()
            elif current == "fees":
                permit.with_user(self.expert).action_assess_fees()
                permit.with_user(self.expert).action_next_stage()
            elif current == "payment":
                permit.sudo().assessment_ids._pay_in_full(date=DAY)
            elif current == "signatures":
                for user in (self.head, self.deputy, self.mayor):
                    permit.with_user(user).action_sign()
            else:
                permit.with_user(self.expert).action_next_stage()
        return permit


class PermitCase(PermitSetup, TransactionCase):
    pass
