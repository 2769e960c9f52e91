from odoo.tests import new_test_user, tagged

from .citizen_web_common import CitizenWebCase

API = "/open311/v2"


@tagged("post_install", "-at_install")
class TestOpen311Attributes(CitizenWebCase):
    """Service attributes: declared on a category, published in its service definition, checked on POST."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        app = cls.env["office.open311.client"].create({"name": "Test city app (attributes)"})
        cls.api_key = app.action_generate_key()["params"]["message"].split()[-1]
        Attribute = cls.env["office.citizen.request.attribute"]
        cls.size = Attribute.create({
            "category_id": cls.category.id, "sequence": 1, "code": "SIZE", "label": "How large?",
            "datatype": "singlevaluelist", "required": True, "value_list": "small = Small\nlarge = Large",
        })
        cls.count = Attribute.create({
            "category_id": cls.category.id, "sequence": 2, "code": "COUNT", "label": "How many lamps?",
            "datatype": "number",
        })
        cls.note = Attribute.create({
            "category_id": cls.category.id, "sequence": 3, "code": "NOTE", "label": "Anything else?",
        })

    def _post(self, **attributes):
        data = {"service_code": "TLIGHT", "description": "Two street lights are off near the park.",
                "lat": "35.72", "long": "51.33", "phone": "09351234567", "api_key": self.api_key}
        data.update({f"attribute[{code}]": value for code, value in attributes.items()})
        return self.url_open(f"{API}/requests.json", data=data)

    def test_service_definition_lists_attributes(self):
        response = self.url_open(f"{API}/services/TLIGHT.json")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["service_code"], "TLIGHT")
        self.assertEqual([a["code"] for a in body["attributes"]], ["SIZE", "COUNT", "NOTE"])
        size = body["attributes"][0]
        self.assertEqual(size, {
            "variable": True, "code": "SIZE", "datatype": "singlevaluelist", "required": True,
            "datatype_description": size["datatype_description"], "order": 1, "description": "How large?",
            "values": [{"key": "small", "name": "Small"}, {"key": "large", "name": "Large"}],
        })
        self.assertEqual(body["attributes"][1]["values"], [])
        services = {s["service_code"]: s for s in self.url_open(f"{API}/services.json").json()}
        self.assertTrue(services["TLIGHT"]["metadata"])
        self.assertFalse(services["TWASTE"]["metadata"])
        self.assertEqual(self.url_open(f"{API}/services/NOPE.json").status_code, 404)

    def test_valid_attributes_are_stored(self):
        response = self._post(SIZE="large", COUNT="2")
        self.assertEqual(response.status_code, 200, response.text)
        code = response.json()[0]["service_request_id"]
        citizen_request = self.Request.sudo().search([("tracking_code", "=", code)])
        self.assertEqual(
            {(v.attribute_id.code, v.value, v.value_name) for v in citizen_request.attribute_value_ids},
            {("SIZE", "large", "Large"), ("COUNT", "2", "2")})

    def test_invalid_attributes_are_refused(self):
        before = self._count()
        cases = {
            "required missing": {"COUNT": "2"},
            "not in the list": {"SIZE": "huge"},
            "not a number": {"SIZE": "small", "COUNT": "two"},
            "unknown code": {"SIZE": "small", "COLOR": "red"},
            "too long": {"SIZE": "small", "NOTE": "x" * 501},
        }
        for case, attributes in cases.items():
            with self.subTest(case):
                response = self._post(**attributes)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(response.json()[0]["code"], 400)
        self.assertEqual(self._count(), before)

    def test_portal_submission_is_not_held_by_required_attributes(self):
        """The portal form does not ask the attributes (yet): a required one binds Open311 clients only."""
        citizen_request = self._submit()
        self.assertTrue(citizen_request.tracking_code)
        self.assertFalse(citizen_request.attribute_value_ids)

    def test_answers_are_read_by_whoever_reads_the_request(self):
        staff = new_test_user(self.env, "tattr_staff", groups="office_automation.group_office_staff")
        stranger = new_test_user(self.env, "tattr_stranger", groups="office_automation.group_office_staff")
        self.env["hr.employee"].create({"name": "Attr Staff", "user_id": staff.id,
                                        "department_id": self.department.id})
        other_unit = self.env["hr.department"].create({"name": "Other Unit (attributes test)"})
        self.env["hr.employee"].create({"name": "Attr Stranger", "user_id": stranger.id,
                                        "department_id": other_unit.id})
        response = self._post(SIZE="small")
        self.assertEqual(response.status_code, 200, response.text)
        values = self.Request.sudo().search(
            [("tracking_code", "=", response.json()[0]["service_request_id"])]).attribute_value_ids
        Value = self.env["office.citizen.request.attribute.value"]
        self.assertEqual(Value.with_user(staff).search([("id", "in", values.ids)]), values)
        self.assertFalse(Value.with_user(stranger).search([("id", "in", values.ids)]),
                         "another unit's staff do not read the answers of requests they cannot read")
        self.assertEqual(Value.with_user(self.supervisor).search([("id", "in", values.ids)]), values)
