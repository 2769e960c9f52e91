from collections import defaultdict

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.municipality_base.tools.jalali import format_jalali

#: ``cr.cache`` key of the number formats memoised while a batch is posted (``_post_batch_numbered``)
BATCH_FORMATS = "municipality_finance.batch_sequence_formats"
#: Context key of a batch of toll invoices being created and posted: their company check is made per company
BATCH_CONTEXT = "municipality_batch_numbering"


def check_company_batched(records, fnames, check_one_by_one):
    """Odoo's ``_check_company`` of ``records`` (a batch, context :data:`BATCH_CONTEXT`), made per company: the
    values of each checked field across the records of one company, checked with one ``filtered_domain``
    rather than one per record. ``filtered_domain`` keeps record by record, so the union passes if and only
    if every record's values pass; when it does not, ``check_one_by_one`` (Odoo's own check) finds the records
    and raises its message."""
    if fnames is None or {"company_id", "company_ids"} & set(fnames):
        fnames = records._fields
    fields_ = [records._fields[name] for name in fnames]
    if any(field.relational and field.check_company and field.company_dependent for field in fields_):
        return check_one_by_one(fnames)
    regular = [field.name for field in fields_ if field.relational and field.check_company]
    if not regular:
        return None
    for company, group in records.sudo().grouped("company_id").items():
        for name in regular:
            corecords = group.mapped(name)
            if corecords:
                domain = corecords._check_company_domain(company)
                if domain and corecords != corecords.with_context(active_test=False).filtered_domain(domain):
                    return check_one_by_one(fnames)
    return None


#: Odoo's totals of an entry (``_compute_amount``), which posting a complete invoice leaves as they are.
AMOUNT_FIELDS = ("amount_untaxed", "amount_tax", "amount_total", "amount_residual", "amount_untaxed_signed",
                 "amount_untaxed_in_currency_signed", "amount_tax_signed", "amount_total_signed",
                 "amount_residual_signed", "amount_total_in_currency_signed")


