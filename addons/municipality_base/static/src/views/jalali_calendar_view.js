/**
 * Jalali labels in the calendar view, for users whose calendar is Jalali.
 *
 * The view's ranges stay Odoo's (Gregorian weeks, months and years: the
 * model, the navigation and FullCalendar's grids are untouched); only the
 * labels are Jalali:
 *
 * - the controller's title (``dayHeader``, ``weekHeader``, ``currentMonth``,
 *   ``currentYear``, and the mobile ``currentDate``/``today``): «۳۰ اسفند
 *   ۱۴۰۳» for a day, «۲۵ – ۳۰ اسفند ۱۴۰۳» or «۲۹ اسفند ۱۴۰۳ – ۴ فروردین
 *   ۱۴۰۴» for a week, the two Jalali months a Gregorian month straddles
 *   («اسفند ۱۴۰۳ – فروردین ۱۴۰۴») for a month, «۱۴۰۳ – ۱۴۰۴» for a year;
 * - the day/week column headers (``headerTemplateProps``): the weekday (in
 *   Persian for a Persian user) and the Jalali day of month (the title names
 *   the months);
 * - the day cells of the month and year views (FullCalendar's
 *   ``dayCellContent``): the Jalali day of month, with the Jalali month name
 *   on its first day («۱ فروردین») in the month view;
 * - the year view's month titles (``titleFormat`` as a function): the Jalali
 *   months the Gregorian month straddles («دی – بهمن ۱۴۰۳»).
 *
 * Month names are Persian for a Persian user and transliterated otherwise
 * (as in the picker), numbers are in the user's digits. Every patched getter
 * calls the original at once for a Gregorian user.
 */
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarYearRenderer } from "@web/views/calendar/calendar_year/calendar_year_renderer";
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { MONTH_NAMES, MONTH_NAMES_LATIN, toJalali, WEEKDAY_NAMES } from "../core/jalali";
import { jalaliCalendar, userDigits } from "../core/jalali_dates";

const { DateTime } = luxon;

function isPersian() {
    return (user.lang || "").startsWith("fa");
}

function monthName(month) {
    return (isPersian() ? MONTH_NAMES : MONTH_NAMES_LATIN)[month - 1];
}

/** «۳۰ اسفند ۱۴۰۳» (``30 Esfand 1403`` for a non-Persian user). */
export function jalaliDayLabel(date) {
    const { year, month, day } = toJalali(date);
    return userDigits(`${day} ${monthName(month)} ${year}`);
}

/**
 * The Jalali span of the Gregorian days ``start``..``end`` (luxon
 * DateTimes), by month: «اسفند ۱۴۰۳», «دی – بهمن ۱۴۰۳», «اسفند ۱۴۰۳ –
 * فروردین ۱۴۰۴»; with ``days``, by day: «۲۵ – ۳۰ اسفند ۱۴۰۳».
 */
export function jalaliRangeLabel(start, end, { days = false } = {}) {
    const s = toJalali(start);
    const e = toJalali(end);
    const startDay = days ? `${s.day} ` : "";
    const endDay = days ? `${e.day} ` : "";
    let text;
    if (s.year !== e.year) {
        text = `${startDay}${monthName(s.month)} ${s.year} – ${endDay}${monthName(e.month)} ${e.year}`;
    } else if (s.month !== e.month) {
        text = `${startDay}${monthName(s.month)} – ${endDay}${monthName(e.month)} ${e.year}`;
    } else if (days && s.day !== e.day) {
        text = `${s.day} – ${e.day} ${monthName(e.month)} ${e.year}`;
    } else {
        text = `${startDay}${monthName(e.month)} ${e.year}`;
    }
    return userDigits(text);
}

/** The Jalali day of a FullCalendar cell date, with the month name on the 1st. */
export function jalaliCellLabel(date) {
    const { month, day } = toJalali(date);
    return userDigits(day === 1 ? `${day} ${monthName(month)}` : String(day));
}

patch(CalendarController.prototype, {
    get today() {
        return jalaliCalendar.active ? userDigits(String(toJalali(DateTime.now()).day)) : super.today;
    },
    get currentYear() {
        if (!jalaliCalendar.active) {
            return super.currentYear;
        }
        const start = this.date.startOf("year");
        return userDigits(`${toJalali(start).year} – ${toJalali(start.endOf("year")).year}`);
    },
    get dayHeader() {
        return jalaliCalendar.active ? jalaliDayLabel(this.date) : super.dayHeader;
    },
    get weekHeader() {
        if (!jalaliCalendar.active) {
            return super.weekHeader;
        }
        return jalaliRangeLabel(this.model.rangeStart, this.model.rangeEnd, { days: true });
    },
    get currentMonth() {
        if (!jalaliCalendar.active) {
            return super.currentMonth;
        }
        return jalaliRangeLabel(this.date.startOf("month"), this.date.endOf("month"));
    },
    get currentDate() {
        const text = super.currentDate;
        if (!jalaliCalendar.active || !text) {
            return text;
        }
        // mobile week/month: the Jalali months of the period
        const date = this.model.meta.date || DateTime.now();
        const unit = this.model.meta.scale === "week" ? "week" : "month";
        return ` - ${jalaliRangeLabel(date.startOf(unit), date.endOf(unit))}`;
    },
});

/**
 * FullCalendar's ``dayCellContent``: the Jalali day where FC shows a day
 * number (with the month name on the 1st unless ``short``).
 */
function makeDayCellContent({ short = false } = {}) {
    return ({ date, dayNumberText }) => {
        if (!dayNumberText) {
            // no day number there (all-day row of the week view, popovers)
            return "";
        }
        const value = DateTime.fromJSDate(date);
        return short ? userDigits(String(toJalali(value).day)) : jalaliCellLabel(value);
    };
}

patch(CalendarCommonRenderer.prototype, {
    get options() {
        const options = super.options;
        return jalaliCalendar.active ? { ...options, dayCellContent: makeDayCellContent() } : options;
    },
    headerTemplateProps(date) {
        const props = super.headerTemplateProps(date);
        if (!jalaliCalendar.active || props.scale === "month") {
            // month view: weekday names only, no date
            return props;
        }
        const value = DateTime.fromJSDate(date);
        if (isPersian()) {
            const weekday = WEEKDAY_NAMES[(value.weekday + 1) % 7]; // Saturday first
            props.weekdayShort = props.weekdayLong = weekday;
        }
        // the day only: the title names the months, and today's number is a
        // circle in the header
        props.day = userDigits(String(toJalali(value).day));
        return props;
    },
});

patch(CalendarYearRenderer.prototype, {
    get options() {
        const options = super.options;
        if (!jalaliCalendar.active) {
            return options;
        }
        return {
            ...options,
            // small cells: the Jalali day only, the title names the months
            dayCellContent: makeDayCellContent({ short: true }),
            // each mini calendar is a Gregorian month: its Jalali months
            titleFormat: ({ date }) => {
                const first = DateTime.utc(date.year, date.month + 1, 1);
                return jalaliRangeLabel(first, first.endOf("month"));
            },
        };
    },
});
