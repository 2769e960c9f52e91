"""Grouping and filtering by Jalali period, computed in PostgreSQL.

Three read_group granularities are added to every date and datetime field:
``jalali_year``, ``jalali_quarter`` and ``jalali_month`` (for example
``date:jalali_month``). The database computes each row's period with the
immutable SQL functions installed below (integer arithmetic on the 33-year
rule of ``jdatetime`` and lookup tables, inlined by the planner), so grouping
a million rows stays one query. A group's value is the first day of its period (a
``date`` for a date field, a naive ``datetime`` at midnight in the user's time
zone for a datetime field, as Odoo's own ``date_trunc`` granularities give);
formatted groups carry a Persian label («اسفند ۱۴۰۴», «زمستان ۱۴۰۴», «۱۴۰۴»)
and a half-open range ``[start, next start)`` as their domain.

Relative filters use a field property in a domain, resolved from today's date
in the user's time zone into a plain date range (so an index on the field is
used): ``('date.jalali_month_offset', '=', 0)`` is this Jalali month,
``('date.jalali_year_offset', '=', -1)`` last Jalali year, ``>= -2`` the last
two quarters and this one with ``jalali_quarter_offset``, and so on.
"""

import datetime

import pytz

from odoo import api, models
from odoo.fields import Date
from odoo.orm.domains import (
    DomainCondition,
    OptimizationLevel,
    field_type_optimization,
)
from odoo.models import parse_read_group_spec
from odoo.tools import SQL
from odoo.tools.misc import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT, get_lang

from ..tools import jalali

#: read_group granularity -> Jalali period unit.
JALALI_GRANULARITIES = {
    "jalali_year": "year",
    "jalali_quarter": "quarter",
    "jalali_month": "month",
    "jalali_week": "week",
    "jalali_day": "day",
}
#: domain field property (``date.jalali_month_offset``) -> Jalali period unit.
JALALI_OFFSET_PROPERTIES = {
    "jalali_year_offset": "year",
    "jalali_quarter_offset": "quarter",
    "jalali_month_offset": "month",
}

# Day numbers: n = (d - 2000-01-01) + _SHIFT counts days from 1 Farvardin of
# the Jalali year -627 (19 whole 33-year cycles before the year 0 that the
# 33-year rule implies, so that n stays positive for every date PostgreSQL
# stores after 6 BC). In a cycle of 33 years (12053 days, 8 leap years at
# year % 33 in 1, 5, 9, 13, 17, 22, 26, 30) the year of day n is
# (33 n + 11) div 12053 and the year y starts on day 365 y + (8 y + 21) div 33;
# both closed forms were checked against the rule for every day of a cycle.
_SHIFT = 732597
_CYCLE_YEARS_SHIFT = 627

_N = f"((d - DATE '2000-01-01') + {_SHIFT})"
_Y = f"((33 * {_N} + 11) / 12053)"
#: 0-based day of the Jalali year (0 = 1 Farvardin, 365 = 30 Esfand of a leap year).
_DOY0 = f"({_N} - 365 * {_Y} - (8 * {_Y} + 21) / 33)"

# The SQL functions are single expressions without STRICT so that PostgreSQL
# inlines them into the calling query (no function call per row); all are
# IMMUTABLE and PARALLEL SAFE, usable in indexes and parallel plans.
SQL_FUNCTIONS = {
    "jalali_day_of_year": f"""
        CREATE OR REPLACE FUNCTION jalali_day_of_year(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {_DOY0} + 1 $$""",
    "jalali_year": f"""
        CREATE OR REPLACE FUNCTION jalali_year(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {_Y} - {_CYCLE_YEARS_SHIFT} $$""",
    "jalali_month": f"""
        CREATE OR REPLACE FUNCTION jalali_month(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN {_DOY0} < 186 THEN {_DOY0} / 31 + 1 ELSE ({_DOY0} - 186) / 30 + 7 END $$""",
    "jalali_quarter": f"""
        CREATE OR REPLACE FUNCTION jalali_quarter(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN {_DOY0} < 186 THEN {_DOY0} / 93 + 1 ELSE ({_DOY0} - 186) / 90 + 3 END $$""",
    "jalali_day": f"""
        CREATE OR REPLACE FUNCTION jalali_day(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN {_DOY0} < 186 THEN {_DOY0} % 31 + 1 ELSE ({_DOY0} - 186) % 30 + 1 END $$""",
    # Arithmetic period starts, valid for every date. PL/pgSQL on purpose:
    # never inlined, they stay one small call node in the grouping functions
    # below, which only reach them outside their lookup table (a large
    # inlined expression would cost PostgreSQL's JIT compiler more than the
    # grouping itself).
    "jalali_year_start_calc": f"""
        CREATE OR REPLACE FUNCTION jalali_year_start_calc(d date) RETURNS date
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN RETURN d - {_DOY0}; END $$""",
    "jalali_quarter_start_calc": f"""
        CREATE OR REPLACE FUNCTION jalali_quarter_start_calc(d date) RETURNS date
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN
        RETURN d - CASE WHEN {_DOY0} < 186 THEN {_DOY0} % 93 ELSE ({_DOY0} - 186) % 90 END; END $$""",
    "jalali_month_start_calc": f"""
        CREATE OR REPLACE FUNCTION jalali_month_start_calc(d date) RETURNS date
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN
        RETURN d - CASE WHEN {_DOY0} < 186 THEN {_DOY0} % 31 ELSE ({_DOY0} - 186) % 30 END; END $$""",
}

