import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools.digits import normalize_digits
from ..tools.identifiers import (
    is_valid_legal_id,
    is_valid_national_id,
    is_valid_postal_code,
    normalize_mobile,
    normalize_national_id,
)

#: Fields typed with any digits and stored with Latin ones; searches on them are normalised too.
_IDENTIFIER_FIELDS = ("national_id", "legal_national_id", "mobile", "zip")

#: The widget of Odoo's partner_autocomplete (auto-installed with mail): it sends what is typed in a
#: contact's or company's name to Odoo's servers abroad.
AUTOCOMPLETE_ABROAD_WIDGET = "field_partner_autocomplete"


def without_autocomplete_abroad(arch):
    """``arch`` with the name, VAT and DUNS fields back to plain inputs: nothing typed leaves the country."""
    for node in arch.xpath(f"//field[@widget='{AUTOCOMPLETE_ABROAD_WIDGET}']"):
        del node.attrib["widget"]
    return arch


class ResPartner(models.Model):
    """Citizens and legal entities, entered once and shared by every unit.

    A natural person is keyed by a validated national ID (کد ملی), a legal
    entity by its legal national ID (شناسه ملی). Both are stored with Latin
    digits and are unique per company among active partners.
    """

    _inherit = "res.partner"

    national_id = fields.Char(
        string="National ID", copy=False, tracking=True, index="btree_not_null", groups="base.group_user",
        help="Ten-digit national ID (کد ملی) of a natural person.")
    legal_national_id = fields.Char(
        string="Legal Entity ID", copy=False, tracking=True, index="btree_not_null", groups="base.group_user",
        help="Eleven-digit national ID (شناسه ملی) of a legal entity.")
    mobile = fields.Char(
        tracking=True, groups="base.group_user",
        help="Iranian mobile number, stored as 09XXXXXXXXX whatever prefix is typed (+98, 0098, 98, 0).")
    district_id = fields.Many2one(
        "municipality.district", string="District", index="btree_not_null", tracking=True,
        ondelete="restrict")

    # The database backs ``_check_citizen_identifier_unique`` for the one case
    # Python cannot see: two transactions registering the same person at the
    # same moment. The check is deferred to commit so that, in every other
    # case, the Python constraint speaks first and names the existing contact.
    _national_id_company_unique = models.Constraint(
        "EXCLUDE USING btree (national_id WITH =, (COALESCE(company_id, 0)) WITH =) "
        "WHERE (active AND national_id IS NOT NULL) DEFERRABLE INITIALLY DEFERRED",
        "Another active contact already has this national ID.",
    )
    _legal_national_id_company_unique = models.Constraint(
        "EXCLUDE USING btree (legal_national_id WITH =, (COALESCE(company_id, 0)) WITH =) "
        "WHERE (active AND legal_national_id IS NOT NULL) DEFERRABLE INITIALLY DEFERRED",
        "Another active contact already has this legal entity ID.",
    )

    # ------------------------------------------------------------------
    # Normalisation: Latin digits, canonical mobile
    # ------------------------------------------------------------------

    @api.model
    def _normalize_citizen_value(self, fname, value, iranian=True):
        """``value`` of ``fname`` as stored: Latin digits; for a contact in Iran
        (or with no country) the mobile as 09XXXXXXXXX and the postal code
        without its dash; an imported national ID gets back the leading zeros
        a spreadsheet dropped. What cannot be read is kept as typed (trimmed),
        for the constraints below to refuse with a message."""
        if not value or not isinstance(value, str):
            return value
        if fname == "national_id":
            return normalize_national_id(value, restore_leading_zeros=bool(self.env.context.get("import_file")))
        value = normalize_digits(value).strip()
        if fname == "legal_national_id":
            return value.replace(" ", "").replace("-", "")
        if fname == "zip" and iranian and is_valid_postal_code(value):
            return value.replace("-", "")
        if fname == "mobile" and iranian:
            return normalize_mobile(value) or value
        return value

    @api.model
    def _normalize_citizen_values(self, vals, iranian=True):
        vals = dict(vals)
        for fname in _IDENTIFIER_FIELDS:
            if fname in vals:
                vals[fname] = self._normalize_citizen_value(fname, vals[fname], iranian) or False
        return vals

    @api.model
    def _is_iranian_country(self, country_id):
        """Iranian rules apply to contacts in Iran, and to those with no country."""
        # _xmlid_to_res_id is cached; env.ref would query the country on every call.
        return not country_id or country_id == self.env["ir.model.data"]._xmlid_to_res_id("base.ir")

    def _has_iranian_address(self):
        self.ensure_one()
        return self._is_iranian_country(self.country_id.id)

    @api.model
    def default_get(self, fields):
        """A new contact speaks the municipality's language (its company's language), not the database's
        default (``ir.default``: English when the database was created in English) nor the language of the
        clerk's screen: the SMS, letters and portal pages a citizen gets are in it. A language given in the
        context (``default_lang``) or in the values still wins."""
        defaults = super().default_get(fields)
        if "lang" in fields and "default_lang" not in self.env.context:
            lang = self.env.company.sudo().partner_id.lang
            if lang and self.env["res.lang"]._get_data(code=lang).code:
                defaults["lang"] = lang
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        default_country = self.env.context.get("default_country_id")
        return super().create([
            self._normalize_citizen_values(vals, self._is_iranian_country(vals.get("country_id", default_country)))
            for vals in vals_list
        ])

    def write(self, vals):
        if "country_id" in vals or not {"mobile", "zip"} & vals.keys():
            return super().write(self._normalize_citizen_values(vals, self._is_iranian_country(vals.get("country_id"))))
        # The mobile and postal code of foreign contacts keep their own formats.
        iranian = self.filtered(lambda partner: partner._has_iranian_address())
        for partners, is_iranian in ((iranian, True), (self - iranian, False)):
            if partners:
                super(ResPartner, partners).write(self._normalize_citizen_values(vals, is_iranian))
        return True

    @api.onchange(*_IDENTIFIER_FIELDS)
    def _onchange_normalize_citizen_fields(self):
        for fname in _IDENTIFIER_FIELDS:
            value = self._normalize_citizen_value(fname, self[fname], self._has_iranian_address())
            if value != self[fname]:
                self[fname] = value

    @api.model
    def _citizen_search_forms(self, fname, operator, value):
        """The stored forms a searched ``value`` may take: as typed (in Latin
        digits), and as an Iranian contact's value is stored. A foreign mobile
        is stored as typed, so both are searched."""
        if not isinstance(value, str):
            return [value]
        typed = normalize_digits(value).strip()
        forms = [typed]
        if operator in ("=", "!=", "in", "not in"):
            forms.append(self._normalize_citizen_value(fname, value))
        elif fname != "zip":
            compact = re.sub(r"[\s\-()]", "", typed)
            forms.append(compact)
            if fname == "mobile" and normalize_mobile(compact):
                forms.append(normalize_mobile(compact))
        return list(dict.fromkeys(forms))

    def _search(self, domain, *args, **kwargs):
        """Find ``۰۴۹۹۳۷۰۸۹۹``, ``+98 912 123 4567`` or ``0912 123 4567`` as they are stored."""
        def normalize(condition):
            fname, operator, value = condition.field_expr, condition.operator, condition.value
            if fname not in _IDENTIFIER_FIELDS:
                return condition
            if isinstance(value, (list, tuple, set, frozenset)):
                forms = [form for item in value for form in self._citizen_search_forms(fname, operator, item)]
                return Domain(fname, operator, list(dict.fromkeys(forms)))
            forms = self._citizen_search_forms(fname, operator, value)
            if operator in ("=", "!="):
                return Domain(fname, "in" if operator == "=" else "not in", forms)
            conditions = [Domain(fname, operator, form) for form in forms]
            return Domain.AND(conditions) if operator.startswith("not ") else Domain.OR(conditions)
        return super()._search(Domain(domain).map_conditions(normalize), *args, **kwargs)

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------

    @api.constrains("national_id", "is_company")
    def _check_national_id(self):
        for partner in self.filtered("national_id"):
            if partner.is_company:
                raise ValidationError(self.env._(
                    "“%(name)s” is a company: a company has a legal entity ID (شناسه ملی), not a national ID.",
                    name=partner.display_name))
            if not is_valid_national_id(partner.national_id):
                raise ValidationError(self.env._(
                    "The national ID “%(code)s” of “%(name)s” is not valid: it must be 10 digits with a "
                    "correct check digit. Check it against the national card.",
                    code=partner.national_id, name=partner.display_name))

    @api.constrains("legal_national_id", "is_company")
    def _check_legal_national_id(self):
        for partner in self.filtered("legal_national_id"):
            if not partner.is_company:
                raise ValidationError(self.env._(
                    "“%(name)s” is a person: only a company has a legal entity ID (شناسه ملی). "
                    "Set the contact as a company or clear the field.",
                    name=partner.display_name))
            if not is_valid_legal_id(partner.legal_national_id):
                raise ValidationError(self.env._(
                    "The legal entity ID “%(code)s” of “%(name)s” is not valid: it must be 11 digits with a "
                    "correct check digit.",
                    code=partner.legal_national_id, name=partner.display_name))

    @api.constrains("national_id", "legal_national_id", "company_id", "active")
    def _check_citizen_identifier_unique(self):
        """The same citizen is never entered twice: name the contact that already has the ID.

        A contact without a company is shared by all companies, so it clashes
        with every company's contacts. One search per identifier field, for
        the whole batch.
        """
        labels = {"national_id": self.env._("national ID"), "legal_national_id": self.env._("legal entity ID")}
        for fname, label in labels.items():
            partners = self.filtered(lambda p: p[fname] and p.active)
            if not partners:
                continue
            holders = defaultdict(lambda: self.browse())
            for holder in self.sudo().with_context(active_test=True).search(
                    [(fname, "in", list(set(partners.mapped(fname))))], order="id"):
                holders[holder[fname]] |= holder
            for partner in partners:
                duplicate = holders[partner[fname]].filtered(
                    lambda other: other.id != partner.id and (
                        not other.company_id or not partner.company_id or other.company_id == partner.company_id))[:1]
                if duplicate and not duplicate.with_user(self.env.uid)._filtered_access("read"):
                    raise ValidationError(self.env._(
                        "The %(label)s %(code)s is already registered for a contact you are not allowed to see "
                        "(another company's). Ask an administrator to share that contact instead of creating a "
                        "new one.", label=label, code=partner[fname]))
                if duplicate:
                    raise ValidationError(self.env._(
                        "The %(label)s %(code)s is already registered for “%(other)s” (reference %(other_id)s). "
                        "Open that contact instead of creating a new one.",
                        label=label, code=partner[fname], other=duplicate.display_name, other_id=duplicate.id))

    @api.constrains("mobile", "country_id")
    def _check_mobile(self):
        for partner in self.filtered("mobile"):
            if partner._has_iranian_address() and normalize_mobile(partner.mobile) != partner.mobile:
                raise ValidationError(self.env._(
                    "The mobile number “%(mobile)s” of “%(name)s” is not an Iranian mobile number; "
                    "write it as 09XXXXXXXXX.",
                    mobile=partner.mobile, name=partner.display_name))

    @api.constrains("zip", "country_id")
    def _check_iranian_postal_code(self):
        for partner in self.filtered("zip"):
            if partner._has_iranian_address() and not is_valid_postal_code(partner.zip):
                raise ValidationError(self.env._(
                    "The postal code “%(zip)s” of “%(name)s” is not valid: an Iranian postal code is exactly 10 digits.",
                    zip=partner.zip, name=partner.display_name))

    @api.constrains("district_id", "company_id")
    def _check_district_company(self):
        """A contact's district belongs to its company, or to a parent of it (a branch's city)."""
        for partner in self.filtered("district_id"):
            if not partner.district_id._serves_company(partner.company_id):
                raise ValidationError(self.env._(
                    "“%(name)s” belongs to %(company)s, but district “%(district)s” is %(district_company)s's. "
                    "Choose a district of the contact's own municipality.",
                    name=partner.display_name, company=partner.company_id.name,
                    district=partner.district_id.display_name, district_company=partner.district_id.company_id.name))

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        return without_autocomplete_abroad(arch), view
