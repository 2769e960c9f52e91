import ast

from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase

from .common import create_office_user, create_secretariat


class TestLetterReferences(TransactionCase):
    """A letter about another record; the example given in README.rst for other addons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = create_office_user(cls.env, "ref_staff", groups="office_automation.group_office_staff,hr.group_hr_user")
        cls.secretariat = create_secretariat(cls.env, code="TR")
        cls.employee = cls.env["hr.employee"].create({"name": "Inspector Karimi"})

    def test_a_letter_about_an_employee_shows_on_the_employee(self):
        employee = self.employee.with_user(self.staff)
        self.assertEqual(employee.office_letter_count, 0)
        action = employee.action_new_office_letter()
        with Form(self.env["office.letter"].with_user(self.staff).with_context(action["context"])) as form:
            form.subject = "Commendation"
            form.secretariat_id = self.secretariat
        letter = form.record
        self.assertEqual((letter.res_model, letter.res_id), ("hr.employee", self.employee.id))
        self.assertEqual(letter.reference, self.employee)
        employee.invalidate_recordset(["office_letter_count"])
        self.assertEqual(employee.office_letter_count, 1)
        letters_action = employee.action_view_office_letters()
        self.assertEqual(self.env["office.letter"].with_user(self.staff).search(letters_action["domain"]), letter)
        self.assertEqual(letters_action["context"]["default_res_id"], self.employee.id)

    def test_letters_about_partners_and_departments(self):
        citizen = self.env["res.partner"].create({"name": "Citizen"})
        context = citizen.with_user(self.staff).action_new_office_letter()["context"]
        self.assertEqual(context["default_letter_type"], "outgoing")
        self.assertEqual(context["default_recipient_partner_ids"], [(6, 0, citizen.ids)])
        department = self.env["hr.department"].create({"name": "Urban Planning"})
        self.env["office.letter"].with_user(self.staff).create({
            "subject": "Staffing", "secretariat_id": self.secretariat.id,
            "reference": f"hr.department,{department.id}"})
        self.assertEqual(department.with_user(self.staff).office_letter_count, 1)
        # A secret letter about the department is not counted for someone who may not read it.
        self.env["office.letter"].create({"subject": "Audit", "secretariat_id": self.secretariat.id,
                                          "classification": "secret", "res_model": "hr.department",
                                          "res_id": department.id})
        department.invalidate_recordset(["office_letter_count"])
        self.assertEqual(department.with_user(self.staff).office_letter_count, 1)
        self.assertEqual(department.office_letter_count, 2)

    def test_bad_references_are_refused(self):
        Letter = self.env["office.letter"].with_user(self.staff)
        base = {"subject": "About", "secretariat_id": self.secretariat.id}
        for values, reason in [
            ({"res_model": "no.such.model", "res_id": 1}, "not a type of document"),
            ({"res_model": "office.letter.linked.mixin", "res_id": 1}, "not a type of document"),
            ({"res_model": "office.letter.reject.wizard", "res_id": 1}, "not a type of document"),
            ({"res_model": "hr.employee", "res_id": 0}, "does not say which one"),
            ({"res_id": self.employee.id}, "without its type"),
            ({"res_model": "hr.employee", "res_id": 999999999}, "There is no"),
            ({"res_model": "ir.config_parameter",
              "res_id": self.env["ir.config_parameter"].search([], limit=1).id}, "may not read"),
        ]:
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, reason), \
                    self.env.cr.savepoint():
                Letter.create(dict(base, **values))
        self.assertFalse(Letter.search([("subject", "=", "About")]))
        letter = Letter.create(base)
        with self.assertRaisesRegex(ValidationError, "There is no"), self.env.cr.savepoint():
            letter.write({"res_model": "hr.employee", "res_id": 999999999})
        self.assertFalse(letter.res_model)

    def test_a_citizen_s_letters_include_those_they_sent_and_received(self):
        """The «Letters» button of a citizen who wrote twice and was answered once shows three letters (it counted
        only letters *about* them: none)."""
        citizen = self.env["res.partner"].create({"name": "نرگس صالحی"})
        other = self.env["res.partner"].create({"name": "شهروند دیگر"})
        Letter = self.env["office.letter"].with_user(self.staff)
        sent = Letter.create([{"subject": f"درخواست {n}", "letter_type": "incoming", "secretariat_id": self.secretariat.id,
                               "sender_partner_id": citizen.id} for n in (1, 2)])
        answer = Letter.create({"subject": "پاسخ", "letter_type": "outgoing", "secretariat_id": self.secretariat.id,
                                "recipient_partner_ids": [(6, 0, citizen.ids)]})
        Letter.create({"subject": "نامه دیگری", "letter_type": "incoming", "secretariat_id": self.secretariat.id,
                       "sender_partner_id": other.id})
        partners = (citizen | other).with_user(self.staff)
        self.assertEqual(partners.mapped("office_letter_count"), [3, 1])
        action = citizen.with_user(self.staff).action_view_office_letters()
        self.assertEqual(Letter.search(action["domain"]), sent | answer)

    def test_about_offers_the_municipal_documents_only(self):
        """«About» offers the municipality's documents, not every technical model (issue 15 item 17)."""
        offered = dict(self.env["office.letter"].fields_get(["reference"])["reference"]["selection"])
        for model in ("res.partner", "hr.employee", "hr.department", "office.letter", "municipality.district"):
            self.assertIn(model, offered)
        for model in ("ir.cron", "res.users", "ir.attachment", "mail.message", "res.country", "hr.job"):
            self.assertNotIn(model, offered)

    def test_a_new_letter_takes_the_type_the_secretariat_uses_most(self):
        """On the Letters screen, a new letter of an incoming-mail desk starts as «incoming» (issue 15 item 17)."""
        clerk = create_office_user(self.env, "ref_type_clerk", groups="office_automation.group_office_secretariat_clerk")
        desk = create_secretariat(self.env, code="TT", clerks=clerk)
        sender = self.env["res.partner"].create({"name": "Sender"})
        Letter = self.env["office.letter"].with_user(clerk)
        screen = ast.literal_eval(
            self.env["ir.actions.actions"]._for_xml_id("office_automation.office_letter_action")["context"])
        self.assertEqual(Letter.with_context(screen).default_get(["letter_type"])["letter_type"], "internal")
        for number in range(2):
            Letter.create({"subject": f"Incoming {number}", "letter_type": "incoming", "secretariat_id": desk.id,
                           "sender_partner_id": sender.id, "sender_number": f"9/{number}",
                           "sender_date": "2026-02-25"})
        Letter.create({"subject": "Memo", "letter_type": "internal", "secretariat_id": desk.id})
        with Form(Letter.with_context(screen)) as form:
            self.assertEqual(form.letter_type, "incoming")
            self.assertEqual(form.secretariat_id, desk)
            form.subject = "Another complaint"
            form.sender_partner_id = sender
            form.sender_number = "9/3"
            form.sender_date = "2026-02-26"
        self.assertEqual(Letter.default_get(["letter_type"])["letter_type"], "internal", "elsewhere: internal")

