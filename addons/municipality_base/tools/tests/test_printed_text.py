from municipality_base_tools.printed_text import ZWNJ, break_runs_at_zwnj, zwnj_parts


def test_a_zwnj_in_a_word_ends_the_run_of_text():
    html = f"<h2 class='t'>پرونده{ZWNJ}های باز</h2><td>می{ZWNJ}شود</td>"
    assert break_runs_at_zwnj(html) == (
        f"<h2 class='t'>پرونده{ZWNJ}<span></span>های باز</h2><td>می{ZWNJ}<span></span>شود</td>")


def test_tags_scripts_styles_and_comments_are_left_alone():
    html = (f'<p title="نامه{ZWNJ}ها">x</p><style>.a::after {{content: "ب{ZWNJ}پ"}}</style>'
            f"<script>var s = 'ب{ZWNJ}پ';</script><!-- ب{ZWNJ}پ -->")
    assert break_runs_at_zwnj(html) == html


def test_a_zwnj_at_the_end_of_a_run_or_before_a_mark_or_space_is_left_alone():
    html = f"<span>\u200fپرونده{ZWNJ}\u200f</span><span>\u200fها\u200f</span> ب{ZWNJ} پ ت{ZWNJ}"
    assert break_runs_at_zwnj(html) == html
    assert break_runs_at_zwnj("no persian") == "no persian"


def test_zwnj_parts():
    assert zwnj_parts(f"پرونده{ZWNJ}ها") == [f"پرونده{ZWNJ}", "ها"]
    assert zwnj_parts(f"می{ZWNJ}شود{ZWNJ}ند") == [f"می{ZWNJ}", f"شود{ZWNJ}", "ند"]
    assert zwnj_parts("پلاک") == ["پلاک"]
