/**
 * Jalali periods in the date filters of search views (``<filter
 * date="field"/>``: This month, the two before, the quarters, this year and
 * the two before) for users whose calendar is Jalali.
 *
 * Odoo builds those options and their domains in the browser
 * (``@web/search/utils/dates``), in Gregorian periods, and ``SearchModel``
 * imports its functions by destructuring, so the patch sits on the three
 * ``SearchModel`` methods that use them; the options keep Odoo's ids
 * (``month``, ``month-1``, ``first_quarter``, ``year-1``…), so the query,
 * favorites and the comparison keep working, and are read in Jalali:
 *
 * - ``month-k``: the Jalali month ``k`` months before the current one
 *   (described «اسفند», or «Esfand» for a non-Persian user), in the Jalali
 *   year(s) selected;
 * - ``first_quarter``…``fourth_quarter``: the seasons (بهار = Farvardin to
 *   Khordad … زمستان = Dey to Esfand);
 * - ``year-k``: the Jalali year ``k`` years before the current one.
 *
 * ``_getDateFilterDomain`` builds the domain and the facet's description
 * (``[date >= first day, date <= last day]`` of each Jalali period, computed
 * with ``core/jalali.js``), ``getSearchItems`` gives the menu the Jalali
 * descriptions, and ``toggleDateFilter`` selects the Jalali year of the month
 * chosen (Esfand 1403 is in 1403, even in Gregorian 2025). Custom options
 * (``<filter name="…" domain="…"/>`` inside a date filter) stay Odoo's. A
 * Gregorian user's filters are stock Odoo.
 */
import { Domain } from "@web/core/domain";
import { serializeDate, serializeDateTime } from "@web/core/l10n/dates";
import { user } from "@web/core/user";
import { clamp } from "@web/core/utils/numbers";
import { patch } from "@web/core/utils/patch";
import { SearchModel } from "@web/search/search_model";
import { QUARTER_OPTIONS, toGeneratorId, yearSelected } from "@web/search/utils/dates";
import { jalaliMonthLength, MONTH_NAMES, MONTH_NAMES_LATIN, toGregorian, toJalali } from "../core/jalali";
import { jalaliCalendar, userDigits } from "../core/jalali_dates";

const { DateTime } = luxon;

export const SEASON_NAMES = ["بهار", "تابستان", "پاییز", "زمستان"];
export const SEASON_NAMES_LATIN = ["Spring", "Summer", "Autumn", "Winter"];

function isPersian() {
    return (user.lang || "").startsWith("fa");
}

function monthName(month) {
    return (isPersian() ? MONTH_NAMES : MONTH_NAMES_LATIN)[month - 1];
}

function seasonName(quarter) {
    return (isPersian() ? SEASON_NAMES : SEASON_NAMES_LATIN)[quarter - 1];
}

