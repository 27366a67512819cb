"""Group articles into stories as they arrive, and flag near-duplicates on the way.

`group_articles` runs on each ingest batch, right after its articles are stored:

1. near-duplicate check (`duplicates.py`), article by article in id order: an article that is
   mostly an earlier one's text follows that article's story, with `duplicate_of` = the
   earliest copy;
2. story clustering of the rest (`linkage.py` over `story_index.py`): the new articles and the
   existing stories they touch are merged by average linkage (idf-weighted cosine of title, body
   and name words, damped by the gap in publication days) while the score reaches `threshold`;
   an article that reaches no story starts a new one.

The in-memory index is rebuilt from the stored features when a process first groups, then
kept up to date; it is caught up or rebuilt when the store shows another process changed it.
`regroup` re-clusters everything as one batch with the final idf; `list_stories` reads the
result back. How it works and how well: docs/stories.md.
"""

from __future__ import annotations

import functools
import json
import weakref
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from corroborator.duplicates import (
    DuplicateIndex,
    DuplicateOptions,
    Signature,
    shingle_hashes,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from corroborator.linkage import Cluster, average_linkage
from corroborator.models import Article
from corroborator.settings import Settings
from corroborator.store import Store
from corroborator.story_index import ClusterOptions, IdfSnapshot, StoryIndex, unit_vector
from corroborator.story_terms import article_terms

RECENT_SHINGLES = 20_000


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryOptions:
    """Every knob of duplicate detection and story clustering, with its default.

    `Settings` fields named `story_<knob>` override these (see `from_settings`), so the CLI
    and library share one options object.
    """

    threshold: float = field(default=0.2, metadata={"help": "Lowest match score that joins a story."})
    max_terms: int = field(default=128, metadata={"help": "Weighted words kept per article."})
    query_terms: int = field(default=16, metadata={"help": "Distinctive words looked up per new article."})
    candidates: int = field(default=12, metadata={"help": "Candidate stories scored per new article."})
    max_df: float = field(
        default=0.1, metadata={"help": "Words in more articles than this share are not looked up."}
    )
    title_boost: float = field(default=2.0, metadata={"help": "Extra count for words in the title."})
    max_names: int = field(default=32, metadata={"help": "Name terms (capitalised words) kept per article."})
    name_weight: float = field(
        default=0.3, metadata={"help": "Share of the match score given to shared names."}
    )
    time_grace_days: float = field(default=3.0, metadata={"help": "Days apart with no time penalty."})
    time_scale_days: float = field(
        default=7.0, metadata={"help": "Days over which the time penalty grows e-fold."}
    )
    max_gap_days: int = field(
        default=30, metadata={"help": "Stories further apart in days are not looked at."}
    )
    epoch_days: int = field(default=16, metadata={"help": "Width in days of one time block of the index."})
    duplicate_lsh_threshold: float = field(
        default=0.4, metadata={"help": "MinHash LSH Jaccard threshold for copy candidates."}
    )
    duplicate_containment: float = field(
        default=0.7,
        metadata={
            "help": "Share of an article's 4-word shingles found in an earlier one that makes it a copy."
        },
    )

    @classmethod
    def from_settings(cls, settings: Settings | None) -> StoryOptions:
        """Defaults, overridden by any `story_<name>` field the settings object carries."""
        changes = {}
        for option in fields(cls):
            value = getattr(settings, f"story_{option.name}", None)
            if value is not None:
                changes[option.name] = value
        return cls(**changes)

    def cluster(self) -> ClusterOptions:
        return ClusterOptions(
            threshold=self.threshold,
            name_weight=self.name_weight,
            query_terms=self.query_terms,
            candidates=self.candidates,
            max_df=self.max_df,
            time_grace_days=self.time_grace_days,
            time_scale_days=self.time_scale_days,
            max_gap_days=self.max_gap_days,
            epoch_days=self.epoch_days,
        )

    def duplicates(self) -> DuplicateOptions:
        return DuplicateOptions(
            lsh_threshold=self.duplicate_lsh_threshold, containment=self.duplicate_containment
        )


@dataclass(frozen=True, slots=True)
class StoryArticle:
    id: int
    origin: str
    outlet: str | None
    duplicate_of: int | None


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as `corroborator stories` lists it."""

    id: int
    title: str
    first_published: str | None
    last_published: str | None
    articles: list[StoryArticle]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "articles": [
                {"id": a.id, "origin": a.origin, "outlet": a.outlet, "duplicate_of": a.duplicate_of}
                for a in self.articles
            ],
        }


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """Everything grouping needs from one article, computed once from its text."""

    id: int
    weights: dict[str, float]
    day: int | None
    signature: Signature
    shingles: npt.NDArray[np.uint32] | None = None

    def feature_row(self) -> tuple[int, bytes, int | None, str]:
        return self.id, signature_bytes(self.signature), self.day, json.dumps(self.weights)


@dataclass(frozen=True, slots=True)
class Placement:
    article_id: int
    story_id: int
    duplicate_of: int | None


def prepare(article: Article, options: StoryOptions) -> PreparedArticle:
    """Compute an article's weighted terms, publication day, shingles and MinHash signature."""
    terms = article_terms(
        article.title,
        article.text,
        article.published,
        max_terms=options.max_terms,
        max_names=options.max_names,
        title_boost=options.title_boost,
    )
    shingles = shingle_hashes(article.text)
    return PreparedArticle(article.id, terms.weights, terms.day, signature(shingles), shingles)


class Grouper:
    """The grouping state of one store: duplicate index, story index, who belongs where."""

    def __init__(self, options: StoryOptions) -> None:
        self.options = options
        self.duplicates = DuplicateIndex(options.duplicates())
        self.index = StoryIndex(options.cluster())
        self.story_of: dict[int, int] = {}
        self.days: dict[int, int | None] = {}
        self.max_id = 0
        self.generation = "0"
        self.shingle_source: Callable[[list[int]], dict[int, npt.NDArray[np.uint32]]] | None = None
        # Copies usually repeat something recent: keep recent shingles to skip re-reading text.
        self.recent_shingles: OrderedDict[int, npt.NDArray[np.uint32]] = OrderedDict()

    # -- loading ---------------------------------------------------------------------------
    def load(self, rows: Iterable[tuple[int, bytes, int | None, str, int | None, int | None]]) -> None:
        """Replay stored features and assignments (article id order) into the indexes."""
        signatures: list[tuple[int, Signature, int | None]] = []
        for article_id, blob, day, terms, story_id, duplicate_of in rows:
            weights: dict[str, float] = json.loads(terms)
            self.index.count_terms(list(weights))
            signatures.append((article_id, signature_from_bytes(blob), duplicate_of))
            self.days[article_id] = day
            self.max_id = max(self.max_id, article_id)
            if story_id is not None:
                self.story_of[article_id] = story_id
                self.index.add(story_id, self.index.weigh(weights), day)
        self.duplicates.add_many(signatures)

    # -- placing new articles ----------------------------------------------------------------
    def place_batch(
        self,
        items: Sequence[PreparedArticle],
        new_story: Callable[[], int],
    ) -> list[Placement]:
        """Flag copies, cluster the rest with nearby stories, and return every changed assignment.

        Copies follow their original's story. Placements for older articles come back too
        when a new article is an earlier-published copy than the one they pointed at.
        """
        follows, rerooted = self._find_copies(items)
        vectors = {item.id: self.index.weigh(item.weights) for item in items}
        fresh = [item for item in items if item.id not in follows]
        for cluster in self._cluster(fresh, vectors):
            story_id = cluster.story_id if cluster.story_id is not None else new_story()
            for article_id in cluster.articles:
                self.story_of[article_id] = story_id
        placements = []
        for item in items:
            if item.id in follows:
                self.story_of[item.id] = self.story_of[follows[item.id]]
            self.index.add(self.story_of[item.id], vectors[item.id], item.day)
            root = self.duplicates.roots[item.id]
            placements.append(Placement(item.id, self.story_of[item.id], None if root == item.id else root))
            self.max_id = max(self.max_id, item.id)
        for new_root in rerooted:
            for key in self.duplicates.copies.get(new_root, []):
                placements.append(Placement(key, self.story_of[key], new_root))
        return placements

    def _find_copies(self, items: Sequence[PreparedArticle]) -> tuple[dict[int, int], list[int]]:
        """Check each article against everything before it; return who follows whose story.

        An article published earlier than the copy it repeats becomes the new original
        (`duplicate_of` names the earliest copy) but still follows that copy's story.
        """
        follows: dict[int, int] = {}
        rerooted: list[int] = []
        for item in items:
            shingles = item.shingles if item.shingles is not None else np.zeros(0, dtype=np.uint32)
            root = self.duplicates.find(
                item.signature, shingles, self._shingles_of, functools.partial(self._near_in_time, item.day)
            )
            self.days[item.id] = item.day
            if root is not None:
                follows[item.id] = root
                if self._published_earlier(item.day, self.days.get(root)):
                    self.duplicates.add(item.id, item.signature, None)
                    self.duplicates.reroot(root, item.id)
                    rerooted.append(item.id)
                    continue
            self.duplicates.add(item.id, item.signature, root)
        return follows, rerooted

    def _cluster(
        self, items: Sequence[PreparedArticle], vectors: dict[int, dict[str, float]]
    ) -> list[Cluster]:
        """Average-linkage clusters of the new articles and the existing stories they touch."""
        batch = StoryIndex(self.index.options)
        batch.idf = self.index.idf
        for item in items:
            batch.add(item.id, vectors[item.id], item.day)
        clusters = {item.id: Cluster.of_article(item.id, vectors[item.id], item.day) for item in items}
        edges: list[tuple[int, int]] = []
        for item in items:
            span = None if item.day is None else (item.day, item.day)
            for story_id in self.index.candidates(vectors[item.id], span):
                if -story_id not in clusters:
                    clusters[-story_id] = Cluster.of_story(self.index.stories[story_id])
                edges.append((item.id, -story_id))
            edges.extend((item.id, other) for other in batch.candidates(vectors[item.id], span))
        merged = average_linkage(clusters, edges, self.index.options)
        found = [cluster for cluster in merged.values() if cluster.articles]
        return sorted(found, key=lambda cluster: min(cluster.articles))

    def _near_in_time(self, day: int | None, other_id: int) -> bool:
        """Copies count only within `max_gap_days` of each other (or when a date is unknown):
        the same text months later is a re-publication, grouped on its own merits."""
        other = self.days.get(other_id)
        return day is None or other is None or abs(day - other) <= self.options.max_gap_days

    @staticmethod
    def _published_earlier(day: int | None, root_day: int | None) -> bool:
        return day is not None and root_day is not None and day < root_day

    def _shingles_of(self, ids: list[int]) -> dict[int, npt.NDArray[np.uint32]]:
        return self.shingle_source(ids) if self.shingle_source else {}


_GROUPERS: weakref.WeakKeyDictionary[Store, Grouper] = weakref.WeakKeyDictionary()


def _grouper_for(store: Store, options: StoryOptions) -> Grouper:
    """The cached grouper for this store, caught up with rows other processes added."""
    generation = store.story_meta("generation") or "0"
    max_id = store.story_feature_max_id()
    grouper = _GROUPERS.get(store)
    if grouper is not None and grouper.options == options and grouper.generation == generation:
        if grouper.max_id < max_id:
            grouper.load(store.iter_story_features(after_id=grouper.max_id))
        if grouper.max_id == max_id:  # ahead of the store means a rolled-back batch: rebuild
            return grouper
    grouper = Grouper(options)
    grouper.generation = generation
    _restore_idf(store, grouper)
    grouper.load(store.iter_story_features())
    _GROUPERS[store] = grouper
    return grouper


def _restore_idf(store: Store, grouper: Grouper) -> None:
    saved = store.story_meta("idf")
    if saved is None:
        grouper.index.refresh_idf()
        return
    data = json.loads(saved)
    grouper.index.idf = IdfSnapshot(articles=data["articles"], df=data["df"], version=data["version"])


def _save_idf(store: Store, snapshot: IdfSnapshot) -> None:
    payload = {"articles": snapshot.articles, "version": snapshot.version, "df": snapshot.df}
    store.set_story_meta("idf", json.dumps(payload, separators=(",", ":")))


def _shingle_lookup(
    store: Store, grouper: Grouper, batch: Sequence[PreparedArticle]
) -> Callable[[list[int]], dict[int, npt.NDArray[np.uint32]]]:
    """Shingles of candidate originals: remembered for recent articles, else from stored text."""
    recent = grouper.recent_shingles
    for item in batch:
        if item.shingles is not None:
            recent[item.id] = item.shingles
    while len(recent) > RECENT_SHINGLES:
        recent.popitem(last=False)

    def shingles_of(ids: list[int]) -> dict[int, npt.NDArray[np.uint32]]:
        found = {key: recent[key] for key in ids if key in recent}
        missing = [key for key in ids if key not in found]
        for key, text in store.article_texts(missing).items():
            found[key] = shingle_hashes(text)
        return found

    return shingles_of


def group_articles(store: Store, article_ids: Sequence[int], settings: Settings) -> None:
    """Flag near-duplicates among and assign stories to newly stored articles.

    Articles already grouped are skipped, so calling this twice is harmless.
    """
    options = StoryOptions.from_settings(settings)
    grouper = _grouper_for(store, options)
    wanted = sorted(key for key in {int(key) for key in article_ids} if key not in grouper.days)
    if not wanted:
        return
    prepared = [prepare(article, options) for article in store.list_articles(wanted)]
    try:
        _place_batch(store, grouper, prepared)
    except BaseException:
        _GROUPERS.pop(store, None)  # memory no longer matches the database
        raise


def _place_batch(store: Store, grouper: Grouper, prepared: list[PreparedArticle]) -> None:
    for item in prepared:
        grouper.index.count_terms(list(item.weights))
    with store.transaction():
        if grouper.index.idf_is_stale():
            _save_idf(store, grouper.index.refresh_idf())
        grouper.shingle_source = _shingle_lookup(store, grouper, prepared)
        updates: dict[int, Placement] = {}
        for placement in grouper.place_batch(prepared, lambda: store.new_story_ids(1)[0]):
            updates[placement.article_id] = placement
        store.save_story_features([item.feature_row() for item in prepared])
        store.assign_stories([(p.story_id, p.duplicate_of, p.article_id) for p in updates.values()])


# -- regroup -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RegroupReport:
    articles: int
    stories_before: int
    stories_after: int


def regroup(store: Store, settings: Settings) -> RegroupReport:
    """Re-cluster every article as one batch: stories split by arrival order come together.

    Uses the final idf (early arrivals were weighed against a young corpus), re-checks
    duplicates in publication order, and keeps story ids stable where a new story mostly
    holds an old one's articles.
    """
    options = StoryOptions.from_settings(settings)
    prepared = _all_prepared(store, options)
    old_story = {row[0]: row[4] for row in store.iter_story_features()}
    prepared.sort(key=lambda item: (item.day is None, item.day or 0, item.id))
    grouper = Grouper(options)
    for item in prepared:
        grouper.index.count_terms(list(item.weights))
    grouper.index.refresh_idf()
    counter = iter(range(1, len(prepared) + 1))
    grouper.shingle_source = _shingle_lookup(store, grouper, prepared)
    placements: dict[int, Placement] = {}
    for placement in grouper.place_batch(prepared, lambda: next(counter)):
        placements[placement.article_id] = placement
    with store.transaction():
        fresh = [item for item in prepared if item.shingles is not None]
        _write_regroup(store, grouper, placements, old_story, fresh)
    _GROUPERS.pop(store, None)
    before = len({story for story in old_story.values() if story is not None})
    return RegroupReport(len(prepared), before, len(grouper.index.stories))


def _all_prepared(store: Store, options: StoryOptions) -> list[PreparedArticle]:
    """Stored features for grouped articles, freshly computed ones for the rest."""
    prepared = [
        PreparedArticle(article_id, json.loads(terms), day, signature_from_bytes(blob))
        for article_id, blob, day, terms, _, _ in store.iter_story_features()
    ]
    missing = store.ungrouped_article_ids()
    for start in range(0, len(missing), 500):
        prepared.extend(
            prepare(article, options) for article in store.list_articles(missing[start : start + 500])
        )
    return prepared


def _write_regroup(
    store: Store,
    grouper: Grouper,
    placements: dict[int, Placement],
    old_story: dict[int, int | None],
    fresh: list[PreparedArticle],
) -> None:
    """Persist a regroup: stable story ids, new duplicate flags, fresh idf, new generation."""
    members: dict[int, list[int]] = {}
    for article_id in sorted(grouper.story_of):
        members.setdefault(grouper.story_of[article_id], []).append(article_id)
    taken: set[int] = set()
    final: dict[int, int] = {}
    for temp_id, articles in sorted(members.items(), key=lambda item: item[1][0]):
        votes = Counter(old_story.get(a) for a in articles if old_story.get(a) is not None)
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0] or 0))
        reused = next((int(story) for story, _ in ranked if story is not None and story not in taken), None)
        final[temp_id] = reused if reused is not None else store.new_story_ids(1)[0]
        taken.add(final[temp_id])
    rows = [
        (final[grouper.story_of[a]], placements[a].duplicate_of if a in placements else None, a)
        for a in sorted(grouper.story_of)
    ]
    store.assign_stories(rows)
    store.save_story_features([item.feature_row() for item in fresh])
    store.delete_empty_stories()
    _save_idf(store, grouper.index.idf)
    generation = int(store.story_meta("generation") or "0") + 1
    store.set_story_meta("generation", str(generation))


