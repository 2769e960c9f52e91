/**
 * Jalali dates in every date and datetime field, for users whose calendar
 * (``res.users.calendar``, ``session.user_calendar``) is Jalali.
 *
 * Why luxon and not ``@web/core/l10n/dates``: Odoo's modules import
 * ``formatDate``, ``parseDateTime``… by destructuring, so patching that
 * module's exports would reach nobody. All of them end in three luxon calls,
 * which is where this patch sits:
 *
 * - ``localization.dateFormat`` (and ``dateTimeFormat``) read ``yyyy/MM/dd``
 *   (+ the language's time format) for a Jalali user, whatever the language;
 * - ``DateTime#toFormat`` renders a format starting with ``yyyy/MM/dd`` as
 *   the Jalali date (numeric formatting, the date inputs, the picker's input);
 * - ``DateTime#toLocaleString`` renders a format with a day and a month
 *   (``DATE_MED``… of the fields' default, non-numeric display, chatter and
 *   activities) as ``1404/12/15`` (``1404/12/15 14:30`` with a time);
 * - ``DateTime.fromFormat`` reads a year/month/day format (the one above and
 *   the variants ``parseDateTime`` derives from it: ``y/M/d``, ``yyyyMMdd``)
 *   as a Jalali date, in Latin, Persian or Arabic-Indic digits; an impossible
 *   date (``1404/12/30``) gives an invalid DateTime, so Odoo's own parser
 *   refuses it and the field shows its usual "invalid" error.
 *
 * Displayed dates are in Persian digits for a user who chose them
 * (``session.user_calendar_digits``); parsing accepts any digits, so the
 * inputs read back what they show.
 *
 * DateTimes stay Gregorian luxon objects: values sent to the server stay
 * Gregorian ISO (``serializeDate`` uses ``yyyy-MM-dd``, never touched). For a
 * Gregorian user every patched method calls the original at once.
 */
import { localization } from "@web/core/l10n/localization";
import { patch } from "@web/core/utils/patch";
import { user } from "@web/core/user";
import { session } from "@web/session";
import {
    formatJalali,
    JalaliError,
    MONTH_NAMES,
    MONTH_NAMES_LATIN,
    normalizeDigits,
    toGregorian,
    toJalali,
    toPersianDigits,
} from "./jalali";

const { DateTime } = luxon;

/**
 * Whether dates are Jalali, and whether they are shown in Persian digits
 * (``res.users.calendar_digits``); tests may flip both (patchWithCleanup).
 */
export const jalaliCalendar = {
    active: session.user_calendar === "jalali",
    persianDigits: session.user_calendar_digits === "persian",
};

/** ``text`` in the user's digits (Persian ones if so chosen). */
export function userDigits(text) {
    return jalaliCalendar.persianDigits ? toPersianDigits(text) : text;
}

export const JALALI_DATE_FORMAT = "yyyy/MM/dd";
const JALALI_PARSE_FORMAT = /^(y+)(\/?)(M+)(\/?)(d+)(.*)$/s;

// localization.dateFormat / dateTimeFormat: the language's value, or the
// Jalali one. The localization service assigns the language's value later,
// through the setter.
{
    const languageValues = {};
    for (const key of ["dateFormat", "dateTimeFormat"]) {
        try {
            languageValues[key] = localization[key];
        } catch {
            // not loaded yet
        }
        Object.defineProperty(localization, key, {
            configurable: true,
            enumerable: true,
            get() {
                if (!jalaliCalendar.active) {
                    return languageValues[key];
                }
                return key === "dateFormat"
                    ? JALALI_DATE_FORMAT
                    : `${JALALI_DATE_FORMAT} ${this.timeFormat || "HH:mm:ss"}`;
            },
            set(value) {
                languageValues[key] = value;
            },
        });
    }
}

/**
 * ``1404/12/15`` for a luxon DateTime (its calendar day in its own zone), in
 * Persian digits (``۱۴۰۴/۱۲/۱۵``) for a user who chose them.
 */
export function formatJalaliDateTime(value, { time = false, seconds = false } = {}) {
    const date = formatJalali(toJalali(value));
    return userDigits(time ? `${date} ${value.toFormat(seconds ? "HH:mm:ss" : "HH:mm")}` : date);
}

