from lxml import etree

from odoo import api, models
from odoo.modules.module import get_manifest
from odoo.tools.misc import file_path

# What Odoo's own demo shows in a municipality's screens: its users, contacts (the furniture shop's customers),
# employees, departments and job positions.
ODOO_DEMO_MODELS = ("res.users", "hr.employee", "hr.job", "hr.department", "res.partner")
# Odoo's demo time off (hr_holidays): the leaves and allocations of its demo people
ODOO_DEMO_TIME_OFF = ("hr.leave", "hr.leave.allocation")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_translations_before_demo(self, module_name):
        """Load the translations of ``module_name`` in every installed language now. Odoo loads an addon's
        translations after its demo data: without this, the demo's records would get their chatter messages
        («… created»), entry labels and state names in English, for good. Called first by each addon's demo."""
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        if langs:
            self._load_module_terms([module_name], langs)
        return True

    @api.model
    def _activate_language_with_terms(self, code):
        """Activate the language ``code`` with the terms of every installed addon, as Settings' «Add Languages»
        does, unless it is active already. Activating it alone (``res.lang``'s ``active``) leaves the addons
        installed before it in English: Odoo's own menus and fields (Employees, Time Off…) on a database created
        without ``--load-language``."""
        if self.env["res.lang"]._get_data(code=code).code:
            return True
        self.env["res.lang"]._activate_lang(code)
        self.search([("state", "=", "installed")])._update_translations(code)
        return True

    @api.model
    def _odoo_demo_records(self, modules, model_names=ODOO_DEMO_MODELS):
        """{model: records} that the demo files of ``modules`` (their manifests' ``demo`` XML files) created."""
        xmlids = {}
        for module in modules:
            for path in get_manifest(module).get("demo", []):
                if not path.endswith(".xml"):
                    continue
                for node in etree.parse(file_path(f"{module}/{path}")).iter("record"):
                    if node.get("model") in model_names:
                        xmlid = node.get("id")
                        xmlids.setdefault(node.get("model"), set()).add(xmlid if "." in xmlid else f"{module}.{xmlid}")
        return {
            model: self.env[model].browse(
                res_id for xmlid in ids if (res_id := self.env["ir.model.data"]._xmlid_to_res_id(xmlid))
            ).exists()
            for model, ids in xmlids.items()
        }

    @api.model
    def _archive_odoo_demo(self, modules, keep=(), names=None):
        """Archive what Odoo's own demo data of ``modules`` made (``ODOO_DEMO_MODELS``): the municipality's demo
        replaces them, and the partners of the users archived. Kept: the records of ``keep`` (XML ids the suite's demo uses), the administrator and the
        employees and partners of users left active, the companies' partners. ``names``: {XML id: name} given
        to kept records, in every installed language (Odoo's «Management» reads «مدیریت» in Persian too)."""
        installed = set(self.search([("name", "in", list(modules)), ("state", "in", ("installed", "to upgrade"))])
                        .mapped("name"))
        records = self._odoo_demo_records([module for module in modules if module in installed])
        kept = {self.env.ref(xmlid, raise_if_not_found=False) for xmlid in keep} - {None}
        kept |= {self.env.ref("base.user_admin"), self.env.ref("base.user_root")}
        archived_users = self.env["res.users"]
        for model in ODOO_DEMO_MODELS:
            found = records.get(model, self.env[model]).filtered(lambda record: record not in kept and record.active)
            if model == "hr.employee":
                found = found.filtered(lambda employee: not employee.user_id.active)
            elif model == "res.partner":
                found |= archived_users.partner_id
                companies = self.env["res.company"].with_context(active_test=False).search([])
                users = self.env["res.users"].search([])
                found -= companies.partner_id | users.partner_id
            found.write({"active": False})
            if model == "res.users":
                archived_users = found
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for xmlid, name in (names or {}).items():
            record = self.env.ref(xmlid)
            for lang in langs if record._fields["name"].translate else [None]:
                record.with_context(lang=lang).name = name
        return True

    @api.model
    def _remove_odoo_demo_time_off(self, modules=("hr_holidays",)):
        """Delete the time off that Odoo's demo files of ``modules`` gave its demo people (their leaves with the
        leaves' calendar events, «Ronnie Hart on Time Off», and their allocations): the people are archived
        (``_archive_odoo_demo``), their time off was still in the municipality's calendars and time-off screens.
        Nothing to do without hr_holidays (municipality_base does not depend on it: called again by the demo of
        the addon that does)."""
        if "hr.leave" not in self.env:
            return True
        installed = self.search([("name", "in", list(modules)), ("state", "in", ("installed", "to upgrade"))])
        records = self._odoo_demo_records(installed.mapped("name"), ODOO_DEMO_TIME_OFF)
        leaves = records.get("hr.leave", self.env["hr.leave"])
        meetings = leaves.with_context(active_test=False).meeting_id
        leaves.unlink()
        meetings.unlink()
        # approved allocations can only be deleted with Odoo's own escape hatch (their leaves are gone)
        records.get("hr.leave.allocation", self.env["hr.leave.allocation"]).with_context(
            allocation_skip_state_check=True).unlink()
        return True
