from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import MONTH_NAMES_LATIN, month_bounds, to_jalali

from ..tools import payslip as payslip_tools

MONTHS = [(str(month), name) for month, name in enumerate(MONTH_NAMES_LATIN, start=1)]


def current_jalali_period(record):
    """(Jalali year, month) of today in Tehran: the default period of a payroll run and of a month's hours."""
    today = to_jalali(record._today_in_iran())
    return today.year, today.month
#: Pay items fed by the month's inputs, by the key ``tools.payslip`` returns them under.
_HOUR_CODES = {"OVERTIME": "overtime_hours", "NIGHT": "night_hours", "HOLIDAY": "holiday_hours"}
PAYROLL_OFFICER = "municipality_hr.group_payroll_officer"
FINANCE_DIRECTOR = "municipality_finance.group_finance_director"


class MunicipalityPayrollRun(models.Model):
    """The payroll of a Jalali month for the municipality, a department or an
    insurance workshop: one payslip per employee with a decree in force.

    *Compute* (payroll officer) builds the payslips from the decrees in force
    and the month's inputs; computing again gives the same result and keeps
    the inputs. The finance director *approves*; *Post* creates the run's one
    journal entry and consumes the personnel budget; the run is *paid* by a
    payment order of finance. An approved run cannot be changed.
    """

    _name = "municipality.payroll.run"
    _description = "Payroll Run"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "move_id", "approved_by_id", "approved_on", "payment_order_id")
    _order = "jalali_year desc, jalali_month desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    run_type = fields.Selection(
        [("regular", "Monthly Payroll"), ("bonus", "Year-end Bonus"), ("severance", "Severance")],
        string="Type", required=True, default="regular")
    jalali_year = fields.Integer(string="Year", required=True, default=lambda self: self._default_period()[0])
    jalali_month = fields.Selection(MONTHS, string="Month", required=True,
                                    default=lambda self: str(self._default_period()[1]))
    period = fields.Char(compute="_compute_dates", store=True, index=True, help="The Jalali month, e.g. 1404/02.")
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    department_id = fields.Many2one("hr.department", string="Department", check_company=True,
                                    help="Only this department and its sub-departments; empty for all.")
    workshop_id = fields.Many2one("municipality.hr.workshop", string="Insurance Workshop", check_company=True,
                                  help="Only the employees listed in this workshop; empty for all.")
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("approved", "Approved"), ("posted", "Posted"),
         ("paid", "Paid"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    parameter_id = fields.Many2one("municipality.hr.year.parameter", string="Year Parameters", readonly=True,
                                   copy=False)
    parameters_verified = fields.Boolean(related="parameter_id.verified")
    payslip_ids = fields.One2many("municipality.payslip", "run_id", string="Payslips")
    payslip_count = fields.Integer(compute="_compute_totals")
    gross = fields.Monetary(compute="_compute_totals")
    net = fields.Monetary(string="Net Pay", compute="_compute_totals")
    tax = fields.Monetary(string="Wage Tax", compute="_compute_totals")
    insurance_employee = fields.Monetary(string="Employee Insurance", compute="_compute_totals")
    insurance_employer = fields.Monetary(string="Employer Insurance", compute="_compute_totals")
    insurance_unemployment = fields.Monetary(string="Unemployment Insurance", compute="_compute_totals")
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    payment_journal_id = fields.Many2one(
        "account.journal", string="Paid From", check_company=True, domain="[('type', '=', 'bank')]",
        help="The municipality's bank account the net pay leaves from.")
    payment_bank_account_id = fields.Many2one(
        "res.partner.bank", string="Group Transfer Account", check_company=True,
        domain="[('partner_id', '=', company_partner_id), ('is_sheba', '=', True)]",
        help="The municipality's own Sheba the bank debits for the group transfer of the net pay; it must be "
             "trusted by finance.")
    company_partner_id = fields.Many2one(related="company_id.partner_id")
    payment_order_id = fields.Many2one("municipality.payment.order", string="Payment Order", readonly=True,
                                       copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)

    def _default_period(self):
        return current_jalali_period(self)

    @api.depends("jalali_year", "jalali_month")
    def _compute_dates(self):
        for run in self:
            if run.jalali_year and run.jalali_month and 1300 <= run.jalali_year <= 1500:
                month = int(run.jalali_month)
                run.period = f"{run.jalali_year}/{month:02d}"
                run.date_from, run.date_to = month_bounds(run.jalali_year, month)
            else:
                run.period = run.date_from = run.date_to = False

    @api.depends("period", "run_type", "department_id", "workshop_id")
    def _compute_name(self):
        for run in self:
            # a stored name is written in the municipality's language, whoever creates the run
            types = dict(self._fields["run_type"]._description_selection(run._in_company_language().env))
            scope = run.department_id.name or run.workshop_id.name or ""
            name = f"{types.get(run.run_type, '')} {to_persian_digits(run.period or '')}"
            run.name = f"{name} - {scope}" if scope else name

    def _in_company_language(self):
        """This run in the municipality's language: the labels stored on its name and its journal entry are the
        company's, not those of whoever computes or posts it."""
        return self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)

    def _compute_totals(self):
        totals = {run.id: values for run, *values in self.env["municipality.payslip"]._read_group(
            [("run_id", "in", self.ids)], ["run_id"],
            ["__count", "gross:sum", "net:sum", "tax:sum", "insurance_employee:sum", "insurance_employer:sum",
             "insurance_unemployment:sum"])}
        for run in self:
            values = totals.get(run.id, [0] * 7)
            (run.payslip_count, run.gross, run.net, run.tax, run.insurance_employee, run.insurance_employer,
             run.insurance_unemployment) = values

    @api.constrains("jalali_year")
    def _check_year(self):
        for run in self:
            if not 1300 <= run.jalali_year <= 1500:
                raise ValidationError(self.env._("The year of a payroll run is a Jalali year such as 1404."))

    @api.model_create_multi
    def create(self, vals_list):
        runs = super().create(vals_list)
        runs._check_month_not_posted()
        return runs

    def write(self, vals):
        if "state" in vals:
            # the payslips carry their run's state (record rules and locks read it there)
            self.payslip_ids.sudo().write({"state": vals["state"]})
        if not self.env.su and set(vals) & {"jalali_year", "jalali_month", "department_id", "workshop_id",
                                            "run_type", "company_id"}:
            if any(run.state != "draft" for run in self):
                raise UserError(self.env._(
                    "The month and scope of a computed payroll run cannot change; reset it or create another run."))
        result = super().write(vals)
        if set(vals) & {"jalali_year", "jalali_month", "department_id", "workshop_id", "run_type"}:
            self._check_month_not_posted()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for run in self:
            if run.state not in ("draft", "computed", "cancelled"):
                raise UserError(self.env._(
                    "Payroll run %(run)s has been approved: it cannot be deleted.", run=run.name))

    def _check_month_not_posted(self):
        """A month whose payroll (of an overlapping scope) is posted or paid takes no new run of that type."""
        for run in self:
            others = self.sudo().search([
                ("company_id", "=", run.company_id.id), ("period", "=", run.period), ("run_type", "=", run.run_type),
                ("state", "in", ("posted", "paid")), ("id", "!=", run.id)])
            for other in others:
                if run._scope_overlaps(other):
                    raise UserError(self.env._(
                        "The payroll of %(period)s is already posted (%(run)s); arrears and corrections go in the "
                        "next month's payroll.", period=to_persian_digits(run.period), run=other.name))

    def _scope_overlaps(self, other):
        """Whether two runs may pay the same employee (by their department and workshop filters)."""
        self.ensure_one()
        if self.workshop_id and other.workshop_id and self.workshop_id != other.workshop_id:
            return False
        if self.department_id and other.department_id:
            mine = self.env["hr.department"].sudo().search([("id", "child_of", self.department_id.id)])
            theirs = self.env["hr.department"].sudo().search([("id", "child_of", other.department_id.id)])
            return bool(mine & theirs)
        return True

    # ------------------------------------------------------------------ compute

    def _check_payroll_officer(self):
        if not self.env.user.has_group(PAYROLL_OFFICER):
            raise AccessError(self.env._("Only payroll officers compute and post payroll runs."))

    def _employees_in_scope(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        if self.workshop_id:
            domain.append(("workshop_id", "=", self.workshop_id.id))
        return self.env["hr.employee"].sudo().with_context(active_test=False).search(domain)

    def action_compute(self):
        """(Re)compute the payslips: idempotent, the month's inputs are kept."""
        self._check_payroll_officer()
        for run in self:
            if run.state not in ("draft", "computed"):
                raise UserError(self.env._(
                    "Payroll run %(run)s is %(state)s: an approved run cannot be computed again.",
                    run=run.name, state=run._selection_labels("state")[run.state]))
            run._compute_payslips()
        return True

    def _compute_payslips(self):
        self.ensure_one()
        if self.run_type != "regular":
            return self._compute_special_payslips()
        sudo = self.sudo()
        parameter = self.env["municipality.hr.year.parameter"]._for_year(self.jalali_year, self.company_id)
        employees = self._employees_in_scope()
        in_force = self.env["municipality.hr.decree"]._decrees_in_force(employees, self.date_from, self.date_to)
        self._check_employees_have_decrees(employees)
        employees = employees.filtered(lambda employee: employee in in_force)
        self._check_no_overlap(employees)
        inputs = {slip.employee_id.id: slip._inputs() for slip in sudo.payslip_ids}
        month_inputs = self._month_inputs(employees)
        sudo.payslip_ids.unlink()
        items = self._pay_items()
        arrears = self._arrears(employees)
        common = {"company_id": self.company_id.id, "state": "computed", "run_type": self.run_type,
                  "period": self.period, "date_from": self.date_from,
                  "date_to": self.date_to}
        params_cache, flags_cache = {}, {}
        slip_vals, line_vals = [], []
        for employee in employees:
            values = {**inputs.get(employee.id, {}), **month_inputs.get(employee.id, {})}
            result, segments, extra = self._compute_one(employee, in_force[employee], parameter, values,
                                                        arrears.get(employee.id), params_cache, flags_cache)
            last_decree = in_force[employee][-1][2]
            slip_vals.append({
                **common,
                "run_id": self.id, "employee_id": employee.id,
                "department_id": (last_decree.department_id or employee.department_id).id,
                "workshop_id": employee.workshop_id.id,
                "decree_ids": [fields.Command.set([decree.id for _start, _end, decree in in_force[employee]])],
                **values,
                "paid_days": result["paid_days"], "insurance_days": result["insurance_days"],
                "daily_wage": result["daily_wage"], "gross": result["gross"],
                "arrears": sum(amount for code, amount in result["arrears"].items() if code != "MISSION"),
                "insurable": result["insurable"], "taxable": result["taxable"],
                "insurance_employee": result["insurance"].get("employee", 0),
                "insurance_employer": result["insurance"].get("employer", 0),
                "insurance_unemployment": result["insurance"].get("unemployment", 0),
                "tax": result["tax"], "deductions": sum(result["deductions"].values()), "net": result["net"],
                "computation": {"segments": segments, "inputs": extra, "year": self.jalali_year,
                                "month": int(self.jalali_month)},
            })
            line_vals.append(self._line_values(result, items))
        slips = sudo.env["municipality.payslip"].create(slip_vals)
        lines = []
        for slip, vals, vals_list in zip(slips, slip_vals, line_vals):
            common = {"payslip_id": slip.id, "run_id": self.id, "employee_id": vals["employee_id"],
                      "department_id": vals["department_id"], "company_id": self.company_id.id}
            for line in vals_list:
                lines.append(dict(line, **common))
        sudo.env["municipality.payslip.line"].create(lines)
        sudo.write({"state": "computed", "parameter_id": parameter.id})

    def _month_inputs(self, employees):
        """``{employee id: {leave_unpaid_days, approved_*}}``: the month's validated unpaid leave (in the Jalali
        month's bounds, Tehran time) and the hours approved by the unit manager, set on the payslips."""
        self.ensure_one()
        unpaid = self.env["hr.leave"]._municipality_unpaid_days(employees, self.date_from, self.date_to)
        result = self.env["municipality.hr.monthly.hours"]._approved_for_period(employees, self.period)
        empty = {"leave_unpaid_days": 0, "approved_overtime_hours": 0, "approved_night_hours": 0,
                 "approved_holiday_hours": 0, "approved_shift_percent": False}
        return {employee.id: {**empty, **result.get(employee.id, {}),
                              "leave_unpaid_days": unpaid.get(employee.id, 0)} for employee in employees}

    def _check_employees_have_decrees(self, employees):
        """An employee on the personnel file (with a personnel number) must be paid by decree."""
        Decree = self.env["municipality.hr.decree"].sudo()
        with_decree = set(Decree._read_group(
            [("employee_id", "in", employees.ids), ("state", "=", "approved")], [], ["employee_id:array_agg"])[0][0]
            or [])
        missing = employees.filtered(lambda e: e.active and e.personnel_number and e.id not in with_decree)
        if missing:
            raise UserError(self.env._(
                "These employees have no approved decree, so no version to be paid by: %(names)s. Issue and "
                "approve their decrees, or take them out of the run's scope.",
                names=", ".join(missing[:10].mapped("name"))))

    def _check_no_overlap(self, employees):
        """An employee is paid once a month per type of run."""
        Payslip = self.env["municipality.payslip"].sudo()
        clashes = Payslip.search([
            ("employee_id", "in", employees.ids), ("period", "=", self.period), ("run_type", "=", self.run_type),
            ("run_id", "!=", self.id), ("state", "!=", "cancelled")], limit=1)
        if clashes:
            raise UserError(self.env._(
                "Payroll run %(run)s already pays %(employee)s for %(period)s: two runs of a month cannot pay "
                "the same employee.", run=clashes.run_id.name, employee=clashes.employee_id.name,
                period=to_persian_digits(self.period)))

    def _pay_items(self):
        Item = self.env["municipality.pay.item"].sudo()
        items = {}
        for item in Item.search([("company_id", "in", [self.company_id.id, False])], order="company_id desc"):
            items.setdefault(item.code, item)
        return items

    @api.model
    def _segments(self, periods, parameter, flags_cache=None):
        """The decree periods of a month as ``tools.payslip`` takes them."""
        flags_cache = {} if flags_cache is None else flags_cache
        segments = []
        for start, end, decree in periods:
            segment_items = []
            for line in decree.line_ids:
                item = line.pay_item_id
                key = (parameter.id, item.id)
                if key not in flags_cache:
                    flags_cache[key] = (item.code, *parameter._item_flags(item), item.insurance_column == "wage")
                code, insurable, taxable, base_wage = flags_cache[key]
                segment_items.append({"code": code, "amount": int(line.amount), "insurable": insurable,
                                      "taxable": taxable, "base_wage": base_wage})
            segments.append({"first_day": to_jalali(start).day, "last_day": to_jalali(end).day,
                             "items": segment_items})
        return segments

    def _compute_one(self, employee, periods, parameter, values, arrears_items, params_cache=None,
                     flags_cache=None):
        insurer = employee.insurer_id or employee.workshop_id.insurer_id
        if not insurer:
            raise UserError(self.env._(
                "Employee %(employee)s has no insurer; set it on their personnel file.", employee=employee.name))
        params_cache = {} if params_cache is None else params_cache
        if insurer.id not in params_cache:
            params_cache[insurer.id] = parameter._payslip_params(insurer)
        params = params_cache[insurer.id]
        segments = self._segments(periods, parameter, flags_cache)
        # typed on the payslip + validated unpaid leave and the hours the unit manager approved
        hours = {code: (values.get(field) or 0) + (values.get(f"approved_{field}") or 0)
                 for code, field in _HOUR_CODES.items()}
        extra = {
            "unpaid_days": (values.get("unpaid_days") or 0) + (values.get("leave_unpaid_days") or 0),
            "hours": {code: amount for code, amount in hours.items() if amount},
            "shift_percent": float(values.get("approved_shift_percent") or values.get("shift_percent") or 0),
        }
        monthly = list(arrears_items or [])
        if values.get("mission_amount"):
            monthly.append({"code": "MISSION", "amount": int(values["mission_amount"]), "insurable": False,
                            "taxable": False})
        deductions = {code: int(values.get(field) or 0) for code, field in (
            ("LOAN", "loan_amount"), ("ADVANCE", "advance_amount")) if values.get(field)}
        try:
            result = payslip_tools.compute_payslip(
                self.jalali_year, int(self.jalali_month), segments, params, deductions=deductions,
                arrears=monthly, **extra)
        except ValueError as error:
            raise UserError(self.env._(
                "The payslip of %(employee)s cannot be computed: %(reason)s", employee=employee.name,
                reason=str(error))) from None
        return result, segments, extra

    def _line_values(self, result, items):
        vals = []

        def add(code, amount, is_arrears=False):
            item = items.get(code.upper())
            if not item:
                raise UserError(self.env._("There is no pay item with code %(code)s.", code=code.upper()))
            if amount:
                vals.append({"pay_item_id": item.id, "sequence": item.sequence, "kind": item.kind, "amount": amount,
                             "is_arrears": is_arrears})

        for code, amount in result["lines"].items():
            add(code, amount)
        for code, amount in result["arrears"].items():
            add("MISSION" if code == "MISSION" else "ARREARS", amount, is_arrears=code != "MISSION")
        add("INSURANCE", result["insurance"].get("employee", 0))
        add("TAX", result["tax"])
        for code, amount in result["deductions"].items():
            add(code, amount)
        return vals

    def _arrears(self, employees):
        """``{employee_id: [arrears items]}`` for the employees with a retroactive decree: each posted month
        since its execution date recomputed with the decrees in force now, less what was paid."""
        Decree = self.env["municipality.hr.decree"].sudo()
        pending = Decree.search([("employee_id", "in", employees.ids), ("state", "=", "approved"),
                                 ("arrears_pending", "=", True)])
        if not pending:
            return {}
        since = {}
        for decree in pending:
            since[decree.employee_id] = min(since.get(decree.employee_id, decree.execution_date), decree.execution_date)
        result, parameters = {}, {}
        Payslip = self.env["municipality.payslip"].sudo()
        for employee, date in since.items():
            slips = Payslip.search([
                ("employee_id", "=", employee.id), ("state", "in", ("posted", "paid")), ("run_type", "=", "regular"),
                ("date_to", ">=", date), ("date_to", "<", self.date_from)], order="date_from")
            months, params_by_year = [], {}
            for slip in slips:
                computation = slip.computation or {}
                year, month = computation.get("year"), computation.get("month")
                if year not in parameters:
                    parameters[year] = self.env["municipality.hr.year.parameter"]._for_year(year, self.company_id)
                parameter = parameters[year]
                if year not in params_by_year:
                    insurer = employee.insurer_id or employee.workshop_id.insurer_id
                    params_by_year[year] = parameter._payslip_params(insurer)
                periods = Decree._decrees_in_force(employee, slip.date_from, slip.date_to).get(employee)
                if not periods:
                    continue
                inputs = computation.get("inputs", {})
                months.append({"year": year, "month": month, "paid_segments": computation["segments"],
                               "new_segments": self._segments(periods, parameter), **inputs})
            if not months:
                continue
            try:
                result[employee.id] = payslip_tools.compute_arrears(months, params_by_year)["items"]
            except ValueError as error:
                raise UserError(self.env._(
                    "The arrears of %(employee)s cannot be computed: %(reason)s", employee=employee.name,
                    reason=str(error))) from None
        return result

    def _compute_special_payslips(self):
        raise UserError(self.env._("Year-end bonus and severance runs are not available yet."))

    # ------------------------------------------------------------------ workflow

    def action_approve(self):
        """The finance director approves a computed run; from then on it cannot change."""
        if not self.env.user.has_group(FINANCE_DIRECTOR):
            raise AccessError(self.env._("Only the finance director approves payroll runs."))
        for run in self:
            if run.state != "computed":
                raise UserError(self.env._(
                    "Only a computed payroll run can be approved (%(run)s is %(state)s).",
                    run=run.name, state=run._selection_labels("state")[run.state]))
            if not run.payslip_ids:
                raise UserError(self.env._("Payroll run %(run)s has no payslips.", run=run.name))
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid,
                           "approved_on": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------ posting

    def _chart_account(self, xmlid):
        """An account of the municipal chart (``l10n_ir_municipality``) of the run's company."""
        Chart = self.env["account.chart.template"].sudo().with_company(self.company_id)
        account = Chart.ref(xmlid, raise_if_not_found=False)
        if not account:
            raise UserError(self.env._(
                "The municipality %(company)s has no account %(account)s of the municipal chart; payroll posts to it.",
                company=self.company_id.name, account=xmlid))
        return account

    def _budget_lines_by_department(self, accounts):
        """``{(department_id, account_id): budget line}``: the expense lines of the year's approved budget that
        belong to a department (or to one of its parents) and cover the account."""
        lines = self.env["municipality.budget.line"].sudo().search([
            ("company_id", "=", self.company_id.id), ("budget_id.state", "=", "approved"), ("line_type", "=", "expense"),
            ("fiscal_year_id.date_from", "<=", self.date_to), ("fiscal_year_id.date_to", ">=", self.date_to),
            ("account_ids", "in", accounts.ids), ("department_id", "!=", False)])
        result = {}
        for line in lines:
            for account in line.account_ids & accounts:
                result.setdefault((line.department_id.id, account.id), line)
        return result

    def _find_budget_line(self, budget_lines, department, account):
        while department:
            line = budget_lines.get((department.id, account.id))
            if line:
                return line
            department = department.parent_id
        return None

    def _move_values(self):
        """The run's one journal entry: expense per department and pay item account (with its budget line),
        employer contributions per department, and the payables (employees, insurance, tax, deductions)."""
        self.ensure_one()
        Line = self.env["municipality.payslip.line"].sudo()
        Slip = self.env["municipality.payslip"].sudo()
        salaries = self._chart_account("irm_salaries")
        allowances = self._chart_account("irm_allowances")
        employer = self._chart_account("irm_employer_insurance")
        payable = self._chart_account("irm_salaries_payable")
        insurance_payable = self._chart_account("irm_social_security_payable")
        tax_payable = self._chart_account("irm_wage_tax_payable")
        earnings = Line._read_group(
            [("run_id", "=", self.id), ("kind", "=", "earning")], ["department_id", "pay_item_id"], ["amount:sum"])
        deductions = Line._read_group(
            [("run_id", "=", self.id), ("kind", "=", "deduction"),
             ("pay_item_id.computation", "not in", ("insurance", "tax"))], ["pay_item_id"], ["amount:sum"])
        by_department = Slip._read_group(
            [("run_id", "=", self.id)], ["department_id"],
            ["insurance_employer:sum", "insurance_unemployment:sum"])
        totals = Slip._read_group([("run_id", "=", self.id)], [],
                                  ["net:sum", "tax:sum", "insurance_employee:sum", "insurance_employer:sum",
                                   "insurance_unemployment:sum"])[0]
        net, tax, ins_employee, ins_employer, ins_unemployment = totals

        def earning_account(item):
            return item.with_company(self.company_id).account_id or (
                salaries if item.insurance_column == "wage" or item.code == "ARREARS" else allowances)

        accounts = self.env["account.account"].browse(
            {earning_account(item).id for _dep, item, _amount in earnings} | {employer.id})
        budget_lines = self._budget_lines_by_department(accounts)
        label = self.name
        lines = []
        for department, item, amount in earnings:
            if not amount:
                continue
            account = earning_account(item)
            budget_line = self._find_budget_line(budget_lines, department, account)
            lines.append({"name": f"{label} - {item.name} - {department.name or ''}", "account_id": account.id,
                          "debit": amount, "budget_line_id": budget_line.id if budget_line else False})
        for department, employer_share, unemployment_share in by_department:
            amount = employer_share + unemployment_share
            if not amount:
                continue
            budget_line = self._find_budget_line(budget_lines, department, employer)
            lines.append({"name": f"{label} - {employer.name} - {department.name or ''}", "account_id": employer.id,
                          "debit": amount, "budget_line_id": budget_line.id if budget_line else False})
        credits = [(payable, net, self.env._("Net pay")),
                   (insurance_payable, ins_employee + ins_employer + ins_unemployment, self.env._("Insurance")),
                   (tax_payable, tax, self.env._("Wage tax"))]
        for item, amount in deductions:
            credits.append((item.with_company(self.company_id).account_id or payable, amount, item.name))
        for account, amount, name in credits:
            if amount:
                lines.append({"name": f"{label} - {name}", "account_id": account.id, "credit": amount})
        journal = self.env["account.chart.template"].sudo().with_company(self.company_id).ref(
            "payroll", raise_if_not_found=False) or self.env["account.journal"].sudo().search(
            [("company_id", "=", self.company_id.id), ("type", "=", "general")], limit=1)
        return {
            "move_type": "entry", "journal_id": journal.id, "date": self.date_to, "ref": label,
            "company_id": self.company_id.id,
            "line_ids": [fields.Command.create(vals) for vals in lines],
        }

    def action_post(self):
        """Post the approved run: one journal entry, which consumes each department's personnel budget line
        (refused where the line is short and set to block, as finance's control does)."""
        self._check_payroll_officer()
        for run in self:
            if run.state != "approved":
                raise UserError(self.env._(
                    "Only an approved payroll run can be posted (%(run)s is %(state)s).",
                    run=run.name, state=run._selection_labels("state")[run.state]))
            # in a savepoint: a refused posting (a short budget line) leaves no draft entry behind
            with self.env.cr.savepoint():
                move = self.env["account.move"].sudo().create(run._in_company_language()._move_values())
                move.action_post()
            # one indexed query, not every line of the run loaded to filter a few in Python
            paid_arrears = self.env["municipality.payslip.line"].sudo().search(
                [("run_id", "=", run.id), ("is_arrears", "=", True)]).employee_id
            if paid_arrears:
                self.env["municipality.hr.decree"].sudo().search([
                    ("employee_id", "in", paid_arrears.ids), ("arrears_pending", "=", True),
                    ("execution_date", "<=", run.date_to)]).write({"arrears_pending": False})
            run.sudo().write({"state": "posted", "move_id": move.id})
        return True

    # ------------------------------------------------------------------ payment

    def _check_can_pay(self):
        self.ensure_one()
        user = self.env.user
        if not (user.has_group(PAYROLL_OFFICER) or user.has_group("municipality_finance.group_finance_accountant")):
            raise AccessError(self.env._("Only payroll officers and finance accountants prepare the payment of a payroll."))
        if self.state != "posted":
            raise UserError(self.env._(
                "Only a posted payroll run is paid (%(run)s is %(state)s).",
                run=self.name, state=self._selection_labels("state")[self.state]))

    def _transfer_rows(self):
        """``[(sheba, amount, national_id, name)]`` of the net pay, one row per employee; every employee paid
        must have a trusted Sheba (``allow_out_payment``, set by finance)."""
        self.ensure_one()
        rows, untrusted = [], []
        for slip in self.sudo().payslip_ids.filtered(lambda slip: slip.net > 0).sorted(
                lambda slip: slip.employee_id.personnel_number or ""):
            account = slip.employee_id.primary_bank_account_id
            if not (account.is_sheba and account.allow_out_payment):
                untrusted.append(slip.employee_id.name)
                continue
            rows.append((account.sanitized_acc_number, int(slip.net), slip.employee_id.national_id or "",
                         slip.employee_id.name))
        if untrusted:
            raise UserError(self.env._(
                "These employees have no Sheba trusted for payments (finance trusts a bank account after checking "
                "it): %(names)s.", names=", ".join(untrusted[:20])))
        return rows

    def action_bank_transfer_file(self):
        """The bank's group-transfer file: one line per employee with their Sheba and net pay (CSV, UTF-8)."""
        self._check_can_pay()
        rows = self._transfer_rows()
        lines = ["row,sheba,amount,national_id,name"]
        for index, (sheba, amount, national_id, name) in enumerate(rows, start=1):
            clean = name.replace(",", " ").replace('"', " ")
            lines.append(f"{index},{sheba},{amount},{national_id},{clean}")
        content = ("\n".join(lines) + "\n").encode()
        attachment = self.env["ir.attachment"].sudo().create({
            "name": f"payroll-{(self.period or '').replace('/', '-')}-{self.id}.csv", "raw": content,
            "res_model": self._name, "res_id": self.id, "mimetype": "text/csv"})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_create_payment_order(self):
        """A payment order of finance for the net pay, to be co-signed by the finance director and the mayor;
        paying it marks the run paid."""
        self._check_can_pay()
        if self.payment_order_id and self.payment_order_id.state != "cancelled":
            raise UserError(self.env._("Payroll run %(run)s already has a payment order.", run=self.name))
        if not (self.payment_journal_id and self.payment_bank_account_id):
            raise UserError(self.env._(
                "Choose the bank journal the net pay leaves from and the municipality's Sheba for the group "
                "transfer first."))
        self._transfer_rows()
        order = self.env["municipality.payment.order"].sudo().create({
            "company_id": self.company_id.id, "partner_id": self.company_id.partner_id.id,
            "partner_bank_id": self.payment_bank_account_id.id, "amount": self.net,
            "journal_id": self.payment_journal_id.id, "payment_method": "transfer",
            "purpose": self.env._("Net pay of %(run)s", run=self.name),
        })
        self.sudo().payment_order_id = order
        return {"type": "ir.actions.act_window", "res_model": order._name, "res_id": order.id, "view_mode": "form"}

    def _on_payment_order_paid(self):
        self.filtered(lambda run: run.state == "posted").sudo().write({"state": "paid"})

    def action_reset_to_draft(self):
        self._check_payroll_officer()
        for run in self:
            if run.state not in ("computed", "cancelled"):
                raise UserError(self.env._("Only a computed or cancelled payroll run goes back to draft."))
        self.sudo().write({"state": "draft"})

    def action_cancel(self):
        self._check_payroll_officer()
        for run in self:
            if run.state not in ("draft", "computed"):
                raise UserError(self.env._("An approved payroll run cannot be cancelled."))
        self.sudo().payslip_ids.unlink()
        self.sudo().write({"state": "cancelled"})

    def action_open_payslips(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": self.name, "res_model": "municipality.payslip",
            "view_mode": "list,form", "domain": [("run_id", "=", self.id)], "context": {"default_run_id": self.id},
        }