/** The Jalali ``{year, month}`` ``offset`` months after ``{year, month}``. */
function addMonths({ year, month }, offset) {
    const index = year * 12 + month - 1 + offset;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** ``{unit, offset}`` or ``{unit: "quarter", quarter}`` of an option id; null for a custom option. */
function parseOptionId(id) {
    const match = /^(year|month)(?:([+-])(\d+))?$/.exec(id);
    if (match) {
        return { unit: match[1], offset: match[2] ? Number(`${match[2]}${match[3]}`) : 0 };
    }
    if (id in QUARTER_OPTIONS) {
        return { unit: "quarter", quarter: QUARTER_OPTIONS[id].setParam.quarter };
    }
    return null;
}

/**
 * The Jalali reading of a date filter's period options, by id:
 * ``{description, defaultYearId}``.
 */
export function getJalaliPeriodOptions(referenceMoment, optionsParams) {
    const today = toJalali(referenceMoment);
    const { startYear, endYear, startMonth, endMonth } = optionsParams;
    const options = {};
    for (let offset = startMonth; offset <= endMonth; offset++) {
        const { year, month } = addMonths(today, offset);
        options[toGeneratorId("month", offset)] = {
            description: monthName(month),
            defaultYearId: toGeneratorId("year", clamp(year - today.year, startYear, endYear)),
        };
    }
    for (const [id, { setParam }] of Object.entries(QUARTER_OPTIONS)) {
        options[id] = {
            description: seasonName(setParam.quarter),
            defaultYearId: toGeneratorId("year", clamp(0, startYear, endYear)),
        };
    }
    for (let offset = startYear; offset <= endYear; offset++) {
        options[toGeneratorId("year", offset)] = {
            description: userDigits(String(today.year + offset)),
        };
    }
    return options;
}

function jalaliRange(fieldName, fieldType, year, firstMonth, lastMonth) {
    const start = DateTime.fromObject(toGregorian(year, firstMonth, 1));
    const end = DateTime.fromObject(
        toGregorian(year, lastMonth, jalaliMonthLength(year, lastMonth))
    ).endOf("day");
    const serialize = fieldType === "date" ? serializeDate : serializeDateTime;
    return new Domain([
        "&",
        [fieldName, ">=", serialize(start)],
        [fieldName, "<=", serialize(end)],
    ]);
}

/**
 * Jalali counterpart of ``constructDateDomain``: ``{domain, description}``
 * of the selected options, or null when a custom option is selected.
 */
export function constructJalaliDateDomain(referenceMoment, searchItem, selectedOptionIds) {
    const today = toJalali(referenceMoment);
    const years = [];
    const periods = [];
    for (const id of selectedOptionIds) {
        const option = parseOptionId(id);
        if (!option) {
            return null;
        }
        if (option.unit === "year") {
            years.push(today.year + option.offset);
        } else if (option.unit === "month") {
            const { month } = addMonths(today, option.offset);
            periods.push({ rank: month, first: month, last: month, name: monthName(month) });
        } else {
            const { quarter } = option;
            periods.push({
                rank: 100 + quarter,
                first: 3 * quarter - 2,
                last: 3 * quarter,
                name: seasonName(quarter),
            });
        }
    }
    years.sort((a, b) => a - b);
    periods.sort((a, b) => a.rank - b.rank);
    const { fieldName, fieldType } = searchItem;
    const domains = [];
    const descriptions = [];
    for (const year of years) {
        const yearText = userDigits(String(year));
        for (const period of periods.length ? periods : [{ first: 1, last: 12 }]) {
            domains.push(jalaliRange(fieldName, fieldType, year, period.first, period.last));
            descriptions.push(period.name ? `${period.name} ${yearText}` : yearText);
        }
    }
    return {
        domain: Domain.and([Domain.combine(domains, "OR"), searchItem.domain]),
        description: descriptions.join("/"),
    };
}

patch(SearchModel.prototype, {
    getSearchItems() {
        const searchItems = super.getSearchItems(...arguments);
        if (jalaliCalendar.active) {
            for (const searchItem of searchItems) {
                if (searchItem.type === "dateFilter" && searchItem.options) {
                    const jalali = getJalaliPeriodOptions(
                        this.referenceMoment,
                        searchItem.optionsParams
                    );
                    for (const option of searchItem.options) {
                        option.description = jalali[option.id]?.description ?? option.description;
                    }
                }
            }
        }
        return searchItems;
    },

    toggleDateFilter(searchItemId, generatorId) {
        const searchItem = this.searchItems[searchItemId];
        if (
            jalaliCalendar.active &&
            generatorId &&
            searchItem?.type === "dateFilter" &&
            !yearSelected(this._getSelectedGeneratorIds(searchItemId))
        ) {
            // select the Jalali year of the month first, so that Odoo does
            // not add the Gregorian one
            const { defaultYearId } =
                getJalaliPeriodOptions(this.referenceMoment, searchItem.optionsParams)[
                    generatorId
                ] || {};
            if (defaultYearId) {
                this.query.push({ searchItemId, generatorId: defaultYearId });
            }
        }
        return super.toggleDateFilter(...arguments);
    },

    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        if (jalaliCalendar.active) {
            const range = constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds);
            if (range) {
                return range[key];
            }
        }
        return super._getDateFilterDomain(...arguments);
    },
});
