import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";

/**
 * A payroll officer opens a posted run and takes its outputs from the
 * buttons: the social-security lists (DBF, in a ZIP), the printed insurance
 * list (PDF), the wage-tax list (XLSX and CSV) and the payroll summary
 * (XLSX); then opens a payslip of the run and prints it (PDF) from the
 * form's print menu. Each button opens its file for download (an act_url
 * with target "download", which the web client opens beside the page): the
 * tour catches the URL, checks it is a stored file and downloads it itself
 * (200, an attachment); the test checks the files and the payslip's PDF
 * request.
 */
const opened = [];

async function checkDownload(count, name) {
    for (let wait = 0; wait < 100 && opened.length < count; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = opened[count - 1];
    if (opened.length !== count || !/^\/web\/content\/\d+\?download=true$/.test(url || "")) {
        throw new Error(`${name} opened no file to download: ${opened.join(", ")}`);
    }
    const response = await fetch(url);
    const disposition = response.headers.get("Content-Disposition") || "";
    if (!response.ok || !disposition.startsWith("attachment") || !(await response.blob()).size) {
        throw new Error(`${name}: the download of ${url} failed (${response.status} ${disposition})`);
    }
}
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
            content: "The posted run's form; files opened for download are caught",
            trigger: ".o_form_view .o_form_statusbar",
            run() {
                browser.open = (url) => {
                    opened.push(url);
                    return { closed: false };
                };
            },
        },
        ...OUTPUT_BUTTONS.flatMap((name, index) => [
            {
                content: `Output button ${name}`,
                trigger: `.o_form_statusbar button[name=${name}]:enabled`,
                run: "click",
            },
            {
                content: `${name}: its file is downloaded`,
                trigger: `.o_form_statusbar button[name=${name}]:enabled`,
                run: () => checkDownload(index + 1, name),
            },
        ]),
        {
            content: "Open the run's payslips",
            trigger: "button.oe_stat_button[name=action_open_payslips]",
            run: "click",
        },
        {
            content: "Open the employee's payslip",
            trigger: ".o_view_controller.o_list_view .o_data_row:contains('مریم تورخروجی') td[name=employee_id]",
            run: "click",
        },
        {
            content: "The payslip's form",
            trigger: ".o_view_controller.o_form_view .o_cp_action_menus",
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
            trigger: ".o_view_controller.o_form_view .o_breadcrumb .active",
        },
    ],
});
