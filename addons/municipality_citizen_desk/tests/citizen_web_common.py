"""Set-up shared by the tests of the public 137 portal and the Open311 API."""

import pathlib
import re

from odoo.tests import HttpCase
from odoo.tools.translate import TranslationImporter

from odoo.addons.office_automation.tests.common import create_office_user

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
#: Per-page secrets (CSRF tokens) that make two renderings of one page differ.
TOKENS = re.compile(r'(csrf_token[^\n]*?)[0-9a-f]{40}o\d+')


class CitizenWebCase(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_persian_terms()
        cls.department = cls.env["hr.department"].create({"name": "Lighting Unit (test)"})
        cls.category = cls.env["office.citizen.request.category"].create({
            "name": "روشنایی معابر آزمایشی", "code": "TLIGHT", "department_id": cls.department.id,
            "description": "Broken street lights", "working_days": 5,
        })
        cls.other_category = cls.env["office.citizen.request.category"].create({
            "name": "پسماند آزمایشی", "code": "TWASTE", "department_id": cls.department.id,
        })
        cls.archived_category = cls.env["office.citizen.request.category"].create({
            "name": "Archived (test)", "code": "TOLD", "department_id": cls.department.id, "active": False,
        })
        cls.district = cls.env["municipality.district"].create({"code": "T9", "name": "منطقه آزمایشی"})
        cls.supervisor = create_office_user(
            cls.env, "citizen_web_supervisor", groups="municipality_citizen_desk.group_citizen_desk_supervisor")
        cls.Request = cls.env["office.citizen.request"]
        # Generous limits by default: the rate-limit tests lower them.
        cls._set_limits(submit=1000, track=1000, list=1000, submit_phone=1000, api_post=1000)

    @classmethod
    def _load_persian_terms(cls):
        """The addon's Persian terms, also when the tests run while the addon installs (Odoo loads its
        translations afterwards)."""
        if not cls.env["res.lang"]._lang_get("fa_IR"):
            cls.env["res.lang"]._activate_lang("fa_IR")
        catalog = pathlib.Path(__file__).resolve().parent.parent / "i18n" / "fa.po"
        importer = TranslationImporter(cls.env.cr, verbose=False)
        importer.load_file(str(catalog), "fa_IR", module="municipality_citizen_desk")
        importer.save(overwrite=False)

    @classmethod
    def _set_limits(cls, submit=None, track=None, list=None, submit_phone=None,  # noqa: A002 (an action's name)
                    api_post=None):
        set_param = cls.env["ir.config_parameter"].sudo().set_param
        if submit_phone is not None:
            set_param("municipality_citizen_desk.public_submit_phone_limit", str(submit_phone))
        if api_post is not None:
            set_param("municipality_citizen_desk.open311_post_limit", str(api_post))
        if list is not None:
            set_param("municipality_citizen_desk.public_list_limit", str(list))
        if submit is not None:
            set_param("municipality_citizen_desk.public_submit_limit", str(submit))
        if track is not None:
            set_param("municipality_citizen_desk.public_track_limit", str(track))

    def _submit(self, **values):
        """A request as the portal would record it."""
        return self.Request._submit_public(dict({
            "service_code": "TLIGHT", "description": "The street light in front of no. 12 is broken.",
            "phone": "09121234567", "name": "Secret Citizen Name", "email": "secret.citizen@example.com",
            "address": "Secret Street 12", "latitude": 35.6891975, "longitude": 51.3889736,
        }, **values))

    def _answer(self, citizen_request, answer="The lamp was replaced on Saturday."):
        citizen_request = citizen_request.with_user(self.supervisor)
        citizen_request.action_assign()
        citizen_request.write({"answer": answer})
        citizen_request.action_answer()
        return citizen_request.sudo()

    def _count(self):
        return self.Request.sudo().search_count([])

    @staticmethod
    def _csrf(html):
        match = CSRF_INPUT.search(html)
        assert match, "the page has no CSRF token"
        return match.group(1)

    @staticmethod
    def _without_tokens(html):
        return TOKENS.sub(r"\1", html)
