/**
 * Spreadsheet dashboards (``spreadsheet.o_spreadsheet``) for a Jalali user:
 *
 * - their charts group dates by Jalali period: they load their data through
 *   the graph model, patched in municipality_base's ``lazy/jalali_graph_model.js`` (in this
 *   bundle too);
 * - a date or datetime of a list (``ODOO.LIST``) reads ``1404/12/15`` (the
 *   user's digits; a datetime in the user's time zone), as a text: the
 *   spreadsheet's own date formats are Gregorian;
 * - their pivots keep o-spreadsheet's granularities, whose time adapters read
 *   Odoo's Gregorian periods only (the web pivot view's Jalali patch, which
 *   reaches ``OdooPivotModel`` when that view was opened first, is turned off
 *   for them rather than handing the adapters periods they cannot read).
 */
import { formatDate, formatDateTime, deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { patch } from "@web/core/utils/patch";
import { ListDataSource } from "@spreadsheet/list/list_data_source";
import { OdooPivotModel } from "@spreadsheet/pivot/pivot_model";
import { jalaliCalendar } from "@municipality_base/core/jalali_dates";

patch(ListDataSource.prototype, {
    _parseServerValue(field, value) {
        if (jalaliCalendar.active && value && ["date", "datetime"].includes(field.type)) {
            return field.type === "date"
                ? formatDate(deserializeDate(value))
                : formatDateTime(deserializeDateTime(value));
        }
        return super._parseServerValue(...arguments);
    },
});

OdooPivotModel.prototype.keepsGregorianPeriods = true;
