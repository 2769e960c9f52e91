"""The social-security monthly list as two dBase III files (no Odoo import):
DSKKAR00.DBF, the workshop header with the month's totals, and DSKWOR00.DBF,
one row per insured person (DOMAIN.md §6 "Statutory lists").

Written with the ``dbf`` package (pinned in requirements.txt), which writes
dBase III tables with a language-driver byte: 0x7E, Windows-1256, the code
page of the Social Security Organization's template. It fits: the list is
two flat tables of C and N fields, no memo, no index; writing dBase by hand
with ``struct`` would repeat what the package does.

**Layout.** DOMAIN.md §6 gives the field names and order, not their types
and widths; ``KAR_LAYOUT`` and ``WOR_LAYOUT`` are those of the ListDisk
template as public list writers reproduce it (numeric widths agree among
them; text widths differ, 30 to 100, and DSW_ID1 is 8 or 10: 10 here, which
holds both old and new insurance numbers). So the layout is a setting of the
workshop: ``widths`` overrides the width of any field, ``extra_columns``
adds DSW_INC and/or DSW_SPOUSE, which some programs write.

**Text.** Windows-1256 has no Persian yeh: «ی» becomes «ي» (and «ۀ» «ه»),
digits are written in ASCII, and the characters ``" ' < > &`` are removed
(DOMAIN.md §6). A character the code page lacks is refused, naming the
field. Identity fields (names, numbers) longer than their width are
refused; free text (address, description, occupation, place of issue) is
cut to its width.

**Encodings.** ``cp1256`` (Windows-1256) or ``iran_system``: the DOS code
page with contextual letter forms stored in visual order (``tools.iran_system``,
its sources in its docstring). An Iran System file keeps the header's
language-driver byte 0x7E, as the published lists do; its text fields hold
Iran System bytes (Persian text shaped and right to left; a field without a
Persian letter, a number or a code, in ASCII). Widths count bytes, as for
Windows-1256; a cut field loses letters at its logical end.

**Unit.** Amounts come in the company currency (rials); ``amount_divisor``
(a setting: 10 for tomans, 10,000 for the new rial of the 2025 law,
DOMAIN.md §6 "Redenomination") divides each amount of a row, rounded to the
nearest unit, the monthly wage staying daily wage × days and the insurable
total their sum; the header totals are the sums of the rows.

**Dates** are Jalali ``YYYYMMDD`` without separators (1404/07/16 →
``14040716``), from Gregorian ``datetime.date`` values. Years in DSK_YY and
DSW_YY are two digits (1404 → 4, shown ``04`` by the list program).
"""

import datetime
import os
import tempfile
from decimal import Decimal

import dbf

try:
    from odoo.addons.municipality_base.tools.digits import normalize_digits
    from odoo.addons.municipality_base.tools.jalali import format_jalali, month_length
except ImportError:  # pytest (conftest.py) loads each tools package alone, as <addon>_tools, without Odoo
    from municipality_base_tools.digits import normalize_digits
    from municipality_base_tools.jalali import format_jalali, month_length

from . import iran_system
from .payroll import round_rial

KAR_FILE = "DSKKAR00.DBF"
WOR_FILE = "DSKWOR00.DBF"

ENCODINGS = ("cp1256", "iran_system")
#: The code page named in the files' header (language-driver byte 0x7E) and through which the ``dbf``
#: package writes the text: Windows-1256 maps every byte, so Iran System bytes pass through it unchanged.
TABLE_CODEPAGE = {"cp1256": "cp1256", "iran_system": "cp1256"}

KAR_LAYOUT = (
    ("DSK_ID", "C", 10),      # workshop code
    ("DSK_NAME", "C", 30),    # workshop name
    ("DSK_FARM", "C", 30),    # employer's name
    ("DSK_ADRS", "C", 40),    # workshop address
    ("DSK_KIND", "N", 1),     # kind of list: 0 = normal
    ("DSK_YY", "N", 2),       # year, two digits
    ("DSK_MM", "N", 2),       # month
    ("DSK_LISTNO", "C", 12),  # list number
    ("DSK_DISC", "C", 30),    # description
    ("DSK_NUM", "N", 5),      # number of insured persons
    ("DSK_TDD", "N", 6),      # total insured days
    ("DSK_TROOZ", "N", 12),   # total daily wages
    ("DSK_TMAH", "N", 12),    # total monthly wages
    ("DSK_TMAZ", "N", 12),    # total insurable benefits
    ("DSK_TMASH", "N", 12),   # total insurable wages and benefits
    ("DSK_TTOTL", "N", 12),   # total wages and benefits, insurable or not
    ("DSK_TBIME", "N", 12),   # total employees' share
    ("DSK_TKOSO", "N", 12),   # total employer's share
    ("DSK_BIC", "N", 12),     # total unemployment insurance
    ("DSK_RATE", "N", 5),     # insurance rate of the workshop
    ("DSK_PRATE", "N", 2),    # contract percentage rate
    ("DSK_BIMH", "N", 12),    # premium of hard and harmful jobs
    ("MON_PYM", "C", 3),      # contract row
)

