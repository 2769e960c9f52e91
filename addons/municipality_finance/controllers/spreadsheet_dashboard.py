import json

from odoo import http
from odoo.addons.spreadsheet_dashboard.controllers.dashboards_controllers import DashboardDataRoute


class MunicipalityDashboardDataRoute(DashboardDataRoute):
    """A dashboard with no data yet (a new municipality's Invoicing dashboard) is shown as Odoo's sample, whose
    answer names no translation namespace: its texts were then read in Odoo's own Persian («<div>فاکتورها
    برتر</div>»). The sample is translated with the namespace the dashboard itself uses
    (``spreadsheet.dashboard._get_dashboard_translation_namespace``: municipality_finance's terms)."""

    @http.route()
    def get_dashboard_data(self, dashboard):
        response = super().get_dashboard_data(dashboard)
        if response.mimetype != "application/json":
            return response
        data = json.loads(response.get_data())
        if not data.get("is_sample") or data.get("translation_namespace"):
            return response
        data["translation_namespace"] = dashboard._get_dashboard_translation_namespace()
        return http.request.make_json_response(data)
