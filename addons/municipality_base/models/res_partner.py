from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.digits import normalize_digits
from ..tools.identifiers import (
    is_valid_legal_id,
    is_valid_national_id,
    is_valid_postal_code,
    normalize_mobile,
)


class ResPartner(models.Model):
    """Citizens and legal entities, entered once and shared by every unit.

    A natural person is keyed by a validated national ID (کد ملی), a legal
    entity by its legal national ID (شناسه ملی). Both are stored with Latin
    digits and are unique per company among active partners.
    """

    _inherit = "res.partner"

    national_id = fields.Char(
        string="National ID", copy=False, tracking=True, index="btree_not_null",
        help="Ten-digit national ID (کد ملی) of a natural person.")
    legal_national_id = fields.Char(
        string="Legal Entity ID", copy=False, tracking=True, index="btree_not_null",
        help="Eleven-digit national ID (شناسه ملی) of a legal entity.")
    mobile = fields.Char(
        tracking=True,
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
    def _normalize_citizen_values(self, vals):
        """Return ``vals`` with identifiers in Latin digits and the mobile as 09XXXXXXXXX.

        Values that cannot be read are left as typed, so that the constraints
        below refuse them with a message naming the field.
        """
        vals = dict(vals)
        for fname in ("national_id", "legal_national_id", "zip"):
            if vals.get(fname):
                vals[fname] = normalize_digits(vals[fname]).strip()
        if vals.get("zip"):
            vals["zip"] = vals["zip"].replace("-", "") if is_valid_postal_code(vals["zip"]) else vals["zip"]
        if vals.get("mobile"):
            vals["mobile"] = normalize_mobile(vals["mobile"]) or vals["mobile"].strip()
        for fname in ("national_id", "legal_national_id", "mobile"):
            if fname in vals and not vals[fname]:
                vals[fname] = False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_citizen_values(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_citizen_values(vals))

    @api.onchange("national_id", "legal_national_id", "mobile", "zip")
    def _onchange_normalize_citizen_fields(self):
        normalized = self._normalize_citizen_values({
            "national_id": self.national_id,
            "legal_national_id": self.legal_national_id,
            "mobile": self.mobile,
            "zip": self.zip,
        })
        for fname, value in normalized.items():
            if value != self[fname]:
                self[fname] = value

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
                if duplicate:
                    raise ValidationError(self.env._(
                        "The %(label)s %(code)s is already registered for “%(other)s” (reference %(other_id)s). "
                        "Open that contact instead of creating a new one.",
                        label=label, code=partner[fname], other=duplicate.display_name, other_id=duplicate.id))

    @api.constrains("mobile")
    def _check_mobile(self):
        for partner in self.filtered("mobile"):
            if normalize_mobile(partner.mobile) != partner.mobile:
                raise ValidationError(self.env._(
                    "The mobile number “%(mobile)s” of “%(name)s” is not an Iranian mobile number; "
                    "write it as 09XXXXXXXXX.",
                    mobile=partner.mobile, name=partner.display_name))

    @api.constrains("zip", "country_id")
    def _check_iranian_postal_code(self):
        iran = self.env.ref("base.ir", raise_if_not_found=False)
        for partner in self.filtered("zip"):
            if partner.country_id and partner.country_id != iran:
                continue
            if not is_valid_postal_code(partner.zip):
                raise ValidationError(self.env._(
                    "The postal code “%(zip)s” of “%(name)s” is not valid: an Iranian postal code is exactly 10 digits.",
                    zip=partner.zip, name=partner.display_name))
