"""The social-security list written as DSKKAR00.DBF / DSKWOR00.DBF and read back with dbfread."""

import datetime

import pytest
from dbfread import DBF

from municipality_base_tools.jalali import from_jalali
from municipality_hr_tools.dbf_lists import (
    KAR_FILE, KAR_LAYOUT, WOR_FILE, WOR_LAYOUT, insurance_amounts, insurance_list_files, layouts, list_text)
from municipality_hr_tools.iran_system import decode
from municipality_hr_tools.payslip import compute_payslip

from hr_payroll_examples import PARAMS_1404, WORKER, staff, whole

WORKSHOP = {"code": "9912345678", "name": "شهرداری نمونه", "employer": "شهرداری نمونه",
            "address": "خیابان امام، ساختمان شماره ۱۲", "description": "لیست فروردین", "rate": 23}


def people():
    """Farvardin 1404: the minimum-wage worker all month (31 insured days) and
    an employee hired on the 16th (16 insured days)."""
    worker = compute_payslip(1404, 1, whole(31, WORKER), PARAMS_1404)
    hired = compute_payslip(1404, 1, [{"first_day": 16, "last_day": 31, "items": staff(300_000_000, 150_000_000)}],
                            PARAMS_1404)
    return [
        dict(insurance_amounts(worker), insurance_number="12345678", first_name="علی", last_name="رضایی",
             father_name="حسین", id_number="۱۲۳۴", id_place="تهران", id_date=from_jalali(1385, 3, 1),
             birth_date=from_jalali(1370, 5, 20), sex="male", nationality="ایرانی",
             occupation='کارگر "خدمات"', start_date=None, end_date=None, job_code="000255",
             national_id="0012345679"),
        dict(insurance_amounts(hired), insurance_number="87654321", first_name="مریم", last_name="کریمی",
             father_name="یوسف", id_number="5678", id_place="شیراز", id_date=from_jalali(1390, 1, 10),
             birth_date=from_jalali(1375, 12, 29), sex="female", nationality="ایرانی",
             occupation="کارشناس", start_date=from_jalali(1404, 1, 16), end_date=None, job_code="012345",
             national_id="0023456781"),
    ]


def read(files, name, tmp_path):
    path = tmp_path / name
    path.write_bytes(files[name])
    return DBF(str(path), load=True)


def test_fields_types_and_widths(tmp_path):
    files = insurance_list_files(WORKSHOP, people(), 1404, 1)
    for name, layout in ((KAR_FILE, KAR_LAYOUT), (WOR_FILE, WOR_LAYOUT)):
        table = read(files, name, tmp_path)
        assert [(field.name, field.type, field.length) for field in table.fields] == list(layout)
        assert table.encoding == "cp1256"
        assert files[name][0] == 0x03 and files[name][29] == 0x7E   # dBase III, language driver Windows-1256
    assert len(read(files, KAR_FILE, tmp_path).records) == 1
    assert len(read(files, WOR_FILE, tmp_path).records) == 2


def test_rows_dates_and_encoding(tmp_path):
    files = insurance_list_files(WORKSHOP, people(), 1404, 1)
    worker, hired = read(files, WOR_FILE, tmp_path).records
    assert (worker["DSW_ID"], worker["DSW_YY"], worker["DSW_MM"], worker["DSW_LISTNO"]) == ("9912345678", 4, 1, "01")
    # Persian yeh written as Arabic yeh (the code page has no other), digits in ASCII, quotes removed
    assert worker["DSW_FNAME"] == "علي" and worker["DSW_DNAME"] == "حسين" and worker["DSW_LNAME"] == "رضايي"
    assert worker["DSW_IDNO"] == "1234"
    assert worker["DSW_OCP"] == "کارگر خدمات"
    assert worker["DSW_SEX"] == "مرد" and hired["DSW_SEX"] == "زن"
    # dates: Jalali, 8 digits, no separators
    assert worker["DSW_BDATE"] == "13700520" and worker["DSW_IDATE"] == "13850301"
    assert hired["DSW_SDATE"] == "14040116" and hired["DSW_BDATE"] == "13751229"
    assert worker["DSW_SDATE"] == "" and worker["DSW_EDATE"] == ""
    assert "ی".encode("utf-8") not in files[WOR_FILE] and b"\xed" in files[WOR_FILE]
    assert "علي".encode("cp1256") in files[WOR_FILE]
    # the worker: 31 insured days at 3,557,656 = 110,287,336 + 36,000,000 benefits
    assert (worker["DSW_DD"], worker["DSW_ROOZ"], worker["DSW_MAH"], worker["DSW_MAZ"], worker["DSW_MASH"]) == (
        31, 3_557_656, 110_287_336, 36_000_000, 146_287_336)
    assert worker["DSW_TOTL"] == 153_120_648 and worker["DSW_BIME"] == 10_240_114   # 7 % = 10,240,113.52
    # hired on the 16th: 16 days at 10,000,000 = 160,000,000 + job 75,000,000 (15 wage days)
    assert (hired["DSW_DD"], hired["DSW_ROOZ"], hired["DSW_MAH"], hired["DSW_MAZ"], hired["DSW_MASH"]) == (
        16, 10_000_000, 160_000_000, 75_000_000, 235_000_000)
    assert hired["DSW_TOTL"] == 225_000_000 and hired["DSW_BIME"] == 16_450_000
    assert hired["DSW_JOB"] == "012345" and hired["PER_NATCOD"] == "0023456781" and hired["DSW_ID1"] == "87654321"


