"""The dossier of one story: entities, statements, facts, origins, conflicts, quotes, timeline, summary.

`build_dossier` reads the story's articles and their cached analyses from the store (analysing
only what is new), and assembles the `corroborator.dossier/1` JSON document. Everything in it
points back to verbatim spans of the articles. The same store gives byte-identical output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from corroborator.analysis import ANALYSIS_VERSION, ArticleAnalysis, analyse_articles
from corroborator.conflicts import Conflict, detect_conflicts
from corroborator.entities import Entity, resolve_mentions
from corroborator.errors import NotFoundError
from corroborator.facts import (
    AlignmentSettings,
    Described,
    align,
    answers,
    centre,
    describe,
    drop_regions,
    inherit_dates,
    link_sentences,
    mark_core,
    mark_series,
    narrow_places,
    weigh,
)
from corroborator.models import Article
from corroborator.origins import outlet_in, outlet_label, speaker_entity, speaker_name
from corroborator.parsed import ParsedArticle
from corroborator.quotes import MIN_QUOTE_WORDS, QuoteSpan, quote_spans
from corroborator.settings import Settings
from corroborator.statements import Attribution, Statement, extract_statements
from corroborator.store import Store
from corroborator.summary import summarise
from corroborator.timeline import reference_date, resolve_date

SCHEMA = "corroborator.dossier/1"
# Bump when the dossier engine's output changes for the same input: cached dossiers are rebuilt.
ENGINE_VERSION = "12"


@cache
def dossier_schema() -> dict[str, Any]:
    """The JSON Schema of the dossier, shipped in the package."""
    text = resources.files("corroborator").joinpath("schema/dossier.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def validate_dossier(dossier: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when the dossier breaks its contract."""
    import jsonschema

    jsonschema.validate(dossier, dossier_schema())


def dossier_json(dossier: dict[str, Any]) -> str:
    """The canonical serialisation: validated, stable key order, UTF-8, newline-terminated."""
    validate_dossier(dossier)
    return json.dumps(dossier, ensure_ascii=False, indent=2) + "\n"


def build_dossier(
    store: Store,
    story_id: int,
    settings: Settings | None = None,
    alignment: AlignmentSettings | None = None,
) -> dict[str, Any]:
    """Build the dossier of a stored story (analysing articles whose analysis is missing or stale)."""
    settings = settings or Settings()
    articles = store.articles_in_story(story_id)
    if not articles:
        raise NotFoundError(f"no story {story_id}; `corroborator stories` lists them")
    report = analyse_articles(store, [a.id for a in articles], settings)
    originals = _originals(store, articles)
    return assemble(story_id, articles, report.analyses, originals, alignment)


def cached_dossier(store: Store, story_id: int, settings: Settings | None = None) -> dict[str, Any]:
    """The story's dossier from the store's cache, rebuilt (and cached) when the story changed.

    The cache key covers every article's id, content hash and metadata, its near-duplicate link,
    the analysis and engine versions and the spaCy model: any new article, regrouping or upgrade
    makes the next call rebuild.
    """
    settings = settings or Settings()
    fingerprint = current_fingerprint(store, story_id, settings)
    if fingerprint is None:
        raise NotFoundError(f"no story {story_id}; `corroborator stories` lists them")
    cached = store.load_dossier(story_id, fingerprint)
    if cached is not None:
        return dict(json.loads(cached))
    dossier = build_dossier(store, story_id, settings)
    with store.transaction():
        store.save_dossier(
            story_id, fingerprint, json.dumps(dossier, ensure_ascii=False), len(dossier["conflicts"])
        )
    return dossier


def stored_dossier(store: Store, story_id: int, settings: Settings | None = None) -> dict[str, Any] | None:
    """The story's cached dossier if it is current, else None; never builds (cheap listings use it)."""
    fingerprint = current_fingerprint(store, story_id, settings or Settings())
    cached = store.load_dossier(story_id, fingerprint) if fingerprint else None
    return None if cached is None else dict(json.loads(cached))


