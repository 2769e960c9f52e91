import { registry } from "@web/core/registry";

/**
 * A payroll officer opens a posted run and takes its outputs from the
 * buttons: the social-security lists (DBF, in a ZIP), the printed insurance
 * list (PDF), the wage-tax list (XLSX and CSV) and the payroll summary
 * (XLSX); then opens a payslip of the run and prints it (PDF) from the
 * form's print menu. Each button's download is checked by the test (the
 * browser's requests), the tour checks the buttons are there and usable.
 */
const OUTPUT_BUTTONS = [
    "action_insurance_list_dbf",
    "action_insurance_list_pdf",
    "action_tax_list_xlsx",
    "action_tax_list_csv",
    "action_payroll_summary_xlsx",
];

registry.category("web_tour.tours").add("municipality_hr_payroll_outputs_tour", {
    steps: () => [
        {
            content: "The run is posted",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=posted]",
        },
        ...OUTPUT_BUTTONS.flatMap((name) => [
            {
                content: `Output button ${name}`,
                trigger: `.o_form_statusbar button[name=${name}]:enabled`,
                run: "click",
            },
            {
                content: `${name} done: the form is usable again`,
                trigger: `.o_form_statusbar button[name=${name}]:enabled`,
            },
        ]),
        {
            content: "Open the run's payslips",
            trigger: ".oe_button_box button[name=action_open_payslips]",
            run: "click",
        },
        {
            content: "Open the employee's payslip",
            trigger: ".o_list_view .o_data_row:contains('مریم تورخروجی') td.o_data_cell",
            run: "click",
        },
        {
            content: "The payslip's form",
            trigger: ".o_form_view .o_breadcrumb .active",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print the payslip",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Payslip')",
            run: "click",
        },
        {
            content: "Back on the payslip once the PDF is asked for",
            trigger: ".o_form_view .o_breadcrumb .active",
        },
    ],
});