def test_header_totals(tmp_path):
    files = insurance_list_files(WORKSHOP, people(), 1404, 1, list_no="02")
    (header,) = read(files, KAR_FILE, tmp_path).records
    assert (header["DSK_ID"], header["DSK_YY"], header["DSK_MM"], header["DSK_LISTNO"]) == ("9912345678", 4, 1, "02")
    assert header["DSK_NAME"] == "شهرداري نمونه" and header["DSK_KIND"] == 0
    assert header["DSK_ADRS"] == "خيابان امام، ساختمان شماره 12"
    assert header["DSK_NUM"] == 2
    assert header["DSK_TDD"] == 47                          # 31 + 16
    assert header["DSK_TROOZ"] == 13_557_656                # 3,557,656 + 10,000,000
    assert header["DSK_TMAH"] == 270_287_336                # 110,287,336 + 160,000,000
    assert header["DSK_TMAZ"] == 111_000_000                # 36,000,000 + 75,000,000
    assert header["DSK_TMASH"] == 381_287_336
    assert header["DSK_TTOTL"] == 378_120_648               # 153,120,648 + 225,000,000
    assert header["DSK_TBIME"] == 26_690_114                # 10,240,114 + 16,450,000
    # employer 20 %: 29,257,467.2 → 29,257,467 + 47,000,000; unemployment 3 %: 4,388,620.08 → 4,388,620 + 7,050,000
    assert header["DSK_TKOSO"] == 76_257_467
    assert header["DSK_BIC"] == 11_438_620
    assert header["DSK_RATE"] == 23 and header["DSK_PRATE"] == 0 and header["DSK_BIMH"] == 0
    assert header["MON_PYM"] == "000"


def test_workshop_layout_settings(tmp_path):
    crowd = people()
    crowd[0]["income"] = 1_000_000
    crowd[0]["spouse"] = "0034567892"
    files = insurance_list_files(WORKSHOP, crowd, 1404, 1, widths={"DSW_ID1": 8, "DSK_ADRS": 12},
                                 extra_columns=("DSW_SPOUSE", "DSW_INC"))
    table = read(files, WOR_FILE, tmp_path)
    fields = [(field.name, field.type, field.length) for field in table.fields]
    assert fields[-2:] == [("DSW_INC", "N", 12), ("DSW_SPOUSE", "C", 10)]
    assert ("DSW_ID1", "C", 8) in fields
    assert table.records[0]["DSW_INC"] == 1_000_000 and table.records[0]["DSW_SPOUSE"] == "0034567892"
    assert table.records[1]["DSW_INC"] == 0
    # free text is cut to the workshop's width
    assert read(files, KAR_FILE, tmp_path).records[0]["DSK_ADRS"] == "خيابان امام،"


def test_layouts_refuse_unknown_settings():
    with pytest.raises(ValueError, match="Unknown extra column"):
        layouts(extra_columns=("DSW_BONUS",))
    with pytest.raises(ValueError, match="Unknown field"):
        layouts(widths={"DSW_NOPE": 3})
    with pytest.raises(ValueError, match="1 to 254"):
        layouts(widths={"DSW_FNAME": 0})


def test_list_text():
    assert list_text("  علی   اکبری ", "DSW_FNAME", 50) == "علي اکبري"
    assert list_text("<a & 'b'>", "DSW_OCP", 50) == "a b"
    assert list_text(None, "DSW_OCP", 50) == ""
    assert list_text("۰۱۲", "DSW_IDNO", 15) == "012"


@pytest.mark.parametrize(("change", "message"), [
    (lambda crowd: crowd[0].update(first_name="ع" * 51), "DSW_FNAME holds 50 characters"),
    (lambda crowd: crowd[0].update(last_name="王"), "cannot be written in cp1256"),
    (lambda crowd: crowd[0].update(benefits=-5), "cannot be negative"),
    (lambda crowd: crowd[0].update(daily_wage=10 ** 12), "holds 12 digits"),
    (lambda crowd: crowd[0].update(insurable=1), "not the monthly wage"),
    (lambda crowd: crowd[0].update(days=32), "32 insured days in a month of 31"),
    (lambda crowd: crowd[0].update(sex="m"), "sex must be"),
    (lambda crowd: crowd[0].update(birth_date="1370/05/20"), "must be a date"),
    (lambda crowd: crowd[0].update(insurance_number="12345678901"), "DSW_ID1 holds 10"),
    (lambda crowd: crowd.clear(), "nobody on it"),
])
def test_bad_rows_are_refused(change, message):
    crowd = people()
    change(crowd)
    with pytest.raises(ValueError, match=message):
        insurance_list_files(WORKSHOP, crowd, 1404, 1)


