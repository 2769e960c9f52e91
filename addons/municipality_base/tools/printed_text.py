"""Persian text as wkhtmltopdf prints it.

The zero-width non-joiner (ZWNJ, U+200C, «نیم‌فاصله») keeps two letters of one
word apart: «پرونده‌ها», «می‌شود». Debian's unpatched wkhtmltopdf ignores it
inside a run of text: it joins the letters, or draws the rest of the word over
its start. It shapes each inline element apart, though, so an (empty) element
right after the ZWNJ ends the run there and the word prints as it should; the
patched build, which honours the ZWNJ, prints the same. Inside an inline-block
(the word boxes of ``persian_text``) that is not enough: there the word itself
is split into one box per part (``zwnj_parts``).
"""

import re

ZWNJ = "\u200c"

#: What is not text: a script or style element whole, a comment, a tag.
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
#: A ZWNJ with a letter after it in the same run of text (not a right-to-left mark, a space or the end).
_ZWNJ_IN_RUN = re.compile(ZWNJ + r"(?=[^\u200f\s])")
_BREAK = ZWNJ + "<span></span>"


def break_runs_at_zwnj(html):
    """``html`` with an empty ``<span>`` after each ZWNJ inside a run of text (not in tags, scripts, styles
    or comments)."""
    if ZWNJ not in html:
        return html
    pieces, last = [], 0
    for markup in _MARKUP.finditer(html):
        pieces.append(_ZWNJ_IN_RUN.sub(_BREAK, html[last:markup.start()]))
        pieces.append(markup.group(0))
        last = markup.end()
    pieces.append(_ZWNJ_IN_RUN.sub(_BREAK, html[last:]))
    return "".join(pieces)


def zwnj_parts(word):
    """The parts of ``word`` split after each ZWNJ, the ZWNJ kept at the end of its part:
    «پرونده‌ها» → [«پرونده‌», «ها»]."""
    parts = word.split(ZWNJ)
    return [part + ZWNJ for part in parts[:-1]] + parts[-1:]
