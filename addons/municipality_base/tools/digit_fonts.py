"""Builds the two digit fonts of the web client from Vazirmatn (development tool).

``static/fonts/digits/ShahrPersianDigits-{Regular,Bold}.ttf`` draw the Latin
digits 0-9 (U+0030-0039) as the Persian digits ۰-۹; ``ShahrLatinDigits-*``
draw the Persian (U+06F0-06F9) and Arabic-Indic (U+0660-0669) digits as the
Latin ones. Each holds only those ten glyphs, taken from Vazirmatn (SIL Open
Font License 1.1, which allows modified versions under another name). The
web client puts one of them first in its font list, limited to the digits by
``unicode-range`` (``static/src/scss/digits.scss``), so every number on the
screen follows the user's digit preference while the text itself (what is
copied, exported, sent to the server) keeps the digits it has.

Needs ``fonttools`` (``pip install fonttools``), only to rebuild the files::

    python3 -m odoo.addons.municipality_base.tools.digit_fonts   # or run this file
"""

import pathlib

LATIN = [0x30 + i for i in range(10)]
PERSIAN = [0x6F0 + i for i in range(10)]
ARABIC_INDIC = [0x660 + i for i in range(10)]

FONTS_DIR = pathlib.Path(__file__).resolve().parent.parent / "static" / "fonts"


def build(source, target, family, draw_as, codepoints_of):
    """Writes ``target``: the glyphs of ``draw_as`` codepoints, mapped from each list of ``codepoints_of``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=draw_as)
    subsetter.subset(font)
    best = font.getBestCmap()
    glyphs = [best[code] for code in draw_as]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {}
            for codepoints in codepoints_of:
                table.cmap.update(zip(codepoints, glyphs))
    style = "Bold" if "Bold" in source.name else "Regular"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (4,):
            record.string = f"{family} {style}"
        elif record.nameID == 6:
            record.string = f"{family.replace(' ', '')}-{style}"
        elif record.nameID == 3:
            record.string = f"{family.replace(' ', '')}-{style}"
    font.save(target)


def main():
    out = FONTS_DIR / "digits"
    out.mkdir(exist_ok=True)
    for style in ("Regular", "Bold"):
        source = FONTS_DIR / "vazirmatn" / f"Vazirmatn-{style}.ttf"
        build(source, out / f"ShahrPersianDigits-{style}.ttf", "Shahr Persian Digits", PERSIAN, [LATIN])
        build(source, out / f"ShahrLatinDigits-{style}.ttf", "Shahr Latin Digits", LATIN, [PERSIAN, ARABIC_INDIC])


if __name__ == "__main__":
    main()
