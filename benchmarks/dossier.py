"""Time to build a story's dossier once its articles' analyses are cached.

    python benchmarks/dossier.py [--sizes 3 30 300] [--repeat 3]

Stories are made from real ECB+ reports of one event (topic 37, an Indonesian earthquake, both
halves), cycled with light edits (a few sentences dropped, an edition marker added) so that every
article is distinct and most statements have counterparts in other articles, as in a big story.
The analysis is run and cached first; the timed part is `build_dossier` alone. The last column
divides the time by s*log2(s), s the number of statements: flat means n log n growth.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks.corpus import OUTLETS, ecb_documents
from corroborator import ArticleDraft, Settings, ingest_drafts, open_store
from corroborator.analysis import analyse_articles
from corroborator.dossier import build_dossier


def story_drafts(count: int, topic: int = 37, seed: int = 3) -> list[ArticleDraft]:
    """`count` distinct articles about one event, from the topic's real reports."""
    docs = [d for d in ecb_documents() if d["topic"] == topic]
    rng = random.Random(seed)
    drafts = []
    for index in range(count):
        doc = docs[index % len(docs)]
        lines = [line for line in str(doc["text"]).split("\n")[1:] if line.strip()]
        kept = [line for line in lines if rng.random() > 0.2] or lines
        text = "\n".join(kept) + f"\nThis report is edition {index}."
        drafts.append(ArticleDraft(origin=f"bench:{index}", text=text, title=str(doc["title"]),
                                   outlet=OUTLETS[index % len(OUTLETS)] + f" {index // len(OUTLETS)}",
                                   published=f"2013-07-{2 + index % 5:02d}"))  # fmt: skip
    return drafts


def measure(size: int, repeat: int, workdir: Path) -> tuple[int, int, float]:
    db = workdir / f"story{size}.db"
    settings = Settings(db_path=db, group=False)
    with open_store(db) as store:
        report = ingest_drafts(store, story_drafts(size), settings)
        ids = report.stored_ids
        store.conn.execute(f"UPDATE articles SET story_id = 1 WHERE id IN ({','.join(map(str, ids))})")
        analyse_articles(store, ids, settings)
        timings, statements = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            dossier = build_dossier(store, 1, settings)
            timings.append(time.perf_counter() - start)
            statements = len(dossier["statements"])
    return len(ids), statements, statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 30, 300])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'articles':>8} {'statements':>10} {'seconds':>8} {'us per s*log2(s)':>17}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            articles, statements, seconds = measure(size, args.repeat, Path(tmp))
            per = seconds / (statements * math.log2(max(statements, 2))) * 1e6
            print(f"{articles:8d} {statements:10d} {seconds:8.3f} {per:17.1f}")


if __name__ == "__main__":
    main()
