/**
 * The graph view draws on a canvas with Chart.js, whose default font list
 * ("Helvetica Neue", Arial…) knows neither Vazirmatn nor the digit fonts of
 * ``scss/digits.scss``: its labels, ticks and legend take the page's font
 * (the user's digits, Vazirmatn for a Persian user), and the chart is drawn
 * again once that font has loaded (a canvas does not redraw by itself).
 */
import { patch } from "@web/core/utils/patch";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

patch(GraphRenderer.prototype, {
    renderChart() {
        const canvas = this.canvasRef.el;
        const Chart = window.Chart;
        if (canvas && Chart && document.documentElement.dataset.digits) {
            const family = getComputedStyle(canvas).fontFamily;
            if (family && Chart.defaults.font.family !== family) {
                Chart.defaults.font.family = family;
                document.fonts?.load(`12px ${family}`, "0123456789۰۱۲۳۴۵۶۷۸۹").then(() => {
                    if (this.chart && this.canvasRef.el === canvas) {
                        this.chart.update();
                    }
                });
            }
        }
        return super.renderChart(...arguments);
    },
});
