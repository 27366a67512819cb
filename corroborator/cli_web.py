"""CLI command of the web stage: `corroborator serve`.

Mounted on the main group in `cli.py`; takes the database from the group's `--db`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from corroborator.settings import Settings, default_db_path


def _settings(ctx: click.Context) -> Settings:
    settings = getattr(ctx.obj, "settings", None)
    return settings if isinstance(settings, Settings) else Settings(db_path=default_db_path())


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (keep 127.0.0.1 for local use)."
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int) -> None:
    """Serve the web app: stories, dossiers, articles and entities, each also as JSON.

    Binds 127.0.0.1 by default, so only this machine can reach it. Stop with Ctrl-C.
    """
    from corroborator.webapp import serve

    settings = _settings(ctx)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: other machines may reach it", err=True)
    click.echo(
        f"corroborator: serving {settings.db_path} on http://{_url_host(host)}:{port}/ (Ctrl-C stops)",
        err=True,
    )
    serve(settings, host=host, port=port)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


DEMO_CREDITS = "Sample articles: ECB+ corpus (Cybulska and Vossen 2014), CC BY 3.0."


def demo_reports(settings: Settings, directory: Path) -> None:
    """`corroborator demo -o DIR`: an HTML report per story and an index, when the pieces exist."""
    try:
        from corroborator.dossier import build_dossier
        from corroborator.report import write_story_reports
    except ImportError as missing:  # a partial install: say what is missing, keep the demo going
        click.echo(f"demo: reports skipped ({missing})", err=True)
        return
    from corroborator.store import open_store

    with open_store(settings.db_path, create=False) as store:
        written = write_story_reports(store, settings, directory, build_dossier, credits=DEMO_CREDITS)
    click.echo(f"demo: {len(written) - 1} story reports and index.html written to {directory}", err=True)
    click.echo(str(directory / "index.html"))


def demo_serve(settings: Settings, port: int) -> None:
    """`corroborator demo`: serve the demo database on 127.0.0.1 until Ctrl-C."""
    try:
        from corroborator.webapp import serve
    except ImportError as missing:
        click.echo(f"demo: web app unavailable ({missing})", err=True)
        return
    click.echo(f"demo: open http://127.0.0.1:{port}/ in a browser (Ctrl-C stops)", err=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to end the demo
        serve(settings, host="127.0.0.1", port=port)
