/**
 * The side panel of a leave request (hr_holidays' ``hr_leave_stats`` widget)
 * for a Jalali user: the employee's «summary (year)» is the Jalali year of
 * the request (1404, not 2025), and it lists the validated leave of that
 * Jalali year (1 Farvardin to 29/30 Esfand) instead of the Gregorian one.
 * The dates of each leave are already Jalali (municipality_base's luxon
 * patch); for a Gregorian user nothing changes.
 */
import { serializeDateTime } from "@web/core/l10n/dates";
import { patch } from "@web/core/utils/patch";
import { LeaveStatsComponent } from "@hr_holidays/leave_stats/leave_stats";
import { toGregorian, toJalali } from "@municipality_base/core/jalali";
import { jalaliCalendar, userDigits } from "@municipality_base/core/jalali_dates";

const { DateTime } = luxon;

/** The first and last instants of the Jalali year of ``value`` (a luxon DateTime), in its zone. */
export function jalaliYearBounds(value) {
    const year = toJalali(value).year;
    const first = toGregorian(year, 1, 1);
    const next = toGregorian(year + 1, 1, 1);
    const start = DateTime.fromObject(first, { zone: value.zone });
    const end = DateTime.fromObject(next, { zone: value.zone }).minus({ milliseconds: 1 });
    return { year, start, end };
}

patch(LeaveStatsComponent.prototype, {
    get thisYear() {
        if (!jalaliCalendar.active || !this.state.date_from?.isValid) {
            return super.thisYear;
        }
        return userDigits(String(toJalali(this.state.date_from).year));
    },

    async loadLeaves(employee) {
        if (!jalaliCalendar.active || !employee || !this.state.date_from?.isValid) {
            return super.loadLeaves(employee);
        }
        const { start, end } = jalaliYearBounds(this.state.date_from);
        const leaves = await this.orm.webSearchRead(
            "hr.leave",
            [
                ["employee_id", "=", employee.id],
                ["state", "=", "validate"],
                ["date_from", "<=", serializeDateTime(end)],
                ["date_to", ">=", serializeDateTime(start)],
            ],
            {
                specification: {
                    holiday_status_id: { fields: { display_name: {} } },
                    date_from: {},
                    date_to: {},
                    number_of_days: {},
                    number_of_hours: {},
                    leave_type_request_unit: {},
                },
            }
        );
        this.state.leaves = this.arrangeData(leaves.records);
    },
});
