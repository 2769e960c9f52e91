import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";

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

/** Every text of the dashboard a Persian user reads: its cells (the active sheet's), its charts' titles and
 *  descriptions, and the page around them (the dashboards' groups and names, the filters). */
function dashboardTexts(model) {
    const sheetId = model.getters.getActiveSheetId();
    const texts = model.getters.getEvaluatedCells(sheetId).map((cell) => cell.formattedValue);
    for (const chartId of model.getters.getChartIds(sheetId)) {
        const runtime = model.getters.getChartRuntime(chartId) || {};
        const definition = model.getters.getChartDefinition(chartId);
        texts.push(
            runtime.title?.text,
            runtime.baselineDescr,
            runtime.chartJsConfig?.options?.plugins?.title?.text,
            ...(runtime.chartJsConfig?.data?.datasets || []).map((dataset) => dataset.label),
            definition.title?.text && model.getters.dynamicTranslate(definition.title.text),
        );
    }
    texts.push(document.querySelector(".o_spreadsheet_dashboard_action").innerText);
    return texts.filter((text) => typeof text === "string" && text.trim());
}

/** No English (nor markup) on the Invoicing dashboard for a Persian user. */
registry.category("web_tour.tours").add("municipality_finance_dashboard_persian", {
    steps: () => [
        {
            content: "the dashboard's texts are Persian",
            trigger: ".o_spreadsheet_dashboard_action .o-figure-container canvas",
            run: async () => {
                const model = await waitFor(dashboardModel, "its spreadsheet");
                // the lists and pivots load their data asynchronously («Loading...» until then)
                const loading = (text) => text === "Loading..." || text === _t("Loading...");
                const texts = await waitFor(() => {
                    const read = dashboardTexts(model);
                    return !read.some(loading) && read;
                }, "its data").catch(() => dashboardTexts(model));
                const latin = texts.filter((text) => /[A-Za-z]{2,}|</.test(text.replace(/\b[A-Z]+\/[0-9۰-۹]+\/[0-9۰-۹]+\b/g, "")));
                if (!texts.some((text) => /[\u0600-\u06FF]/.test(text)) || latin.length) {
                    throw new Error(`English or markup on the dashboard: ${JSON.stringify(latin)}`);
                }
                console.log(`dashboard texts: ${JSON.stringify(texts)}`);
            },
        },
    ],
});
