import { registry } from "@web/core/registry";

/**
 * A Jalali user (English language, Jalali calendar) opens a validated leave of
 * 11-13 Mordad 1404 (2025-08-02..04): the date range, the name in the
 * breadcrumb and the side panel's «summary (year)» are all Jalali.
 */
registry.category("web_tour.tours").add("municipality_hr_leave_jalali_tour", {
    steps: () => [
        {
            content: "The date range reads from 1404/05/11",
            trigger: "div[name=request_date_from].o_field_daterange",
            run() {
                // read-only (a validated leave) it is text; editable, two inputs
                const field = document.querySelector("div[name=request_date_from].o_field_daterange");
                const values = [field.textContent.trim(), ...[...field.querySelectorAll("input")].map((i) => i.value)];
                if (!values.some((value) => value.startsWith("1404/05/11"))) {
                    throw new Error(`The leave's dates are not Jalali: ${values.join(" / ")}`);
                }
                if (values.some((value) => value.includes("2025"))) {
                    throw new Error(`A Gregorian date on the leave form: ${values.join(" / ")}`);
                }
            },
        },
        {
            content: "The employee's summary is of the Jalali year",
            trigger: "#o_leave_stats_employee .o_hr_leave_subtitle:contains('(1404)')",
            run() {
                const panel = document.querySelector("#o_leave_stats_employee").textContent;
                if (panel.includes("2025")) {
                    throw new Error(`A Gregorian year or date in the leave's side panel: ${panel}`);
                }
            },
        },
        {
            content: "The leave's name in the breadcrumb has Jalali dates",
            trigger: ".o_breadcrumb .active:contains('1404/05/11')",
        },
    ],
});
