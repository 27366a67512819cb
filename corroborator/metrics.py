"""Clustering scores against gold labels: B-cubed and pairwise precision, recall and F1.

Pure functions over two mappings item -> cluster label, so the evaluation, the quality gate
and the baselines all score the same way. B-cubed (Bagga & Baldwin 1998) averages over items,
so big clusters do not drown small ones; pairwise counts co-clustered pairs, which punishes
mistakes inside big clusters more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

Item = TypeVar("Item", bound=Hashable)
Predicted = TypeVar("Predicted", bound=Hashable)
Gold = TypeVar("Gold", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0.0 when both are 0."""
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _check(predicted: Mapping[Item, Predicted], gold: Mapping[Item, Gold]) -> None:
    if set(predicted) != set(gold):
        raise ValueError("predicted and gold clusterings must label the same items")


def bcubed(predicted: Mapping[Item, Predicted], gold: Mapping[Item, Gold]) -> Scores:
    """B-cubed scores: per item, the share of its predicted cluster that shares its gold
    cluster (precision) and the share of its gold cluster found in its predicted one (recall).

    An empty item set scores 1.0: there is nothing to get wrong.
    """
    _check(predicted, gold)
    if not gold:
        return Scores(1.0, 1.0, 1.0)
    both = Counter((predicted[item], gold[item]) for item in gold)
    pred_sizes = Counter(predicted.values())
    gold_sizes = Counter(gold.values())
    precision = sum(n * n / pred_sizes[p] for (p, _), n in both.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (_, g), n in both.items()) / len(gold)
    return Scores(precision, recall, f1(precision, recall))


def _pairs(sizes: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(predicted: Mapping[Item, Predicted], gold: Mapping[Item, Gold]) -> Scores:
    """Pairwise scores over all unordered item pairs put together by either clustering.

    With no pair on one side, its score is 1.0 if the other side has none either, else 0.0
    for recall and 1.0 for precision (nothing claimed, nothing wrong).
    """
    _check(predicted, gold)
    together = _pairs(Counter((predicted[item], gold[item]) for item in gold))
    predicted_pairs = _pairs(Counter(predicted.values()))
    gold_pairs = _pairs(Counter(gold.values()))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall, f1(precision, recall))
