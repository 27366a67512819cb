"""`corroborator eval dossier DIR`: score dossiers on the hand-labelled cases (docs/quality.md)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from corroborator.dossier_eval import CaseScore, Report, case_paths, iter_scores
from corroborator.settings import Settings

_COLUMNS = (
    "case",
    "kind",
    "fact P",
    "fact R",
    "fact F1",
    "coverage",
    "conf P",
    "conf R",
    "attrib",
    "verbatim",
)


def _row(name: str, kind: str, figures: dict[str, float | int]) -> list[str]:
    def f(key: str) -> str:
        return f"{float(figures[key]):.2f}"

    return [
        name,
        kind,
        f("fact_pairwise_precision"),
        f("fact_pairwise_recall"),
        f("fact_pairwise_f1"),
        f("mention_coverage"),
        f("conflict_precision"),
        f("conflict_recall"),
        f("attribution_accuracy"),
        str(figures["verbatim_violations"]),
    ]


@click.command("dossier")
@click.argument("cases", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of tables.")
@click.pass_context
def eval_dossier(ctx: click.Context, cases: tuple[Path, ...], as_json: bool) -> None:
    """Score dossiers against labelled CASES (case files or directories such as tests/data/dossier_eval).

    Each case is ingested into its own temporary database (yours is not touched), its articles
    are put in one story, and the dossier's facts, conflicts, attributions and statement spans
    are compared with the labels. Figures are pooled over all cases.
    """
    obj = ctx.find_object(object)
    settings = getattr(obj, "settings", None) or Settings()
    if not case_paths(cases):
        raise click.UsageError("no case files (*.json) found")
    scores: list[CaseScore] = []
    console = Console(highlight=False, stderr=as_json)
    for score in iter_scores(cases, settings):
        scores.append(score)
        if not as_json:
            console.print(f"{score.case}: {score.seconds:.1f} s", style="dim")
    report = Report(tuple(scores))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    _print(console, report)


def _print(console: Console, report: Report) -> None:
    table = Table(*_COLUMNS, title="per case")
    for s in report.cases:
        table.add_row(*_row(s.case, s.kind, s.figures()))
    console.print(table)
    overall = Table(*_COLUMNS, title="pooled")
    for kind, figures in report.by_kind().items():
        overall.add_row(*_row("all " + kind, kind, figures))
    overall.add_row(*_row("ALL", "", report.overall), style="bold")
    console.print(overall)
    console.print(
        f"{len(report.cases)} cases, {sum(s.articles for s in report.cases)} articles, "
        f"{sum(s.conflicts_gold for s in report.cases)} gold conflicts, "
        f"{sum(s.conflicts_predicted for s in report.cases)} predicted conflicts"
    )
