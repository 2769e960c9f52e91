import { registry } from "@web/core/registry";

/**
 * Pivot and graph views of a Persian Jalali user (issue 15 items 6 and 12):
 * employees born on 2025-03-20 and 2025-03-21 are in two Jalali months, and
 * every digit on the screen reads in the user's digits. The DOM keeps the
 * digits each text has (the server's labels are in Persian digits, Odoo's
 * figures in Latin ones): what the user sees is drawn by the digit font
 * first in the page's font list, so the check draws each digit with the
 * page's fonts and compares it with the digit the user chose, as drawn by
 * Vazirmatn.
 */

const LATIN = [..."0123456789"];
const PERSIAN = [..."۰۱۲۳۴۵۶۷۸۹"];

/** The opacity of each pixel of ``text`` drawn in ``font`` (a canvas font: size and family, «32px Vazirmatn»);
 *  also used by other addons' tours that check which digits a font draws. */
export async function drawn(font, text) {
    await document.fonts.load(font, text);
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext("2d");
    context.font = font;
    context.fillText(text, 8, 38);
    return context.getImageData(0, 0, 64, 48).data.filter((value, index) => index % 4 === 3);
}

/** Share of the inked pixels of two drawings that differ (0: the same glyph). */
export function difference(a, b) {
    let inked = 0;
    let differ = 0;
    for (let i = 0; i < a.length; i++) {
        if (a[i] > 64 || b[i] > 64) {
            inked++;
            differ += Math.abs(a[i] - b[i]) > 96;
        }
    }
    return inked ? differ / inked : 1;
}

async function checkDigits(digits, selector) {
    if (document.documentElement.dataset.digits !== digits) {
        throw new Error(`<html data-digits="${document.documentElement.dataset.digits}">, expected ${digits}`);
    }
    const family = getComputedStyle(document.querySelector(selector)).fontFamily;
    const font = digits === "persian" ? "Shahr Persian Digits" : "Shahr Latin Digits";
    if (!family.startsWith(`"${font}"`)) {
        throw new Error(`${selector} is drawn in ${family}, not with ${font} first`);
    }
    // each digit, in either set, is drawn as the wanted digit (as Vazirmatn draws it), not as the other
    // one (which Vazirmatn draws differently: the comparison means something)
    const [wanted, other] = digits === "persian" ? [PERSIAN, LATIN] : [LATIN, PERSIAN];
    for (let i = 0; i < 10; i++) {
        const meant = await drawn("32px Vazirmatn", wanted[i]);
        const unmeant = await drawn("32px Vazirmatn", other[i]);
        if (difference(meant, unmeant) < 0.5) {
            throw new Error(`Vazirmatn draws «${wanted[i]}» and «${other[i]}» alike: did it load?`);
        }
        for (const text of [wanted[i], other[i]]) {
            const shown = await drawn(`32px ${family}`, text);
            // (the ten glyphs of a digit font are Vazirmatn's, rasterized alone: a few edge pixels differ)
            if (difference(shown, meant) > 0.25 || difference(shown, unmeant) < 0.5) {
                throw new Error(
                    `«${text}» is not drawn as «${wanted[i]}» in ${selector} (${family}): ` +
                        `${difference(shown, meant).toFixed(2)} off, ${difference(shown, unmeant).toFixed(2)} off the other`
                );
            }
        }
    }
}

function pivotAndGraphSteps(digits) {
    return [
        {
            content: "the pivot's rows are Jalali months, labelled by the server",
            trigger: ".o_pivot tbody .o_pivot_header_cell_closed:contains(اسفند ۱۴۰۳)",
        },
        {
            trigger: ".o_pivot tbody .o_pivot_header_cell_closed:contains(فروردین ۱۴۰۴)",
        },
        {
            content: `the pivot's figures and labels in ${digits} digits`,
            trigger: ".o_pivot .o_pivot_cell_value",
            run: async () => {
                await checkDigits(digits, ".o_pivot .o_pivot_cell_value");
                await checkDigits(digits, ".o_pivot tbody .o_pivot_header_cell_closed");
            },
        },
        {
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "the graph's groups are the same Jalali months, drawn in the page's fonts",
            trigger: ".o_graph_renderer canvas",
            run: async () => {
                const canvas = document.querySelector(".o_graph_renderer canvas");
                const chart = window.Chart.getChart(canvas);
                const labels = JSON.stringify(chart.data.labels);
                if (labels !== JSON.stringify(["اسفند ۱۴۰۳", "فروردین ۱۴۰۴"])) {
                    throw new Error(`graph labels ${labels}`);
                }
                const family = window.Chart.defaults.font.family;
                if (!family.startsWith(`"Shahr ${digits === "persian" ? "Persian" : "Latin"} Digits"`)) {
                    throw new Error(`the chart is drawn in ${family}`);
                }
            },
        },
        {
            content: "the pager, the search bar: the same digits",
            trigger: ".o_control_panel",
            run: () => checkDigits(digits, ".o_control_panel"),
        },
    ];
}

registry.category("web_tour.tours").add("municipality_base_pivot_graph_persian_digits", {
    steps: () => pivotAndGraphSteps("persian"),
});

registry.category("web_tour.tours").add("municipality_base_pivot_graph_latin_digits", {
    steps: () => pivotAndGraphSteps("latin"),
});
