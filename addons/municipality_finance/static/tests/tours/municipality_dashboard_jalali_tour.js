import { registry } from "@web/core/registry";

const JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
];
const JALALI_MONTH = new RegExp(`^(${JALALI_MONTHS.join("|")}) [۰-۹]{4}$`);
const JALALI_DATE = /^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/;

/** The spreadsheet model of the dashboard on screen (the dashboard action's loader holds it). */
function dashboardModel() {
    const nodes = [odoo.__WOWL_DEBUG__.root.__owl__];
    while (nodes.length) {
        const node = nodes.pop();
        const model = node.component?.loader?.getActiveDashboard?.()?.model;
        if (model) {
            return model;
        }
        nodes.push(...Object.values(node.children));
    }
    return null;
}

/** ``read()`` once it gives something, within 8 s (a tour step fails after 10 s). */
async function waitFor(read, what) {
    for (let i = 0; i < 80; i++) {
        const value = read();
        if (value) {
            return value;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the dashboard never showed ${what}`);
}

/** The «Invoiced by month» chart groups by Jalali month; the invoices list reads Jalali dates. */
registry.category("web_tour.tours").add("municipality_finance_dashboard_jalali", {
    steps: () => [
        {
            content: "its chart's groups are Jalali months, in Persian digits",
            trigger: ".o_spreadsheet_dashboard_action .o-figure-container canvas",
            run: async () => {
                const model = await waitFor(dashboardModel, "its spreadsheet");
                const sheetId = model.getters.getActiveSheetId();
                const line = model.getters.getChartIds(sheetId)
                    .find((chartId) => model.getters.getChartDefinition(chartId).type === "odoo_line");
                if (!line) {
                    throw new Error("no line chart on the dashboard");
                }
                const labels = await waitFor(() => {
                    const data = model.getters.getChartRuntime(line)?.chartJsConfig?.data;
                    return data?.labels?.length >= 2 && data.labels;
                }, "its chart's groups");
                const wrong = labels.filter((label) => !JALALI_MONTH.test(label));
                if (wrong.length || new Set(labels).size !== labels.length) {
                    throw new Error(`the chart's groups are not Jalali months: ${JSON.stringify(labels)}`);
                }
                // the list of invoices (ODOO.LIST, column F from row 25), largest first: both invoices' dates
                const texts = () => [25, 26].map((row) =>
                    model.getters.getEvaluatedCell({ sheetId, col: 5, row: row - 1 }).formattedValue
                );
                await waitFor(() => texts().every((text) => JALALI_DATE.test(text)), "Jalali dates")
                    .catch(() => {
                        throw new Error(`the invoices' dates are not Jalali: ${JSON.stringify(texts())}`);
                    });
            },
        },
    ],
});
