"""The Iran System codec against bytes of published social-security lists (see tools/iran_system.py)."""

import pytest

from municipality_hr_tools.iran_system import decode, encode, is_persian

#: Words and their bytes as published lists hold them (github.com/jalaliamirreza/abap-mdf-sso, bst/ and
#: docs/ENCODING_VERIFIED.md): visual order, contextual forms.
PUBLISHED = [
    ("ایرانی", "fcf790a4fe90"),     # DSW_NAT: ی initial after ا, ا isolated after ر
    ("زن", "f6a5"),                 # DSW_SEX
    ("مرد", "a2a4f5"),
    ("علی", "fcf3e4"),              # ع initial, ل medial, ی final
    ("حسن", "f6a89f"),
    ("محمدحسین", "f6fea89fa2f59ff5"),
    ("نسیم", "f4fea8f7"),           # م final after ی medial
    ("شاکری", "fda4ee91aa"),        # ی isolated after ر
    ("پروژه ها", "91fb20f9a6f8a495"),  # ه isolated at a word's end, initial before ا
]


@pytest.mark.parametrize(("text", "hexbytes"), PUBLISHED)
def test_published_words(text, hexbytes):
    assert encode(text).hex() == hexbytes
    assert decode(bytes.fromhex(hexbytes)) == text


def test_four_forms_and_lam_alef():
    # ع isolated, initial, medial, final: عین → initial; بعد → medial; شمع → final; ع alone → isolated
    assert encode("ع") == bytes([0xE1])
    assert encode("عین")[-1] == 0xE4
    assert encode("بعد")[1] == 0xE3
    assert encode("شمع")[0] == 0xE2
    assert encode("لا") == bytes([0xF2])
    assert encode("سلام") == bytes([0xF4, 0xF2, 0xA8])
    assert decode(encode("سلام")) == "سلام"


def test_numbers_and_latin():
    # a field without Persian letters stays ASCII (codes, national IDs, dates)
    assert encode("0012345679") == b"0012345679"
    assert not is_persian("0012345679")
    # digits inside Persian text are Iran System digits, kept left to right
    assert encode("پلاک 12") == bytes([0x80 + 1, 0x80 + 2, 0x20, 0xED, 0xF2, 0x95])
    assert decode(encode("پلاک ۱۲، تهران")) == "پلاک 12، تهران"
    assert decode(encode("کوچه (الف)")) == "کوچه (الف)"


def test_variants_collapse_and_bad_input():
    assert encode("علي") == encode("علی") and encode("كريم") == encode("کریم")
    assert encode("") == b"" and decode(b"") == ""
    with pytest.raises(ValueError, match="cannot be written in Iran System"):
        encode("علی 王")
    with pytest.raises(ValueError, match="cannot be written in Iran System"):
        encode("é")
    with pytest.raises(ValueError, match="no Iran System letter"):
        decode(bytes([0xB0, 0x90]))
