"""MUC, B-cubed and CEAF-e on textbook cases and random clusterings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.coref_metrics import b_cubed, ceaf_e, muc, score_clusters


def partition(labels: list[int]) -> list[set[int]]:
    """Mentions 0..n-1 grouped by their label."""
    groups: dict[int, set[int]] = {}
    for mention, label in enumerate(labels):
        groups.setdefault(label, set()).add(mention)
    return [groups[k] for k in sorted(groups)]


labelings = st.integers(1, 12).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
        st.lists(st.integers(0, 4), min_size=n, max_size=n),
    )
)


def test_textbook_example() -> None:
    # Key {1,2,3,4,5} {6,7}; response {1,2,3,4,5,6,7}: the classic MUC over-merge case.
    key = [{1, 2, 3, 4, 5}, {6, 7}]
    response = [{1, 2, 3, 4, 5, 6, 7}]
    assert muc(key, response).recall == 1.0
    assert muc(key, response).precision == pytest.approx(5 / 6)
    assert b_cubed(key, response).recall == 1.0
    assert b_cubed(key, response).precision == pytest.approx((5 * 5 / 7 + 2 * 2 / 7) / 7)
    assert ceaf_e(key, response).precision == pytest.approx(2 * 5 / 12)
    assert ceaf_e(key, response).recall == pytest.approx(2 * 5 / 12 / 2)


@given(labelings)
def test_a_clustering_scores_perfectly_against_itself(pair: tuple[list[int], list[int]]) -> None:
    clusters = partition(pair[0])
    scores = score_clusters(clusters, clusters)
    assert scores.b_cubed.f1 == pytest.approx(1.0) and scores.ceaf_e.f1 == pytest.approx(1.0)
    if any(len(c) > 1 for c in clusters):  # MUC has no links to count among singletons
        assert scores.muc.f1 == pytest.approx(1.0)


@given(labelings)
def test_scores_are_fractions_and_swapping_sides_swaps_precision_and_recall(
    pair: tuple[list[int], list[int]],
) -> None:
    key, response = partition(pair[0]), partition(pair[1])
    for metric in (muc, b_cubed, ceaf_e):
        forward, backward = metric(key, response), metric(response, key)
        assert 0.0 <= forward.precision <= 1.0 and 0.0 <= forward.recall <= 1.0
        assert forward.precision == pytest.approx(backward.recall)
        assert forward.recall == pytest.approx(backward.precision)


@given(labelings)
def test_scores_of_stories_add_up(pair: tuple[list[int], list[int]]) -> None:
    key, response = partition(pair[0]), partition(pair[1])
    shifted_key = [{m + 100 for m in c} for c in key]
    shifted_response = [{m + 100 for m in c} for c in response]
    one = score_clusters(key, response)
    both = one + score_clusters(shifted_key, shifted_response)
    assert both.conll_f1 == pytest.approx(one.conll_f1)
