"""Resolve a story's entity mentions into entities, across articles, outlets and spellings.

Steps, each a small pass over union-find clusters of mentions (`resolve_mentions`):

1. Same surface: mentions with the same gazetteer id or the same `phonetic_key` join
   ("Alekseyev" = "Alekseev" = "Alexeeev", "Kyiv" = "Kiev").
2. Type vote: each surface group takes the label most of its mentions carry, gazetteer and rule labels
   weighing more than the statistical model's ("Kyiv" tagged PERSON once is still a place).
3. People: full names join when first and last names are spellings of each other (or an initial);
   a surname alone joins the one full name with that surname in the story, or, when several people
   share it, the one in the same article. Different first names keep people apart (Sergei Lavrov vs
   Sergei Skripal share a first name, not a surname; Vladimir Alekseyev vs Vladimir Putin likewise).
4. Organisations: acronyms join what the text defines them as ("military intelligence (GRU)") and
   multi-word names whose initials they are ("DNC"); near-identical names join ("Defence" /
   "Defense"); an over-long span joins the one name it contains ("American Hasim Rahman"); a
   one-word name joins the one longer name it ends ("Jaguars" of "Jacksonville Jaguars"); a company's
   name joins its one fuller corporate form ("ATI" of "ATI Technologies").
5. Nominals: "the general" joins the person with that title mentioned most recently before it in the
   same article (within a few sentences), else is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from corroborator import gazetteer
from corroborator.analysis import ArticleAnalysis, Nominal, TokenTable, analyse_articles
from corroborator.errors import NotFoundError
from corroborator.names import is_initial_of, normalise_name, phonetic_key, same_name_word
from corroborator.settings import Settings
from corroborator.store import Store
from corroborator.unionfind import UnionFind

RESOLVED_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
# How much one mention's label counts in the type vote, by who assigned it.
SOURCE_WEIGHT = {"gazetteer": 4, "acronym": 2, "title": 2, "rule": 2, "model": 1}
# Ties in the vote go to the earlier label here.
LABEL_ORDER = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
SIMILAR_NAME_RATIO = 92  # rapidfuzz ratio above which two multi-word org/place names are one
NOMINAL_WINDOW = 3  # sentences back that "the general" may look for its person
DOMINANT_RATIO = 3  # a surname alone goes to the person named this many times more than a namesake
_POSSESSIVE = re.compile(r"['’]s?$")  # "Apple's" when the tokenizer left the 's on
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_INITIALS_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "la", "&"})


@dataclass(frozen=True, slots=True)
class MentionRef:
    """Where an entity is named: article id, sentence index, the words used and their char offsets."""

    article: int
    sentence: int
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """One real person, organisation or place in a story, with every form that names it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[MentionRef, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
            "mentions": [m.as_dict() for m in self.mentions],
        }  # fmt: skip


@dataclass(slots=True)
class _Item:
    """One mention inside the resolver."""

    article: int
    sentence: int
    start: int
    end: int
    text: str
    label: str
    source: str
    kb_id: str
    title: str
    words: tuple[str, ...]
    nominal: bool = False
    subject: bool = False  # the name is the subject of its clause ('Gary Gomes was arrested')


_Clusters = UnionFind  # mention indices; the smaller index is the root


# -- public API -------------------------------------------------------------------------------


def resolve_entities(store: Store, story_id: int, settings: Settings) -> list[Entity]:
    """Analyse a story's articles (cached) and resolve their mentions into entities."""
    articles = store.articles_in_story(story_id)
    if not articles:
        raise NotFoundError(f"no story {story_id}, or it has no articles; `corroborator stories` lists them")
    report = analyse_articles(store, [a.id for a in articles], settings)
    return resolve_mentions([report.analyses[a.id] for a in articles if a.id in report.analyses])


def resolve_mentions(analyses: Sequence[ArticleAnalysis]) -> list[Entity]:
    """Cluster the named mentions of these analyses (one story) into entities."""
    analyses = sorted(analyses, key=lambda a: a.article_id)
    items = _collect_items(analyses)
    clusters = _Clusters(list(range(len(items))))
    labels = _vote_surface_labels(items)
    _join_same_surface(items, clusters, labels)
    _join_people(items, clusters, labels)
    _join_acronyms(items, clusters, analyses)
    _join_initialisms(items, clusters)
    _join_similar_names(items, clusters, labels)
    _join_contained_names(items, clusters)
    _join_short_forms(items, clusters, labels)
    _join_nominals(items, clusters, analyses)
    return _build_entities(items, clusters)