def test_iran_system_files_read_back(tmp_path):
    files = insurance_list_files(WORKSHOP, people(), 1404, 1, encoding="iran_system")
    for name in (KAR_FILE, WOR_FILE):
        assert files[name][29] == 0x7E  # the header names Windows-1256, as the published Iran System lists do
    worker, hired = read(files, WOR_FILE, tmp_path).records

    def raw(value):
        return value.encode("cp1256")  # dbfread reads the header's code page: the bytes back

    # Persian text in Iran System: shaped and right to left («مرد» is a2 a4 f5, «ایرانی» fc f7 90 a4 fe 90)
    assert raw(worker["DSW_SEX"]) == bytes.fromhex("a2a4f5")
    assert raw(worker["DSW_NAT"]) == bytes.fromhex("fcf790a4fe90")
    assert raw(worker["DSW_FNAME"]) == bytes.fromhex("fcf3e4")  # علی
    assert decode(raw(worker["DSW_LNAME"])) == "رضایی"
    assert decode(raw(worker["DSW_OCP"])) == "کارگر خدمات"
    assert (decode(raw(hired["DSW_FNAME"])), decode(raw(hired["DSW_IDPLC"]))) == ("مریم", "شیراز")
    assert decode(raw(hired["DSW_SEX"])) == "زن"
    # numbers and codes in ASCII, dates too, amounts as numbers
    assert (worker["DSW_ID"], worker["DSW_ID1"], worker["PER_NATCOD"], worker["DSW_IDNO"]) == (
        "9912345678", "12345678", "0012345679", "1234")
    assert (hired["DSW_SDATE"], hired["DSW_BDATE"]) == ("14040116", "13751229")
    header = read(files, KAR_FILE, tmp_path).records[0]
    assert decode(raw(header["DSK_NAME"])) == "شهرداری نمونه"
    assert decode(raw(header["DSK_ADRS"])) == "خیابان امام، ساختمان شماره 12"
    assert header["DSK_TTOTL"] == worker["DSW_TOTL"] + hired["DSW_TOTL"]


def test_iran_system_widths_count_bytes():
    # لا is one byte: «سلام» is 3 bytes in Iran System, 4 in Windows-1256
    assert len(list_text("سلام", "DSW_FNAME", 50, "iran_system").encode("cp1256")) == 3
    with pytest.raises(ValueError, match="DSW_FNAME holds 3 characters"):
        list_text("علیرضا", "DSW_FNAME", 3, "iran_system")
    # free text is cut at its logical end (the visual start of the bytes)
    cut = list_text("خیابان امام", "DSW_OCP", 6, "iran_system").encode("cp1256")
    assert decode(cut) == "خیابان"
    with pytest.raises(ValueError, match="DSW_LNAME: '王' cannot be written in Iran System"):
        list_text("王", "DSW_LNAME", 50, "iran_system")


def test_bad_workshop_settings_are_refused():
    with pytest.raises(ValueError, match="Unknown encoding"):
        insurance_list_files(WORKSHOP, people(), 1404, 1, encoding="utf-8")
    with pytest.raises(ValueError, match="workshop's code"):
        insurance_list_files(dict(WORKSHOP, code=""), people(), 1404, 1)
    with pytest.raises(ValueError, match="Month 13"):
        insurance_list_files(WORKSHOP, people(), 1404, 13)
    with pytest.raises(ValueError, match="must be a date"):
        insurance_list_files(WORKSHOP, [dict(people()[0], start_date=datetime.datetime(2025, 3, 21))], 1404, 1)


def test_amounts_in_another_unit(tmp_path):
    # in tomans (÷ 10): the worker's daily 355,765.6 → 355,766, × 31 = 11,028,746; benefits 3,600,000
    files = insurance_list_files(WORKSHOP, people(), 1404, 1, amount_divisor=10)
    worker, hired = read(files, WOR_FILE, tmp_path).records
    assert (worker["DSW_ROOZ"], worker["DSW_MAH"], worker["DSW_MAZ"], worker["DSW_MASH"]) == (
        355_766, 11_028_746, 3_600_000, 14_628_746)
    assert (worker["DSW_TOTL"], worker["DSW_BIME"]) == (15_312_065, 1_024_011)   # 15,312,064.8; 1,024,011.4
    assert (hired["DSW_ROOZ"], hired["DSW_MAH"], hired["DSW_MASH"], hired["DSW_BIME"]) == (
        1_000_000, 16_000_000, 23_500_000, 1_645_000)
    (header,) = read(files, KAR_FILE, tmp_path).records
    assert header["DSK_TMASH"] == 38_128_746 and header["DSK_TBIME"] == 2_669_011
    assert header["DSK_TKOSO"] == 7_625_747 and header["DSK_BIC"] == 1_143_862   # 7,625,746.7; 1,143,862
    with pytest.raises(ValueError, match="divisor"):
        insurance_list_files(WORKSHOP, people(), 1404, 1, amount_divisor=0)
