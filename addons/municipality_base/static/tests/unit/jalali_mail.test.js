import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { mockTimeZone } from "@odoo/hoot-mock";
import {
    click,
    contains,
    defineMailModels,
    openFormView,
    start,
    startServer,
} from "@mail/../tests/mail_test_helpers";
import { patchWithCleanup } from "@web/../tests/web_test_helpers";
import { jalaliCalendar } from "@municipality_base/core/jalali_dates";
import { Message } from "@mail/core/common/message";
import "@mail/core/web/message_patch";

describe.current.tags("desktop");
defineMailModels();

beforeEach(() => mockTimeZone(3.5));

async function partnerWithActivity() {
    const pyEnv = await startServer();
    const partnerId = pyEnv["res.partner"].create({ name: "Citizen" });
    pyEnv["mail.activity"].create({
        date_deadline: "2025-03-20",
        res_id: partnerId,
        res_model: "res.partner",
        state: "planned",
    });
    return partnerId;
}

test("Jalali user: activity deadlines in the chatter are Jalali", async () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    const partnerId = await partnerWithActivity();
    await start();
    await openFormView("res.partner", partnerId);
    await click(".o-mail-Activity .fa-info-circle");
    await contains(".o-mail-Activity-details tr:last-child td:last-child", { text: "1403/12/30" });
});

test("Gregorian user: stock activity deadlines", async () => {
    const partnerId = await partnerWithActivity();
    await start();
    await openFormView("res.partner", partnerId);
    await click(".o-mail-Activity .fa-info-circle");
    await contains(".o-mail-Activity-details tr:last-child td:last-child", { text: "03/20/2025" });
    expect(jalaliCalendar.active).toBe(false);
});

/** The chatter shows a tracking value through ``Message#formatTracking``. */
function trackedDates() {
    const message = Object.create(Message.prototype);
    return [
        message.formatTracking({ fieldType: "date" }, "2025-03-20"),
        message.formatTracking({ fieldType: "datetime" }, "2025-03-20 20:30:00"),
    ];
}

test("Jalali user: tracking values of date and datetime fields are Jalali", () => {
    patchWithCleanup(jalaliCalendar, { active: true });
    expect(trackedDates()).toEqual(["1403/12/30", "1404/01/01 00:00:00"]);
    patchWithCleanup(jalaliCalendar, { persianDigits: true });
    expect(trackedDates()).toEqual(["۱۴۰۳/۱۲/۳۰", "۱۴۰۴/۰۱/۰۱ ۰۰:۰۰:۰۰"]);
});

test("Gregorian user: stock tracking values", () => {
    expect(trackedDates()).toEqual(["03/20/2025", "03/21/2025 00:00:00"]);
});
