/**
 * The date picker in Jalali months for Jalali users: Farvardin..Esfand
 * (29 or 30 days), weeks starting on Saturday, Jalali years and decades.
 *
 * ``DateTimePicker`` reads its grids from a module-private table through the
 * ``activePrecisionLevel`` getter; for a Jalali user that getter returns the
 * Jalali table below, and the three methods that move the focus by calendar
 * units (``adjustFocus``, ``next``, ``previous``) move it by Jalali months
 * and years. Items keep the shape of Odoo's (ranges of Gregorian luxon
 * DateTimes), so selection, ranges, min/max dates and time inputs are
 * Odoo's own code. A Gregorian user gets the original methods.
 */
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { isInRange, today } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { jalaliMonthLength, MONTH_NAMES, MONTH_NAMES_LATIN, toGregorian, toJalali } from "./jalali";
import { jalaliCalendar, userDigits } from "./jalali_dates";

const { DateTime, Info } = luxon;

const SATURDAY = 6; // luxon: Monday = 1 … Sunday = 7
const GRID_COUNT = 10;
const GRID_MARGIN = 1;

function monthName(month) {
    return (user.lang || "").startsWith("fa") ? MONTH_NAMES[month - 1] : MONTH_NAMES_LATIN[month - 1];
}

/** First day (a luxon DateTime in ``zoneOf``'s zone) of a Jalali month. */
export function jalaliMonthStart(year, month, zoneOf) {
    // normalize month overflow (month 13 = Farvardin of next year…)
    const y = year + Math.floor((month - 1) / 12);
    const m = ((((month - 1) % 12) + 12) % 12) + 1;
    return DateTime.fromObject(toGregorian(y, m, 1), { zone: zoneOf?.zone, locale: zoneOf?.locale });
}

function monthEnd(start) {
    const { year, month } = toJalali(start);
    return start.plus({ days: jalaliMonthLength(year, month) - 1 }).endOf("day");
}

function item({ start, end, label, isOutOfRange = false, isValid = true, extraClass = "" }) {
    return {
        id: start.toISODate(),
        includesToday: isInRange(today(), [start, end]),
        isOutOfRange,
        isValid,
        label: userDigits(String(label)),
        range: [start, end],
        extraClass,
    };
}

function yearItems(startYear, step, focus, { minDate, maxDate }) {
    return [...Array(GRID_COUNT + 2 * GRID_MARGIN)].map((_, k) => {
        const i = k - GRID_MARGIN;
        const year = startYear + i * step;
        const start = jalaliMonthStart(year, 1, focus);
        const end = jalaliMonthStart(year + step, 1, focus).minus({ days: 1 }).endOf("day");
        return item({
            start,
            end,
            label: year,
            isOutOfRange: i < 0 || i >= GRID_COUNT,
            isValid: isInRange([start, end], [minDate, maxDate]),
        });
    });
}