# -- collecting -----------------------------------------------------------------------------


def _collect_items(analyses: Iterable[ArticleAnalysis]) -> list[_Item]:
    items = []
    for analysis in analyses:
        for m in analysis.entities:
            if m.label not in RESOLVED_LABELS:
                continue
            text = _POSSESSIVE.sub("", " ".join(m.text.split()))
            kb_id = m.kb_id or _gazetteer_id(text)
            words = _name_words(text, m.label)
            items.append(
                _Item(
                    analysis.article_id,
                    m.sentence,
                    m.start,
                    m.end,
                    text,
                    m.label,
                    m.source,
                    kb_id,
                    m.title,
                    words,
                    subject=_is_subject(analysis.tokens, m.start, m.end),
                )
            )
    return items


def _is_subject(tokens: TokenTable, start: int, end: int) -> bool:
    """Whether the name at [start, end) is the subject of a verb: its last token's head chain
    leaves the name as nsubj or nsubjpass."""
    index = bisect_right(tokens.start, end - 1) - 1
    while (
        0 <= index < len(tokens)
        and start <= tokens.start[tokens.head[index]] < end
        and tokens.head[index] != index
    ):
        index = tokens.head[index]
    return 0 <= index < len(tokens) and tokens.dep[index] in ("nsubj", "nsubjpass")


def _name_words(text: str, label: str) -> tuple[str, ...]:
    """Normalised words of a name, without "Jr"-like suffixes and, for people, without a leading
    capitalised abbreviation that is no given name ("WR Jackson", a position, is just Jackson)."""
    raw = text.split()
    abbreviation = len(raw) >= 2 and raw[0].isupper() and 2 <= len(raw[0]) <= 3
    if label == "PERSON" and abbreviation and raw[0].lower() not in gazetteer.given_names():
        text = " ".join(raw[1:])
    return tuple(w for w in normalise_name(text).split() if w not in _NAME_SUFFIXES) or (text.lower(),)


def _gazetteer_id(text: str) -> str:
    row = gazetteer.gazetteer_names().get(text)
    return row.id if row is not None else ""


# "Aceh province" and "Aceh", "Sumatra island" and "Sumatra" name one place.
_GENERIC_PLACE_WORDS = frozenset({"province", "island", "region", "district", "prefecture", "governorate"})


def _surface_key(item: _Item) -> str:
    if item.kb_id:
        return "kb:" + item.kb_id
    text = item.text
    words = text.split()
    if item.label in ("GPE", "LOC") and len(words) >= 2 and words[-1].lower() in _GENERIC_PLACE_WORDS:
        text = " ".join(words[:-1])
    return "name:" + phonetic_key(text)


def _join_same_surface(items: list[_Item], clusters: _Clusters, labels: list[str]) -> None:
    """Join mentions with the same surface key; a one-word name only within its article, for now,
    since "Johnson" in two articles may be two Johnsons (see `_attach_single_name`)."""
    first: dict[tuple[str, int], int] = {}
    for i, item in enumerate(items):
        scope = item.article if _is_single_name(items, i, labels) else 0
        clusters.union(first.setdefault((_surface_key(item), scope), i), i)


def _is_single_name(items: list[_Item], i: int, labels: list[str]) -> bool:
    """A one-word mention that may be a person's surname."""
    item = items[i]
    return len(item.words) == 1 and (labels[i] == "PERSON" or item.source == "model")


def _vote(members: Iterable[_Item]) -> str:
    """The label with the most weight among these mentions."""
    weight: Counter[str] = Counter()
    for item in members:
        weight[item.label] += SOURCE_WEIGHT.get(item.source, 1)
    return min(weight, key=lambda label: (-weight[label], _label_rank(label)))


def _label_rank(label: str) -> int:
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


def _vote_surface_labels(items: list[_Item]) -> list[str]:
    """The label voted over all mentions in the story with the same surface key, for every mention."""
    groups: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        groups[_surface_key(item)].append(item)
    voted = {key: _vote(members) for key, members in groups.items()}
    return [voted[_surface_key(item)] for item in items]


