"""Aligning statements across a story's articles into facts.

Each statement is described by its content words (lemmas of nouns, verbs, adjectives, names) and
the entities it names, weighted by rarity in the story (IDF), leaving out its attribution phrase
and its values (years, numbers, body parts): those are what conflicts are made of, so two reports
that differ only in a value still count as being *about the same thing*.

Candidate pairs come from an inverted index over the rarer features (blocking), so the cost grows
with the number of statements that share a rare word, not with all pairs. Pairs above the
threshold are joined greedily, strongest first, with two guards: the joined group must stay
similar on average (no chaining through one long sentence), and statements whose values
contradict each other are never joined (they become a conflict instead).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from corroborator.analysis import EntityMention
from corroborator.parsed import ParsedArticle
from corroborator.statements import Statement
from corroborator.unionfind import UnionFind
from corroborator.values import Value, statement_values

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A running total ("so far", "a total of") is not the count of one event: the two are not compared.
_CUMULATIVE = re.compile(
    r"\b(so far|to date|in total|a total of|altogether|cumulative|since the start)\b", re.I
)
PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "off", "near", "outside", "inside"})
STOP_LEMMAS = frozenset(
    {
        "be",
        "have",
        "do",
        "say",
        "tell",
        "report",
        "also",
        "other",
        "more",
        "many",
        "such",
        "late",
        "new",
        "accord",
        "include",
        "make",
        "take",
        "get",
        "go",
        "come",
        "add",
        "write",
        "state",
        "according",
        "time",
        "year",
        "day",
        "people",
        "official",
        "news",
        "source",
        "medium",
        "agency",
    }
)


@dataclass(frozen=True, slots=True)
class AlignmentSettings:
    """Thresholds of the alignment; the defaults are documented in docs/dossier.md."""

    same_fact: float = 0.36  # weighted Dice similarity above which two statements say the same thing
    same_article: float = 0.7  # a stricter bar for two statements of one article
    average_floor: float = 0.3  # a statement joins a fact only if this similar to its members on average
    block_size: int = 48  # a feature in more statements than this pairs only near neighbours...
    window: int = 12  # ...this many following statements
    sample: int = 4  # members of each group compared by the average-similarity guard
    clash_sample: int = 8  # statements per distinct value compared when looking for conflicts
    conflict_about: float = 0.3  # similarity above which two statements' numbers are comparable
    year_conflict_about: float = 0.2  # the same for years, whose anchor (the noun they date) is sharper
    place_conflict_about: float = 0.45  # places differ often in detail; only near-identical reports compare
    conflict_min_terms: int = 3  # statements with fewer content words are too vague to contradict


@dataclass(slots=True)
class Described:
    """A statement with what alignment and conflict detection compare."""

    statement: Statement
    terms: frozenset[str]
    entities: frozenset[str]
    values: tuple[Value, ...]
    negated: bool = False
    places: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    cumulative: bool = False
    origin: str = ""
    weights: dict[str, float] = field(default_factory=dict)
    total_weight: float = 0.0

    @property
    def key(self) -> tuple[int, int]:
        return self.statement.article_id, self.statement.index


def describe(statement: Statement, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]) -> Described:
    """Content terms (entity ids replace the words of a name), entities and values of a statement."""
    values = statement_values(parsed, statement.start, statement.end)
    skip = _attribution_chars(statement)
    value_chars = {c for v in values for c in range(v.start, v.end)}
    terms: set[str] = set()
    entities: set[str] = set()
    negated = False
    places: set[str] = set()
    people: set[str] = set()
    place_values: list[Value] = []
    for mention in parsed.entities_in(statement.start, statement.end):
        entity = entity_of.get((parsed.id, mention.start))
        if entity and mention.start not in skip:
            entities.add(entity)
            terms.add("E:" + entity)
            if mention.label in PLACE_LABELS:
                places.add(entity)
                place_values.extend(_event_place(parsed, mention, entity))
            if mention.label == "PERSON":
                people.add(entity)
    named = {c for m in parsed.entities_in(statement.start, statement.end) for c in range(m.start, m.end)}
    for i in parsed.tokens_between(statement.start, statement.end):
        token = parsed.tokens[i]
        if token.start in skip:
            continue
        lemma = token.lemma.lower()
        negated = (
            negated
            or token.dep == "neg"
            or (lemma in ("no", "none", "nobody") and token.dep in ("det", "nsubj"))
        )
        if token.start in value_chars or token.start in named:
            continue
        if token.pos in CONTENT_POS and lemma not in STOP_LEMMAS and len(lemma) > 1 and lemma.isalpha():
            terms.add(lemma)
    terms.update(_value_terms(values))
    return Described(
        statement,
        frozenset(terms),
        frozenset(entities),
        tuple(sorted([*values, *place_values], key=lambda v: (v.start, v.kind))),
        negated,
        frozenset(places),
        frozenset(people),
        bool(_CUMULATIVE.search(statement.text)),
    )


def _event_place(parsed: ParsedArticle, mention: EntityMention, entity: str) -> list[Value]:
    """A street, sea or building where the event happened: 'in the Gulf of Aden', 'on Rue de Rivoli'.

    Only locations and facilities (not towns or countries, which nest: Moscow is in Russia) that
    are the object of a place preposition attached to a verb or an event noun.
    """
    if mention.label not in ("LOC", "FAC"):
        return []
    i = parsed.token_at(mention.end - 1)
    prep = parsed.tokens[parsed.tokens[i].head]
    verb = parsed.tokens[prep.head]
    if (
        parsed.tokens[i].dep != "pobj"
        or prep.lemma.lower() not in PLACE_PREPOSITIONS
        or verb.pos not in ("VERB", "NOUN")
    ):
        return []
    number = float(entity[1:]) if entity[1:].isdigit() else 0.0
    return [Value("place", "where", number, number, mention.text, mention.start, mention.end)]


def _value_terms(values: Sequence[Value]) -> set[str]:
    """Exact years and counts as features: two reports giving the same figure share a rare term."""
    terms = set()
    for value in values:
        if value.kind == "year" or (value.kind == "number" and value.low == value.high and value.low >= 10):
            terms.add(f"{value.kind[0].upper()}:{value.low:g}")
    return terms


def _attribution_chars(statement: Statement) -> set[int]:
    attribution = statement.attribution
    if attribution is None or attribution.inherited or attribution.phrase_start < statement.start:
        return set()
    return set(range(attribution.phrase_start, attribution.phrase_end))


def weigh(described: Sequence[Described]) -> None:
    """IDF weights of every statement's terms within the story."""
    frequency = Counter(term for d in described for term in d.terms)
    total = len(described)
    for d in described:
        d.weights = {t: math.log((total + 1) / (frequency[t] + 0.5)) for t in d.terms}
        d.total_weight = sum(d.weights.values())