class AccountMove(models.Model):
    """Journal entries of the municipality.

    * Each entry has its fiscal year and Jalali period (searchable).
    * Year-end: closing and opening entries are marked, and nothing is posted
      in a closed year. Odoo's own lock date moves an entry dated in a locked
      period to the first open day when it is posted; in a municipality the
      year of an entry decides the budget it belongs to, so an entry dated in a
      closed fiscal year is refused instead, by every path that posts, resets
      or changes a posted entry (lock date exceptions included).
    * Budget control at posting: each journal item on an account of a line of
      the approved budget of the entry's fiscal year is assigned to that line
      (automatically when only one line covers the account; an expense item on
      an account several lines share needs the line, or a commitment, chosen).
      Expense items consume the commitment they name; what goes beyond the
      commitment and beyond the line's available balance is refused, or noted
      on the entry where the line only warns.
    * Tolls: the invoice of a toll assessment knows its toll type and tells the
      assessment when it is paid.
    """

    _name = "account.move"
    _inherit = ["account.move", "municipality.fiscal.date.mixin"]

    year_end_type = fields.Selection(
        [("closing", "Closing Entry"), ("opening", "Opening Entry")], string="Year-end Entry",
        readonly=True, copy=False, index="btree_not_null",
        help="Closing Entry: brings the accounts to zero on the last day of the year (سند اختتامیه). "
             "Opening Entry: carries the balances to 1 Farvardin of the next year (سند افتتاحیه).")
    year_end_fiscal_year_id = fields.Many2one(
        "municipality.fiscal.year", string="Closed Fiscal Year", readonly=True, copy=False,
        index="btree_not_null", ondelete="restrict",
        help="The fiscal year whose closing produced this entry.")
    toll_type_id = fields.Many2one(
        "municipality.toll.type", string="Toll Type", readonly=True, copy=False, index="btree_not_null",
        help="Set on the invoice of a toll assessment; the revenue report groups collections by it.")
    cheque_ids = fields.Many2many(
        "municipality.cheque", "municipality_cheque_invoice_rel", "move_id", "cheque_id", string="Cheques",
        readonly=True, copy=False, help="The cheques that settle this invoice or bill.")

    # ------------------------------------------------------------------
    # Posting: closed years and budget control
    # ------------------------------------------------------------------

    def _post(self, soft=True):
        self._check_not_in_closed_year()
        budgeted = self.filtered(lambda move: not move.year_end_type)  # closing/opening entries execute no budget
        budgeted._budget_assign_lines()
        lines = budgeted.line_ids.budget_line_id.filtered(lambda line: line.line_type == "expense")
        commitments = budgeted.line_ids.budget_commitment_id
        lines._lock_for_update()
        if lines or commitments:  # nothing to refresh otherwise (a flush of everything, twice per posting)
            lines._refresh_amounts()
        available_before = {line.id: line.amount_available for line in lines}
        posted = super()._post(soft)
        if lines or commitments:
            lines._refresh_amounts()
        (posted & budgeted)._budget_check_available(lines, available_before)
        commitments._update_consumed_state()
        return posted

    def _check_company(self, fnames=None):
        if len(self) > 1 and self.env.context.get(BATCH_CONTEXT):
            return check_company_batched(self, fnames, super()._check_company)
        return super()._check_company(fnames)

    # ------------------------------------------------------------------
    # Numbering a batch
    # ------------------------------------------------------------------
    def _get_next_sequence_format(self):
        """In a batch posting (context ``municipality_batch_numbering``, set by the toll batch), the format of
        the next number is looked up once per journal, type and date rather than once per entry.

        Odoo looks for the last number in the database for each entry it numbers (a query, and a flush of the
        entries numbered so far); in a batch of hundreds of invoices of one journal and date, the answer differs
        only by the number itself, which Odoo's ``_locked_increment`` takes from its transaction cache once it
        holds the sequence's lock (the first entry of the batch takes it, as usual): the memoised format gives
        the same names as the search would. Should the cache be gone, ``_locked_increment`` meets the numbers
        already given in the unique index and moves on to the next free one: never a duplicate."""
        memo = self.env.cr.cache.get(BATCH_FORMATS) if self.env.context.get(BATCH_CONTEXT) else None
        if memo is None:
            return super()._get_next_sequence_format()
        key = (self.journal_id.id, self.move_type, self.date, bool(self.origin_payment_id), self.company_id.id)
        if key not in memo:
            memo[key] = super()._get_next_sequence_format()
        format_string, values = memo[key]
        return format_string, dict(values)

    def _post_batch_numbered(self, lines_complete=False):
        """Post these entries (``action_post``), numbering them with :meth:`_get_next_sequence_format`'s
        memo, which lives for this call only. ``lines_complete``: the entries were created with every line,
        receivable lines included, and without taxes, cash rounding or early-payment discount, so that Odoo's
        line synchronisation on posting (which compares the lines with the ones needed, before and after) has
        nothing to change and is skipped (``skip_invoice_sync``)."""
        cache = self.env.cr.cache
        cache[BATCH_FORMATS] = {}
        context = {BATCH_CONTEXT: True}
        protected = []
        if lines_complete:
            context["skip_invoice_sync"] = True
            # Posting recomputes the invoice's payment reference, which keeps a reference it has, and with it
            # the name of its receivable lines, after emptying them: the same names, written again to every
            # receivable line of the batch. Kept, they are not emptied.
            terms = self.filtered("payment_reference").line_ids.filtered(lambda l: l.display_type == "payment_term")
            protected = [([terms._fields["name"]], terms)]
            # Posting changes the state, on which Odoo's totals depend; with the lines unchanged (nothing to
            # synchronise), the totals come out as they are: computing them again for the whole batch is waste.
            protected.append(([self._fields[name] for name in AMOUNT_FIELDS], self))
        try:
            with self.env.protecting(protected):
                return self.with_context(**context).action_post()
        finally:
            cache.pop(BATCH_FORMATS, None)

    def button_draft(self):
        commitments = self.line_ids.budget_commitment_id
        result = super().button_draft()
        commitments._update_consumed_state()
        return result

    def _budget_assign_lines(self):
        """Give each journal item on a budgeted account its budget line, or
        say which item needs one."""
        items = self.line_ids.filtered(lambda item: item.account_id and item.display_type not in ("line_section", "line_note"))
        if not items:
            return
        dates = items.mapped("date")
        budgets = self.env["municipality.budget"].search([
            ("company_id", "in", items.company_id.ids), ("state", "=", "approved"),
            ("fiscal_year_id.date_to", ">=", min(dates)), ("fiscal_year_id.date_from", "<=", max(dates))])
        by_account = defaultdict(lambda: self.env["municipality.budget.line"])
        for budget in budgets:
            for line in budget.line_ids:
                for account in line.account_ids:
                    by_account[budget.id, account.id] |= line
        to_assign = defaultdict(lambda: self.env["account.move.line"])
        for item in items:
            budget = budgets.filtered(lambda b: b.company_id == item.company_id
                                      and b.fiscal_year_id.date_from <= item.date <= b.fiscal_year_id.date_to)[:1]
            commitment = item.budget_commitment_id
            if commitment:
                self._budget_check_commitment(item, commitment)
                if item.budget_line_id != commitment.budget_line_id:
                    to_assign[commitment.budget_line_id] |= item
                continue
            if item.budget_line_id:
                if item.budget_line_id.budget_id != budget or item.account_id not in item.budget_line_id.account_ids:
                    raise UserError(self.env._(
                        "%(move)s: budget line %(line)s does not cover account %(account)s in the approved budget "
                        "of %(date)s; choose a line of that budget for the account.",
                        move=item.move_id.display_name, line=item.budget_line_id.display_name,
                        account=item.account_id.display_name, date=item.date))
                continue
            candidates = by_account.get((budget.id, item.account_id.id)) if budget else None
            if not candidates:
                continue
            if len(candidates) == 1:
                to_assign[candidates] |= item
            elif "expense" in candidates.mapped("line_type"):
                raise UserError(self.env._(
                    "%(move)s: account %(account)s is budgeted on several lines (%(lines)s); choose the budget line "
                    "or the commitment of the item “%(item)s”.",
                    move=item.move_id.display_name, account=item.account_id.display_name,
                    lines=", ".join(candidates.mapped("display_name")), item=item.name or item.account_id.name))
        for line, assigned in to_assign.items():
            assigned.write({"budget_line_id": line.id})

    def _budget_check_commitment(self, item, commitment):
        if not commitment._usable_on(item.date, refund=item.balance < 0):
            raise UserError(self.env._(
                "%(move)s: commitment %(commitment)s cannot be used on %(date)s: it is %(state)s, and only an approved "
                "commitment of the entry's fiscal year (or one still payable on that date) can be settled.",
                move=item.move_id.display_name, commitment=commitment.name, date=item.date,
                state=commitment._selection_labels("state")[commitment.state]))
        if item.account_id not in commitment.budget_line_id.account_ids:
            raise UserError(self.env._(
                "%(move)s: commitment %(commitment)s is on budget line %(line)s, which does not cover account "
                "%(account)s; use an account of the line or another commitment.",
                move=item.move_id.display_name, commitment=commitment.name,
                line=commitment.budget_line_id.display_name, account=item.account_id.display_name))
        if item.budget_line_id and item.budget_line_id != commitment.budget_line_id:
            raise UserError(self.env._(
                "%(move)s: the item names budget line %(line)s but commitment %(commitment)s is on line %(other)s.",
                move=item.move_id.display_name, line=item.budget_line_id.display_name,
                commitment=commitment.name, other=commitment.budget_line_id.display_name))

    def _budget_check_available(self, lines, available_before):
        """Refuse (or note, for lines that only warn) what the posting takes
        beyond the available balance of each expense line."""
        for line in lines:
            excess = available_before[line.id] - line.amount_available
            missing = min(excess, -line.amount_available)
            if line.currency_id.compare_amounts(missing, 0) <= 0:
                continue
            moves = self.filtered(lambda move: line in move.line_ids.budget_line_id)
            message = self.env._(
                "%(moves)s: budget line %(line)s has %(available)s available (beyond its commitments) but the posting "
                "needs %(needed)s, %(missing)s more. Request a commitment, or have the line amended or budget "
                "transferred to it.",
                moves=", ".join(moves.mapped("display_name")), line=line.display_name,
                available=line.currency_id.format(available_before[line.id]),
                needed=line.currency_id.format(excess), missing=line.currency_id.format(missing))
            if line.control_mode == "block":
                raise UserError(message)
            for move in moves:
                move.message_post(body=Markup("<p>%s</p>") % message)

    def _check_fiscal_lock_dates(self):
        result = super()._check_fiscal_lock_dates()
        self._check_not_in_closed_year()
        return result

    def _check_not_in_closed_year(self):
        dated = self.filtered("date")
        if not dated:
            return
        dates = dated.mapped("date")
        closed_years = self.env["municipality.fiscal.year"].sudo().search([
            ("state", "=", "closed"), ("company_id", "in", dated.company_id.parent_ids.ids),
            ("date_from", "<=", max(dates)), ("date_to", ">=", min(dates))])
        for move in dated:
            year = next((year for year in closed_years
                         if year.company_id in move.company_id.parent_ids and year.date_from <= move.date <= year.date_to),
                        None)
            if year:
                raise UserError(self.env._(
                    "Fiscal year %(year)s is closed: the entry %(entry)s dated %(date)s cannot be posted, reset or "
                    "changed. Date it in an open year, or have the finance director reopen fiscal year %(year)s.",
                    year=year.name, entry=move.name if move.name and move.name != "/" else move.ref or "",
                    date=format_jalali(move.date)))

    # ------------------------------------------------------------------
    # Tolls
    # ------------------------------------------------------------------

    def _invoice_paid_hook(self):
        """Tell the toll assessments of these invoices that they are paid."""
        result = super()._invoice_paid_hook()
        self._sync_toll_paid_hooks()
        return result

    def _has_uncleared_cheque(self):
        """Whether a received cheque that settles this invoice is still in hand or at the bank: the invoice
        reads "paid", but the money is not in until the cheque clears."""
        self.ensure_one()
        return any(cheque.direction == "received" and cheque.state in ("in_hand", "deposited")
                   for cheque in self.sudo().cheque_ids)

    def _sync_toll_paid_hooks(self):
        """Run ``_on_paid`` / ``_on_unpaid`` on the toll assessments of these invoices whose paid state changed."""
        tolls = self.filtered("toll_type_id")
        if tolls:
            self.env["municipality.toll.assessment"].sudo().search(
                [("invoice_id", "in", tolls.ids)])._sync_paid_hooks()
