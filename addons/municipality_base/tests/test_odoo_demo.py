from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOdooDemoArchived(TransactionCase):
    """Odoo's own demo (its users, the furniture shop's contacts, its employees, departments and jobs) is archived
    by the suite's demo, but for what the suite uses, renamed (issue 15 item 9)."""

    def _as_odoo_demo(self, xmlid, record):
        """``record`` under the XML id Odoo's demo files give it (this database has no demo data)."""
        module, name = xmlid.split(".")
        self.env["ir.model.data"].create({"module": module, "name": name, "model": record._name, "res_id": record.id})
        return record

    def test_odoo_s_demo_is_archived_and_what_the_suite_uses_renamed(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        Data = self.env["ir.model.data"]
        self.assertFalse(Data._xmlid_to_res_id("hr.employee_al"), "a database without Odoo's demo")
        shop = self._as_odoo_demo("base.res_partner_4", self.env["res.partner"].create({"name": "Ready Mat",
                                                                                        "is_company": True}))
        contact = self._as_odoo_demo("base.res_partner_address_13", self.env["res.partner"].create(
            {"name": "Edwin Hansen", "parent_id": shop.id}))
        used = self._as_odoo_demo("base.res_partner_12", self.env["res.partner"].create({"name": "Azure Interior"}))
        marc = self._as_odoo_demo("base.user_demo", self.env["res.users"].create({"name": "Marc Demo",
                                                                                 "login": "marc_demo_test"}))
        marc_employee = self._as_odoo_demo("hr.employee_qdp", self.env["hr.employee"].create(
            {"name": "Marc Demo", "user_id": marc.id}))
        rd = self._as_odoo_demo("hr.dep_rd", self.env["hr.department"].create({"name": "Research & Development"}))
        ronnie = self._as_odoo_demo("hr.employee_al", self.env["hr.employee"].create(
            {"name": "Ronnie Hart", "department_id": rd.id}))
        ceo = self._as_odoo_demo("hr.job_cto", self.env["hr.job"].create({"name": "Chief Technical Officer (test)"}))
        management = self._as_odoo_demo("hr.dep_management", self.env["hr.department"].create({"name": "Management"}))
        management.with_context(lang="fa_IR").name = "مدیریت"
        admin = self.env.ref("base.user_admin")
        admin_employee = admin.employee_ids[:1] or self.env["hr.employee"].create({"name": "مدیر", "user_id": admin.id})
        if not Data._xmlid_to_res_id("hr.employee_admin"):
            self._as_odoo_demo("hr.employee_admin", admin_employee)

        self.env["ir.module.module"]._archive_odoo_demo(
            ["base", "hr"], ["base.res_partner_12", "hr.dep_management"],
            {"hr.dep_management": "دفتر شهردار", "base.res_partner_12": "شرکت ملزومات اداری آریا"})

        for record in (shop, contact, marc, marc_employee, rd, ronnie, ceo, marc.partner_id):
            self.assertFalse(record.active, f"{record._name} {record.display_name} is still shown")
        for record in (used, management, admin, admin.partner_id, admin_employee, self.env.company.partner_id):
            self.assertTrue(record.active, f"{record._name} {record.display_name} was archived")
        self.assertEqual(used.name, "شرکت ملزومات اداری آریا")
        self.assertEqual(management.with_context(lang="en_US").name, "دفتر شهردار")
        self.assertEqual(management.with_context(lang="fa_IR").name, "دفتر شهردار")
        # the real demo files say which records are Odoo's demo: Marc Demo and the R&D department are among them
        demo = self.env["ir.module.module"]._odoo_demo_records(["base", "hr"])
        self.assertIn(marc, demo["res.users"])
        self.assertIn(rd, demo["hr.department"])
        self.assertNotIn(self.env.ref("base.main_partner"), demo.get("res.partner", self.env["res.partner"]))

    def test_odoo_s_demo_time_off_is_removed_with_its_calendar_events(self):
        """«Ronnie Hart on Time Off» in the municipality's calendar: Odoo's demo leaves and allocations of its
        archived demo people are deleted, their calendar events too; a municipal employee's time off stays."""
        if "hr.leave" not in self.env:
            self.skipTest("hr_holidays is not installed")
        ronnie = self._as_odoo_demo("hr.employee_al", self.env["hr.employee"].create({"name": "Ronnie Hart"}))
        clerk = self.env["hr.employee"].create({"name": "کارمند دبیرخانه"})
        leave_type = self.env["hr.leave.type"].create({
            "name": "استحقاقی (آزمون)", "requires_allocation": True, "create_calendar_meeting": True,
            "leave_validation_type": "hr", "allocation_validation_type": "hr"})
        allocations, leaves = self.env["hr.leave.allocation"], self.env["hr.leave"]
        for employee in (ronnie, clerk):
            allocation = allocations.create({
                "name": "سهمیه ۱۴۰۵", "employee_id": employee.id, "holiday_status_id": leave_type.id,
                "number_of_days": 10, "date_from": "2026-01-01", "date_to": "2026-12-31"})
            allocation.action_approve()
            leave = leaves.create({
                "name": "مرخصی", "employee_id": employee.id, "holiday_status_id": leave_type.id,
                "request_date_from": "2026-06-01", "request_date_to": "2026-06-02"})
            leave.action_approve()
            allocations |= allocation
            leaves |= leave
        self._as_odoo_demo("hr_holidays.hr_holidays_allocation_cl_al", allocations[0])
        self._as_odoo_demo("hr_holidays.hr_holidays_cl_qdp", leaves[0])
        self.assertEqual(leaves.mapped("state"), ["validate", "validate"])
        self.assertEqual(allocations.mapped("state"), ["validate", "validate"])
        meetings = leaves.meeting_id
        self.assertEqual(len(meetings), 2, "the approved leaves' calendar events")

        self.env["ir.module.module"]._remove_odoo_demo_time_off()

        self.assertFalse(leaves[0].exists() or allocations[0].exists(), "Odoo's demo time off is still there")
        self.assertFalse(meetings[0].exists(), "Odoo's demo leave's calendar event is still there")
        self.assertTrue(leaves[1].exists() and allocations[1].exists() and meetings[1].exists())
        self.assertEqual((leaves[1].state, meetings[1].active), ("validate", True))


@tagged("post_install", "-at_install")
class TestPersianWithOdooTerms(TransactionCase):
    """The demo activates Persian with the terms of the addons installed before it: Odoo's hr menus and fields
    were English on a database created without --load-language=fa_IR (issue 15, Odoo's hr in the demo)."""

    def test_persian_comes_with_odoo_s_hr_terms(self):
        menu = self.env.ref("hr.menu_hr_root")
        field = self.env["ir.model.fields"]._get("hr.employee", "department_id")
        if self.env["res.lang"]._get_data(code="fa_IR").code:
            self.skipTest("Persian was active on this database already")  # the template has only English
        self.env["ir.module.module"]._activate_language_with_terms("fa_IR")
        self.assertEqual(menu.with_context(lang="fa_IR").name, "کارمندان")
        self.assertEqual(field.with_context(lang="fa_IR").field_description, "دپارتمان")
        time_off = self.env.ref("hr_holidays.menu_hr_holidays_root", raise_if_not_found=False)
        if time_off:  # hr_holidays, when installed (the suite's HR addon brings it)
            self.assertEqual(time_off.with_context(lang="fa_IR").name, "مرخصی")
