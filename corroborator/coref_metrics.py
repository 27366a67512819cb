"""Coreference scores: MUC, B-cubed, CEAF-e and their mean (the CoNLL F1).

Clusterings are lists of sets of hashable mention ids. Each metric returns a `Score` holding its
precision and recall numerators and denominators, so scores of several stories add up (micro average)
before precision, recall and F1 are taken. Mentions in one clustering but not the other count as
singletons where the metric needs them (MUC) and are otherwise simply unmatched.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence, Set
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

Clusters = Sequence[Set[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    """Precision and recall as fractions, kept apart so that scores can be summed."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.p_num + other.p_num,
            self.p_den + other.p_den,
            self.r_num + other.r_num,
            self.r_den + other.r_den,
        )

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _owner(clusters: Clusters) -> dict[Hashable, int]:
    return {mention: n for n, cluster in enumerate(clusters) for mention in cluster}


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    """(numerator, denominator) of MUC recall of `response` against `key`: links kept / links needed."""
    owner = _owner(response)
    num = den = 0
    for cluster in key:
        parts = {owner.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return float(num), float(den)


def muc(key: Clusters, response: Clusters) -> Score:
    """MUC (Vilain et al. 1995): counts the links needed to rebuild each cluster."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return Score(p_num, p_den, r_num, r_den)


def _b_cubed_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    """(sum over key mentions of overlap share, number of key mentions)."""
    by_mention = {m: cluster for cluster in response for m in cluster}
    total = 0.0
    count = 0
    for cluster in key:
        for mention in cluster:
            other = by_mention.get(mention)
            total += len(cluster & other) / len(cluster) if other else 0.0
            count += 1
    return total, float(count)


def b_cubed(key: Clusters, response: Clusters) -> Score:
    """B-cubed (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters."""
    r_num, r_den = _b_cubed_side(key, response)
    p_num, p_den = _b_cubed_side(response, key)
    return Score(p_num, p_den, r_num, r_den)


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    """Entity-based CEAF (Luo 2005): best one-to-one alignment of clusters by phi-4 similarity."""
    key_list = [c for c in key if c]
    response_list = [c for c in response if c]
    if not key_list or not response_list:
        return Score(0.0, float(len(response_list)), 0.0, float(len(key_list)))
    similarity = np.array(
        [[2 * len(k & r) / (len(k) + len(r)) for r in response_list] for k in key_list], dtype=float
    )
    rows, cols = linear_sum_assignment(-similarity)
    total = float(similarity[rows, cols].sum())
    return Score(total, float(len(response_list)), total, float(len(key_list)))


@dataclass(frozen=True, slots=True)
class CorefScores:
    """The three metrics of one or more stories, summed."""

    muc: Score = Score()
    b_cubed: Score = Score()
    ceaf_e: Score = Score()

    def __add__(self, other: CorefScores) -> CorefScores:
        return CorefScores(self.muc + other.muc, self.b_cubed + other.b_cubed, self.ceaf_e + other.ceaf_e)

    @property
    def conll_f1(self) -> float:
        """Mean of the MUC, B-cubed and CEAF-e F1 scores."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def score_clusters(key: Clusters, response: Clusters) -> CorefScores:
    """All three metrics of one clustering against the gold one."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))