def similarity(a: Described, b: Described) -> float:
    """Mean of the weighted Dice and overlap coefficients of two statements' terms.

    Dice alone punishes the longer of two reports for its extra detail; the overlap coefficient
    alone lets a short statement match any long one that contains its words. The mean of the two
    keeps both in check.
    """
    shared = sum(a.weights[t] for t in a.terms & b.terms)  # a term's weight is story-wide: same on both
    weight_a, weight_b = a.total_weight, b.total_weight
    if not weight_a or not weight_b:
        return 0.0
    dice = 2 * shared / (weight_a + weight_b)
    overlap = shared / min(weight_a, weight_b)
    return (dice + overlap) / 2


def candidate_pairs(described: Sequence[Described], settings: AlignmentSettings) -> list[tuple[int, int]]:
    """Pairs of statements sharing a feature (blocking), bounded per feature.

    A feature shared by few statements pairs them all. A feature shared by many (a name every
    report repeats, a fact all 300 articles state) pairs each statement only with the next
    `window` statements that have it, in article order (the sorted-neighbourhood method): a fact
    stated everywhere is still chained together, and the pairs grow linearly, not quadratically.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for position, d in enumerate(described):
        for term in d.terms:
            index[term].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        window = len(members) if len(members) <= settings.block_size else settings.window
        for n, a in enumerate(members):
            pairs.update((a, b) for b in members[n + 1 : n + 1 + window])
    return sorted(pairs)


def find_clashes(described: Sequence[Described], settings: AlignmentSettings) -> list[tuple[int, int]]:
    """Pairs of statements, from different sources, that give incompatible values for one question.

    Blocking is by value kind and anchor (every statement with a year of an election, every
    statement naming an injured body part), so rare conflicts are found even between statements
    that share only a common name. Within a block, statements are partitioned by the value they
    give, and only the first `clash_sample` statements of each partition are compared with those
    of the others: the cost follows the number of distinct values, not of statements.
    """
    index: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position, d in enumerate(described):
        for (kind, anchor), signature in _value_signatures(d).items():
            index[(kind, anchor)][signature].append(position)
    clashes: set[tuple[int, int]] = set()
    for partitions in index.values():
        groups = [members[: settings.clash_sample] for _, members in sorted(partitions.items())]
        for n, left in enumerate(groups):
            for right in groups[n + 1 :]:
                clashes.update(_clashing_pairs(described, left, right, settings))
    return sorted(clashes)


def _value_signatures(d: Described) -> dict[tuple[str, str], str]:
    """Per question (kind, anchor), the values a statement gives, as one comparable string."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for value in d.values:
        if value.anchor:
            found[(value.kind, value.anchor)].append(
                value.text.lower() if value.kind == "body part" else f"{value.low:g}-{value.high:g}"
            )
    return {key: "|".join(sorted(set(items))) for key, items in found.items()}


