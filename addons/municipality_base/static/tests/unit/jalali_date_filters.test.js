import { beforeEach, describe, expect, queryAllTexts, test } from "@odoo/hoot";
import { mockDate, mockTimeZone } from "@odoo/hoot-mock";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import {
    defineModels,
    fields,
    getFacetTexts,
    models,
    mountView,
    onRpc,
    patchTranslations,
    patchWithCleanup,
    toggleMenuItem,
    toggleMenuItemOption,
    toggleSearchBarMenu,
} from "@web/../tests/web_test_helpers";
import { jalaliCalendar } from "@municipality_base/core/jalali_dates";
import "@municipality_base/search/jalali_date_filters";

class Thing extends models.Model {
    _name = "jalali.thing";
    name = fields.Char();
    date = fields.Date();
    moment = fields.Datetime();
    _records = [
        { id: 1, name: "1 Esfand 1403", date: "2025-02-19", moment: "2025-02-19 10:00:00" },
        { id: 2, name: "30 Esfand 1403", date: "2025-03-20", moment: "2025-03-20 10:00:00" },
        { id: 3, name: "Nowruz 1404", date: "2025-03-21", moment: "2025-03-21 10:00:00" },
        { id: 4, name: "30 Bahman 1403", date: "2025-02-18", moment: "2025-02-18 10:00:00" },
    ];
    _views = {
        list: `<list><field name="name"/><field name="date"/></list>`,
        search: `<search>
            <filter name="date_filter" string="Date" date="date"/>
            <filter name="moment_filter" string="Moment" date="moment"/>
        </search>`,
    };
}
defineMailModels();
defineModels([Thing]);

let domains;
beforeEach(() => {
    patchTranslations();
    mockDate("2025-03-20 10:00:00"); // 30 Esfand 1403
    mockTimeZone(3.5);
    domains = [];
    onRpc("web_search_read", ({ kwargs }) => {
        domains.push(kwargs.domain);
    });
});

async function openFilter(label) {
    await mountView({ type: "list", resModel: "jalali.thing" });
    await toggleSearchBarMenu();
    await toggleMenuItem(label);
}

describe("Jalali user", () => {
    beforeEach(() => patchWithCleanup(jalaliCalendar, { active: true }));

    test("the options are the last Jalali months, the seasons, the Jalali years", async () => {
        await openFilter("Date");
        expect(queryAllTexts(".o_item_option")).toEqual([
            "Esfand", "Bahman", "Dey",
            "Winter", "Autumn", "Summer", "Spring",
            "1403", "1402", "1401",
        ]);
    });

    test("this Jalali month on 2025-03-20 is 2025-02-19 .. 2025-03-20", async () => {
        await openFilter("Date");
        await toggleMenuItemOption("Date", "Esfand");
        expect(getFacetTexts()).toEqual(["Date: Esfand 1403"]);
        expect(domains.at(-1)).toEqual([
            "&",
            ["date", ">=", "2025-02-19"],
            ["date", "<=", "2025-03-20"],
        ]);
        expect(queryAllTexts(".o_data_cell[name='name']").sort()).toEqual([
            "1 Esfand 1403",
            "30 Esfand 1403",
        ]);
    });

    test("seasons, years and datetimes (Tehran days in UTC)", async () => {
        await openFilter("Moment");
        await toggleMenuItemOption("Moment", "Winter");
        expect(getFacetTexts()).toEqual(["Moment: Winter 1403"]);
        // Winter 1403: 1 Dey 1403 (2024-12-21) .. 30 Esfand 1403 (2025-03-20)
        expect(domains.at(-1)).toEqual([
            "&",
            ["moment", ">=", "2024-12-20 20:30:00"],
            ["moment", "<=", "2025-03-20 20:29:59"],
        ]);
        await toggleMenuItemOption("Moment", "1402");
        expect(getFacetTexts()).toEqual(["Moment: Winter 1402/Winter 1403"]);
        await toggleMenuItemOption("Moment", "Winter");
        expect(getFacetTexts()).toEqual(["Moment: 1402/1403"]);
        // 1402: 2023-03-21 .. 2024-03-19; 1403 (leap): .. 2025-03-20
        expect(domains.at(-1)).toEqual([
            "|",
            "&",
            ["moment", ">=", "2023-03-20 20:30:00"],
            ["moment", "<=", "2024-03-19 20:29:59"],
            "&",
            ["moment", ">=", "2024-03-19 20:30:00"],
            ["moment", "<=", "2025-03-20 20:29:59"],
        ]);
    });

    test("a month of the previous Jalali year selects that year", async () => {
        mockDate("2025-04-01 10:00:00"); // 12 Farvardin 1404
        await openFilter("Date");
        expect(queryAllTexts(".o_item_option").slice(0, 3)).toEqual(["Farvardin", "Esfand", "Bahman"]);
        await toggleMenuItemOption("Date", "Esfand");
        expect(getFacetTexts()).toEqual(["Date: Esfand 1403"]);
        expect(domains.at(-1)).toEqual([
            "&",
            ["date", ">=", "2025-02-19"],
            ["date", "<=", "2025-03-20"],
        ]);
    });

    test("Persian digits in the years when chosen", async () => {
        patchWithCleanup(jalaliCalendar, { persianDigits: true });
        await openFilter("Date");
        expect(queryAllTexts(".o_item_option").slice(-3)).toEqual(["۱۴۰۳", "۱۴۰۲", "۱۴۰۱"]);
        await toggleMenuItemOption("Date", "Esfand");
        expect(getFacetTexts()).toEqual(["Date: Esfand ۱۴۰۳"]);
    });
});

test("Gregorian user: stock options and domains", async () => {
    expect(jalaliCalendar.active).toBe(false);
    await openFilter("Date");
    expect(queryAllTexts(".o_item_option")).toEqual([
        "March", "February", "January",
        "Q4", "Q3", "Q2", "Q1",
        "2025", "2024", "2023",
    ]);
    await toggleMenuItemOption("Date", "March");
    expect(getFacetTexts()).toEqual(["Date: March 2025"]);
    expect(domains.at(-1)).toEqual([
        "&",
        ["date", ">=", "2025-03-01"],
        ["date", "<=", "2025-03-31"],
    ]);
});
