"""The `corroborator` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from corroborator import __version__
from corroborator.errors import CorroboratorError
from corroborator.ingest import ingest
from corroborator.models import IngestResult, Status
from corroborator.settings import Settings, default_db_path, describe_settings
from corroborator.store import SQLiteStore, open_store

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass(slots=True)
class AppContext:
    """What every command receives: the settings built from global options."""

    settings: Settings

    def open(self, *, create: bool = False) -> SQLiteStore:
        return open_store(self.settings.db_path, create=create)


pass_app = click.make_pass_decorator(AppContext)


# Stage commands, imported only when used: `corroborator ingest` need not load spaCy or FastAPI.
LAZY_COMMANDS = {
    "": {
        "dossier": "corroborator.cli_dossier:dossier_command",
        "entities": "corroborator.cli_entities:entities_command",
        "regroup": "corroborator.cli_stories:regroup_command",
        "serve": "corroborator.cli_web:serve_command",
        "stories": "corroborator.cli_stories:stories",
    },
    "eval": {
        "clustering": "corroborator.cli_stories:eval_clustering",
        "dossier": "corroborator.cli_eval_dossier:eval_dossier",
        "entities": "corroborator.cli_entities:eval_entities_command",
    },
}


class Group(click.Group):
    """Loads stage commands on first use, and turns corroborator's errors into one clear line."""

    def _lazy(self) -> dict[str, str]:
        return LAZY_COMMANDS.get("" if self.name == "main" else str(self.name), {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self._lazy():
            module, attribute = self._lazy()[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorroboratorError as error:
            err_console.print(f"[bold red]error:[/] {click.style(str(error))}", markup=True, highlight=False)
            ctx.exit(1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file [default: $CORROBORATOR_DB or ./corroborator.db].",
)
@click.version_option(__version__, prog_name="corroborator")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Compare how news outlets report the same story.

    Ingest articles, group them into stories, and build for each story a dossier of entities,
    corroborated facts, contradictions, quotes and a timeline.
    """
    ctx.obj = AppContext(Settings(db_path=db or default_db_path()))


@main.command("ingest")
@click.argument("sources", nargs=-1)
@click.option(
    "--feed", "feeds", multiple=True, metavar="URL", help="An RSS/Atom feed URL; each entry is fetched."
)
@click.option("--outlet", help="Use this outlet for every ingested article.")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Size limit per file or download [5000000].")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds allowed per download [10].")
@click.option("--allow-private", is_flag=True, default=None, help="Fetch URLs on loopback/private networks.")
@click.option("--no-group", is_flag=True, help="Store only; do not group into stories now.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON result object per item.")
@pass_app
def ingest_command(
    app: AppContext,
    sources: tuple[str, ...],
    feeds: tuple[str, ...],
    outlet: str | None,
    max_bytes: int | None,
    timeout: float | None,
    allow_private: bool | None,
    no_group: bool,
    as_json: bool,
) -> None:
    """Ingest articles from files, directories, URLs, feeds and JSON / JSON Lines.

    SOURCES are .txt/.html files, directories (searched recursively), http(s) URLs of pages or
    feeds, RSS/Atom files, and .json/.jsonl files (one article per object). Exit status: 0 when
    every item was stored or already stored, 1 when some failed, 2 for usage errors.
    """
    if not sources and not feeds:
        raise click.UsageError("name at least one source (file, directory, URL) or --feed URL")
    settings = app.settings.with_overrides(
        max_bytes=max_bytes, timeout=timeout, allow_private=allow_private, group=False if no_group else None
    )
    with open_store(settings.db_path) as store, _progress(enabled=not as_json) as advance:

        def show(result: IngestResult) -> None:
            advance()
            _print_result(result, as_json)

        report = ingest(store, sources, settings, feeds=feeds, outlet=outlet, on_result=show)
    if not as_json:
        err_console.print(
            f"{report.count(Status.STORED)} stored, {report.count(Status.DUPLICATE)} already stored, "
            f"{report.count(Status.FAILED)} failed  ->  {settings.db_path}"
        )
    sys.exit(0 if report.ok else 1)


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[], None]]:
    """A live progress line on a terminal; nothing when stderr is a pipe or file."""
    if not (enabled and err_console.is_terminal):
        yield lambda: None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda: progress.advance(task)


_MARKS = {
    Status.STORED: "[green]stored[/]",
    Status.DUPLICATE: "[yellow]already stored[/]",
    Status.FAILED: "[red]failed[/]",
}


def _print_result(result: IngestResult, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    if result.status is Status.FAILED:
        err_console.print(f"{_MARKS[result.status]}  {_esc(result.source)}: {_esc(result.message or '')}")
        return
    detail = f"#{result.article_id}  {_esc(result.outlet or '-')}  {_esc(result.title or '')}"
    err_console.print(f"{_MARKS[result.status]}  {detail}  [dim]{_esc(result.source)}[/]")


def _esc(text: str) -> str:
    """Escape rich markup in untrusted text (titles, file names)."""
    return text.replace("[", r"\[")


@main.command("articles")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@pass_app
def articles_command(app: AppContext, as_json: bool) -> None:
    """List the stored articles: id, origin, outlet, title, published, language, words."""
    with app.open() as store:
        rows = [article.summary() for article in store.list_articles()]
    if as_json:
        click.echo(json.dumps({"articles": rows}, ensure_ascii=False, indent=2))
        return
    columns = ["id", "outlet", "title", "published", "language", "words", "story", "origin"]
    print_table(columns, [[row[c] for c in columns] for row in rows])


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A rich table on a terminal, tab-separated lines in a pipe (easy to cut and grep)."""
    console = Console(highlight=False)
    if not console.is_terminal:
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join("" if v is None else str(v).replace("\t", " ") for v in row))
        return
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*("" if v is None else _esc(str(v)) for v in row))
    console.print(table)


@main.command("settings")
def settings_command() -> None:
    """List every setting with its default and meaning."""
    print_table(["name", "default", "help"], describe_settings())


SAMPLE_CORPUS = "data/sample/ecbplus_sample.jsonl"


def sample_corpus_path() -> Path:
    """The bundled demo corpus: ECB+ news articles (CC BY 3.0), several outlets per story."""
    from importlib import resources

    return Path(str(resources.files("corroborator").joinpath(SAMPLE_CORPUS)))


@main.command("demo")
@click.option(
    "--keep",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the demo database here instead of a temporary file.",
)
@click.option("--serve/--no-serve", default=True, help="Serve the web app after ingest [serve].")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, help="Port of the web app [8000].")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write an HTML report per story here.",
)
@click.pass_context
def demo_command(ctx: click.Context, keep: Path | None, serve: bool, port: int, output: Path | None) -> None:
    """Ingest the bundled sample corpus (ECB+, CC BY 3.0), show its stories, then serve the web app.

    With --no-serve -o DIR it writes an HTML report per story and an index.html there instead.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="corroborator-demo-") as tmp:
        db = keep or Path(tmp) / "demo.db"
        settings = ctx.obj.settings.with_overrides(db_path=db)
        with open_store(db) as store, _progress(enabled=True) as advance:
            report = ingest(store, [str(sample_corpus_path())], settings, on_result=lambda _: advance())
        err_console.print(f"demo: {report.count(Status.STORED)} articles ingested into {db}")
        ctx.obj = AppContext(settings)
        stories = main.get_command(ctx, "stories")
        if stories is not None:
            ctx.invoke(stories)
        err_console.print("Sample articles: ECB+ corpus (Cybulska and Vossen 2014), CC BY 3.0.")
        from corroborator.cli_web import demo_reports, demo_serve

        if output is not None:
            demo_reports(settings, output)
        if serve:
            demo_serve(settings, port)


@main.group("eval", cls=Group)
def eval_group() -> None:
    """Score corroborator on labelled data (quality evaluation)."""


if __name__ == "__main__":  # pragma: no cover
    main()