def stored_conflict_count(store: Store, story_id: int, settings: Settings | None = None) -> int | None:
    """How many conflicts the story's cached dossier has, if it is current; for listings."""
    fingerprint = current_fingerprint(store, story_id, settings or Settings())
    return store.dossier_conflicts(story_id, fingerprint) if fingerprint else None


def current_fingerprint(store: Store, story_id: int, settings: Settings) -> str | None:
    """The fingerprint the story's dossier must carry to be current; None for an unknown story."""
    stamps = store.story_stamps(story_id)
    return story_fingerprint(stamps, settings) if stamps else None


def story_fingerprint(stamps: Sequence[tuple[Any, ...]], settings: Settings) -> str:
    """A hash of everything a story's dossier is built from (`SQLiteStore.story_stamps`)."""
    parts = [ENGINE_VERSION, ANALYSIS_VERSION, settings.spacy_model]
    parts.extend("|".join(str(value) for value in stamp) for stamp in sorted(stamps))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _originals(store: Store, articles: Sequence[Article]) -> dict[int, Article]:
    """The articles that near-duplicates point at, for their outlets."""
    wanted = sorted({a.duplicate_of for a in articles if a.duplicate_of})
    return {a.id: a for a in store.list_articles(wanted)} if wanted else {}


def assemble(
    story_id: int,
    articles: Sequence[Article],
    analyses: dict[int, ArticleAnalysis],
    originals: dict[int, Article] | None = None,
    alignment: AlignmentSettings | None = None,
) -> dict[str, Any]:
    """The dossier from articles and their analyses: no store involved (tests, evaluation)."""
    context = _Context.build(articles, analyses, originals or {})
    facts, clashing = align(context.described, alignment)
    conflicts = detect_conflicts(context.described, facts, clashing, context.entity_names)
    fact_json = context.facts_json(facts, conflicts)
    conflict_json = context.conflicts_json(conflicts, facts)
    return {
        "schema": SCHEMA,
        "story": context.story_json(story_id, facts),
        "articles": context.articles_json(),
        "entities": context.entities_json(),
        "statements": context.statements_json(),
        "facts": fact_json,
        "conflicts": conflict_json,
        "quotes": context.quotes_json(),
        "timeline": context.timeline_json(facts),
        "summary": summarise(fact_json, conflict_json),
    }


def _unnamed(attribution: Attribution | None) -> str | None:
    """An unnamed source as the article words it ('officials', 'the officer'); counted as the outlet."""
    return speaker_name(attribution) if attribution is not None else None


def _words(text: str, span: QuoteSpan) -> int:
    return len(text[span.start : span.end].split())


def _aid(article_id: int) -> str:
    return f"a{article_id}"


