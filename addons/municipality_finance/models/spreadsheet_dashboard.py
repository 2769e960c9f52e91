import json

from odoo import models
from odoo.tools.translate import code_translations

# The dashboards whose texts (cell labels, chart titles) the suite translates itself: Odoo's Persian translation
# of spreadsheet_dashboard_account carries markup the cells show as text («<div>فاکتورها برتر</div>», «<html>…»)
# and leaves Latin abbreviations (DSO, COGS, KPI).
TRANSLATED_HERE = ("spreadsheet_dashboard_account",)


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    def _get_dashboard_translation_namespace(self):
        """The web client translates a dashboard's texts with the terms of the addon this method names (its XML
        id's, in Odoo), and a term of that addon wins over any other addon's: the Invoicing dashboard's texts are
        read from municipality_finance's fa.po (its «odoo-javascript» entries) instead."""
        namespace = super()._get_dashboard_translation_namespace()
        return "municipality_finance" if namespace in TRANSLATED_HERE else namespace

    def _get_serialized_readonly_dashboard(self):
        """The pivots' names and their measures' names are shown as they are in the file (the web client does not
        translate them: «Country», «Amount», «Ratio» headed the Invoicing dashboard's tables): translated here."""
        serialized = super()._get_serialized_readonly_dashboard()
        lang = self.env.lang
        if self._get_dashboard_translation_namespace() != "municipality_finance" or not lang or lang == "en_US":
            return serialized
        terms = {
            message["id"]: message["string"]
            for message in code_translations.get_web_translations("municipality_finance", lang)["messages"]
        }
        data = json.loads(serialized)
        for pivot in data["snapshot"].get("pivots", {}).values():
            pivot["name"] = terms.get(pivot.get("name"), pivot.get("name"))
            for measure in pivot.get("measures", []):
                if measure.get("userDefinedName"):
                    measure["userDefinedName"] = terms.get(measure["userDefinedName"], measure["userDefinedName"])
        return json.dumps(data)
