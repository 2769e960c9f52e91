"""Right-to-left XLSX tables for Persian reports, with ``xlsxwriter``.

Every Shahr report that exports to Excel is one or more tables: a title, a few
lines that say what the table covers (fiscal year, period, printed on), a
header row and rows of values, optionally a totals row. ``build_workbook``
writes such tables into an in-memory workbook whose sheets read right to left,
with amounts as real numbers (so the user can sum them in Excel) shown with
thousands separators.
"""

import io
from dataclasses import dataclass, field

import xlsxwriter

FONT = "Vazirmatn"

#: Column kinds and their Excel number formats.
KIND_FORMATS = {
    "text": None,
    "amount": "#,##0;[Red]-#,##0",
    "integer": "0",
    "decimal": "#,##0.0",
    "percent": "0.0%",
}


@dataclass
class Column:
    header: str
    kind: str = "text"
    width: int = 16

    def __post_init__(self):
        if self.kind not in KIND_FORMATS:
            raise ValueError(f"unknown column kind {self.kind!r}; expected one of {sorted(KIND_FORMATS)}")


@dataclass
class Table:
    """One sheet: ``rows`` are sequences with one value per column; ``totals``
    (optional) is one more such row, printed in bold under a line."""

    sheet_name: str
    title: str
    columns: list
    rows: list
    subtitle_lines: list = field(default_factory=list)
    totals: list = None


def build_workbook(tables):
    """Return the bytes of an .xlsx file with one right-to-left sheet per table."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    base = {"font_name": FONT, "font_size": 10, "reading_order": 2}
    title_format = workbook.add_format({**base, "bold": True, "font_size": 14})
    subtitle_format = workbook.add_format({**base, "italic": True})
    header_format = workbook.add_format({
        **base, "bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True, "valign": "vcenter",
        "align": "center"})
    cell_formats = {}
    total_formats = {}
    for kind, number_format in KIND_FORMATS.items():
        props = {**base, "border": 1}
        if number_format:
            props["num_format"] = number_format
        cell_formats[kind] = workbook.add_format(props)
        total_formats[kind] = workbook.add_format({**props, "bold": True, "top": 2})

    used_names = set()
    for table in tables:
        worksheet = workbook.add_worksheet(_sheet_name(table.sheet_name, used_names))
        worksheet.right_to_left()
        worksheet.write(0, 0, table.title, title_format)
        row = 1
        for line in table.subtitle_lines:
            worksheet.write(row, 0, line, subtitle_format)
            row += 1
        row += 1
        for col, column in enumerate(table.columns):
            worksheet.set_column(col, col, column.width)
            worksheet.write(row, col, column.header, header_format)
        worksheet.freeze_panes(row + 1, 0)
        header_row = row
        for values in table.rows:
            row += 1
            _write_row(worksheet, row, table.columns, values, cell_formats)
        if table.rows:
            worksheet.autofilter(header_row, 0, row, len(table.columns) - 1)
        if table.totals is not None:
            row += 1
            _write_row(worksheet, row, table.columns, table.totals, total_formats)
    workbook.close()
    return buffer.getvalue()


def _write_row(worksheet, row, columns, values, formats):
    if len(values) != len(columns):
        raise ValueError(f"row {row} has {len(values)} values for {len(columns)} columns")
    for col, (column, value) in enumerate(zip(columns, values)):
        cell_format = formats[column.kind]
        if value is None or value is False:
            worksheet.write_blank(row, col, None, cell_format)
        elif column.kind == "text":
            worksheet.write_string(row, col, str(value), cell_format)
        else:
            worksheet.write_number(row, col, value, cell_format)


def _sheet_name(name, used_names):
    """Excel limits sheet names to 31 characters without []:*?/\\ and unique."""
    cleaned = "".join("-" if char in "[]:*?/\\" else char for char in name)[:31] or "Sheet"
    candidate, counter = cleaned, 2
    while candidate.lower() in used_names:
        suffix = f" ({counter})"
        candidate = cleaned[:31 - len(suffix)] + suffix
        counter += 1
    used_names.add(candidate.lower())
    return candidate