# -- people ---------------------------------------------------------------------------------


def _join_people(items: list[_Item], clusters: _Clusters, labels: list[str]) -> None:
    """Join full names that are spellings of each other, then surnames alone to their full name;
    one-word names left over join their namesakes in other articles."""
    groups = clusters.groups()
    full = sorted(r for r in groups if labels[r] == "PERSON" and len(_longest(items, groups[r])) >= 2)
    for a_pos, a in enumerate(full):
        for b in full[a_pos + 1 :]:
            if _same_person(_longest(items, groups[a]), _longest(items, groups[b])):
                clusters.union(a, b)
    people = _people_by_root(items, clusters, full)
    leftovers: dict[str, int] = {}
    for root, members in sorted(groups.items()):
        if not _is_single_name(items, root, labels):
            continue
        if not _attach_single_name(items, clusters, members, people):
            clusters.union(leftovers.setdefault(_surface_key(items[root]), root), root)


def _longest(items: list[_Item], members: list[int]) -> tuple[str, ...]:
    """The longest normalised name among the members (earliest first on ties)."""
    return max((items[i].words for i in members), key=len)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """First and last names are spellings of each other (or the first is an initial of the other)."""
    if not same_name_word(a[-1], b[-1]):
        return False
    first_a, first_b = a[0], b[0]
    if same_name_word(first_a, first_b) or is_initial_of(first_a, first_b) or is_initial_of(first_b, first_a):
        return True
    short, long = sorted((first_a, first_b), key=len)
    return len(short) >= 3 and long.startswith(short)  # Fred / Frederick


def _people_by_root(
    items: list[_Item], clusters: _Clusters, roots: list[int]
) -> dict[int, list[tuple[str, ...]]]:
    """Every full name of each multi-word person cluster, by cluster root."""
    names: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for i, item in enumerate(items):
        root = clusters.find(i)
        if len(item.words) >= 2 and any(clusters.find(r) == root for r in roots):
            names[root].append(item.words)
    return dict(names)


def _attach_single_name(
    items: list[_Item], clusters: _Clusters, members: list[int], people: dict[int, list[tuple[str, ...]]]
) -> bool:
    """Join one article's one-word name to the person it names: the only one in the story with that
    surname (or, lacking any, first name), else the only one in the same article. True if joined."""
    word = items[members[0]].words[0]
    article = items[members[0]].article
    by_surname = [root for root, names in people.items() if any(same_name_word(word, n[-1]) for n in names)]
    if not by_surname:
        by_surname = [
            root for root, names in people.items() if any(same_name_word(word, n[0]) for n in names)
        ]
    if len(by_surname) > 1:
        by_surname = _likeliest_namesake(items, clusters, by_surname, article)
    if len(by_surname) == 1:
        clusters.union(by_surname[0], members[0])
    return len(by_surname) == 1


def _likeliest_namesake(items: list[_Item], clusters: _Clusters, roots: list[int], article: int) -> list[int]:
    """Among people sharing a surname, the one named most in this article (on a tie, the one named
    as a subject: 'the victims are Katherine Gomes ... Gary Gomes was arrested ... Gomes was
    barricaded'), or else the one who dominates the story (named at least `DOMINANT_RATIO` times
    as often as the next); none if unclear."""
    counts = Counter(clusters.find(i) for i, item in enumerate(items) if item.article == article)
    subjects = Counter(
        clusters.find(i) for i, item in enumerate(items) if item.article == article and item.subject
    )
    local = sorted((r for r in roots if counts[r]), key=lambda r: (-counts[r], -subjects[r], r))
    if local:
        return local[:1]
    story = Counter(clusters.find(i) for i in range(len(items)))
    ranked = sorted(roots, key=lambda r: (-story[r], r))
    return ranked[:1] if story[ranked[0]] >= DOMINANT_RATIO * story[ranked[1]] else []


# -- organisations --------------------------------------------------------------------------


def _join_acronyms(items: list[_Item], clusters: _Clusters, analyses: Sequence[ArticleAnalysis]) -> None:
    """Join each defined acronym with the description the text gave for it."""
    by_text: dict[str, int] = {}
    by_place: dict[tuple[int, int, int], int] = {}
    for i, item in enumerate(items):
        by_text.setdefault(item.text, i)
        by_place.setdefault((item.article, item.start, item.end), i)
    for analysis in analyses:
        for definition in analysis.acronyms:
            acronym = by_text.get(definition.acronym)
            described = by_place.get((analysis.article_id, definition.start, definition.end))
            if acronym is not None and described is not None:
                clusters.union(acronym, described)


