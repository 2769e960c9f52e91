import logging
import time
from contextlib import contextmanager

import psycopg2
from markupsafe import Markup
from psycopg2.extras import execute_values

from odoo import api, fields, models, modules
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.year_end import EntryLine, year_end_lines

_logger = logging.getLogger(__name__)

#: Account types closed to the year's result by the closing entry (temporary accounts).
TEMPORARY_ACCOUNT_TYPES = (
    "income", "income_other", "expense", "expense_other", "expense_depreciation", "expense_direct_cost")

#: Columns of ``account_move_line`` that a partner line of a closing or opening
#: entry copies from its account's summary line (``_write_partner_lines``): the
#: entry's, the account's and the label's. Never a column computed from the
#: partner or the amount (analytic distribution, taxes, residuals, matching),
#: nor one another addon adds without saying what it means for these lines.
COPIED_LINE_COLUMNS = (
    "move_id", "move_name", "journal_id", "company_id", "company_currency_id", "currency_id", "date", "invoice_date",
    "date_maturity", "parent_state", "ref", "name", "display_type", "sequence", "account_id", "quantity",
    "price_unit", "price_subtotal", "price_total", "discount", "discount_amount_currency", "discount_balance",
    "tax_base_amount", "is_storno", "is_imported", "no_followup", "deductible_amount", "collapse_composition",
    "collapse_prices", "create_uid", "write_uid", "create_date", "write_date")

#: Of those, the columns Odoo computes for a line of a miscellaneous entry (no product, no tax) as the
#: line's amount times a constant (``_compute_totals``: one unit at the amount, sign included): the copy
#: scales them by its own amount over the first line's (a line's balance is never zero here).
PROPORTIONAL_LINE_COLUMNS = ("price_unit", "price_subtotal", "price_total")

#: PostgreSQL settings of the balances' statement (``_balances``), for it alone: its groups hashed in memory.
BALANCES_SETTINGS = {"work_mem": "64MB", "enable_sort": "off"}


def array_literal(values):
    """PostgreSQL's text form of an array of numbers (``None`` as NULL), to pass as one parameter: ``'{1,2,NULL}'``.

    psycopg2 passes a Python list as ``ARRAY[1, 2, ...]``, an expression per
    element that PostgreSQL parses, and estimates one by one in ``= ANY(...)``:
    0.3 s of parsing and planning for 52,000 ids, each statement (a few
    milliseconds as one string). Cast it in the query (``%s::int[]``).
    """
    # ``str`` of a number never holds "None": one C-level pass instead of a test per value
    # (1.8 million values per closing at 1,000,000 items).
    return "{%s}" % ",".join(map(str, values)).replace("None", "NULL")


