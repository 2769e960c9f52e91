import { registry } from "@web/core/registry";

/**
 * An employee on the portal: from /my opens their payslips and the month's
 * payslip, then asks for a week of sick leave with Jalali dates.
 */
registry.category("web_tour.tours").add("municipality_hr_self_service_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The employee's card on /my: their payslips",
            trigger: "#portal_hr_category a[href='/my/payslips']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the month's payslip",
            trigger: "a.o_payslip_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payslip shows the net pay",
            trigger: ".o_portal_payslip .o_payslip_net",
        },
        {
            content: "Go to the leave page",
            trigger: "body",
            run: () => {
                window.location.href = "/my/leave";
            },
            expectUnloadPage: true,
        },
        {
            content: "Choose sick leave",
            trigger: "form.o_leave_request_form select[name=leave_type_id]",
            run: "selectByLabel Sick Leave",
        },
        {
            trigger: "form.o_leave_request_form input[name=date_from]",
            run: "edit 1410/02/08",
        },
        {
            trigger: "form.o_leave_request_form input[name=date_to]",
            run: "edit 1410/02/10",
        },
        {
            trigger: "form.o_leave_request_form input[name=description]",
            run: "edit Tour sick leave",
        },
        {
            content: "Send the request",
            trigger: "form.o_leave_request_form .o_leave_request_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is sent",
            trigger: ".o_leave_request_sent",
        },
    ],
});
