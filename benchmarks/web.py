"""Web app response times over real HTTP: the stories page with many stored articles, a big story.

    python benchmarks/web.py [--n 10000] [--requests 50] [--story-size 50] [--db bench-output/web.db]

The corpus (benchmarks/corpus.py: real ECB+ sentences, multiplied) is ingested once, grouped into
stories, and kept in --db so later runs skip ingest. A story of --story-size articles is added on
top (copies of one ECB+ document from several outlets). The server runs in its own process
(`corroborator serve`, 127.0.0.1); this process sends a bounded number of requests over one
keep-alive connection and reports the median and p95 wall time per request. Goal: < 100 ms median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks.corpus import articles, ecb_documents
from corroborator import Settings, ingest, open_store

GOAL_MS = 100.0


def build_database(db: Path, count: int, story_size: int) -> int:
    """Ingest `count` corpus articles and one `story_size`-article story; return that story's id."""
    marker = db.with_suffix(".json")
    if db.exists() and marker.exists():
        saved = json.loads(marker.read_text())
        if saved["count"] == count and saved["story_size"] == story_size:
            return int(saved["story"])
        db.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    root = db.parent / "corpus"
    root.mkdir(exist_ok=True)
    corpus, big = root / "corpus.jsonl", root / "big-story.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles(count)), "utf-8")
    big.write_text("".join(json.dumps(a) + "\n" for a in big_story(story_size)), "utf-8")
    settings = Settings(db_path=db)
    with open_store(db) as store:
        start = time.perf_counter()
        ingest(store, [str(corpus)], settings)
        ingest(store, [str(big)], settings)
        elapsed = time.perf_counter() - start
        print(f"ingested {store.count_articles()} articles in {elapsed:.0f} s", file=sys.stderr)
        story = biggest_story_near(store, story_size)
    marker.write_text(json.dumps({"count": count, "story_size": story_size, "story": story}))
    return story


def big_story(size: int) -> list[dict[str, str]]:
    """`size` reports of one event: one ECB+ document rewritten per outlet, all on one day."""
    doc = ecb_documents()[0]
    sentences = str(doc["text"]).split("\n")
    return [
        {
            "title": f"{doc['title']} ({index + 1})",
            "text": "\n".join([*sentences, f"Report number {index + 1} filed from desk {index % 7}."]),
            "outlet": f"Outlet {index % 25:02d}",
            "published": f"2031-05-0{1 + index % 3}T08:00:00+00:00",
            "url": f"https://outlet{index % 25}.example.org/big/{index}",
        }
        for index in range(size)
    ]


def biggest_story_near(store: object, size: int) -> int:
    """The story whose article count is closest to `size` (ties: the larger, then the lower id)."""
    from corroborator.stories import list_stories

    stories = list_stories(store)  # type: ignore[arg-type]
    best = min(stories, key=lambda s: (abs(len(s.articles) - size), -len(s.articles), s.id))
    print(f"story {best.id}: {len(best.articles)} articles ({len(stories)} stories in all)", file=sys.stderr)
    return best.id


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "corroborator.cli", "--db", str(db), "serve", "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/about.json", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, url: str, requests: int) -> tuple[float, list[float]]:
    """(first request ms, later requests ms): the first may build caches (analysis, spaCy)."""
    times = []
    for _ in range(requests + 1):
        start = time.perf_counter()
        client.get(url, timeout=600).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], times[1:]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="corpus articles stored")
    parser.add_argument("--story-size", type=int, default=50, help="articles in the big story")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (after the first)")
    parser.add_argument("--db", type=Path, default=Path("bench-output/web.db"))
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    story = build_database(args.db, args.n, args.story_size)
    server = start_server(args.db, args.port)
    base = f"http://127.0.0.1:{args.port}"
    pages = [
        ("stories page /", "/"),
        ("stories page /?sort=size", "/?sort=size"),
        ("stories search /?q=earthquake", "/?q=earthquake"),
        (f"story page /stories/{story}", f"/stories/{story}"),
        (f"story JSON /stories/{story}.json", f"/stories/{story}.json"),
    ]
    rows = []
    try:
        with httpx.Client(base_url=base) as client:
            for name, path in pages:
                first, times = timed(client, path, args.requests)
                rows.append((name, first, statistics.median(times), p95(times), len(times)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"\n{args.n} corpus articles + a {args.story_size}-article story, {args.requests} requests a page")
    print(f"{'page':40} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'goal':>6}")
    for name, first, median, high, _ in rows:
        verdict = "ok" if median < GOAL_MS else "SLOW"
        print(f"{name:40} {first:9.1f} {median:10.1f} {high:8.1f} {verdict:>6}")


if __name__ == "__main__":
    main()
