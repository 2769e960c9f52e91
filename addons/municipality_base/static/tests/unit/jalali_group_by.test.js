import { beforeEach, expect, queryAllTexts, queryOne, test } from "@odoo/hoot";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import {
    contains,
    defineModels,
    fields,
    getDropdownMenu,
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
import "@municipality_base/lazy/jalali_pivot_graph";
import "@municipality_base/lazy/jalali_graph_model";
import { checkLabels } from "@web/../tests/views/graph/graph_test_helpers";

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
        pivot: `<pivot><field name="date" interval="month" type="row"/></pivot>`,
        graph: `<graph><field name="date" interval="month"/></graph>`,
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
    for (const interval of ["jalali_year", "jalali_quarter", "jalali_month", "jalali_week", "jalali_day"]) {
        expect(getGroupBy(`date:${interval}`, fieldsInfo).spec).toBe(`date:${interval}`);
        expect(getGroupBy(`date:${interval}`).interval).toBe(interval);
        expect(interval in BACKEND_INTERVAL_OPTIONS).toBe(true);
    }
    expect(() => getGroupBy("date:jalali_decade", fieldsInfo)).toThrow(/Invalid groupBy/);
    expect(() => getGroupBy("name:jalali_month", fieldsInfo)).toThrow(/Invalid groupBy/);
});

