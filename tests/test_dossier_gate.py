"""Quality gate: dossiers on the hand-labelled cases must not fall under the pinned floors.

`tests/data/dossier_eval/` holds 21 labelled cases (6 real ECB+ stories, 7 edited/control pairs,
one synthetic story; see its README). Each is ingested into a temporary store, its articles are
put in one story and `build_dossier` runs; `corroborator.dossier_eval` scores the output. The
floors live in `tests/eval_baseline.json` (keys `dossier_*`); raise them when the engine improves,
and keep docs/quality.md's figures in step. No dossier may contain a statement that is not
verbatim article text.

`tests/data/dossier_heldout/` holds 21 more cases (10 edited/control pairs and one real story)
labelled blind: nobody tuning the engine looks at its errors there. Its floors (keys
`heldout_*`) only catch regressions; its figures are the honest estimate in docs/quality.md.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from corroborator.dossier_eval import Report, evaluate_cases

CASES = Path(__file__).parent / "data" / "dossier_eval"
HELDOUT = Path(__file__).parent / "data" / "dossier_heldout"
BASELINE = Path(__file__).parent / "eval_baseline.json"
FLOORS = {
    "fact_pairwise_f1": "dossier_fact_pairwise_f1",
    "conflict_precision": "dossier_conflict_precision",
    "conflict_recall": "dossier_conflict_recall",
    "attribution_accuracy": "dossier_attribution_accuracy",
}


@pytest.fixture(scope="module")
def report() -> Report:
    try:
        dossier = importlib.import_module("corroborator.dossier")
    except ModuleNotFoundError:
        pytest.skip("corroborator.dossier does not exist yet")
    if not hasattr(dossier, "build_dossier"):
        pytest.skip("corroborator.dossier.build_dossier does not exist yet")
    return evaluate_cases([CASES])


@pytest.fixture(scope="module")
def heldout_report() -> Report:
    return evaluate_cases([HELDOUT])


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_held_out_figure_stays_above_its_floor(heldout_report: Report, figure: str) -> None:
    floor = json.loads(BASELINE.read_text("utf-8"))[FLOORS[figure].replace("dossier_", "heldout_")]
    value = heldout_report.overall[figure]
    assert value >= floor, (
        f"held-out {figure} {value:.4f} fell under the floor {floor}; all: {_describe(heldout_report)}"
    )


@pytest.mark.slow
def test_no_held_out_statement_is_missing_from_its_article(heldout_report: Report) -> None:
    assert not [s.case for s in heldout_report.cases if s.verbatim_violations]


def _describe(report: Report) -> str:
    return json.dumps(report.overall, indent=1)


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_dossier_figure_stays_above_its_floor(report: Report, figure: str) -> None:
    floor = json.loads(BASELINE.read_text("utf-8"))[FLOORS[figure]]
    value = report.overall[figure]
    assert value >= floor, (
        f"{figure} {value:.4f} fell under the floor {floor}; all figures: {_describe(report)}"
    )


@pytest.mark.slow
def test_no_dossier_statement_is_missing_from_its_article(report: Report) -> None:
    bad = {s.case: s.verbatim_violations for s in report.cases if s.verbatim_violations}
    assert not bad, f"statements that are not verbatim article text, per case: {bad}"


@pytest.mark.slow
def test_every_case_was_scored(report: Report) -> None:
    assert len(report.cases) == len([p for p in CASES.glob("*.json") if not p.name.endswith("schema.json")])
    assert report.overall["mention_coverage"] >= 0.9, "labelled quotes no longer line up with statements"