#: The lookup tables cover every day of the Jalali years 1300 to 1500.
TABLE_FIRST_DAY = "1921-03-21"  # 1300/01/01
TABLE_END_DAY = "2122-03-21"    # 1501/01/01, excluded

# The grouping functions read the period start of a day from a table of
# 73,414 integers (days since 1300/01/01), built at install from the
# arithmetic above and returned by an IMMUTABLE function without arguments,
# which PostgreSQL evaluates once while planning. Their argument is then
# evaluated once per row: when it is a datetime converted to the user's time
# zone, the costly conversion runs once, where the inlined arithmetic repeats
# it seven times (measured: 3.5 to 5 times the time of Odoo's month grouping).
# Days outside the table fall back to the arithmetic (COALESCE only evaluates
# it then).
LOOKUP_FUNCTIONS = {
    unit: f"""
        CREATE OR REPLACE FUNCTION jalali_{unit}_start(d date) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT COALESCE(DATE '{TABLE_FIRST_DAY}' + (jalali_{unit}_starts())[d - DATE '{TABLE_FIRST_DAY}' + 1],
                        jalali_{unit}_start_calc(d)) $$"""
    for unit in ("year", "quarter", "month")
}

TRUNC_FUNCTION = """
        CREATE OR REPLACE FUNCTION jalali_trunc(unit text, d date) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE unit WHEN 'year' THEN jalali_year_start(d)
                         WHEN 'quarter' THEN jalali_quarter_start(d)
                         WHEN 'month' THEN jalali_month_start(d) END $$"""


class MunicipalityJalali(models.AbstractModel):
    """Installs the Jalali SQL functions (``init`` runs at each install and update)."""

    _name = "municipality.jalali"
    _description = "Jalali calendar in the database"

    def init(self):
        cr = self.env.cr
        for statement in SQL_FUNCTIONS.values():
            cr.execute(statement)
        for unit in ("year", "quarter", "month"):
            cr.execute(SQL(
                """SELECT array_agg(jalali_%s_start_calc(d::date) - %s::date ORDER BY d)::text
                     FROM generate_series(%s::date, %s::date - 1, interval '1 day') AS d""",
                SQL(unit), TABLE_FIRST_DAY, TABLE_FIRST_DAY, TABLE_END_DAY,
            ))
            table = cr.fetchone()[0]
            body = f"BEGIN RETURN '{table}'::integer[]; END"
            cr.execute(SQL(
                "CREATE OR REPLACE FUNCTION jalali_%s_starts() RETURNS integer[] "
                "LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s",
                SQL(unit), body,
            ))
            cr.execute(LOOKUP_FUNCTIONS[unit])
        cr.execute(TRUNC_FUNCTION)


def _jalali_unit(granularity):
    """The Jalali unit of a granularity, None for Odoo's own granularities,
    ValueError for a misspelt Jalali one."""
    if not granularity or not granularity.startswith("jalali_"):
        return None
    if granularity not in JALALI_GRANULARITIES:
        raise ValueError(
            f"Unknown Jalali granularity {granularity!r}: use one of {', '.join(JALALI_GRANULARITIES)}."
        )
    return JALALI_GRANULARITIES[granularity]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


