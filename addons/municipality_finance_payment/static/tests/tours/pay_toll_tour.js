import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("municipality_finance_payment_pay_toll", {
    steps: () => [
        {
            content: "Pay the toll invoice from the list of one's invoices",
            trigger: "a[title='Pay Now']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment dialog opens: type a card",
            trigger: "#pay_with input[name='customer_input']",
            run: "edit 4111111111111111",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The invoice reads paid",
            trigger: "div[name='invoice_paid_badge']",
        },
    ],
});