function digitPattern(token) {
    if (token.length === 1) {
        return token[0] === "y" ? "(\\d{1,4})" : "(\\d{1,2})";
    }
    return `(\\d{${token[0] === "y" ? Math.max(token.length, 4) : token.length}})`;
}

/**
 * Reads ``text`` in a year/month/day ``format`` as a Jalali date (the time
 * part, if any, is left to luxon).
 *
 * @returns {DateTime} possibly invalid, with the reason as explanation
 */
export function parseJalaliDateTime(text, format, options = {}) {
    const [, y, sep1, m, sep2, d, timeFormat] = JALALI_PARSE_FORMAT.exec(format);
    const separator = "\\s*[/\\-.]\\s*";
    const regex = new RegExp(
        `^\\s*${digitPattern(y)}${sep1 ? separator : ""}${digitPattern(m)}${
            sep2 ? separator : ""
        }${digitPattern(d)}(.*)$`,
        "s"
    );
    const match = regex.exec(normalizeDigits(text ?? ""));
    if (!match) {
        return DateTime.invalid("unparsable", `"${text}" does not match "${format}" (Jalali)`);
    }
    const [year, month, day] = match.slice(1, 4).map(Number);
    let gregorian;
    try {
        gregorian = toGregorian(year, month, day);
    } catch (error) {
        if (error instanceof JalaliError) {
            return DateTime.invalid("invalid Jalali date", error.message);
        }
        throw error;
    }
    const rest = match[4];
    let time = { hour: 0, minute: 0, second: 0 };
    if (timeFormat.trim()) {
        const parsedTime = DateTime.fromFormat(rest.trim(), timeFormat.trim(), {
            zone: "utc",
            numberingSystem: "latn",
        });
        if (!parsedTime.isValid) {
            return parsedTime;
        }
        time = { hour: parsedTime.hour, minute: parsedTime.minute, second: parsedTime.second };
    } else if (rest.trim()) {
        return DateTime.invalid("unparsable", `unexpected "${rest}" after the date`);
    }
    return DateTime.fromObject(
        { ...gregorian, ...time },
        { zone: options.zone, locale: options.locale }
    );
}

/** luxon's localized date tokens: ``D`` 3/20/2025, ``DD`` Mar 20, 2025, ``DDD`` March 20, 2025, ``DDDD`` with the weekday. */
const LOCALIZED_DATE_FORMATS = new Set(["D", "DD", "DDD", "DDDD"]);

/** ``30 Esfand 1403`` (``۳۰ اسفند ۱۴۰۳`` for a Persian user), ``D`` as ``1403/12/30``, ``DDDD`` with the weekday. */
function formatJalaliLocalized(value, format) {
    if (format === "D") {
        return formatJalaliDateTime(value);
    }
    const { year, month, day } = toJalali(value);
    const names = (user.lang || "").startsWith("fa") ? MONTH_NAMES : MONTH_NAMES_LATIN;
    const date = `${day} ${names[month - 1]} ${year}`;
    return userDigits(format === "DDDD" ? `${value.toFormat("cccc")} ${date}` : date);
}

patch(DateTime.prototype, {
    toFormat(format, options) {
        if (jalaliCalendar.active && this.isValid && LOCALIZED_DATE_FORMATS.has(format)) {
            return formatJalaliLocalized(this, format);
        }
        if (
            jalaliCalendar.active &&
            this.isValid &&
            typeof format === "string" &&
            format.startsWith(JALALI_DATE_FORMAT)
        ) {
            const rest = format.slice(JALALI_DATE_FORMAT.length);
            return userDigits(
                formatJalali(toJalali(this)) + (rest ? super.toFormat(rest, options) : "")
            );
        }
        return super.toFormat(format, options);
    },
    toLocaleString(format = DateTime.DATE_SHORT, options) {
        if (jalaliCalendar.active && this.isValid && format && format.month && format.day) {
            return formatJalaliDateTime(this, {
                time: Boolean(format.hour),
                seconds: Boolean(format.second),
            });
        }
        return super.toLocaleString(format, options);
    },
});

patch(DateTime, {
    fromFormat(text, format, options = {}) {
        if (
            jalaliCalendar.active &&
            typeof format === "string" &&
            JALALI_PARSE_FORMAT.test(format)
        ) {
            return parseJalaliDateTime(text, format, options);
        }
        return super.fromFormat(text, format, options);
    },
});
