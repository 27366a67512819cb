"""Throughput of article analysis: bare spaCy vs corroborator's analysis + entity resolution.

Both run over the same real articles (ECB+ texts from tests/data/ecbplus.jsonl), with models loaded
before the clock starts:

- bare:  `nlp.pipe(texts)` with the stock pipeline, documents discarded.
- ours:  `analyse_articles` (gazetteer ruler, fixes, JSON, writes to a fresh SQLite file) and then
         `resolve_entities` for every gold story, as `corroborator entities` would.

    python benchmarks/analysis.py [--docs 300] [--processes 1]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import spacy

from corroborator.analysis import analyse_articles, load_pipeline
from corroborator.entities import resolve_entities
from corroborator.models import ArticleDraft
from corroborator.settings import Settings
from corroborator.store import open_store

DATASET = Path(__file__).resolve().parent.parent / "tests" / "data" / "ecbplus.jsonl"


def load_documents(limit: int) -> list[tuple[str, str]]:
    """(gold story, text) of the first `limit` documents."""
    with DATASET.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [(str(r["story"]), str(r["text"])) for r in rows[:limit]]


def bare_spacy(texts: list[str], model: str, processes: int) -> float:
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:5]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes):
        pass
    return time.perf_counter() - start


def corroborator_full(docs: list[tuple[str, str]], settings: Settings, processes: int) -> float:
    load_pipeline(settings.spacy_model)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        with store.transaction():
            ids = [
                store.add_article(ArticleDraft(origin=f"doc{n}", text=text))[0].id
                for n, (_, text) in enumerate(docs)
            ]
            stories = sorted({story for story, _ in docs})
            story_ids = dict(zip(stories, store.new_story_ids(len(stories)), strict=True))
            store.assign_stories(
                [(story_ids[story], None, i) for i, (story, _) in zip(ids, docs, strict=True)]
            )
        start = time.perf_counter()
        analyse_articles(store, ids, settings, n_process=processes)
        for story_id in story_ids.values():
            resolve_entities(store, story_id, settings)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    settings = Settings()
    docs = load_documents(args.docs)
    texts = [text for _, text in docs]
    words = sum(len(t.split()) for t in texts)
    bare = bare_spacy(texts, settings.spacy_model, args.processes)
    ours = corroborator_full(docs, settings, args.processes)
    print(
        f"{len(texts)} ECB+ articles, {words} words, model {settings.spacy_model}, n_process={args.processes}"
    )
    print(f"{'run':<44}{'seconds':>9}{'words/s':>10}")
    print(f"{'bare spaCy nlp.pipe':<44}{bare:>9.2f}{words / bare:>10.0f}")
    print(f"{'corroborator analysis + store + resolution':<44}{ours:>9.2f}{words / ours:>10.0f}")
    print(f"{'ratio (ours / bare throughput)':<44}{bare / ours:>19.2f}")


if __name__ == "__main__":
    main()
