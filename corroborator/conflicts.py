"""Conflicts: facts about the same thing that cannot all be true, grouped into sides by value.

Alignment hands over the pairs of statements whose values clash (a different year of the same
election, a different count of the same people, different body parts for the same injury). Here
they are lifted to their facts, joined per question (kind and anchor) into connected groups, and
each group's facts are split into sides by the value they state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from corroborator.facts import COUNT, Described, answers
from corroborator.titles import title_words
from corroborator.values import Value


@dataclass(frozen=True, slots=True)
class Side:
    """One answer to the disputed question, and the facts (by index) that give it."""

    value: str
    facts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Facts that disagree on one question: the kind of value, its anchor, and the sides."""

    kind: str
    anchor: str
    about: str
    sides: tuple[Side, ...]


def detect_conflicts(
    described: Sequence[Described],
    facts: Sequence[Sequence[int]],
    clashing: Mapping[tuple[int, int], frozenset[tuple[str, str]]],
    entity_names: dict[str, str],
) -> list[Conflict]:
    """Conflicts among facts, from the clashing statement pairs.

    Facts join a conflict only as a clique: a fact with a new value joins when it clashes with
    some fact of every side already there, so one loose pair cannot chain unrelated figures (a
    death toll, a background disaster's toll, a district's toll) into one dispute. Whether two
    values are of the same time and place was settled per value when the clashes were found
    (`facts.find_clashes`, which hands over the questions each pair clashes on).
    """
    fact_of = {member: number for number, members in enumerate(facts) for member in members}
    edges: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for (a, b), questions in clashing.items():
        fa, fb = sorted((fact_of[a], fact_of[b]))
        for question in questions:
            edges[question].add((fa, fb))
    conflicts = []
    for (kind, anchor), pairs in sorted(edges.items()):
        value_of = partial(_value_of_fact, facts=facts, kind=kind, anchor=anchor, described=described)
        for group in _cliques(pairs, value_of):
            sides = _sides(group, kind, anchor, described, facts)
            if len(sides) >= 2:
                about = _about(kind, anchor, group, described, facts, entity_names)
                conflicts.append(Conflict(kind, anchor, about, sides))
    return sorted(conflicts, key=lambda c: (min(f for s in c.sides for f in s.facts), c.kind, c.anchor))


def _cliques(
    pairs: set[tuple[int, int]], value_of: Callable[[int], tuple[str, str] | None]
) -> list[list[int]]:
    """Groups of facts in which every two facts of different values clash or share a side."""
    clash = defaultdict(set)
    for a, b in pairs:
        clash[a].add(b)
        clash[b].add(a)
    groups: list[dict[str, list[int]]] = []
    for a, b in sorted(pairs):
        for fact, other in ((a, b), (b, a)):
            if not any(_try_join(group, fact, other, clash, value_of) for group in groups):
                key_a, key_b = value_of(fact), value_of(other)
                if key_a and key_b and key_a[0] != key_b[0]:
                    groups.append({key_a[0]: [fact], key_b[0]: [other]})
    found = [sorted({f for side in group.values() for f in side}) for group in groups]
    # Keep a group once (its first copy), and not when a larger group contains it.
    return [
        g
        for i, g in enumerate(found)
        if found.index(g) == i and not any(set(g) < set(other) for other in found)
    ]


def _try_join(
    group: dict[str, list[int]],
    fact: int,
    other: int,
    clash: dict[int, set[int]],
    value_of: Callable[[int], tuple[str, str] | None],
) -> bool:
    members = {f for side in group.values() for f in side}
    if other not in members:
        return False
    if fact in members:
        return True
    key = value_of(fact)
    if key is None:
        return False
    if key[0] in group:
        group[key[0]].append(fact)
        return True
    if all(clash[fact] & set(side) for side in group.values()):
        group[key[0]] = [fact]
        return True
    return False


def _sides(
    component: list[int],
    kind: str,
    anchor: str,
    described: Sequence[Described],
    facts: Sequence[Sequence[int]],
) -> tuple[Side, ...]:
    by_value: dict[str, list[int]] = defaultdict(list)
    labels: dict[str, str] = {}
    for fact in component:
        found = _fact_value(facts[fact], kind, anchor, described)
        if found is not None:
            key, label = found
            by_value[key].append(fact)
            labels.setdefault(key, label)
    ordered = sorted(by_value.items(), key=lambda item: min(item[1]))
    return tuple(Side(labels[key], tuple(sorted(members))) for key, members in ordered)


