"""The in-memory index that online story clustering searches: story centroids, postings, idf.

Each story is the sum of its articles' unit term vectors, indexed under every term of every
article, in the time *epoch* (a block of days) of that article's publication day. A new
article looks only at the postings of its most distinctive words in the epochs near its
publication day, so the work
per article depends on how many stories share those words at that time, not on the size of
the store. Candidates are then scored by idf-weighted cosine, damped by the time gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """The knobs of the clustering itself (see `StoryOptions` for their help text)."""

    threshold: float = 0.2
    name_weight: float = 0.3
    query_terms: int = 16
    candidates: int = 12
    max_df: float = 0.1
    time_grace_days: float = 3.0
    time_scale_days: float = 7.0
    max_gap_days: int = 30
    epoch_days: int = 16


@dataclass(slots=True)
class IdfSnapshot:
    """Inverse document frequencies frozen at one corpus size.

    The idf changes only when the corpus has grown by a tenth (checked at the start of each
    batch, after counting the batch's own words), so the weights of a batch are consistent
    with each other, and a process that restarts loads the snapshot the store saved.
    """

    articles: int = 0
    df: dict[str, int] = field(default_factory=dict)
    version: int = 0
    idf: dict[str, float] = field(default_factory=dict)
    unseen: float = 1.0

    def __post_init__(self) -> None:
        total = self.articles + 1
        self.idf = {term: math.log(total / (count + 1)) + 1.0 for term, count in self.df.items()}
        self.unseen = math.log(total) + 1.0

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unseen)


@dataclass(slots=True)
class StoryState:
    """One story's centroid and time span, as the index keeps it."""

    id: int
    vector: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_day: int | None = None
    last_day: int | None = None


def unit_vector(weights: dict[str, float]) -> dict[str, float]:
    """Scale term weights to length one, so every article counts the same in a centroid."""
    length = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    return {term: value / length for term, value in weights.items()}


def _scaled(weights: dict[str, float], length: float) -> dict[str, float]:
    norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    return {term: value * length / norm for term, value in weights.items()}


def dot(small: dict[str, float], large: dict[str, float]) -> float:
    total = 0.0
    if len(small) > len(large):
        small, large = large, small
    for term, value in small.items():
        other = large.get(term)
        if other is not None:
            total += value * other
    return total


def time_factor(span: tuple[int, int] | None, story: StoryState, options: ClusterOptions) -> float:
    """1.0 within a few days of the story's span, then decaying: weeks apart rarely match.

    `span` is the (first, last) publication day of what is being placed, an article or a
    whole story. A missing date on either side is neutral (1.0): nothing is known against it.
    """
    if story.first_day is None or story.last_day is None:
        return 1.0
    return span_factor(span, (story.first_day, story.last_day), options)


def span_factor(
    first: tuple[int, int] | None, second: tuple[int, int] | None, options: ClusterOptions
) -> float:
    """The time damping between two (first day, last day) spans; None is neutral."""
    if first is None or second is None:
        return 1.0
    gap = max(second[0] - first[1], first[0] - second[1], 0)
    if gap <= options.time_grace_days:
        return 1.0
    return math.exp(-(gap - options.time_grace_days) / options.time_scale_days)


class StoryIndex:
    """Story centroids with per-epoch postings, for sub-linear candidate search."""

    def __init__(self, options: ClusterOptions) -> None:
        self.options = options
        self.stories: dict[int, StoryState] = {}
        # epoch (None for undated articles) -> term -> story ids
        self.postings: dict[int | None, dict[str, list[int]]] = {}
        self.df: dict[str, int] = {}
        self.articles = 0
        self.idf = IdfSnapshot()

    # -- document frequencies -----------------------------------------------------------
    def count_terms(self, terms: list[str]) -> None:
        """Record one more article containing `terms` (call once per article)."""
        self.articles += 1
        df = self.df
        for term in terms:
            df[term] = df.get(term, 0) + 1

    def idf_is_stale(self) -> bool:
        """True when the corpus grew by a tenth since the idf snapshot was taken."""
        return self.articles > self.idf.articles and self.articles >= 1.1 * self.idf.articles

    def refresh_idf(self) -> IdfSnapshot:
        self.idf = IdfSnapshot(articles=self.articles, df=dict(self.df), version=self.idf.version + 1)
        return self.idf

    # -- search -------------------------------------------------------------------------
    def best_story(
        self,
        vector: dict[str, float],
        span: tuple[int, int] | None,
        *,
        size: int = 1,
        threshold: float | None = None,
        exclude: int | None = None,
    ) -> tuple[int | None, float]:
        """The story a vector fits best and its score; (None, score) if below the threshold."""
        scored = self.scored_candidates(vector, span, size=size, exclude=exclude)
        best = max(scored, key=lambda item: (item[1], -item[0]), default=(None, 0.0))
        if best[1] < (self.options.threshold if threshold is None else threshold):
            return None, best[1]
        return best

    def scored_candidates(
        self,
        vector: dict[str, float],
        span: tuple[int, int] | None,
        *,
        size: int = 1,
        exclude: int | None = None,
    ) -> list[tuple[int, float]]:
        """Candidate stories with their match score, in candidate order.

        `vector` is the sum of `size` unit article vectors (one article, or a whole story), and
        the score is their average cosine with the story's members: average linkage, which
        unlike a centroid cosine does not let big, diffuse stories swallow everything nearby.
        It is damped by the publication-time gap.
        """
        scored = []
        for story_id in self.candidates(vector, span):
            if story_id == exclude:
                continue
            story = self.stories[story_id]
            score = dot(vector, story.vector) / (story.size * size) * time_factor(span, story, self.options)
            scored.append((story_id, score))
        return scored

    def candidates(self, vector: dict[str, float], span: tuple[int, int] | None) -> list[int]:
        """Stories sharing the article's most distinctive words, in nearby epochs."""
        ceiling = self.options.max_df * max(self.idf.articles, 1)
        common = self.idf.df
        usable = [
            (value, term)
            for term, value in vector.items()
            if self.idf.articles < 50 or common.get(term, 0) <= ceiling
        ]
        usable.sort(key=lambda item: -item[0])
        partitions = [self.postings[key] for key in self._epochs_near(span) if key in self.postings]
        scores: dict[int, float] = {}
        for value, term in usable[: self.options.query_terms]:
            seen: set[int] = set()
            for postings in partitions:
                for story_id in postings.get(term, ()):
                    if story_id not in seen:
                        seen.add(story_id)
                        scores[story_id] = scores.get(story_id, 0.0) + value
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[: self.options.candidates + 1]]

    def _epochs_near(self, span: tuple[int, int] | None) -> list[int | None]:
        if span is None:
            return sorted(self.postings, key=lambda key: (key is not None, key or 0))
        size = self.options.epoch_days
        low = (span[0] - self.options.max_gap_days) // size
        high = (span[1] + self.options.max_gap_days) // size
        return [None, *range(low, high + 1)]

    def weigh(self, weights: dict[str, float]) -> dict[str, float]:
        """An article's term weights times idf: words and names each scaled to length one.

        The two parts are then scaled by sqrt(1 - name_weight) and sqrt(name_weight), so the
        dot product of two such vectors is the weighted mean of their word cosine and their
        name cosine. An article without names keeps its words at full length.
        """
        weight = self.idf.weight
        words = {term: value * weight(term) for term, value in weights.items() if term[0] != "@"}
        names = {term: value * weight(term) for term, value in weights.items() if term[0] == "@"}
        if not names:
            return unit_vector(words)
        share = self.options.name_weight
        return {**_scaled(words, math.sqrt(1.0 - share)), **_scaled(names, math.sqrt(share))}

    # -- updates --------------------------------------------------------------------------
    def add(self, story_id: int, vector: dict[str, float], day: int | None) -> None:
        """Add one article's vector to a story (created if new) and index its terms.

        The terms go under the epoch of the article's own day (or the undated block), so a
        story is found from the times its articles were published, and adding an article
        costs the same however long the story runs.
        """
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(id=story_id)
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        centroid = story.vector
        for term, value in vector.items():
            centroid[term] = centroid.get(term, 0.0) + value
        story.size += 1
        self._index(story_id, None if day is None else day // self.options.epoch_days, vector)

    def _index(self, story_id: int, epoch: int | None, terms: dict[str, float]) -> None:
        # Lists, not sets: a story's articles arrive together, so checking the last entry
        # avoids nearly all repeats, and a one-entry list is a third of a one-entry set.
        postings = self.postings.setdefault(epoch, {})
        for term in terms:
            bucket = postings.get(term)
            if bucket is None:
                postings[term] = [story_id]
            elif bucket[-1] != story_id:
                bucket.append(story_id)
