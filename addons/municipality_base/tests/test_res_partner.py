import random
from contextlib import contextmanager

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..tools.identifiers import national_id_check_digit


@tagged("post_install", "-at_install")
class TestCitizenIdentity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.iran = cls.env.ref("base.ir")
        cls.company_b = cls.env["res.company"].create({"name": "شهرداری دوم"})
        # Start from an empty register: the demo city's citizens use the examples of docs/domain.md (Identifiers).
        cls.Partner.search(["|", ("national_id", "!=", False), ("legal_national_id", "!=", False)]).action_archive()

    @contextmanager
    def assertRefused(self, pattern):
        """A ValidationError whose message matches ``pattern``, with the
        savepoint of ``assertRaises`` rolled back, as a refused request is."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def _person(self, **vals):
        return self.Partner.create({"name": "شهروند آزمون", **vals})

    # national ID --------------------------------------------------------

    def test_national_id_is_stored_with_latin_digits(self):
        partner = self._person(national_id="۰۴۹۹۳۷۰۸۹۹")
        self.assertEqual(partner.national_id, "0499370899")
        partner.national_id = "٠٧٩٠٤١٩٩٠٤"
        self.assertEqual(partner.national_id, "0790419904")

    def test_domain_examples_are_accepted(self):
        for code in ("0499370899", "0790419904", "0084575948"):
            with self.subTest(code=code):
                self.assertEqual(self._person(national_id=code).national_id, code)

    def test_bad_national_ids_are_refused_and_nothing_is_written(self):
        count = self.Partner.search_count([])
        for code in ("0684159415", "049937089", "04993708991", "04993708a9", "1111111111", "0000000000"):
            with self.subTest(code=code), self.assertRefused("not valid"):
                self._person(national_id=code)
        self.assertEqual(self.Partner.search_count([]), count)
        partner = self._person()
        with self.assertRefused("not valid"):
            partner.national_id = "0684159415"
        self.assertFalse(partner.national_id)

    def test_a_company_has_no_national_id(self):
        with self.assertRefused("is a company"):
            self.Partner.create({"name": "شرکت", "is_company": True, "national_id": "0084575948"})

    def test_duplicate_national_id_names_the_existing_citizen(self):
        first = self._person(national_id="0499370899")
        with self.assertRaises(ValidationError) as caught:
            self._person(national_id="۰۴۹۹۳۷۰۸۹۹")
        message = str(caught.exception)
        self.assertIn(first.display_name, message)
        self.assertIn("0499370899", message)
        self.assertEqual(self.Partner.search_count([("national_id", "=", "0499370899")]), 1)

    def test_duplicates_within_one_batch_are_refused(self):
        with self.assertRaises(ValidationError):
            self.Partner.create([
                {"name": "الف", "national_id": "8699767056"},
                {"name": "ب", "national_id": "8699767056"},
            ])
        self.assertFalse(self.Partner.search([("national_id", "=", "8699767056")]))

    def test_duplicate_on_write_is_refused(self):
        self._person(national_id="4049147009")
        other = self._person(national_id="5897859299")
        with self.assertRefused("already registered"):
            other.national_id = "4049147009"
        self.assertEqual(other.national_id, "5897859299")

    def test_uniqueness_is_among_active_partners_of_a_company(self):
        archived = self._person(national_id="7849881354", company_id=self.env.company.id)
        archived.action_archive()
        active = self._person(national_id="7849881354", company_id=self.env.company.id)
        self.assertTrue(active.active)
        # Restoring the archived twin would make two active citizens.
        with self.assertRefused("already registered"):
            archived.action_unarchive()
        # Another company keeps its own register ...
        elsewhere = self._person(national_id="7849881354", company_id=self.company_b.id)
        self.assertEqual(elsewhere.company_id, self.company_b)
        # ... but a contact shared by all companies clashes with each of them.
        with self.assertRefused("already registered"):
            self._person(national_id="7849881354", company_id=False)

    def test_two_desks_registering_the_same_person_at_once_cannot_both_commit(self):
        """Neither transaction sees the other's uncommitted citizen, so both pass
        the Python check; the database refuses the second at commit."""
        db = sql_db.db_connect(self.env.cr.dbname)
        first_cr, second_cr = db.cursor(), db.cursor()
        created_id = None
        try:
            second_cr.execute("SELECT 1")  # the second desk's transaction is already under way
            first = api.Environment(first_cr, SUPERUSER_ID, {})["res.partner"].create(
                {"name": "میز اول", "national_id": "4533314783", "company_id": self.env.company.id})
            created_id = first.id
            first_cr.commit()
            api.Environment(second_cr, SUPERUSER_ID, {})["res.partner"].create(
                {"name": "میز دوم", "national_id": "4533314783", "company_id": self.env.company.id})
            with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
                second_cr.commit()
        finally:
            second_cr.rollback()
            second_cr.close()
            if created_id:
                first_cr.execute("DELETE FROM res_partner WHERE id = %s", [created_id])
                first_cr.commit()
            first_cr.close()

    # legal entity ID ------------------------------------------------------

    def test_legal_entity_id(self):
        company = self.Partner.create({"name": "شرکت نمونه", "is_company": True, "legal_national_id": "۱۰۳۸۰۲۸۴۷۹۰"})
        self.assertEqual(company.legal_national_id, "10380284790")
        for code in ("10380284791", "1038028479", "1038028479x"):
            with self.subTest(code=code), self.assertRefused("not valid"):
                self.Partner.create({"name": "شرکت بد", "is_company": True, "legal_national_id": code})
        with self.assertRefused("already registered"):
            self.Partner.create({"name": "شرکت تکراری", "is_company": True, "legal_national_id": "10380284790"})

    def test_a_person_has_no_legal_entity_id(self):
        with self.assertRefused("is a person"):
            self._person(legal_national_id="10624510250")

    # mobile and postal code ----------------------------------------------

    def test_mobile_is_normalised(self):
        for typed in ("+989121234567", "00989121234567", "989121234567", "۰۹۱۲ ۱۲۳ ۴۵۶۷", "0912-123-4567"):
            with self.subTest(typed=typed):
                self.assertEqual(self._person(mobile=typed).mobile, "09121234567")
        partner = self._person()
        partner.write({"mobile": "+98 935 111 2233"})
        self.assertEqual(partner.mobile, "09351112233")
        partner.write({"mobile": ""})
        self.assertFalse(partner.mobile)

    def test_mobile_with_the_zero_after_the_country_code(self):
        self.assertEqual(self._person(mobile="+98 0912 123 4567").mobile, "09121234567")

    def test_foreign_mobiles_are_kept_as_typed(self):
        partner = self._person(mobile=" +33 6 12 34 56 78 ", country_id=self.env.ref("base.fr").id)
        self.assertEqual(partner.mobile, "+33 6 12 34 56 78")
        indian = self._person(mobile="9876543210", country_id=self.env.ref("base.in").id)
        self.assertEqual(indian.mobile, "9876543210")
        self.assertEqual(self.Partner.search([("mobile", "=", "9876543210")]), indian)
        (partner | indian | self._person()).write({"mobile": "9121234567"})
        self.assertEqual((partner | indian).mapped("mobile"), ["9121234567", "9121234567"])
        self.assertEqual(self.Partner.search([("mobile", "=", "09121234567")]).mapped("name"), ["شهروند آزمون"])
        indian.write({"country_id": self.iran.id, "mobile": "+98 935 111 2233"})
        self.assertEqual(indian.mobile, "09351112233")

    def test_bad_mobiles_are_refused(self):
        for typed in ("02188776655", "0912123", "+449121234567", "شماره"):
            with self.subTest(typed=typed), self.assertRefused("not an Iranian mobile"):
                self._person(mobile=typed)

    def test_postal_code_of_an_iranian_address(self):
        partner = self._person(zip="۱۱۳۵۷-۱۳۹۱۱", country_id=self.iran.id)
        self.assertEqual(partner.zip, "1135713911")
        for bad in ("113571391", "11357139111", "1135a13911"):
            with self.subTest(zip=bad), self.assertRefused("postal code"):
                self._person(zip=bad, country_id=self.iran.id)
        # Without a country the address is taken as Iranian; a foreign one keeps its own format.
        with self.assertRefused("postal code"):
            self._person(zip="12345")
        foreign = self._person(zip="75008", country_id=self.env.ref("base.fr").id)
        self.assertEqual(foreign.zip, "75008")

    def test_search_finds_what_is_typed_in_any_digits(self):
        partner = self._person(national_id="0499370899", mobile="09121234567")
        for domain in ([("national_id", "=", "۰۴۹۹۳۷۰۸۹۹")], [("national_id", "in", ["۰۴۹۹۳۷۰۸۹۹", "x"])],
                       [("national_id", "ilike", "۳۷۰۸")], [("national_id", "ilike", "049 937")],
                       [("mobile", "=", "+98 912 123 4567")], [("mobile", "ilike", "+989121234567")],
                       [("mobile", "ilike", "0912 123 4567")], [("mobile", "ilike", "۱۲۳۴۵")]):
            with self.subTest(domain=domain):
                self.assertEqual(self.Partner.search(domain), partner)

    def test_negative_searches_exclude_every_form(self):
        partner = self._person(national_id="0499370899", mobile="09121234567")
        others = self.Partner.search([("id", "!=", partner.id)])
        self.assertEqual(self.Partner.search([("mobile", "!=", "+989121234567")]), others)
        self.assertNotIn(partner, self.Partner.search([("mobile", "not ilike", "0912 123")]))
        self.assertNotIn(partner, self.Partner.search([("national_id", "not in", ["۰۴۹۹۳۷۰۸۹۹"])]))

    def test_a_batch_costs_queries_per_batch_not_per_citizen(self):
        """The identifier checks are set-based: 60 citizens cost about what 20 do."""
        rng = random.Random(1405)
        codes = set()
        while len(codes) < 80:
            body = f"{rng.randrange(10 ** 8, 10 ** 9):09d}"
            if national_id_check_digit(body) < 10:
                codes.add(body + str(national_id_check_digit(body)))
        codes = sorted(codes)
        district = self.env["municipality.district"].create({"code": "QB", "name": "منطقهٔ آزمون شمار پرس‌وجو"})
        Partner = self.Partner.with_context(tracking_disable=True)

        def queries_to_register(batch):
            self.env.flush_all()
            before = sql_db.sql_counter
            Partner.create([{"name": code, "national_id": code, "mobile": "+98 912 000 0000",
                             "zip": "۱۱۳۵۷۱۳۹۱۱", "district_id": district.id} for code in batch])
            self.env.flush_all()
            return sql_db.sql_counter - before

        small, large = queries_to_register(codes[:20]), queries_to_register(codes[20:])
        self.assertLess(large - small, 10, f"{small} queries for 20 citizens, {large} for 60")

    def test_leading_zeros_dropped_by_a_spreadsheet_are_restored_on_import(self):
        Importing = self.Partner.with_context(import_file=True)
        result = Importing.load(["name", "national_id"], [["وارد شده", "499370899"], ["دومی", "84575948"]])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.Partner.browse(result["ids"]).mapped("national_id"), ["0499370899", "0084575948"])

    def test_a_typed_id_with_a_missing_digit_is_not_guessed(self):
        with self.assertRefused("not valid"):
            self._person(national_id="499370899")

    def test_import_of_a_bad_row_is_refused_with_the_reason(self):
        result = self.Partner.load(["name", "national_id"], [["درست", "0790419904"], ["نادرست", "0684159415"]])
        self.assertFalse(result["ids"])
        self.assertIn("0684159415", " ".join(m["message"] for m in result["messages"]))
        self.assertFalse(self.Partner.search([("national_id", "in", ["0790419904", "0684159415"])]))

    def test_duplicate_in_a_company_the_user_cannot_see_is_not_named(self):
        hidden = self._person(national_id="9935632725", company_id=self.company_b.id, name="پنهان در شهرداری دوم")
        clerk = new_test_user(self.env, "clerk_a", groups="municipality_base.group_municipality_registry",
                              company_id=self.env.company.id, company_ids=[self.env.company.id])
        with self.assertRaises(ValidationError) as caught:
            self.Partner.with_user(clerk).create({"name": "تازه", "national_id": "9935632725"})
        self.assertIn("not allowed to see", str(caught.exception))
        self.assertNotIn(hidden.name, str(caught.exception))
        self.assertNotRegex(str(caught.exception), rf"(?<!\d){hidden.id}(?!\d)")  # not inside the ID itself

    def test_a_contact_takes_a_district_of_its_own_company(self):
        district = self.env["municipality.district"].create({"code": "B1", "name": "ب", "company_id": self.company_b.id})
        self._person(district_id=district.id, company_id=self.company_b.id)
        self._person(district_id=district.id)  # shared contact: any district
        branch = self.env["res.company"].create({"name": "شعبهٔ شهرداری دوم", "parent_id": self.company_b.id})
        self._person(district_id=district.id, company_id=branch.id)  # a branch uses its city's districts
        with self.assertRefused("district"):
            self._person(district_id=district.id, company_id=self.env.company.id)
        with self.assertRaisesRegex(ValidationError, "cannot move"):
            district.company_id = self.env.company

    def test_identifiers_are_hidden_from_portal_users(self):
        partner = self._person(national_id="9518175608", mobile="09121234567")
        portal = new_test_user(self.env, "citizen_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            partner.with_user(portal).read(["national_id"])

    def test_form_normalises_while_typing(self):
        form = Form(self.Partner)
        form.name = "شهروند فرم"
        form.national_id = "۲۶۰۷۱۱۴۴۶۲"
        form.mobile = "+98 930 123 4567"
        self.assertEqual(form.national_id, "2607114462")
        self.assertEqual(form.mobile, "09301234567")
        partner = form.save()
        self.assertEqual((partner.national_id, partner.mobile), ("2607114462", "09301234567"))


@tagged("post_install", "-at_install")
class TestContactLanguage(TransactionCase):
    """A citizen registered in any way speaks the municipality's language: the database's default language
    (English when it was created in English) would send them English SMS and letters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")  # a database created in English
        cls.env.company.partner_id.lang = "fa_IR"

    def test_a_new_contact_takes_the_municipality_language(self):
        for context in ({"lang": "en_US"}, {}):  # a clerk working in English, a script without a context
            partner = self.env["res.partner"].with_context(context, lang=context.get("lang")).create(
                {"name": "شهروند بی‌زبان"})
            self.assertEqual(partner.lang, "fa_IR")
        clerk = new_test_user(self.env, "lang_clerk", groups="base.group_user,base.group_partner_manager",
                              lang="en_US")
        self.assertEqual(self.env["res.partner"].with_user(clerk).create({"name": "شهروند دیگر"}).lang, "fa_IR")

    def test_a_language_given_still_wins(self):
        self.assertEqual(self.env["res.partner"].create({"name": "Visitor", "lang": "en_US"}).lang, "en_US")
        self.assertEqual(self.env["res.partner"].with_context(default_lang="en_US").create({"name": "Guest"}).lang,
                         "en_US")
        company = self.env["res.partner"].create({"name": "شرکت آزمون", "is_company": True, "lang": "en_US"})
        self.assertEqual(self.env["res.partner"].create({"name": "کارمند شرکت", "parent_id": company.id}).lang,
                         "en_US", "a company's contact speaks the company's language")

    def test_without_a_municipality_language_the_database_default_stays(self):
        self.env.company.partner_id.lang = False
        self.assertEqual(self.env["res.partner"].create({"name": "شهروند"}).lang, "en_US")
