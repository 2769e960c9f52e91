import { beforeEach, expect, test } from "@odoo/hoot";
import { patchTranslations } from "@web/../tests/web_test_helpers";
import {
    formatJalali,
    isLeapJalaliYear,
    jalaliMonthLength,
    JalaliError,
    parseJalali,
    toGregorian,
    toJalali,
} from "@municipality_base/core/jalali";
import { JALALI_MONTHS } from "./jalali_fixture";

beforeEach(() => patchTranslations());

const iso = ({ year, month, day }) =>
    `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

test("every day of 1300/01/01..1500/12/29 agrees with jdatetime, both ways", () => {
    const rows = JALALI_MONTHS.trim().split("\n");
    expect(rows.length).toBe(201 * 12);
    const errors = [];
    let days = 0;
    let expectedStart = null;
    for (const row of rows) {
        const [ym, start, lengthText] = row.split(" ");
        const [year, month] = ym.split("/").map(Number);
        const length = Number(lengthText);
        if (expectedStart && start !== expectedStart) {
            errors.push(`${ym} starts on ${start}, the month before ended on the day before ${expectedStart}`);
        }
        if (jalaliMonthLength(year, month) !== length) {
            errors.push(`${ym}: ${jalaliMonthLength(year, month)} days, jdatetime says ${length}`);
        }
        let gregorian = new Date(`${start}T00:00:00Z`);
        for (let day = 1; day <= length; day++) {
            const g = {
                year: gregorian.getUTCFullYear(),
                month: gregorian.getUTCMonth() + 1,
                day: gregorian.getUTCDate(),
            };
            const j = toJalali(g);
            if (j.year !== year || j.month !== month || j.day !== day) {
                errors.push(`${iso(g)} -> ${iso(j)}, expected ${ym}/${day}`);
            }
            const back = toGregorian(year, month, day);
            if (iso(back) !== iso(g)) {
                errors.push(`${ym}/${day} -> ${iso(back)}, expected ${iso(g)}`);
            }
            days++;
            gregorian = new Date(gregorian.getTime() + 86400000);
        }
        expectedStart = gregorian.toISOString().slice(0, 10);
        if (errors.length > 20) {
            break;
        }
    }
    expect(errors).toEqual([]);
    expect(days).toBe(73414);
});

test("leap years follow the 33-year rule", () => {
    expect([1399, 1403, 1408].map(isLeapJalaliYear)).toEqual([true, true, true]);
    expect([1400, 1404, 1405, 1406, 1407].map(isLeapJalaliYear)).toEqual([false, false, false, false, false]);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
    expect(toGregorian(1403, 12, 30)).toEqual({ year: 2025, month: 3, day: 20 });
    expect(toGregorian(1404, 1, 1)).toEqual({ year: 2025, month: 3, day: 21 });
    expect(toJalali({ year: 2026, month: 3, day: 6 })).toEqual({ year: 1404, month: 12, day: 15 });
});

test("parse Latin, Persian and Arabic-Indic digits", () => {
    expect(parseJalali("1404/12/15")).toEqual({ year: 1404, month: 12, day: 15 });
    expect(parseJalali("۱۴۰۴/۱۲/۱۵")).toEqual({ year: 1404, month: 12, day: 15 });
    expect(parseJalali("١٤٠٤/١٢/١٥")).toEqual({ year: 1404, month: 12, day: 15 });
    expect(parseJalali(" 1404-1-5 ")).toEqual({ year: 1404, month: 1, day: 5 });
});

test("bad input is refused with a clear message", () => {
    expect(() => parseJalali("1404/12/30")).toThrow(JalaliError);
    expect(() => parseJalali("1404/12/30")).toThrow(/1404\/12\/30 does not exist: اسفند 1404 has 29 days/);
    expect(() => parseJalali("1404/13/01")).toThrow(/Month 13 does not exist/);
    expect(() => parseJalali("1404/00/01")).toThrow(/Month 0 does not exist/);
    expect(() => parseJalali("1404/01/32")).toThrow(/has 31 days/);
    expect(() => parseJalali("hello")).toThrow(/is not a Jalali date/);
    expect(() => parseJalali("")).toThrow(/is not a Jalali date/);
    expect(parseJalali("1403/12/30")).toEqual({ year: 1403, month: 12, day: 30 });
});

test("format with digits and month names", () => {
    const date = { year: 1404, month: 12, day: 15 };
    expect(formatJalali(date)).toBe("1404/12/15");
    expect(formatJalali({ year: 1404, month: 1, day: 1 })).toBe("1404/01/01");
    expect(formatJalali(date, { persianDigits: true })).toBe("۱۴۰۴/۱۲/۱۵");
    expect(formatJalali(date, { pattern: "%d %B %Y" })).toBe("15 اسفند 1404");
    expect(formatJalali(date, { pattern: "%d %B %Y", persianDigits: true })).toBe("۱۵ اسفند ۱۴۰۴");
    expect(formatJalali(date, { pattern: "%b %Y" })).toBe("Esfand 1404");
});
