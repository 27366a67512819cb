"""Print every conflict the dossier flags on unlabelled multi-outlet ECB+ stories, for reading.

    python scripts/audit_conflicts.py [TOPIC ...] > audit.txt

The labelled sets measure precision on edited pairs; this audit shows what the engine flags on
whole real stories nobody labelled (the `ecbplus` half of `tests/data/ecbplus.jsonl`, twelve
reports per topic, no publication dates), so new false-alarm classes show up before a blind set
is spent on them. Diff two runs (`grep '^##'`) to see what a change adds or removes. The counts are
not precision figures: read the sides.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from corroborator.dossier import build_dossier
from corroborator.models import ArticleDraft
from corroborator.settings import Settings
from corroborator.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "ecbplus.jsonl"
REPORTS_PER_STORY = 12


def stories() -> dict[int, list[dict[str, Any]]]:
    """The ecbplus-half documents by topic, in file order."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in CORPUS.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["half"] == "ecbplus":
            found[int(row["topic"])].append(row)
    return dict(found)


def story_dossier(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The dossier of the documents as one story, in a throw-away database."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "audit.db"
        settings = Settings(db_path=db, group=False)
        with open_store(db) as store:
            with store.transaction():
                drafts = [
                    ArticleDraft(origin=d["id"], text=d["text"], title=d["title"], outlet=d["id"])
                    for d in docs
                ]
                ids = [store.add_article(draft)[0].id for draft in drafts]
                (story,) = store.new_story_ids(1)
                store.assign_stories([(story, None, article_id) for article_id in ids])
            return build_dossier(store, story, settings)


def print_conflicts(topic: int, dossier: dict[str, Any]) -> int:
    statements = {s["id"]: s["text"] for s in dossier["statements"]}
    for conflict in dossier["conflicts"]:
        print(f"## topic {topic} [{conflict['kind']}] {conflict['about']}")
        for side in conflict["sides"]:
            print(f"   = {side['value']!r} ({', '.join(side['outlets'])})")
            for statement in side["statements"][:2]:
                print(f"       {statements[statement][:170]!r}")
    return len(dossier["conflicts"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("topics", nargs="*", type=int, help="ECB+ topics (default: all)")
    args = parser.parse_args(argv)
    by_topic = stories()
    total = 0
    for topic in args.topics or sorted(by_topic):
        total += print_conflicts(topic, story_dossier(by_topic[topic][:REPORTS_PER_STORY]))
        sys.stdout.flush()
    print(f"# {total} conflicts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