class Base(models.AbstractModel):
    _inherit = "base"

    # ------------------------------------------------------------------
    # SQL
    # ------------------------------------------------------------------

    def _read_group_groupby(self, alias, groupby_spec, query):
        fname, seq_fnames, granularity = parse_read_group_spec(groupby_spec)
        unit = _jalali_unit(granularity)
        if unit is None or seq_fnames:
            # Odoo's granularities; a many2one path comes back here for its last field
            return super()._read_group_groupby(alias, groupby_spec, query)
        field = self._fields.get(fname)
        if field is None:
            raise ValueError(f"Invalid field {fname!r} on model {self._name!r}")
        if field.type not in ("date", "datetime"):
            raise ValueError(f"Jalali granularity on a field that is not a date or datetime: {groupby_spec!r}")
        sql_expr = self._field_to_sql(alias, fname, query)
        if field.type == "datetime":
            # midnight in the context's time zone, as Odoo's own granularities
            sql_expr = SQL("(%s)::date", field.property_to_sql(sql_expr, "tz", self, alias, query))
        if unit == "day":
            start = SQL("(%s)::date", sql_expr)
        elif unit == "week":
            # weeks start on Saturday: two days later is the Monday of an ISO week
            start = SQL("(date_trunc('week', (%s)::date + 2)::date - 2)", sql_expr)
        else:
            start = SQL("jalali_%s_start(%s)", SQL(unit), sql_expr)
        return SQL("%s::timestamp", start) if field.type == "datetime" else start

    # ------------------------------------------------------------------
    # Group ranges and labels
    # ------------------------------------------------------------------

    @api.model
    def _jalali_group_range(self, field, value, unit):
        """``(start, end, label)`` of the Jalali group whose value is ``value``:
        ``start``/``end`` are server-format strings (UTC for a datetime field)."""
        start = _as_date(value)
        end = jalali.add_periods(start, unit, 1)
        label = jalali.period_label(start, unit, persian=get_lang(self.env).code.startswith("fa"))
        if field.type == "date":
            return start.strftime(DEFAULT_SERVER_DATE_FORMAT), end.strftime(DEFAULT_SERVER_DATE_FORMAT), label
        start = datetime.datetime.combine(start, datetime.time.min)
        end = datetime.datetime.combine(end, datetime.time.min)
        tz = self.env.context.get("tz")
        if tz in pytz.all_timezones_set:
            tzinfo = pytz.timezone(tz)
            start = tzinfo.localize(start).astimezone(pytz.utc).replace(tzinfo=None)
            end = tzinfo.localize(end).astimezone(pytz.utc).replace(tzinfo=None)
        return start.strftime(DEFAULT_SERVER_DATETIME_FORMAT), end.strftime(DEFAULT_SERVER_DATETIME_FORMAT), label

    def _jalali_groupby_field(self, groupby_spec):
        """``(field, unit)`` for a Jalali groupby on a field of this model, else ``(None, None)``."""
        fname, seq_fnames, granularity = parse_read_group_spec(groupby_spec)
        unit = _jalali_unit(granularity)
        if unit is None or seq_fnames:
            return None, None
        field = self._fields.get(fname)
        if field is None or field.type not in ("date", "datetime"):
            return None, None
        return field, unit

    def _web_read_group_groupby_formatter(self, groupby_spec, values):
        field, unit = self._jalali_groupby_field(groupby_spec)
        if not field:
            return super()._web_read_group_groupby_formatter(groupby_spec, values)

        def formatter_jalali(value):
            if not value:
                return value, [(field.name, "=", value)]
            start, end, label = self._jalali_group_range(field, value, unit)
            return (start, label), ["&", (field.name, ">=", start), (field.name, "<", end)]

        return formatter_jalali

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        # the deprecated read_group(): label, __range and __domain of Jalali groups
        others = []
        for group in lazy_groupby:
            field, unit = self._jalali_groupby_field(group)
            if not field:
                others.append(group)
                continue
            for row in rows_dict:
                value = row[group]
                if not value:
                    row.setdefault("__range", {})[group] = False
                    row["__domain"] &= DomainCondition(field.name, "=", value)
                    continue
                start, end, label = self._jalali_group_range(field, value, unit)
                row[group] = label
                row.setdefault("__range", {})[group] = {"from": start, "to": end}
                row["__domain"] &= DomainCondition(field.name, ">=", start) & DomainCondition(field.name, "<", end)
        super()._read_group_format_result(rows_dict, others)

    # ------------------------------------------------------------------
    # Empty groups between the existing ones (graph view, fill_temporal)
    # ------------------------------------------------------------------

    def _jalali_fill_values(self, field, unit, existing, fill_from, fill_to, min_groups):
        """Sorted group values (period starts) to show for ``fill_temporal``."""
        existing = sorted(_as_date(value) for value in existing if value)
        start = jalali.period_start(Date.to_date(fill_from), unit) if fill_from else (existing[0] if existing else None)
        end = jalali.period_start(Date.to_date(fill_to), unit) if fill_to else (existing[-1] if existing else None)
        start, end = start or end, end or start
        if not start:
            return []
        if min_groups and min_groups > 0:
            end = max(end, jalali.add_periods(start, unit, min_groups - 1))
        values = set(existing)
        current = start
        while current <= end:
            values.add(current)
            current = jalali.add_periods(current, unit, 1)
        if field.type == "datetime":
            return [datetime.datetime.combine(value, datetime.time.min) for value in sorted(values)]
        return sorted(values)

    @api.model
    def _web_read_group_fill_temporal(self, groups, groupby, aggregates, fill_from=False, fill_to=False, min_groups=False):
        field, unit = self._jalali_groupby_field(groupby[0])
        if not field:
            return super()._web_read_group_fill_temporal(groups, groupby, aggregates, fill_from, fill_to, min_groups)
        values = self._jalali_fill_values(field, unit, [group[0] for group in groups], fill_from, fill_to, min_groups)
        if not values:
            return groups
        empty_item = tuple(self._read_group_empty_value(spec) for spec in tuple(groupby[1:]) + tuple(aggregates))
        by_value = {}
        for group in groups:
            by_value.setdefault(group[0], []).append(group)
        result = []
        for value in values:
            result.extend(by_value.get(value) or [(value, *empty_item)])
        result.extend(by_value.get(False, []) + by_value.get(None, []))
        return result

    def _read_group_fill_temporal(self, data, groupby, annoted_aggregates, fill_from=False, fill_to=False, min_groups=False):
        first_group = groupby[0]
        field, unit = self._jalali_groupby_field(first_group)
        if not field:
            return super()._read_group_fill_temporal(data, groupby, annoted_aggregates, fill_from, fill_to, min_groups)
        values = self._jalali_fill_values(field, unit, [row[first_group] for row in data], fill_from, fill_to, min_groups)
        if not values:
            return data
        empty_item = {name: self._read_group_empty_value(spec) for name, spec in annoted_aggregates.items()}
        for group in groupby[1:]:
            empty_item[group] = self._read_group_empty_value(group)
        by_value = {}
        for row in data:
            by_value.setdefault(row[first_group], []).append(row)
        result = []
        for value in values:
            result.extend(by_value.get(value) or [dict(empty_item, **{first_group: value})])
        result.extend(by_value.get(False, []) + by_value.get(None, []))
        return result


