"""What a reader sees of a dossier: the dossier JSON rearranged for display.

The HTML report and the web app's story page render the same view, so a fact looks the same in a
saved report and in the browser. Nothing here formats HTML: templates do that, with autoescaping on,
so article-derived text can never become markup. Everything is computed from the dossier alone
(plus, optionally, the articles' clean texts for the "articles" section), deterministically.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

Dossier = Mapping[str, Any]

STATES = "states"
CONTRADICTS = "contradicts"
SILENT = "silent"
MATRIX_MARKS = {STATES: "✓", CONTRADICTS: "✗", SILENT: "·"}
STATUS_LABELS = {
    "corroborated": "corroborated",
    "single_source": "single source",
    "contested": "contested",
}


def present_dossier(dossier: Dossier, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The whole display model of one dossier; `texts` maps article ids ("a1") to clean text."""
    statements = {s["id"]: s for s in dossier["statements"]}
    outlets_of = {a["id"]: a.get("outlet") or "unknown outlet" for a in dossier["articles"]}
    facts = [present_fact(f, statements, outlets_of) for f in dossier["facts"]]
    return {
        "story": dict(dossier["story"]),
        "counts": counts(dossier),
        "summary": present_summary(dossier["summary"]),
        "facts": facts,
        "matrix": source_matrix(dossier["facts"], dossier["conflicts"]),
        "conflicts": [
            present_conflict(c, dossier["facts"], statements, outlets_of) for c in dossier["conflicts"]
        ],
        "entities": present_entities(dossier["entities"]),
        "quotes": quotes_by_speaker(dossier["quotes"], dossier["entities"], outlets_of),
        "timeline": timeline_chart(dossier["timeline"]),
        "articles": present_articles(dossier, texts or {}),
    }


def counts(dossier: Dossier) -> dict[str, int]:
    """Headline numbers for the page header and the stories list."""
    outlets = {a.get("outlet") for a in dossier["articles"] if a.get("outlet")}
    return {
        "articles": len(dossier["articles"]),
        "outlets": len(outlets),
        "facts": len(dossier["facts"]),
        "corroborated": sum(1 for f in dossier["facts"] if f["status"] == "corroborated"),
        "conflicts": len(dossier["conflicts"]),
        "entities": len(dossier["entities"]),
        "quotes": len(dossier["quotes"]),
    }


def present_summary(summary: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"text": item["text"], "facts": list(item["facts"])} for item in summary]


def _source(statement: Mapping[str, Any], outlets_of: Mapping[str, str]) -> dict[str, Any]:
    """One statement as a cited source line: its sentence and who published it."""
    return {
        "id": statement["id"],
        "article": statement["article"],
        "outlet": outlets_of.get(statement["article"], "unknown outlet"),
        "text": statement["text"],
        "attribution": statement.get("attribution"),
        "quote": bool(statement.get("quote")),
    }


def present_fact(
    fact: Mapping[str, Any], statements: Mapping[str, Mapping[str, Any]], outlets_of: Mapping[str, str]
) -> dict[str, Any]:
    sources = [_source(statements[t], outlets_of) for t in fact["statements"] if t in statements]
    return {
        "id": fact["id"],
        "text": fact["text"],
        "status": fact["status"],
        "status_label": STATUS_LABELS.get(fact["status"], fact["status"]),
        "outlets": list(fact["outlets"]),
        "origins": list(fact.get("origins") or []),
        "independent_origins": fact["independent_origins"],
        "statements": list(fact["statements"]),
        "sources": sources,
    }


def _contradicting_outlets(
    facts: Sequence[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]]
) -> dict[str, set[str]]:
    """For each fact, the outlets that state another side of a conflict the fact is on."""
    outlets = {f["id"]: set(f["outlets"]) for f in facts}
    against: dict[str, set[str]] = {f["id"]: set() for f in facts}
    for conflict in conflicts:
        for side in conflict["sides"]:
            others = [
                o for other in conflict["sides"] if other is not side for o in _side_outlets(other, outlets)
            ]
            for fact_id in side["facts"]:
                against.setdefault(fact_id, set()).update(others)
    return against


def _side_outlets(side: Mapping[str, Any], outlets: Mapping[str, set[str]]) -> set[str]:
    found = set(side.get("outlets") or [])
    for fact_id in side["facts"]:
        found |= outlets.get(fact_id, set())
    return found