/** Jalali counterpart of datetime_picker.js's PRECISION_LEVELS. */
export const JALALI_PRECISION_LEVELS = new Map()
    .set("days", {
        mainTitle: _t("Select month"),
        nextTitle: _t("Next month"),
        prevTitle: _t("Previous month"),
        step: { month: 1 },
        getTitle: (date) => {
            const { year, month } = toJalali(date);
            return userDigits(`${monthName(month)} ${year}`);
        },
        getItems: (date, { maxDate, minDate, isDateValid, dayCellClass, showWeekNumbers }) => {
            const { year, month } = toJalali(date);
            const start = jalaliMonthStart(year, month, date);
            const monthRange = [start, monthEnd(start)];
            let day = start.minus({ days: (start.weekday - SATURDAY + 7) % 7 });
            const weeks = [];
            for (let w = 0; w < 6; w++) {
                const days = [];
                for (let d = 0; d < 7; d++) {
                    const range = [day, day.endOf("day")];
                    days.push(
                        item({
                            start: day,
                            end: range[1],
                            label: toJalali(day).day,
                            isOutOfRange: !isInRange(day, monthRange),
                            isValid: isInRange(range, [minDate, maxDate]) && (isDateValid?.(day) ?? true),
                            extraClass: dayCellClass?.(day) || "",
                        })
                    );
                    day = day.plus({ days: 1 });
                }
                weeks.push({ number: days[3].range[0].weekNumber, days });
            }
            const daysOfWeek = weeks[0].days.map(({ range: [d] }) => [
                d.weekdayShort,
                d.weekdayLong,
                Info.weekdays("narrow", { locale: d.locale })[d.weekday - 1],
            ]);
            if (showWeekNumbers) {
                daysOfWeek.unshift(["", _t("Week numbers"), ""]);
            }
            return [{ id: "__month__0", number: month, daysOfWeek, weeks }];
        },
        shift: (date, n) => {
            const { year, month } = toJalali(date);
            return jalaliMonthStart(year, month + n, date);
        },
    })
    .set("months", {
        mainTitle: _t("Select year"),
        nextTitle: _t("Next year"),
        prevTitle: _t("Previous year"),
        step: { year: 1 },
        getTitle: (date) => userDigits(String(toJalali(date).year)),
        getItems: (date, { maxDate, minDate }) => {
            const { year } = toJalali(date);
            return [...Array(12)].map((_, i) => {
                const start = jalaliMonthStart(year, i + 1, date);
                const end = monthEnd(start);
                return item({
                    start,
                    end,
                    label: monthName(i + 1),
                    isValid: isInRange([start, end], [minDate, maxDate]),
                });
            });
        },
        shift: (date, n) => jalaliMonthStart(toJalali(date).year + n, 1, date),
    })
    .set("years", {
        mainTitle: _t("Select decade"),
        nextTitle: _t("Next decade"),
        prevTitle: _t("Previous decade"),
        step: { year: 10 },
        getTitle: (date) => {
            const decade = Math.floor(toJalali(date).year / 10) * 10;
            return userDigits(`${decade - 1} - ${decade + 10}`);
        },
        getItems: (date, limits) =>
            yearItems(Math.floor(toJalali(date).year / 10) * 10, 1, date, limits),
        shift: (date, n) => jalaliMonthStart(toJalali(date).year + 10 * n, 1, date),
    })
    .set("decades", {
        mainTitle: _t("Select century"),
        nextTitle: _t("Next century"),
        prevTitle: _t("Previous century"),
        step: { year: 100 },
        getTitle: (date) => {
            const century = Math.floor(toJalali(date).year / 100) * 100;
            return userDigits(`${century - 10} - ${century + 100}`);
        },
        getItems: (date, limits) =>
            yearItems(Math.floor(toJalali(date).year / 100) * 100, 10, date, limits),
        shift: (date, n) => jalaliMonthStart(toJalali(date).year + 100 * n, 1, date),
    });

patch(DateTimePicker.prototype, {
    get activePrecisionLevel() {
        if (jalaliCalendar.active) {
            return JALALI_PRECISION_LEVELS.get(this.state.precision);
        }
        return super.activePrecisionLevel;
    },
    adjustFocus(values, focusedDateIndex) {
        if (!jalaliCalendar.active || (!this.shouldAdjustFocusDate && this.state.focusDate)) {
            return super.adjustFocus(values, focusedDateIndex);
        }
        const date = values[focusedDateIndex] || values[focusedDateIndex === 1 ? 0 : 1] || today();
        const { year, month } = toJalali(date);
        this.shouldAdjustFocusDate = false;
        this.state.focusDate = this.clamp(jalaliMonthStart(year, month, date));
    },
    next(ev) {
        if (!jalaliCalendar.active) {
            return super.next(ev);
        }
        ev.preventDefault();
        this.state.focusDate = this.clamp(this.activePrecisionLevel.shift(this.state.focusDate, 1));
    },
    previous(ev) {
        if (!jalaliCalendar.active) {
            return super.previous(ev);
        }
        ev.preventDefault();
        this.state.focusDate = this.clamp(this.activePrecisionLevel.shift(this.state.focusDate, -1));
    },
});

