"""Clustering metrics: known values and properties that must hold for any labelling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborator.metrics import bcubed, f1, pairwise

labellings = st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=40)


def as_map(labels: list[int]) -> dict[int, int]:
    return dict(enumerate(labels))


@given(labellings)
def test_a_perfect_clustering_scores_one(labels: list[int]) -> None:
    gold = as_map(labels)
    assert bcubed(gold, gold).f1 == pytest.approx(1.0)
    assert pairwise(gold, gold).f1 == pytest.approx(1.0)


@given(labellings, labellings)
def test_scores_are_between_zero_and_one(first: list[int], second: list[int]) -> None:
    size = min(len(first), len(second))
    predicted, gold = as_map(first[:size]), as_map(second[:size])
    for scores in (bcubed(predicted, gold), pairwise(predicted, gold)):
        for value in (scores.precision, scores.recall, scores.f1):
            assert 0.0 <= value <= 1.0 + 1e-12


@given(labellings)
def test_all_singletons_have_perfect_precision_and_recall_one_over_cluster_size(labels: list[int]) -> None:
    gold = as_map(labels)
    singletons = {item: item for item in gold}
    scores = bcubed(singletons, gold)
    assert scores.precision == pytest.approx(1.0)
    expected = sum(1 / labels.count(label) for label in labels) / len(labels)
    assert scores.recall == pytest.approx(expected)
    assert scores.recall >= len(set(labels)) / len(labels) - 1e-12


@given(labellings)
def test_one_big_cluster_has_perfect_recall(labels: list[int]) -> None:
    gold = as_map(labels)
    assert bcubed(dict.fromkeys(gold, 0), gold).recall == pytest.approx(1.0)


def test_a_known_small_example() -> None:
    gold = {1: "a", 2: "a", 3: "b"}
    predicted = {1: 0, 2: 0, 3: 0}
    scores = bcubed(predicted, gold)
    assert scores.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert scores.recall == pytest.approx(1.0)
    assert pairwise(predicted, gold).precision == pytest.approx(1 / 3)


def test_mismatched_items_are_refused() -> None:
    with pytest.raises(ValueError, match="same items"):
        bcubed({1: 0}, {2: 0})


def test_f1_of_zeros_is_zero() -> None:
    assert f1(0.0, 0.0) == 0.0
