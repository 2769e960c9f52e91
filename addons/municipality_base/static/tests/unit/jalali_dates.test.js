import { animationFrame, beforeEach, describe, expect, queryAll, queryAllTexts, test } from "@odoo/hoot";
import { getPickerCell } from "@web/../tests/core/datetime/datetime_test_helpers";
import { mockTimeZone } from "@odoo/hoot-mock";
import {
    clickSave,
    contains,
    defineModels,
    fieldInput,
    fields,
    models,
    mountView,
    onRpc,
    patchTranslations,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import {
    formatDate,
    formatDateTime,
    parseDate,
    parseDateTime,
    serializeDate,
    serializeDateTime,
} from "@web/core/l10n/dates";
import {
    formatDate as formatDateField,
    formatDateTime as formatDateTimeField,
} from "@web/views/fields/formatters";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { jalaliCalendar } from "@municipality_base/core/jalali_dates";
import "@municipality_base/views/jalali_date_input_errors";

const { DateTime } = luxon;

class Thing extends models.Model {
    _name = "jalali.thing";
    date = fields.Date();
    moment = fields.Datetime();
    _records = [{ id: 1, date: "2026-03-06", moment: "2026-03-06 11:00:00" }];
    _views = {
        form: `<form><field name="date"/><field name="moment"/></form>`,
        list: `<list><field name="date"/><field name="moment"/></list>`,
    };
}
defineMailModels();
defineModels([Thing]);

beforeEach(() => {
    patchTranslations();
    mockTimeZone(3.5); // Tehran
});

describe("Jalali user", () => {
    beforeEach(() => patchWithCleanup(jalaliCalendar, { active: true }));

    test("luxon's localized date tokens are Jalali (calendar pop-ups, mail)", () => {
        const date = DateTime.local(2025, 3, 20);
        expect(date.toFormat("D")).toBe("1403/12/30");
        expect(date.toFormat("DDD")).toBe("30 Esfand 1403");
        expect(date.toFormat("DDDD")).toBe("Thursday 30 Esfand 1403");
        expect(date.toFormat("cccc")).toBe("Thursday");
    });

    test("dates are formatted in Jalali, serialized in Gregorian ISO", () => {
        const date = DateTime.local(2026, 3, 6);
        expect(formatDate(date)).toBe("1404/12/15");
        expect(formatDateTime(DateTime.local(2026, 3, 6, 14, 30, 5))).toBe("1404/12/15 14:30:05");
        expect(formatDateField(date)).toBe("1404/12/15");
        expect(formatDateField(date, { numeric: true })).toBe("1404/12/15");
        expect(formatDateTimeField(DateTime.local(2026, 3, 6, 14, 30))).toBe("1404/12/15 14:30");
        expect(serializeDate(date)).toBe("2026-03-06");
        expect(serializeDateTime(DateTime.local(2025, 3, 21, 0, 0))).toBe("2025-03-20 20:30:00");
    });

    test("typed Jalali dates are parsed, in any digits", () => {
        expect(serializeDate(parseDate("1404/12/15"))).toBe("2026-03-06");
        expect(serializeDate(parseDate("۱۴۰۴/۰۱/۰۱"))).toBe("2025-03-21");
        expect(serializeDate(parseDate("١٤٠٣/١٢/٣٠"))).toBe("2025-03-20");
        expect(serializeDate(parseDate("1404/1/1"))).toBe("2025-03-21");
        expect(serializeDate(parseDate("14040101"))).toBe("2025-03-21");
        expect(serializeDateTime(parseDateTime("1404/01/01 00:00:00"))).toBe("2025-03-20 20:30:00");
        expect(serializeDateTime(parseDateTime("۱۴۰۴/۰۱/۰۱ ۱۴:۳۰:۰۰"))).toBe("2025-03-21 11:00:00");
        expect(serializeDateTime(parseDateTime("1404/01/01"))).toBe("2025-03-20 20:30:00");
    });

    test("impossible Jalali dates are refused", () => {
        expect(() => parseDate("1404/12/30")).toThrow(/not a correct date/);
        expect(() => parseDate("1404/13/01")).toThrow(/not a correct date/);
        expect(() => parseDate("۱۴۰۴/۱۳/۰۱")).toThrow(/not a correct date/);
        expect(() => parseDateTime("1404/12/30 10:00:00")).toThrow(/not a correct date/);
    });

    test("form: shows, types and saves Jalali dates", async () => {
        onRpc("web_save", ({ args }) => {
            expect.step(args[1]);
        });
        await mountView({ type: "form", resModel: "jalali.thing", resId: 1 });
        expect(".o_field_widget[name='date'] button").toHaveText("1404/12/15");
        expect(".o_field_widget[name='moment'] button").toHaveText("1404/12/15 14:30");
        await contains(".o_field_widget[name='date'] button").click();
        expect(".o_field_widget[name='date'] input").toHaveValue("1404/12/15");
        await fieldInput("date").edit("۱۴۰۴/۰۱/۰۱");
        expect(".o_field_widget[name='date'] button").toHaveText("1404/01/01");
        await clickSave();
        expect.verifySteps([{ date: "2025-03-21" }]);
    });

    test("form: an impossible date is refused (stock Odoo 19 resets the input)", async () => {
        onRpc("web_save", () => expect.step("web_save"));
        await mountView({ type: "form", resModel: "jalali.thing", resId: 1 });
        for (const text of ["1404/12/30", "1404/13/01", "۱۴۰۴/۱۲/۳۰"]) {
            await contains(".o_field_widget[name='date'] button").click();
            await fieldInput("date").edit(text);
            expect(".o_field_widget[name='date'] button").toHaveText("1404/12/15");
        }
        expect.verifySteps([]);
    });

    test("form: an impossible date says why, in a notification", async () => {
        onRpc("web_save", () => expect.step("web_save"));
        await mountView({ type: "form", resModel: "jalali.thing", resId: 1 });
        await contains(".o_field_widget[name='date'] button").click();
        await fieldInput("date").edit("1404/12/30");
        await animationFrame();
        expect(".o_notification").toHaveCount(1);
        expect(".o_notification").toHaveText(/1404\/12\/30 does not exist: اسفند 1404 has 29 days/);
        expect(".o_field_widget[name='date'] button").toHaveText("1404/12/15");
        await contains(".o_field_widget[name='moment'] button").click();
        await fieldInput("moment").edit("۱۴۰۴/۱۳/۰۱ 10:00:00");
        await animationFrame();
        expect(".o_notification:last").toHaveText(/Month 13 does not exist/);
        expect(".o_notification").toHaveCount(2);
        // not a year/month/day at all: Odoo's silent reset
        await contains(".o_field_widget[name='date'] button").click();
        await fieldInput("date").edit("abc");
        await animationFrame();
        expect(".o_notification").toHaveCount(2);
        expect.verifySteps([]);
    });

    test("picker: Jalali months, 30 Esfand 1403, Saturday first", async () => {
        onRpc("web_save", ({ args }) => {
            expect.step(args[1]);
        });
        await mountView({ type: "form", resModel: "jalali.thing", resId: 1 });
        await contains(".o_field_widget[name='date'] button").click();
        await animationFrame();
        expect(".o_datetime_picker .o_header_part").toHaveText("Esfand 1404");
        // Esfand 1404 has 29 days and starts on a Friday (2026-02-20)
        expect(queryAllTexts(".o_date_item_cell:not(.o_out_of_range)")).toEqual(
            [...Array(29)].map((_, i) => String(i + 1))
        );
        expect(queryAll(".o_day_of_week_cell").map((el) => el.title).slice(1, 3)).toEqual(["Saturday", "Sunday"]);
        expect(queryAllTexts(".o_date_item_cell").slice(0, 7)).toEqual(["25", "26", "27", "28", "29", "30", "1"]);
        await contains(".o_datetime_picker .o_previous").click();
        await contains(".o_datetime_picker .o_previous").click();
        expect(".o_datetime_picker .o_header_part").toHaveText("Dey 1404");
        await contains(".o_datetime_picker .o_next").click();
        await contains(".o_datetime_picker .o_next").click();
        await contains(".o_datetime_picker .o_next").click();
        expect(".o_datetime_picker .o_header_part").toHaveText("Farvardin 1405");
        await contains(".o_datetime_picker .o_zoom_out").click();
        expect(".o_datetime_picker .o_header_part").toHaveText("1405");
        expect(queryAllTexts(".o_date_item_cell")).toEqual([
            "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
            "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
        ]);
        await contains(".o_datetime_picker .o_previous").click();
        await contains(".o_datetime_picker .o_previous").click();
        expect(".o_datetime_picker .o_header_part").toHaveText("1403");
        await contains(getPickerCell("Esfand")).click();
        expect(".o_datetime_picker .o_header_part").toHaveText("Esfand 1403");
        expect(queryAllTexts(".o_date_item_cell:not(.o_out_of_range)").length).toBe(30);
        await contains(getPickerCell("30", true)).click();
        expect(".o_field_widget[name='date'] button").toHaveText("1403/12/30");
        await clickSave();
        expect.verifySteps([{ date: "2025-03-20" }]);
    });

    test("picker: range selection in Jalali months", async () => {
        Thing._fields.date_end = fields.Date();
        Thing._records[0].date_end = "2026-03-10";
        onRpc("web_save", ({ args }) => {
            expect.step(args[1]);
        });
        await mountView({
            type: "form",
            resModel: "jalali.thing",
            resId: 1,
            arch: `<form><field name="date" widget="daterange" options="{'end_date_field': 'date_end'}"/><field name="date_end" invisible="1"/></form>`,
        });
        expect(queryAllTexts(".o_field_daterange button")).toEqual(["1404/12/15", "1404/12/19"]);
        await contains(".o_field_daterange button").click();
        await animationFrame();
        expect(".o_datetime_picker .o_header_part:first").toHaveText("Esfand 1404");
        expect(queryAllTexts(".o_date_item_cell.o_selected:not(.o_out_of_range)")).toEqual(["15", "16", "17", "18", "19"]);
        await contains(getPickerCell("3", true)).click();
        await contains(getPickerCell("5", true)).click();
        await clickSave();
        expect.verifySteps([{ date: "2026-02-22", date_end: "2026-02-24" }]);
    });

    test("Persian digits when chosen: display, input and picker; typing any digits", async () => {
        patchWithCleanup(jalaliCalendar, { persianDigits: true });
        onRpc("web_save", ({ args }) => {
            expect.step(args[1]);
        });
        expect(formatDate(DateTime.local(2026, 3, 6))).toBe("۱۴۰۴/۱۲/۱۵");
        expect(formatDateTime(DateTime.local(2026, 3, 6, 14, 30, 5))).toBe("۱۴۰۴/۱۲/۱۵ ۱۴:۳۰:۰۵");
        expect(DateTime.local(2026, 3, 6).toLocaleString(DateTime.DATE_MED)).toBe("۱۴۰۴/۱۲/۱۵");
        expect(serializeDate(parseDate("1404/12/15"))).toBe("2026-03-06");
        expect(serializeDate(parseDate(formatDate(DateTime.local(2025, 3, 21))))).toBe("2025-03-21");
        await mountView({ type: "form", resModel: "jalali.thing", resId: 1 });
        expect(".o_field_widget[name='date'] button").toHaveText("۱۴۰۴/۱۲/۱۵");
        expect(".o_field_widget[name='moment'] button").toHaveText("۱۴۰۴/۱۲/۱۵ ۱۴:۳۰");
        await contains(".o_field_widget[name='date'] button").click();
        expect(".o_field_widget[name='date'] input").toHaveValue("۱۴۰۴/۱۲/۱۵");
        await animationFrame();
        expect(".o_datetime_picker .o_header_part").toHaveText("Esfand ۱۴۰۴");
        expect(queryAllTexts(".o_date_item_cell:not(.o_out_of_range)").slice(0, 3)).toEqual(["۱", "۲", "۳"]);
        await fieldInput("date").edit("1404/01/01");
        expect(".o_field_widget[name='date'] button").toHaveText("۱۴۰۴/۰۱/۰۱");
        await clickSave();
        expect.verifySteps([{ date: "2025-03-21" }]);
    });

    test("list: Jalali dates", async () => {
        await mountView({ type: "list", resModel: "jalali.thing" });
        expect(".o_data_cell[name='date']").toHaveText("1404/12/15");
        expect(".o_data_cell[name='moment']").toHaveText("1404/12/15 14:30");
    });
});

describe("Gregorian user", () => {
    test("stock Odoo", async () => {
        expect(jalaliCalendar.active).toBe(false);
        // Persian digits are a Jalali preference: no effect on a Gregorian user
        patchWithCleanup(jalaliCalendar, { persianDigits: true });

        expect(formatDate(DateTime.local(2026, 3, 6))).toBe("03/06/2026");
        expect(DateTime.local(2025, 3, 20).toFormat("DDD")).toBe("March 20, 2025");
        expect(serializeDate(parseDate("03/06/2026"))).toBe("2026-03-06");
        await mountView({ type: "form", resModel: "jalali.thing", resId: 1 });
        expect(".o_field_widget[name='date'] button").toHaveText("Mar 6, 2026");
        await contains(".o_field_widget[name='date'] button").click();
        expect(".o_field_widget[name='date'] input").toHaveValue("03/06/2026");
        await animationFrame();
        expect(".o_datetime_picker .o_header_part").toHaveText("March 2026");
        expect(queryAllTexts(".o_date_item_cell:not(.o_out_of_range)").length).toBe(31);
    });
});
