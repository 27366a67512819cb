"""CLI commands of the stories stage: `stories`, `regroup` and `eval clustering`.

Mounted on the main group in `cli.py`. Each takes the database from the group's `--db`
(via `ctx.obj.settings`) or from its own `--db`, so it also runs standalone.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from corroborator.settings import Settings, default_db_path
from corroborator.store import open_store
from corroborator.stories import StorySummary, list_stories, regroup
from corroborator.story_eval import ClusteringEvaluation, evaluate_clustering, read_labelled_jsonl

_DB_HELP = "Database file [default: the group's --db, $CORROBORATOR_DB or ./corroborator.db]."


def _settings(ctx: click.Context, db: Path | None) -> Settings:
    """The group's settings when mounted, with this command's --db taking precedence."""
    settings = getattr(ctx.obj, "settings", None)
    if not isinstance(settings, Settings):
        settings = Settings(db_path=default_db_path())
    return settings.with_overrides(db_path=db)


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


@click.command("stories")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@click.pass_context
def stories(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """List the stories: id, span of publication, outlets, and the most central title."""
    with open_store(_settings(ctx, db).db_path, create=False) as store:
        summaries = list_stories(store)
    if as_json:
        click.echo(json.dumps({"stories": [s.as_dict() for s in summaries]}, ensure_ascii=False, indent=2))
        return
    _print_stories(summaries)


def _print_stories(summaries: list[StorySummary]) -> None:
    table = Table("id", "articles", "copies", "outlets", "first", "last", "title")
    for story in summaries:
        outlets = sorted({a.outlet for a in story.articles if a.outlet})
        copies = sum(1 for a in story.articles if a.duplicate_of is not None)
        table.add_row(
            str(story.id),
            str(len(story.articles)),
            str(copies),
            _escape(", ".join(outlets)),
            story.first_published or "",
            story.last_published or "",
            _escape(story.title),
        )
    Console(highlight=False).print(table)


@click.command("regroup")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_DB_HELP)
@click.pass_context
def regroup_command(ctx: click.Context, db: Path | None) -> None:
    """Re-cluster every article at once, merging stories that arrival order split."""
    settings = _settings(ctx, db)
    with open_store(settings.db_path, create=False) as store:
        report = regroup(store, settings)
    click.echo(
        f"regrouped {report.articles} articles: {report.stories_before} stories -> {report.stories_after}"
    )


@click.command("clustering")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--regroup", "with_regroup", is_flag=True, help="Run the regroup pass before scoring.")
@click.option("--shuffle", "seed", type=int, default=None, help="Ingest in a random order from this seed.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@click.pass_context
def eval_clustering(
    ctx: click.Context, dataset: Path, with_regroup: bool, seed: int | None, as_json: bool
) -> None:
    """Score story clustering against gold labels in a JSON Lines DATASET.

    Each line needs `text` and a gold `story` label; `title`, `published` and `outlet` are
    used when present. The articles are ingested into a temporary database (your own
    database is not touched), then B-cubed and pairwise precision, recall and F1 are printed.
    """
    records = read_labelled_jsonl(dataset)
    if seed is not None:
        random.Random(seed).shuffle(records)
    result = evaluate_clustering(records, _settings(ctx, None), with_regroup=with_regroup)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    _print_evaluation(result)


def _print_evaluation(result: ClusteringEvaluation) -> None:
    table = Table("score", "precision", "recall", "F1")
    for name, scores in (("B-cubed", result.bcubed), ("pairwise", result.pairwise)):
        table.add_row(name, f"{scores.precision:.3f}", f"{scores.recall:.3f}", f"{scores.f1:.3f}")
    console = Console(highlight=False)
    console.print(table)
    summary: dict[str, Any] = result.as_dict()
    console.print(
        f"{summary['articles']} articles, {summary['gold_stories']} gold stories, "
        f"{summary['predicted_stories']} predicted, grouped in {summary['seconds']} s"
    )
