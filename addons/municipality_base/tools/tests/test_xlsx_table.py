import io
import zipfile

import pytest

from municipality_base_tools.xlsx_table import Column, Table, build_workbook


def _sheet_xml(data, index=1):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def _shared_strings(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/sharedStrings.xml").decode()


def test_sheet_is_right_to_left_with_persian_headers_and_numbers():
    table = Table(
        sheet_name="تراز", title="تراز آزمایشی ۱۴۰۴",
        subtitle_lines=["از ۱۴۰۴/۰۱/۰۱ تا ۱۴۰۴/۱۲/۲۹"],
        columns=[Column("کد حساب"), Column("مانده", "amount")],
        rows=[["601001", 1250000], ["801001", -300]],
        totals=["جمع", 1249700],
    )
    data = build_workbook([table])
    sheet = _sheet_xml(data)
    assert 'rightToLeft="1"' in sheet
    assert "<v>1250000</v>" in sheet and "<v>-300</v>" in sheet and "<v>1249700</v>" in sheet
    strings = _shared_strings(data)
    for text in ("تراز آزمایشی ۱۴۰۴", "کد حساب", "مانده", "جمع", "601001"):
        assert text in strings


def test_one_sheet_per_table_with_unique_clean_names():
    columns = [Column("a")]
    data = build_workbook([Table("a/b", "t", columns, [["x"]]), Table("a/b", "t", columns, [["y"]])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    assert 'name="a-b"' in workbook and 'name="a-b (2)"' in workbook


def test_row_of_wrong_width_is_refused():
    with pytest.raises(ValueError, match="2 values for 1 columns"):
        build_workbook([Table("s", "t", [Column("a")], [["x", "y"]])])


def test_unknown_column_kind_is_refused():
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("a", "money")


def test_empty_values_are_blank_cells_not_zero():
    data = build_workbook([Table("s", "t", [Column("a"), Column("b", "amount")], [["x", None]])])
    sheet = _sheet_xml(data)
    assert '<c r="B4" s="4"/>' in sheet  # a styled cell with no value
