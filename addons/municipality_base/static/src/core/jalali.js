/**
 * The Jalali (Solar Hijri) calendar for the web client, pure functions.
 *
 * Same arithmetic as the server (``models/jalali_group.py``, ``jdatetime``):
 * the 33-year rule, a year being leap when ``year % 33`` is one of 1, 5, 9,
 * 13, 17, 22, 26, 30 (1399, 1403, 1408 are leap, 1404–1407 are not). Days are
 * counted from 1 Farvardin of the Jalali year -627 (19 whole cycles before the
 * year 0): the year of day ``n`` is ``(33 n + 11) div 12053`` and the year
 * ``y`` starts on day ``365 y + (8 y + 21) div 33``. The fixture test compares
 * every day of 1300–1500 with ``jdatetime``.
 *
 * Gregorian dates are plain ``{ year, month, day }`` objects (or luxon
 * DateTimes, whose calendar fields are read); errors are ``JalaliError``
 * with a translated message saying what is wrong.
 */
import { _t } from "@web/core/l10n/translation";

const SHIFT = 732597; // day number of 2000-01-01
const CYCLE_YEARS_SHIFT = 627;
const MS_PER_DAY = 86400000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);

export const MIN_YEAR = 1;
export const MAX_YEAR = 9377; // as jdatetime, within Gregorian 9999

export const MONTH_NAMES = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
];
/** Latin transliterations, for users whose language is not Persian. */
export const MONTH_NAMES_LATIN = [
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
];
/** Weekday names, Saturday first, as the Iranian week starts. */
export const WEEKDAY_NAMES = ["شنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنج‌شنبه", "جمعه"];

export class JalaliError extends Error {
    name = "JalaliError";
}

function div(a, b) {
    return Math.floor(a / b);
}

function yearStartDay(shiftedYear) {
    return 365 * shiftedYear + div(8 * shiftedYear + 21, 33);
}

function checkYear(year) {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
        throw new JalaliError(
            _t("Jalali year %(year)s is out of range (%(min)s to %(max)s).", {
                year,
                min: MIN_YEAR,
                max: MAX_YEAR,
            })
        );
    }
}

/** Whether the Jalali year has 366 days (Esfand has 30 days). */
export function isLeapJalaliYear(year) {
    const y = year + CYCLE_YEARS_SHIFT;
    return yearStartDay(y + 1) - yearStartDay(y) === 366;
}

/** Number of days of a Jalali month: 31, 30, or 29/30 for Esfand. */
export function jalaliMonthLength(year, month) {
    if (month <= 6) {
        return 31;
    }
    if (month <= 11) {
        return 30;
    }
    return isLeapJalaliYear(year) ? 30 : 29;
}

/**
 * @param {{year: number, month: number, day: number}} gregorian (a luxon
 *  DateTime works: its fields in its own zone are read)
 * @returns {{year: number, month: number, day: number}} the Jalali date
 */
export function toJalali({ year, month, day }) {
    const n = Math.round((Date.UTC(year, month - 1, day) - EPOCH_2000) / MS_PER_DAY) + SHIFT;
    const y = div(33 * n + 11, 12053);
    const doy0 = n - yearStartDay(y);
    const jMonth = doy0 < 186 ? div(doy0, 31) + 1 : div(doy0 - 186, 30) + 7;
    const jDay = doy0 < 186 ? (doy0 % 31) + 1 : ((doy0 - 186) % 30) + 1;
    return { year: y - CYCLE_YEARS_SHIFT, month: jMonth, day: jDay };
}

/**
 * @returns {{year: number, month: number, day: number}} the Gregorian date of
 *  the Jalali date; an impossible one (1404/12/30, 1404/13/01) throws a
 *  JalaliError saying why.
 */
export function toGregorian(year, month, day) {
    checkJalaliDate(year, month, day);
    const doy0 = month <= 7 ? (month - 1) * 31 + day - 1 : 186 + (month - 7) * 30 + day - 1;
    const n = yearStartDay(year + CYCLE_YEARS_SHIFT) + doy0;
    const date = new Date(EPOCH_2000 + (n - SHIFT) * MS_PER_DAY);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Throws a JalaliError when year/month/day is not a Jalali date. */
export function checkJalaliDate(year, month, day) {
    checkYear(year);
    if (!Number.isInteger(month) || month < 1 || month > 12) {
        throw new JalaliError(
            _t("Month %(month)s does not exist: a Jalali month is 1 to 12.", { month })
        );
    }
    const length = jalaliMonthLength(year, month);
    if (!Number.isInteger(day) || day < 1 || day > length) {
        throw new JalaliError(
            _t("%(date)s does not exist: %(month)s %(year)s has %(days)s days.", {
                date: `${year}/${pad(month)}/${pad(day)}`,
                month: MONTH_NAMES[month - 1],
                year,
                days: length,
            })
        );
    }
}

//-----------------------------------------------------------------------------
// Digits, parsing, formatting
//-----------------------------------------------------------------------------

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;

/** Replaces Persian (۰-۹) and Arabic-Indic (٠-٩) digits by Latin ones. */
export function normalizeDigits(text) {
    return String(text).replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (c) => {
        const code = c.charCodeAt(0);
        return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_ZERO));
    });
}

/** Replaces Latin digits by Persian ones. */
export function toPersianDigits(text) {
    return String(text).replace(/[0-9]/g, (c) => String.fromCharCode(PERSIAN_ZERO + Number(c)));
}

function pad(value, size = 2) {
    return String(value).padStart(size, "0");
}

const DATE_TEXT = /^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$/;

/**
 * Parses ``1404/12/15`` or ``۱۴۰۴/۱۲/۱۵`` (also with ``-`` or ``.``).
 *
 * @returns {{year: number, month: number, day: number}} the Jalali date
 */
export function parseJalali(text) {
    const match = DATE_TEXT.exec(normalizeDigits(text ?? ""));
    if (!match) {
        throw new JalaliError(
            _t("“%(text)s” is not a Jalali date; write it as year/month/day, for example 1404/01/15.", {
                text,
            })
        );
    }
    const [year, month, day] = match.slice(1).map(Number);
    checkJalaliDate(year, month, day);
    return { year, month, day };
}

/**
 * Formats a Jalali date.
 *
 * @param {{year: number, month: number, day: number}} jalali
 * @param {Object} [options]
 * @param {string} [options.pattern="%Y/%m/%d"] ``%Y``, ``%m``, ``%d``, ``%B``
 *  (month name), ``%b`` (Latin month name), ``%%``
 * @param {boolean} [options.persianDigits=false]
 */
export function formatJalali({ year, month, day }, { pattern = "%Y/%m/%d", persianDigits = false } = {}) {
    const text = pattern.replace(/%([YmdBb%])/g, (_, code) => {
        switch (code) {
            case "Y":
                return pad(year, 4);
            case "m":
                return pad(month);
            case "d":
                return pad(day);
            case "B":
                return MONTH_NAMES[month - 1];
            case "b":
                return MONTH_NAMES_LATIN[month - 1];
            default:
                return "%";
        }
    });
    return persianDigits ? toPersianDigits(text) : text;
}
