"""A named person's title, read next to the name and compared as one office or two."""

from __future__ import annotations

import pytest

from corroborator.titles import title_words, titles_agree


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("general manager", "manager"),  # one holds the other's words
        ("Angels general manager", "general manager"),
        ("head coach", "coach"),  # 'head' adds nothing
        ("Sen.", "Senator"),
        ("chief executive officer", "CEO"),
        ("spokeswoman", "spokesman"),
        ("Lieutenant General", "General"),  # a rank shortened
        ("Lieutenant General", "deputy chief"),  # a rank and a post, held at once
        ("president and chief executive", "president"),
        ("Police Inspector", "Area Commander Inspector"),  # two ranks, one within the other
        ("Judge", "Justice"),  # a New York Supreme Court justice is a judge
        ("VP", "Vice President"),  # abbreviations of corporate offices
        ("CFO", "chief financial officer"),
        ("Police spokesman Constable", "Const."),  # a post with a rank, and the rank abbreviated
        ("spokesman", "Sergeant"),
        ("Assistant GM", "assistant general manager"),
    ],
)
def test_titles_that_can_be_one_office(a: str, b: str) -> None:
    assert titles_agree(a, b) and titles_agree(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Attorney General", "Solicitor General"),
        ("general manager", "assistant general manager"),  # a rank word changes the office
        ("senior vice president", "executive vice president"),
        ("Major General", "Lieutenant General"),
        ("mayor", "governor"),
        ("VP", "Chief Operating Officer"),
        ("CEO", "COO"),
        ("Police spokesman Constable", "Sergeant"),  # a post beside a rank does not hide the rank
        ("Assistant GM", "Assistant coach"),
        ("executive vice president", "chief marketing officer"),
    ],
)
def test_titles_that_are_different_offices(a: str, b: str) -> None:
    assert not titles_agree(a, b) and not titles_agree(b, a)


def test_organisations_and_places_are_not_part_of_a_title() -> None:
    assert title_words("British Columbia Attorney General") == ("attorney", "general")
    assert title_words("Chief Executive Officer") == ("ceo",)


def _titles(text: str) -> list[str]:
    from test_values import _read

    return [v.text for v in _read(text) if v.kind == "title"]


def test_a_title_is_read_before_the_name_or_in_apposition() -> None:
    assert _titles("Angels general manager Tony Reagins told reporters on Friday.") == ["general manager"]
    assert _titles("Attorney General Wally Oppal said in a statement that charges were laid.") == [
        "Attorney General"
    ]
    assert _titles(
        "Apple's executive vice president of Worldwide Product Marketing, Philip Schiller, spoke."
    ) == ["executive vice president"]
    assert _titles("The deal was announced by Wally Oppal, the attorney general, on Wednesday.") == [
        "attorney general"
    ]


def test_a_former_or_future_office_is_not_read() -> None:
    assert _titles("Former Attorney General John Ashcroft criticised the ruling.") == []
    assert _titles("President-elect Barack Obama met the governors in Philadelphia.") == []


def test_an_of_phrase_ends_before_a_conjunction() -> None:
    assert _titles("Haig was Nixon's chief of staff and later Ronald Reagan's secretary of state.") == []


def test_a_preposition_before_the_title_is_not_part_of_it() -> None:
    assert _titles("It was the first poll held under President Kurbanguly Berdymukhamedov.") == ["President"]


def test_a_chief_of_a_function_is_read_whole() -> None:
    assert _titles("It is a great phone, said Drew Kelton, chief marketing officer at T-Mobile.") == [
        "chief marketing officer"
    ]
    assert _titles("Apple senior vice president of marketing Phil Schiller spoke.") == [
        "senior vice president"
    ]
