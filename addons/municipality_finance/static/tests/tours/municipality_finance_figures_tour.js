import { registry } from "@web/core/registry";

/**
 * A finance director reads the figures as they are: a budget line executed
 * 40 % shows «40%» (not «4000%»), and the fiscal year's title is «1405»,
 * without a thousands separator.
 */
registry.category("web_tour.tours").add("municipality_finance_figures_tour", {
    steps: () => [
        {
            content: "The goods line, 400,000 of 1,000,000 rials spent, reads 40 %",
            trigger: ".o_list_view .o_data_row:has(td[name=code]:contains(22010)) td[name=execution_rate]:contains(40%)",
        },
        {
            content: "The line executed 0 % reads 0 %, not a larger number",
            trigger: ".o_list_view .o_data_row:has(td[name=code]:contains(22020)) td[name=execution_rate]:contains(0%)",
            run() {
                const rates = [...document.querySelectorAll(".o_data_row td[name=execution_rate]")].map(
                    (cell) => cell.textContent.trim()
                );
                const tooLarge = rates.filter((rate) => parseFloat(rate.replace(/,/g, "")) > 100);
                if (tooLarge.length) {
                    throw new Error(`execution rates over 100 %: ${tooLarge.join(" ")}`);
                }
            },
        },
        {
            content: "The amounts a director reads are shown whole, five hundred billion rials included",
            trigger: ".o_list_view .o_data_row:has(td[name=code]:contains(31010)) td[name=amount_final]",
            run() {
                const names = ["amount_final", "amount_committed", "amount_actual", "amount_available"];
                const cut = [...document.querySelectorAll(".o_data_row td, .o_list_footer td")].filter(
                    (cell) => names.includes(cell.getAttribute("name")) && cell.scrollWidth > cell.clientWidth
                ).map((cell) => cell.textContent.trim());
                if (cut.length) {
                    throw new Error(`amounts cut off: ${cut.join(" | ")}`);
                }
            },
        },
        {
            content: "Open the fiscal years",
            trigger: "body",
            run() {
                window.location.href = "/odoo/action-municipality_finance.action_municipality_fiscal_year";
            },
            expectUnloadPage: true,
        },
        {
            trigger: ".o_list_view .o_data_row td[name=name]",
            run: "click",
        },
        {
            content: "The year's title has no thousands separator",
            trigger: ".o_form_view .oe_title h1 .o_field_widget[name=jalali_year]:contains(1405)",
            run() {
                const title = document.querySelector(".oe_title h1 .o_field_widget[name=jalali_year]").textContent;
                if (/[,٬،]/.test(title)) {
                    throw new Error(`the fiscal year's title reads «${title}»`);
                }
            },
        },
    ],
});