def _value_of_fact(
    fact: int, *, facts: Sequence[Sequence[int]], kind: str, anchor: str, described: Sequence[Described]
) -> tuple[str, str] | None:
    return _fact_value(facts[fact], kind, anchor, described)


def _fact_value(
    members: Sequence[int], kind: str, anchor: str, described: Sequence[Described]
) -> tuple[str, str] | None:
    """(comparison key, display text) of the value a fact gives for the question."""
    for member in members:
        values = [v for v in described[member].values if answers(v, kind, anchor)]
        if not values:
            continue
        if kind == "body part":
            return "|".join(sorted({v.text.lower() for v in values})), _phrase(described[member], values)
        value = values[0]
        if kind == "title":
            return " ".join(title_words(value.text)), value.text
        return f"{value.low:g}-{value.high:g}", value.text
    return None


def _phrase(described: Described, values: list[Value]) -> str:
    """The body parts as written, from the first to the last: 'arm, leg, and chest'."""
    statement = described.statement
    return statement.text[values[0].start - statement.start : values[-1].end - statement.start]


def _about(
    kind: str,
    anchor: str,
    component: list[int],
    described: Sequence[Described],
    facts: Sequence[Sequence[int]],
    entity_names: dict[str, str],
) -> str:
    """A neutral description of the disputed question."""
    if kind == "year":
        return f"the year ({anchor})" if anchor else "the year"
    if kind == "time":
        return "the time of the aftershock" if anchor.endswith("/aftershock") else "the time of day"
    if kind == "date":
        return "the month it happened" if anchor == "month" else "the day it happened"
    if kind == "weapon":
        return "the weapon"
    if kind == "place":
        return "where the company is based" if anchor == "where/hq" else "where it happened"
    if kind == "outcome":
        _, noun, count = anchor.split("/")
        return f"what happened to the {count} {noun}s"
    if kind == "direction":
        return f"the direction from {anchor.partition(':')[2].title()}"
    if kind == "number":
        return _number_about(anchor, entity_names)
    if kind == "name":
        role = anchor.partition(":")[2]
        return (
            f"who plays {role[len('plays ') :].title()}"
            if role.startswith("plays ")
            else f"who is the {role}"
        )
    if kind == "title":
        name = entity_names.get(anchor.partition("/person:")[2], "")
        return f"the title of {name}" if name else "the title"
    shared = set.intersection(*(set().union(*(described[m].entities for m in facts[f])) for f in component))
    people = sorted(entity_names[e] for e in shared if e in entity_names)
    return f"where {people[0]} was wounded" if people else "where the wounds were"


def _number_about(anchor: str, entity_names: dict[str, str]) -> str:
    """'the number of dead', 'the magnitude', 'the depth', 'the distance from Tehran', 'the age of
    the woman', 'the age of Kathryn Jenkin', 'the distance (Duncan Raite)', 'the number of points
    (score, Will Artino)'."""
    if anchor.startswith(COUNT):
        return f"the number of {anchor[len(COUNT) :]}s"
    if anchor == "magnitude":
        return "the magnitude"
    if anchor.startswith("magnitude/"):  # 'magnitude/aftershock', 'magnitude/other'
        return "the magnitude of another quake"
    if anchor == "length/depth":
        return "the depth"
    if anchor.startswith("length/from:"):
        return f"the distance from {anchor.partition(':')[2].title()}"
    if anchor.startswith("size/"):  # 'size/inch:display'
        unit, _, noun = anchor[len("size/") :].partition(":")
        return f"the size of the {noun} ({unit})"
    anchor, _, holder = anchor.partition("/person:")
    name = entity_names.get(holder, "") if holder else ""
    if anchor == "age" and name:
        return f"the age of {name}"
    if anchor == "length":
        return f"the distance ({name})" if name else "the distance"
    if anchor.startswith("age"):
        who = anchor.partition("/")[2]
        return f"the age of the {who}" if who else "the age"
    unit, _, event = anchor.partition("/")
    if "@" in unit:  # 'time@shoot': how many times he was shot; 'boat@capture': boats captured
        thing, _, verb = unit.partition("@")
        return f"the number of {thing}s ({verb}, {name})" if name else f"the number of {thing}s ({verb})"
    return {"dead": "the number of dead", "hurt": "the number of injured"}.get(event, f"the number ({unit})")
