/**
 * A visible message when a Jalali user types an impossible Jalali date
 * (``1404/12/30``: «1404/12/30 وجود ندارد: اسفند 1404 29 روز دارد.»).
 *
 * Odoo 19's date inputs (``datetimepicker_service.js``) catch the parse
 * error in a closure and put the previous value back, with no hook to show
 * why; the error never leaves the service. So the date field's root element listens,
 * in the capture phase (before the service's listeners on the input), to what
 * makes the service read an input (``Enter``, ``Tab``, ``Escape``, a
 * ``change`` on blur), and when the text is a year/month/day that is no Jalali date, shows
 * the reason from ``core/jalali.js`` as a danger notification. Odoo then
 * resets the input as usual (the record stays valid, nothing is saved).
 * Other bad input (``abc``) keeps Odoo's silent reset. Gregorian users: no
 * listener.
 */
import { useEffect, useRef } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { DateTimeField } from "@web/views/fields/datetime/datetime_field";
import { jalaliCalendar, parseJalaliDateTime, userDigits } from "../core/jalali_dates";

/** Why ``text`` is an impossible Jalali date, or null (valid, or not a y/m/d at all). */
export function jalaliInputError(text) {
    if (!text || !text.trim()) {
        return null;
    }
    const value = parseJalaliDateTime(text, "y/M/d");
    return !value.isValid && value.invalidReason === "invalid Jalali date"
        ? value.invalidExplanation
        : null;
}

patch(DateTimeField.prototype, {
    setup() {
        super.setup(...arguments);
        if (!jalaliCalendar.active) {
            return;
        }
        const notification = useService("notification");
        const root = useRef("root");
        let shown = null; // the text last explained, not to say it twice
        const explain = (ev) => {
            if (ev.target?.tagName !== "INPUT") {
                return;
            }
            if (ev.type === "keydown" && !["Enter", "Tab", "Escape"].includes(ev.key)) {
                return;
            }
            const text = ev.target.value;
            const message = jalaliInputError(text);
            if (message && !(ev.type === "change" && text === shown)) {
                shown = text;
                notification.add(userDigits(message), { title: _t("Invalid date"), type: "danger" });
            }
        };
        useEffect(
            (el) => {
                if (el) {
                    for (const type of ["keydown", "change"]) {
                        el.addEventListener(type, explain, { capture: true });
                    }
                    return () => {
                        for (const type of ["keydown", "change"]) {
                            el.removeEventListener(type, explain, { capture: true });
                        }
                    };
                }
            },
            () => [root.el]
        );
    },
});