# -- listing -----------------------------------------------------------------------------
def list_stories(store: Store) -> list[StorySummary]:
    """Every story with its articles; the title is that of the article nearest its centroid.

    Picking titles reads every article's terms, which takes seconds on a large store, so the
    listing is kept in the store and reused until an ingest or regroup changes the grouping.
    """
    key = store.grouping_fingerprint()
    cached = store.story_meta("summaries")
    if cached is not None:
        data = json.loads(cached)
        if data.get("key") == key:
            return [_summary_from_dict(item) for item in data["stories"]]
    summaries = _list_stories(store)
    with store.transaction():
        store.set_story_meta(
            "summaries", json.dumps({"key": key, "stories": [s.as_dict() for s in summaries]})
        )
    return summaries


def _summary_from_dict(item: dict[str, Any]) -> StorySummary:
    articles = [StoryArticle(a["id"], a["origin"], a["outlet"], a["duplicate_of"]) for a in item["articles"]]
    return StorySummary(item["id"], item["title"], item["first_published"], item["last_published"], articles)


def _list_stories(store: Store) -> list[StorySummary]:
    idf = _stored_idf(store)
    stories: dict[int, list[Any]] = {}
    for row in store.story_article_rows():
        stories.setdefault(int(row["story_id"]), []).append(row)
    return [_summarise(story_id, rows, idf) for story_id, rows in sorted(stories.items())]