test("Group By menu: Jalali periods for Jalali users only", async () => {
    // each Jalali period right after Odoo's of the same size (rankInterval)
    expect(Object.keys(INTERVAL_OPTIONS)).toEqual([
        "year", "jalali_year", "quarter", "jalali_quarter", "month", "jalali_month",
        "week", "jalali_week", "day", "jalali_day",
    ]);
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

test("a Jalali user's list grouped by the action's group_by: Jalali month", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    onRpc("web_read_group", ({ kwargs }) => {
        expect.step(kwargs.groupby);
        return { groups: [], length: 0 };
    });
    await mountView({ type: "list", resModel: "jalali.thing", groupBy: ["date:month"] });
    expect.verifySteps([["date:jalali_month"]]);
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

// ---------------------------------------------------------------------------
// Pivot and graph views
// ---------------------------------------------------------------------------

/** Server groups of ``spec`` (``date:jalali_month``…) for the two records, with Persian labels. */
const SERVER_GROUPS = {
    "date:jalali_month": [["2025-02-19", "اسفند ۱۴۰۳", "2025-03-21"], ["2025-03-21", "فروردین ۱۴۰۴", "2025-04-21"]],
    "date:jalali_year": [["2024-03-20", "۱۴۰۳", "2025-03-21"], ["2025-03-21", "۱۴۰۴", "2026-03-21"]],
    "date:jalali_week": [["2025-03-15", "هفتهٔ ۲۵ اسفند ۱۴۰۳", "2025-03-22"]],
    "date:jalali_day": [["2025-03-20", "۳۰ اسفند ۱۴۰۳", "2025-03-21"], ["2025-03-21", "۱ فروردین ۱۴۰۴", "2025-03-22"]],
    "date:month": [["2025-03-01", "March 2025", "2025-04-01"]],
    "date:week": [["2025-03-17", "W12 2025", "2025-03-24"]],
};

function serverGroups(spec) {
    if (!SERVER_GROUPS[spec]) {
        throw new Error(`unexpected groupby ${spec}`);
    }
    return SERVER_GROUPS[spec].map(([start, label, end]) => ({
        [spec]: [start, label],
        __count: SERVER_GROUPS[spec].length === 1 ? 2 : 1,
        __extra_domain: ["&", ["date", ">=", start], ["date", "<", end]],
    }));
}

function mockGroupingSets() {
    onRpc("formatted_read_grouping_sets", ({ kwargs }) => {
        expect.step(kwargs.grouping_sets.filter((set) => set.length).flat());
        return kwargs.grouping_sets.map((set) =>
            set.length ? serverGroups(set[0]) : [{ __count: 2, __extra_domain: [] }]
        );
    });
}

test("pivot of a Jalali user: rows by Jalali month, the header menu's periods are Jalali", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    mockGroupingSets();
    await mountView({ type: "pivot", resModel: "jalali.thing" });
    expect.verifySteps([["date:jalali_month"]]);
    expect(queryAllTexts("tbody .o_pivot_header_cell_closed")).toEqual(["اسفند ۱۴۰۳", "فروردین ۱۴۰۴"]);

    // the column header's menu: Date › Week is the Jalali week
    await contains("thead .o_pivot_header_cell_closed").click();
    await contains(".o-dropdown--menu .dropdown-toggle.o_menu_item:eq(0)").hover();
    const periods = getDropdownMenu(".o-dropdown--menu .dropdown-toggle.o_menu_item:eq(0)");
    expect(periods).toHaveText("Year\nQuarter\nMonth\nWeek\nDay");
    await contains(queryOne(".dropdown-item:eq(3)", { root: periods })).click();
    // the new column alone and with each row
    expect.verifySteps([["date:jalali_week", "date:jalali_month", "date:jalali_week"]]);
    expect(queryAllTexts("thead .o_pivot_header_cell_closed")).toEqual(["هفتهٔ ۲۵ اسفند ۱۴۰۳"]);
});

test("pivot of a Jalali user: a row opened by day gives Jalali days", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    mockGroupingSets();
    await mountView({ type: "pivot", resModel: "jalali.thing" });
    expect.verifySteps([["date:jalali_month"]]);
    await contains("tbody .o_pivot_header_cell_closed:eq(0)").click();
    await contains(".o-dropdown--menu .dropdown-toggle.o_menu_item:eq(0)").hover();
    const periods = getDropdownMenu(".o-dropdown--menu .dropdown-toggle.o_menu_item:eq(0)");
    await contains(queryOne(".dropdown-item:eq(4)", { root: periods })).click();
    expect.verifySteps([["date:jalali_day"]]);
    expect(queryAllTexts("tbody .o_pivot_header_cell_closed")).toEqual([
        "۳۰ اسفند ۱۴۰۳", "۱ فروردین ۱۴۰۴", "فروردین ۱۴۰۴",
    ]);
});

test("pivot of a Gregorian user stays Gregorian", async () => {
    mockGroupingSets();
    await mountView({ type: "pivot", resModel: "jalali.thing" });
    expect.verifySteps([["date:month"]]);
    expect(queryAllTexts("tbody .o_pivot_header_cell_closed")).toEqual(["March 2025"]);
});

function mockReadGroup() {
    onRpc("formatted_read_group", ({ kwargs }) => {
        expect.step(kwargs.groupby);
        return serverGroups(kwargs.groupby[0]);
    });
}

test("graph of a Jalali user: Jalali months from the arch, Jalali weeks from the search panel", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    mockReadGroup();
    const view = await mountView({
        type: "graph",
        resModel: "jalali.thing",
    });
    expect.verifySteps([["date:jalali_month"]]);
    checkLabels(view, ["اسفند ۱۴۰۳", "فروردین ۱۴۰۴"]);
    await toggleSearchBarMenu();
    await toggleMenuItem("Date");
    await toggleMenuItemOption("Date", "Week");
    expect.verifySteps([["date:jalali_week"]]);
    checkLabels(view, ["هفتهٔ ۲۵ اسفند ۱۴۰۳"]);
    // Month then Week of one field: the finer, the Jalali week, as Odoo keeps the finer of two periods
    await toggleMenuItemOption("Date", "Year");
    expect.verifySteps([["date:jalali_week"]]);
});

test("graph of a Gregorian user stays Gregorian", async () => {
    mockReadGroup();
    const view = await mountView({
        type: "graph",
        resModel: "jalali.thing",
    });
    expect.verifySteps([["date:month"]]);
    checkLabels(view, ["March 2025"]);
});
