import pytest

from office_automation_tools.printed_text import RLM, paragraph_direction, visual_order, wrap_words_html


@pytest.mark.parametrize(("text", "expected"), [
    ("سری", "یرس"),
    ("صفحه ۱ از ۳", "۳ زا ۱ هحفص"),
    ("صفحه ۱۲ از ۱۳", "۱۳ زا ۱۲ هحفص"),
    ("شماره 1404/12/ص", "ص/1404/12 هرامش"),
    ("تلفن 021-1234 (داخلی)", "(یلخاد) 021-1234 نفلت"),
    ("Page 1 of 3", "Page 1 of 3"),
    ("", ""),
    (None, ""),
])
def test_visual_order(text, expected):
    assert visual_order(text) == expected


def test_paragraph_direction():
    assert paragraph_direction("۱۲ نامه") == "rtl"
    assert paragraph_direction("12 letters") == "ltr"
    assert paragraph_direction("") == "ltr"


def test_words_are_wrapped_and_markup_kept():
    html = '<p>نامه <b>سری</b> شماره ۱۲</p><ul><li>بند اول</li></ul>'
    wrapped = wrap_words_html(html)
    assert wrapped.count('class="o_municipality_word"') == 6
    assert f"{RLM}نامه{RLM}" in wrapped
    assert "<b><span" in wrapped and "<ul><li><span" in wrapped
    # the words keep their order and the spaces between them
    assert wrapped.index("نامه") < wrapped.index("سری") < wrapped.index("شماره") < wrapped.index("۱۲")


def test_plain_text_and_code_blocks():
    assert wrap_words_html("دو کلمه").count("o_municipality_word") == 2
    assert wrap_words_html("<pre>کد  ثابت</pre>") == "<pre>کد  ثابت</pre>"
    assert wrap_words_html("") == ""
    assert wrap_words_html(None) == ""
    assert wrap_words_html("<p> </p>") == "<p> </p>"


def test_a_word_with_a_zwnj_is_one_box_per_part():
    wrapped = wrap_words_html("<p>پاسخ داده می\u200cشود</p>")
    assert wrapped.count('class="o_municipality_word"') == 4
    assert f"{RLM}می\u200c{RLM}</span><span" in wrapped
    assert f"{RLM}شود{RLM}" in wrapped
