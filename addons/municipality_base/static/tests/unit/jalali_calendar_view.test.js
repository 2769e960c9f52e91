import { beforeEach, describe, expect, queryAll, queryAllTexts, queryOne, test } from "@odoo/hoot";
import { mockDate } from "@odoo/hoot-mock";
import {
    defineModels,
    fields,
    models,
    mountView,
    onRpc,
    patchWithCleanup,
    preloadBundle,
    serverState,
} from "@web/../tests/web_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { jalaliCalendar } from "@municipality_base/core/jalali_dates";
import "@municipality_base/views/jalali_calendar_view";

class Meeting extends models.Model {
    _name = "jalali.meeting";
    name = fields.Char();
    start = fields.Datetime();
    stop = fields.Datetime();
    _records = [{ id: 1, name: "Council", start: "2025-03-20 06:00:00", stop: "2025-03-20 07:00:00" }];
}
defineMailModels();
defineModels([Meeting]);
preloadBundle("web.fullcalendar_lib");
onRpc("has_group", () => true);

beforeEach(() => {
    mockDate("2025-03-20 08:00:00", 3.5); // 30 Esfand 1403, Tehran
});

function mountCalendar(mode) {
    return mountView({
        type: "calendar",
        resModel: "jalali.meeting",
        arch: `<calendar date_start="start" date_stop="stop" mode="${mode}"/>`,
    });
}

/** The title of the calendar, without the week badge. */
function title() {
    const h5 = queryOne(".o_calendar_header h5").cloneNode(true);
    h5.querySelector(".o_current_week")?.remove();
    return h5.textContent.trim();
}

/** The column header of ``date`` (day/week views): [weekday, day]. */
function header(date) {
    const cell = queryOne(`.fc-col-header-cell[data-date="${date}"]`);
    return [".o_cw_day_name", ".o_cw_day_number"].map((s) => cell.querySelector(s).textContent);
}
const cell = (date) => `.fc-daygrid-day[data-date="${date}"] .fc-daygrid-day-number`;

describe("Jalali user", () => {
    beforeEach(() => patchWithCleanup(jalaliCalendar, { active: true }));

    test.tags("desktop");
    test("day view: Jalali title and header", async () => {
        await mountCalendar("day");
        expect(title()).toBe("30 Esfand 1403");
        expect(header("2025-03-20")).toEqual(["Thursday", "30"]);
    });

    test.tags("desktop");
    test("week view: Jalali range, Jalali days in the headers", async () => {
        await mountCalendar("week");
        expect(title()).toBe("26 Esfand 1403 – 2 Farvardin 1404");
        expect(queryAll(".fc-col-header-cell .o_cw_day_number").map((el) => el.textContent)).toEqual([
            "26", "27", "28", "29", "30", "1", "2",
        ]);
        expect(header("2025-03-21")).toEqual(["Fri", "1"]);
        expect(".o_current_week").toHaveText("Week 12"); // Odoo's week number, untouched
    });

    test.tags("desktop");
    test("month view: Gregorian grid, Jalali months and days", async () => {
        await mountCalendar("month");
        expect(title()).toBe("Esfand 1403 – Farvardin 1404");
        expect(cell("2025-03-01")).toHaveText("11");
        expect(cell("2025-03-20")).toHaveText("30");
        expect(cell("2025-03-21")).toHaveText("1 Farvardin");
        expect(cell("2025-03-31")).toHaveText("11");
        expect(".o_event").toHaveCount(1);
    });

    test.tags("desktop");
    test("year view: Jalali years and month titles", async () => {
        await mountCalendar("year");
        expect(title()).toBe("1403 – 1404");
        const titles = queryAllTexts(".fc-toolbar-title");
        expect(titles.length).toBe(12);
        expect(titles[0]).toBe("Dey – Bahman 1403");
        expect(titles[2]).toBe("Esfand 1403 – Farvardin 1404");
        expect(titles[11]).toBe("Azar – Dey 1404");
        expect(`.fc-month-container:eq(2) ${cell("2025-03-21")}`).toHaveText("1");
    });

    test.tags("desktop");
    test("a Persian user with Persian digits", async () => {
        serverState.lang = "fa_IR";
        patchWithCleanup(jalaliCalendar, { persianDigits: true });
        await mountCalendar("week");
        expect(title()).toBe("۲۶ اسفند ۱۴۰۳ – ۲ فروردین ۱۴۰۴");
        expect(header("2025-03-20")).toEqual(["پنج‌شنبه", "۳۰"]);
        expect(header("2025-03-22")).toEqual(["شنبه", "۲"]);
    });

    test.tags("desktop");
    test("day view of a Persian user: «۳۰ اسفند ۱۴۰۳»", async () => {
        serverState.lang = "fa_IR";
        patchWithCleanup(jalaliCalendar, { persianDigits: true });
        await mountCalendar("day");
        expect(title()).toBe("۳۰ اسفند ۱۴۰۳");
        expect(header("2025-03-20")).toEqual(["پنج‌شنبه", "۳۰"]);
    });

    test.tags("desktop");
    test("month view of a Persian user", async () => {
        serverState.lang = "fa_IR";
        patchWithCleanup(jalaliCalendar, { persianDigits: true });
        await mountCalendar("month");
        expect(title()).toBe("اسفند ۱۴۰۳ – فروردین ۱۴۰۴");
        expect(cell("2025-03-21")).toHaveText("۱ فروردین");
    });
});

describe("Gregorian user", () => {
    test.tags("desktop");
    test("stock labels", async () => {
        await mountCalendar("month");
        expect(title()).toBe("March 2025");
        expect(cell("2025-03-20")).toHaveText("20");
        expect(cell("2025-03-21")).toHaveText("21");
    });

    test.tags("desktop");
    test("stock day", async () => {
        await mountCalendar("day");
        expect(title()).toBe("20 March 2025");
        expect(header("2025-03-20")).toEqual(["Thursday", "20"]);
    });

    test.tags("desktop");
    test("stock week", async () => {
        await mountCalendar("week");
        expect(title()).toBe("March 2025");
        expect(header("2025-03-21")).toEqual(["Fri", "21"]);
    });
});
