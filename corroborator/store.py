"""The store: every stage reads and writes through this one small interface.

`Store` is the protocol the stages use; `SQLiteStore` is the default implementation (one file,
WAL journal). The SQL lives here and nowhere else, so a PostgreSQL store can be added by
implementing the same methods without touching the stages.

Schema changes are named migrations recorded in `schema_migrations`: opening a database applies
the ones it lacks, in order, and running twice is safe.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from corroborator.errors import NotFoundError, StoreError
from corroborator.models import Article, ArticleDraft, content_hash, count_words

SQLITE_MAGIC = b"SQLite format 3\x00"

# (name, SQL) in the order they must run. Append only: never edit a migration that has shipped.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            author TEXT,
            language TEXT,
            text TEXT NOT NULL,
            words INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            duplicate_of INTEGER REFERENCES articles(id),
            story_id INTEGER
        );
        CREATE INDEX articles_story ON articles(story_id);
        CREATE INDEX articles_published ON articles(published);
        """,
    ),
]

_ARTICLE_COLUMNS = (
    "id, origin, text, content_hash, words, title, url, outlet, published, author, language,"
    " duplicate_of, story_id"
)


class Store(Protocol):
    """What the pipeline stages need from a database."""

    def transaction(self) -> Any: ...

    def item(self) -> Any: ...

    def add_article(self, draft: ArticleDraft) -> tuple[Article, bool]: ...

    def get_article(self, article_id: int) -> Article: ...

    def find_article_by_hash(self, digest: str) -> Article | None: ...

    def list_articles(self, ids: Sequence[int] | None = None) -> list[Article]: ...

    def count_articles(self) -> int: ...

    def close(self) -> None: ...


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row_to_article(row: sqlite3.Row) -> Article:
    return Article(**{key: row[key] for key in row.keys()})  # noqa: SIM118 - sqlite3.Row needs keys()


class SQLiteStore:
    """A corroborator database in one SQLite file (WAL journal, foreign keys on)."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        self._check_file(create)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 5000")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._depth = 0
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(exc, self.path)) from exc

    def _check_file(self, create: bool) -> None:
        if not self.path.exists():
            if not create:
                raise StoreError(
                    f"no database at {self.path}: ingest some articles first "
                    "(corroborator ingest ...) or point --db / CORROBORATOR_DB at one"
                )
            return
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a database file")
        with self.path.open("rb") as handle:
            head = handle.read(16)
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{self.path} is not a SQLite database; refusing to touch it")

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    @contextmanager
    def item(self) -> Iterator[None]:
        """A savepoint for one input item: its failure undoes only its own writes."""
        self.conn.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO item")
            self.conn.execute("RELEASE item")
            raise
        self.conn.execute("RELEASE item")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise StoreError(_explain(exc, self.path)) from exc

    # -- migrations ---------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks; return their names."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM schema_migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]

    # -- articles -----------------------------------------------------------------------
    def add_article(self, draft: ArticleDraft) -> tuple[Article, bool]:
        """Store a draft; return (article, True) or the existing article and False for known text."""
        digest = content_hash(draft.text)
        existing = self.find_article_by_hash(digest)
        if existing is not None:
            return existing, False
        cursor = self._execute(
            "INSERT INTO articles (content_hash, origin, url, outlet, title, published, author, language,"
            " text, words, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest, draft.origin, draft.url, draft.outlet, draft.title, draft.published,
                draft.author, draft.language, draft.text, count_words(draft.text), _now(),
            ),
        )
        assert cursor.lastrowid is not None
        return self.get_article(cursor.lastrowid), True

    def get_article(self, article_id: int) -> Article:
        row = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id}; `corroborator articles` lists them")
        return _row_to_article(row)

    def find_article_by_hash(self, digest: str) -> Article | None:
        row = self._execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE content_hash = ?", (digest,)
        ).fetchone()
        return None if row is None else _row_to_article(row)

    def list_articles(self, ids: Sequence[int] | None = None) -> list[Article]:
        """Articles in id order; all of them, or those with the given ids."""
        if ids is None:
            rows = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id").fetchall()
            return [_row_to_article(row) for row in rows]
        found: list[Article] = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks}) ORDER BY id", chunk
            ).fetchall()
            found.extend(_row_to_article(row) for row in rows)
        return sorted(found, key=lambda a: a.id)

    def count_articles(self) -> int:
        return int(self._execute("SELECT count(*) FROM articles").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: Path | str, *, create: bool = True) -> SQLiteStore:
    """Open (and migrate) the database at `path`; `create=False` refuses a missing file."""
    return SQLiteStore(path, create=create)


def _split_sql(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _explain(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"database {path} is locked by another process; wait for it to finish and retry"
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a usable corroborator database ({text})"
    return f"database error on {path}: {text}"
