"""Conflicts: facts about the same thing that cannot all be true, grouped into sides by value.

Alignment hands over the pairs of statements whose values clash (a different year of the same
election, a different count of the same people, different body parts for the same injury). Here
they are lifted to their facts, joined per question (kind and anchor) into connected groups, and
each group's facts are split into sides by the value they state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from corroborator.facts import Described, values_conflict
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
    clashing: Sequence[tuple[int, int]],
    entity_names: dict[str, str],
) -> list[Conflict]:
    """Conflicts among facts, from the clashing statement pairs."""
    fact_of = {member: number for number, members in enumerate(facts) for member in members}
    edges: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for a, b in clashing:
        for va, _ in values_conflict(described[a], described[b]):
            edges[(va.kind, va.anchor)].add(tuple(sorted((fact_of[a], fact_of[b]))))  # type: ignore[arg-type]
    conflicts = []
    for (kind, anchor), pairs in sorted(edges.items()):
        for component in _components(pairs):
            sides = _sides(component, kind, anchor, described, facts)
            if len(sides) >= 2:
                about = _about(kind, anchor, component, described, facts, entity_names)
                conflicts.append(Conflict(kind, anchor, about, sides))
    return sorted(conflicts, key=lambda c: (min(f for s in c.sides for f in s.facts), c.kind, c.anchor))


def _components(pairs: set[tuple[int, int]]) -> list[list[int]]:
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[int] = set()
    found = []
    for start in sorted(neighbours):
        if start in seen:
            continue
        stack, component = [start], []
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                component.append(node)
                stack.extend(neighbours[node] - seen)
        found.append(sorted(component))
    return found


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


def _fact_value(
    members: Sequence[int], kind: str, anchor: str, described: Sequence[Described]
) -> tuple[str, str] | None:
    """(comparison key, display text) of the value a fact gives for the question."""
    for member in members:
        values = [v for v in described[member].values if v.kind == kind and v.anchor == anchor]
        if not values:
            continue
        if kind == "body part":
            return "|".join(sorted({v.text.lower() for v in values})), _phrase(described[member], values)
        value = values[0]
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
        return f"the year of the {anchor}"
    if kind == "number":
        return f"the number of {anchor}" if anchor not in ("cardinal", "quantity") else "a number"
    shared = set.intersection(*(set().union(*(described[m].entities for m in facts[f])) for f in component))
    people = sorted(entity_names[e] for e in shared if e in entity_names)
    return f"where {people[0]} was wounded" if people else "where the wounds were"
