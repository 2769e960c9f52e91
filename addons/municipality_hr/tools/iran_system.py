"""Iran System, the DOS code page of Persian text in the social-security lists (no Odoo import).

The Social Security Organization's list program (DISKET/ListDisk) reads the text
fields of DSKKAR00.DBF and DSKWOR00.DBF in Iran System when the workshop's files
are made so. Iran System is not a character set in the Unicode sense: it stores
*glyphs* in *visual order* (as a DOS screen shows them, left to right), so a letter
has up to four codes (isolated, initial, medial, final) and a Persian line is
written reversed. ``encode`` shapes and reverses; ``decode`` gives the letters back
(lossy: forms collapse into their letter), for tests and for reading a list back.

**Sources** (checked 2026-12-03; see docs/domain.md and the addon README):

- the glyph codes: the same table in three independent converters, the C#
  ``ConvertWindowsPersianToDos`` of github.com/amirfahmideh/InsuranceToDbf (a .NET
  library writing these lists), the Pascal ``CodePage`` unit of Persian DOS code
  pages (its "vegaf" table) and the C ``iran_system.c`` ported in
  github.com/movtigroup/Iran-System-encoding (PyPI ``iran-encoding``);
- the shaping, the visual order, ASCII in number-only fields and the header's
  language-driver byte (0x7E, Windows-1256, kept although the text is Iran System):
  sample lists published in github.com/jalaliamirreza/abap-mdf-sso (``bst/``,
  ``final_samples/``): «ایرانی» is ``fc f7 90 a4 fe 90``, «زن» ``f6 a5``, «مرد»
  ``a2 a4 f5``, «علی» ``fc f3 e4``, «حسن» ``f6 a8 9f``, «محمدحسین»
  ``f6 fe a8 9f a2 f5 9f f5``; the tests check these.

Where the sources differ, this module follows the sample files: a letter after a
non-joining letter (ا د ذ ر ز ژ و) takes its initial or isolated form (the C#
converter gives it the final or medial one, which the published files fixed), and
an isolated alef is 0x90 (the C# table leaves it untranslated). Not settled by any
source, and chosen here: digits inside Persian text are Iran System digits
(0x80-0x89) kept left to right as a run (the C# converter reverses them with the
line); the zero-width non-joiner is written as a space; ئ keeps its hamza form
(0x8E) where it joins forward and is written as ی elsewhere.
"""

# Odoo's DOS-era neighbours: text without a Persian letter is written as it is (ASCII), as the number-only
# fields of the sample files are (national code, insurance number, list number, job code).

#: letter → (isolated, initial, medial, final); a letter that never joins forward has its initial = isolated
#: and medial = final.
_FORMS = {
    "ء": (0x8F, 0x8F, 0x8F, 0x8F),
    "آ": (0x8D, 0x8D, 0x8D, 0x8D),
    "ا": (0x90, 0x90, 0x91, 0x91), "أ": (0x90, 0x90, 0x91, 0x91), "إ": (0x90, 0x90, 0x91, 0x91),
    "ب": (0x92, 0x93, 0x93, 0x92),
    "پ": (0x94, 0x95, 0x95, 0x94),
    "ت": (0x96, 0x97, 0x97, 0x96),
    "ث": (0x98, 0x99, 0x99, 0x98),
    "ج": (0x9A, 0x9B, 0x9B, 0x9A),
    "چ": (0x9C, 0x9D, 0x9D, 0x9C),
    "ح": (0x9E, 0x9F, 0x9F, 0x9E),
    "خ": (0xA0, 0xA1, 0xA1, 0xA0),
    "د": (0xA2, 0xA2, 0xA2, 0xA2),
    "ذ": (0xA3, 0xA3, 0xA3, 0xA3),
    "ر": (0xA4, 0xA4, 0xA4, 0xA4),
    "ز": (0xA5, 0xA5, 0xA5, 0xA5),
    "ژ": (0xA6, 0xA6, 0xA6, 0xA6),
    "س": (0xA7, 0xA8, 0xA8, 0xA7),
    "ش": (0xA9, 0xAA, 0xAA, 0xA9),
    "ص": (0xAB, 0xAC, 0xAC, 0xAB),
    "ض": (0xAD, 0xAE, 0xAE, 0xAD),
    "ط": (0xAF, 0xAF, 0xAF, 0xAF),
    "ظ": (0xE0, 0xE0, 0xE0, 0xE0),
    "ع": (0xE1, 0xE4, 0xE3, 0xE2),
    "غ": (0xE5, 0xE8, 0xE7, 0xE6),
    "ف": (0xE9, 0xEA, 0xEA, 0xE9),
    "ق": (0xEB, 0xEC, 0xEC, 0xEB),
    "ک": (0xED, 0xEE, 0xEE, 0xED), "ك": (0xED, 0xEE, 0xEE, 0xED),
    "گ": (0xEF, 0xF0, 0xF0, 0xEF),
    "ل": (0xF1, 0xF3, 0xF3, 0xF1),
    "م": (0xF4, 0xF5, 0xF5, 0xF4),
    "ن": (0xF6, 0xF7, 0xF7, 0xF6),
    "و": (0xF8, 0xF8, 0xF8, 0xF8), "ؤ": (0xF8, 0xF8, 0xF8, 0xF8),
    "ه": (0xF9, 0xFB, 0xFA, 0xF9), "ة": (0xF9, 0xFB, 0xFA, 0xF9), "ۀ": (0xF9, 0xFB, 0xFA, 0xF9),
    "ی": (0xFD, 0xFE, 0xFE, 0xFC), "ي": (0xFD, 0xFE, 0xFE, 0xFC), "ى": (0xFD, 0xFE, 0xFE, 0xFC),
    "ئ": (0xFD, 0x8E, 0x8E, 0xFC),
}
#: Letters that join the letter after them (dual-joining); the others of _FORMS join only the one before.
_DUAL = frozenset("بپتثجچحخسشصضطظعغفقکكگلمنهةیيىئ")
#: Letters that do not join at all.
_NON_JOINING = frozenset("ء")
LAM_ALEF = 0xF2
_LAM_FORMS = {0xF1, 0xF3}
_ALEF_FORMS = {0x90, 0x91}