@dataclass
class _Context:
    """Everything about one story that the dossier's sections are built from."""

    articles: list[Article]
    parsed: dict[int, ParsedArticle]
    entities: list[Entity]
    originals: dict[int, Article]
    entity_of: dict[tuple[int, int], str] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    described: list[Described] = field(default_factory=list)
    quote_speakers: dict[tuple[int, int], tuple[str | None, str | None]] = field(default_factory=dict)
    _speakers: dict[tuple[int, int], tuple[str | None, str | None]] = field(default_factory=dict)
    quotes: dict[int, list[QuoteSpan]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, articles: Sequence[Article], analyses: dict[int, ArticleAnalysis], originals: dict[int, Article]
    ) -> _Context:
        ordered = sorted(articles, key=lambda a: a.id)
        parsed = {a.id: ParsedArticle(a, analyses[a.id]) for a in ordered if a.id in analyses}
        entities = resolve_mentions([analyses[a.id] for a in ordered if a.id in analyses])
        context = cls(ordered, parsed, entities, {**{a.id: a for a in ordered}, **originals})
        context._index_entities()
        all_quotes = {i: quote_spans(p.text) for i, p in parsed.items()}
        context.quotes = {i: [q for q in spans if _words(parsed[i].text, q) >= MIN_QUOTE_WORDS]
                          for i, spans in all_quotes.items()}  # fmt: skip
        context.statements = [s for i, p in parsed.items() for s in extract_statements(p, all_quotes[i])]
        context._find_quote_speakers()
        context._describe()
        return context

    # -- entities -------------------------------------------------------------------------
    @property
    def story_outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.articles if a.outlet}))

    def _index_entities(self) -> None:
        for number, entity in enumerate(self.entities, start=1):
            eid = f"e{number}"
            self.entity_names[eid] = entity.name
            for mention in entity.mentions:
                self.entity_of[(mention.article, mention.start)] = eid

    def entities_json(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"e{n}",
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": [
                    {"article": _aid(m.article), "sentence": m.sentence, "text": m.text} for m in e.mentions
                ],
            }
            for n, e in enumerate(self.entities, start=1)
        ]

    # -- who says it ------------------------------------------------------------------------
    def speaker_of(self, statement: Statement) -> tuple[str | None, str | None]:
        """(entity id, name) of the named source of a statement, or (None, None) for the outlet itself."""
        key = (statement.article_id, statement.index)
        if key not in self._speakers:
            self._speakers[key] = self._find_speaker(statement)
        return self._speakers[key]

    def _find_speaker(self, statement: Statement) -> tuple[str | None, str | None]:
        attribution = statement.attribution
        if attribution is None and statement.speech_subject is not None:
            speech = self._speech_speaker(statement)
            if speech is not None:
                return speech
        if attribution is None or not attribution.named:
            return self.quote_speakers.get((statement.article_id, statement.index), (None, None))
        outlet = outlet_in(attribution.speaker, self.story_outlets)
        if outlet:
            return None, outlet
        entity = speaker_entity(self.parsed[statement.article_id], attribution, self.entity_of)
        return (entity, self.entity_names[entity]) if entity else (None, speaker_name(attribution))

    def _speech_speaker(self, statement: Statement) -> tuple[str, str] | None:
        """The named subject of a speech verb: 'Lavrov blamed Kyiv ...' is Lavrov's claim."""
        assert statement.speech_subject is not None
        parsed = self.parsed[statement.article_id]
        start, end = statement.speech_subject
        mentions = [
            m
            for m in parsed.entities_in(start, end)
            if (parsed.id, m.start) in self.entity_of and m.label in ("PERSON", "ORG", "GPE", "NORP")
        ]
        if not mentions:
            return None
        entity = self.entity_of[(parsed.id, mentions[-1].start)]
        return entity, self.entity_names[entity]

    def origin_of(self, statement: Statement) -> str:
        """The independent origin: the named source, else the outlet (of the original, for a copy)."""
        _, name = self.speaker_of(statement)
        if name:
            return name
        article = self.originals[statement.article_id]
        if article.duplicate_of and article.duplicate_of in self.originals:
            article = self.originals[article.duplicate_of]
        return outlet_label(article)

    def _find_quote_speakers(self) -> None:
        """Speakers of the statements inside direct quotes that carry no attribution of their own."""
        for article_id in self.parsed:
            mine = [s for s in self.statements if s.article_id == article_id]
            previous: tuple[str | None, str | None] = (None, None)
            for span in self.quotes[article_id]:
                inside = [s for s in mine if s.start < span.end and s.end > span.start]
                speaker = self._quote_speaker(inside, mine, span.end) or previous
                for statement in inside:
                    self.quote_speakers.setdefault((article_id, statement.index), speaker)
                previous = speaker

    def _quote_speaker(
        self, inside: list[Statement], mine: list[Statement], end: int
    ) -> tuple[str | None, str | None] | None:
        """The attribution of the statements holding the quote, else of the short sentence after it."""
        for statement in reversed(inside):
            if statement.attribution is not None and statement.attribution.named:
                return self.speaker_of(statement)
        after = next((s for s in mine if s.start >= end), None)
        if after is not None and after.attribution is not None and len(after.text.split()) <= 8:
            return self.speaker_of(after)
        return None

    # -- statements ---------------------------------------------------------------------------
    def _describe(self) -> None:
        for statement in self.statements:
            described = describe(statement, self.parsed[statement.article_id], self.entity_of)
            described.origin = self.origin_of(statement).casefold()
            self.described.append(described)
        weigh(self.described)
        drop_regions(self.described)
        mark_series(self.described)
        narrow_places(self.described)
        inherit_dates(self.described)
        link_sentences(self.described)
        mark_core(self.described)

    def statement_ids(self) -> dict[tuple[int, int], str]:
        return {(s.article_id, s.index): f"t{n}" for n, s in enumerate(self.statements, start=1)}

    def statements_json(self) -> list[dict[str, Any]]:
        found = []
        for number, statement in enumerate(self.statements, start=1):
            entity, name = self.speaker_of(statement)
            article = self.originals[statement.article_id]
            attribution = statement.attribution
            found.append(
                {
                    "id": f"t{number}",
                    "article": _aid(statement.article_id),
                    "sentence": statement.sentence,
                    "text": statement.text,
                    "start": statement.start,
                    "end": statement.end,
                    "attributed_to": entity or name or _unnamed(attribution) or article.outlet,
                    "attribution": article.text[attribution.phrase_start : attribution.phrase_end]
                    if attribution
                    else None,
                    "quote": statement.quote,
                }
            )
        return found

    # -- facts and conflicts ----------------------------------------------------------------------
    def facts_json(
        self, facts: Sequence[Sequence[int]], conflicts: Sequence[Conflict]
    ) -> list[dict[str, Any]]:
        ids = self.statement_ids()
        contested = {f for c in conflicts for side in c.sides for f in side.facts}
        found = []
        for number, members in enumerate(facts):
            origins = self._origins(members)
            status = (
                "contested"
                if number in contested
                else ("corroborated" if len(origins) >= 2 else "single_source")
            )
            found.append(
                {
                    "id": f"f{number + 1}",
                    "text": self.described[centre(members, self.described)].statement.text,
                    "statements": [ids[self.described[m].key] for m in members],
                    "outlets": self._outlets(members),
                    "origins": origins,
                    "independent_origins": len(origins),
                    "status": status,
                }
            )
        return found

    def _outlets(self, members: Sequence[int]) -> list[str]:
        return sorted({outlet_label(self.originals[self.described[m].statement.article_id]) for m in members})

    def _origins(self, members: Sequence[int]) -> list[str]:
        names: dict[str, str] = {}
        for m in members:
            name = self.origin_of(self.described[m].statement)
            names.setdefault(name.casefold(), name)
        return sorted(names.values())

    def conflicts_json(
        self, conflicts: Sequence[Conflict], facts: Sequence[Sequence[int]]
    ) -> list[dict[str, Any]]:
        ids = self.statement_ids()
        found = []
        for number, conflict in enumerate(conflicts, start=1):
            sides = []
            for side in conflict.sides:
                members = [m for f in side.facts for m in facts[f] if self._states(m, conflict)]
                sides.append(
                    {
                        "value": side.value,
                        "facts": [f"f{f + 1}" for f in side.facts],
                        "statements": [ids[self.described[m].key] for m in members],
                        "outlets": self._outlets(members),
                        "origins": self._origins(members),
                    }
                )
            found.append({"id": f"c{number}", "about": conflict.about, "kind": conflict.kind, "sides": sides})
        return found

    def _states(self, member: int, conflict: Conflict) -> bool:
        """Whether a statement itself gives a value for the disputed question (its fact may hold others)."""
        return any(answers(v, conflict.kind, conflict.anchor) for v in self.described[member].values)

    # -- quotes, timeline, story ------------------------------------------------------------------
    def quotes_json(self) -> list[dict[str, Any]]:
        ids = self.statement_ids()
        found = []
        for article_id, parsed in self.parsed.items():
            mine = [s for s in self.statements if s.article_id == article_id]
            for span in self.quotes[article_id]:
                inside = [s for s in mine if s.start < span.end and s.end > span.start]
                entity, name = (
                    self.quote_speakers.get((article_id, inside[0].index), (None, None))
                    if inside
                    else (None, None)
                )
                found.append(
                    {
                        "speaker": entity,
                        "speaker_name": name,
                        "text": parsed.text[span.start : span.end].strip(),
                        "article": _aid(article_id),
                        "statements": [ids[(s.article_id, s.index)] for s in inside],
                        "direct": True,
                    }
                )
            found.extend(self._reported_speech(mine, ids))
        return found

    def _reported_speech(
        self, mine: list[Statement], ids: dict[tuple[int, int], str]
    ) -> list[dict[str, Any]]:
        """Statements whose speaker is a named person or organisation and that quote no words."""
        found = []
        for statement in mine:
            if statement.quote or statement.speech_subject is None:
                continue
            speaker = self._speech_speaker(statement)
            if speaker is None:
                continue
            entity, _ = speaker
            found.append(
                {
                    "speaker": entity,
                    "speaker_name": self.entity_names[entity],
                    "text": statement.text,
                    "article": _aid(statement.article_id),
                    "statements": [ids[(statement.article_id, statement.index)]],
                    "direct": False,
                }
            )
        return found

    def timeline_json(self, facts: Sequence[Sequence[int]]) -> list[dict[str, Any]]:
        fact_of = {m: n for n, members in enumerate(facts) for m in members}
        entries: dict[tuple[str, int], dict[str, Any]] = {}
        last_year: dict[int, int | None] = {}
        for position, described in enumerate(self.described):
            statement = described.statement
            parsed = self.parsed[statement.article_id]
            reference = reference_date(parsed.article.published)
            for expression in parsed.expressions_in(statement.start, statement.end):
                if expression.label != "DATE":
                    continue
                resolved = resolve_date(expression.text, reference, last_year.get(statement.article_id))
                if resolved is None:
                    continue
                last_year[statement.article_id] = resolved.year
                fact = fact_of[position]
                entries.setdefault(
                    (resolved.iso, fact),
                    {
                        "date": resolved.iso,
                        "precision": resolved.precision,
                        "text": statement.text,
                        "expression": expression.text,
                        "facts": [f"f{fact + 1}"],
                    },
                )
        return [entries[key] for key in sorted(entries)]

    def articles_json(self) -> list[dict[str, Any]]:
        return [
            {
                "id": _aid(a.id),
                "origin": a.origin,
                "outlet": a.outlet,
                "title": a.display_title,
                "published": a.published,
                "duplicate_of": _aid(a.duplicate_of) if a.duplicate_of else None,
                "language": a.language,
                "analysed": a.id in self.parsed,
            }
            for a in self.articles
        ]

    def story_json(self, story_id: int, facts: Sequence[Sequence[int]]) -> dict[str, Any]:
        dates = sorted(a.published for a in self.articles if a.published)
        return {
            "id": f"s{story_id}",
            "title": self._central_article(facts).display_title,
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
        }

    def _central_article(self, facts: Sequence[Sequence[int]]) -> Article:
        """The original article that takes part in most facts shared with other articles."""
        shared: dict[int, int] = {a.id: 0 for a in self.articles}
        for members in facts:
            articles = {self.described[m].statement.article_id for m in members}
            if len(articles) > 1:
                for article_id in articles:
                    shared[article_id] += 1
        candidates = [a for a in self.articles if not a.duplicate_of] or self.articles
        return max(candidates, key=lambda a: (shared[a.id], -a.id))