def _initials(text: str) -> str:
    words = [w for w in text.replace("-", " ").split() if w.lower() not in _INITIALS_SKIP]
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) >= 2 else ""


def _join_initialisms(items: list[_Item], clusters: _Clusters) -> None:
    """Join an all-capitals ORG name to the one multi-word ORG name it abbreviates: DNC."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, item in enumerate(items):
        if item.label == "ORG" and (initials := _initials(item.text)):
            by_initials[initials].add(clusters.find(i))
    for i, item in enumerate(items):
        roots = by_initials.get(item.text.replace(".", ""), set())
        if item.text.isupper() and len(roots) == 1:
            clusters.union(roots.pop(), i)


def _join_similar_names(items: list[_Item], clusters: _Clusters, labels: list[str]) -> None:
    """Join multi-word non-person names that differ by a letter or two ("Defence" / "Defense")."""
    forms: dict[int, str] = {}
    for i, item in enumerate(items):
        root = clusters.find(i)
        if len(item.words) >= 2 and labels[i] not in ("PERSON", "NORP"):
            forms.setdefault(root, " ".join(item.words))
    roots = sorted(forms)
    for pos, a in enumerate(roots):
        for b in roots[pos + 1 :]:
            same_length = len(forms[a].split()) == len(forms[b].split())
            if same_length and fuzz.ratio(forms[a], forms[b]) >= SIMILAR_NAME_RATIO:
                clusters.union(a, b)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _join_contained_names(items: list[_Item], clusters: _Clusters) -> None:
    """Join an over-long span to the one name it contains: "American Hasim Rahman", "Comedian Ellen
    DeGeneres", "Malibu Promises Treatment Center" (the small model often swallows a word or two)."""
    names: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, item in enumerate(items):
        if len(item.words) >= 2 and not item.nominal:
            names[item.words].add(clusters.find(i))
    for i, item in enumerate(items):
        if len(item.words) < 3 or item.kb_id:
            continue
        found = {
            r
            for name, roots in names.items()
            if len(name) < len(item.words) and _contains(item.words, name)
            for r in roots
        }
        found = {clusters.find(r) for r in found}
        if len(found) == 1:
            clusters.union(found.pop(), i)


def _join_short_forms(items: list[_Item], clusters: _Clusters, labels: list[str]) -> None:
    """Join a one-word organisation name to the one longer name it ends ("Jaguars" of
    "Jacksonville Jaguars"), as a surname joins a full name, and a company's name to its one fuller
    form with legal or corporate words ("ATI" of "ATI Technologies", "Intel" of "Intel Corp.")."""
    by_last: dict[str, set[int]] = defaultdict(set)
    for i, item in enumerate(items):
        if len(item.words) >= 2 and labels[i] not in ("PERSON", "NORP"):
            by_last[item.words[-1]].add(clusters.find(i))
    by_stem: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, item in enumerate(items):
        stem = _company_stem(item.words)
        if labels[i] == "ORG" and stem != item.words:
            by_stem[stem].add(clusters.find(i))
    for i, item in enumerate(items):
        single = len(item.words) == 1 and labels[i] not in ("PERSON", "NORP", "GPE")
        roots = {clusters.find(r) for r in by_last.get(item.words[0], set())} if single else set()
        if len(roots) == 1 and not item.kb_id:
            clusters.union(roots.pop(), i)
        companies = (
            {clusters.find(r) for r in by_stem.get(item.words, set())} if labels[i] == "ORG" else set()
        )
        if len(companies) == 1 and not item.kb_id:
            clusters.union(companies.pop(), i)  # "ATI" of "ATI Technologies", "Intel" of "Intel Corp."


_COMPANY_WORDS = frozenset(
    normalise_name(word)
    for word in ("corp", "corporation", "inc", "incorporated", "ltd", "limited", "co", "company", "plc",
                 "llc", "group", "holdings", "technologies", "ag", "sa", "nv")
)  # fmt: skip