class MunicipalityYearEnd(models.AbstractModel):
    """The year-end closing engine (بستن سال مالی) of ``municipality.fiscal.year``.

    ``_close(year)`` posts the closing entry (سند اختتامیه) on the year's last
    day and the opening entry (سند افتتاحیه) on 1 Farvardin of the next year,
    reconciles each partner's closing line with its opening line, locks the
    year and closes what depends on it; ``_reopen(year)`` undoes all of it.
    The fiscal year keeps the actions, the rights and the blockers.
    """

    _name = "municipality.year.end"
    _description = "Year-end Closing Engine"

    @api.model
    def _close(self, year):
        """Close ``year``; nothing happens when it is closed already.

        Refused (``UserError`` listing ``_closing_blockers``) while anything
        blocks it. Otherwise: creates the next fiscal year when missing, posts
        the closing and opening entries, reconciles each partner's closing
        line with its opening line, sets the company's lock date to the
        year's last day, marks the year closed and calls ``_close_dependents``.
        All of it in a savepoint: a failure at any phase leaves nothing behind
        (no entry half-written, the year open, the lock date where it was).
        The user is told of each phase as it starts (``_progress``).

        Every statement stays linear in the number of journal items whatever
        the planner's statistics (a bulk load or the entries just written leave
        them stale): the balances are one grouped scan with no join (``_balances_query``),
        and no ``ANALYZE`` of the journal items is needed; the partner lines are
        written from arrays whose length the planner reads from the constant
        (``unnest``), joined on primary keys only; the closing and opening
        lines are paired in Python with a dictionary on (account, partner)
        before they are written, never by a join on ``move_id`` (which,
        planned as a nested loop on stale statistics, probed the whole opening
        entry for each closing line: six minutes at 1,000,000 items).

        :returns: the entries created (empty when the year was closed already).
        """
        year.ensure_one()
        Move = self.env["account.move"]
        if year.state == "closed":
            return Move
        self._progress(year, "close", "aggregate")
        balances, balanced = self._balances(year)
        blockers = year._closing_blockers(balanced=balanced)
        if blockers:
            raise UserError(self.env._("Fiscal year %(year)s cannot be closed yet:\n%(blockers)s", year=year.name,
                                       blockers="\n".join(f"- {message}" for _code, message in blockers)))
        company = year.company_id
        with self.env.cr.savepoint():
            following = year._next_fiscal_year() or year.create(
                {"jalali_year": year.jalali_year + 1, "company_id": company.id})
            moves = Move
            (closing_vals, opening_vals), (closing_rows, opening_rows), totals = self._move_values(
                year, following, balances)
            if closing_vals["line_ids"]:
                self._progress(year, "close", "closing_entry")
                closing = Move.with_company(company).create(closing_vals)
                closing._post(soft=False)
                self._progress(year, "close", "opening_entry")
                opening = Move.with_company(company).create(opening_vals)
                opening._post(soft=False)
                self._progress(year, "close", "partner_lines")
                pairs = self._write_partner_lines(closing, closing_rows, opening, opening_rows)
                self._progress(year, "close", "reconcile")
                self._reconcile_closing_with_opening(closing, opening, pairs, totals=dict(zip(closing | opening, totals)))
                moves = closing | opening
            self._progress(year, "close", "lock")
            lock_before = company.fiscalyear_lock_date
            company.sudo().fiscalyear_lock_date = year.date_to
            year.sudo().write({
                "state": "closed",
                "closing_move_id": moves[:1].id,
                "opening_move_id": moves[1:2].id,
                "lock_date_before_closing": lock_before,
            })
            year._close_dependents()
            year.message_post(body=Markup("%s<br/>%s") % (
                self.env._("The year is closed and locked."),
                self.env._("Closing entry: %(closing)s; opening entry: %(opening)s.",
                           closing=moves[:1].name or "-", opening=moves[1:2].name or "-")))
        self._progress(year, "close", "done")
        return moves

    # ------------------------------------------------------------------
    # Progress
    # ------------------------------------------------------------------

    def _phase_labels(self):
        return {
            "aggregate": self.env._("balances of the year"),
            "closing_entry": self.env._("closing entry"),
            "opening_entry": self.env._("opening entry"),
            "partner_lines": self.env._("partner lines of the closing and opening entries"),
            "reconcile": self.env._("reconciliation of the closing with the opening"),
            "lock": self.env._("lock and budget"),
            "unreconcile": self.env._("unreconciliation of the closing and opening entries"),
            "delete": self.env._("removal of the closing and opening entries"),
            "unlock": self.env._("lock date and budget"),
            "done": self.env._("done"),
        }

    @api.model
    def _progress(self, year, action, phase):
        """Tell the user (a notification) that ``action`` (close or reopen) of ``year`` starts ``phase``.

        With ``year_end_phase_log`` in the context (a list), also append
        ``(phase, perf_counter, queries so far, process_time)`` to it: the
        benchmark times each phase with it (the process's CPU time tells this
        Python's share from the time spent waiting for PostgreSQL or the CPU).
        """
        log = self.env.context.get("year_end_phase_log")
        if log is not None:
            log.append((phase, time.perf_counter(), self.env.cr.sql_log_count, time.process_time()))
        title = (self.env._("Closing fiscal year %(year)s", year=year.name) if action == "close"
                 else self.env._("Reopening fiscal year %(year)s", year=year.name))
        self._send_progress({"type": "success" if phase == "done" else "info", "title": title, "sticky": False,
                             "message": self._phase_labels()[phase]})

    @api.model
    def _send_progress(self, message):
        """Send ``message`` to the user's web client now, not when the closing commits.

        A notification written in the closing's transaction would arrive with
        its commit, all phases at once. So it is written by a cursor of its own,
        committed at once: one short connection per phase (a dozen per closing),
        which writes a bus message and takes no lock the closing holds. In tests
        it goes through the current transaction.
        """
        if modules.module.current_test:
            self.env.user._bus_send("simple_notification", message)
            return
        try:
            with self.env.registry.cursor() as cr:
                self.env(cr=cr).user._bus_send("simple_notification", message)
        except psycopg2.Error:
            _logger.warning("Year-end closing: the progress notification could not be sent", exc_info=True)

    @api.model
    def _balances(self, year):
        """``([(account id, partner id or None, balance)], balanced)``: the posted lines' balances up to the year's
        last day, per account and partner on reconcilable accounts (receivables, payables, deposits, cheques),
        where each partner's balance is tracked, per account only on the others (grouping those by partner
        too would return a row for every partner of every revenue and expense account); and whether they
        sum to zero (the books balance: ``_closing_blockers`` checks it). Memo (off-balance)
        accounts are left out: they are neither closed nor reopened, so their balance simply carries on.

        One pass over the journal items (``_balances_query``), whatever the statistics.
        """
        cr = self.env.cr
        query = self._balances_query(year)
        # The groups (one per account and partner: 80,000 at 1,000,000 items, about 40 MB of
        # aggregate states) hashed in memory, never sorted: on stale statistics the planner
        # expects two rows and sorts the million (an external sort, 2.4 s of the 3.9 s the
        # statement took at load 8); with the sort off it hashes. This statement only.
        with self._local_settings(**BALANCES_SETTINGS):
            cr.execute(query)
            rows = cr.fetchall()
        return rows, year.company_id.currency_id.is_zero(sum(balance for _account, _partner, balance in rows))

    @contextmanager
    def _local_settings(self, **settings):
        """Run the block with PostgreSQL's planner ``settings`` (``enable_sort="off"``...) for this
        transaction only (``set_config(..., true)``, as ``SET LOCAL``), then put them back as they were."""
        cr = self.env.cr
        cr.execute(SQL("SELECT %s", SQL(", ").join(SQL("current_setting(%s)", name) for name in settings)))
        previous = dict(zip(settings, cr.fetchone()))
        cr.execute(SQL("SELECT %s", SQL(", ").join(
            SQL("set_config(%s, %s, true)", name, value) for name, value in settings.items())))
        yield
        # Not in a ``finally``: after an error the transaction (or savepoint) is rolled back, and
        # its rollback puts local settings back; a statement here would only hide the error.
        cr.execute(SQL("SELECT %s", SQL(", ").join(
            SQL("set_config(%s, %s, true)", name, value) for name, value in previous.items())))

    @api.model
    def _balances_query(self, year):
        """The statement of ``_balances``: one grouped scan of ``account_move_line`` and nothing else.

        Which accounts are reconcilable (grouped by partner) and which are memo
        accounts (left out) is read first from ``account_account`` (a few hundred
        rows) and passed as constant arrays, which PostgreSQL hashes: so the
        statement has no join for a plan to get wrong. Before, the ORM's grouped
        reads joined the accounts; on statistics a bulk load had left stale (985
        items of the company expected at 1,000,000) the planner probed the
        account's primary key for each item, 8 to 11 s per aggregate, and the
        closing ran ``ANALYZE`` on the journal items first (1 to 3 s at that size,
        every closing). Plans, ``EXPLAIN`` at 1,000,000 items (with the settings
        ``_balances`` gives it): a sequential (or bitmap) scan under a hash
        aggregate, parallel or not, with stale and with fresh statistics; a test
        checks that no plan of it has a join, a nested loop or a sort.
        """
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SELECT id FROM account_account WHERE reconcile AND account_type <> 'off_balance'")
        reconcilable = [account_id for (account_id,) in cr.fetchall()]
        cr.execute("SELECT id FROM account_account WHERE account_type = 'off_balance'")
        memo = [account_id for (account_id,) in cr.fetchall()]
        return SQL(
            """SELECT account_id, CASE WHEN account_id = ANY(%(reconcilable)s::int[]) THEN partner_id END,
                      sum(balance)
                 FROM account_move_line
                WHERE company_id = %(company)s AND parent_state = 'posted' AND date <= %(date)s
                  AND account_id IS NOT NULL AND NOT account_id = ANY(%(memo)s::int[])
                GROUP BY 1, 2""",
            reconcilable=array_literal(reconcilable), memo=array_literal(memo), company=year.company_id.id,
            date=year.date_to)

    @api.model
    def _move_values(self, year, following, balances):
        """The ``account.move`` create values of the closing and opening entries, the partner lines
        written after them (``_write_partner_lines``) and each entry's total (the sum of its debits,
        partner lines included: ``_write_entry_totals``), from the ``balances`` of ``_balances``
        (ids and amounts: no record is built for the 80,000 of them at 1,000,000 items)."""
        setup = year.company_id._year_end_setup()
        accounts = self.env["account.account"].sudo().browse({account_id for account_id, _partner, _balance in balances})
        temporary = accounts.filtered(lambda account: account.account_type in TEMPORARY_ACCOUNT_TYPES)
        digits = year.company_id.currency_id.decimal_places
        closing, opening = year_end_lines(
            balances, set(temporary.ids), setup["result_account"].id, setup["surplus_account"].id, digits=digits)
        labels = {
            "temporary": self.env._("Closing of revenue and expense accounts, year %(year)s", year=year.name),
            "result": self.env._("Result of the year %(year)s", year=year.name),
            "permanent": self.env._("Closing of balance-sheet accounts, year %(year)s", year=year.name),
            "opening": self.env._("Balance carried from year %(year)s", year=year.name),
        }

        # Without a distribution model for the company, Odoo computes an empty
        # analytic distribution for every line, one search per line: say so upfront.
        no_analytics = {} if self._has_distribution_models(year.company_id) else {"analytic_distribution": False}

        def line_commands(lines):
            return [fields.Command.create({
                "account_id": line.account, "partner_id": line.partner or False, "name": labels[line.kind],
                "debit": line.debit, "credit": line.credit, **no_analytics}) for line in lines]

        # Posted through the ORM with two lines (its seed): the entry's first line and, to balance it, the
        # second line's account, partner and label with the opposite amount. Posting gives the entry its
        # name in the journal's sequence, its state, hash and checks, and each seed line every column Odoo
        # computes; the second line's amount and every other line are then written in bulk
        # (``_write_partner_lines``), copying the seed's columns: creating the few hundred lines without
        # a partner through the ORM took 6 to 8 s at 100,000 items on a loaded machine, the ORM's per-line
        # computations, whatever the number of journal items.
        def seed(lines):
            return [lines[0], EntryLine(lines[1].account, lines[1].partner, -lines[0].amount, lines[1].kind)]

        def rows(lines):
            return [(line.account, line.partner, line.amount, labels[line.kind]) for line in lines]
        common = {"company_id": year.company_id.id, "move_type": "entry", "year_end_fiscal_year_id": year.id}
        totals = tuple(round(sum(line.debit for line in lines), digits) for lines in (closing, opening))
        return (
            {**common, "journal_id": setup["closing_journal"].id, "date": year.date_to, "year_end_type": "closing",
             "ref": self.env._("Closing entry of fiscal year %(year)s", year=year.name),
             "line_ids": line_commands(seed(closing)) if closing else []},
            {**common, "journal_id": setup["opening_journal"].id, "date": following.date_from, "year_end_type": "opening",
             "ref": self.env._("Opening entry of fiscal year %(year)s", year=following.name),
             "line_ids": line_commands(seed(opening)) if opening else []},
        ), (rows(closing), rows(opening)), totals

    @api.model
    def _write_partner_lines(self, closing, closing_rows, opening, opening_rows):
        """Write the lines of the posted ``closing`` and ``opening`` entries in bulk, the partners' reconciled.

        ``*_rows``: ``[(account id, partner id or None, amount, label)]``, every line of the entry in
        order; its first two were posted by the ORM as the entry's seed (``_move_values``), the second
        with the amount that balanced the first. That line gets its own amount here, and every other
        line is inserted, copying the columns of ``COPIED_LINE_COLUMNS`` but the account and the label
        from the entry's first line (the entry, journal, dates, state, currency, users: nothing that
        depends on the account, the partner or the amount) with its own account, partner, label and
        amount. What Odoo computes from the account and partner (the analytic distribution) is computed
        for the new lines, as posting computed it for the seed. The entry, so written, balances: its
        lines are those of ``tools.year_end.year_end_lines``, which sum to zero.

        The closing and opening lines of a partner on a reconcilable account
        are paired here, in Python (a dictionary on account and partner), and
        written reconciled already: their ids and their full reconciles' ids
        are drawn from the sequences first, so each line is written once
        (an UPDATE of every line afterwards cost more than the INSERT).

        Rows written so bypass ``account.move.line.create()``: an addon that
        must see every journal item created (a localisation's extra stored
        field) adds its column to ``COPIED_LINE_COLUMNS`` or recomputes it here.

        Plans: the rows come from ``unnest`` of arrays (the planner takes
        their length from the constant, statistics or not) and meet the
        seed line they copy, read first by primary key: a hash join on that
        one row or a primary-key probe, linear either way.

        :returns: the pairs ``[(closing line id, opening line id, closing balance, full reconcile id)]``.
        """
        self.env.flush_all()
        cr = self.env.cr

        def entry_lines(move, rows):
            """``[[line id or None, template line id, account, partner, amount, label index]]`` of ``move``,
            and ``{(account, partner): that list}`` of its partner lines."""
            seed = move.line_ids.sorted("id")
            if len(seed) != 2 or rows[0][:3] != (seed[0].account_id.id, seed[0].partner_id.id or None, seed[0].balance):
                raise ValueError("the entry is not the seed that _move_values posts")
            first, second = seed.ids
            lines = [[first if index == 0 else second if index == 1 else None, first,
                      account, partner, amount, label_index(label)]
                     for index, (account, partner, amount, label) in enumerate(rows)]
            return lines, {(line[2], line[3]): line for line in lines if line[3]}

        labels = []

        def label_index(label):
            if label not in labels:
                labels.append(label)
            return labels.index(label) + 1

        (closing_all, closing_lines), (opening_all, opening_lines) = (
            entry_lines(closing, closing_rows), entry_lines(opening, opening_rows))
        accounts = self.env["account.account"].browse({line[2] for lines in (closing_all, opening_all) for line in lines})
        reconcilable = set(accounts.filtered("reconcile").ids)
        # The accounts whose items Odoo keeps a residual of (``_compute_amount_residual``); the others' is zero.
        with_residual = set(accounts.filtered(
            lambda account: account.reconcile or account.account_type in ("asset_cash", "liability_credit_card")).ids)
        paired = [key for key, line in closing_lines.items()
                  if line[4] and key[0] in reconcilable and key in opening_lines]
        full_of = dict(zip(paired, self._next_ids("account_full_reconcile_id_seq", len(paired))))
        new = [line for lines in (closing_all, opening_all) for line in lines if line[0] is None]
        for line, line_id in zip(new, self._next_ids("account_move_line_id_seq", len(new))):
            line[0] = line_id
        partners = {line[3] for lines in (closing_all, opening_all) for line in lines}
        with self._set_based_checks(locked_partners=partners):
            if full_of:
                cr.execute(SQL(
                    """INSERT INTO account_full_reconcile (id, create_uid, write_uid, create_date, write_date)
                       SELECT full_id, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                         FROM unnest(%(fulls)s::int[]) AS full_id""", uid=self.env.uid, fulls=array_literal(full_of.values())))
            inserts, updates = [], []
            new_ids = {line[0] for line in new}
            for lines in (closing_all, opening_all):
                for line_id, template_id, account, partner, amount, label in lines:
                    full_id = full_of.get((account, partner)) if partner else None
                    values = (line_id, template_id, account, partner, label, max(amount, 0.0), max(-amount, 0.0),
                              0.0 if full_id or account not in with_residual else amount, full_id)
                    (inserts if line_id in new_ids else updates).append(values)
            if inserts:
                # The columns of the table of this schema only (another schema on the
                # search path may have a table of the same name), among the allowed ones.
                cr.execute(SQL(
                    """SELECT column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = 'account_move_line'
                          AND column_name = ANY(%s)""", list(COPIED_LINE_COLUMNS)))
                present = {name for (name,) in cr.fetchall()}
                copied = [name for name in COPIED_LINE_COLUMNS if name in present and name not in ("account_id", "name")]
                template_columns = [
                    SQL("t.%(c)s / t.balance * (v.debit - v.credit)", c=SQL.identifier(name))
                    if name in PROPORTIONAL_LINE_COLUMNS else SQL.identifier("t", name) for name in copied]
                columns = list(zip(*inserts))
                cr.execute(SQL(
                    """INSERT INTO account_move_line (id, %(copied)s, account_id, name, partner_id, debit, credit, balance,
                                                      amount_currency, amount_residual, amount_residual_currency,
                                                      reconciled, full_reconcile_id, matching_number)
                       SELECT v.id, %(template_columns)s, v.account_id, (%(labels)s::text[])[v.label], v.partner_id,
                              v.debit, v.credit, v.debit - v.credit,
                              v.debit - v.credit, v.residual, v.residual,
                              v.full_id IS NOT NULL, v.full_id, v.full_id::text
                         FROM unnest(%(ids)s::int[], %(templates)s::int[], %(accounts)s::int[], %(partners)s::int[],
                                     %(label_indexes)s::int[], %(debits)s::numeric[], %(credits)s::numeric[],
                                     %(residuals)s::numeric[], %(fulls)s::int[])
                                AS v(id, template_id, account_id, partner_id, label, debit, credit, residual, full_id)
                         JOIN (SELECT * FROM account_move_line WHERE id = ANY(%(template_set)s)) t ON t.id = v.template_id""",
                    copied=SQL(", ").join(SQL.identifier(name) for name in copied),
                    template_columns=SQL(", ").join(template_columns),
                    template_set=sorted(set(columns[1])), labels=labels, ids=array_literal(columns[0]),
                    templates=array_literal(columns[1]), accounts=array_literal(columns[2]),
                    partners=array_literal(columns[3]), label_indexes=array_literal(columns[4]),
                    debits=array_literal(columns[5]), credits=array_literal(columns[6]),
                    residuals=array_literal(columns[7]), fulls=array_literal(columns[8])))
            if updates:
                execute_values(cr._obj, """
                    UPDATE account_move_line l
                       SET debit = v.debit, credit = v.credit, balance = v.debit - v.credit,
                           price_unit = l.price_unit / l.balance * (v.debit - v.credit),
                           price_subtotal = l.price_subtotal / l.balance * (v.debit - v.credit),
                           price_total = l.price_total / l.balance * (v.debit - v.credit),
                           amount_currency = v.debit - v.credit, amount_residual = v.residual,
                           amount_residual_currency = v.residual, reconciled = v.full_id IS NOT NULL,
                           full_reconcile_id = v.full_id, matching_number = v.full_id::text
                      FROM (VALUES %s) AS v(line_id, debit, credit, residual, full_id)
                     WHERE l.id = v.line_id""",
                    [(line_id, debit, credit, residual, full_id)
                     for line_id, _template, _account, _partner, _label, debit, credit, residual, full_id in updates],
                    template="(%s, %s::numeric, %s::numeric, %s::numeric, %s::int)")
        self.env.invalidate_all()
        if self._has_distribution_models(closing.company_id):
            # One distribution per account and partner (Odoo caches it by its arguments), and
            # the analytic items that posting would have created, for every line as written
            # (the seed's second line changed its amount: its analytic items are made again).
            written = (closing | opening).line_ids
            written.analytic_line_ids.unlink()
            written._compute_analytic_distribution()
            written._create_analytic_lines()
            self.env.flush_all()
        return [(closing_lines[key][0], opening_lines[key][0], closing_lines[key][4], full_of[key]) for key in paired]

    @api.model
    def _may_skip_row_triggers(self):
        """Whether this connection may turn PostgreSQL's per-row foreign-key triggers off (a superuser's).

        The official PostgreSQL image makes ``POSTGRES_USER`` (our ``odoo`` role,
        see ``docker/compose*.yaml``) a superuser; a deployment with a plain role
        gets the same rows, checked row by row (slower: see ``_set_based_checks``).
        """
        self.env.cr.execute("SELECT current_setting('is_superuser') = 'on'")
        return self.env.cr.fetchone()[0]

    @contextmanager
    def _set_based_checks(self, locked_partners=()):
        """Run the bulk writes of the closing with the foreign keys checked once per referenced row, not per row.

        Measured at 100,000 items (52,526 partner lines): the INSERT of the
        lines took 16 s with its per-row foreign-key triggers and 2.7 s
        without; the 26,279 partial reconciles 3.6 to 5.8 s, the full
        reconciles about 1 s: PostgreSQL checks each foreign key of each new
        row with a query of its own (``SELECT 1 FROM ref WHERE id = $1 FOR KEY
        SHARE``), about 25 µs each on a loaded machine, ten per journal item.
        They would cost about 50 s at 1,000,000 items whatever the plan.

        What those checks prove and lock is already proven and locked here:
        every column a written row shares with its entry's summary line (entry,
        journal, company, currencies, account, users) was checked and locked
        when the ORM wrote that line in this transaction; the reconciles and
        journal items the rows point at are written by this transaction
        (nobody else sees them); and the partners, the one new reference, are
        checked to exist and locked ``FOR KEY SHARE`` here in one statement
        (``locked_partners``), as the triggers would lock them, so no one can
        delete one before the closing commits. Inside, ``session_replication_role``
        is ``replica`` (no per-row triggers: the tables have no other trigger),
        in a savepoint of its own: on any error the savepoint's rollback puts
        the setting back, on success it is put back at once.

        Without the right to do so (``_may_skip_row_triggers``) the writes are
        the same and PostgreSQL checks them row by row.
        """
        cr = self.env.cr
        partners = sorted(set(locked_partners) - {None, False})
        if partners:
            cr.execute(SQL(
                """WITH locked AS (SELECT id FROM res_partner WHERE id = ANY(%s::int[]) FOR KEY SHARE)
                   SELECT count(*) FROM locked""", array_literal(partners)))
            if cr.fetchone()[0] != len(partners):
                raise UserError(self.env._(
                    "A partner with a balance in the year was deleted while the year was being closed; close it again."))
        if not self._may_skip_row_triggers():
            yield
            return
        cr.execute("SELECT current_setting('session_replication_role')")
        [previous] = cr.fetchone()
        with cr.savepoint(flush=False):
            cr.execute("SET LOCAL session_replication_role = replica")
            yield
            cr.execute(SQL("SELECT set_config('session_replication_role', %s, true)", previous))

    @api.model
    def _next_ids(self, sequence, count):
        """``count`` values of the PostgreSQL ``sequence``, in one query."""
        if not count:
            return []
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", sequence, count))
        return [value for (value,) in self.env.cr.fetchall()]

    @api.model
    def _has_distribution_models(self, company):
        """Whether an analytic distribution model may apply to ``company``'s lines."""
        return bool(self.env["account.analytic.distribution.model"].sudo().search_count(
            [("company_id", "in", [company.id, False])], limit=1))

    @api.model
    def _reconcile_closing_with_opening(self, closing, opening, pairs, totals=None):
        """Write the partial reconcile of each pair of partner lines ``_write_partner_lines`` wrote reconciled.

        They cancel out, so the partner's open items stay the original
        invoices and bills, which are still paid and reconciled as usual.
        One full reconcile and one partial per pair, as Odoo's own
        reconciliation of two opposite lines would write, from arrays (no
        join at all); then the entries' stored totals.

        :param pairs: ``[(closing line id, opening line id, closing balance, full reconcile id)]``.
        :param totals: ``{entry: total}`` known from the lines written (``_write_entry_totals``);
            without it, the totals are summed again from the lines in the database.
        """
        if pairs:
            closing_ids, opening_ids, balances, full_ids = (list(column) for column in zip(*pairs))
            company = closing.company_id
            with self._set_based_checks():
                self.env.cr.execute(SQL(
                    """INSERT INTO account_partial_reconcile (
                           debit_move_id, credit_move_id, full_reconcile_id, amount, debit_amount_currency,
                           credit_amount_currency, company_id, debit_currency_id, credit_currency_id, max_date,
                           create_uid, write_uid, create_date, write_date)
                       SELECT CASE WHEN balance > 0 THEN closing_id ELSE opening_id END,
                              CASE WHEN balance > 0 THEN opening_id ELSE closing_id END,
                              full_id, abs(balance), abs(balance), abs(balance), %(company)s, %(currency)s, %(currency)s,
                              %(date)s, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                         FROM unnest(%(closings)s::int[], %(openings)s::int[], %(balances)s::numeric[], %(fulls)s::int[])
                                AS v(closing_id, opening_id, balance, full_id)""",
                    closings=array_literal(closing_ids), openings=array_literal(opening_ids),
                    balances=array_literal(balances), fulls=array_literal(full_ids), uid=self.env.uid,
                    company=company.id, currency=company.currency_id.id, date=opening.date))
            self.env.invalidate_all()
        if totals is None:
            self._recompute_entry_totals(closing | opening)
        else:
            self._write_entry_totals(totals)
        self.env.flush_all()

    @api.model
    def _write_entry_totals(self, totals):
        """Store the totals ``{entry: total}`` of miscellaneous entries whose lines were just written
        from known amounts: one UPDATE by primary key, no line read.

        The closing knows each entry's lines before writing them (``_move_values``),
        so it need not sum them again from ``account_move_line`` (``_recompute_entry_totals``,
        157,000 lines read back through ``move_id`` at 1,000,000 items): the total is the sum of
        the debit lines, in the company currency, which is the entries' currency too; the
        untaxed, tax and residual amounts are zero, as ``account.move._compute_amount`` stores
        them for an ``entry``. A test checks both against the ORM's computation.
        """
        moves = self.env["account.move"].union(*totals)
        if any(move.move_type != "entry" or move.currency_id != move.company_currency_id for move in moves):
            raise ValueError("only miscellaneous entries in the company currency have their totals written so")
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """UPDATE account_move m
                  SET amount_untaxed = 0, amount_tax = 0, amount_residual = 0, amount_untaxed_signed = 0,
                      amount_untaxed_in_currency_signed = 0, amount_tax_signed = 0, amount_residual_signed = 0,
                      amount_total = t.total, amount_total_signed = t.total, amount_total_in_currency_signed = t.total
                 FROM unnest(%s::int[], %s::numeric[]) AS t(id, total)
                WHERE m.id = t.id""",
            array_literal(move.id for move in totals), array_literal(abs(total) for total in totals.values())))
        moves.invalidate_recordset()

    @api.model
    def _recompute_entry_totals(self, moves):
        """The stored totals of the miscellaneous entries ``moves`` again from their lines in the database,
        after lines were written or reconciled in bulk: one UPDATE.

        What ``account.move._compute_amount`` stores for an entry (``entry``
        type, direction sign 1, no tax and no payment-term line): the total is
        the sum of its debit lines, in the company currency and in the entry's;
        untaxed, tax and residual amounts are zero. (The ORM's own recompute
        read every line into the cache: about 3 s at 100,000 items.) A test
        checks the result against the ORM's computation.

        Plan: the lines by ``move_id`` (its index, two values), grouped by a
        hash aggregate into two rows, joined to the entries by primary key.
        """
        if any(move.move_type != "entry" for move in moves):
            raise ValueError("only miscellaneous entries have their totals written in bulk")
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """UPDATE account_move m
                  SET amount_untaxed = 0, amount_tax = 0, amount_residual = 0, amount_untaxed_signed = 0,
                      amount_untaxed_in_currency_signed = 0, amount_tax_signed = 0, amount_residual_signed = 0,
                      amount_total = t.total_currency, amount_total_signed = abs(t.total),
                      amount_total_in_currency_signed = abs(t.total_currency)
                 FROM (SELECT move_id, coalesce(sum(balance) FILTER (WHERE debit <> 0), 0) AS total,
                              coalesce(sum(amount_currency) FILTER (WHERE debit <> 0), 0) AS total_currency
                         FROM account_move_line WHERE move_id = ANY(%(moves)s) GROUP BY move_id) t
                WHERE m.id = t.move_id""", moves=moves.ids))
        moves.invalidate_recordset()

    # ------------------------------------------------------------------
    # Reopening
    # ------------------------------------------------------------------

    @api.model
    def _reopen(self, year):
        """Undo ``_close``: nothing happens when ``year`` is open.

        Refused once the company's hard lock date covers the year, or while a
        later year is closed. Lifts the lock back to where it was, removes the
        reconciliations of the closing and opening entries and deletes them
        (cancels them when the company keeps a restrictive audit trail),
        marks the year open and calls ``_reopen_dependents``; in a savepoint,
        telling the user of each phase. The journal items go in bulk
        (``_unreconcile_in_bulk``, ``_delete_lines_in_bulk``); the two entries
        themselves go through the ORM (lock dates, chatter, audit trail).
        """
        year.ensure_one()
        if year.state == "open":
            return False
        if year.hard_locked:
            raise UserError(self.env._(
                "Fiscal year %(year)s is hard-locked and can no longer be reopened.", year=year.name))
        later = year.search([
            ("company_id", "=", year.company_id.id), ("jalali_year", ">", year.jalali_year), ("state", "=", "closed")])
        if later:
            raise UserError(self.env._(
                "Reopen the later fiscal years first (%(years)s).", years=", ".join(later.mapped("name"))))
        company = year.company_id
        moves = self.env["account.move"].search([
            ("year_end_fiscal_year_id", "=", year.id), ("state", "=", "posted")])
        names = ", ".join(moves.mapped("name")) or "-"
        with self.env.cr.savepoint():
            self._progress(year, "reopen", "unlock")
            lock = year.lock_date_before_closing
            if company.fiscalyear_lock_date and (not lock or company.fiscalyear_lock_date > lock):
                company.sudo().fiscalyear_lock_date = lock if lock and lock < year.date_to else False
            year.sudo().write({"state": "open", "closing_move_id": False, "opening_move_id": False,
                               "lock_date_before_closing": False})
            if moves:
                self._progress(year, "reopen", "unreconcile")
                keep = company.restrictive_audit_trail
                self._unreconcile_in_bulk(moves, delete_lines=not keep)
                self._progress(year, "reopen", "delete")
                moves.button_draft()
                if keep:
                    moves.button_cancel()
                else:
                    moves.unlink()
            year._reopen_dependents()
            year.message_post(body=self.env._(
                "The year is reopened; its closing and opening entries (%(entries)s) are removed.", entries=names))
        self._progress(year, "reopen", "done")
        return True

    @api.model
    def _unreconcile_in_bulk(self, moves, delete_lines=False):
        """Remove every reconciliation of the lines of ``moves`` (the closing and
        opening entries) and, with ``delete_lines``, the lines themselves.

        The reconciliations between two of their lines (the pairs the closing
        wrote: all of them, unless someone reconciled an opening line by hand
        since) are deleted in bulk; any other goes through the ORM, which puts
        the other side's residual and matching number right. Kept lines are
        open again for their whole balance. Deleted lines take their analytic
        items with them (``ON DELETE CASCADE``); lines go before their full
        reconciles, so that deleting those updates no line.

        Linear whatever the statistics: the lines are read once by ``move_id``,
        their partials found through the indexes on ``debit_move_id`` and
        ``credit_move_id`` (a semi-join: each line probes one index entry, or a
        hash of the lines is built), the deletions go by primary key from
        arrays, and every foreign key that points at journal items, partials
        or full reconciles is indexed, so the cascades are index probes too.
        """
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL("SELECT id FROM account_move_line WHERE move_id = ANY(%s)", moves.ids))
        own = {line_id for (line_id,) in cr.fetchall()}
        cr.execute(SQL(
            """SELECT p.id, p.debit_move_id, p.credit_move_id, p.full_reconcile_id
                 FROM account_partial_reconcile p
                WHERE p.debit_move_id IN (SELECT id FROM account_move_line WHERE move_id = ANY(%(moves)s))
                   OR p.credit_move_id IN (SELECT id FROM account_move_line WHERE move_id = ANY(%(moves)s))""",
            moves=moves.ids))
        partials = cr.fetchall()
        outside = [row for row in partials if row[1] not in own or row[2] not in own]
        if outside:
            self.env["account.partial.reconcile"].browse(row[0] for row in outside).unlink()
            self.env.flush_all()
        inside = [row for row in partials if row[1] in own and row[2] in own]
        if inside:
            self._delete_in_bulk("account_partial_reconcile", [row[0] for row in inside])
        if delete_lines:
            self._delete_in_bulk("account_move_line", sorted(own))
        else:
            cr.execute(SQL(
                """UPDATE account_move_line line
                      SET reconciled = false, full_reconcile_id = NULL, matching_number = NULL,
                          amount_residual = CASE WHEN account.reconcile THEN line.balance ELSE 0 END,
                          amount_residual_currency = CASE WHEN account.reconcile THEN line.amount_currency ELSE 0 END
                     FROM account_account account
                    WHERE line.move_id = ANY(%s) AND account.id = line.account_id""", moves.ids))
        fulls = [full_id for full_id in {row[3] for row in inside} - {row[3] for row in outside} if full_id]
        if fulls:
            self._delete_in_bulk("account_full_reconcile", fulls)
        self.env.invalidate_all()
        if not delete_lines:
            self._recompute_entry_totals(moves)
            self.env.flush_all()

    @api.model
    def _delete_in_bulk(self, table, ids):
        """Delete the rows ``ids`` of ``table``, each foreign key that points at ``table`` handled once
        for all the rows instead of once per row.

        PostgreSQL runs the ``ON DELETE`` action of every foreign key that
        points at a deleted row with a query per row and per key: deleting the
        52,526 lines of the two entries took 5 to 7 s at 100,000 items (seven
        tables point at journal items). Here each key's action runs once, as
        one statement over the whole array, in normal mode (their own
        triggers fire, on the few rows they touch): ``CASCADE`` deletes the
        rows that point at them, ``SET NULL`` clears them, ``RESTRICT`` and
        ``NO ACTION`` refuse when one is left; then the rows themselves go
        with the per-row triggers off (``_set_based_checks``), as the keys
        have nothing left to do. A key of several columns or with ``SET
        DEFAULT`` (none in Odoo), or a role that may not turn the triggers
        off, falls back to PostgreSQL's own per-row actions.

        Plans: every statement filters on ``= ANY('{...}'::int[])``, no
        join: a scan with the ids hashed (PostgreSQL hashes a constant array
        of nine or more) or index probes per id, linear whatever the
        statistics. (A semi-join with ``unnest`` of the ids was planned, on a
        reconcile table the planner believed empty, as a nested loop that
        scanned the whole array for each of its rows: minutes at 100,000
        items.) The keys' actions run with ``enable_seqscan`` off: Odoo indexes
        each of these keys, and a sequential scan of the whole journal items
        table for each key (1.8 s each at 100,000 items, as the planner
        believed all of it might match) would cost more than probing the
        index for each id; ``EXPLAIN`` with stale and fresh statistics shows
        index scans then. The ids as one text literal (``array_literal``).
        """
        if not ids:
            return
        cr = self.env.cr
        array = array_literal(ids)
        cr.execute(SQL(
            """SELECT c.conrelid::regclass::text, a.attname, c.confdeltype, array_length(c.conkey, 1)
                 FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.confrelid = %s::regclass""", table))
        keys = cr.fetchall()
        per_row = not self._may_skip_row_triggers() or any(
            width != 1 or action not in ("a", "r", "c", "n") for _child, _column, action, width in keys)
        if not per_row:
            cr.execute("SELECT current_setting('enable_seqscan')")
            [seqscan] = cr.fetchone()
            cr.execute("SELECT set_config('enable_seqscan', 'off', true)")
            for child, column, action, _width in keys:
                where = SQL("%s = ANY(%s::int[])", SQL.identifier(column), array)
                if action == "c":
                    cr.execute(SQL("DELETE FROM %s WHERE %s", SQL(child), where))
                elif action == "n":
                    cr.execute(SQL("UPDATE %s SET %s = NULL WHERE %s", SQL(child), SQL.identifier(column), where))
                else:
                    cr.execute(SQL("SELECT EXISTS(SELECT FROM %s WHERE %s)", SQL(child), where))
                    if cr.fetchone()[0]:
                        raise UserError(self.env._(
                            "The closing and opening entries cannot be removed: other records (%(table)s) refer to them.",
                            table=child))
            cr.execute(SQL("SELECT set_config('enable_seqscan', %s, true)", seqscan))
            with self._set_based_checks():
                cr.execute(SQL("DELETE FROM %s WHERE id = ANY(%s::int[])", SQL.identifier(table), array))
        else:
            cr.execute(SQL("DELETE FROM %s WHERE id = ANY(%s::int[])", SQL.identifier(table), array))
