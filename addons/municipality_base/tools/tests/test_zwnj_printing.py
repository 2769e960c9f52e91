from municipality_base_tools.printed_text import WORD_BOX, ZWNJ, box_words_with_zwnj, word_boxes, zwnj_parts


def box(*parts):
    return "".join(WORD_BOX.format(part) for part in parts)


def test_a_run_of_text_with_a_zwnj_in_a_word_is_printed_as_word_boxes():
    html = f"<tr><th>عقب{ZWNJ}نشینی (مترمربع)</th><td>۰</td></tr><h2> پرونده{ZWNJ}های باز </h2>"
    assert box_words_with_zwnj(html) == (
        f"<tr><th>{box(f'عقب{ZWNJ}', 'نشینی')} {box('(مترمربع)')}</th><td>۰</td></tr>"
        f"<h2> {box(f'پرونده{ZWNJ}', 'های')} {box('باز')} </h2>")


def test_markup_comes_back_as_plain_html_not_escaped():
    from markupsafe import Markup

    printed = box_words_with_zwnj(Markup(f"<th>پهنه{ZWNJ}بندی</th>"))
    assert type(printed) is str
    assert printed == f"<th>{box(f'پهنه{ZWNJ}', 'بندی')}</th>"


def test_tags_scripts_styles_and_comments_are_left_alone():
    html = (f'<p title="نامه{ZWNJ}ها">x</p><style>.a::after {{content: "ب{ZWNJ}پ"}}</style>'
            f"<script>var s = 'ب{ZWNJ}پ';</script><!-- ب{ZWNJ}پ -->")
    assert box_words_with_zwnj(html) == html


def test_word_boxes_and_runs_without_a_zwnj_in_a_word_are_left_alone():
    html = f"<span>\u200fپرونده{ZWNJ}\u200f</span><span>\u200fها\u200f</span> ب{ZWNJ} پ ت{ZWNJ}"
    assert box_words_with_zwnj(html) == html
    assert box_words_with_zwnj("no persian") == "no persian"


def test_word_boxes_keep_the_spaces_around_them():
    assert word_boxes(f" می{ZWNJ}شود\n") == f" {box(f'می{ZWNJ}', 'شود')}\n"
    assert word_boxes("   ") == "   "


def test_zwnj_parts():
    assert zwnj_parts(f"پرونده{ZWNJ}ها") == [f"پرونده{ZWNJ}", "ها"]
    assert zwnj_parts(f"می{ZWNJ}شود{ZWNJ}ند") == [f"می{ZWNJ}", f"شود{ZWNJ}", "ند"]
    assert zwnj_parts("پلاک") == ["پلاک"]
