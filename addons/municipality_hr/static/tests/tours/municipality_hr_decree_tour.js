import { registry } from "@web/core/registry";

/**
 * An HR officer issues a personnel decree: a new decree for an employee, one
 * pay item (base salary) with its amount, and Approve; the decree is then in
 * force and numbered.
 */
registry.category("web_tour.tours").add("municipality_hr_decree_tour", {
    steps: () => [
        {
            content: "The decrees list: create one",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the employee",
            trigger: ".o_form_editable .o_field_widget[name=employee_id] input",
            run: "edit تورکارمند",
        },
        {
            trigger: ".o_field_widget[name=employee_id] .o-autocomplete--dropdown-item:contains(رضا تورکارمند)",
            run: "click",
        },
        {
            content: "Add a pay item",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=pay_item_id] input",
            run: "edit BASE",
        },
        {
            trigger: ".o_field_widget[name=pay_item_id] .o-autocomplete--dropdown-item:contains(Base Salary)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=amount] input",
            run: "edit 120000000",
        },
        {
            content: "Leave the line so the total is computed",
            trigger: ".o_form_sheet .oe_title",
            run: "click",
        },
        {
            content: "Approve the decree",
            trigger: ".o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            content: "Approved and in force",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});

/**
 * A payroll officer computes this month's payroll: a new run (the current
 * Jalali month by default) and Compute; the run shows its payslips.
 */
registry.category("web_tour.tours").add("municipality_hr_payroll_compute_tour", {
    steps: () => [
        {
            content: "The payroll runs: create one",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Compute the month",
            trigger: ".o_form_editable .o_form_statusbar button[name=action_compute]",
            run: "click",
        },
        {
            content: "Computed, with the employee's payslip",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=computed]",
        },
        {
            trigger: ".o_field_widget[name=payslip_ids] .o_data_row:contains(رضا تورکارمند)",
        },
    ],
});

/**
 * The finance director approves the computed run.
 */
registry.category("web_tour.tours").add("municipality_hr_payroll_approve_tour", {
    steps: () => [
        {
            content: "Open the computed run",
            trigger: ".o_list_view .o_data_row td[name=name]",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            content: "Approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});