WOR_LAYOUT = (
    ("DSW_ID", "C", 10),      # workshop code
    ("DSW_YY", "N", 2),
    ("DSW_MM", "N", 2),
    ("DSW_LISTNO", "C", 12),
    ("DSW_ID1", "C", 10),     # insurance number (8 digits in older lists, 10 in newer ones)
    ("DSW_FNAME", "C", 50),
    ("DSW_LNAME", "C", 50),
    ("DSW_DNAME", "C", 50),   # father's name
    ("DSW_IDNO", "C", 15),    # birth certificate number
    ("DSW_IDPLC", "C", 30),   # place of issue
    ("DSW_IDATE", "C", 8),    # date of issue
    ("DSW_BDATE", "C", 8),    # date of birth
    ("DSW_SEX", "C", 3),      # مرد / زن
    ("DSW_NAT", "C", 10),     # nationality
    ("DSW_OCP", "C", 50),     # occupation
    ("DSW_SDATE", "C", 8),    # start of work
    ("DSW_EDATE", "C", 8),    # end of work
    ("DSW_DD", "N", 2),       # insured days
    ("DSW_ROOZ", "N", 12),    # daily wage
    ("DSW_MAH", "N", 12),     # monthly wage = daily wage × days
    ("DSW_MAZ", "N", 12),     # insurable benefits
    ("DSW_MASH", "N", 12),    # insurable wage and benefits
    ("DSW_TOTL", "N", 12),    # all wages and benefits
    ("DSW_BIME", "N", 12),    # employee's share
    ("DSW_PRATE", "N", 2),    # contract percentage rate
    ("DSW_JOB", "C", 6),      # job code
    ("PER_NATCOD", "C", 10),  # national ID
)

EXTRA_COLUMNS = {
    "DSW_INC": ("N", 12),     # some programs: an increase
    "DSW_SPOUSE": ("C", 10),  # some programs: the spouse's national ID
}

CUT_TO_WIDTH = {"DSK_ADRS", "DSK_DISC", "DSW_OCP", "DSW_IDPLC"}

SEX = {"male": "مرد", "female": "زن"}

_REMOVED = str.maketrans("", "", "\"'<>&")
_CP1256 = str.maketrans({"ی": "ي", "ۀ": "ه", "ى": "ي"})


# ---------------------------------------------------------------- values

def list_text(value, field, width, encoding="cp1256"):
    """``value`` as the list writes it: cleaned for the code page, within ``width``."""
    check_encoding(encoding)
    if value is None or value is False:
        return ""
    if encoding == "iran_system":
        return _iran_system_text(value, field, width)
    text = " ".join(normalize_digits(str(value)).translate(_REMOVED).translate(_CP1256).split())
    try:
        encoded = text.encode(encoding)
    except UnicodeEncodeError as error:
        raise ValueError(f"{field}: {text[error.start]!r} cannot be written in {encoding} ({text!r}).") from None
    if len(encoded) > width:
        if field not in CUT_TO_WIDTH:
            raise ValueError(f"{field} holds {width} characters; {text!r} has {len(encoded)}.")
        text = encoded[:width].decode(encoding).rstrip()
    return text


def _iran_system_text(value, field, width):
    """``value`` in Iran System bytes within ``width``, as the text the ``dbf`` package writes through
    Windows-1256 (byte for byte)."""
    text = " ".join(normalize_digits(str(value)).translate(_REMOVED).split())
    try:
        encoded = iran_system.encode(text)
    except ValueError as error:
        raise ValueError(f"{field}: {error} ({text!r}).") from None
    if len(encoded) > width:
        if field not in CUT_TO_WIDTH:
            raise ValueError(f"{field} holds {width} characters; {text!r} has {len(encoded)}.")
        while text and len(encoded) > width:  # cut the logical end: the visual one is the start of the text
            text = text[:-1].rstrip()
            encoded = iran_system.encode(text)
    return encoded.decode("cp1256")


