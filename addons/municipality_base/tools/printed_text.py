"""Persian text as wkhtmltopdf prints it.

The zero-width non-joiner (ZWNJ, U+200C, «نیم‌فاصله») keeps two letters of one
word apart: «پرونده‌ها», «می‌شود». Debian's unpatched wkhtmltopdf ignores it
inside a run of text: it joins the letters, or draws the rest of the word over
its start. It shapes each inline box apart, though, and it lays out a line of
Persian words right only when each word is a box of its own between
right-to-left marks (the word boxes of ``persian_text``). So a run of text
with a ZWNJ inside a word is printed as word boxes, that word as one box per
part (``zwnj_parts``); the patched build prints the same.
"""

import re

ZWNJ = "\u200c"

#: One printed word: an inline box (``.o_municipality_word``) between right-to-left marks.
WORD_BOX = '<span class="o_municipality_word">\u200f{}\u200f</span>'

#: What is not text: a script or style element whole, a comment, a tag.
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
#: A ZWNJ with a letter after it in the same run of text (not a right-to-left mark, a space or the end).
_ZWNJ_IN_WORD = re.compile(ZWNJ + r"(?=[^\u200f\s])")


def zwnj_parts(word):
    """The parts of ``word`` split after each ZWNJ, the ZWNJ kept at the end of its part:
    «پرونده‌ها» → [«پرونده‌», «ها»]."""
    parts = word.split(ZWNJ)
    return [part + ZWNJ for part in parts[:-1]] + parts[-1:]


def word_boxes(text):
    """``text`` (HTML text, already escaped) as word boxes, a word with a ZWNJ as one box per part; the
    spaces around it kept."""
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):] if text.strip() else ""
    words = " ".join("".join(WORD_BOX.format(part) for part in zwnj_parts(word)) for word in text.split())
    return lead + words + trail


def box_words_with_zwnj(html):
    """``html`` with each run of text that has a ZWNJ inside a word printed as word boxes (not in tags,
    scripts, styles or comments; the word boxes of ``persian_text`` already are). Always a plain ``str``:
    the pieces of a ``Markup`` would escape the boxes added to them."""
    html = str.__str__(html)
    if ZWNJ not in html:
        return html
    pieces, last = [], 0
    for markup in _MARKUP.finditer(html):
        pieces.append(_boxed(html[last:markup.start()]))
        pieces.append(markup.group(0))
        last = markup.end()
    pieces.append(_boxed(html[last:]))
    return "".join(pieces)


def _boxed(text):
    return word_boxes(text) if _ZWNJ_IN_WORD.search(text) else text
