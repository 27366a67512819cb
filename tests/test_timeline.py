"""Date expressions placed on the calendar against the publication date, never against today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.timeline import ResolvedDate, resolve_date

FRIDAY = date(2026, 2, 6)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("on Friday", "2026-02-06", "day"),
        ("Wednesday", "2026-02-04", "day"),
        ("December 22", "2025-12-22", "day"),
        ("Dec. 22", "2025-12-22", "day"),
        ("22 December", "2025-12-22", "day"),
        ("February 6, 2026", "2026-02-06", "day"),
        ("June 2023", "2023-06", "month"),
        ("in 2018", "2018", "year"),
        ("the summer of 2023", "2023", "year"),
        ("yesterday", "2026-02-05", "day"),
        ("last year", "2025", "year"),
    ],
)
def test_expressions_resolve_against_the_publication_date(text: str, iso: str, precision: str) -> None:
    resolved = resolve_date(text, FRIDAY)
    assert resolved is not None
    assert (resolved.iso, resolved.precision) == (iso, precision)


def test_the_following_year_counts_from_the_last_year_named() -> None:
    resolved = resolve_date("the following year", FRIDAY, last_year=2016)
    assert resolved is not None and resolved.iso == "2017"


@pytest.mark.parametrize("text", ["20 years", "the past year", "the 1990s", "several weeks"])
def test_durations_are_not_dates(text: str) -> None:
    assert resolve_date(text, FRIDAY) is None


@pytest.mark.parametrize("text", ["on Friday", "December 22", "today", "yesterday", "last year"])
def test_without_a_publication_date_relative_expressions_stay_unresolved(text: str) -> None:
    assert resolve_date(text, None) is None


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.sampled_from(["Monday", "Friday", "Sunday", "March 3", "Dec 31", "29 February", "today"]),
)
def test_relative_dates_never_land_far_after_the_reference(reference: date, text: str) -> None:
    resolved = resolve_date(text, reference)
    if resolved is not None:
        assert date.fromisoformat(resolved.iso) <= reference + timedelta(days=7)


def test_a_month_alone_is_the_latest_such_month() -> None:
    assert resolve_date("February", date(2005, 11, 27)) == ResolvedDate("2005-02", "month")
    assert resolve_date("in December", date(2026, 2, 6)) == ResolvedDate("2025-12", "month")


def test_a_day_that_lies_ahead_resolves_forwards() -> None:
    friday = date(2013, 3, 8)
    assert resolve_date("Saturday", friday) == ResolvedDate("2013-03-02", "day")
    assert resolve_date("Saturday", friday, ahead=True) == ResolvedDate("2013-03-09", "day")
    assert resolve_date("December 22", date(2013, 11, 20), ahead=True) == ResolvedDate("2013-12-22", "day")
    past = resolve_date("December 15, 2013", date(2014, 1, 5), ahead=True)
    assert past == ResolvedDate("2013-12-15", "day")  # a full date is never moved


def test_yesterday_stays_yesterday_in_a_sentence_that_looks_ahead() -> None:
    # 'Microsoft was to release an emergency patch yesterday'
    assert resolve_date("yesterday", date(2008, 12, 18), ahead=True) == ResolvedDate("2008-12-17", "day")