def list_number(value, field, width):
    """A whole, non-negative number that fits ``width`` digits."""
    if value is None:
        value = 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{field} must be a whole number, got {value!r}.")
    if value < 0:
        raise ValueError(f"{field} cannot be negative, got {value}.")
    if len(str(value)) > width:
        raise ValueError(f"{field} holds {width} digits; {value} has {len(str(value))}.")
    return value


def list_date(value, field):
    """A Gregorian date as Jalali ``YYYYMMDD``; empty when there is none."""
    if value is None or value is False or value == "":
        return ""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ValueError(f"{field} must be a date, got {value!r}.")
    return format_jalali(value, "%Y%m%d")


def check_encoding(encoding):
    if encoding not in ENCODINGS:
        raise ValueError(f"Unknown encoding {encoding!r} for the insurance list; use one of {', '.join(ENCODINGS)}.")


def layouts(widths=None, extra_columns=()):
    """The (KAR, WOR) layouts of a workshop: the defaults with its widths and extra columns."""
    widths = dict(widths or {})
    unknown_extra = sorted(set(extra_columns) - set(EXTRA_COLUMNS))
    if unknown_extra:
        raise ValueError(f"Unknown extra column(s) {', '.join(unknown_extra)}; "
                         f"the list may add {', '.join(EXTRA_COLUMNS)}.")
    wor = WOR_LAYOUT + tuple((name, *EXTRA_COLUMNS[name]) for name in EXTRA_COLUMNS if name in extra_columns)
    known = {name for name, _type, _width in KAR_LAYOUT + wor}
    unknown = sorted(set(widths) - known)
    if unknown:
        raise ValueError(f"Unknown field(s) {', '.join(unknown)} in the list layout.")
    for name, width in widths.items():
        if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= 254:
            raise ValueError(f"The width of {name} must be 1 to 254, got {width!r}.")

    def apply(layout):
        return tuple((name, kind, widths.get(name, width)) for name, kind, width in layout)
    return apply(KAR_LAYOUT), apply(wor)


# ---------------------------------------------------------------- rows

def insurance_amounts(slip):
    """The list's amounts of one person from a ``payslip.compute_payslip`` result."""
    return {
        "days": slip["insurance_days"], "daily_wage": slip["daily_wage"],
        "monthly_wage": slip["insurable_wage"], "benefits": slip["insurable_benefits"],
        "insurable": slip["insurable"], "total": slip["gross"],
        "employee_share": slip["insurance"].get("employee", 0),
        "employer_share": slip["insurance"].get("employer", 0),
        "unemployment_share": slip["insurance"].get("unemployment", 0),
    }


def _two_digit_year(year):
    return year % 100


def _scaled(row, divisor):
    """The row's amounts divided by ``divisor``, keeping MAH = ROOZ × DD and MASH = MAH + MAZ."""
    if divisor == 1:
        return row
    row = dict(row)
    for field in ("DSW_ROOZ", "DSW_MAZ", "DSW_TOTL", "DSW_BIME", "DSW_INC"):
        if field in row:
            row[field] = round_rial(Decimal(row[field]) / divisor)
    row["DSW_MAH"] = row["DSW_ROOZ"] * row["DSW_DD"]
    row["DSW_MASH"] = row["DSW_MAH"] + row["DSW_MAZ"]
    return row


def _check_divisor(divisor):
    if isinstance(divisor, bool) or not isinstance(divisor, int) or divisor < 1:
        raise ValueError(f"The amount divisor of the list must be a whole number, 1 or more, got {divisor!r}.")
    return divisor


