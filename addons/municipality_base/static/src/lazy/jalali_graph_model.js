/**
 * The graph model of a Jalali user groups by Jalali periods (see
 * ``search/jalali_group_by.js``): the graph view's groups (the search
 * model's and the arch's, after Odoo keeps the finest period of each field)
 * and the charts of spreadsheet dashboards, which load their data through
 * this model. In both ``web.assets_backend_lazy`` and
 * ``spreadsheet.o_spreadsheet`` (each ships its own copy of the graph
 * model): the module loader defines it once, from whichever bundle comes
 * first, so the model is patched once.
 */
import { patch } from "@web/core/utils/patch";
import { getGroupBy } from "@web/search/utils/group_by";
import { GraphModel } from "@web/views/graph/graph_model";
import { jalaliCalendar } from "../core/jalali_dates";
import { jalaliGroupBySpec } from "../search/jalali_group_by";

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
