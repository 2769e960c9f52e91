import re

import pytest

from office_automation_tools.letter_hash import CONTENT_KEYS, canonical_content, content_hash


def _content(**changes):
    content = {
        "subject": "درخواست پروانه", "body": "<p>متن نامه</p>", "letter_type": "outgoing",
        "classification": "normal", "priority": "normal",
        "sender": {"partner": None, "employee": 4, "department": 2, "number": None, "date": None},
        "recipients": {"partners": [7, 3], "employees": [], "departments": [5]},
        "attachments": [("b" * 40, "normal"), ("a" * 40, "secret")],
        "links": [("reply", 12), ("follow_up", 9)],
        "reference": ("hr.employee", 4),
        "secretariat": 3, "company": 1,
    }
    content.update(changes)
    return content


def test_hash_is_sha256_hex_and_stable():
    digest = content_hash(_content())
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert digest == content_hash(_content())


def test_order_of_unordered_collections_does_not_matter():
    assert content_hash(_content()) == content_hash(_content(
        recipients={"partners": [3, 7, 7], "employees": (), "departments": [5]},
        attachments=[("a" * 40, "secret"), ("b" * 40, "normal")],
        links=[("follow_up", 9), ("reply", 12)]))


def test_empty_values_are_the_same():
    assert content_hash(_content(body=None)) == content_hash(_content(body=""))
    assert content_hash(_content(body=False)) == content_hash(_content(body=""))
    assert content_hash(_content(reference=None)) == content_hash(_content(reference=(False, 0)))


def test_unicode_composition_does_not_matter():
    composed, decomposed = "آب", "\u0627\u0653\u0628"  # alef with madda, composed and not
    assert composed != decomposed
    assert content_hash(_content(subject=composed)) == content_hash(_content(subject=decomposed))


@pytest.mark.parametrize("change", [
    {"subject": "درخواست پروانه ساختمان"},
    {"body": "<p>متن نامه.</p>"},
    {"letter_type": "internal"},
    {"classification": "confidential"},
    {"priority": "urgent"},
    {"sender": {"partner": None, "employee": 5, "department": 2, "number": None, "date": None}},
    {"sender": {"partner": None, "employee": 4, "department": 2, "number": "12/3", "date": None}},
    {"recipients": {"partners": [7], "employees": [], "departments": [5]}},
    {"recipients": {"partners": [7, 3], "employees": [5], "departments": []}},
    {"attachments": [("b" * 40, "normal"), ("a" * 40, "top_secret")]},
    {"attachments": [("b" * 40, "normal"), ("c" * 40, "secret")]},
    {"attachments": [("b" * 40, "normal")]},
    {"links": [("reply", 12)]},
    {"links": [("reference", 12), ("follow_up", 9)]},
    {"reference": ("hr.employee", 5)},
    {"reference": ("res.partner", 4)},
    {"reference": None},
    {"secretariat": 4},
    {"company": 2},
])
def test_every_part_of_the_content_changes_the_hash(change):
    assert content_hash(_content(**change)) != content_hash(_content())


def test_a_recipient_id_is_not_a_department_id():
    moved = _content(recipients={"partners": [7, 3], "employees": [5], "departments": []})
    assert content_hash(moved) != content_hash(_content())


def test_partial_or_unknown_content_is_refused():
    partial = _content()
    del partial["links"]
    with pytest.raises(KeyError, match="links"):
        content_hash(partial)
    with pytest.raises(KeyError, match="colour"):
        content_hash(_content(colour="red"))
    assert set(CONTENT_KEYS) == set(_content())


def test_canonical_form_is_compact_utf8_json():
    text = canonical_content(_content()).decode("utf-8")
    assert "درخواست پروانه" in text
    assert ": " not in text and ", " not in text


def test_a_key_gives_an_hmac_that_only_the_key_reproduces():
    plain = content_hash(_content())
    keyed = content_hash(_content(), key="secret kept in odoo.conf")
    assert re.fullmatch(r"[0-9a-f]{64}", keyed)
    assert keyed != plain
    assert keyed == content_hash(_content(), key=b"secret kept in odoo.conf")
    assert keyed != content_hash(_content(), key="another secret")
    assert content_hash(_content(), key="") == plain