def worker_rows(workshop, people, year, month, list_no="01", encoding="cp1256", widths=None, extra_columns=(),
                amount_divisor=1):
    """The DSKWOR00 rows (dicts by field name) of ``people``.

    Each person is a dict: ``insurance_number``, ``first_name``,
    ``last_name``, ``father_name``, ``id_number``, ``id_place``, ``id_date``,
    ``birth_date``, ``sex`` ("male"/"female"), ``nationality``,
    ``occupation``, ``start_date``, ``end_date`` (dates: Gregorian
    ``datetime.date`` or None), ``job_code``, ``national_id``, and the
    amounts of ``insurance_amounts`` (``days``, ``daily_wage``,
    ``monthly_wage``, ``benefits``, ``insurable``, ``total``,
    ``employee_share``); optional ``prate``, ``income`` (DSW_INC),
    ``spouse`` (DSW_SPOUSE). ``amount_divisor``: see the module's "Unit".
    """
    _check_divisor(amount_divisor)
    _kar, wor = layouts(widths, extra_columns)
    width = {name: size for name, _kind, size in wor}
    days_in_month = month_length(year, month)
    rows = []
    for index, person in enumerate(people, start=1):
        who = f"row {index}"
        if person.get("national_id") or person.get("last_name"):
            who = f"row {index} ({person.get('national_id') or person.get('last_name')})"

        def text(field, key):
            try:
                return list_text(person.get(key), field, width[field], encoding)
            except ValueError as error:
                raise ValueError(f"Insurance list, {who}: {error}") from None

        def number(field, key):
            try:
                return list_number(person.get(key, 0), field, width[field])
            except ValueError as error:
                raise ValueError(f"Insurance list, {who}: {error}") from None

        def date(field, key):
            try:
                return list_date(person.get(key), field)
            except ValueError as error:
                raise ValueError(f"Insurance list, {who}: {error}") from None

        sex = person.get("sex")
        if sex not in (None, "", *SEX):
            raise ValueError(f"Insurance list, {who}: sex must be 'male' or 'female', got {sex!r}.")
        row = {
            "DSW_ID": list_text(workshop.get("code"), "DSW_ID", width["DSW_ID"], encoding),
            "DSW_YY": _two_digit_year(year), "DSW_MM": month,
            "DSW_LISTNO": list_text(list_no, "DSW_LISTNO", width["DSW_LISTNO"], encoding),
            "DSW_ID1": text("DSW_ID1", "insurance_number"),
            "DSW_FNAME": text("DSW_FNAME", "first_name"),
            "DSW_LNAME": text("DSW_LNAME", "last_name"),
            "DSW_DNAME": text("DSW_DNAME", "father_name"),
            "DSW_IDNO": text("DSW_IDNO", "id_number"),
            "DSW_IDPLC": text("DSW_IDPLC", "id_place"),
            "DSW_IDATE": date("DSW_IDATE", "id_date"),
            "DSW_BDATE": date("DSW_BDATE", "birth_date"),
            "DSW_SEX": list_text(SEX.get(sex, ""), "DSW_SEX", width["DSW_SEX"], encoding),
            "DSW_NAT": text("DSW_NAT", "nationality"),
            "DSW_OCP": text("DSW_OCP", "occupation"),
            "DSW_SDATE": date("DSW_SDATE", "start_date"),
            "DSW_EDATE": date("DSW_EDATE", "end_date"),
            "DSW_DD": number("DSW_DD", "days"),
            "DSW_ROOZ": number("DSW_ROOZ", "daily_wage"),
            "DSW_MAH": number("DSW_MAH", "monthly_wage"),
            "DSW_MAZ": number("DSW_MAZ", "benefits"),
            "DSW_MASH": number("DSW_MASH", "insurable"),
            "DSW_TOTL": number("DSW_TOTL", "total"),
            "DSW_BIME": number("DSW_BIME", "employee_share"),
            "DSW_PRATE": number("DSW_PRATE", "prate"),
            "DSW_JOB": text("DSW_JOB", "job_code"),
            "PER_NATCOD": text("PER_NATCOD", "national_id"),
        }
        if "DSW_INC" in width:
            row["DSW_INC"] = number("DSW_INC", "income")
        if "DSW_SPOUSE" in width:
            row["DSW_SPOUSE"] = text("DSW_SPOUSE", "spouse")
        if row["DSW_DD"] > days_in_month:
            raise ValueError(f"Insurance list, {who}: {row['DSW_DD']} insured days in a month of {days_in_month}.")
        if row["DSW_MAH"] + row["DSW_MAZ"] != row["DSW_MASH"]:
            raise ValueError(f"Insurance list, {who}: the insurable total {row['DSW_MASH']} is not the monthly "
                             f"wage {row['DSW_MAH']} plus the benefits {row['DSW_MAZ']}.")
        rows.append(_scaled(row, amount_divisor))
    return rows


