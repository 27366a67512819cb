"""The command line, as a user runs it: exit codes, lines per item, JSON for scripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
from click.testing import CliRunner
from conftest import SEEDS

from corroborator.cli import main


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_ingest_then_list(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    code, _, err = _run(db, "ingest", str(SEEDS))
    assert code == 0
    assert "3 stored, 0 already stored, 0 failed" in err

    code, out, _ = _run(db, "articles", "--json")
    listed = json.loads(out)["articles"]
    assert listed[0]["outlet"] == "ANI"
    assert {"id", "origin", "outlet", "title", "published", "language", "words"} <= set(listed[0])


def test_reingest_reports_already_stored(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _run(db, "ingest", str(SEEDS))
    code, _, err = _run(db, "ingest", str(SEEDS))

    assert code == 0
    assert err.count("already stored") == 4  # three items and the summary


def test_partial_failure_exits_1_with_a_line_per_bad_item(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.7 binary")
    code, _, err = _run(tmp_path / "c.db", "ingest", str(SEEDS), str(bad), str(tmp_path / "missing.txt"))

    assert code == 1
    assert re.search(r"failed\s+\S*bad\.txt: binary content \(a PDF document\)", err)
    assert re.search(r"failed\s+\S*missing\.txt: no such file or directory", err)
    assert "3 stored, 0 already stored, 2 failed" in err


def test_json_output_is_one_object_per_item(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path / "c.db", "ingest", "--json", str(SEEDS), str(tmp_path / "missing.txt"))

    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [line["status"] for line in lines] == ["stored", "stored", "stored", "failed"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _run(tmp_path / "c.db", "ingest")[0] == 2
    assert _run(tmp_path / "c.db", "ingest", "--max-bytes", "-5", str(SEEDS))[0] == 2


def test_listing_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = _run(tmp_path / "none.db", "articles")

    assert code == 1
    assert "no database at" in err
    assert not (tmp_path / "none.db").exists()


def test_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS)], env={"CORROBORATOR_DB": str(db)})

    assert result.exit_code == 0
    assert db.exists()


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix + name + " "))
    return found


def test_every_command_has_help_and_is_documented() -> None:
    reference = (Path(__file__).parents[1] / "docs" / "cli.md").read_text()
    for name, command in _commands(main):
        assert command.help, f"`corroborator {name}` has no help text"
        assert f"corroborator {name}" in reference, f"`corroborator {name}` is missing from docs/cli.md"
