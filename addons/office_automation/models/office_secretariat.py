from odoo import api, fields, models, sql_db
from odoo.exceptions import ValidationError

from odoo.addons.municipality_base.tools import jalali

from ..tools import letter_number


#: First key of the advisory locks taken while a secretariat draws a number (the second is its id).
LETTER_NUMBER_LOCK = 1404_0001


class OfficeSecretariat(models.Model):
    """A secretariat (دبیرخانه) registers and numbers letters.

    Numbers follow the secretariat's pattern and restart every Jalali year;
    within a secretariat and year they never repeat and never skip, however
    many clerks register at the same moment (see ``_next_letter_number``).
    """

    _name = "office.secretariat"
    _description = "Secretariat"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code, usable in the number pattern as {code}.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    number_pattern = fields.Char(
        required=True, default="{jyear}/{seq}/{code}",
        help="How letter numbers are written. Placeholders: {seq} the serial in the Jalali year (required), "
             "{jyear} or {jy} the Jalali year (one is required), {jmonth} the Jalali month, {code} the "
             "secretariat's code. Example: {jyear}/{seq}/ص gives 1404/123/ص.")
    number_padding = fields.Integer(
        default=0, help="Minimum number of digits of the serial, padded with zeros (0: no padding).")
    number_example = fields.Char(compute="_compute_number_example", string="Example Number")
    user_ids = fields.Many2many(
        "res.users", "office_secretariat_user_rel", "secretariat_id", "user_id", string="Clerks",
        domain=[("share", "=", False)], help="The clerks who register letters in this secretariat.")
    department_ids = fields.Many2many(
        "hr.department", "office_secretariat_department_rel", "secretariat_id", "department_id",
        string="Units Served", help="The departments whose letters this secretariat registers.")
    letterhead_title = fields.Char(
        translate=True, help="First line of the letterhead, for example the municipality's name.")
    letterhead_subtitle = fields.Char(translate=True, help="Second line of the letterhead, for example the unit.")
    letterhead_logo = fields.Image(max_width=512, max_height=512)
    letterhead_footer = fields.Text(translate=True, help="Address and telephone printed at the foot of the letter.")
    letter_ids = fields.One2many("office.letter", "secretariat_id", string="Letters")

    _code_company_unique = models.Constraint(
        "unique(company_id, code)", "Each secretariat needs its own code within the municipality.")
    _number_padding_range = models.Constraint(
        "check(number_padding >= 0 and number_padding <= 12)", "The serial's padding is between 0 and 12 digits.")

    @api.constrains("number_pattern")
    def _check_number_pattern(self):
        for secretariat in self:
            try:
                letter_number.check_pattern(secretariat.number_pattern)
            except letter_number.InvalidPattern as error:
                raise ValidationError(self._number_pattern_message(secretariat, error)) from None

    def _printed_pattern(self):
        """The pattern with the secretariat's code written in: two secretariats with the same printed
        pattern print the same numbers."""
        self.ensure_one()
        return (self.number_pattern or "").replace("{code}", self.code or "")

    @api.constrains("number_pattern", "code", "company_id", "active")
    def _check_numbers_distinct(self):
        active = self.filtered("active")
        if not active:
            return
        others = self.sudo().search([("company_id", "in", active.company_id.ids), ("active", "=", True)])
        for secretariat in active:
            clash = others.filtered(lambda other: other != secretariat and other.company_id == secretariat.company_id
                                    and other._printed_pattern() == secretariat._printed_pattern())
            if clash:
                raise ValidationError(self.env._(
                    "Secretariats %(secretariat)s and %(other)s would print the same letter numbers "
                    "(%(pattern)s): put {code} in the number pattern, or give each secretariat its own pattern.",
                    secretariat=secretariat.name, other=clash[0].name, pattern=secretariat._printed_pattern()))

    def _number_pattern_message(self, secretariat, error):
        _ = self.env._
        reasons = {
            "syntax": _("its braces are not balanced"),
            "unknown": _("%s is not a placeholder (use {seq}, {jyear}, {jy}, {jmonth} or {code})", error.detail),
            "no_seq": _("it has no {seq}, the letter's serial"),
            "many_seq": _("it has {seq} more than once"),
            "no_year": _("it has no Jalali year ({jyear} or {jy}), so numbers would repeat every year"),
        }
        return _("The number pattern “%(pattern)s” of secretariat %(secretariat)s cannot be used: %(reason)s.",
                 pattern=secretariat.number_pattern or "", secretariat=secretariat.name, reason=reasons[error.reason])

    @api.depends("number_pattern", "number_padding", "code")
    def _compute_number_example(self):
        today = jalali.to_jalali(self._today_in_iran())
        for secretariat in self:
            try:
                secretariat.number_example = letter_number.format_number(
                    secretariat.number_pattern, 123, today.year, today.month, secretariat.code,
                    secretariat.number_padding)
            except ValueError:
                secretariat.number_example = False

    def _has_clerk(self, user):
        """Whether ``user`` registers letters here (one indexed lookup: this runs on every registration)."""
        self.ensure_one()
        self.env.cr.execute("SELECT 1 FROM office_secretariat_user_rel WHERE secretariat_id = %s AND user_id = %s",
                            [self.id, user.id])
        return bool(self.env.cr.fetchone())

    @staticmethod
    def _letters_table_committed(cr):
        cr.execute("SELECT to_regclass('office_letter')")
        return bool(cr.fetchone()[0])

    def _next_letter_number(self, date):
        """Draw the next number of this secretariat for a letter registered on ``date``.

        Returns ``{"number", "number_year", "number_sequence"}`` for the letter
        to write in the same transaction. The secretariat stays locked (an
        advisory lock) until that transaction ends, so registrations in one secretariat queue
        up instead of failing: only one transaction at a time draws a number
        and, when it rolls back, its number is drawn again by the next one (no
        gap). The last serial is read twice because Odoo's transactions are
        REPEATABLE READ: the transaction's own snapshot sees the letters it
        registered itself, and a fresh one sees those that the transactions
        it waited for have just committed. (A no-gap ``ir.sequence`` would
        update one counter row, and every transaction that waited for it would
        then fail with a serialization error and have to start over.)
        """
        self.ensure_one()
        jdate = jalali.to_jalali(fields.Date.to_date(date))
        self.env["office.letter"].flush_model(["secretariat_id", "number_year", "number_sequence"])
        cr = self.env.cr
        # A transaction-level advisory lock per secretariat: waiters queue in order and each wakes only
        # when its turn comes (a row lock wakes every waiter at each commit, and all but one go back to
        # sleep: with 16 clerks, most of the machine's time went into that).
        cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LETTER_NUMBER_LOCK, self.id])
        last_serial_query = """
            SELECT COALESCE(MAX(number_sequence), 0) FROM office_letter
             WHERE secretariat_id = %s AND number_year = %s
        """
        cr.execute(last_serial_query, [self.id, jdate.year])
        last = cr.fetchone()[0]
        with sql_db.db_connect(cr.dbname).cursor() as fresh_cr:
            # While the addon installs (demo letters), its table exists only in this transaction: no other
            # transaction can have registered a letter in it.
            if self.env.registry.ready or self._letters_table_committed(fresh_cr):
                fresh_cr.execute(last_serial_query, [self.id, jdate.year])
                last = max(last, fresh_cr.fetchone()[0])
        serial = last + 1
        return {
            "number": letter_number.format_number(
                self.number_pattern, serial, jdate.year, jdate.month, self.code, self.number_padding),
            "number_year": jdate.year,
            "number_sequence": serial,
        }
