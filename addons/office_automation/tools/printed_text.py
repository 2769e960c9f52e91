"""Persian text for printed letters, whatever wkhtmltopdf build prints them.

* ``wrap_words_html(html)``: the letter's body (HTML) with every word in its
  own inline box between right-to-left marks, as ``persian_text`` of
  municipality_base does for plain values: Debian's unpatched wkhtmltopdf
  draws a run of several Persian words shifted or overlapping, but lays out
  single words correctly.
* ``visual_order(text)``: a line of text in the order a PDF drawing routine
  that knows nothing of right-to-left writing must draw it (left to right).
  Used for the marks stamped on every page of a letter (classification and
  page numbers), drawn into the PDF after wkhtmltopdf. The text must already
  be shaped (letters in their joined forms, see ``odoo.tools.arabic_reshaper``).
"""

import re
import unicodedata

from lxml import etree, html as lxml_html

#: Right-to-left mark, around each printed word.
RLM = "\u200f"
#: Where a word is cut into boxes: after each zero-width non-joiner (as municipality_base's ``zwnj_parts``).
_AFTER_ZWNJ = re.compile("(?<=\u200c)")
WORD_CLASS = "o_municipality_word"

_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_RTL_CLASSES = {"R", "AL"}
_LTR_CLASSES = {"L", "EN", "AN"}
_SKIPPED_TAGS = {"script", "style", "pre", "code"}


def _strong_direction(char):
    bidi = unicodedata.bidirectional(char)
    if bidi in _RTL_CLASSES:
        return "rtl"
    if bidi in _LTR_CLASSES:
        return "ltr"
    return None


def paragraph_direction(text):
    """``"rtl"`` when the first strong character of ``text`` is right-to-left, else ``"ltr"``."""
    for char in text or "":
        bidi = unicodedata.bidirectional(char)
        if bidi in _RTL_CLASSES:
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"


def visual_order(text):
    """Return ``text`` in drawing order (left to right) for a one-line paragraph.

    A right-to-left paragraph is reversed, except that runs of left-to-right
    characters and digits (``1404/12/29``, ``Tel 021-123``, ``۱۲``) keep their
    own order and brackets are mirrored; a left-to-right paragraph is
    returned as it is. This is the part of the Unicode bidirectional
    algorithm that the short stamped lines of a letter need.
    """
    if not text or paragraph_direction(text) == "ltr":
        return text or ""
    directions = [_strong_direction(char) for char in text]
    # Runs of left-to-right characters, including the neutrals between two of them.
    ltr_runs = []
    start = last = None
    for index, direction in enumerate(directions):
        if direction == "ltr":
            if start is None:
                start = index
            last = index
        elif direction == "rtl" and start is not None:
            ltr_runs.append((start, last))
            start = last = None
    if start is not None:
        ltr_runs.append((start, last))
    in_ltr_run = [False] * len(text)
    for first, final in ltr_runs:
        for index in range(first, final + 1):
            in_ltr_run[index] = True
    pieces = []
    index = 0
    while index < len(text):
        if in_ltr_run[index]:
            end = index
            while end + 1 < len(text) and in_ltr_run[end + 1]:
                end += 1
            pieces.append(text[index:end + 1])
            index = end + 1
        else:
            pieces.append(text[index].translate(_MIRRORED))
            index += 1
    return "".join(reversed(pieces))


def _wrapped_words(text):
    """The elements for the words of ``text``, and the text before the first one."""
    parts = re.split(r"(\s+)", text)
    leading = ""
    elements = []
    for part in parts:
        if not part:
            continue
        if part.isspace():
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + part
            else:
                leading += part
            continue
        # a word with a ZWNJ («می‌شود»): one box per part, or the unpatched build joins its letters
        for piece in filter(None, _AFTER_ZWNJ.split(part)):
            span = etree.Element("span", {"class": WORD_CLASS})
            span.text = f"{RLM}{piece}{RLM}"
            elements.append(span)
    return leading, elements


def wrap_words_html(html):
    """Return ``html`` (a fragment) with each word of its text in its own ``span.o_municipality_word``.

    Markup, attributes and whitespace are kept; text inside ``pre``,
    ``code``, ``script`` and ``style`` is left alone.
    """
    if not html or not str(html).strip():
        return ""
    container = lxml_html.fragment_fromstring(str(html), create_parent="div")
    for element in list(container.iter()):
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        if element.text and element.text.strip() and not _inside_skipped(element):
            leading, words = _wrapped_words(element.text)
            element.text = leading
            for position, word in enumerate(words):
                element.insert(position, word)
        if element is not container and element.tail and element.tail.strip() and not _inside_skipped(
                element.getparent()):
            leading, words = _wrapped_words(element.tail)
            element.tail = leading
            parent = element.getparent()
            position = parent.index(element) + 1
            for offset, word in enumerate(words):
                parent.insert(position + offset, word)
    content = (container.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in container)
    return content


def _inside_skipped(element):
    while element is not None:
        if isinstance(element.tag, str) and element.tag in _SKIPPED_TAGS:
            return True
        element = element.getparent()
    return False
