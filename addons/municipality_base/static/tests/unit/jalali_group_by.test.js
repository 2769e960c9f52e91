import { beforeEach, expect, queryAllTexts, test } from "@odoo/hoot";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import {
    contains,
    defineModels,
    fields,
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
import { getGroupBy } from "@web/search/utils/group_by";
import { BACKEND_INTERVAL_OPTIONS, INTERVAL_OPTIONS } from "@web/search/utils/dates";
import "@municipality_base/search/jalali_group_by";

class Thing extends models.Model {
    _name = "jalali.thing";
    name = fields.Char();
    date = fields.Date();
    _records = [
        { id: 1, name: "Last of 1403", date: "2025-03-20" },
        { id: 2, name: "Nowruz 1404", date: "2025-03-21" },
    ];
    _views = {
        list: `<list><field name="name"/><field name="date"/></list>`,
        search: `<search>
            <filter name="by_date" string="Date" context="{'group_by': 'date'}"/>
            <filter name="by_jalali_month" string="Date (Jalali)" context="{'group_by': 'date:jalali_month'}"/>
        </search>`,
    };
}
defineMailModels();
defineModels([Thing]);

beforeEach(() => patchTranslations());

test("getGroupBy accepts the Jalali granularities, still refuses unknown ones", () => {
    const fieldsInfo = { date: { type: "date" }, name: { type: "char" } };
    for (const interval of ["jalali_year", "jalali_quarter", "jalali_month"]) {
        expect(getGroupBy(`date:${interval}`, fieldsInfo).spec).toBe(`date:${interval}`);
        expect(getGroupBy(`date:${interval}`).interval).toBe(interval);
        expect(interval in BACKEND_INTERVAL_OPTIONS).toBe(true);
    }
    expect(() => getGroupBy("date:jalali_week", fieldsInfo)).toThrow(/Invalid groupBy/);
    expect(() => getGroupBy("name:jalali_month", fieldsInfo)).toThrow(/Invalid groupBy/);
});

test("Group By menu: Jalali periods for Jalali users only", async () => {
    expect(Object.keys(INTERVAL_OPTIONS).slice(-3)).toEqual(["jalali_year", "jalali_quarter", "jalali_month"]);
    await mountView({ type: "list", resModel: "jalali.thing" });
    await toggleSearchBarMenu();
    await toggleMenuItem("Date");
    expect(queryAllTexts(".o_group_by_menu .o_item_option")).toEqual(["Year", "Quarter", "Month", "Week", "Day"]);
});

test("Group By menu of a Jalali user: the year, quarter and month are Jalali", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    onRpc("web_read_group", ({ kwargs }) => {
        expect.step(kwargs.groupby);
        return { groups: [], length: 0 };
    });
    await mountView({ type: "list", resModel: "jalali.thing" });
    await toggleSearchBarMenu();
    await toggleMenuItem("Date");
    expect(queryAllTexts(".o_group_by_menu .o_item_option")).toEqual([
        "Year", "Quarter", "Month", "Week", "Day",
    ]);
    await toggleMenuItemOption("Date", "Month");
    expect.verifySteps([["date:jalali_month"]]);
});

test("a Jalali user's plain date grouping is by Jalali month", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    onRpc("web_read_group", ({ kwargs }) => {
        expect.step(kwargs.groupby);
        return { groups: [], length: 0 };
    });
    await mountView({ type: "list", resModel: "jalali.thing", context: { search_default_by_date: 1 } });
    expect.verifySteps([["date:jalali_month"]]);
    expect(".o_facet_value").toHaveText("Date: Month");
});

test("a Gregorian user's plain date grouping stays Odoo's", async () => {
    onRpc("web_read_group", ({ kwargs }) => {
        expect.step(kwargs.groupby);
        return { groups: [], length: 0 };
    });
    await mountView({ type: "list", resModel: "jalali.thing", context: { search_default_by_date: 1 } });
    expect.verifySteps([["date:month"]]);
});

test("a list grouped by Jalali month from a search view filter", async () => {
    onRpc("web_read_group", ({ kwargs }) => {
        expect.step(kwargs.groupby);
        return {
            groups: [
                {
                    "date:jalali_month": ["2025-02-19", "Esfand 1403"],
                    __count: 1,
                    __extra_domain: ["&", ["date", ">=", "2025-02-19"], ["date", "<", "2025-03-21"]],
                },
                {
                    "date:jalali_month": ["2025-03-21", "Farvardin 1404"],
                    __count: 1,
                    __extra_domain: ["&", ["date", ">=", "2025-03-21"], ["date", "<", "2025-04-21"]],
                },
            ],
            length: 2,
        };
    });
    await mountView({
        type: "list",
        resModel: "jalali.thing",
        context: { search_default_by_jalali_month: 1 },
    });
    expect.verifySteps([["date:jalali_month"]]);
    expect(".o_facet_value").toHaveText("Date (Jalali): Jalali Month");
    expect(".o_group_name").toHaveCount(2);
    expect(".o_group_name:eq(0)").toHaveText("Esfand 1403 (1)");
    expect(".o_group_name:eq(1)").toHaveText("Farvardin 1404 (1)");
    await contains(".o_group_name:eq(0)").click();
    expect(".o_data_row").toHaveCount(1);
    expect(".o_data_row .o_data_cell[name=name]").toHaveText("Last of 1403");
    await contains(".o_group_name:eq(1)").click();
    expect(".o_data_row").toHaveCount(2);
    expect(".o_data_row:eq(1) .o_data_cell[name=name]").toHaveText("Nowruz 1404");
});
