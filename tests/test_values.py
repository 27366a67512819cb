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
