from odoo.tests import tagged

from .citizen_web_common import CitizenWebCase


@tagged("post_install", "-at_install")
class TestRequestFormUi(CitizenWebCase):
    """What a 137 supervisor reads on a request (issue 15 item 13): each date once, empty coordinates empty,
    the category by its Persian name."""

    def test_request_form_reads_right(self):
        self.supervisor.write({"lang": "fa_IR", "tz": "Asia/Tehran"})
        citizen_request = self.Request.with_user(self.supervisor).create({
            "category_id": self.other_category.id, "description": "زباله‌ها جمع نشده است.",
            "phone": "09121234567",
        })
        self.assertFalse(citizen_request.latitude or citizen_request.longitude)
        self.start_tour(f"/odoo/action-municipality_citizen_desk.office_citizen_request_action/{citizen_request.id}",
                        "municipality_citizen_desk_request_form_tour", login=self.supervisor.login)

    def test_category_found_by_code_shown_by_name(self):
        Category = self.env["office.citizen.request.category"]
        self.assertEqual(self.other_category.display_name, "پسماند آزمایشی")
        self.assertIn(self.other_category.id, [found[0] for found in Category.name_search("TWASTE")])