def workshop_row(workshop, rows, year, month, list_no="01", encoding="cp1256", widths=None,
                 employer_share=0, unemployment_share=0):
    """The single DSKKAR00 row: the workshop and the totals of the DSKWOR00 ``rows``.

    ``workshop``: ``code``, ``name``, ``employer``, ``address``,
    ``description``, ``rate`` (DSK_RATE), optional ``kind`` (0),
    ``prate`` (0), ``hard_jobs_premium`` (DSK_BIMH, 0), ``contract_row``
    (MON_PYM, "000"). ``employer_share`` and ``unemployment_share`` are the
    month's totals (DSK_TKOSO, DSK_BIC), which the person rows do not carry.
    """
    kar, _wor = layouts(widths)
    width = {name: size for name, _kind, size in kar}

    def text(field, value):
        return list_text(value, field, width[field], encoding)

    def number(field, value):
        return list_number(value, field, width[field])

    def total(field):
        return sum(row[field] for row in rows)

    return {
        "DSK_ID": text("DSK_ID", workshop.get("code")),
        "DSK_NAME": text("DSK_NAME", workshop.get("name")),
        "DSK_FARM": text("DSK_FARM", workshop.get("employer")),
        "DSK_ADRS": text("DSK_ADRS", workshop.get("address")),
        "DSK_KIND": number("DSK_KIND", workshop.get("kind", 0)),
        "DSK_YY": _two_digit_year(year), "DSK_MM": month,
        "DSK_LISTNO": text("DSK_LISTNO", list_no),
        "DSK_DISC": text("DSK_DISC", workshop.get("description")),
        "DSK_NUM": number("DSK_NUM", len(rows)),
        "DSK_TDD": number("DSK_TDD", total("DSW_DD")),
        "DSK_TROOZ": number("DSK_TROOZ", total("DSW_ROOZ")),
        "DSK_TMAH": number("DSK_TMAH", total("DSW_MAH")),
        "DSK_TMAZ": number("DSK_TMAZ", total("DSW_MAZ")),
        "DSK_TMASH": number("DSK_TMASH", total("DSW_MASH")),
        "DSK_TTOTL": number("DSK_TTOTL", total("DSW_TOTL")),
        "DSK_TBIME": number("DSK_TBIME", total("DSW_BIME")),
        "DSK_TKOSO": number("DSK_TKOSO", employer_share),
        "DSK_BIC": number("DSK_BIC", unemployment_share),
        "DSK_RATE": number("DSK_RATE", workshop.get("rate", 0)),
        "DSK_PRATE": number("DSK_PRATE", workshop.get("prate", 0)),
        "DSK_BIMH": number("DSK_BIMH", workshop.get("hard_jobs_premium", 0)),
        "MON_PYM": text("MON_PYM", workshop.get("contract_row") or "000"),
    }


# ---------------------------------------------------------------- files

def _spec(layout):
    return "; ".join(f"{name} {kind}({width}{',0' if kind == 'N' else ''})" for name, kind, width in layout)


def _write_table(path, layout, rows, encoding):
    table = dbf.Table(path, _spec(layout), dbf_type="db3", codepage=TABLE_CODEPAGE[encoding])
    table.open(dbf.READ_WRITE)
    try:
        for row in rows:
            table.append({name: row[name] for name, _kind, _width in layout})
    finally:
        table.close()


def insurance_list_files(workshop, people, year, month, list_no="01", encoding="cp1256",
                         widths=None, extra_columns=(), amount_divisor=1):
    """Write the month's list: returns ``{"DSKKAR00.DBF": bytes, "DSKWOR00.DBF": bytes}``.

    ``workshop`` and ``people`` as ``workshop_row`` and ``worker_rows`` take
    them; ``encoding``, ``widths``, ``extra_columns`` and ``amount_divisor``
    are the workshop's settings. Everything is checked before anything is written: bad input
    raises ``ValueError`` and no file is produced.
    """
    check_encoding(encoding)
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"Month {month!r} does not exist: a Jalali month is 1 to 12.")
    if not workshop or not workshop.get("code"):
        raise ValueError("The insurance list needs the workshop's code.")
    people = list(people)
    if not people:
        raise ValueError("The insurance list has nobody on it.")
    kar_layout, wor_layout = layouts(widths, extra_columns)
    rows = worker_rows(workshop, people, year, month, list_no, encoding, widths, extra_columns, amount_divisor)
    shares = {key: round_rial(Decimal(sum(list_number(person.get(key, 0), key, 12) for person in people))
                              / amount_divisor)
              for key in ("employer_share", "unemployment_share")}
    header = workshop_row(workshop, rows, year, month, list_no, encoding, widths, **shares)
    with tempfile.TemporaryDirectory(prefix="shahr_dsk_") as folder:
        files = {}
        for name, layout, table_rows in ((KAR_FILE, kar_layout, [header]), (WOR_FILE, wor_layout, rows)):
            path = os.path.join(folder, name)
            _write_table(path, layout, table_rows, encoding)
            with open(path, "rb") as handle:
                files[name] = handle.read()
    return files
