/**
 * Grouping by Jalali period in the web client: the server's read_group
 * granularities ``jalali_year``, ``jalali_quarter``, ``jalali_month``,
 * ``jalali_week`` (weeks from Saturday) and ``jalali_day``.
 *
 * - ``BACKEND_INTERVAL_OPTIONS`` (what ``getGroupBy()`` accepts) gets the
 *   three for everybody, so a search view filter or an action context
 *   ``{'group_by': 'date:jalali_month'}`` works whatever the user's calendar;
 * - ``INTERVAL_OPTIONS`` (the facets' descriptions, ``rankInterval``, the
 *   intervals of the *Group By* menu of each date field and of the pivot
 *   header menu) gets them too, so a facet of such a filter can be shown;
 *   ``SearchModel`` removes them from its menu options, whose entries stay
 *   Odoo's;
 * - a group's ``range`` is ``start.plus(granularityToInterval[granularity])``
 *   in ``model/relational_model/utils.js``, whose table (module-private)
 *   knows no Jalali period: ``plus(undefined)`` (which luxon refuses with an
 *   exception) returns the start itself, and ``Group`` then reads the end of
 *   the period from the group's domain (the server's ``__extra_domain``,
 *   ``[field >= start, field < next start]``).
 *
 * For a Jalali user a year, a quarter, a month, a week and a day *are* the
 * Jalali ones: the menu's «Year» … «Day», a custom group on a date and a
 * filter ``{'group_by': 'date'}`` or ``'date:month'`` of the search model,
 * the pivot view's rows and columns (its header menu, its arch's
 * ``interval``, a custom group) and the graph view's groups (patched in
 * ``lazy/jalali_pivot_graph.js``, in Odoo's lazy bundle of those views)
 * group by the Jalali period (Gregorian only on purpose: an explicit ``date:jalali_*``
 * is kept, and nothing else is Gregorian for a Jalali user).
 *
 * The groups' labels («اسفند ۱۴۰۳», «هفتهٔ ۲۵ اسفند ۱۴۰۳») are the server's.
 */
import { deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { Group } from "@web/model/relational_model/group";
import { SearchModel } from "@web/search/search_model";
import { BACKEND_INTERVAL_OPTIONS, INTERVAL_OPTIONS } from "@web/search/utils/dates";
import { jalaliCalendar } from "../core/jalali_dates";

const { DateTime } = luxon;

export const JALALI_INTERVAL_OPTIONS = {
    jalali_year: { description: _t("Jalali Year"), id: "jalali_year", groupNumber: 2 },
    jalali_quarter: { description: _t("Jalali Quarter"), id: "jalali_quarter", groupNumber: 2 },
    jalali_month: { description: _t("Jalali Month"), id: "jalali_month", groupNumber: 2 },
    jalali_week: { description: _t("Jalali Week"), id: "jalali_week", groupNumber: 2 },
    jalali_day: { description: _t("Jalali Day"), id: "jalali_day", groupNumber: 2 },
};

/** Odoo's period → the Jalali one a Jalali user means by it. */
export const JALALI_OF = {
    year: "jalali_year",
    quarter: "jalali_quarter",
    month: "jalali_month",
    week: "jalali_week",
    day: "jalali_day",
};

/**
 * Adds the Jalali periods to ``options``, each right after Odoo's period of
 * the same size: ``rankInterval`` (the order of ``INTERVAL_OPTIONS``' keys,
 * by which the graph view keeps the finest of two groupings of one field)
 * then ranks a Jalali month finer than a year and coarser than a week.
 */
function insertJalaliOptions(options) {
    const entries = Object.entries(options).filter(([id]) => !(id in JALALI_INTERVAL_OPTIONS));
    for (const [id] of entries) {
        delete options[id];
    }
    for (const [id, option] of entries) {
        options[id] = option;
        if (JALALI_OF[id]) {
            options[JALALI_OF[id]] = JALALI_INTERVAL_OPTIONS[JALALI_OF[id]];
        }
    }
}
insertJalaliOptions(INTERVAL_OPTIONS);
insertJalaliOptions(BACKEND_INTERVAL_OPTIONS);

/**
 * A groupby spec as a Jalali user means it: ``date``, ``date:year`` …
 * ``date:day`` of a date or datetime field → ``date:jalali_*`` (a date
 * without interval is by month, as Odoo's default); anything else as is.
 * A Gregorian user's specs are returned as they are.
 */
export function jalaliGroupBySpec(spec, fields) {
    if (!jalaliCalendar.active || typeof spec !== "string") {
        return spec;
    }
    const [fieldName, interval] = spec.split(":");
    if (!["date", "datetime"].includes(fields?.[fieldName]?.type)) {
        return spec;
    }
    const period = interval || "month";
    return period in JALALI_OF ? `${fieldName}:${JALALI_OF[period]}` : spec;
}

patch(SearchModel.prototype, {
    setup() {
        super.setup(...arguments);
        // The menu offers Odoo's Year, Quarter, Month, Week, Day: stock for a Gregorian user, and for a
        // Jalali user their year, quarter and month are the Jalali ones (_getSearchItemGroupBys).
        this.intervalOptions = this.intervalOptions.filter(({ id }) => !(id in JALALI_INTERVAL_OPTIONS));
    },

    _getSearchItemGroupBys(activeItem) {
        const groupBys = super._getSearchItemGroupBys(...arguments);
        if (!jalaliCalendar.active || !Array.isArray(groupBys)) {
            return groupBys;
        }
        return groupBys.map((spec) => {
            const interval = typeof spec === "string" ? spec.split(":")[1] : undefined;
            return interval in JALALI_OF ? jalaliGroupBySpec(spec, this.searchViewFields) : spec;
        });
    },

    // the action's ``group_by`` (``{'group_by': ['date:month']}``) and the view's default ones too
    _getGroupBy() {
        const groupBys = super._getGroupBy(...arguments);
        return groupBys.map((spec) => jalaliGroupBySpec(spec, this.searchViewFields));
    },
});

patch(DateTime.prototype, {
    plus(duration) {
        if (duration === undefined) {
            // a group's start plus a granularity that Odoo's table lacks
            return this;
        }
        return super.plus(duration);
    },
});

/** The upper bound ``[fieldName, "<", value]`` of a group's domain, if any. */
function upperBound(domain, field) {
    for (const leaf of [...(domain || [])].reverse()) {
        if (Array.isArray(leaf) && leaf[0] === field.name && leaf[1] === "<" && leaf[2]) {
            return field.type === "date" ? deserializeDate(leaf[2]) : deserializeDateTime(leaf[2]);
        }
    }
    return null;
}

patch(Group.prototype, {
    setup(config, data) {
        super.setup(...arguments);
        const range = this.range;
        if (range && range.from === range.to && this.groupByField) {
            const end = upperBound(data.domain, this.groupByField);
            if (end) {
                this.range = { from: range.from, to: end };
            }
        }
    },
});
