"""Check a newly labelled blind set before it is wired into the tests (docs/blind_sets.md).

    python scripts/validate_blind_set.py tests/data/dossier_blind15 blind15 2,3,11 [ecb|ecbplus]

Runs the project's own set checks (schema, exact quotes, one edit per pair, ten pairs of distinct
outlets), that every topic is an allowed one, and that no document is used by any other set.
It never runs the engine, so a labeller may use it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import test_dossier_eval as checks  # noqa: E402

from corroborator.dossier_eval import case_paths  # noqa: E402


def main(argv: list[str]) -> int:
    folder, name, allowed = Path(argv[0]), argv[1], set(argv[2].split(","))
    half = argv[3] if len(argv) > 3 else "ecb"
    checks.BLIND_SETS[name] = (folder, 0, half)
    paths = case_paths([folder])
    checks.test_a_blind_set_has_ten_pairs_of_distinct_outlets(name)
    for path in paths:
        checks.test_case_matches_its_schema_and_quotes_are_exact(path)
        checks.test_edited_cases_change_exactly_one_value_of_their_control(path)
    sets = [f for f in (ROOT / "tests" / "data").iterdir() if f.is_dir() and f.resolve() != folder.resolve()]
    others = set().union(*(checks.documents(f) for f in sets))
    mine = checks.documents(folder)
    if mine & others:
        raise SystemExit(f"documents already used by another set: {sorted(mine & others)}")
    topics = checks.topics(folder)
    if not topics <= allowed:
        raise SystemExit(f"topics outside the allowed list: {sorted(topics - allowed)}")
    print(f"OK: {len(paths)} case files, topics {sorted(topics, key=int)}, documents {len(mine)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
