"""Quality gate for entity resolution: CoNLL F1 on ECB+ must not drop under the pinned floor.

Scores every second gold story of `tests/data/ecbplus.jsonl` (a fixed, deterministic half, to keep
the gate near a minute on two cores); `corroborator eval entities tests/data/ecbplus.jsonl` scores all.
The floor lives in `tests/eval_baseline.json` under `entities_conll_f1`; raise it when resolution
improves, never lower it to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborator.entity_eval import evaluate_stories, load_gold_stories
from corroborator.settings import Settings

DATA = Path(__file__).parent / "data"
DATASET = DATA / "ecbplus.jsonl"
BASELINE = Path(__file__).parent / "eval_baseline.json"
EVERY = 2


@pytest.mark.slow
@pytest.mark.skipif(not DATASET.exists(), reason="ECB+ dataset not present")
def test_entity_resolution_keeps_its_conll_f1_and_beats_the_head_lemma_baseline() -> None:
    floor = json.loads(BASELINE.read_text("utf-8"))["entities_conll_f1"]
    result = evaluate_stories(load_gold_stories(DATASET, every=EVERY), Settings().spacy_model)
    assert result.matched_mentions > 0.3 * result.gold_mentions, "mention matching broke"
    assert result.ours.conll_f1 >= floor, f"CoNLL F1 {result.ours.conll_f1:.4f} fell under the floor {floor}"
    assert result.ours.conll_f1 > result.baseline.conll_f1