def _stored_idf(store: Store) -> IdfSnapshot:
    saved = store.story_meta("idf")
    if saved is None:
        return IdfSnapshot()
    data = json.loads(saved)
    return IdfSnapshot(articles=data["articles"], df=data["df"], version=data["version"])


def _summarise(story_id: int, rows: list[Any], idf: IdfSnapshot) -> StorySummary:
    vectors = [_idf_unit(json.loads(row["terms"] or "{}"), idf) for row in rows]
    centroid: dict[str, float] = {}
    for vector in vectors:
        for term, value in vector.items():
            centroid[term] = centroid.get(term, 0.0) + value
    scores = [sum(value * centroid.get(term, 0.0) for term, value in vector.items()) for vector in vectors]
    central = max(range(len(rows)), key=lambda i: (scores[i], -rows[i]["id"]))
    dated = [row for row in rows if _moment(row["published"]) is not None]
    dated.sort(key=lambda row: (_moment(row["published"]), row["id"]))
    return StorySummary(
        id=story_id,
        title=_title(rows[central]),
        first_published=dated[0]["published"] if dated else None,
        last_published=dated[-1]["published"] if dated else None,
        articles=[StoryArticle(r["id"], r["origin"], r["outlet"], r["duplicate_of"]) for r in rows],
    )


def _idf_unit(weights: dict[str, float], idf: IdfSnapshot) -> dict[str, float]:
    return unit_vector({term: value * idf.weight(term) for term, value in weights.items()})


def _title(row: Any) -> str:
    if row["title"]:
        return str(row["title"])
    words = str(row["text"]).split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _moment(published: str | None) -> datetime | None:
    """A comparable instant for an ISO timestamp; naive ones are taken as UTC."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