_SYMBOLS = {"،": 0x8A, "ـ": 0x8B, "؟": 0x8C, "؛": 0x3B}
_DIGITS = {str(d): 0x80 + d for d in range(10)}
_DIGITS.update({chr(0x06F0 + d): 0x80 + d for d in range(10)})  # Persian digits
_DIGITS.update({chr(0x0660 + d): 0x80 + d for d in range(10)})  # Arabic-Indic digits
_MIRRORED = str.maketrans("()[]{}<>", ")(][}{><")
ZWNJ = "\u200c"

#: byte → letter, for decode (the first letter listed for a code wins: ا, ک, ه, ی rather than their variants).
_DECODE = {}
for _letter, _codes in _FORMS.items():
    for _code in _codes:
        _DECODE.setdefault(_code, _letter)
_DECODE.update({code: symbol for symbol, code in _SYMBOLS.items() if code >= 0x80})
_DECODE.update({0x80 + d: str(d) for d in range(10)})
_DECODE[0x8E] = "ئ"


def is_persian(text):
    """Whether ``text`` holds a letter Iran System shapes (then it is written shaped and right to left)."""
    return any(char in _FORMS for char in text)


def _joins_forward(char):
    return char in _DUAL


def _joins(char):
    return char in _FORMS and char not in _NON_JOINING


def _shape(text):
    """The codes of ``text`` in logical order, each letter in its contextual form; a non-Persian character
    is ``None`` in the list, kept as ``(None, char)``."""
    codes = []
    for index, char in enumerate(text):
        if char in _FORMS:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            joined_before = _joins(char) and _joins_forward(before)
            joins_after = _joins_forward(char) and _joins(after)
            isolated, initial, medial, final = _FORMS[char]
            code = (medial if joins_after else final) if joined_before else (initial if joins_after else isolated)
            if code in _ALEF_FORMS and codes and codes[-1][0] in _LAM_FORMS:
                codes[-1] = (LAM_ALEF, None)  # لا is one glyph
                continue
            codes.append((code, None))
        elif char == ZWNJ:
            codes.append((0x20, None))
        elif char in _DIGITS:
            codes.append((_DIGITS[char], "digit"))
        elif char in _SYMBOLS:
            codes.append((_SYMBOLS[char], None))
        elif ord(char) < 0x80:
            codes.append((ord(char.translate(_MIRRORED)), "latin" if char.isalnum() else None))
        else:
            raise ValueError(f"{char!r} cannot be written in Iran System.")
    return codes


def _visual(items, runs_of=("digit", "latin")):
    """Right-to-left order of ``items`` (``(code, kind)``): reversed, each run of left-to-right kinds kept in
    its order."""
    reversed_items = list(reversed(items))
    result, index = [], 0
    while index < len(reversed_items):
        if reversed_items[index][1] in runs_of:
            end = index
            while end < len(reversed_items) and reversed_items[end][1] in runs_of:
                end += 1
            result.extend(reversed(reversed_items[index:end]))
            index = end
        else:
            result.append(reversed_items[index])
            index += 1
    return result


def encode(text):
    """``text`` (Unicode, logical order) in Iran System bytes (visual order). Text without a Persian letter
    is written as it is, in ASCII (a national code, a list number); a character Iran System lacks raises
    ``ValueError``."""
    if not text:
        return b""
    if not is_persian(text):
        try:
            return text.encode("ascii")
        except UnicodeEncodeError as error:
            raise ValueError(f"{text[error.start]!r} cannot be written in Iran System.") from None
    return bytes(code for code, _kind in _visual(_shape(text)))


def decode(data):
    """The letters of Iran System bytes (visual order) in logical order; each letter's forms give the letter
    (ی, ک, ه, ا), لا gives two letters, digits ASCII digits. Bytes without a Persian code are ASCII."""
    if not data:
        return ""
    if not any(byte >= 0x80 for byte in data):
        return data.decode("ascii")
    items = []
    for byte in data:
        if byte == LAM_ALEF:
            items.append(("ال", None))  # reversed below: لا
        elif byte in _DECODE:
            char = _DECODE[byte]
            items.append((char, "digit" if char.isdigit() else None))
        elif byte < 0x80:
            char = chr(byte)
            items.append((char.translate(_MIRRORED), "latin" if char.isalnum() else None))
        else:
            raise ValueError(f"Byte 0x{byte:02X} is no Iran System letter this module writes.")
    return "".join(char if kind else char[::-1] for char, kind in _visual(items))
