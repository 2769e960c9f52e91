import re
from datetime import timedelta
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import tagged

from .test_tolls import TollsCase

#: The fields of an invoice that must not depend on how it was made.
MOVE_FIELDS = ("move_type", "state", "company_id", "journal_id", "currency_id", "partner_id", "commercial_partner_id",
               "partner_shipping_id", "fiscal_position_id", "invoice_payment_term_id", "date", "invoice_date",
               "invoice_date_due", "amount_untaxed", "amount_tax", "amount_total", "amount_residual",
               "amount_total_signed", "amount_residual_signed", "payment_state", "made_sequence_gap",
               "sequence_prefix", "posted_before")
#: The fields of a journal item that must not depend on how its invoice was made.
LINE_FIELDS = ("display_type", "account_id", "partner_id", "currency_id", "balance", "amount_currency", "debit",
               "credit", "amount_residual", "date_maturity", "reconciled", "tax_ids", "parent_state", "quantity",
               "price_unit", "price_subtotal", "price_total", "sequence", "product_uom_id")


@tagged("post_install", "-at_install")
class TestTollBatchInvoices(TollsCase):
    """The invoices of the batch API (numbered with one look-up of the journal's last number per batch, their
    lines given whole) are the invoices Odoo makes: same numbers in sequence, amounts, lines, and they are paid
    the same way."""

    def _values(self, records, names):
        return [{name: record[name] for name in names} for record in records]

    def _lines(self, invoice):
        return sorted(self._values(invoice.line_ids, LINE_FIELDS),
                      key=lambda v: (v["display_type"], v["account_id"].id, v["balance"], v["date_maturity"]))

    def _reference_invoice(self, assessment, payment_reference):
        """The invoice of ``assessment`` made the ordinary way: invoice lines only, Odoo's synchronisation making
        the receivable lines, posted with ``action_post``."""
        lines = [Command.create({"name": "toll", "account_id": self.account_renovation.id, "quantity": 1,
                                 "price_unit": assessment.amount_computed, "tax_ids": []})]
        if assessment.discount_amount:
            lines.append(Command.create({"name": "discount", "account_id": self.account_renovation.id,
                                         "quantity": 1, "price_unit": -assessment.discount_amount, "tax_ids": []}))
        if assessment.penalty_amount:
            lines.append(Command.create({"name": "penalty", "account_id": self.account_fines.id, "quantity": 1,
                                         "price_unit": assessment.penalty_amount, "tax_ids": []}))
        invoice = self.env["account.move"].create({
            "move_type": "out_invoice", "partner_id": assessment.partner_id.id,
            "journal_id": assessment.invoice_id.journal_id.id, "date": assessment.date,
            "invoice_date": assessment.date, "invoice_payment_term_id": assessment.invoice_id.invoice_payment_term_id.id,
            "payment_reference": payment_reference, "invoice_line_ids": lines})
        invoice.action_post()
        return invoice

    def test_batch_invoices_are_the_invoices_odoo_makes(self):
        others = self.env["res.partner"].create([{"name": f"شهروند {n}"} for n in range(3)])
        late = self.day_1405 - timedelta(days=70)
        batch = self.Assessment.create_assessments([
            {"partner": partner, "toll_type": self.renovation, "inputs": {"value": 1_000_000_000 * (n + 1)},
             "date": self.day_1405, "due_date": late if n == 1 else None}
            for n, partner in enumerate([self.citizen, *others])])
        single = self._assess(inputs={"value": 2_000_000_000}, due_date=late)
        reference = self._reference_invoice(single, single.payment_id)
        invoices = batch.invoice_id
        self.assertEqual(invoices.mapped("name"), [f"REV/1405/{n:05d}" for n in range(1, 5)],
                         "the batch's invoices are numbered in order, in the Jalali year's sequence")
        self.assertEqual(single.invoice_id.name, "REV/1405/00005")
        self.assertEqual(reference.name, "REV/1405/00006", "Odoo's own numbering goes on after the batch's")
        self.assertEqual(invoices.mapped("sequence_number"), [1, 2, 3, 4])
        self.assertFalse(any(invoices.mapped("made_sequence_gap")))
        self.assertEqual(invoices.mapped("payment_reference"), batch.mapped("payment_id"))
        self.assertEqual(invoices.mapped("partner_id"), batch.mapped("partner_id"))
        # the late one of the batch (a penalty, no discount) against the single one and the ordinary invoice
        late_one = batch[1]
        self.assertEqual((late_one.amount_total, late_one.penalty_amount > 0),
                         (single.amount_total, True))
        for invoice in (single.invoice_id, reference):
            self.assertEqual(self._values(late_one.invoice_id, MOVE_FIELDS)[0] | {"partner_id": False,
                                                                                   "commercial_partner_id": False,
                                                                                   "partner_shipping_id": False},
                             self._values(invoice, MOVE_FIELDS)[0] | {"partner_id": False,
                                                                       "commercial_partner_id": False,
                                                                       "partner_shipping_id": False})
            self.assertEqual([v | {"partner_id": False} for v in self._lines(late_one.invoice_id)],
                             [v | {"partner_id": False} for v in self._lines(invoice)])
        self.assertEqual(self._values(single.invoice_id, MOVE_FIELDS), self._values(reference, MOVE_FIELDS))
        self.assertEqual(self._lines(single.invoice_id), self._lines(reference))
        self.assertEqual(single.invoice_id.payment_reference, reference.payment_reference)
        # paid as any invoice: the receivable line is reconciled and the assessment becomes paid
        self.assertEqual(batch.mapped("payment_state"), ["not_paid"] * 4)
        self._pay(late_one)
        self.assertEqual(late_one.invoice_id.payment_state, "paid")
        self.assertTrue(late_one.is_paid)
        self.assertTrue(late_one.invoice_id.line_ids.filtered(lambda l: l.display_type == "payment_term").reconciled)
        self.assertEqual(late_one.invoice_id.amount_residual, 0)
        self.assertEqual((batch - late_one).mapped("state"), ["confirmed"] * 3)

    def test_batch_numbering_across_dates_and_after_odoo(self):
        """A batch of several dates, after an invoice numbered the ordinary way, and a batch after a batch: no
        number twice, none skipped."""
        first = self._assess()
        day_2 = self.day_1405 + timedelta(days=40)  # another Jalali month, the same year: one yearly sequence
        batch = self.Assessment.create_assessments([
            {"partner": self.citizen, "toll_type": self.renovation, "inputs": {"value": 1_000_000_000},
             "date": day} for day in (day_2, self.day_1405, day_2, self.day_1405)])
        again = self.Assessment.create_assessments([
            {"partner": self.citizen, "toll_type": self.renovation, "inputs": {"value": 1_000_000_000},
             "date": self.day_1405}])
        invoices = first.invoice_id | batch.invoice_id | again.invoice_id
        self.assertEqual(sorted(invoices.mapped("sequence_number")), list(range(1, 7)))
        self.assertEqual(set(invoices.mapped("sequence_prefix")), {"REV/1405/"})
        # Odoo numbers by date: the two of the earlier day before the two of the later day
        by_number = batch.invoice_id.sorted("sequence_number")
        self.assertEqual(by_number.mapped("date"), [self.day_1405, self.day_1405, day_2, day_2])
        self.assertFalse(any(invoices.mapped("made_sequence_gap")))

    def test_batch_keeps_the_citizens_fiscal_position(self):
        """The fiscal position the batch gives each invoice (found once per citizen) is the one Odoo computes."""
        position = self.env["account.fiscal.position"].create({"name": "معاف", "company_id": self.company.id})
        exempt = self.env["res.partner"].create({"name": "موقوفه", "property_account_position_id": position.id})
        batch = self.Assessment.create_assessments([
            {"partner": partner, "toll_type": self.renovation, "inputs": {"value": 1_000_000_000},
             "date": self.day_1405} for partner in (exempt, self.citizen, exempt)])
        self.assertEqual(batch.invoice_id.mapped("fiscal_position_id"), position)
        self.assertEqual([invoice.fiscal_position_id for invoice in batch.invoice_id],
                         [position, self.env["account.fiscal.position"], position])
        reference = self._reference_invoice(batch[0], "X")
        self.assertEqual(reference.fiscal_position_id, position)

    def test_batch_gives_what_odoo_would_write_after_the_insert(self):
        """The values Odoo computes for a new invoice, its lines and its assessment after inserting them are given
        with the insert: no UPDATE writes them again (each was one more UPDATE of every row of a batch). A value
        given differently from Odoo's computation shows here as an UPDATE of its column."""
        others = self.env["res.partner"].create([{"name": f"شهروند {n}"} for n in range(3)])
        updates = []
        execute = type(self.env.cr).execute

        def recording(cr, query, params=None, log_exceptions=True):
            text = getattr(query, "code", query)
            match = re.match(r'\s*UPDATE\s+"(\w+)"\s+SET\s+(.*?)\s+FROM', text, re.S)
            if match:
                updates.append((match[1], set(re.findall(r'"(\w+)" =', match[2]))))
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", recording):
            batch = self.Assessment.create_assessments([
                {"partner": partner, "toll_type": self.renovation, "date": self.day_1405,
                 "inputs": {"value": 1_000_000_000 * (n + 1)}, "instalments": 3 if n == 2 else 1,
                 "due_date": self.day_1405 - timedelta(days=70) if n == 1 else None}
                for n, partner in enumerate([self.citizen, *others])])
            self.env.flush_all()
        self.assertEqual(batch.mapped("state"), ["confirmed"] * 4)
        self.assertTrue(updates, "the batch's writes were recorded")
        given = {
            "account_move_line": {"date", "amount_residual", "amount_residual_currency", "reconciled"},
            "account_move": {"invoice_date_due", "invoice_user_id", "invoice_partner_display_name",
                             "made_sequence_gap", "always_tax_exigible"},
            "municipality_toll_assessment": {"amount_computed", "discount_amount", "penalty_amount",
                                             "amount_error", "months_late", "tariff_id"},
        }
        written = {table: set().union(*(columns for t, columns in updates if t == table)) for table in given}
        self.assertEqual({table: written[table] & columns for table, columns in given.items()},
                         dict.fromkeys(given, set()))

    def test_every_stored_field_as_odoo_makes_it(self):
        """Field by field, every stored field of the invoice and its journal items, against the invoice made the
        ordinary way: only what names the invoice, says who and when made it, or its text differs. A late toll
        (a penalty line), a toll in three instalments (three receivable lines) and a zero toll (its receivable
        line reconciled at once)."""
        cases = {
            "late": {"inputs": {"value": 2_000_000_000}, "due_date": self.day_1405 - timedelta(days=70)},
            "instalments": {"inputs": {"value": 2_000_000_000}, "instalments": 3},
            "zero": {"inputs": {"value": 0}},
        }
        for case, kwargs in cases.items():
            with self.subTest(case):
                self._check_every_stored_field(self._assess(**kwargs), case)

    def _check_every_stored_field(self, assessment, case):
        reference = self._reference_invoice(assessment, assessment.payment_id)
        self.env.invalidate_all()  # what the database holds, not what the batch left in the cache
        own = {"id", "name", "create_date", "write_date", "create_uid", "write_uid", "sequence_number",
               "invoice_origin", "toll_type_id", "message_main_attachment_id", "access_token", "ref"}

        def stored(record, skip):
            return {name: record[name] for name, field in record._fields.items()
                    if field.store and name not in skip and field.type not in ("one2many", "many2many", "binary")}

        moves = [stored(move, own) for move in (assessment.invoice_id, reference)]
        self.assertGreater(len(moves[0]), 50)
        self.assertEqual({k for k in moves[0] if moves[0][k] != moves[1][k]}, set())
        line_own = {"id", "create_date", "write_date", "create_uid", "write_uid", "move_id", "move_name", "name",
                    "sequence"}
        lines = [sorted((stored(line, line_own) for line in move.line_ids),
                        key=lambda v: (v["display_type"], v["account_id"].id, v["balance"], v["date_maturity"]))
                 for move in (assessment.invoice_id, reference)]
        self.assertEqual(len(lines[0]), len(lines[1]))
        self.assertEqual(len(lines[0]), {"late": 3, "instalments": 4, "zero": 2}[case])
        self.assertGreater(len(lines[0][0]), 40)
        for ours, odoo in zip(*lines):
            self.assertEqual({k for k in ours if ours[k] != odoo[k]}, set(), ours["display_type"])
        # the receivable lines' names (given by the batch for a single one) are Odoo's: the payment reference
        names = [sorted(move.line_ids.filtered(lambda l: l.display_type == "payment_term").mapped("name"))
                 for move in (assessment.invoice_id, reference)]
        self.assertEqual(names[0], names[1])
        self.assertIn(assessment.payment_id, names[0][0])
