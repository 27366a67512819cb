"""Near-duplicates: re-run wire copies point at the earliest copy; rewrites do not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.duplicates import (
    containment,
    shingle_hashes,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from corroborator.models import ArticleDraft
from corroborator.settings import Settings
from corroborator.store import SQLiteStore, open_store
from corroborator.stories import group_articles

WIRE = """MOSCOW, Feb 6 (ANI): Russian military intelligence officer Lieutenant General Vladimir
Alekseyev was shot several times in a residential building in northwestern Moscow on Friday
morning and was taken to hospital, the Investigative Committee said. The attacker fled the scene.
Investigators opened a criminal case for attempted murder and illegal arms trafficking. Alekseyev,
first deputy head of the GRU, has been under Western sanctions since 2016 over alleged election
interference. Kremlin spokesman Dmitry Peskov said President Vladimir Putin had been informed and
wished the general a speedy recovery. Police were searching for the gunman, who was seen on camera
entering the building with a delivery bag."""

# The same wire report re-run with one sentence changed and one added (an updated version).
RERUN = (
    WIRE.replace("The attacker fled the scene.", "The attacker escaped on foot and has not been identified.")
    + " His condition was described as serious but stable."
)

REWRITE = """A senior Russian general, Vladimir Alekseyev, is in hospital after a gunman opened fire
on him in a Moscow apartment block, according to Russian investigators. The deputy chief of the
GRU military intelligence agency was hit by several bullets. The Kremlin said Vladimir Putin had
been told about the shooting; Dmitry Peskov wished him a fast recovery."""


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "t.db") as store:
        yield store


def add(store: SQLiteStore, *drafts: ArticleDraft) -> list[int]:
    with store.transaction():
        ids = [store.add_article(draft)[0].id for draft in drafts]
        group_articles(store, ids, Settings())
    return ids


def wire(text: str, outlet: str, published: str | None = "2026-02-06") -> ArticleDraft:
    return ArticleDraft(origin=f"{outlet}.txt", text=text, outlet=outlet, published=published)


def test_a_rerun_wire_copy_with_a_changed_sentence_is_a_duplicate_of_the_first(
    fresh_store: SQLiteStore,
) -> None:
    original, rerun = add(fresh_store, wire(WIRE, "ANI"), wire(RERUN, "Devdiscourse"))
    copy = fresh_store.get_article(rerun)
    assert copy.duplicate_of == original
    assert copy.story_id == fresh_store.get_article(original).story_id
    assert fresh_store.get_article(original).duplicate_of is None


def test_a_third_copy_points_at_the_earliest_not_the_one_it_resembles_most(fresh_store: SQLiteStore) -> None:
    original = add(fresh_store, wire(WIRE, "ANI"))[0]
    add(fresh_store, wire(RERUN, "Devdiscourse"))
    third = add(fresh_store, wire(RERUN + " More to follow.", "Big News Network"))[0]
    assert fresh_store.get_article(third).duplicate_of == original


def test_an_earlier_published_copy_arriving_late_becomes_the_original(fresh_store: SQLiteStore) -> None:
    later, copy = add(fresh_store, wire(RERUN, "Devdiscourse", "2026-02-07"), wire(WIRE, "ANI", "2026-02-06"))
    assert fresh_store.get_article(copy).duplicate_of is None
    assert fresh_store.get_article(later).duplicate_of == copy


def test_a_rewrite_of_the_same_event_is_not_a_duplicate_but_joins_the_story(fresh_store: SQLiteStore) -> None:
    original, rewrite = add(fresh_store, wire(WIRE, "ANI"), wire(REWRITE, "BBC"))
    article = fresh_store.get_article(rewrite)
    assert article.duplicate_of is None
    assert article.story_id == fresh_store.get_article(original).story_id


def test_copies_are_found_from_signatures_stored_by_an_earlier_process(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        original = add(store, wire(WIRE, "ANI"))[0]
    with open_store(tmp_path / "t.db") as store:
        rerun = add(store, wire(RERUN, "Devdiscourse"))[0]
        assert store.get_article(rerun).duplicate_of == original


def test_shingles_ignore_case_punctuation_and_line_breaks() -> None:
    assert np.array_equal(
        shingle_hashes("The quick brown fox, jumped!"), shingle_hashes("the QUICK\nbrown fox jumped")
    )


def test_containment_of_a_text_in_itself_and_in_an_unrelated_one() -> None:
    text = shingle_hashes(WIRE)
    assert containment(text, text) == 1.0
    assert (
        containment(text, shingle_hashes("Completely different words about football results today.")) == 0.0
    )


words = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "news", "wire", "report", "moscow", "general"]), max_size=60
)


@given(words)
def test_signature_survives_storage_unchanged(tokens: list[str]) -> None:
    values = signature(shingle_hashes(" ".join(tokens)))
    assert np.array_equal(signature_from_bytes(signature_bytes(values)), values)


@given(words, words)
def test_identical_texts_have_identical_signatures_and_full_containment(
    first: list[str], second: list[str]
) -> None:
    text = " ".join(first + second)
    shingles = shingle_hashes(text)
    assert np.array_equal(signature(shingles), signature(shingle_hashes(text)))
    if len(shingles):
        assert containment(shingles, shingles) == 1.0