def _clashing_pairs(
    described: Sequence[Described], left: list[int], right: list[int], settings: AlignmentSettings
) -> Iterable[tuple[int, int]]:
    for a in left:
        for b in right:
            first, second = described[a], described[b]
            comparable = _independent(first, second) and _about_same(first, second, settings)
            if comparable and values_conflict(first, second):
                yield (min(a, b), max(a, b))


def _independent(a: Described, b: Described) -> bool:
    """Two statements can contradict only if they come from different articles or sources."""
    return a.statement.article_id != b.statement.article_id or a.origin != b.origin


def _about_same_question(a: Described, b: Described, settings: AlignmentSettings) -> bool:
    """Kind-specific checks before two statements' values are compared."""
    kinds = {v.kind for v in a.values} & {v.kind for v in b.values}
    if "place" in kinds and similarity(a, b) < settings.place_conflict_about:
        return False
    ages = any(v.anchor == "age" for v in a.values) and any(v.anchor == "age" for v in b.values)
    return not ages or bool(a.people & b.people)


def _about_same(a: Described, b: Described, settings: AlignmentSettings) -> bool:
    """Whether two statements' values answer the same question.

    Injuries: the same person is named. Years and numbers: the statements are similar enough, and
    when both name places they share one (a toll in Bam is not a toll in Zarand).
    """
    if any(v.kind == "body part" for v in a.values) and any(v.kind == "body part" for v in b.values):
        return bool(a.entities & b.entities)
    if not _about_same_question(a, b, settings) or a.cumulative != b.cumulative:
        return False
    if a.places and b.places and not a.places & b.places and not _only_places_differ(a, b):
        return False
    if min(len(a.terms), len(b.terms)) < settings.conflict_min_terms or not _same_time(a, b):
        return False
    return similarity(a, b) >= _comparable_at(a, b, settings)


def _comparable_at(a: Described, b: Described, settings: AlignmentSettings) -> float:
    """The similarity two statements need before their values are compared.

    Years are anchored to the noun they date, a sharper anchor than a count's unit: they need less
    of the rest of the sentence to agree.
    """
    if any(v.kind == "year" for v in a.values) and any(v.kind == "year" for v in b.values):
        return settings.year_conflict_about
    return settings.conflict_about


def _only_places_differ(a: Described, b: Described) -> bool:
    """A place dispute: both statements give a place value for the event, and those differ."""
    return any(v.kind == "place" for v in a.values) and any(v.kind == "place" for v in b.values)


def _same_time(a: Described, b: Described) -> bool:
    """Counts from different years are about different events ('In 2004, a tsunami killed ...').

    Only the years' own conflicts are exempt: there the differing year is the point.
    """
    years_a = {v.low for v in a.values if v.kind == "year"}
    years_b = {v.low for v in b.values if v.kind == "year"}
    if not years_a and not years_b:
        return True
    if any(v.kind == "year" for v in a.values if v.anchor) and years_a and years_b:
        return True
    return bool(years_a & years_b)


