import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("municipality_finance_payment_pay_toll", {
    steps: () => [
        {
            content: "Open the payment dialog of the toll invoice",
            trigger: "a[data-bs-target='#pay_with']",
            run: "click",
        },
        {
            content: "Type a card holder",
            trigger: "input[name='customer_input']",
            run: "edit 4111111111111111",
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The invoice reads paid",
            trigger: "[name='invoice_paid_badge'], .o_portal_invoice_sidebar:contains('Paid')",
            expectUnloadPage: true,
        },
    ],
});
