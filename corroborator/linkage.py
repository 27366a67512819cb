"""Average-linkage clustering of a batch of new articles into new and existing stories.

Placing articles one by one makes early arrivals decide for later ones. Within one ingest
batch we can do better cheaply: treat each new article as a cluster of one and each nearby
existing story as a ready-made cluster, link only pairs that the term index proposes, and
merge the closest pair again and again while their *average* pairwise cosine stays above the
threshold (agglomerative average linkage on a sparse candidate graph).

Average linkage is exact on sums: every article vector has length one, so the mean cosine
between two clusters is dot(sum A, sum B) / (|A| |B|), and a merged cluster's sum is just
the two sums added. Existing stories are never merged with each other here (that would
renumber stored articles on every ingest); `regroup` runs the same code over all articles.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from corroborator.story_index import ClusterOptions, StoryState, dot, span_factor


@dataclass(slots=True)
class Cluster:
    """A group being built: its vector sum, size, day span, and the story it extends if any."""

    key: int
    vector: dict[str, float]
    size: int
    first_day: int | None = None
    last_day: int | None = None
    story_id: int | None = None
    articles: list[int] = field(default_factory=list)
    version: int = 0
    owned: bool = True

    @property
    def span(self) -> tuple[int, int] | None:
        if self.first_day is None or self.last_day is None:
            return None
        return self.first_day, self.last_day

    @classmethod
    def of_article(cls, article_id: int, vector: dict[str, float], day: int | None) -> Cluster:
        return cls(
            key=article_id, vector=dict(vector), size=1, first_day=day, last_day=day, articles=[article_id]
        )

    @classmethod
    def of_story(cls, story: StoryState) -> Cluster:
        """An existing story as a cluster; its vector is shared with the index until changed."""
        return cls(
            key=-story.id,
            vector=story.vector,
            size=story.size,
            first_day=story.first_day,
            last_day=story.last_day,
            story_id=story.id,
            owned=False,
        )


def similarity(a: Cluster, b: Cluster, options: ClusterOptions) -> float:
    """Average cosine between the members of two clusters, damped by their time gap."""
    return dot(a.vector, b.vector) / (a.size * b.size) * span_factor(a.span, b.span, options)


def average_linkage(
    clusters: dict[int, Cluster], edges: Iterable[tuple[int, int]], options: ClusterOptions
) -> dict[int, Cluster]:
    """Merge linked clusters, closest first, while the average cosine reaches the threshold.

    Returns the surviving clusters by key. Ties are broken by key, so the result depends only
    on the input, not on set or heap iteration order.
    """
    neighbours: dict[int, set[int]] = {key: set() for key in clusters}
    heap: list[tuple[float, int, int, int, int]] = []
    for a, b in edges:
        if a == b or b in neighbours[a] or _both_stories(clusters[a], clusters[b]):
            continue
        neighbours[a].add(b)
        neighbours[b].add(a)
        _push(heap, clusters[a], clusters[b], options)
    while heap:
        negative, low, high, low_version, high_version = heapq.heappop(heap)
        if -negative < options.threshold:
            break
        first, second = clusters.get(low), clusters.get(high)
        if first is None or second is None or (first.version, second.version) != (low_version, high_version):
            continue
        survivor = _merge(clusters, first, second)
        _relink(
            clusters, neighbours, heap, survivor, first.key if survivor is second else second.key, options
        )
    return clusters


def _both_stories(a: Cluster, b: Cluster) -> bool:
    return a.story_id is not None and b.story_id is not None


def _push(
    heap: list[tuple[float, int, int, int, int]], a: Cluster, b: Cluster, options: ClusterOptions
) -> None:
    score = similarity(a, b, options)
    if score >= options.threshold:
        low, high = (a, b) if a.key < b.key else (b, a)
        heapq.heappush(heap, (-score, low.key, high.key, low.version, high.version))


def _merge(clusters: dict[int, Cluster], a: Cluster, b: Cluster) -> Cluster:
    """Fold one cluster into the other: an existing story survives, else the lower key."""
    survivor, absorbed = (
        (a, b) if (a.story_id is not None or (b.story_id is None and a.key < b.key)) else (b, a)
    )
    if not survivor.owned:
        survivor.vector = dict(survivor.vector)
        survivor.owned = True
    vector = survivor.vector
    for term, value in absorbed.vector.items():
        vector[term] = vector.get(term, 0.0) + value
    survivor.size += absorbed.size
    survivor.articles.extend(absorbed.articles)
    for day in (absorbed.first_day, absorbed.last_day):
        if day is not None:
            survivor.first_day = day if survivor.first_day is None else min(survivor.first_day, day)
            survivor.last_day = day if survivor.last_day is None else max(survivor.last_day, day)
    survivor.version += 1
    del clusters[absorbed.key]
    return survivor


def _relink(
    clusters: dict[int, Cluster],
    neighbours: dict[int, set[int]],
    heap: list[tuple[float, int, int, int, int]],
    survivor: Cluster,
    absorbed_key: int,
    options: ClusterOptions,
) -> None:
    """Give the merged cluster the union of both sides' links, re-scored exactly."""
    linked = (neighbours.pop(absorbed_key) | neighbours[survivor.key]) - {survivor.key, absorbed_key}
    neighbours[survivor.key] = set()
    for key in sorted(linked):
        other_links = neighbours[key]
        other_links.discard(absorbed_key)
        other = clusters[key]
        if _both_stories(survivor, other):
            other_links.discard(survivor.key)
            continue
        other_links.add(survivor.key)
        neighbours[survivor.key].add(key)
        _push(heap, survivor, other, options)