def values_conflict(a: Described, b: Described) -> list[tuple[Value, Value]]:
    """Pairs of values answering the same question differently (same kind and anchor)."""
    clashes = []
    for kind in ("year", "number", "time", "place"):
        for va in (v for v in a.values if v.kind == kind and v.anchor):
            same = [vb for vb in b.values if vb.kind == kind and vb.anchor == va.anchor]
            if same and not any(va.compatible(vb) for vb in same):
                clashes.append((va, same[0]))
    parts_a = {v.text.lower() for v in a.values if v.kind == "body part"}
    parts_b = {v.text.lower() for v in b.values if v.kind == "body part"}
    if parts_a and parts_b and not (parts_a <= parts_b or parts_b <= parts_a):
        first_a = next(v for v in a.values if v.kind == "body part")
        first_b = next(v for v in b.values if v.kind == "body part")
        clashes.append((first_a, first_b))
    return clashes


@dataclass(slots=True)
class _Groups:
    """Union-find whose roots remember their members and what they may not join, for the guards."""

    sets: UnionFind
    members: dict[int, list[int]]
    blocked: dict[int, set[int]]

    @classmethod
    def of(cls, size: int, clashing: Sequence[tuple[int, int]]) -> _Groups:
        blocked: dict[int, set[int]] = {i: set() for i in range(size)}
        for a, b in clashing:
            blocked[a].add(b)
            blocked[b].add(a)
        return cls(UnionFind.of(size), {i: [i] for i in range(size)}, blocked)

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def union(self, a: int, b: int) -> None:
        joined = self.sets.union(a, b)
        if joined is not None:
            kept, absorbed = joined
            self.members[kept].extend(self.members.pop(absorbed))
            self.blocked[kept] |= self.blocked.pop(absorbed)


def align(
    described: Sequence[Described], settings: AlignmentSettings | None = None
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Group statements into facts; also return the candidate pairs whose values clash."""
    settings = settings or AlignmentSettings()
    clashing = find_clashes(described, settings)
    scored = _score_pairs(described, settings, {frozenset(pair) for pair in clashing})
    groups = _Groups.of(len(described), clashing)
    for _, a, b in scored:
        if _may_join(groups, a, b, described, settings):
            groups.union(a, b)
    facts = sorted((sorted(m) for m in groups.members.values()), key=lambda m: m[0])
    return facts, clashing


def _score_pairs(
    described: Sequence[Described], settings: AlignmentSettings, clashing: set[frozenset[int]]
) -> list[tuple[float, int, int]]:
    scored = []
    for a, b in candidate_pairs(described, settings):
        first, second = described[a], described[b]
        if first.negated != second.negated:
            continue  # "claimed responsibility" and "no party has claimed responsibility" are not one fact
        score = similarity(first, second)
        same_article = first.statement.article_id == second.statement.article_id
        if score < (settings.same_article if same_article else settings.same_fact):
            continue
        if frozenset((a, b)) not in clashing and not values_conflict(first, second):
            scored.append((score, a, b))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    return scored


def _may_join(
    groups: _Groups, a: int, b: int, described: Sequence[Described], settings: AlignmentSettings
) -> bool:
    """Join two groups only if no pair across them clashes and they stay similar on average.

    The average is taken over the first few members of each group, which bounds the cost of a
    join whatever the size of the groups.
    """
    left, right = groups.find(a), groups.find(b)
    if left == right or groups.blocked[left] & set(groups.members[right]):
        return False
    sample_left = groups.members[left][: settings.sample]
    sample_right = groups.members[right][: settings.sample]
    scores = [similarity(described[x], described[y]) for x in sample_left for y in sample_right]
    return sum(scores) / len(scores) >= settings.average_floor


def centre(members: Iterable[int], described: Sequence[Described]) -> int:
    """The member most similar to the others; ties to the shorter, then the earlier statement."""
    members = list(members)

    def rank(m: int) -> tuple[float, int, int]:
        total = sum(similarity(described[m], described[o]) for o in members if o != m)
        return (-total, len(described[m].statement.text), m)

    return min(members, key=rank)
