import logging
import time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali, to_jalali

from ..tools.renovation_toll import property_value

_logger = logging.getLogger(__name__)
PROPERTY_MODEL = "municipality.property"
#: The figures the batch gives a toll's formula, for every property.
BATCH_FIGURES = frozenset({"land_area", "land_value", "building_area", "building_value", "transactional_value",
                           "value"})


class MunicipalityRenovationTollRun(models.Model):
    """A yearly renovation-toll batch (عوارض نوسازی) over every property of the municipality or of a district.

    One assessment per property and toll year, never two: the properties still to do are those without an
    assessment of the year (a unique index on the assessments' toll year backs it), so running the batch again, or
    resuming it after an interruption, does only what is left. It works in batches of ``batch_size``
    properties: one query for their regional values and one call of finance's batch API
    (``municipality.toll.assessment.create_assessments``: one ``create`` for the assessments, one draw of the
    sequence, one ``create`` and one posting for their invoices); each batch is committed when the run commits,
    so its progress is visible while it runs and an interruption loses at most the batch under way.

    The assessments are dated the day they are billed (today, or the first day of a year not begun yet): a past
    year's toll, billed later (the arrears of an owner never assessed), is dated today, its invoices and revenue in
    today's fiscal year, with the tariff and regional values of its own year (finance's ``toll_year``) and due on
    the last day of that year, so that the tariff's late penalty per month late applies; the current year's is on
    time and gets the tariff's on-time discount.
    """

    _name = "municipality.renovation.toll.run"
    _description = "Renovation Toll Batch"
    _order = "id desc"
    _check_company_auto = True

    fiscal_year_id = fields.Many2one("municipality.fiscal.year", string="Fiscal Year", required=True,
                                     check_company=True)
    district_id = fields.Many2one("municipality.district", string="District", check_company=True,
                                  help="Empty: every district.")
    toll_type_id = fields.Many2one("municipality.toll.type", string="Toll Type", required=True, check_company=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    state = fields.Selection([("draft", "Draft"), ("running", "Running"), ("done", "Done")], default="draft",
                             required=True, readonly=True)
    batch_size = fields.Integer(default=500, required=True)
    property_count = fields.Integer(string="Properties", readonly=True)
    assessed_count = fields.Integer(string="Assessed", readonly=True)
    skipped_count = fields.Integer(string="Skipped", readonly=True)
    progress = fields.Float(compute="_compute_progress")
    skipped_log = fields.Text(string="Skipped Properties", readonly=True)
    date_start = fields.Datetime(readonly=True)
    date_end = fields.Datetime(readonly=True)

    @api.depends("toll_type_id", "fiscal_year_id", "district_id")
    def _compute_display_name(self):
        """«عوارض نوسازی ۱۴۰۵ — منطقه ۳» rather than the model's technical name in the breadcrumb."""
        for run in self:
            name = f"{run.toll_type_id.name or ''} {run.fiscal_year_id.display_name or ''}".strip()
            run.display_name = f"{name} — {run.district_id.display_name}" if run.district_id else name

    @api.depends("property_count", "assessed_count", "skipped_count")
    def _compute_progress(self):
        for run in self:
            total = run.property_count
            run.progress = 100.0 * (run.assessed_count + run.skipped_count) / total if total else 0.0

    # ------------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------------
    def _property_domain(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id), ("active", "=", True)]
        if self.district_id:
            domain.append(("district_id", "=", self.district_id.id))
        return domain

    def _assessed_property_ids(self):
        """Ids of the properties that already have this year's toll (cancelled assessments do not count): by the
        assessments' toll year, not the year they were billed in."""
        self.ensure_one()
        self.env["municipality.toll.assessment"].flush_model(
            ["origin_model", "origin_id", "toll_type_id", "toll_year_id", "cancelled"])
        self.env.cr.execute("""
            SELECT origin_id FROM municipality_toll_assessment
             WHERE origin_model = %s AND toll_type_id = %s AND toll_year_id = %s AND cancelled IS NOT TRUE
        """, [PROPERTY_MODEL, self.toll_type_id.id, self.fiscal_year_id.id])
        return {row[0] for row in self.env.cr.fetchall()}

    def _todo(self):
        """The properties still to assess, by id."""
        done = self._assessed_property_ids()
        ids = self.env[PROPERTY_MODEL].sudo()._search(self._property_domain(), order="id")
        return [prop_id for prop_id in ids if prop_id not in done]

    # ------------------------------------------------------------------
    # Running
    # ------------------------------------------------------------------
    def action_run(self):
        """Run (or resume) the batch in this transaction; the button and the cron commit batch by batch."""
        self._check_may_run()
        return self._execute(commit=not odoo_module.current_test)  # a test's cursor cannot commit

    def _check_may_run(self):
        if not self.env.su and not self.env.user.has_group("municipality_finance.group_finance_accountant"):
            raise UserError(self.env._("Only accountants run the renovation-toll batch."))
        for run in self:
            if run.toll_type_id.company_id != run.company_id or run.fiscal_year_id.company_id != run.company_id:
                raise UserError(self.env._("The toll type, the fiscal year and the batch belong to one municipality."))
            run.toll_type_id._get_tariff(run.fiscal_year_id.date_from)  # raises when the year has no tariff
            run._check_billing_year()
            run._check_toll_inputs()

    def _billing_date(self):
        """The day the assessments are dated: today, or the first day of a toll year not begun yet."""
        self.ensure_one()
        return max(self.fiscal_year_id.date_from, self._today_in_iran())

    def _check_billing_year(self):
        """The fiscal year of the billing day exists and is open: the invoices and revenue fall in it (a past
        year's toll is billed in today's year, whatever the state of its own year)."""
        self.ensure_one()
        date = self._billing_date()
        year = self.env["municipality.fiscal.year"]._for_date(date, self.company_id)
        if not year:
            raise UserError(self.env._(
                "The renovation toll of %(year)s is billed today, %(date)s, in the fiscal year of that day, which "
                "%(company)s does not have: create fiscal year %(today_year)s first.",
                year=self.fiscal_year_id.name, date=format_jalali(date, persian_digits=True),
                company=self.company_id.name, today_year=to_persian_digits(str(to_jalali(date).year))))
        if year.state == "closed":
            raise UserError(self.env._("Fiscal year %(year)s is closed.", year=year.name))

    def _check_toll_inputs(self):
        """The toll's formula asks only for figures the batch gives (checked once, not per property)."""
        self.ensure_one()
        missing = set(self.toll_type_id.sudo().input_ids.mapped("key")) - BATCH_FIGURES
        if missing:
            raise UserError(self.env._(
                "Toll “%(toll)s” needs %(inputs)s, which the renovation batch does not provide.",
                toll=self.toll_type_id.name, inputs=", ".join(sorted(missing))))

    def _execute(self, commit=False, stop_after=None):
        """Assess what is left, batch by batch. ``stop_after``: stop after that many batches (a test's
        interruption). Returns True when everything is done."""
        self.ensure_one()
        todo = self._todo()
        values = {"state": "running", "property_count": len(todo) + self.assessed_count + self.skipped_count}
        if not self.date_start:
            values["date_start"] = fields.Datetime.now()
        self.sudo().write(values)
        batches = 0
        for start in range(0, len(todo), self.batch_size):
            if stop_after is not None and batches >= stop_after:
                return False
            chunk = self.env[PROPERTY_MODEL].sudo().browse(todo[start:start + self.batch_size])
            self._analyze_if_stale()
            assessed, skipped = self._assess_batch(chunk)
            log = "\n".join(filter(None, [self.skipped_log, *skipped]))
            self.sudo().write({"assessed_count": self.assessed_count + assessed,
                               "skipped_count": self.skipped_count + len(skipped), "skipped_log": log or False})
            batches += 1
            if commit:
                self.env.cr.commit()
            self.env.invalidate_all()  # the batch's records leave the cache: memory stays flat over a whole city
            if commit:
                _logger.info("Renovation toll %s: %s of %s properties", self.fiscal_year_id.name,
                             self.assessed_count + self.skipped_count, self.property_count)
        self.sudo().write({"state": "done", "date_end": fields.Datetime.now()})
        return True

    def _analyze_if_stale(self):
        """``ANALYZE`` the invoices' tables when the planner believes they hold less than half their entries.

        A batch run adds thousands of invoices faster than autovacuum analyses them (and none at all, for the
        planner, within one transaction): on such statistics Odoo's query of the payments reconciled with the
        new invoices (``_compute_reconciled_payment_ids``, on posting) was planned as nested loops over full
        scans, 30 s and more per batch of 500 at 20,000 invoices instead of milliseconds. Counting the entries
        takes milliseconds; ANALYZE samples a fixed number of rows, and runs about ten times over a city (the
        table doubles between two)."""
        cr = self.env.cr
        self.env["account.move"].flush_model()
        cr.execute("SELECT reltuples, (SELECT count(*) FROM account_move) FROM pg_class WHERE oid = 'account_move'::regclass")
        believed, count = cr.fetchone()
        if believed < count / 2:
            _logger.info("Renovation toll: statistics of account_move are stale (%s rows believed, %s); analysing",
                         believed, count)
            for table in ("account_move", "account_move_line", "account_partial_reconcile", "account_payment"):
                cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    def _assess_batch(self, properties):
        """Assess ``properties`` (none of them assessed yet): ``(assessed count, [reason skipped])``."""
        self.ensure_one()
        _ = self.env._
        toll_type = self.toll_type_id.sudo()
        year = self.fiscal_year_id
        # billed today (a past year's toll too: late, with the penalty of its own year's tariff)
        date = self._billing_date()
        regional = self.env["municipality.regional.value"].sudo()._lookup(properties, year)
        owners = {}
        for share in properties.owner_share_ids.sorted(lambda s: (-s.share_dang, s.id)):
            owners.setdefault(share.property_id.id, share.partner_id)
        self._check_toll_inputs()  # a batch resumed by the cron was not checked by the button
        keys = toll_type.input_ids.mapped("key")
        vals_list, skipped = [], []
        for prop in properties:
            value = regional[prop]
            payer = owners.get(prop.id)
            if not payer:
                skipped.append(_("%(property)s: no owner", property=prop.renovation_code))
                continue
            if not value:
                skipped.append(_("%(property)s: no regional value", property=prop.renovation_code))
                continue
            figures = {"land_area": prop.land_area, "land_value": value.land_value,
                       "building_area": prop.building_area, "building_value": value.building_value,
                       "transactional_value": value.transactional_value or 0}
            figures["value"] = float(property_value(**{k: figures[k] for k in
                                                       ("land_area", "land_value", "building_area", "building_value")}))
            vals_list.append({"partner": payer, "toll_type": toll_type, "date": date, "due_date": year.date_to,
                              "toll_year": year, "instalments": 1, "origin": prop, "inputs": {key: figures[key] for key in keys}})
        if vals_list:
            # finance's batch API: one create, one sequence draw, one invoice create and one posting per batch;
            # no "created" note in the chatter of each of the year's thousands of assessments and invoices
            self.env["municipality.toll.assessment"].sudo().with_context(
                mail_create_nolog=True, tracking_disable=True).create_assessments(vals_list)
        return len(vals_list), skipped

    @api.model
    def _cron_resume(self):
        """Resume the batches an interruption left running."""
        for run in self.sudo().search([("state", "=", "running")]):
            run._execute(commit=True)
        return True
