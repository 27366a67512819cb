"""Ingest-time grouping speed: articles/s, peak memory, and the cost of one more article.

    python benchmarks/clustering.py [SIZES...]        # default: 1000 10000
    python benchmarks/clustering.py 1000 10000 100000

Corpus: each of the 86 ECB+ gold stories is replayed as several *events* at random dates
over two years (so "the same kind of event" recurs, as in real news); each article is a
random ECB+ document of its story with 3-15 % of its words replaced by other words of the
same document, published 0-3 days after its event, by one of 40 invented outlets. Some edited
copies stay near-duplicates (as wire re-runs do), most do not.

Each size runs in a fresh process: articles are stored in batches of 200 (as ingest does)
and only `group_articles` is timed. Peak memory is the process's maximum resident set
(Python, numpy and SQLite included). Then one more article is grouped into the full store,
warm (index already in memory, the usual case during an ingest) and cold (a new process:
open the store, rebuild the index from stored signatures and features, group one article).
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborator.models import ArticleDraft  # noqa: E402
from corroborator.settings import Settings  # noqa: E402
from corroborator.store import open_store  # noqa: E402
from corroborator.stories import group_articles  # noqa: E402

ECBPLUS = ROOT / "tests" / "data" / "ecbplus.jsonl"
BATCH = 200


def synthetic_articles(count: int, seed: int = 11) -> list[ArticleDraft]:
    """`count` edited, dated, attributed ECB+ articles; deterministic for a seed."""
    docs = [json.loads(line) for line in ECBPLUS.read_text("utf-8").splitlines()]
    by_story: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        by_story.setdefault(doc["story"], []).append(doc)
    rng = random.Random(seed)
    stories = sorted(by_story)
    events_per_story = max(1, count // (len(stories) * 8))
    start = date(2024, 1, 1)
    events = [
        (story, start + timedelta(days=rng.randrange(730)))
        for story in stories
        for _ in range(events_per_story)
    ]
    drafts = []
    for index in range(count):
        story, day = events[rng.randrange(len(events))]
        doc = by_story[story][rng.randrange(len(by_story[story]))]
        published = day + timedelta(days=rng.randrange(4))
        drafts.append(
            ArticleDraft(
                origin=f"synthetic/{index}",
                title=doc["title"],
                text=_edit(doc["text"], rng, rng.uniform(0.03, 0.15)),
                outlet=f"Outlet {rng.randrange(40)}",
                published=f"{published.isoformat()}T{rng.randrange(24):02d}:00:00+00:00",
            )
        )
    return drafts


def _edit(text: str, rng: random.Random, share: float) -> str:
    words = text.split(" ")
    for _ in range(max(1, int(len(words) * share))):
        words[rng.randrange(len(words))] = words[rng.randrange(len(words))]
    return " ".join(words)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(count: int, db: Path) -> dict[str, float]:
    """Store and group `count` articles in batches; time the grouping only."""
    drafts = synthetic_articles(count)
    settings = Settings(db_path=db)
    grouping = 0.0
    with open_store(db) as store:
        for begin in range(0, count, BATCH):
            with store.transaction():
                ids = [store.add_article(d)[0].id for d in drafts[begin : begin + BATCH]]
                started = time.perf_counter()
                group_articles(store, ids, settings)
                grouping += time.perf_counter() - started
        extra = synthetic_articles(count + 1, seed=99)[-1]
        with store.transaction():
            new_id = store.add_article(extra)[0].id
            started = time.perf_counter()
            group_articles(store, [new_id], settings)
            warm_ms = (time.perf_counter() - started) * 1000
        stories = int(store.conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0])
        copies = int(
            store.conn.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
        )
    return {
        "articles": count,
        "grouping_s": round(grouping, 2),
        "articles_per_s": round(count / grouping),
        "peak_rss_mb": round(peak_mb()),
        "one_more_warm_ms": round(warm_ms, 1),
        "stories": stories,
        "near_duplicates": copies,
    }


def cold_one(db: Path) -> dict[str, float]:
    """A new process adds one article to an existing store (index rebuilt from the store)."""
    extra = synthetic_articles(3, seed=123)[-1]
    started = time.perf_counter()
    with open_store(db) as store, store.transaction():
        new_id = store.add_article(extra)[0].id
        group_articles(store, [new_id], Settings(db_path=db))
    return {
        "one_more_cold_ms": round((time.perf_counter() - started) * 1000, 1),
        "cold_peak_rss_mb": round(peak_mb()),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] in ("--size", "--cold"):
        result = (
            run_size(int(sys.argv[3]), Path(sys.argv[2]))
            if sys.argv[1] == "--size"
            else cold_one(Path(sys.argv[2]))
        )
        print(json.dumps(result))
        return
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="corroborator-bench-") as folder:
        for count in sizes:
            db = Path(folder) / f"{count}.db"
            row = _child(["--size", str(db), str(count)])
            row.update(_child(["--cold", str(db)]))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))


def _child(args: list[str]) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    main()
