/**
 * The pivot and graph views of a Jalali user group by Jalali periods (see
 * ``search/jalali_group_by.js``). In ``web.assets_backend_lazy``, loaded
 * with the views it patches.
 */
import { patch } from "@web/core/utils/patch";
import { getGroupBy } from "@web/search/utils/group_by";
import { GraphModel } from "@web/views/graph/graph_model";
import { PivotModel } from "@web/views/pivot/pivot_model";
import { PivotRenderer } from "@web/views/pivot/pivot_renderer";
import { jalaliCalendar } from "../core/jalali_dates";
import { JALALI_INTERVAL_OPTIONS, jalaliGroupBySpec } from "../search/jalali_group_by";

// The pivot view: every row and column groupby (the search model's, the
// arch's ``interval``, the header menu's, a custom group, a favorite's
// pivot_row_groupby) reaches the server and the group keys through _normalize.
patch(PivotModel.prototype, {
    _normalize(gb) {
        return jalaliGroupBySpec(super._normalize(...arguments), this.metaData.fields);
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

// The graph view: its groupbys (the search model's and the arch's) after
// Odoo keeps the finest period of each field.
patch(GraphModel.prototype, {
    _normalize(metaData) {
        super._normalize(...arguments);
        if (jalaliCalendar.active) {
            metaData.groupBy = metaData.groupBy.map((gb) => {
                const spec = jalaliGroupBySpec(gb.spec, metaData.fields);
                return spec === gb.spec ? gb : getGroupBy(spec, metaData.fields);
            });
        }
    },
});

