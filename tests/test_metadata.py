"""Outlets, dates and titles from what the article itself carries, never guessed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.metadata import (
    looks_like_headline,
    normalise_date,
    outlet_from_dateline,
    outlet_from_url,
    parse_front_matter,
    split_title,
)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Moscow [Russia], February 6 (ANI): A senior Russian military officer was shot.", "ANI"),
        ("MOSCOW (Reuters) - Russia said on Friday.", "Reuters"),
        ("KYIV, Ukraine (AP) — Russian drones struck overnight.", "AP"),
        ("New Delhi, Jan 3, 2026 (PTI): The minister said.", "PTI"),
        ("PARIS (Agence France-Presse) - Strikes continued.", "AFP"),
        ("The minister (who resigned later) said nothing.", None),
        ("Police said (in a statement): nobody was hurt.", None),
    ],
)
def test_outlet_from_dateline(text: str, outlet: str | None) -> None:
    assert outlet_from_dateline(text) == outlet


@given(st.text(alphabet=st.characters(blacklist_characters="()"), max_size=200))
def test_no_parenthesis_no_dateline_outlet(text: str) -> None:
    assert outlet_from_dateline(text) is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.theguardian.com/world/2026/feb/06/x", "The Guardian"),
        ("https://edition.cnn.com/a", "CNN"),
        ("https://news.example.co.uk/story", "news.example.co.uk"),
        ("not a url", None),
    ],
)
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-02-06T12:34:00+0000", "2026-02-06T12:34:00+00:00"),
        ("Fri, 06 Feb 2026 10:00:00 GMT", "2026-02-06T10:00:00+00:00"),
        ("February 6, 2026", "2026-02-06"),
        ("2026-02-06T00:00:00", "2026-02-06"),
        ("Feb 6", None),
        ("Friday", None),
        ("yesterday", None),
        ("", None),
        ("nonsense 2026 words", None),
    ],
)
def test_normalise_date(value: str, iso: str | None) -> None:
    assert normalise_date(value) == iso


@given(
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2099, 12, 31),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
    )
)
def test_aware_datetimes_round_trip(moment: datetime) -> None:
    moment = moment.replace(microsecond=0, second=max(moment.second, 1))
    assert normalise_date(moment.isoformat()) == moment.isoformat()


@given(st.sampled_from(["Jan", "February", "Mar.", "Sept", "December"]), st.integers(1, 28))
def test_a_date_without_year_is_never_completed_from_today(month: str, day: int) -> None:
    assert normalise_date(f"{month} {day}") is None


def test_first_line_title_only_when_it_reads_like_a_headline() -> None:
    assert split_title("Council approves budget\nThe council voted on Monday.") == (
        "Council approves budget",
        "The council voted on Monday.",
    )
    dateline = "LONDON (Reuters) - Prices rose. Analysts said so.\nMore text."
    assert split_title(dateline) == (None, dateline)
    assert not looks_like_headline("The council met. It voted to approve the budget on Monday.")


def test_front_matter_needs_every_header_line_to_be_a_known_key() -> None:
    fields, body = parse_front_matter("Title: A\nOutlet: B\n\nBody text.")
    assert (fields, body) == ({"title": "A", "outlet": "B"}, "Body text.")
    text = "Moscow: the city woke to snow.\n\nMore."
    assert parse_front_matter(text) == ({}, text)
