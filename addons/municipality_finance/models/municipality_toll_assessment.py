from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from odoo.addons.municipality_base.tools.identifiers import mobile_forms
from odoo.addons.municipality_base.tools.jalali import format_jalali, months_started, to_jalali

from ..tools.toll_payment_id import make_payment_id

#: Fields that make the amount: frozen once the assessment is confirmed.
_FROZEN_FIELDS = {
    "partner_id", "toll_type_id", "date", "due_date", "toll_year_id", "input_ids", "instalment_count",
    "amount_computed", "discount_amount", "penalty_amount", "amount_total", "tariff_id", "name",
}
ACCOUNTANT_GROUP = "municipality_finance.group_finance_accountant"
CLERK_GROUP = "municipality_finance.group_finance_clerk"
MAX_INSTALMENTS = 36
# the fields of _compute_amounts
AMOUNT_FIELDS = ("tariff_id", "months_late", "amount_computed", "discount_amount", "penalty_amount", "amount_total",
                 "amount_error")


class MunicipalityTollAssessment(models.Model):
    """A toll charged to a citizen (برگ تشخیص عوارض).

    Confirming it computes the amount with the tariff of its toll year (by
    default the fiscal year of its date; a past year's toll billed now keeps
    its own year's tariff, dated the day it is billed), and
    posts a customer invoice in the revenue journal, on the toll type's revenue
    account, with the assessment's payment ID as payment reference. Its state
    follows the invoice: paid when the invoice is paid and the money is in,
    i.e. a received cheque that settles it has cleared (a cheque in hand or
    at the bank leaves it confirmed; a bounced cheque re-opens the invoice).

    Other units create assessments with :meth:`create_assessment` and read
    ``is_paid`` / ``payment_state``; they react to a payment by overriding
    :meth:`_on_paid`, and to a payment undone (a bounced cheque, a cancelled
    payment) by overriding :meth:`_on_unpaid`.
    """

    _name = "municipality.toll.assessment"
    _description = "Toll Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "is_paid", "payment_state", "invoice_id", "payment_id", "cancelled", "paid_hook_done",
                    "origin_model", "origin_id")
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    partner_id = fields.Many2one("res.partner", string="Citizen", required=True, index=True, tracking=True,
                                 check_company=True)
    national_id = fields.Char(related="partner_id.national_id", string="National ID")
    toll_type_id = fields.Many2one("municipality.toll.type", required=True, index=True, tracking=True,
                                   check_company=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    department_id = fields.Many2one(
        "hr.department", string="Department", index="btree_not_null", tracking=True, check_company=True,
        default=lambda self: self.env.user.employee_ids[:1].department_id,
        help="The department that assessed the toll (by default, the assessor's): finance clerks see the "
             "assessments of their department and its sub-departments, and those they created.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=lambda self: self._today_in_iran(), tracking=True, index=True)
    due_date = fields.Date(
        tracking=True,
        help="The day the toll fell due, for example the end of the year a renovation toll belongs to. "
             "Assessed after it: the tariff's late penalty applies; by it: the on-time discount. Empty: on time.")
    fiscal_year_id = fields.Many2one("municipality.fiscal.year", compute="_compute_fiscal_year", store=True,
                                     index=True)
    toll_year_id = fields.Many2one(
        "municipality.fiscal.year", string="Toll Year", compute="_compute_toll_year", store=True, readonly=False,
        index=True, check_company=True, tracking=True,
        help="The fiscal year the toll is for, whose tariff gives its amount: by default the fiscal year of its "
             "date. A past year's toll billed now (one never assessed in its year) is dated the day it is billed, "
             "its invoice and revenue in that day's fiscal year, with the tariff of its own year and due at the end "
             "of that year, so that the tariff's late penalty applies.")
    tariff_id = fields.Many2one("municipality.toll.tariff", compute="_compute_amounts", store=True)
    input_ids = fields.One2many("municipality.toll.assessment.input", "assessment_id", string="Inputs",
                                compute="_compute_input_ids", store=True, readonly=False, copy=True)
    months_late = fields.Integer(compute="_compute_amounts", store=True)
    amount_computed = fields.Monetary(string="Toll Amount", compute="_compute_amounts", store=True)
    discount_amount = fields.Monetary(string="Discount", compute="_compute_amounts", store=True)
    penalty_amount = fields.Monetary(string="Penalty", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts", store=True, tracking=True)
    amount_error = fields.Char(compute="_compute_amounts", store=True,
                               help="Why the amount cannot be computed yet.")
    instalment_count = fields.Integer(string="Instalments", default=1, required=True, tracking=True,
                                      help="Monthly instalments of the invoice: the first on the date, the next ones on the same day of the "
                                           "following Jalali months.")
    invoice_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False, index=True,
                                 check_company=True)
    payment_id = fields.Char(string="Payment ID", readonly=True, copy=False, index=True,
                             help="The number the citizen pays with (شناسه پرداخت); it ends with a check digit.")
    payment_state = fields.Selection(related="invoice_id.payment_state", store=True, string="Payment Status")
    cancelled = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("paid", "Paid"), ("cancelled", "Cancelled")],
        compute="_compute_state", store=True, index=True, tracking=True)
    is_paid = fields.Boolean(compute="_compute_state", store=True, string="Paid")
    paid_hook_done = fields.Boolean(readonly=True, copy=False,
                                    help="Set once _on_paid has run, so that it runs once.")
    origin_model = fields.Char(string="Origin Model", readonly=True, index=True, copy=False)
    origin_id = fields.Many2oneReference(string="Origin Record", model_field="origin_model", readonly=True,
                                         index=True, copy=False)
    origin_name = fields.Char(compute="_compute_origin_name", string="Origin")

    _payment_id_unique = models.Constraint("UNIQUE(payment_id)", "Payment IDs are unique.")
    _instalment_range = models.Constraint(
        f"CHECK(instalment_count BETWEEN 1 AND {MAX_INSTALMENTS})",
        f"An assessment is paid in 1 to {MAX_INSTALMENTS} instalments.")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date", "company_id")
    def _compute_fiscal_year(self):
        FiscalYear = self.env["municipality.fiscal.year"]
        years = {}  # a batch has one date: one search, not one per assessment
        for assessment in self:
            key = (assessment.date, assessment.company_id)
            if assessment.date and key not in years:
                years[key] = FiscalYear._for_date(assessment.date, assessment.company_id)
            assessment.fiscal_year_id = years.get(key, FiscalYear)

    @api.depends("fiscal_year_id")
    def _compute_toll_year(self):
        """The year of the date, unless given (``create_assessments``' ``toll_year``, or chosen on a draft after
        its date); a confirmed assessment keeps its own (those confirmed before the field existed: their date's)."""
        for assessment in self:
            if assessment.state in (False, "draft") or not assessment.toll_year_id:
                assessment.toll_year_id = assessment.fiscal_year_id
            else:
                assessment.toll_year_id = assessment.toll_year_id

    @api.constrains("toll_year_id", "date", "toll_type_id")
    def _check_toll_year(self):
        for assessment in self.filtered("toll_year_id"):
            self._check_toll_year_of(assessment.toll_year_id, assessment.date, assessment.toll_type_id)

    @api.model
    def _check_toll_year_of(self, toll_year, date, toll_type):
        """A toll is assessed in its year or billed later, never before its year; by its own municipality."""
        if toll_year.company_id != toll_type.company_id:
            raise ValidationError(self.env._(
                "Fiscal year %(year)s is not a year of %(company)s, which assesses toll “%(type)s”.",
                year=toll_year.name, company=toll_type.company_id.name, type=toll_type.name))
        if date and date < toll_year.date_from:
            raise ValidationError(self.env._(
                "The toll “%(type)s” of fiscal year %(year)s cannot be dated %(date)s, before its year begins: a "
                "toll is assessed in its year or billed later.",
                type=toll_type.name, year=toll_year.name, date=format_jalali(date, persian_digits=True)))

    @api.depends("toll_type_id")
    def _compute_input_ids(self):
        for assessment in self:
            if assessment.state not in (False, "draft"):
                continue
            existing = {line.input_id: line for line in assessment.input_ids}
            commands = [Command.clear()] + [
                Command.create({"input_id": toll_input.id,
                                "value_number": existing[toll_input].value_number if toll_input in existing else 0.0,
                                "option_id": existing[toll_input].option_id.id if toll_input in existing else False})
                for toll_input in assessment.toll_type_id.input_ids
            ]
            assessment.input_ids = commands

    @api.depends("toll_type_id", "date", "due_date", "toll_year_id", "instalment_count", "company_id",
                 "input_ids.value_number", "input_ids.option_id", "input_ids.input_id")
    def _compute_amounts(self):
        tariffs = {}
        for assessment in self:
            if assessment.state not in (False, "draft"):
                # Confirmed amounts are frozen: a later change of the tariff does not touch them.
                for name in AMOUNT_FIELDS:
                    assessment[name] = assessment[name]
                continue
            values = {"tariff_id": False, "months_late": 0, "amount_computed": 0.0, "discount_amount": 0.0,
                      "penalty_amount": 0.0, "amount_total": 0.0, "amount_error": False}
            if assessment.toll_type_id and assessment.date:
                try:
                    values.update(assessment._get_amounts(tariffs))
                except UserError as error:
                    values["amount_error"] = error.args[0]
            assessment.update(values)

    def _get_amounts(self, tariffs=None):
        """The amounts of this assessment; UserError when they cannot be computed. ``tariffs``: a dict that
        keeps the tariffs found across a batch (one search per toll type and date, not one per assessment)."""
        self.ensure_one()
        toll_type = self.toll_type_id
        tariff_date = self.toll_year_id.date_from if self.toll_year_id else self.date
        return self._amounts_for(toll_type, self._tariff_for(toll_type, tariff_date, tariffs),
                                 toll_type._prepare_formula_values(self.input_ids._get_input_values()),
                                 self.date, self.due_date, self.instalment_count)

    @api.model
    def _amounts_for(self, toll_type, tariff, values, date, due_date, instalments):
        """The amounts of a ``toll_type`` assessment under ``tariff`` for the formula's checked ``values``, dated
        ``date``, due on ``due_date`` (or none), in ``instalments``; UserError when they cannot be computed."""
        amount = tariff._evaluate(values)
        months_late = months_started(due_date, date) if due_date else 0
        discount, penalty = tariff._discount_and_penalty(amount, months_late, instalments)
        total = amount - discount + penalty
        if total < 0:
            raise UserError(self.env._(
                "The toll “%(type)s” comes to %(amount)s, a negative amount: check the inputs and the formula.",
                type=toll_type.name, amount=total))
        return {"tariff_id": tariff.id, "months_late": months_late, "amount_computed": amount,
                "discount_amount": discount, "penalty_amount": penalty, "amount_total": total}

    @api.model
    def _tariff_for(self, toll_type, date, tariffs=None):
        """``toll_type``'s tariff for ``date`` (UserError if none), found once per batch in ``tariffs``."""
        if tariffs is None:
            return toll_type._get_tariff(date)
        key = (toll_type.id, date)
        if key not in tariffs:
            tariffs[key] = toll_type._get_tariff(date)
        return tariffs[key]

    @api.depends("invoice_id.state", "invoice_id.payment_state", "invoice_id.cheque_ids.state", "cancelled")
    def _compute_state(self):
        for assessment in self:
            invoice = assessment.invoice_id
            if assessment.cancelled or invoice.state == "cancel" or invoice.payment_state == "reversed":
                state = "cancelled"
            elif not invoice:
                state = "draft"
            elif (invoice.state == "posted" and invoice.payment_state in ("paid", "in_payment")
                  and not invoice._has_uncleared_cheque()):
                state = "paid"
            else:
                state = "confirmed"
            assessment.state = state
            assessment.is_paid = state == "paid"

    @api.depends("origin_model", "origin_id")
    def _compute_origin_name(self):
        for assessment in self:
            origin = assessment._get_origin()
            assessment.origin_name = origin.display_name if origin else False

    def _get_origin(self):
        self.ensure_one()
        if self.origin_model in self.env and self.origin_id:
            return self.env[self.origin_model].browse(self.origin_id).exists()
        return None

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def write(self, vals):
        frozen = _FROZEN_FIELDS & set(vals)
        if frozen and any(assessment.state != "draft" for assessment in self):
            raise UserError(self.env._(
                "A confirmed assessment cannot be changed (%(fields)s). Cancel it and assess the toll again.",
                fields=", ".join(sorted(frozen))))
        if "company_id" in vals and any(a.invoice_id for a in self):
            raise UserError(self.env._("An invoiced assessment cannot move to another company."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_without_invoice(self):
        if any(assessment.invoice_id for assessment in self):
            raise UserError(self.env._(
                "An assessment that was invoiced cannot be deleted; cancel it instead, so that its number and "
                "payment ID stay on record."))

    # ------------------------------------------------------------------
    # Public API for other units
    # ------------------------------------------------------------------
    @api.model
    def create_assessment(self, partner, toll_type, inputs, date=None, instalments=1, origin=None, due_date=None,
                          toll_year=None):
        """Assess ``toll_type`` for ``partner`` and return the confirmed
        assessment, with its posted invoice and payment ID.

        :param partner: the citizen (``res.partner``) who pays
        :param toll_type: a ``municipality.toll.type`` record, or its code
        :param inputs: dict of input key → value: a number for a number input,
            the option key (str) for a selection input
        :param date: the assessment and invoice date (default: today); its
            fiscal year's tariff applies, unless ``toll_year`` is given
        :param instalments: number of monthly instalments of the invoice
        :param origin: the record that asks (a building permit, a licence…),
            kept as ``origin_model`` / ``origin_id``
        :param due_date: when the toll fell due; assessed later → late penalty
        :param toll_year: the fiscal year the toll is for, when it is an
            earlier year than the date's (a past year's toll billed on
            ``date``): its tariff applies, the invoice and revenue stay in the
            date's fiscal year; give the end of that year as ``due_date`` for
            the tariff's late penalty
        :raises UserError: no fiscal year for the date, no tariff for the
            toll year (or the date's), a toll year after the date, inputs that
            do not match the type's inputs, a formula that cannot be computed
        :raises AccessError: the user is neither a finance clerk nor allowed
            to change ``origin``

        Who may call it: finance clerks, and any internal user on behalf of an
        ``origin`` record they may write (a permit clerk for their permit).
        Once the inputs are checked, the assessment is created and confirmed
        as superuser, so that the caller needs no right on assessments,
        invoices or sequences (its ``create_uid`` is still the caller). The
        assessment is returned in the caller's environment, never as
        superuser: a caller without read access to assessments (they hold
        citizens' national IDs) reads its status through a related field
        (related fields are computed as superuser), e.g.
        ``fields.Boolean(related="assessment_id.is_paid")``, or with an
        explicit ``assessment.sudo().is_paid``.
        """
        return self.create_assessments([{
            "partner": partner, "toll_type": toll_type, "inputs": inputs, "date": date, "instalments": instalments,
            "origin": origin, "due_date": due_date, "toll_year": toll_year}])

    @api.model
    def create_assessments(self, vals_list):
        """Assess many tolls at once and return the confirmed assessments, in
        the order of ``vals_list``, each with its posted invoice and payment ID.

        Each item of ``vals_list`` is a dict with the parameters of
        :meth:`create_assessment`: ``partner``, ``toll_type`` (record or code),
        ``inputs`` and optionally ``date``, ``instalments``, ``origin``,
        ``due_date``, ``toll_year``. Everything is checked before anything is created: one
        item that cannot be assessed raises and nothing is written. The batch
        is numbered with one draw of the sequence, its invoices are created
        with one ``account.move.create`` and posted with one ``action_post``
        (a batch of a thousand assessments takes a handful of queries per
        assessment, not dozens). Same rights as :meth:`create_assessment`.
        """
        _ = self.env._
        if not vals_list:
            return self.browse()
        if not self.env.su and not self.env.user.has_group(CLERK_GROUP):
            if any(vals.get("origin") is None for vals in vals_list) or not self.env.user._is_internal():
                raise AccessError(_(
                    "Only finance clerks assess tolls, or other units' users for the record that asks for it."))
            origins = {}
            for vals in vals_list:
                origins.setdefault(vals["origin"]._name, []).extend(vals["origin"].ids)
            for model, ids in origins.items():
                self.env[model].browse(ids).check_access("write")
        types_by_code, tariffs, years, create_vals = {}, {}, {}, []
        today = self._today_in_iran()
        for vals in vals_list:
            toll_type = vals["toll_type"]
            if isinstance(toll_type, str):
                code = toll_type
                if code not in types_by_code:
                    types_by_code[code] = self.env["municipality.toll.type"].search(
                        [("code", "=", code), ("company_id", "in", self.env.companies.ids)], limit=1)
                toll_type = types_by_code[code]
                if not toll_type:
                    raise UserError(_("There is no toll type with code “%(code)s”.", code=code))
            toll_type.ensure_one()
            partner = vals["partner"]
            partner.ensure_one()
            origin = vals.get("origin")
            if origin is not None:
                origin.ensure_one()
            date = vals.get("date") or today
            # Check everything (inputs, fiscal year, tariff, formula) before creating anything; the amounts,
            # computed here, are created with the assessment rather than computed again from its inputs
            values = toll_type._prepare_formula_values(vals.get("inputs"))
            tariff_date = date
            if toll_year := vals.get("toll_year"):
                toll_year.ensure_one()
                self._check_toll_year_of(toll_year, date, toll_type)
                tariff_date = toll_year.date_from
                key = (date, toll_type.company_id)
                if key not in years:  # the toll year's tariff says nothing of the date's year: checked here
                    years[key] = self.env["municipality.fiscal.year"]._for_date(date, toll_type.company_id)
                if not years[key]:
                    raise UserError(_(
                        "There is no fiscal year for %(date)s in %(company)s, so toll “%(type)s” cannot be "
                        "assessed. Create the fiscal year first.",
                        date=date, company=toll_type.company_id.name, type=toll_type.name))
            tariff = self._tariff_for(toll_type, tariff_date, tariffs)
            amounts = self._amounts_for(toll_type, tariff, values, date, vals.get("due_date"),
                                        vals.get("instalments", 1))
            input_commands = []
            for toll_input in toll_type.input_ids:
                value = values[toll_input.key]
                if toll_input.kind == "selection":
                    option = toll_input.option_ids.filtered(lambda o, v=value: o.value == v)
                    input_commands.append(Command.create({"input_id": toll_input.id, "option_id": option.id}))
                else:
                    input_commands.append(Command.create({"input_id": toll_input.id, "value_number": float(value)}))
            create_vals.append({
                "partner_id": partner.id,
                "toll_type_id": toll_type.id,
                "company_id": toll_type.company_id.id,
                "date": date,
                "due_date": vals.get("due_date"),
                "toll_year_id": tariff.fiscal_year_id.id,  # the toll year, or the date's: the tariff's year
                "instalment_count": vals.get("instalments", 1),
                "input_ids": input_commands,
                "origin_model": origin._name if origin is not None else False,
                "origin_id": origin.id if origin is not None else False,
                **amounts, "amount_error": False,
            })
        # numbered here, in the values of the one create, rather than with a write per assessment in _confirm
        names = self._draw_numbers([(self.env["res.company"].browse(vals["company_id"]), vals["date"])
                                    for vals in create_vals])
        for vals, name in zip(create_vals, names):
            vals["name"] = name
        assessments = self.sudo().create(create_vals)
        # created with their amounts: creating their inputs, after them, asks for the amounts again
        for name in AMOUNT_FIELDS:
            self.env.remove_to_compute(self._fields[name], assessments)
        assessments._confirm(tariffs, just_created=True)
        return assessments.with_env(self.env)

    def _on_paid(self):
        """Called once for assessments that have just become paid (the money
        is in: a cheque that settles it has cleared). Override it to react to
        a payment (urbanism advances the permit); call super()."""
        for assessment in self:
            assessment.message_post(body=self.env._(
                "Paid: the invoice %(invoice)s is settled.", invoice=assessment.invoice_id.name))

    def _on_unpaid(self):
        """Called once for assessments that were paid (``_on_paid`` ran) and
        are no longer: the cheque that paid them bounced, or the payment was
        cancelled or unreconciled. Override it to undo what ``_on_paid`` did
        (urbanism suspends the permit); call super(). ``_on_paid`` runs again
        when they are paid again."""
        for assessment in self:
            assessment.message_post(body=self.env._(
                "Unpaid again: the payment of the invoice %(invoice)s was undone (a bounced cheque or a cancelled "
                "payment).", invoice=assessment.invoice_id.name))

    def _notify_paid(self):
        """Run ``_on_paid`` for those of ``self`` that are paid and have not run it."""
        to_notify = self.filtered(lambda a: a.is_paid and not a.paid_hook_done)
        if to_notify:
            to_notify.sudo().paid_hook_done = True
            to_notify._on_paid()

    def _notify_unpaid(self):
        """Run ``_on_unpaid`` for those of ``self`` that ran ``_on_paid`` and are no longer paid."""
        to_notify = self.filtered(lambda a: a.paid_hook_done and not a.is_paid)
        if to_notify:
            to_notify.sudo().paid_hook_done = False
            to_notify._on_unpaid()

    def _sync_paid_hooks(self):
        """Run the hook of those of ``self`` whose paid state changed since their last hook."""
        self._notify_unpaid()
        self._notify_paid()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Number the assessments, give them payment IDs and post their invoices."""
        if any(assessment.state != "draft" for assessment in self):
            raise UserError(self.env._("Only draft assessments can be confirmed."))
        self.check_access("write")
        return self._confirm()

    def _confirm(self, tariffs=None, just_created=False):
        """Confirm draft assessments as a batch: amounts (one tariff search per toll type and date), numbers
        (one draw of the sequence per company and date), payment IDs, and their invoices created with one
        ``create`` and posted with one ``action_post``. ``just_created``: the assessments were created in this
        call by :meth:`create_assessments`, with their amounts computed (or refused) from the tariffs in force,
        not saved as drafts earlier, when another tariff may have been in force."""
        tariffs = {} if tariffs is None else tariffs
        closed = self.fiscal_year_id.filtered(lambda year: year.state == "closed")
        if closed:
            raise UserError(self.env._(
                "Fiscal year %(year)s is closed; an assessment cannot be dated in it.", year=closed[0].name))
        if not just_created:
            for assessment in self:
                # raises with the reason when they cannot be computed; written where they differ from the stored
                # computation (a tariff changed since the draft was saved)
                changed = assessment._amounts_changed(assessment._get_amounts(tariffs))
                if changed:
                    assessment.write(changed)
        unnamed = self.filtered(lambda a: a.name == "/")  # create_assessments numbers its batch in the create
        for assessment, name in zip(unnamed, self._draw_numbers([(a.company_id, a.date) for a in unnamed])):
            assessment.name = name
        payment_ids = {assessment.id: make_payment_id(to_jalali(assessment.date).year, assessment.id)
                       for assessment in self}
        invoices = self._create_invoices(payment_ids)
        for assessment, invoice in zip(self.sudo(), invoices):  # one write each (a value of its own each)
            assessment.write({"payment_id": payment_ids[assessment.id], "invoice_id": invoice.id})
        invoices._post_batch_numbered(lines_complete=True)  # one look-up of the journal's last number per batch, not per invoice
        self._notify_paid()  # a zero toll is paid as soon as it is posted
        self._sms_citizen_assessed()
        return True

    @api.model
    def _draw_numbers(self, keys):
        """The assessment numbers for ``keys``, a list of ``(company, date)``, in their order: one draw of the
        sequence per company and date (``/`` where the company has no sequence)."""
        groups = defaultdict(list)
        for index, key in enumerate(keys):
            groups[key].append(index)
        names = ["/"] * len(keys)
        for (company, date), indexes in groups.items():
            drawn = self.env["ir.sequence"]._next_many_for_company(
                "municipality.toll.assessment", company, len(indexes), sequence_date=date)
            for index, name in zip(indexes, drawn):
                names[index] = name or "/"
        return names

    def _amounts_changed(self, amounts):
        """Those of ``amounts`` (from :meth:`_get_amounts`) that differ from this assessment's stored ones."""
        self.ensure_one()
        changed = {}
        for name, value in amounts.items():
            field = self._fields[name]
            if field.type == "monetary":
                if self.currency_id.compare_amounts(self[name], value):
                    changed[name] = value
            elif field.convert_to_write(self[name], self) != value:
                changed[name] = value
        return changed

    def _create_invoices(self, payment_ids=None):
        """The draft invoices of these assessments, in their order, created with one ``create``.
        ``payment_ids``: {assessment id: payment ID} when the assessments do not hold theirs yet.

        The invoice lines are given whole: the toll, discount and penalty lines with their balances, and the
        receivable lines of the payment term (``_compute_terms``, as Odoo computes them), so that the invoices
        are created without Odoo's line synchronisation (``skip_invoice_sync``), which recomputes taxes and terms
        move by move; a toll has no tax. The invoices are returned in the caller's environment, where later
        changes (a payment, a reset to draft) are synchronised as usual."""
        journals, terms, distributions, fiscal_positions, read_companies = {}, {}, {}, {}, set()

        def positions(partner, company):
            """The fiscal position Odoo would compute for the invoice (``_compute_fiscal_position_id``), found
            once per citizen and company with the citizens read at once, not with one query per invoice."""
            if (partner, company) not in fiscal_positions:
                if company not in read_companies:  # the citizens of the batch read at once
                    read_companies.add(company)
                    self.filtered(lambda a: a.company_id == company).partner_id.with_company(company).fetch(
                        ["property_account_position_id", "country_id", "state_id", "vat", "child_ids", "type"])
                delivery = partner.browse(partner.address_get(["delivery"])["delivery"])
                fiscal_positions[partner, company] = self.env["account.fiscal.position"].sudo().with_company(
                    company)._get_fiscal_position(partner, delivery=delivery)
            return fiscal_positions[partner, company]

        vals_list = []
        for assessment in self:
            company = assessment.company_id
            if company not in journals:
                journals[company] = assessment._get_revenue_journal()
                # Without analytic distribution models the lines have no distribution: say so, rather than have
                # each line search the models for its partner.
                distributions[company] = self.env["account.analytic.distribution.model"].sudo().search_count(
                    [("company_id", "in", [company.id, False])], limit=1)
            key = (assessment.instalment_count, company)
            if key not in terms:
                terms[key] = self.env["account.payment.term"]._get_toll_instalment_term(*key)
            vals = assessment._prepare_invoice_values(journal=journals[company], term=terms[key],
                                                      payment_id=(payment_ids or {}).get(assessment.id))
            vals["fiscal_position_id"] = positions(assessment.partner_id, company).id
            if not distributions[company]:
                for command in vals["line_ids"]:
                    if command[2]["display_type"] == "product":
                        command[2]["analytic_distribution"] = False
            vals_list.append(vals)
        # skip_analytic_sync: a new line has no analytic lines to merge with (posting creates them), and merging
        # writes every line once more
        # municipality_batch_numbering: the batch's company check is made per company (account_move.BATCH_CONTEXT)
        # skip_invoice_line_sync: each line's balance and amount in currency are given, equal (the company's
        # currency, rate 1): Odoo's synchronisation of the two (reading every line before and after, computing
        # debit and credit again) has nothing to change
        invoices = self.env["account.move"].with_context(
            skip_invoice_sync=True, skip_invoice_line_sync=True, skip_analytic_sync=True,
            municipality_batch_numbering=True).create(vals_list)
        # the lines' subtotals and totals are given (one unit, no tax: the price), not computed line by line
        lines = invoices.line_ids
        for name in ("price_subtotal", "price_total"):
            self.env.remove_to_compute(lines._fields[name], lines)
        return invoices.with_env(self.env)

    def _sms_citizen_assessed(self):
        """Tell the citizen by SMS (Odoo's queue; template ``sms_template_toll_assessed``) the toll, its payment
        ID and the invoice's portal link to pay it, on their normalised mobile, unless it is on the phone
        blacklist; the SMS and its delivery show in the assessment's chatter."""
        forms_by_assessment = {assessment: mobile_forms(assessment.partner_id.mobile)
                               for assessment in self.sudo().filtered(lambda a: a.amount_total > 0 and not a.is_paid)}
        numbers = {number for forms in forms_by_assessment.values() for number in forms or ()}
        blacklisted = set(self.env["phone.blacklist"].sudo().search([("number", "in", list(numbers))]).mapped(
            "number")) if numbers else set()  # one search for a batch
        for assessment, forms in forms_by_assessment.items():
            if forms and not blacklisted.intersection(forms):
                assessment._message_sms_with_template(
                    template_xmlid="municipality_finance.sms_template_toll_assessed",
                    partner_ids=[], sms_numbers=forms[:1], put_in_queue=True)

    def action_cancel(self):
        """Cancel assessments and their unpaid invoices; accountants only."""
        if not self.env.su and not self.env.user.has_group(ACCOUNTANT_GROUP):
            raise AccessError(self.env._("Only accountants can cancel toll assessments."))
        self.check_access("write")
        for assessment in self:
            if assessment.state == "cancelled":
                continue
            invoice = assessment.invoice_id
            if invoice and invoice.payment_state not in ("not_paid", "blocked"):
                raise UserError(self.env._(
                    "Assessment %(name)s has payments on its invoice %(invoice)s; remove or reverse the payments "
                    "before cancelling it.", name=assessment.name, invoice=invoice.name))
        invoices = self.invoice_id.filtered(lambda move: move.state != "cancel")
        if invoices:
            invoices.button_cancel()
        self.sudo().cancelled = True
        return True

    def _pay_in_full(self, date=None, journal=None):
        """Register the payment of the whole open amount of these assessments'
        invoices (one payment per invoice, every instalment at once), as the cash desk does with Odoo's
        payment wizard. Used by the demo data and by tests."""
        invoices = self.invoice_id.filtered(
            lambda move: move.state == "posted" and move.payment_state in ("not_paid", "partial"))
        payments = self.env["account.payment"]
        for invoice in invoices:
            values = {"payment_date": date or self._today_in_iran(), "amount": invoice.amount_residual}
            if journal:
                values["journal_id"] = journal.id
            wizard = self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids).create(values)
            payments |= wizard._create_payments()
        return payments

    def action_open_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Invoice
    # ------------------------------------------------------------------
    def _prepare_invoice_values(self, journal=None, term=None, payment_id=None):
        """The values of this assessment's invoice, its receivable lines included (see ``_create_invoices``).
        ``journal`` and ``term``: the revenue journal and payment term, when the caller found them already;
        ``payment_id``: the assessment's payment ID when it is not written on it yet."""
        self.ensure_one()
        payment_id = payment_id or self.payment_id
        toll_type = self.toll_type_id
        journal = journal or self._get_revenue_journal()
        term = term or self.env["account.payment.term"]._get_toll_instalment_term(self.instalment_count,
                                                                                  self.company_id)
        currency = self.company_id.currency_id

        # Given rather than computed line by line, as Odoo computes them (``account.move.line``'s
        # ``_compute_sequence``, ``_compute_currency_id``, ``_compute_product_uom_id``, and ``_compute_totals``:
        # one unit, no discount, no tax, so the subtotal and the total are the price): no product, no unit.
        # The invoice's date and draft state, which the lines repeat (related fields), and the residual
        # amounts of a new line (``_compute_amount_residual``: nothing reconciled yet) are given too: Odoo
        # computes them once the lines are inserted, and written with the insert they are not written again
        # (each was one more UPDATE of every line of the batch).
        currency_id = (journal.currency_id or currency).id
        draft = {"date": self.date, "parent_state": "draft"}

        def residual(balance, amount_currency, account=None):
            """``_compute_amount_residual`` of a new line: the balance on a reconcilable account (a payment
            term's line is on the receivable account, which Odoo requires to be reconcilable), else nothing."""
            if account is not None and not (account.reconcile
                                            or account.account_type in ("asset_cash", "liability_credit_card")):
                return {"amount_residual": 0.0, "amount_residual_currency": 0.0, "reconciled": False}
            return {"amount_residual": balance, "amount_residual_currency": amount_currency,
                    "reconciled": currency.is_zero(balance) and currency.is_zero(amount_currency)}

        def line(name, account, amount):
            amount = currency.round(amount)
            return Command.create({"display_type": "product", "name": name, "account_id": account.id,
                                   "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()],
                                   "price_subtotal": amount, "price_total": amount,
                                   "balance": -amount, "amount_currency": -amount, "sequence": 100,
                                   "currency_id": currency_id, "product_uom_id": False,
                                   **draft, **residual(-amount, -amount, account)})

        lines = [line(f"{toll_type.name} - {self.name}", toll_type.account_id, self.amount_computed)]
        if self.discount_amount:
            lines.append(line(self.env._("On-time discount - %(name)s", name=self.name), toll_type.account_id,
                              -self.discount_amount))
        if self.penalty_amount:
            lines.append(line(self.env._("Late penalty - %(name)s", name=self.name),
                              toll_type.penalty_account_id or toll_type.account_id, self.penalty_amount))
        total = currency.round(self.amount_computed - self.discount_amount + self.penalty_amount)
        terms = term._compute_terms(
            date_ref=self.date, currency=currency, company=self.company_id, tax_amount=0.0, tax_amount_currency=0.0,
            sign=1, untaxed_amount=total, untaxed_amount_currency=total)
        for term_line in terms["line_ids"]:
            term_vals = {
                "display_type": "payment_term", "date_maturity": fields.Date.to_date(term_line["date"]),
                "balance": term_line["company_amount"], "amount_currency": term_line["foreign_amount"],
                "discount_date": False, "discount_balance": 0.0, "discount_amount_currency": 0.0,
                "price_subtotal": False, "price_total": False,  # as _compute_totals leaves a receivable line
                "sequence": 12000, "currency_id": currency_id, "product_uom_id": False,
                **draft, **residual(term_line["company_amount"], term_line["foreign_amount"])}
            if len(term.line_ids) == 1:  # Odoo's name of a single receivable line: the payment reference
                term_vals["name"] = payment_id or False
            lines.append(Command.create(term_vals))
        partner = self.partner_id
        return {
            "move_type": "out_invoice",
            # What Odoo computes for a new draft invoice once it is inserted, each one more UPDATE of every
            # invoice of the batch: its due date (the last instalment's, ``_compute_invoice_date_due``), its
            # salesperson (``_compute_invoice_default_sale_person``) and its partner's name
            # (``_compute_invoice_partner_display_info``); a draft is unpaid, opens no gap in the
            # journal's numbers, and an invoice's taxes are not always exigible. Posting computes them again.
            "invoice_date_due": max(fields.Date.to_date(term_line["date"]) for term_line in terms["line_ids"]),
            "invoice_user_id": (partner.user_id or partner.commercial_partner_id.user_id or self.env.user).id,
            "invoice_partner_display_name": partner.display_name,
            "payment_state": "not_paid", "made_sequence_gap": False, "always_tax_exigible": False,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "partner_id": self.partner_id.id,
            "invoice_date": self.date,
            "date": self.date,
            "invoice_origin": self.name,
            "toll_type_id": toll_type.id,
            "payment_reference": payment_id,
            "invoice_payment_term_id": term.id,
            "currency_id": currency_id,
            "line_ids": lines,
        }

    def _get_revenue_journal(self):
        """The REV journal of the company (any sale journal if it has none)."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        domain = [("company_id", "=", self.company_id.id), ("type", "=", "sale")]
        journal = Journal.search(domain + [("code", "=", "REV")], limit=1) or Journal.search(domain, limit=1)
        if not journal:
            raise UserError(self.env._(
                "%(company)s has no revenue (sale) journal to invoice tolls in; install the chart of accounts "
                "or create the journal.", company=self.company_id.name))
        return journal
