/**
 * The pivot view of a Jalali user groups by Jalali periods (see
 * ``search/jalali_group_by.js``; the graph view: ``jalali_graph_model.js``).
 * In ``web.assets_backend_lazy``, loaded with the views it patches.
 */
import { patch } from "@web/core/utils/patch";
import { PivotModel } from "@web/views/pivot/pivot_model";
import { PivotRenderer } from "@web/views/pivot/pivot_renderer";
import { JALALI_INTERVAL_OPTIONS, jalaliGroupBySpec } from "../search/jalali_group_by";

// The pivot view: every row and column groupby (the search model's, the
// arch's ``interval``, the header menu's, a custom group, a favorite's
// pivot_row_groupby) reaches the server and the group keys through _normalize.
// Not the pivots of spreadsheets (``OdooPivotModel`` extends this model when this bundle came first): their
// o-spreadsheet time adapters read Odoo's Gregorian periods only (``spreadsheet/jalali_spreadsheet.js``).
patch(PivotModel.prototype, {
    _normalize(gb) {
        const spec = super._normalize(...arguments);
        return this.keepsGregorianPeriods ? spec : jalaliGroupBySpec(spec, this.metaData.fields);
    },
});

patch(PivotRenderer.prototype, {
    // the header menu's periods: Odoo's five (Jalali ones for a Jalali user), as in the search panel
    get groupByItems() {
        return super.groupByItems.map((item) =>
            item.options
                ? { ...item, options: item.options.filter(({ id }) => !(id in JALALI_INTERVAL_OPTIONS)) }
                : item
        );
    },
});
