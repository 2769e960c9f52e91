"""Everything waiting for a user is in their in-tray (issue 15 item 15).

A finance director who also signs letters has a letter waiting for their signature and a commitment waiting
for their approval: both are in their in-tray (Correspondence → In-tray), each opens from there, and each leaves
it once they have acted. A colleague's in-tray does not show them.
"""

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.municipality_finance.tests.common import create_municipality
from odoo.addons.office_automation.tests.common import SIGNATURE_PNG


@tagged("post_install", "-at_install")
class TestInTray(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.env = create_municipality(cls.env, "شهرداری آزمون کارتابل")
        company = {"company_id": cls.company.id, "company_ids": [cls.company.id], "tz": "Asia/Tehran"}
        cls.director = new_test_user(
            cls.env, "intray_director", name="Intray Director",
            groups="municipality_finance.group_finance_director,office_automation.group_office_staff", **company)
        cls.director.office_signature = SIGNATURE_PNG
        cls.author = new_test_user(cls.env, "intray_author", groups="office_automation.group_office_staff",
                                   **company)
        cls.colleague = new_test_user(cls.env, "intray_colleague", groups="office_automation.group_office_staff",
                                      **company)
        cls.clerk = new_test_user(cls.env, "intray_clerk", groups="office_automation.group_office_secretariat_clerk",
                                  **company)
        cls.env["office.secretariat"].create({"name": "دبیرخانه", "code": "IT", "number_pattern": "{jyear}/{seq}",
                                              "user_ids": [(6, 0, cls.clerk.ids)], "company_id": cls.company.id})
        year = cls.env["municipality.fiscal.year"].create({"jalali_year": 1405, "company_id": cls.company.id})
        goods = cls.env["account.account"].search([("company_ids", "in", cls.company.id), ("code", "=", "802001")])
        department = cls.env["hr.department"].create({"name": "خدمات شهری", "company_id": cls.company.id})
        budget = cls.env["municipality.budget"].create({
            "name": "بودجه ۱۴۰۵", "fiscal_year_id": year.id, "company_id": cls.company.id,
            "resolution_number": "۱۴۰۴/۲۱۷", "resolution_date": "2026-02-25",
            "line_ids": [(0, 0, {"code": "22010", "name": "کالاها و خدمات", "department_id": department.id,
                                 "account_ids": [(6, 0, goods.ids)], "amount_approved": 1_000_000})]})
        budget.with_user(cls.director).action_approve()
        cls.letter = cls.env["office.letter"].with_user(cls.author).create({
            "subject": "Intray letter to sign", "letter_type": "internal",
            "signature_ids": [(0, 0, {"sequence": 1, "user_id": cls.director.id})]})
        cls.letter.with_user(cls.author).action_request_signatures()
        cls.commitment = cls.env["municipality.budget.commitment"].create({
            "name": "INTRAY-COMMIT-1", "budget_line_id": budget.line_ids.id, "amount": 100_000,
            "purpose": "خرید آزمون", "date": "2026-05-01", "company_id": cls.company.id})

    def _intray(self, user):
        """What ``user``'s in-tray lists: the in-tray action's domain, searched as them."""
        action = self.env.ref("office_automation.office_intray_action")
        domain = safe_eval(action.domain, {"uid": user.id})
        return self.env["mail.activity"].with_user(user).search(domain)

    def test_the_signer_acts_from_the_intray_and_it_empties(self):
        waiting = self._intray(self.director)
        self.assertEqual(sorted(waiting.mapped("res_model")), ["municipality.budget.commitment", "office.letter"])
        self.assertEqual(waiting.filtered(lambda a: a.res_model == "office.letter").res_id, self.letter.id)
        self.assertEqual(waiting.filtered(lambda a: a.res_model != "office.letter").res_id, self.commitment.id)
        self.assertFalse(self._intray(self.colleague), "nothing of the director's is in a colleague's in-tray")
        self.assertFalse(self._intray(self.author), "the author waits for the signature; it is not theirs to do")
        # searching all activities, the colleague finds only those on documents they may read (Odoo's rule for
        # activities): the letter's, not the commitment's
        self.assertEqual(self.env["mail.activity"].with_user(self.colleague).search(
            [("id", "in", waiting.ids)]).mapped("res_model"), ["office.letter"])

        self.start_tour("/odoo/action-office_automation.office_intray_action", "shahr_intray_tour",
                        login="intray_director")

        self.assertEqual(self.letter.signature_ids.state, "signed")
        self.assertEqual(self.commitment.state, "approved")
        self.assertFalse(self._intray(self.director))

    def test_a_referral_opens_from_the_intray_and_starts(self):
        """A referral's row opens the referral, not the letter, and opening it puts it in progress."""
        clerk = self.clerk
        partner = self.env["res.partner"].create({"name": "فرستنده"})
        incoming = self.env["office.letter"].with_user(clerk).create({
            "subject": "نامه وارده", "letter_type": "incoming", "sender_partner_id": partner.id,
            "sender_number": "99/1", "sender_date": "2026-02-25"})
        incoming.action_register()
        wizard = self.env["office.referral.wizard"].with_user(clerk).create({
            "letter_id": incoming.id, "user_ids": [(6, 0, self.colleague.ids)], "note": "بررسی شود"})
        wizard.action_refer()
        item = self._intray(self.colleague)
        self.assertEqual(item.res_id, incoming.id)
        action = item.with_user(self.colleague).action_open_intray_item()
        referral = incoming.referral_ids
        self.assertEqual((action["res_model"], action["res_id"]), ("office.referral", referral.id))
        self.assertEqual(referral.state, "in_progress")
        # any other activity opens its document
        action = self._intray(self.director).filtered(
            lambda a: a.res_model == "office.letter").with_user(self.director).action_open_intray_item()
        self.assertEqual((action["res_model"], action["res_id"]), ("office.letter", self.letter.id))
