"""Sort the gold conflicts a labelled set's dossiers miss into two groups, for deciding what to work on.

    python scripts/miss_census.py tests/data/dossier_blind2 [more set folders ...]

READER: no statement pair across the gold sides carries values of one kind and anchor that disagree,
so no reader answers the question on both sides (a new reader or anchor is needed). BAR: some pair
does, but the comparison bars kept them apart; the line shows the best pair's similarity and values.
Reading these lines reads the sets' errors: never run it on a set that is still blind.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corroborator import dossier as dossier_module
from corroborator.analysis import analyse_articles
from corroborator.dossier_eval import (
    _finds,
    case_paths,
    load_case,
    match_all,
    prediction_from_dossier,
    stored_case,
)
from corroborator.facts import Described, _value_clashes, about_same
from corroborator.settings import Settings


def best_clash(described: list[Described], sides: list[set[str]]) -> tuple[float, str, str, str] | None:
    """The most similar cross-side statement pair with disagreeing values of one question, if any."""
    index = {f"t{n}": n - 1 for n in range(1, len(described) + 1)}
    best = None
    for i, left in enumerate(sides):
        for right in sides[i + 1 :]:
            for x in left:
                for y in right:
                    a, b = described[index[x]], described[index[y]]
                    for n, m, _ in _value_clashes(a, b):
                        found = (about_same(a, b), a.values[n].anchor, a.values[n].text, b.values[m].text)
                        best = found if best is None or found[0] > best[0] else best
    return best


def census(path: Path) -> list[str]:
    """One line per gold conflict of the case that its dossier does not find."""
    case = load_case(path)
    if not case.conflicts:
        return []
    with tempfile.TemporaryDirectory() as folder, stored_case(case, Settings(), Path(folder)) as stored:
        store = stored.store
        analyses = analyse_articles(store, stored.article_ids, stored.settings).analyses
        context = dossier_module._Context.build(store.articles_in_story(stored.story), analyses, {})
        dossier = dossier_module.build_dossier(store, stored.story, stored.settings)
    predicted = prediction_from_dossier(dossier, stored.keys, stored.texts)
    lines = []
    for conflict in case.conflicts:
        sides = [set().union(*(match_all(m, predicted) for m in side)) for side in conflict]
        if any(_finds(p, sides) for p in predicted.conflicts):
            continue
        clash = best_clash(context.described, sides)
        group = "BAR" if clash else "READER"
        detail = f"sim {clash[0]:.2f} {clash[1]}: {clash[2]!r} / {clash[3]!r}" if clash else ""
        lines.append(f"{group:6} {case.name}  {detail}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    counts = {"BAR": 0, "READER": 0}
    for path in case_paths(args.folders):
        for line in census(path):
            print(line)
            counts[line.split()[0]] += 1
    print(f"missed: {sum(counts.values())} ({counts['READER']} READER, {counts['BAR']} BAR)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
