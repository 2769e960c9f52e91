/**
 * Spreadsheet dashboards in a Persian-digit user's digits (``res.users.calendar_digits``, issue 15 item 12).
 *
 * The web client shows a Persian-digit user's numbers through a digits-only font first in the page's font
 * list (municipality_base's ``scss/digits.scss``, on ``<html data-digits="persian">``): the dashboard's
 * filters, buttons and titles are HTML and read in it already. Its cells, headers, scorecards and gauges are
 * drawn on canvases by o-spreadsheet in its own font, ``DEFAULT_FONT`` (``'Roboto', arial``, a constant of
 * o_spreadsheet.js set on each canvas context as ``ctx.font = "… 13px 'Roboto', arial"``, for drawing and
 * for measuring texts), and its charts by Chart.js in ``Chart.defaults.font.family``. For a Persian-digit
 * user only:
 *
 * - a font set on a canvas that ends with o-spreadsheet's font list gets "Shahr Persian Digits" in front
 *   (no other canvas names that list): 0-9 are drawn as ۰-۹, the rest as before, the cell's text (copied,
 *   exported) keeps its digits;
 * - Chart.js's default font list starts with it too (as municipality_base's graph view patch does);
 * - the dashboard waits for the font before it draws (a canvas is not drawn again when a font arrives).
 *
 * A Latin-digit user's dashboards, and Odoo's own tests (whose page is not a Persian-digit user's), are left
 * as they are.
 */
import { patch } from "@web/core/utils/patch";
import { onWillStart } from "@odoo/owl";
import { SpreadsheetDashboardAction } from "@spreadsheet_dashboard/bundle/dashboard_action/dashboard_action";

export const SPREADSHEET_FONT = "'Roboto', arial";
export const DIGITS_FONT = '"Shahr Persian Digits"';

/** ``font`` (a canvas font, e.g. ``bold 13px 'Roboto', arial``) with the digits font first in its list. */
export function withPersianDigits(font) {
    if (typeof font !== "string" || !font.trimEnd().endsWith(SPREADSHEET_FONT) || font.includes(DIGITS_FONT)) {
        return font;
    }
    const at = font.lastIndexOf(SPREADSHEET_FONT);
    return `${font.slice(0, at)}${DIGITS_FONT}, ${font.slice(at)}`;
}

/** The font, in both weights the spreadsheet draws, loaded (within 3 s: the dashboard is never held longer). */
function loadDigitsFont() {
    if (!document.fonts) {
        return Promise.resolve();
    }
    const loaded = Promise.all(
        ["400", "bold"].map((weight) => document.fonts.load(`${weight} 13px ${DIGITS_FONT}`, "0123456789"))
    ).catch(() => {});
    return Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 3000))]);
}

export const persianDigits = document.documentElement.dataset.digits === "persian";

if (persianDigits) {
    const fontProperty = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, "font");
    if (fontProperty?.set && !fontProperty.set.shahrDigits) {
        const set = function (font) {
            fontProperty.set.call(this, withPersianDigits(font));
        };
        set.shahrDigits = true;
        Object.defineProperty(CanvasRenderingContext2D.prototype, "font", { ...fontProperty, set });
    }
    const Chart = window.Chart;
    if (Chart?.defaults?.font && !String(Chart.defaults.font.family).includes(DIGITS_FONT)) {
        Chart.defaults.font.family = `${DIGITS_FONT}, ${Chart.defaults.font.family}`;
    }
    const fontLoaded = loadDigitsFont();
    patch(SpreadsheetDashboardAction.prototype, {
        setup() {
            super.setup(...arguments);
            onWillStart(() => fontLoaded);
        },
    });
}
