"""A permit issued on a property, Article 100 commission members, the finance toll types of the commission's fines
and of the renovation toll, and helpers to open violations and cases and to hold sessions."""

from odoo.tests import freeze_time, new_test_user

from .common import create_toll_type
from .permit_common import DAY, PermitCase


class CommissionCase(PermitCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        users = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.secretary = new_test_user(env, "up_a100_secretary", name="دبیر کمیسیون",
                                      groups="municipality_urbanism.group_urbanism_commission_secretary", **users)
        cls.toll_fine = create_toll_type(env, cls.company, "ART100_FINE", "جریمه کمیسیون ماده صد", [
            ("area", "مساحت تخلف"), ("transactional_value", "ارزش معاملاتی"), ("multiplier", "ضریب")])
        # a late penalty on the tariff, to show that a fine never gets one (ruling 227)
        env["municipality.toll.tariff"].create({
            "toll_type_id": cls.toll_fine.id, "fiscal_year_id": cls.year_1405.id,
            "formula": "area * transactional_value * multiplier", "penalty_percent": 2})
        cls.toll_renovation = create_toll_type(env, cls.company, "RENOV", "عوارض نوسازی",
                                               [("land_area", "مساحت زمین"), ("land_value", "ارزش زمین")])
        env["municipality.toll.tariff"].create({
            "toll_type_id": cls.toll_renovation.id, "fiscal_year_id": cls.year_1405.id,
            "formula": "land_area * land_value * 0.005"})
        Partner = env["res.partner"]
        names = ["قاضی اول", "نماینده وزارت کشور اول", "عضو شورا اول", "نماینده شهرداری",
                 "قاضی تجدیدنظر", "نماینده وزارت کشور تجدیدنظر", "عضو شورا تجدیدنظر"]
        (cls.judge, cls.interior, cls.council, cls.municipality_rep,
         cls.judge2, cls.interior2, cls.council2) = [Partner.create({"name": name}) for name in names]
        cls.supervisor = Partner.create({"name": "مهندس ناظر سازه"})
        cls.supervisor2 = Partner.create({"name": "مهندس ناظر معماری"})

    # ------------------------------------------------------------------
    def _issued_permit(self, floors=None, supervisors=None, prop=None):
        """A permit taken through every stage and issued, with its supervising engineers."""
        supervisors = supervisors or [(self.supervisor, "structure")]
        values = {"engineer_ids": [(0, 0, {"partner_id": partner.id, "licence_number": f"1-{index}-2345",
                                           "discipline": discipline, "role": "supervisor"})
                                   for index, (partner, discipline) in enumerate(supervisors)]}
        if prop:
            values["property_id"] = prop.id
        permit = self._new_permit(floors=floors, **values)
        self._to_stage(permit, "issue")
        permit.with_user(self.head).action_issue()
        self.assertEqual(permit.state, "issued")
        return permit

    def _violation(self, kind="excess_area", area=20, use="residential", prop=None, **values):
        return self.env["municipality.violation"].with_user(self.expert).create({
            "property_id": (prop or self.property).id, "kind": kind, "use": use, "measured_area": area, "floor": 2,
            "description": "طبقه دوم بیش از پروانه ساخته شده", "company_id": self.company.id, **values})

    def _submitted_case(self, violations):
        violations.with_user(self.expert).action_refer_to_commission()
        case = violations.case_id
        self.assertEqual(len(case), 1)
        case.with_user(self.secretary).action_submit()
        return case

    def _members(self, first=True, absent=(), votes=("for", "for", "for")):
        judge, interior, council = ((self.judge, self.interior, self.council) if first
                                    else (self.judge2, self.interior2, self.council2))
        lines = []
        for (partner, role), vote in zip(((judge, "judge"), (interior, "interior"), (council, "council")), votes):
            present = role not in absent
            lines.append((0, 0, {"partner_id": partner.id, "role": role, "present": present,
                                 "vote": vote if present else False}))
        lines.append((0, 0, {"partner_id": self.municipality_rep.id, "role": "municipality"}))
        return lines

    def _session(self, case, rulings, panel="first", members=None, date=DAY):
        """A session of ``panel`` with ``rulings``: [(violation, decision, {values})]."""
        return self.env["municipality.commission.session"].with_user(self.secretary).create({
            "case_id": case.id, "panel": panel, "date": date,
            "member_ids": members if members is not None else self._members(first=panel != "appeal"),
            "ruling_ids": [(0, 0, {"violation_id": violation.id, "decision": decision, **values})
                           for violation, decision, values in rulings]})

    def _fine(self, violation, multiplier=2):
        return (violation, "fine", {"multiplier": multiplier})

    def _final_fine_case(self, multiplier=2):
        """A case whose first ruling (a fine) became final without appeal; returns (case, violation)."""
        violation = self._violation()
        case = self._submitted_case(violation)
        self._session(case, [self._fine(violation, multiplier)]).action_decide()
        case.with_user(self.secretary).action_notify(DAY)
        with freeze_time("2026-05-21 08:00:00"):  # eleven days after the notice
            case.with_user(self.secretary).action_finalize()
        return case, violation
