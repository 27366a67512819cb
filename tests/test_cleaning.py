"""The cleaner removes page furniture and never rewrites the article's own words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corroborator.cleaning import clean_text, is_caption, is_furniture

ARTICLE = """Russian general in critical condition after shooting

. UK edition

Lt Gen Ivan Petrov
Lt Gen Ivan Petrov pictured in June 2023. Photograph: Defence Ministry/Reuters

A senior officer was shot several times on Friday, state media reported.
Share this article
Subscribe

"""


def test_furniture_and_captions_are_removed() -> None:
    assert clean_text(ARTICLE) == (
        "Russian general in critical condition after shooting\n\n"
        "A senior officer was shot several times on Friday, state media reported."
    )


def test_a_sentence_mentioning_a_photograph_is_kept() -> None:
    text = "The photograph was taken in 2019, police said. It showed the suspect."
    assert clean_text(text) == text


def test_caption_and_banner_recognisers() -> None:
    assert is_caption("Firefighters at the scene. Photo: AFP")
    assert is_caption("(Photo by Jane Roe/Getty Images)")
    assert not is_caption("He said: photo opportunities were rare.")
    assert is_furniture("US edition")
    assert is_furniture("Read more: What we know so far")
    assert not is_furniture("Read more about the budget in the council's report, the mayor said.")


lines = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60), max_size=12
).map("\n".join)


@given(lines)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(lines)
def test_cleaning_only_removes_never_rewrites(text: str) -> None:
    """Every cleaned line is one of the input lines, trailing spaces aside, in the same order."""
    source = [line.rstrip(" \t\u00a0") for line in text.replace("\r", "\n").split("\n")]
    position = 0
    for line in clean_text(text).split("\n"):
        if not line:
            continue
        while position < len(source) and source[position].strip() != line.strip():
            position += 1
        assert position < len(source), line
        position += 1


@given(lines)
def test_no_runs_of_blank_lines_or_edge_whitespace(text: str) -> None:
    cleaned = clean_text(text)
    assert "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip()
