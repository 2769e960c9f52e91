from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import normalize_digits

from ..tools.treasury import allowed_targets, is_valid_sayad, normalize_sayad, transition_legs

#: Roles of accounts that only carry a cheque between two steps (see tools/treasury.py).
_INTERMEDIATE_ROLES = ("in_hand", "collection", "issued")
_PARTNER_ROLES = ("receivable", "payable")
#: Fields that make the cheque what it is; they cannot change once something was posted.
_FROZEN_FIELDS = ("direction", "sayad_number", "partner_id", "amount", "journal_id", "company_id", "invoice_ids")


class MunicipalityCheque(models.Model):
    """A cheque received from a payer or issued by the municipality (چک).

    Every step of its life cycle (tools/treasury.py) posts one journal entry in
    the cheque's bank journal, with the company's cheque accounts:

    * received: register (in hand) Dr cheques in hand / Cr receivable; deposit
      Dr cheques in collection / Cr cheques in hand; clear Dr bank / Cr cheques
      in collection; bounce Dr receivable / Cr cheques in hand or in collection.
    * issued: issue Dr payable / Cr cheques issued; clear Dr cheques issued /
      Cr bank; bounce or cancel Dr cheques issued / Cr payable.

    The partner line of the first entry is reconciled with the invoices or
    bills the cheque settles; a bounce or cancellation re-opens them. The lines
    on the cheque accounts are reconciled step by step, so that what is left
    open on 102001, 102002 and 302001 is exactly the cheques in that state.
    """

    _name = "municipality.cheque"
    _description = "Cheque"
    _inherit = ["mail.thread", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "move_ids", "deposit_date", "cleared_date", "bounced_date", "payment_order_id")
    _order = "due_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["sayad_number", "serial_number", "partner_id"]

    direction = fields.Selection(
        [("received", "Received"), ("issued", "Issued")], required=True, default="received",
        tracking=True, index=True,
        help="Received: a cheque a payer gave the municipality. Issued: a cheque the municipality wrote.")
    sayad_number = fields.Char(
        string="Sayad ID", required=True, tracking=True, index=True, copy=False,
        help="The 16-digit Sayad ID (شناسه صیادی) printed on the cheque leaf.")
    serial_number = fields.Char(string="Serial Number", tracking=True, copy=False)
    bank_id = fields.Many2one("res.bank", string="Bank", tracking=True, help="The bank the cheque is drawn on.")
    partner_id = fields.Many2one(
        "res.partner", string="Partner", required=True, tracking=True, index=True, check_company=True,
        help="Received cheques: the drawer (who pays). Issued cheques: the payee.")
    amount = fields.Monetary(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    department_id = fields.Many2one(
        "hr.department", string="Department", index="btree_not_null", tracking=True, check_company=True,
        default=lambda self: self.env.user.employee_ids[:1].department_id,
        help="The department that received the cheque (by default, the registering user's): finance clerks see "
             "the received cheques of their department and its sub-departments, and those they registered.")
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    date = fields.Date(
        string="Date", required=True, default=lambda self: self._today_in_iran(), tracking=True,
        help="When the cheque was received or issued; the date of its first entry.")
    due_date = fields.Date(string="Due Date", required=True, tracking=True, help="The date written on the cheque.")
    journal_id = fields.Many2one(
        "account.journal", string="Bank Journal", required=True, check_company=True, tracking=True,
        domain="[('type', '=', 'bank')]",
        help="The bank account the cheque is deposited to or drawn from; the cheque's entries are posted in it.")
    state = fields.Selection(
        [("draft", "Draft"), ("in_hand", "In Hand"), ("deposited", "Deposited"), ("issued", "Issued"),
         ("cleared", "Cleared"), ("bounced", "Bounced"), ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    invoice_ids = fields.Many2many(
        "account.move", "municipality_cheque_invoice_rel", "cheque_id", "move_id", string="Settles",
        check_company=True, copy=False,
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'posted'), "
               "('payment_state', 'in', ('not_paid', 'partial')), "
               "('move_type', '=', 'out_invoice' if direction == 'received' else 'in_invoice')]",
        help="Customer invoices (received cheques) or vendor bills (issued cheques) this cheque pays; "
             "they are reconciled with it when it is registered or issued.")
    move_ids = fields.Many2many(
        "account.move", "municipality_cheque_move_rel", "cheque_id", "move_id", string="Journal Entries",
        readonly=True, copy=False)
    move_count = fields.Integer(compute="_compute_move_count", string="Entries")
    deposit_date = fields.Date(readonly=True, copy=False, tracking=True)
    cleared_date = fields.Date(readonly=True, copy=False, tracking=True)
    bounced_date = fields.Date(readonly=True, copy=False, tracking=True)
    payment_order_id = fields.Many2one("municipality.payment.order", string="Payment Order", readonly=True,
                                       copy=False, index="btree_not_null")
    note = fields.Text()

    _sayad_company_unique = models.Constraint(
        "UNIQUE(sayad_number, company_id)",
        "A cheque with this Sayad ID is already registered: every cheque leaf has its own Sayad ID.",
    )
    _amount_positive = models.Constraint("CHECK(amount > 0)", "The amount of a cheque must be positive.")

    @api.depends("sayad_number", "serial_number", "partner_id")
    def _compute_display_name(self):
        for cheque in self:
            cheque.display_name = " - ".join(filter(None, [
                cheque.serial_number or cheque.sayad_number, cheque.partner_id.name]))

    @api.depends("move_ids")
    def _compute_move_count(self):
        for cheque in self:
            cheque.move_count = len(cheque.move_ids)

    # -- validation ------------------------------------------------------------------------

    @api.model
    def _normalize_vals(self, vals):
        if vals.get("sayad_number"):
            vals = dict(vals, sayad_number=normalize_sayad(normalize_digits(vals["sayad_number"])))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_vals(vals) for vals in vals_list])

    def write(self, vals):
        frozen = [name for name in _FROZEN_FIELDS if name in vals]
        if frozen and any(cheque.state != "draft" for cheque in self):
            raise UserError(self.env._(
                "A cheque that was registered or issued cannot change its %(fields)s: its entries are posted. "
                "Cancel or bounce it and register a new one instead.",
                fields=", ".join(self._fields[name].get_description(self.env)["string"] for name in frozen)))
        return super().write(self._normalize_vals(vals))

    @api.constrains("sayad_number")
    def _check_sayad_number(self):
        for cheque in self:
            if not is_valid_sayad(cheque.sayad_number):
                raise ValidationError(self.env._(
                    "The Sayad ID %(number)s is not valid: it has exactly 16 digits, printed on the cheque leaf.",
                    number=cheque.sayad_number))

    @api.constrains("invoice_ids", "partner_id", "direction")
    def _check_invoices(self):
        for cheque in self:
            move_type = "out_invoice" if cheque.direction == "received" else "in_invoice"
            wrong = cheque.invoice_ids.filtered(
                lambda move: move.move_type != move_type
                or move.commercial_partner_id != cheque.partner_id.commercial_partner_id)
            if wrong and cheque.direction == "received":
                raise ValidationError(self.env._(
                    "A received cheque can only settle customer invoices of its own partner %(partner)s; remove %(moves)s.",
                    partner=cheque.partner_id.display_name, moves=", ".join(wrong.mapped("display_name"))))
            if wrong:
                raise ValidationError(self.env._(
                    "An issued cheque can only settle vendor bills of its own partner %(partner)s; remove %(moves)s.",
                    partner=cheque.partner_id.display_name, moves=", ".join(wrong.mapped("display_name"))))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_without_entries(self):
        if self.filtered("move_ids"):
            raise UserError(self.env._(
                "A cheque with journal entries cannot be deleted; bounce or cancel it instead."))

    # -- life cycle ------------------------------------------------------------------------

    def action_receive(self, date=None):
        """Register received cheques as in hand: Dr cheques in hand / Cr the drawer's receivable."""
        return self._move_to("in_hand", date)

    def action_deposit(self, date=None):
        """Deposit received cheques at the bank: Dr cheques in collection / Cr cheques in hand."""
        self._check_accountant()
        return self._move_to("deposited", date)

    def action_issue(self, date=None):
        """Issue cheques to their payees: Dr the payee's payable / Cr cheques issued."""
        self._check_accountant()
        return self._move_to("issued", date)

    def action_clear(self, date=None):
        """The bank cleared the cheques (وصول): the money is in or out of the bank account."""
        self._check_accountant()
        return self._move_to("cleared", date)

    def action_bounce(self, date=None):
        """The cheques bounced (برگشت): the partner owes, or is owed, the amount again."""
        self._check_accountant()
        return self._move_to("bounced", date)

    def action_cancel(self, date=None):
        """Cancel draft cheques, or issued cheques that were not handed over or were returned."""
        if any(cheque.state != "draft" for cheque in self):
            self._check_accountant()
        return self._move_to("cancelled", date)

    def _check_accountant(self):
        if not self.env.user.has_group("municipality_finance.group_finance_accountant"):
            raise AccessError(self.env._(
                "Only accountants can deposit, issue, clear, bounce or cancel cheques; clerks register received ones."))

    def _move_to(self, target, date=None):
        """Move every cheque of ``self`` to ``target``, posting one entry per cheque.

        All cheques are checked first: one refused move posts nothing.
        """
        self.check_access("write")
        date = fields.Date.to_date(date) or self._today_in_iran()
        state_labels = self._selection_labels("state")
        for cheque in self:
            if target not in allowed_targets(cheque.direction, cheque.state):
                raise UserError(self.env._(
                    "Cheque %(cheque)s is %(state)s and cannot become %(target)s.",
                    cheque=cheque.display_name, state=state_labels[cheque.state], target=state_labels[target]))
            if date < cheque.date:
                raise UserError(self.env._(
                    "Cheque %(cheque)s cannot become %(target)s on %(date)s, before it was received or issued (%(start)s).",
                    cheque=cheque.display_name, target=state_labels[target], date=date, start=cheque.date))
        to_post = self.filtered(lambda c: transition_legs(c.direction, c.state, target))
        plans = [(cheque, cheque._entry_plan(target, date)) for cheque in to_post]
        date_field = {"deposited": "deposit_date", "cleared": "cleared_date", "bounced": "bounced_date"}.get(target)
        values = {"state": target}
        if date_field:
            values[date_field] = date
        # The new state first: reconciling the invoices below tells their toll assessments, which read it
        # (a cheque in hand does not make a toll paid).
        self.sudo().write(values)  # the workflow fields: only the buttons set them
        moves = self.env["account.move"].create([vals for _cheque, (vals, _roles) in plans])
        moves.action_post()
        for (cheque, (_vals, roles)), move in zip(plans, moves):
            cheque._reconcile_entry(move, roles)
            cheque.sudo().move_ids = [fields.Command.link(move.id)]
        self.invoice_ids._sync_toll_paid_hooks()  # a toll is paid when its cheque clears, unpaid when it bounces
        return True

    def _role_accounts(self):
        """The account of each role for this cheque (see tools/treasury.py)."""
        self.ensure_one()
        accounts = dict(self.company_id._municipality_cheque_accounts())
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id)
        first_partner_line = self._first_partner_line()
        accounts["receivable"] = (first_partner_line.account_id if self.direction == "received" and first_partner_line
                                  else self.invoice_ids.line_ids.filtered(
                                      lambda line: line.account_id.account_type == "asset_receivable")[:1].account_id
                                  or partner.property_account_receivable_id)
        accounts["payable"] = (first_partner_line.account_id if self.direction == "issued" and first_partner_line
                               else self.invoice_ids.line_ids.filtered(
                                   lambda line: line.account_id.account_type == "liability_payable")[:1].account_id
                               or partner.property_account_payable_id)
        accounts["bank"] = self.journal_id.default_account_id
        if not accounts["bank"]:
            raise UserError(self.env._("The bank journal %(journal)s has no account; set it on the journal.",
                                       journal=self.journal_id.display_name))
        return accounts

    def _entry_plan(self, target, date):
        """(values of the entry, {line index: role}) for moving this cheque to ``target``."""
        self.ensure_one()
        debit_role, credit_role = transition_legs(self.direction, self.state, target)
        accounts = self._role_accounts()
        # Text stored on an entry is in the municipality's language, whoever posts it: the ledger is read by
        # everyone, and a label in the poster's language («Cheque …: In Hand») would stay English for good.
        books = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        state_label = books._selection_labels("state")[target]
        label = books.env._("Cheque %(number)s: %(step)s", number=self.sayad_number, step=state_label)
        partner = self.partner_id.commercial_partner_id
        lines = [
            fields.Command.create({"account_id": accounts[debit_role].id, "partner_id": partner.id,
                                   "name": label, "debit": self.amount, "credit": 0.0}),
            fields.Command.create({"account_id": accounts[credit_role].id, "partner_id": partner.id,
                                   "name": label, "debit": 0.0, "credit": self.amount}),
        ]
        vals = {"move_type": "entry", "journal_id": self.journal_id.id, "date": date, "ref": label,
                "company_id": self.company_id.id, "line_ids": lines}
        return vals, {"debit": debit_role, "credit": credit_role}

    def _first_partner_line(self):
        """The receivable or payable line of the entry that registered or issued the cheque."""
        self.ensure_one()
        first = self.move_ids.sorted("id")[:1]
        account_type = "asset_receivable" if self.direction == "received" else "liability_payable"
        return first.line_ids.filtered(lambda line: line.account_id.account_type == account_type)

    def _reconcile_entry(self, move, roles):
        """Reconcile the new entry of this cheque with what it continues or settles."""
        self.ensure_one()
        earlier_lines = self.move_ids.line_ids
        for line in move.line_ids:
            role = roles["debit"] if line.debit else roles["credit"]
            if role in _INTERMEDIATE_ROLES:
                counterpart = earlier_lines.filtered(
                    lambda l: l.account_id == line.account_id and not l.reconciled and l.balance == -line.balance)
                if counterpart and line.account_id.reconcile:
                    (counterpart | line).reconcile()
            elif role in _PARTNER_ROLES and line.account_id.reconcile:
                first_line = self._first_partner_line()
                if not first_line:  # registered or issued now: settle the invoices
                    open_lines = self.invoice_ids.line_ids.filtered(
                        lambda l: l.account_id == line.account_id and not l.reconciled)
                    if open_lines:
                        (open_lines | line).reconcile()
                else:  # bounced or cancelled: the invoices are open again
                    first_line.remove_move_reconcile()
                    (first_line | line).reconcile()

    def action_view_moves(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal Entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_ids.ids)],
            "context": {"create": False},
        }
