from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.jalali import from_jalali, to_jalali


class MunicipalityHrDecreeIncrease(models.TransientModel):
    """The yearly increase as a group decree: for every employee of the filter
    with an approved decree, a draft *annual increase* decree executed on
    1 Farvardin of the year, by the year's rules (the minimum wage and the
    allowances of the year's parameters, other base salaries raised by the
    year's percent and daily amount). *Preview* lists old and new totals;
    *Issue* creates the draft decrees, which HR officers then approve."""

    _name = "municipality.hr.decree.increase"
    _description = "Yearly Increase (Group Decree)"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    jalali_year = fields.Integer(string="Year", required=True,
                                 default=lambda self: to_jalali(self._today_in_iran()).year)
    department_ids = fields.Many2many("hr.department", string="Departments",
                                      help="Only these departments (and their sub-departments); empty for all.")
    employee_ids = fields.Many2many("hr.employee", string="Employees", help="Only these employees; empty for all.")
    line_ids = fields.One2many("municipality.hr.decree.increase.line", "wizard_id", string="Preview")
    previewed = fields.Boolean(readonly=True)

    def _execution_date(self):
        return from_jalali(self.jalali_year, 1, 1)

    def _current_decrees(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id), ("active", "=", True)]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        if self.employee_ids:
            domain.append(("id", "in", self.employee_ids.ids))
        employees = self.env["hr.employee"].search(domain)
        day = self._execution_date()
        in_force = self.env["municipality.hr.decree"]._decrees_in_force(employees, day, day)
        return {employee: periods[-1][2] for employee, periods in in_force.items()}

    def _new_amounts(self, decree, parameter, previous):
        """``{pay item: amount}`` of the increased decree."""
        amounts = {}
        for line in decree.line_ids:
            code, amount = line.pay_item_id.code, line.amount
            if code == "BASE":
                if previous and amount <= previous.min_monthly_wage:
                    amount = parameter.min_monthly_wage
                else:
                    amount = round(amount * (1 + parameter.increase_percent / 100)
                                   + parameter.increase_daily_amount * parameter.month_days)
                amount = max(amount, parameter.min_monthly_wage)
            elif code == "SENIORITY" and parameter.seniority_daily:
                amount = parameter.seniority_daily * parameter.month_days
            elif code == "HOUSING":
                amount = parameter.housing_allowance
            elif code == "GROCERY":
                amount = parameter.grocery_allowance
            elif code == "MARRIAGE":
                amount = parameter.marriage_allowance if decree.marital == "married" else 0
            elif code == "CHILD":
                amount = parameter.child_allowance * decree.allowance_children
            amounts[line.pay_item_id] = amount
        return amounts

    def action_preview(self):
        self.ensure_one()
        if not self.env.user.has_group("municipality_hr.group_hr_officer"):
            raise UserError(self.env._("Only HR officers issue group decrees."))
        Parameter = self.env["municipality.hr.year.parameter"]
        parameter = Parameter._for_year(self.jalali_year, self.company_id)
        previous = Parameter.sudo().search([("jalali_year", "=", self.jalali_year - 1),
                                            ("company_id", "in", [self.company_id.id, False])], limit=1)
        decrees = self._current_decrees()
        if not decrees:
            raise UserError(self.env._("No employee of the filter has an approved decree to increase."))
        self.line_ids.unlink()
        self.write({"previewed": True, "line_ids": [fields.Command.create({
            "employee_id": employee.id, "decree_id": decree.id, "current_total": decree.amount_total,
            "new_total": sum(self._new_amounts(decree, parameter, previous).values()),
        }) for employee, decree in decrees.items()]})
        return self._reopen()

    def action_issue(self):
        self.ensure_one()
        if not self.previewed:
            self.action_preview()
        Parameter = self.env["municipality.hr.year.parameter"]
        parameter = Parameter._for_year(self.jalali_year, self.company_id)
        previous = Parameter.sudo().search([("jalali_year", "=", self.jalali_year - 1),
                                            ("company_id", "in", [self.company_id.id, False])], limit=1)
        day = self._execution_date()
        vals_list = []
        for line in self.line_ids:
            decree = line.decree_id
            if decree.execution_date >= day:
                continue  # already has a decree for the new year
            amounts = self._new_amounts(decree, parameter, previous)
            vals_list.append({
                "employee_id": line.employee_id.id, "company_id": self.company_id.id, "decree_type": "annual_increase",
                "execution_date": day, "department_id": decree.department_id.id, "job_id": decree.job_id.id,
                "municipality_employment_type": decree.municipality_employment_type, "grade": decree.grade,
                "points": decree.points, "service_years": decree.service_years + 1, "marital": decree.marital,
                "allowance_children": decree.allowance_children, "budget_line_id": decree.budget_line_id.id,
                "line_ids": [fields.Command.create({"pay_item_id": item.id, "amount": amount})
                             for item, amount in amounts.items()],
            })
        decrees = self.env["municipality.hr.decree"].create(vals_list)
        return {"type": "ir.actions.act_window", "name": self.env._("Yearly Increase Decrees"),
                "res_model": "municipality.hr.decree", "view_mode": "list,form",
                "domain": [("id", "in", decrees.ids)]}

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new"}
