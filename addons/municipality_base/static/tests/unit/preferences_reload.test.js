import { expect, test } from "@odoo/hoot";
import { HrUserPreferencesController } from "@hr/views/preferences_form_view";
import "@municipality_base/views/preferences_reload";

test("saving a new calendar in Preferences reloads the client, as a new language does", () => {
    const controller = Object.create(HrUserPreferencesController.prototype);
    controller.onWillSaveRecord({}, { calendar: "jalali" });
    expect(controller.mustReload).toBe(true);
    controller.onWillSaveRecord({}, { lang: "fa_IR" });
    expect(controller.mustReload).toBe(true);
    controller.onWillSaveRecord({}, { tz: "Asia/Tehran" });
    expect(controller.mustReload).toBe(false);
    controller.onWillSaveRecord({}, { calendar_digits: "persian" });
    expect(controller.mustReload).toBe(true);
});