# ----------------------------------------------------------------------
# Relative Jalali filters in domains: ('date.jalali_month_offset', '=', 0)
# ----------------------------------------------------------------------

def _offset_range(model, field, unit, offset):
    today = model._today_in_iran()  # the municipality's day, as the records were dated
    start = jalali.add_periods(jalali.period_start(today, unit), unit, offset)
    return start, jalali.add_periods(start, unit, 1)


@field_type_optimization(["date", "datetime"], level=OptimizationLevel.DYNAMIC_VALUES)
def _optimize_jalali_offset(condition, model):
    """Rewrite ``('<field>.jalali_<unit>_offset', <op>, <int>)`` into a date range.

    The offset counts Jalali periods from the current one (0), in the user's
    time zone: -1 is the previous month / quarter / year. Registered in Odoo's
    domain optimizations, which are shared by every database of the server
    process; only the ``jalali_*_offset`` properties, which exist nowhere else,
    are touched.
    """
    fname, _dot, prop = condition.field_expr.partition(".")
    unit = JALALI_OFFSET_PROPERTIES.get(prop)
    if unit is None:
        if prop.startswith("jalali_"):
            condition._raise(
                "Unknown Jalali filter property %r: use one of %s", prop, ", ".join(JALALI_OFFSET_PROPERTIES),
            )
        return condition
    field = model._fields[fname]
    operator, value = condition.operator, condition.value
    values = value if operator in ("in", "not in") else (value,)
    for offset in values:
        if not isinstance(offset, int) or isinstance(offset, bool):
            condition._raise("A Jalali period offset is a whole number of periods (0 = the current one), got %r", offset)
    if operator in ("in", "not in"):
        domain = DomainCondition(fname, "in", [])  # FALSE
        for offset in values:
            start, end = _offset_range(model, field, unit, offset)
            domain |= DomainCondition(fname, ">=", start) & DomainCondition(fname, "<", end)
        return ~domain if operator == "not in" else domain
    if operator in (">", ">="):
        start, _end = _offset_range(model, field, unit, value + (operator == ">"))
        return DomainCondition(fname, ">=", start)
    if operator in ("<", "<="):
        start, _end = _offset_range(model, field, unit, value + (operator == "<="))
        return DomainCondition(fname, "<", start)
    condition._raise("Operator %r is not supported on a Jalali period offset", operator)
    return condition
