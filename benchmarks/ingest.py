"""Ingest throughput for text, HTML and JSONL, beside trafilatura's bare extraction of the same pages.

    python benchmarks/ingest.py [--n 5000] [--rounds 2]

The HTML rows answer "what does corroborator add on top of trafilatura?": both runs extract the
same pages, in the same process, alternating rounds so machine noise hits both alike; the ratio
of the medians is the figure to quote. Grouping into stories is off here (benchmarks/clustering.py
measures it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks.corpus import articles, as_html, as_text
from corroborator import Settings, Status, ingest, open_store
from corroborator.extraction import TRAFILATURA_OPTIONS


def write_corpus(root: Path, count: int) -> dict[str, Path]:
    """Write the same `count` articles as .txt files, .html files and one .jsonl file."""
    paths = {"text": root / "text", "html": root / "html", "jsonl": root / "all.jsonl"}
    paths["text"].mkdir()
    (root / "warm-up").mkdir()
    (root / "warm-up" / "a.txt").write_text("A short article to load the language model before timing.")
    paths["html"].mkdir()
    with paths["jsonl"].open("w", encoding="utf-8") as jsonl:
        for index, article in enumerate(articles(count)):
            (paths["text"] / f"{index:06d}.txt").write_text(as_text(article), "utf-8")
            (paths["html"] / f"{index:06d}.html").write_text(as_html(article), "utf-8")
            jsonl.write(json.dumps(article) + "\n")
    return paths


def time_ingest(source: Path, workdir: Path, label: str) -> tuple[float, int]:
    db = workdir / f"{label}-{time.monotonic_ns()}.db"
    settings = Settings(db_path=db, group=False)
    with open_store(db) as store:
        start = time.perf_counter()
        report = ingest(store, [str(source)], settings)
        elapsed = time.perf_counter() - start
    assert report.count(Status.FAILED) == 0, [r.message for r in report.results if r.message][:3]
    return elapsed, len(report.results)


def time_bare_trafilatura(html_dir: Path) -> float:
    """trafilatura.bare_extraction on every page, with the same options ingest uses."""
    import trafilatura

    start = time.perf_counter()
    for path in sorted(html_dir.iterdir()):
        trafilatura.bare_extraction(path.read_text("utf-8"), url=None, **TRAFILATURA_OPTIONS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=5000, help="articles per format")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds for the HTML comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = write_corpus(root, args.n)
        time_ingest(paths["text"].parent / "warm-up", root, "warm-up")  # load lazy models once
        rows = []
        for kind in ("text", "jsonl"):
            elapsed, stored = time_ingest(paths[kind], root, kind)
            rows.append((f"corroborator ingest ({kind})", stored, elapsed))
        bare, ours = [], []
        for round_ in range(args.rounds):
            bare.append(time_bare_trafilatura(paths["html"]))
            elapsed, stored = time_ingest(paths["html"], root, f"html{round_}")
            ours.append(elapsed)
        rows.append(("trafilatura.bare_extraction only (html)", args.n, statistics.median(bare)))
        rows.append(("corroborator ingest (html)", stored, statistics.median(ours)))
    print(f"{'run':44} {'items':>8} {'seconds':>8} {'items/s':>10}")
    for name, count, seconds in rows:
        print(f"{name:44} {count:8d} {seconds:8.2f} {count / seconds:10.1f}")
    overhead = statistics.median(ours) / statistics.median(bare) - 1
    print(
        f"\nHTML: corroborator's overhead on top of bare trafilatura extraction: {overhead:+.1%} "
        f"(median of {args.rounds} alternating rounds; goal < +30%)"
    )


if __name__ == "__main__":
    main()
