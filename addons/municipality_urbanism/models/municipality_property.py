import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.municipality_base.tools.digits import normalize_digits

from ..tools.renovation_code import (
    SEPARATOR, RenovationCodeError, normalize_renovation_code, parse_renovation_code, renovation_code_search_key)
from ..tools.renovation_toll import arrears
from .land_use import LAND_USES

#: PostgreSQL statistics target of the code and its tail (histogram buckets; the default is 100), see init()
CODE_STATISTICS = 1000
#: Fields stored with Latin digits and searched in any digits.
_DIGIT_FIELDS = ("renovation_code", "street_segment", "file_number", "plate_main", "plate_sub", "registry_section",
                 "postal_code")
SHARE_TOLERANCE = 0.0005


def stored_renovation_code(value):
    """A renovation code as stored (``۵/۰۱۲۳/۴۵`` → ``5-123-45``); text that is not a code stays as typed, in
    Latin digits, for the constraint to refuse with its reason."""
    if not value or not isinstance(value, str):
        return value
    try:
        return normalize_renovation_code(value)
    except RenovationCodeError:
        return normalize_digits(value).strip()


class MunicipalityProperty(models.Model):
    """A property file (پرونده ملکی): a parcel, a building or an apartment of the city.

    Keyed by its renovation code (کد نوسازی: district–block–parcel[–building–floor–unit]),
    unique in the municipality, and its registry plate. Its owners hold shares
    in six dang (``owner_share_ids``). Apartments are child properties of their
    building.
    """

    _name = "municipality.property"
    _description = "Property"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "renovation_code, id"
    _rec_name = "renovation_code"
    _check_company_auto = True

    # Lookups (bench_property_lookup.py): equality on the code, the file number and the plate goes through their
    # unique constraints and the plate index (btree); a code typed in part and the search box (ilike on code, file
    # number, plate and address) through trigram indexes, which Odoo creates where PostgreSQL has pg_trgm.
    renovation_code = fields.Char(
        required=True, tracking=True, index="trigram", copy=False,
        help="District–block–parcel[–building–floor–unit], for example 3-112-45 or 3-112-45-1-2-5. "
             "Typed in Persian or Latin digits, with - or / between the parts.")
    file_number = fields.Char(tracking=True, index="trigram", copy=False,
                              help="The property's file number (for example two digits of the district and a serial).")
    plate_main = fields.Char(string="Main Plate", tracking=True, index="trigram")
    plate_sub = fields.Char(string="Sub Plate", tracking=True)
    registry_section = fields.Char(string="Registry Section", tracking=True, help="بخش ثبتی")
    plate_display = fields.Char(string="Registry Plate", compute="_compute_plate_display")
    district_id = fields.Many2one("municipality.district", string="District", required=True, index=True,
                                  tracking=True, check_company=True, ondelete="restrict")
    block = fields.Char(compute="_compute_code_parts", store=True, index=True,
                        help="The block of the renovation code (its second part); regional values are per block.")
    renovation_code_tail = fields.Char(
        compute="_compute_code_parts", store=True, string="Renovation Code from the Block",
        help="The renovation code from its block on (block-parcel[-building-floor-unit]): a code typed in part is "
             "found from the start of the code or from its block, through the btree indexes of both.")
    street_segment = fields.Char(string="Street Segment", tracking=True,
                                 help="The street segment (بر) whose regional value applies, where it differs from the block's.")
    street = fields.Char(string="Address", tracking=True, index="trigram")
    postal_code = fields.Char(tracking=True)
    owner_share_ids = fields.One2many("municipality.property.owner", "property_id", string="Owners", copy=False)
    owner_ids = fields.Many2many("res.partner", string="Owner Contacts", compute="_compute_owner_ids",
                                 search="_search_owner_ids")
    owner_share_total = fields.Float(string="Shares (dang)", compute="_compute_owner_ids", digits=(4, 3))
    land_area = fields.Float(string="Land Area (m²)", tracking=True, digits=(12, 2))
    widening_area = fields.Float(string="Area in the Widening Line (m²)", tracking=True, digits=(12, 2),
                                 help="The part of the parcel in the street-widening line (عقب‌نشینی).")
    building_area = fields.Float(string="Building Area (m²)", tracking=True, digits=(12, 2))
    floor_count = fields.Integer(string="Floors", tracking=True)
    unit_count = fields.Integer(string="Units", tracking=True)
    use = fields.Selection(LAND_USES, required=True, default="residential", tracking=True)
    zoning_id = fields.Many2one("municipality.zoning", string="Zoning", tracking=True, check_company=True)
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    outline_geojson = fields.Text(string="Parcel Outline (GeoJSON)",
                                  help="The parcel's outline as a GeoJSON Polygon, MultiPolygon or Feature.")
    parent_id = fields.Many2one("municipality.property", string="Building", index=True, tracking=True,
                                check_company=True, ondelete="restrict",
                                help="For an apartment: the building it is in.")
    child_ids = fields.One2many("municipality.property", "parent_id", string="Apartments")
    child_count = fields.Integer(compute="_compute_counts", string="Apartment Count")
    document_ids = fields.One2many("municipality.property.document", "property_id", string="Documents")
    document_count = fields.Integer(compute="_compute_counts")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Html()

    _renovation_code_company_unique = models.Constraint(
        "UNIQUE(renovation_code, company_id)", "Another property of this municipality already has this renovation code.")
    _file_number_company_unique = models.Constraint(
        "UNIQUE(file_number, company_id)", "Another property of this municipality already has this file number.")
    _areas_positive = models.Constraint(
        "CHECK(land_area >= 0 AND widening_area >= 0 AND building_area >= 0 AND floor_count >= 0 AND unit_count >= 0)",
        "Areas, floors and units cannot be negative.")
    _plate_index = models.Index("(plate_main, plate_sub, registry_section)")
    # A code typed in part is two prefix searches (``LIKE '112-45%'``) on the code and on the code from its block
    # on: btree indexes with the pattern operator class answer them whatever the collation, without pg_trgm.
    _renovation_code_prefix_index = models.Index("(renovation_code text_pattern_ops)")
    _renovation_code_tail_index = models.Index("(renovation_code_tail text_pattern_ops)")

    def init(self):
        super().init()
        # Odoo keeps an index whose name exists: where PostgreSQL has pg_trgm, the btree indexes an earlier version
        # gave these fields give way to the trigram ones Odoo then creates (without pg_trgm they stay).
        if self.pool.has_trigram:
            for fname in ("renovation_code", "file_number", "plate_main", "street"):
                name = f"{self._table}__{fname}_index"
                self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
                row = self.env.cr.fetchone()
                if row and "gin_trgm_ops" not in row[0]:
                    self.env.cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        # A code typed in part is a prefix search on the code or its block-parcel tail, sorted by code. With
        # PostgreSQL's default statistics (100 histogram buckets: 2,000 rows each in a city of 200,000) a prefix
        # narrower than a bucket can be estimated at a whole bucket; the planner then walks the code index in
        # order, filtering, and a prefix with 20 matches took 100 ms and more instead of 0.1. A histogram ten
        # times finer keeps the estimates near the truth (benchmarks/bench_property_lookup.py).
        self.env.cr.execute(SQL(
            "ALTER TABLE %s ALTER COLUMN renovation_code SET STATISTICS %s, "
            "ALTER COLUMN renovation_code_tail SET STATISTICS %s",
            SQL.identifier(self._table), CODE_STATISTICS, CODE_STATISTICS))

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("plate_main", "plate_sub", "registry_section")
    def _compute_plate_display(self):
        for prop in self:
            plate = "/".join(part for part in (prop.plate_main, prop.plate_sub) if part)
            if plate and prop.registry_section:
                plate = self.env._("%(plate)s section %(section)s", plate=plate, section=prop.registry_section)
            prop.plate_display = plate or False

    @api.depends("renovation_code")
    def _compute_code_parts(self):
        for prop in self:
            try:
                code = parse_renovation_code(prop.renovation_code)
            except (RenovationCodeError, TypeError):
                prop.block = prop.renovation_code_tail = False
                continue
            prop.block = str(code.block)
            prop.renovation_code_tail = SEPARATOR.join(map(str, code.parts[1:]))

    @api.depends("owner_share_ids.partner_id", "owner_share_ids.share_dang")
    def _compute_owner_ids(self):
        for prop in self:
            prop.owner_ids = prop.owner_share_ids.partner_id
            prop.owner_share_total = sum(prop.owner_share_ids.mapped("share_dang"))

    def _search_owner_ids(self, operator, value):
        return [("owner_share_ids.partner_id", operator, value)]

    def _compute_counts(self):
        children = dict(self._read_group([("parent_id", "in", self.ids)], ["parent_id"], ["__count"]))
        documents = dict(self.env["municipality.property.document"]._read_group(
            [("property_id", "in", self.ids)], ["property_id"], ["__count"]))
        for prop in self:
            prop.child_count = children.get(prop, 0)
            prop.document_count = documents.get(prop, 0)

    # ------------------------------------------------------------------
    # Normalisation and search in any digits
    # ------------------------------------------------------------------
    @api.model
    def _normalize_property_value(self, fname, value):
        if not value or not isinstance(value, str):
            return value
        if fname == "renovation_code":
            return stored_renovation_code(value)
        value = normalize_digits(value).strip()
        return value.replace("-", "") if fname == "postal_code" else value

    @api.model
    def _normalize_property_values(self, vals):
        vals = dict(vals)
        for fname in _DIGIT_FIELDS:
            if fname in vals:
                vals[fname] = self._normalize_property_value(fname, vals[fname]) or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_property_values(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_property_values(vals))

    def _search(self, domain, *args, **kwargs):
        """Find ``۳/۱۱۲/۴۵`` as ``3-112-45``, and a plate or file number typed in Persian digits."""
        def normalize(condition):
            fname, value = condition.field_expr, condition.value
            if fname.endswith(".national_id") and isinstance(value, str):
                return Domain(fname, condition.operator, normalize_digits(value).strip())
            if fname not in _DIGIT_FIELDS:
                return condition
            if isinstance(value, str) and fname == "renovation_code" and "like" in condition.operator:
                return self._renovation_code_like_domain(condition.operator, value)
            if isinstance(value, str):
                return Domain(fname, condition.operator, self._normalize_property_value(fname, value))
            if isinstance(value, (list, tuple, set, frozenset)):
                return Domain(fname, condition.operator,
                              [self._normalize_property_value(fname, item) for item in value])
            return condition
        return super()._search(Domain(domain).map_conditions(normalize), *args, **kwargs)

    @api.model
    def _renovation_code_like_domain(self, operator, value):
        """``renovation_code <operator> value`` for a ``like`` operator. A code typed in part (``ilike`` or
        ``like``) matches whole parts from the start of the code or from its block on, the last part maybe
        unfinished (``112-4`` finds 87-112-45, never 87-1112-45 nor 87-12-45): two prefixes, which the btree
        indexes of ``renovation_code`` and ``renovation_code_tail`` answer, with or without pg_trgm."""
        key = renovation_code_search_key(value)
        if key and operator in ("ilike", "like", "not ilike", "not like"):
            found = (Domain("renovation_code", "=like", key[0] + "%")
                     | Domain("renovation_code_tail", "=like", key[0] + "%"))
            return ~found if operator.startswith("not") else found
        return Domain("renovation_code", operator, key[0] if key else normalize_digits(value).strip())

    @api.model
    def _search_display_name(self, operator, value):
        if operator in ("ilike", "=ilike", "like", "=like", "=") and value:
            key = renovation_code_search_key(value)
            code = self._renovation_code_like_domain(operator, value) if "like" in operator else Domain(
                "renovation_code", operator, key[0] if key else normalize_digits(value).strip())
            digits = normalize_digits(value).strip()
            if key and key[1] and not digits.isdigit():
                # A whole code typed with its separators is a code, not a file number, plate or address: one
                # condition, which the code's indexes answer (four conditions OR-ed read the whole table).
                return code
            return Domain.OR([code, Domain("file_number", operator, digits), Domain("plate_main", operator, digits),
                              Domain("street", operator, value)])
        return super()._search_display_name(operator, value)

    @api.depends("renovation_code", "street")
    def _compute_display_name(self):
        for prop in self:
            prop.display_name = " - ".join(part for part in (prop.renovation_code, prop.street) if part) or ""

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("renovation_code")
    def _check_renovation_code(self):
        for prop in self:
            try:
                parse_renovation_code(prop.renovation_code)
            except RenovationCodeError as error:
                raise ValidationError(self.env._(
                    "“%(code)s” is not a renovation code: %(reason)s Write district, block and parcel (and building, "
                    "floor and unit for an apartment) as numbers separated by - or /, for example 3-112-45.",
                    code=prop.renovation_code, reason=self._renovation_code_error(error))) from error

    @api.model
    def _renovation_code_error(self, error):
        """The translated reason of a ``tools.renovation_code.RenovationCodeError``."""
        _ = self.env._
        params = error.params
        messages = {
            "empty": lambda: _("The renovation code is empty."),
            "too_long_text": lambda: _("A renovation code is at most %(max)s characters long.", **params),
            "letters": lambda: _("The renovation code “%(text)s” contains “%(character)s”: only digits and "
                                 "separators are allowed.", **params),
            "empty_part": lambda: _("The renovation code “%(text)s” has an empty part (two separators in a row, or "
                                    "one at an end).", **params),
            "part_count": lambda: _("A renovation code has 3 parts (district–block–parcel) or 6 "
                                    "(district–block–parcel–building–floor–unit); “%(text)s” has %(count)s.",
                                    **params),
            "too_long": lambda: _("A part of the renovation code “%(text)s” has more than %(max)s digits.",
                                  text=params.get("text"), max=params.get("max")),
            "zero": lambda: _("District, block and parcel of the renovation code “%(text)s” cannot be 0.",
                              text=params.get("text")),
        }
        return messages[error.code]() if error.code in messages else str(error)

    @api.constrains("renovation_code", "district_id")
    def _check_code_district(self):
        for prop in self:
            district_code = normalize_digits(prop.district_id.code or "").strip()
            first = (prop.renovation_code or "").split("-")[0]
            if district_code.isdigit() and first.isdigit() and int(district_code) != int(first):
                raise ValidationError(self.env._(
                    "The renovation code %(code)s starts with district %(first)s, but the property is in district "
                    "%(district)s.", code=prop.renovation_code, first=first, district=prop.district_id.display_name))

    @api.constrains("owner_share_ids")
    def _check_owner_shares(self):
        for prop in self:
            if not prop.owner_share_ids:
                continue
            total = sum(prop.owner_share_ids.mapped("share_dang"))
            if abs(total - 6) > SHARE_TOLERANCE:
                raise ValidationError(self.env._(
                    "The owners' shares of property %(property)s add up to %(total)s dang; together they must own "
                    "six dang (ششدانگ).", property=prop.renovation_code, total=round(total, 3)))

    @api.constrains("widening_area", "land_area")
    def _check_widening_area(self):
        for prop in self:
            if prop.widening_area > prop.land_area:
                raise ValidationError(self.env._(
                    "Property %(property)s: the area in the widening line (%(widening)s m²) is larger than the land "
                    "(%(land)s m²).", property=prop.renovation_code, widening=prop.widening_area, land=prop.land_area))

    @api.constrains("latitude", "longitude")
    def _check_location(self):
        for prop in self:
            if not (-90 <= prop.latitude <= 90 and -180 <= prop.longitude <= 180):
                raise ValidationError(self.env._(
                    "Property %(property)s: the latitude is between -90 and 90 and the longitude between -180 and 180.",
                    property=prop.renovation_code))

    @api.constrains("outline_geojson")
    def _check_outline(self):
        for prop in self.filtered("outline_geojson"):
            try:
                geometry = json.loads(prop.outline_geojson)
            except ValueError:
                geometry = None
            if isinstance(geometry, dict) and geometry.get("type") == "Feature":
                geometry = geometry.get("geometry")
            if not (isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon")
                    and isinstance(geometry.get("coordinates"), list) and geometry["coordinates"]):
                raise ValidationError(self.env._(
                    "Property %(property)s: the parcel outline must be a GeoJSON Polygon or MultiPolygon.",
                    property=prop.renovation_code))

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An apartment cannot contain its own building."))
        for prop in self.filtered("parent_id"):
            if prop.parent_id.district_id != prop.district_id:
                raise ValidationError(self.env._(
                    "Apartment %(property)s is in another district than its building %(building)s.",
                    property=prop.renovation_code, building=prop.parent_id.renovation_code))

    # ------------------------------------------------------------------
    # Renovation toll
    # ------------------------------------------------------------------
    @api.model
    def run_renovation_toll(self, fiscal_year, district=None, toll_type="RENOV", batch_size=500):
        """Run the yearly renovation-toll batch for ``fiscal_year`` over every property (or ``district``'s):
        one assessment per property and year, resumable, in batches. ``toll_type``: a toll type or its code.
        Returns the batch (``municipality.renovation.toll.run``) with its counts."""
        if isinstance(toll_type, str):
            code = toll_type
            toll_type = self.env["municipality.toll.type"].search(
                [("code", "=", code), ("company_id", "=", fiscal_year.company_id.id)], limit=1)
            if not toll_type:
                raise UserError(self.env._("There is no toll type with code “%(code)s”.", code=code))
        run = self.env["municipality.renovation.toll.run"].create({
            "fiscal_year_id": fiscal_year.id, "district_id": district.id if district else False,
            "toll_type_id": toll_type.id, "company_id": fiscal_year.company_id.id, "batch_size": batch_size})
        run.action_run()
        return run

    def _renovation_balances(self, toll_type="RENOV"):
        """{property: {jalali year: (assessed, paid)}} of the renovation tolls of these properties."""
        assessments = self.env["municipality.toll.assessment"].sudo().search([
            ("origin_model", "=", self._name), ("origin_id", "in", self.ids), ("state", "!=", "cancelled"),
            ("toll_type_id.code", "=", toll_type)])
        balances = {prop: {} for prop in self}
        for assessment in assessments:
            prop = self.browse(assessment.origin_id)
            year = assessment.toll_year_id.jalali_year  # the year it is for, not the one it was billed in
            assessed, paid = balances[prop].get(year, (0, 0))
            residual = assessment.invoice_id.amount_residual if not assessment.is_paid else 0
            balances[prop][year] = (assessed + assessment.amount_total,
                                    paid + assessment.amount_total - residual)
        return balances

    def _renovation_arrears(self, up_to_year=None, toll_type="RENOV"):
        """{property: what it owes in renovation toll across years (up to ``up_to_year``)}."""
        return {prop: arrears(balances, up_to_year)
                for prop, balances in self._renovation_balances(toll_type).items()}

    # ------------------------------------------------------------------
    # Actions (smart buttons)
    # ------------------------------------------------------------------
    def action_view_apartments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Apartments"),
            "res_model": "municipality.property",
            "view_mode": "list,form",
            "domain": [("parent_id", "=", self.id)],
            "context": {"default_parent_id": self.id, "default_district_id": self.district_id.id,
                        "default_zoning_id": self.zoning_id.id},
        }

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Documents"),
            "res_model": "municipality.property.document",
            "view_mode": "list,form",
            "domain": [("property_id", "=", self.id)],
            "context": {"default_property_id": self.id},
        }
