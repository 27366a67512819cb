"""Bundled word lists that correct the small spaCy model: places, bodies, outlets, titles, given names.

The statistical model of `en_core_web_sm` is small and often mislabels well-known names ("Kyiv" as a
person, "GRU" missed). These lists are general knowledge, shipped as data in `corroborator/data/`:

- `gazetteer.jsonl`: countries, capitals, major cities, government/military/intelligence bodies, wire
  agencies and major outlets; one object a line with `id`, `name`, `label`, `kind`, `aliases`.
- `agencies.txt` and `outlets.tsv` (shared with outlet detection): more outlet names, typed ORG.
- `titles.txt`: words that precede a person's name ("Lt Gen", "Foreign Minister").
- `given_names.txt`: common given names, to type "Igor Kostyukov" as a person when the model does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Capitalised words followed by one of these make a road or square: "Volokolamskoye Highway".
ROAD_WORDS = (
    "highway", "street", "avenue", "road", "boulevard", "prospekt", "prospect", "lane", "square",
    "embankment", "bridge", "motorway", "expressway", "drive", "plaza",
)  # fmt: skip
_NOT_ROAD_NAME = ["the", "a", "an", "on", "in", "at", "near", "of", "and", "to", "from", "by"]
ROAD_ID = "@road"


@dataclass(frozen=True, slots=True)
class PlaceOrBody:
    """One gazetteer row: a well-known place, body or outlet and the other names it goes by."""

    id: str
    name: str
    label: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    """Title words, split by how much they say about the name that follows."""

    words: frozenset[str]
    ambiguous: frozenset[str]
    modifiers: frozenset[str]
    expansions: dict[str, str]

    def expand(self, word: str) -> str:
        """The full form of a title word: "lt." -> "lieutenant"."""
        bare = word.lower().rstrip(".")
        return self.expansions.get(bare, bare)

    def is_title(self, word: str) -> bool:
        return self.expand(word) in self.words

    def is_role(self, word: str) -> bool:
        """True for a title that can stand for a person on its own ("the general", not "the foreign")."""
        full = self.expand(word)
        return full in self.words and full not in self.modifiers


def _data_text(name: str) -> str:
    return resources.files("corroborator").joinpath(f"data/{name}").read_text("utf-8")


def _data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a bundled data file."""
    lines = (line.strip() for line in _data_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@cache
def places_and_bodies() -> tuple[PlaceOrBody, ...]:
    """The gazetteer rows, with outlet names from the shared outlet lists added as ORG."""
    rows = [_row(json.loads(line)) for line in _data_lines("gazetteer.jsonl")]
    known = {name for row in rows for name in (row.name, *row.aliases)}
    for name in _shared_outlet_names():
        if name not in known:
            known.add(name)
            rows.append(PlaceOrBody(_slug(name), name, "ORG", "outlet", ()))
    return tuple(rows)


def _row(data: dict[str, Any]) -> PlaceOrBody:
    return PlaceOrBody(
        str(data["id"]), str(data["name"]), str(data["label"]), str(data.get("kind", "")),
        tuple(str(alias) for alias in data.get("aliases", ())),
    )  # fmt: skip


def _shared_outlet_names() -> list[str]:
    """Outlet names from the lists outlet detection uses; missing files are simply skipped."""
    names: list[str] = []
    for file_name, column in (("agencies.txt", 0), ("outlets.tsv", 1)):
        try:
            lines = _data_lines(file_name)
        except FileNotFoundError:
            continue
        names.extend(line.split("\t")[column].strip() for line in lines if len(line.split("\t")) > column)
    return sorted(set(names))


def _slug(name: str) -> str:
    return "".join(c.lower() if c.isalnum() else "_" for c in name).strip("_")


def ruler_patterns() -> list[dict[str, Any]]:
    """Patterns for spaCy's `entity_ruler`: every gazetteer name and alias, plus road names."""
    patterns: list[dict[str, Any]] = []
    for row in places_and_bodies():
        for name in (row.name, *row.aliases):
            patterns.append({"label": row.label, "pattern": name, "id": row.id})
            if name[:1].isupper() and name.lower().startswith("the "):
                patterns.append({"label": row.label, "pattern": "the " + name[4:], "id": row.id})
    road = [
        {"IS_TITLE": True, "LOWER": {"NOT_IN": _NOT_ROAD_NAME}, "OP": "+"},
        {"IS_TITLE": True, "LOWER": {"IN": list(ROAD_WORDS)}},
    ]
    patterns.append({"label": "FAC", "pattern": road, "id": ROAD_ID})
    return patterns


@cache
def gazetteer_names() -> dict[str, PlaceOrBody]:
    """Every gazetteer name and alias -> its row, for looking up a mention's canonical name."""
    return {name: row for row in places_and_bodies() for name in (row.name, *row.aliases)}


@cache
def gazetteer_by_id() -> dict[str, PlaceOrBody]:
    return {row.id: row for row in places_and_bodies()}


@cache
def titles() -> TitleLexicon:
    """The title lexicon from `titles.txt`."""
    words: set[str] = set()
    ambiguous: set[str] = set()
    modifiers: set[str] = set()
    expansions: dict[str, str] = {}
    for line in _data_lines("titles.txt"):
        parts = line.lower().split()
        if len(parts) == 3 and parts[1] == "=":
            expansions[parts[0]] = parts[2]
            continue
        words.add(parts[0])
        if "ambiguous" in parts[1:]:
            ambiguous.add(parts[0])
        if "modifier" in parts[1:]:
            modifiers.add(parts[0])
    words.update(expansions.values())
    return TitleLexicon(frozenset(words), frozenset(ambiguous), frozenset(modifiers), expansions)


@cache
def given_names() -> frozenset[str]:
    """Common given names, lower case."""
    return frozenset(word for line in _data_lines("given_names.txt") for word in line.lower().split())
