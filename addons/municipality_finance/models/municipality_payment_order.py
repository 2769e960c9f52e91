from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.municipality_base.tools.digits import normalize_digits

from ..tools.treasury import is_valid_sayad, normalize_sayad

DIRECTOR_GROUP = "municipality_finance.group_finance_director"
MAYOR_GROUP = "municipality_finance.group_municipality_mayor"
#: What the signatures approve; it cannot change after the order is submitted.
_SIGNED_FIELDS = ("name", "partner_id", "partner_bank_id", "amount", "journal_id", "purpose", "bill_ids",
                  "payment_method", "company_id", "date",
                  "cheque_sayad_number", "cheque_serial_number", "cheque_due_date")


class MunicipalityPaymentOrder(models.Model):
    """A payment order (دستور پرداخت): what the municipality pays, to whom and why.

    The finance director (ذیحساب) and the mayor both sign it, in either
    order, and never the same person twice. Only a signed order is paid: by
    bank transfer (a posted ``account.payment``) or by an issued cheque, which
    settle the vendor bills it names.
    """

    _name = "municipality.payment.order"
    _description = "Payment Order"
    _inherit = ["mail.thread", "mail.activity.mixin", "municipality.workflow.mixin"]
    _workflow_fields = ("state", "director_signer_id", "director_signed_on", "mayor_signer_id", "mayor_signed_on",
                    "payment_id", "cheque_id", "partner_sheba_number")
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/", index="trigram")
    date = fields.Date(required=True, default=lambda self: self._today_in_iran(), tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    partner_id = fields.Many2one("res.partner", string="Payee", required=True, tracking=True, check_company=True)
    partner_bank_id = fields.Many2one(
        "res.partner.bank", string="Payee's Sheba", tracking=True, check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('is_sheba', '=', True)]",
        help="The payee's bank account, as a Sheba number; required for a bank transfer.")
    amount = fields.Monetary(required=True, tracking=True)
    journal_id = fields.Many2one(
        "account.journal", string="Bank Journal", required=True, check_company=True, tracking=True,
        domain="[('type', '=', 'bank')]", help="The municipality's bank account the money leaves from.")
    purpose = fields.Char(required=True, tracking=True, help="What is paid, as printed on the order.")
    bill_ids = fields.Many2many(
        "account.move", "municipality_payment_order_bill_rel", "order_id", "move_id", string="Vendor Bills",
        check_company=True, copy=False,
        domain="[('move_type', '=', 'in_invoice'), ('state', '=', 'posted'), "
               "('payment_state', 'in', ('not_paid', 'partial')), ('partner_id', 'child_of', partner_id)]",
        help="Posted vendor bills of the payee this order pays; the payment is reconciled with them.")
    payment_method = fields.Selection(
        [("transfer", "Bank Transfer"), ("cheque", "Cheque")], required=True, default="transfer", tracking=True)
    cheque_sayad_number = fields.Char(
        string="Cheque Sayad ID", copy=False,
        help="For payment by cheque: the Sayad ID of the cheque leaf written for this order.")
    cheque_serial_number = fields.Char(string="Cheque Serial Number", copy=False)
    cheque_due_date = fields.Date(string="Cheque Due Date", copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved"), ("paid", "Paid"),
         ("cancelled", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, index=True)
    director_signer_id = fields.Many2one("res.users", string="Signed by the Finance Director", readonly=True,
                                         copy=False, tracking=True)
    director_signed_on = fields.Datetime(string="Finance Director Signed On", readonly=True, copy=False)
    mayor_signer_id = fields.Many2one("res.users", string="Signed by the Mayor", readonly=True, copy=False,
                                      tracking=True)
    mayor_signed_on = fields.Datetime(string="Mayor Signed On", readonly=True, copy=False)
    partner_sheba_number = fields.Char(
        string="Sheba Number When Submitted", readonly=True, copy=False,
        help="The payee's Sheba number as it was when the order was submitted for signature; the order is "
             "paid only while the bank account still has this number.")
    payment_id = fields.Many2one("account.payment", string="Payment", readonly=True, copy=False)
    cheque_id = fields.Many2one("municipality.cheque", string="Cheque", readonly=True, copy=False)

    _name_company_unique = models.Constraint(
        "UNIQUE(name, company_id)", "Payment order numbers are unique within a municipality.")
    _amount_positive = models.Constraint("CHECK(amount > 0)", "The amount of a payment order must be positive.")

    # -- numbers and guards ----------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vals(vals) for vals in vals_list]
        Sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                date = fields.Date.to_date(vals.get("date")) or self._today_in_iran()
                number = Sequence._next_for_company("municipality.payment.order", company, sequence_date=date)
                if not number:
                    raise UserError(self.env._(
                        "The sequence of payment orders (code municipality.payment.order) is missing; "
                        "create it in Settings > Technical > Sequences."))
                vals["name"] = number
        return super().create(vals_list)

    def write(self, vals):
        changed = [name for name in _SIGNED_FIELDS if name in vals]
        if changed and any(order.state != "draft" for order in self):
            raise UserError(self.env._(
                "A submitted payment order cannot change what was signed (%(fields)s). Set it back to draft "
                "first: its signatures are then cleared.",
                fields=", ".join(self._fields[name].get_description(self.env)["string"] for name in changed)))
        return super().write(self._normalize_vals(vals))

    @api.model
    def _normalize_vals(self, vals):
        if vals.get("cheque_sayad_number"):
            vals = dict(vals, cheque_sayad_number=normalize_sayad(normalize_digits(vals["cheque_sayad_number"])))
        return vals

    @api.onchange("bill_ids")
    def _onchange_bill_ids(self):
        if self.bill_ids:
            self.amount = sum(self.bill_ids.mapped("amount_residual"))

    @api.constrains("bill_ids", "partner_id", "amount")
    def _check_bills(self):
        for order in self.filtered("bill_ids"):
            wrong = order.bill_ids.filtered(
                lambda bill: bill.move_type != "in_invoice" or bill.state != "posted"
                or bill.commercial_partner_id != order.partner_id.commercial_partner_id)
            if wrong:
                raise ValidationError(self.env._(
                    "A payment order pays posted vendor bills of its payee %(partner)s only; remove %(bills)s.",
                    partner=order.partner_id.display_name, bills=", ".join(wrong.mapped("display_name"))))

    @api.constrains("bill_ids")
    def _check_bills_not_on_other_orders(self):
        """A bill is paid by one order at a time: not by another order that is
        neither paid nor cancelled (two orders would pay it twice)."""
        for order in self.filtered(lambda o: o.bill_ids and o.state not in ("paid", "cancelled")):
            others = self.sudo().search([
                ("id", "!=", order.id), ("bill_ids", "in", order.bill_ids.ids),
                ("state", "not in", ("paid", "cancelled"))])
            if others:
                bills = order.bill_ids & others.bill_ids
                raise ValidationError(self.env._(
                    "These bills are already on payment order %(orders)s, which is neither paid nor cancelled: "
                    "%(bills)s. Cancel that order, or remove the bills from this one.", bills=", ".join(bills.sudo().mapped("display_name")),
                    orders=", ".join(others.mapped("name"))))

    @api.constrains("cheque_sayad_number")
    def _check_cheque_sayad_number(self):
        for order in self.filtered("cheque_sayad_number"):
            if not is_valid_sayad(order.cheque_sayad_number):
                raise ValidationError(self.env._(
                    "The Sayad ID %(number)s is not valid: it has exactly 16 digits, printed on the cheque leaf.",
                    number=order.cheque_sayad_number))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(order.state not in ("draft", "cancelled") for order in self):
            raise UserError(self.env._("Only draft or cancelled payment orders can be deleted."))

    # -- workflow --------------------------------------------------------------------------

    def _check_state(self, allowed, action):
        state_labels = self._selection_labels("state")
        for order in self:
            if order.state not in allowed:
                raise UserError(self.env._(
                    "Payment order %(order)s is %(state)s; it cannot be %(action)s.",
                    order=order.name, state=state_labels[order.state], action=action))

    def action_submit(self):
        """Send draft orders for the signatures of the finance director and the mayor."""
        self._check_state(("draft",), self.env._("submitted"))
        for order in self:
            if order.payment_method == "transfer" and not order.partner_bank_id.is_sheba:
                raise UserError(self.env._(
                    "Payment order %(order)s pays by bank transfer: choose the payee's bank account with a valid "
                    "Sheba number.", order=order.name))
            order._check_bank_account_trusted()
            if order.payment_method == "cheque" and not (order.cheque_sayad_number and order.cheque_due_date):
                raise UserError(self.env._(
                    "Payment order %(order)s pays by cheque: enter the cheque's Sayad ID and due date.",
                    order=order.name))
            order._check_bill_residual()
        self.check_access("write")
        for order in self:
            order.sudo().write({"state": "submitted",
                                "partner_sheba_number": order.partner_bank_id.sanitized_acc_number or False})
            # It waits for the two signatures: an activity for the finance directors and one for the mayor.
            order._schedule_awaited_activity(DIRECTOR_GROUP, order._signature_summary("director"))
            order._schedule_awaited_activity(MAYOR_GROUP, order._signature_summary("mayor"))

    def _check_bill_residual(self):
        """Refuse an order that pays more than its bills still owe."""
        self.ensure_one()
        residual = sum(self.bill_ids.mapped("amount_residual"))
        if self.bill_ids and self.currency_id.compare_amounts(self.amount, residual) > 0:
            raise UserError(self.env._(
                "Payment order %(order)s pays %(amount)s but its bills only owe %(residual)s.",
                order=self.name, amount=self.amount, residual=residual))

    def action_sign_director(self):
        """Sign as the finance director (ذیحساب)."""
        self._sign("director", DIRECTOR_GROUP)

    def action_sign_mayor(self):
        """Sign as the mayor."""
        self._sign("mayor", MAYOR_GROUP)

    def _sign(self, role, group):
        self._check_state(("submitted",), self.env._("signed"))
        user = self.env.user
        if not user.has_group(group):
            raise AccessError(self.env._(
                "You cannot sign payment orders as %(role)s: you are not in the group %(group)s.",
                role=self._role_label(role), group=self.env.ref(group).name))
        other = "mayor" if role == "director" else "director"
        for order in self:
            if order[f"{role}_signer_id"]:
                raise UserError(self.env._(
                    "Payment order %(order)s is already signed as %(role)s by %(user)s.",
                    order=order.name, role=self._role_label(role), user=order[f"{role}_signer_id"].name))
            if order[f"{other}_signer_id"] == user:
                raise UserError(self.env._(
                    "You already signed payment order %(order)s as %(role)s: the second signature must be "
                    "someone else's.", order=order.name, role=self._role_label(other)))
        # Signatures are not editable fields: the mayor only reads orders, so write as superuser.
        self.sudo().write({f"{role}_signer_id": user.id, f"{role}_signed_on": fields.Datetime.now()})
        for order in self:
            order._done_awaited_activity(group, order._signature_summary(role))
        signed = self.filtered(lambda o: o.director_signer_id and o.mayor_signer_id)
        signed.sudo().state = "approved"
        for order in self:
            order.sudo().message_post(body=self.env._("Signed by %(user)s as %(role)s.",
                                                      user=user.name, role=self._role_label(role)))

    def _signature_summary(self, role):
        """The activity of the signers of ``role`` («Sign payment order … as mayor»), in the municipality's
        language whoever submits or signs (a signature withdraws the activities of that summary)."""
        self.ensure_one()
        order = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        if role == "director":
            return order.env._("Sign payment order %(name)s as finance director", name=self.name)
        return order.env._("Sign payment order %(name)s as mayor", name=self.name)

    def _role_label(self, role):
        return self.env._("finance director") if role == "director" else self.env._("mayor")

    def action_draft(self):
        """Back to draft to correct the order; both signatures are cleared."""
        self._check_state(("submitted", "approved"), self.env._("set back to draft"))
        self.check_access("write")
        self.sudo().write({"state": "draft", "partner_sheba_number": False, "director_signer_id": False, "director_signed_on": False,
                    "mayor_signer_id": False, "mayor_signed_on": False})
        self._done_awaited_activity()

    def action_cancel(self):
        self._check_state(("draft", "submitted", "approved"), self.env._("cancelled"))
        self.check_access("write")
        self.sudo().state = "cancelled"
        self._done_awaited_activity()

    def action_pay(self):
        """Pay approved orders: a posted payment reconciled with the bills, or an issued cheque."""
        self._check_state(("approved",), self.env._("paid before both signatures"))
        if not self.env.user.has_group("municipality_finance.group_finance_accountant"):
            raise AccessError(self.env._("Only accountants can pay payment orders."))
        self.check_access("write")
        for order in self:
            order._check_before_payment()
        transfers = self.filtered(lambda o: o.payment_method == "transfer")
        cheques_orders = self - transfers
        if transfers:
            # the payment's entry is labelled («Manual Payment» …) in the municipality's language, not the payer's
            Payment = self.env["account.payment"].with_context(
                lang=transfers[:1].company_id.partner_id.lang or self.env.lang)
            payments = Payment.create([order._payment_vals() for order in transfers])
            payments.action_post()
            payments = payments.with_env(self.env)
            for order, payment in zip(transfers, payments):
                order.sudo().payment_id = payment
                lines = (payment.move_id.line_ids | order.bill_ids.line_ids).filtered(
                    lambda l: l.account_id.account_type == "liability_payable" and not l.reconciled)
                if order.bill_ids and lines:
                    lines.reconcile()
        if cheques_orders:
            cheques = self.env["municipality.cheque"].create([order._cheque_vals() for order in cheques_orders])
            for order, cheque in zip(cheques_orders, cheques):
                cheque.sudo().payment_order_id = order
            cheques.action_issue()
            for order, cheque in zip(cheques_orders, cheques):
                order.sudo().cheque_id = cheque
        self.sudo().state = "paid"
        return True

    def _check_before_payment(self):
        """What must still hold when an approved order is paid: both
        signatures, by two people; the payee's Sheba number as submitted; the
        bills still owing the amount."""
        self.ensure_one()
        if not (self.director_signer_id and self.mayor_signer_id) or self.director_signer_id == self.mayor_signer_id:
            raise UserError(self.env._(
                "Payment order %(order)s is not signed by both the finance director and the mayor; it cannot be "
                "paid.", order=self.name))
        if (self.partner_bank_id.sanitized_acc_number or False) != (self.partner_sheba_number or False):
            raise UserError(self.env._(
                "The payee's bank account of payment order %(order)s no longer has the Sheba number it had when "
                "the order was signed (%(signed)s, now %(current)s). Set the order back to draft and have it "
                "signed again.", order=self.name, signed=self.partner_sheba_number or "-",
                current=self.partner_bank_id.sanitized_acc_number or "-"))
        self._check_bank_account_trusted()
        self._check_bill_residual()

    def _check_bank_account_trusted(self):
        """A transfer goes only to an account a second finance user checked and trusted (allow_out_payment)."""
        self.ensure_one()
        account = self.partner_bank_id
        if self.payment_method == "transfer" and account and not account.sudo().allow_out_payment:
            raise UserError(self.env._(
                "The bank account %(account)s of payment order %(order)s is not trusted for payments: it is new or "
                "its number changed. A finance accountant other than the one who set it checks the number and "
                "trusts it (Send Money) before the order is submitted or paid.",
                account=account.display_name, order=self.name))

    def _payment_vals(self):
        self.ensure_one()
        return {
            "payment_type": "outbound",
            "partner_type": "supplier",
            "partner_id": self.partner_id.id,
            "partner_bank_id": self.partner_bank_id.id,
            "amount": self.amount,
            "currency_id": self.currency_id.id,
            "journal_id": self.journal_id.id,
            "date": self._today_in_iran(),
            "memo": f"{self.name} - {self.purpose}",
            "company_id": self.company_id.id,
        }

    def _cheque_vals(self):
        self.ensure_one()
        return {
            "direction": "issued",
            "sayad_number": self.cheque_sayad_number,
            "serial_number": self.cheque_serial_number,
            "bank_id": self.journal_id.bank_id.id,
            "partner_id": self.partner_id.id,
            "amount": self.amount,
            "due_date": self.cheque_due_date,
            "journal_id": self.journal_id.id,
            "company_id": self.company_id.id,
            "invoice_ids": [fields.Command.set(self.bill_ids.ids)],
            "note": self.purpose,
        }
