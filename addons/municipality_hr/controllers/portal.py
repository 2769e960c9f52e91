"""Employee self-service on the portal: an employee's own payslips, decrees and leave, nothing of anyone else.

Every page finds the employee of the logged-in user (``hr.employee.user_id``) and reads only records of that
employee: another employee's payslip or decree answers 404, as does a user who is no employee.
"""

import re

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.municipality_base.tools.jalali import format_jalali, parse_jalali
from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

#: The printed payslip (written in the payslip reports); until it is installed the portal offers no payslip PDF.
PAYSLIP_REPORT = "municipality_hr.action_report_payslip"
DECREE_REPORT = "municipality_hr.action_report_hr_decree"
#: States in which an employee sees a payslip (as the record rules say in the back office).
PAYSLIP_VISIBLE = ("approved", "posted", "paid")
DECREE_VISIBLE = ("approved", "superseded")
PAGE_SIZE = 20


class MunicipalityHrPortal(CustomerPortal):

    # ------------------------------------------------------------------ helpers

    def _use_user_language(self):
        """The pages speak the user's language (Persian for a Persian user, with Jalali dates), whatever the
        browser asks for."""
        lang = request.env["res.lang"]._get_data(code=request.env.user.lang or "")
        if lang.code and lang.code != request.env.lang:
            request.lang = lang
            request.update_context(lang=lang.code)

    def _user_date(self, day):
        """``day`` as the user reads dates: a Jalali date (``1404/05/11``; Persian digits for a user who chose
        them or reads Persian) for a user whose calendar is Jalali, whatever their language; ``None`` for a
        Gregorian user (the page then shows the field as usual)."""
        user = request.env.user
        if not day or user.calendar != "jalali":
            return None
        persian = user.calendar_digits == "persian" or (request.env.lang or "").startswith("fa")
        return format_jalali(day, persian_digits=persian)

    def _my_employee(self):
        """The employee of the logged-in user (sudo, at most one), or an empty recordset."""
        user = request.env.user
        if user._is_public():
            return request.env["hr.employee"].sudo()
        return request.env["hr.employee"].sudo().search(
            [("user_id", "=", user.id), ("company_id", "in", user.company_ids.ids)], limit=1)

    def _my_payslips(self, employee):
        return request.env["municipality.payslip"].sudo().search(
            [("employee_id", "=", employee.id), ("state", "in", PAYSLIP_VISIBLE)]) if employee else \
            request.env["municipality.payslip"].sudo()

    def _my_decrees(self, employee):
        return request.env["municipality.hr.decree"].sudo().search(
            [("employee_id", "=", employee.id), ("state", "in", DECREE_VISIBLE)]) if employee else \
            request.env["municipality.hr.decree"].sudo()

    def _own_record(self, model, record_id, states):
        """The record ``record_id`` of ``model`` if it belongs to the user's employee and is visible; else 404."""
        employee = self._my_employee()
        record = request.env[model].sudo().browse(record_id).exists()
        if not employee or not record or record.employee_id != employee or record.state not in states:
            raise request.not_found()
        return record

    @staticmethod
    def _report(report_ref):
        return request.env.ref(report_ref, raise_if_not_found=False)

    def _pdf_response(self, report_ref, record):
        report = self._report(report_ref)
        if not report:
            raise request.not_found()
        pdf = report.sudo().with_company(record.company_id)._render_qweb_pdf(report_ref, record.ids)[0]
        filename = "%s.pdf" % re.sub(r"[^\w-]+", "_", record.display_name or record._name)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", content_disposition(filename))])

    def _leave_balance(self, employee):
        """``[(leave type, {remaining, taken, allocated})]`` of the leave types the employee has allocations of."""
        if not employee:
            return []
        types = request.env["hr.leave.type"].sudo().search(
            [("requires_allocation", "=", True), ("company_id", "in", [employee.company_id.id, False])])
        data = types.get_allocation_data(employee)[employee]
        by_name = {leave_type.name: leave_type for leave_type in types}
        return [(by_name[name], values) for name, values, *_rest in data
                if name in by_name and (values.get("max_leaves") or values.get("leaves_taken"))]

    def _requestable_leave_types(self, employee):
        """The Iranian leave types (country Iran) the employee may ask for: not an absence, and of a type needing
        an allocation only with days left."""
        if not employee:
            return request.env["hr.leave.type"]
        absence = request.env.ref("municipality_hr.leave_type_absence", raise_if_not_found=False)
        types = request.env["hr.leave.type"].sudo().search([
            ("country_id.code", "=", "IR"), ("company_id", "in", [employee.company_id.id, False]),
            ("id", "!=", absence.id if absence else 0)])
        return types.with_context(employee_id=employee.id).filtered(
            lambda leave_type: not leave_type.requires_allocation or leave_type.virtual_remaining_leaves > 0)

    # ------------------------------------------------------------------ /my

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the /my page itself: the employee's cards and leave balance
            self._use_user_language()
            employee = self._my_employee()
            values["hr_self_service"] = employee and {
                "employee": employee, "balance": self._leave_balance(employee)}
        if {"payslip_count", "decree_count"} & set(counters):
            employee = self._my_employee()
            if "payslip_count" in counters:
                values["payslip_count"] = len(self._my_payslips(employee)) if employee else 0
            if "decree_count" in counters:
                values["decree_count"] = len(self._my_decrees(employee)) if employee else 0
        return values

    @http.route("/my/payslips", type="http", auth="user", website=True)
    def portal_my_payslips(self, page=1, **kw):
        self._use_user_language()
        employee = self._my_employee()
        if not employee:
            raise request.not_found()
        slips = self._my_payslips(employee)
        pager = portal_pager(url="/my/payslips", total=len(slips), page=page, step=PAGE_SIZE)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "municipality_payslips", "employee": employee, "pager": pager,
            "payslips": slips[pager["offset"]:pager["offset"] + PAGE_SIZE],
            "payslip_pdf": bool(self._report(PAYSLIP_REPORT)),
        })
        return request.render("municipality_hr.portal_my_payslips", values)

    @http.route("/my/payslips/<int:payslip_id>", type="http", auth="user", website=True)
    def portal_my_payslip(self, payslip_id, report_type=None, download=False, **kw):
        self._use_user_language()
        slip = self._own_record("municipality.payslip", payslip_id, PAYSLIP_VISIBLE)
        if report_type == "pdf":
            return self._pdf_response(PAYSLIP_REPORT, slip)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "municipality_payslip", "payslip": slip,
                       "payslip_pdf": bool(self._report(PAYSLIP_REPORT))})
        return request.render("municipality_hr.portal_my_payslip", values)

    @http.route("/my/decrees", type="http", auth="user", website=True)
    def portal_my_decrees(self, page=1, **kw):
        self._use_user_language()
        employee = self._my_employee()
        if not employee:
            raise request.not_found()
        decrees = self._my_decrees(employee)
        pager = portal_pager(url="/my/decrees", total=len(decrees), page=page, step=PAGE_SIZE)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "municipality_decrees", "employee": employee, "pager": pager,
                       "decrees": decrees[pager["offset"]:pager["offset"] + PAGE_SIZE]})
        return request.render("municipality_hr.portal_my_decrees", values)

    @http.route("/my/decrees/<int:decree_id>", type="http", auth="user", website=True)
    def portal_my_decree(self, decree_id, report_type=None, **kw):
        self._use_user_language()
        decree = self._own_record("municipality.hr.decree", decree_id, DECREE_VISIBLE)
        if report_type == "pdf":
            return self._pdf_response(DECREE_REPORT, decree)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "municipality_decree", "decree": decree})
        return request.render("municipality_hr.portal_my_decree", values)

    # ------------------------------------------------------------------ leave

    @http.route("/my/leave", type="http", auth="user", website=True)
    def portal_my_leave(self, **kw):
        self._use_user_language()
        employee = self._my_employee()
        if not employee:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        leaves = request.env["hr.leave"].sudo().search([("employee_id", "=", employee.id)],
                                                       order="request_date_from desc", limit=50)
        values.update({
            "page_name": "municipality_leave", "employee": employee, "balance": self._leave_balance(employee),
            "leaves": leaves, "leave_types": self._requestable_leave_types(employee),
            "error": kw.get("error"), "sent": kw.get("sent"), "form": kw, "user_date": self._user_date,
        })
        return request.render("municipality_hr.portal_my_leave", values)

    @http.route("/my/leave/request", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_leave_request(self, **post):
        self._use_user_language()
        employee = self._my_employee()
        if not employee:
            raise request.not_found()
        leave_type = self._requestable_leave_types(employee).filtered(
            lambda leave_type: str(leave_type.id) == post.get("leave_type_id"))
        try:
            if not leave_type:
                raise UserError(_("Choose a type of leave you may request."))
            try:
                date_from = parse_jalali(post.get("date_from") or "")
                date_to = parse_jalali(post.get("date_to") or post.get("date_from") or "")
                if not all(1921 <= day.year <= 2121 for day in (date_from, date_to)):  # Jalali 1300-1500
                    raise ValueError("not a Jalali year")
            except ValueError:
                raise UserError(_("Write the dates in the Jalali calendar as year/month/day, e.g. 1404/05/12.")) \
                    from None
            if date_to < date_from:
                raise UserError(_("The leave ends before it starts."))
            # created with the employee's own rights (hr_holidays lets an employee ask leave for themselves)
            with request.env.cr.savepoint():
                request.env["hr.leave"].with_company(employee.company_id).create({
                    "employee_id": employee.id, "holiday_status_id": leave_type.id,
                    "request_date_from": date_from, "request_date_to": date_to,
                    "name": (post.get("description") or "").strip()[:200] or False,
                })
        except (UserError, ValidationError, AccessError) as error:
            return self.portal_my_leave(error=error.args[0] if error.args else str(error),
                                        **{key: post.get(key) for key in ("leave_type_id", "date_from", "date_to",
                                                                          "description")})
        return request.redirect("/my/leave?sent=1")
