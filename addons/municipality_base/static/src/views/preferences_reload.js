/**
 * The *Preferences* dialog (hr's ``hr_user_preferences_form``) reloads the web
 * client after saving when the language changed; a new calendar
 * (``res.users.calendar``) or new date digits (``calendar_digits``) need the same, since the session carries it.
 */
import { HrUserPreferencesController } from "@hr/views/preferences_form_view";
import { patch } from "@web/core/utils/patch";

patch(HrUserPreferencesController.prototype, {
    onWillSaveRecord(record, changes) {
        const result = super.onWillSaveRecord(...arguments);
        this.mustReload ||= "calendar" in changes || "calendar_digits" in changes;
        return result;
    },
});
