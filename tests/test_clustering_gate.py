"""Quality gate: story clustering on ECB+ must not fall under the pinned B-cubed F1 floor.

The 982 ECB+ documents (86 gold stories: 43 topics, each with two different events of the same
kind) are ingested in file order through the normal library path; `tests/eval_baseline.json`
pins the floor under key `clustering_bcubed_f1`. Raise the floor when clustering improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborator.story_eval import evaluate_clustering, read_labelled_jsonl

DATA = Path(__file__).parent / "data" / "ecbplus.jsonl"
BASELINE = Path(__file__).parent / "eval_baseline.json"


@pytest.mark.slow
def test_ecbplus_story_clustering_stays_above_the_floor() -> None:
    floor = json.loads(BASELINE.read_text("utf-8"))["clustering_bcubed_f1"]
    result = evaluate_clustering(read_labelled_jsonl(DATA))
    assert result.articles == 982
    assert result.bcubed.f1 >= floor, (
        f"B-cubed F1 {result.bcubed.f1:.4f} fell under the floor {floor} "
        f"(precision {result.bcubed.precision:.4f}, recall {result.bcubed.recall:.4f})"
    )
