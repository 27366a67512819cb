"""Score story clustering against gold labels (`corroborator eval clustering DATASET`).

The dataset is JSON Lines: one article per line with `text` and a gold `story` label, and
optionally `title`, `published` and `outlet`. The articles go through the normal library path
(`ingest_drafts` into a temporary store, grouping on), so the score is that of the product.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corroborator.errors import InputError
from corroborator.ingest import ingest_drafts
from corroborator.metrics import Scores, bcubed, pairwise
from corroborator.models import ArticleDraft
from corroborator.settings import Settings
from corroborator.store import open_store
from corroborator.stories import regroup


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One evaluation article and the gold story it belongs to."""

    draft: ArticleDraft
    story: str


@dataclass(frozen=True, slots=True)
class ClusteringEvaluation:
    """How a clustering run compares with the gold stories."""

    articles: int
    gold_stories: int
    predicted_stories: int
    bcubed: Scores
    pairwise: Scores
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_stories": self.gold_stories,
            "predicted_stories": self.predicted_stories,
            "bcubed": self.bcubed.as_dict(),
            "pairwise": self.pairwise.as_dict(),
            "seconds": round(self.seconds, 3),
        }


def read_labelled_jsonl(path: Path | str) -> list[LabelledArticle]:
    """Read an evaluation set; a line without `text` or `story` is an error naming the line."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                records.append(_labelled(json.loads(line), f"{path}:{number}"))
    return records


def _labelled(record: dict[str, Any], origin: str) -> LabelledArticle:
    text, story = record.get("text"), record.get("story")
    if not isinstance(text, str) or not text.strip() or story is None:
        raise InputError(f"{origin}: each line needs a non-empty 'text' and a 'story' label")
    draft = ArticleDraft(
        origin=str(record.get("origin") or record.get("id") or origin),
        text=text,
        title=_optional(record.get("title")),
        published=_optional(record.get("published")),
        outlet=_optional(record.get("outlet")),
    )
    return LabelledArticle(draft, str(story))


def _optional(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def evaluate_clustering(
    records: Sequence[LabelledArticle], settings: Settings | None = None, *, with_regroup: bool = False
) -> ClusteringEvaluation:
    """Ingest the records, in the given order, into a temporary store and score its stories.

    Records whose text is already stored (exact repeats) are scored once, under the first
    one's gold label.
    """
    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="corroborator-eval-") as folder:
        store = open_store(Path(folder) / "eval.db")
        try:
            started = time.perf_counter()
            report = ingest_drafts(store, [r.draft for r in records], replace(settings, group=True))
            if with_regroup:
                regroup(store, settings)
            seconds = time.perf_counter() - started
            gold: dict[int, str] = {}
            for result, record in zip(report.results, records, strict=True):
                if result.article_id is not None:
                    gold.setdefault(result.article_id, record.story)
            predicted = {a.id: a.story_id if a.story_id is not None else -a.id for a in store.list_articles()}
        finally:
            store.close()
    predicted = {key: predicted[key] for key in gold}
    return ClusteringEvaluation(
        articles=len(gold),
        gold_stories=len(set(gold.values())),
        predicted_stories=len(set(predicted.values())),
        bcubed=bcubed(predicted, gold),
        pairwise=pairwise(predicted, gold),
        seconds=seconds,
    )