def source_matrix(
    facts: Sequence[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Facts × outlets: does each outlet state the fact, contradict it, or say nothing?

    An outlet contradicts a fact when it states another side of a conflict that fact is on and
    does not also state the fact itself (an outlet can carry both sides; then it states it).
    """
    outlets = sorted(
        {o for f in facts for o in f["outlets"]} | _conflict_outlets(conflicts), key=str.casefold
    )
    against = _contradicting_outlets(facts, conflicts)
    rows = []
    for fact in facts:
        cells = []
        for outlet in outlets:
            state = (
                STATES
                if outlet in fact["outlets"]
                else CONTRADICTS
                if outlet in against[fact["id"]]
                else SILENT
            )
            cells.append({"outlet": outlet, "state": state, "mark": MATRIX_MARKS[state]})
        rows.append(
            {
                "fact": fact["id"],
                "text": fact["text"],
                "status": fact["status"],
                "statements": list(fact["statements"]),
                "cells": cells,
                "independent_origins": fact["independent_origins"],
            }
        )
    return {"outlets": outlets, "rows": rows}


def _conflict_outlets(conflicts: Sequence[Mapping[str, Any]]) -> set[str]:
    return {o for c in conflicts for side in c["sides"] for o in side.get("outlets") or []}


def present_conflict(
    conflict: Mapping[str, Any],
    facts: Sequence[Mapping[str, Any]],
    statements: Mapping[str, Mapping[str, Any]],
    outlets_of: Mapping[str, str],
) -> dict[str, Any]:
    """A conflict with each side's own sentences, outlets and origins spelled out."""
    by_id = {f["id"]: f for f in facts}
    sides = []
    for index, side in enumerate(conflict["sides"]):
        side_facts = [by_id[f] for f in side["facts"] if f in by_id]
        ids = list(side.get("statements") or [t for f in side_facts for t in f["statements"]])
        outlets = side.get("outlets") or sorted({o for f in side_facts for o in f["outlets"]})
        origins = side.get("origins") or sorted({o for f in side_facts for o in f.get("origins") or []})
        sides.append(
            {
                "key": f"{conflict['id']}-{index + 1}",
                "value": side["value"],
                "facts": list(side["facts"]),
                "statements": ids,
                "sources": [_source(statements[t], outlets_of) for t in ids if t in statements],
                "outlets": list(outlets),
                "origins": list(origins),
                "independent_origins": len(origins)
                or max((f["independent_origins"] for f in side_facts), default=0),
            }
        )
    return {"id": conflict["id"], "about": conflict["about"], "kind": conflict.get("kind"), "sides": sides}


def present_entities(entities: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Entities, most mentioned first, with the articles that name them."""
    shown = [
        {
            "id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "aliases": [a for a in e["aliases"] if a != e["name"]],
            "mentions": len(e["mentions"]),
            "articles": sorted({m["article"] for m in e["mentions"]}, key=_id_number),
        }
        for e in entities
    ]
    return sorted(shown, key=lambda e: (-e["mentions"], e["name"].casefold(), e["id"]))


def quotes_by_speaker(
    quotes: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]], outlets_of: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Quotes grouped under their speaker, speakers in order of first quote."""
    names = {e["id"]: e["name"] for e in entities}
    groups: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        speaker = quote.get("speaker")
        name = names.get(speaker or "") or quote.get("speaker_name") or "unattributed"
        group = groups.setdefault(speaker or f"?{name}", {"speaker": speaker, "name": name, "quotes": []})
        group["quotes"].append(
            {
                "text": quote["text"],
                "article": quote["article"],
                "direct": bool(quote["direct"]),
                "outlet": outlets_of.get(quote["article"], "unknown outlet"),
                "statements": list(quote.get("statements") or []),
            }
        )
    return list(groups.values())


# -- timeline chart --------------------------------------------------------------------------
TIMELINE_WIDTH = 760
ROW_LINE = 18
ROW_GAP = 16
TEXT_X = 150
AXIS_X = 130
WRAP = 82
MAX_LINES = 2
LONG_GAP_DAYS = 366


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One timeline entry placed on the chart."""

    y: int
    date: str
    precision: str
    lines: tuple[str, ...]
    text: str
    facts: tuple[str, ...]
    gap_before: str | None


def timeline_chart(timeline: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Geometry of the timeline chart (a vertical axis, one row per dated entry).

    Rows are evenly spaced rather than proportional to time: a story often mixes last week's
    events with a decade-old precedent, and a proportional axis would crush the recent ones.
    Long gaps are marked on the axis instead ("14 years later").
    """
    entries = sorted(timeline, key=lambda e: (e["date"], e["text"]))
    rows: list[ChartRow] = []
    y = 24
    previous: date | None = None
    for entry in entries:
        start = _period_start(entry["date"])
        gap = _gap_label(previous, start)
        y += 22 if gap else 0
        lines = _wrap(entry["text"])
        rows.append(
            ChartRow(y, entry["date"], entry["precision"], lines, entry["text"], tuple(entry["facts"]), gap)
        )
        y += ROW_LINE * len(lines) + ROW_GAP
        previous = start
    return {
        "width": TIMELINE_WIDTH,
        "height": max(y, 48),
        "axis_x": AXIS_X,
        "text_x": TEXT_X,
        "line_height": ROW_LINE,
        "rows": rows,
        "empty": not rows,
    }


def _wrap(text: str) -> tuple[str, ...]:
    lines = textwrap.wrap(" ".join(text.split()), WRAP) or [""]
    if len(lines) > MAX_LINES:
        lines = [
            *lines[: MAX_LINES - 1],
            textwrap.shorten(" ".join(lines[MAX_LINES - 1 :]), WRAP, placeholder=" …"),
        ]
    return tuple(lines)


def _period_start(value: str) -> date | None:
    parts = [int(p) for p in value.split("-")]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _gap_label(previous: date | None, current: date | None) -> str | None:
    if previous is None or current is None or (current - previous).days < LONG_GAP_DAYS:
        return None
    years = round((current - previous).days / 365.25)
    return f"{years} year{'s' if years != 1 else ''} later"


# -- articles with their statements and mentions marked -------------------------------------------
def present_articles(dossier: Dossier, texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each article with its text cut into segments that know their statements and entity."""
    by_article: dict[str, list[Mapping[str, Any]]] = {}
    for statement in dossier["statements"]:
        by_article.setdefault(statement["article"], []).append(statement)
    mentions = _mentions_by_article(dossier["entities"], by_article)
    shown = []
    for article in dossier["articles"]:
        own = by_article.get(article["id"], [])
        text = texts.get(article["id"])
        segments = (
            segment_text(text, own, mentions.get(article["id"], []))
            if text is not None
            else _statement_segments(own)
        )
        shown.append(
            {
                **article,
                "segments": segments,
                "has_text": text is not None,
                "statements": len(own),
                "analysed": article.get("analysed", True),
                "language": article.get("language"),
            }
        )
    return shown


def _mentions_by_article(
    entities: Iterable[Mapping[str, Any]], statements: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, entity id) of every mention that can be placed in its article's text."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        for mention in entity["mentions"]:
            span = locate_mention(mention, statements.get(mention["article"], ()))
            if span is not None:
                found.setdefault(mention["article"], []).append((*span, entity["id"]))
    return found


def locate_mention(
    mention: Mapping[str, Any], statements: Iterable[Mapping[str, Any]]
) -> tuple[int, int] | None:
    """A mention's character span: its own offsets, else its words found in a statement of its sentence."""
    start, end = mention.get("start"), mention.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    for statement in statements:
        offset = (
            statement["text"].find(mention["text"]) if statement["sentence"] == mention["sentence"] else -1
        )
        if offset >= 0 and isinstance(statement.get("start"), int):
            return statement["start"] + offset, statement["start"] + offset + len(mention["text"])
    return None


def segment_text(
    text: str, statements: Sequence[Mapping[str, Any]], mentions: Sequence[tuple[int, int, str]]
) -> list[dict[str, Any]]:
    """Cut `text` at every statement and mention boundary.

    Each segment lists the statements covering it (so clicking a fact can light exactly those
    characters) and the entity it names, if any. Spans that fall outside the text are ignored,
    so a stale offset can only lose a highlight, never garble the text.
    """
    spans = [(s["start"], s["end"], s["id"]) for s in statements if _fits(s, len(text))]
    marks = [(a, b, e) for a, b, e in mentions if 0 <= a < b <= len(text)]
    cuts = sorted({0, len(text), *(p for a, b, _ in spans + marks for p in (a, b))})
    segments = []
    for start, end in itertools.pairwise(cuts):
        covering = [sid for a, b, sid in spans if a <= start and end <= b]
        entity = next((e for a, b, e in marks if a <= start and end <= b), None)
        segments.append({"text": text[start:end], "statements": " ".join(covering), "entity": entity})
    return _merge_plain(segments)


def _fits(statement: Mapping[str, Any], length: int) -> bool:
    start, end = statement.get("start"), statement.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _merge_plain(segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join neighbours into runs: one run per stretch of text covered by the same statements.

    A run holds pieces (plain text or an entity mention), so one sentence is one element to
    highlight however many names it contains.
    """
    runs: list[dict[str, Any]] = []
    for segment in segments:
        piece = {"text": segment["text"], "entity": segment["entity"]}
        if runs and runs[-1]["statements"] == segment["statements"]:
            pieces = runs[-1]["pieces"]
            if pieces[-1]["entity"] is None and piece["entity"] is None:
                pieces[-1]["text"] += piece["text"]
            else:
                pieces.append(piece)
        else:
            runs.append({"statements": segment["statements"], "pieces": [piece]})
    return runs


def _statement_segments(statements: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Without the article text, show its statements in order, one after another."""
    ordered = sorted(statements, key=lambda s: (s.get("start", 0), s["sentence"], _id_number(s["id"])))
    runs: list[dict[str, Any]] = []
    for statement in ordered:
        runs.append({"statements": statement["id"], "pieces": [{"text": statement["text"], "entity": None}]})
        runs.append({"statements": "", "pieces": [{"text": " ", "entity": None}]})
    return runs[:-1]


def _id_number(value: str) -> int:
    """The number in an id like "a12", for natural ordering."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return int(digits) if digits else 0
