import { registry } from "@web/core/registry";
import { difference, drawn } from "@municipality_base/../tests/tours/digits_tours";
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

// --- the user's digits on the dashboard (issue 15 item 12) -------------------------------------------------

/** The digits ``0``-``9`` drawn in ``font`` are the Persian ones (as Vazirmatn draws them) or the Latin ones
 *  (as ``latinFont`` draws them): "persian", "latin", or a message saying which digit is neither. */
async function digitsDrawn(font, latinFont) {
    const size = "32px";
    let persian = 0;
    let latin = 0;
    for (let digit = 0; digit < 10; digit++) {
        const shown = await drawn(`${size} ${font}`, String(digit));
        const asPersian = await drawn(`${size} Vazirmatn`, "۰۱۲۳۴۵۶۷۸۹"[digit]);
        const asLatin = await drawn(`${size} ${latinFont}`, String(digit));
        if (difference(asPersian, asLatin) < 0.5) {
            throw new Error(`«${digit}» and «${"۰۱۲۳۴۵۶۷۸۹"[digit]}» are drawn alike: did Vazirmatn load?`);
        }
        // (the ten glyphs of the digit font are Vazirmatn's, rasterized alone: a few edge pixels differ)
        if (difference(shown, asPersian) <= 0.25) {
            persian++;
        } else if (difference(shown, asLatin) <= 0.25) {
            latin++;
        }
    }
    return persian === 10 ? "persian" : latin === 10 ? "latin" : `${persian} Persian and ${latin} Latin digits of 10`;
}

/** The dashboard's grid (the cells' canvas, not a chart's) and a figure of a cell with digits. */
async function dashboardGrid() {
    const model = await waitFor(dashboardModel, "its spreadsheet");
    const sheetId = model.getters.getActiveSheetId();
    const figure = await waitFor(
        () => model.getters.getEvaluatedCells(sheetId)
            .map((cell) => cell.formattedValue)
            .find((text) => typeof text === "string" && /^[0-9][0-9,]*\.[0-9]{2}$/.test(text) && text !== "0.00"),
        "an amount in a cell"
    );
    const canvas = document.querySelector(".o_spreadsheet_dashboard_action .o-grid > div > canvas");
    if (!canvas) {
        throw new Error("no grid canvas on the dashboard");
    }
    return { model, figure, canvas };
}

function digitsSteps(digits) {
    const spreadsheetFont = "'Roboto', arial";
    return [
        {
            content: `the cells are drawn in ${digits} digits`,
            trigger: ".o_spreadsheet_dashboard_action .o-grid > div > canvas",
            run: async () => {
                const { model, figure, canvas } = await dashboardGrid();
                // the cell's text keeps its digits (copied, exported as they are): the font draws them
                if (!/^[0-9,.]+$/.test(figure)) {
                    throw new Error(`a cell's amount reads ${figure}`);
                }
                // the fonts the grid's context draws its cells in, as it has them (a redraw, watched)
                const context = canvas.getContext("2d", { alpha: false });
                const font = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, "font");
                const drawnIn = new Set();
                Object.defineProperty(context, "font", {
                    configurable: true,
                    get: () => font.get.call(context),
                    set: (value) => {
                        font.set.call(context, value);
                        drawnIn.add(font.get.call(context));
                    },
                });
                try {
                    model.trigger("update");
                    await waitFor(() => [...drawnIn].some((f) => /Roboto/.test(f)), "its cells drawn again");
                } finally {
                    delete context.font;
                }
                const wrong = [...drawnIn].filter((f) => /Roboto/.test(f) && f.includes("Shahr Persian Digits") !== (digits === "persian"));
                if (wrong.length) {
                    throw new Error(`the grid's cells are drawn in ${JSON.stringify([...drawnIn])}`);
                }
                // o-spreadsheet sets its font on the canvas as ``<size> 'Roboto', arial``: what that draws
                const probe = document.createElement("canvas").getContext("2d");
                probe.font = `13px ${spreadsheetFont}`;
                const family = probe.font.replace(/^.*?13px\s*/, "");
                const shown = await digitsDrawn(family, "Roboto, arial");
                if (shown !== digits) {
                    throw new Error(`«${figure}» is drawn in ${shown} digits (${probe.font}), not ${digits}`);
                }
                const chartFamily = String(window.Chart?.defaults?.font?.family);
                if (chartFamily.includes("Shahr Persian Digits") !== (digits === "persian")) {
                    throw new Error(`the charts are drawn in ${chartFamily}`);
                }
            },
        },
        {
            content: `the period filter reads in ${digits} digits`,
            trigger: ".o_spreadsheet_dashboard_action .o-date-filter-value:contains(90)",
            run: async () => {
                const filter = document.querySelector(".o_spreadsheet_dashboard_action .o-date-filter-value");
                const family = getComputedStyle(filter).fontFamily;
                const font = digits === "persian" ? "Shahr Persian Digits" : "Shahr Latin Digits";
                if (!family.startsWith(`"${font}"`)) {
                    throw new Error(`the filter «${filter.innerText}» is drawn in ${family}, not with ${font} first`);
                }
                const shown = await digitsDrawn(family, family.replace(/^"Shahr (Persian|Latin) Digits",\s*/, ""));
                if (shown !== digits) {
                    throw new Error(`the filter «${filter.innerText}» is drawn in ${shown} digits, not ${digits}`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("municipality_finance_dashboard_persian_digits", {
    steps: () => digitsSteps("persian"),
});

registry.category("web_tour.tours").add("municipality_finance_dashboard_latin_digits", {
    steps: () => digitsSteps("latin"),
});
