"""The `dossier` command: one story's dossier as JSON, Markdown or a self-contained HTML report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from corroborator.dossier import cached_dossier, validate_dossier
from corroborator.report import article_texts, format_dossier
from corroborator.settings import Settings
from corroborator.store import open_store


def parse_story_id(value: str) -> int:
    """'3' or 's3' -> 3; anything else is a usage error."""
    digits = value[1:] if value[:1].lower() == "s" else value
    if not digits.isdigit():
        raise click.BadParameter(
            f"{value!r} is not a story id such as 3 or s3 (`corroborator stories` lists them)"
        )
    return int(digits)


@click.command("dossier")
@click.argument("story")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "html"]),
    default=None,
    help="Output format [default: md on a terminal, json otherwise].",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.pass_context
def dossier_command(
    ctx: click.Context, story: str, fmt: str | None, as_json: bool, output: Path | None
) -> None:
    """Build the dossier of STORY: entities, facts, origins, conflicts, quotes, timeline, summary.

    The JSON form follows the schema corroborator.dossier/1 (docs/dossier.md) and is validated
    before it is written; the same database gives byte-identical output.
    """
    settings: Settings = ctx.obj.settings
    story_id = parse_story_id(story)
    chosen = "json" if as_json else fmt or ("md" if output is None and _is_terminal() else "json")
    with open_store(settings.db_path, create=False) as store:
        dossier = cached_dossier(store, story_id, settings)
        validate_dossier(dossier)
        texts = article_texts(store, dossier) if chosen == "html" else None
    text = format_dossier(dossier, chosen, texts)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _is_terminal() -> bool:
    return sys.stdout.isatty()