def _company_stem(words: tuple[str, ...]) -> tuple[str, ...]:
    """A company's name without its trailing legal or corporate words ('intel' of 'intel corp')."""
    end = len(words)
    while end > 1 and words[end - 1].rstrip(".") in _COMPANY_WORDS:
        end -= 1
    return words[:end]


# -- nominals -------------------------------------------------------------------------------


def _join_nominals(items: list[_Item], clusters: _Clusters, analyses: Sequence[ArticleAnalysis]) -> None:
    """Add "the general" mentions to the titled person they most plausibly refer to."""
    titled = _title_heads(items, clusters)
    for analysis in analyses:
        for nominal in analysis.nominals:
            target = _nominal_target(items, clusters, titled, analysis.article_id, nominal)
            if target is not None:
                items.append(_nominal_item(analysis.article_id, nominal))
                clusters.parent.append(len(clusters.parent))
                clusters.union(target, len(items) - 1)


def _title_heads(items: list[_Item], clusters: _Clusters) -> dict[int, set[str]]:
    """The last word of every title each person cluster was given anywhere in the story."""
    heads: dict[int, set[str]] = defaultdict(set)
    for i, item in enumerate(items):
        if item.label == "PERSON" and item.title:
            heads[clusters.find(i)].add(item.title.split()[-1])
    return heads


def _nominal_target(
    items: list[_Item], clusters: _Clusters, titled: dict[int, set[str]], article: int, nominal: Nominal
) -> int | None:
    """The person with this title mentioned last before the nominal, within `NOMINAL_WINDOW` sentences."""
    head = nominal.title.split()[-1]
    best: tuple[int, int] | None = None
    for i, item in enumerate(items):
        if item.article != article or item.start >= nominal.start or item.nominal:
            continue
        root = clusters.find(i)
        if head in titled.get(root, set()) and nominal.sentence - item.sentence <= NOMINAL_WINDOW:
            best = max(best or (item.start, root), (item.start, root))
    return None if best is None else best[1]


def _nominal_item(article: int, nominal: Nominal) -> _Item:
    text = nominal.text.lower()
    return _Item(
        article,
        nominal.sentence,
        nominal.start,
        nominal.end,
        text,
        "PERSON",
        "rule",
        "",
        nominal.title,
        (text,),
        True,
    )


# -- output ---------------------------------------------------------------------------------


def _build_entities(items: list[_Item], clusters: _Clusters) -> list[Entity]:
    """Entities ordered by mention count, then first appearance; ids e1, e2, ... in that order."""
    drafts = []
    for members in clusters.groups().values():
        chosen = sorted(members, key=lambda i: (items[i].article, items[i].start))
        drafts.append([items[i] for i in chosen])
    drafts.sort(key=lambda ms: (-len(ms), ms[0].article, ms[0].start))
    return [_entity(f"e{n}", members) for n, members in enumerate(drafts, start=1)]


def _entity(entity_id: str, members: list[_Item]) -> Entity:
    named = [m for m in members if not m.nominal]
    label = "PERSON" if any(len(m.words) >= 2 and m.label == "PERSON" for m in named) else _vote(named)
    name = canonical_name([m.text for m in named], _gazetteer_names(named))
    aliases = sorted({m.text for m in members} - {name})
    mentions = tuple(MentionRef(m.article, m.sentence, m.text, m.start, m.end) for m in members)
    return Entity(entity_id, name, label, tuple(aliases), mentions)


def _gazetteer_names(members: list[_Item]) -> set[str]:
    """Gazetteer names of the places among these mentions: a place goes by its common short name."""
    rows = gazetteer.gazetteer_by_id()
    return {rows[m.kb_id].name for m in members if m.kb_id in rows and rows[m.kb_id].label != "ORG"}


def canonical_name(forms: Sequence[str], preferred: set[str] | frozenset[str] = frozenset()) -> str:
    """The form to show: a gazetteer name used in the text ("Russia", not "Russian Federation"), else
    the most complete, most frequent form, proper names before descriptions."""
    counts = Counter(forms)
    return min(counts, key=lambda f: (f not in preferred, not _is_proper(f), -len(f.split()), -counts[f], f))


def _is_proper(text: str) -> bool:
    """True when every significant word is capitalised: "Democratic National Committee", "GRU"."""
    words = [w for w in text.split() if w.lower() not in _INITIALS_SKIP]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
