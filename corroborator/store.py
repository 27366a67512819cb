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
from contextlib import AbstractContextManager, contextmanager
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
    (
        "0100_stories",
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL
        );
        CREATE TABLE story_features (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL,
            day INTEGER,
            terms TEXT NOT NULL
        );
        CREATE TABLE story_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
        """,
    ),
    (
        "0200_analysis",
        """
        CREATE TABLE article_analysis (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,
            version TEXT NOT NULL,
            model TEXT NOT NULL,
            data TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0300_dossiers",
        """
        CREATE TABLE dossiers (
            story_id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            data TEXT NOT NULL,
            conflicts INTEGER NOT NULL,
            built_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0400_search",
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id', tokenize='unicode61'
        );
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
    ),
]

_ARTICLE_COLUMNS = (
    "id, origin, text, content_hash, words, title, url, outlet, published, author, language,"
    " duplicate_of, story_id"
)


class Store(Protocol):
    """What the pipeline stages need from a database: every stage is typed against this.

    `SQLiteStore` implements it; a PostgreSQL store would implement the same methods.
    """

    def transaction(self) -> AbstractContextManager[None]:
        """One transaction; nested calls join the outer one."""
        ...

    def item(self) -> AbstractContextManager[None]:
        """A savepoint for one input item."""
        ...

    def add_article(self, draft: ArticleDraft) -> tuple[Article, bool]: ...

    def get_article(self, article_id: int) -> Article: ...

    def find_article_by_hash(self, digest: str) -> Article | None: ...

    def list_articles(self, ids: Sequence[int] | None = None) -> list[Article]: ...

    def count_articles(self) -> int: ...

    def close(self) -> None: ...

    def story_meta(self, key: str) -> str | None: ...

    def set_story_meta(self, key: str, value: str) -> None: ...

    def story_feature_max_id(self) -> int: ...

    def save_story_features(self, rows: Sequence[tuple[int, bytes, int | None, str]]) -> None: ...

    def iter_story_features(
        self, after_id: int = 0
    ) -> Iterator[tuple[int, bytes, int | None, str, int | None, int | None]]: ...

    def ungrouped_article_ids(self) -> list[int]: ...

    def article_texts(self, ids: Sequence[int]) -> dict[int, str]: ...

    def new_story_ids(self, count: int) -> list[int]: ...

    def assign_stories(self, rows: Sequence[tuple[int | None, int | None, int]]) -> None: ...

    def delete_empty_stories(self) -> int: ...

    def grouping_fingerprint(self) -> str: ...

    def story_article_rows(self) -> list[Any]: ...

    def analysis_stamps(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]: ...

    def load_analyses(self, ids: Sequence[int]) -> dict[int, str]: ...

    def save_analyses(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None: ...

    def articles_in_story(self, story_id: int) -> list[Article]: ...

    def load_dossier(self, story_id: int, fingerprint: str) -> str | None: ...

    def stories_with_word(self, word: str) -> set[int]: ...

    def story_stamps(self, story_id: int) -> list[tuple[Any, ...]]: ...

    def save_dossier(self, story_id: int, fingerprint: str, data: str, conflicts: int) -> None: ...

    def dossier_conflicts(self, story_id: int, fingerprint: str) -> int | None: ...


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
                digest,
                draft.origin,
                draft.url,
                draft.outlet,
                draft.title,
                draft.published,
                draft.author,
                draft.language,
                draft.text,
                count_words(draft.text),
                _now(),
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

    # -- stories (stage: stories) ---------------------------------------------------------
    def story_meta(self, key: str) -> str | None:
        """A value the grouping stage keeps between runs (generation, idf snapshot), or None."""
        row = self._execute("SELECT value FROM story_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_story_meta(self, key: str, value: str) -> None:
        self._execute(
            "INSERT INTO story_meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def story_feature_max_id(self) -> int:
        """Highest article id with stored grouping features (0 if none): a cheap staleness check."""
        row = self._execute("SELECT coalesce(max(article_id), 0) FROM story_features").fetchone()
        return int(row[0])

    def save_story_features(self, rows: Sequence[tuple[int, bytes, int | None, str]]) -> None:
        """Store (article id, MinHash signature, publication day, weighted terms JSON) rows."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_features (article_id, signature, day, terms) VALUES (?, ?, ?, ?)",
            rows,
        )

    def iter_story_features(
        self, after_id: int = 0
    ) -> Iterator[tuple[int, bytes, int | None, str, int | None, int | None]]:
        """(article id, signature, day, terms, story id, duplicate_of) in article id order."""
        cursor = self._execute(
            "SELECT f.article_id, f.signature, f.day, f.terms, a.story_id, a.duplicate_of"
            " FROM story_features f JOIN articles a ON a.id = f.article_id"
            " WHERE f.article_id > ? ORDER BY f.article_id",
            (after_id,),
        )
        for row in cursor:
            yield row[0], row[1], row[2], row[3], row[4], row[5]

    def ungrouped_article_ids(self) -> list[int]:
        """Articles with no grouping features yet (ingested with grouping off)."""
        rows = self._execute(
            "SELECT a.id FROM articles a LEFT JOIN story_features f ON f.article_id = a.id"
            " WHERE f.article_id IS NULL ORDER BY a.id"
        ).fetchall()
        return [int(row[0]) for row in rows]

    def article_texts(self, ids: Sequence[int]) -> dict[int, str]:
        """Just the text of the given articles (duplicate checks need nothing else)."""
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk):
                found[int(row[0])] = str(row[1])
        return found

    def new_story_ids(self, count: int) -> list[int]:
        """Allocate `count` new story ids."""
        now = _now()
        ids = []
        for _ in range(count):
            cursor = self._execute("INSERT INTO stories (created_at) VALUES (?)", (now,))
            assert cursor.lastrowid is not None
            ids.append(cursor.lastrowid)
        return ids

    def assign_stories(self, rows: Sequence[tuple[int | None, int | None, int]]) -> None:
        """Set (story id, duplicate_of) on articles, given as (story, duplicate_of, article id)."""
        self.conn.executemany("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE id = ?", rows)

    def delete_empty_stories(self) -> int:
        """Drop stories no article belongs to any more; return how many."""
        cursor = self._execute(
            "DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL)"
        )
        return cursor.rowcount

    def grouping_fingerprint(self) -> str:
        """A cheap digest of how articles are grouped: it changes with every ingest or regroup."""
        row = self._execute(
            "SELECT count(*), coalesce(max(id), 0), coalesce(sum(story_id * 7919 + id), 0),"
            " coalesce(sum(coalesce(duplicate_of, 0) * 31 + id), 0) FROM articles"
        ).fetchone()
        generation = self.story_meta("generation") or "0"
        return f"{generation}:{row[0]}:{row[1]}:{row[2]}:{row[3]}"

    def story_article_rows(self) -> list[sqlite3.Row]:
        """Grouped articles with what a story listing shows, by story then article id."""
        return self._execute(
            "SELECT a.id, a.story_id, a.origin, a.outlet, a.title, substr(a.text, 1, 300) AS text,"
            " a.published, a.duplicate_of, f.terms"
            " FROM articles a LEFT JOIN story_features f ON f.article_id = a.id"
            " WHERE a.story_id IS NOT NULL ORDER BY a.story_id, a.id"
        ).fetchall()

    # -- analysis (stage: analysis) -------------------------------------------------------
    def analysis_stamps(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        """(content hash, analysis version, model) of the stored analyses of these articles."""
        found: dict[int, tuple[str, str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT article_id, content_hash, version, model FROM article_analysis"
                f" WHERE article_id IN ({marks})"
            )
            for row in self._execute(sql, chunk):
                found[int(row[0])] = (str(row[1]), str(row[2]), str(row[3]))
        return found

    def load_analyses(self, ids: Sequence[int]) -> dict[int, str]:
        """The stored analysis JSON of these articles (those that have one)."""
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT article_id, data FROM article_analysis WHERE article_id IN ({marks})"
            for row in self._execute(sql, chunk):
                found[int(row[0])] = str(row[1])
        return found

    def save_analyses(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        """Store (article id, content hash, version, model, JSON) rows, replacing older analyses."""
        now = _now()
        self.conn.executemany(
            "INSERT OR REPLACE INTO article_analysis"
            " (article_id, content_hash, version, model, data, analysed_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(*row, now) for row in rows],
        )

    def articles_in_story(self, story_id: int) -> list[Article]:
        """A story's articles in id order."""
        rows = self._execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id = ? ORDER BY id", (story_id,)
        ).fetchall()
        return [_row_to_article(row) for row in rows]

    # -- dossiers (stage: dossier) --------------------------------------------------------
    def load_dossier(self, story_id: int, fingerprint: str) -> str | None:
        """The cached dossier JSON of a story, if it was built from the same articles and versions."""
        row = self._execute(
            "SELECT data FROM dossiers WHERE story_id = ? AND fingerprint = ?", (story_id, fingerprint)
        ).fetchone()
        return None if row is None else str(row[0])

    # -- search ---------------------------------------------------------------------------
    def stories_with_word(self, word: str) -> set[int]:
        """Stories with an article whose title or text contains the word (full-text index)."""
        phrase = '"' + word.replace('"', '""') + '"'
        rows = self._execute(
            "SELECT DISTINCT a.story_id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? AND a.story_id IS NOT NULL",
            (phrase,),
        ).fetchall()
        return {int(row[0]) for row in rows}

    def story_stamps(self, story_id: int) -> list[tuple[Any, ...]]:
        """What a story's dossier depends on, per article, without the texts: cheap to check."""
        rows = self._execute(
            "SELECT id, content_hash, duplicate_of, outlet, published, title, language FROM articles"
            " WHERE story_id = ? ORDER BY id",
            (story_id,),
        ).fetchall()
        return [tuple(row) for row in rows]

    def save_dossier(self, story_id: int, fingerprint: str, data: str, conflicts: int) -> None:
        self._execute(
            "INSERT OR REPLACE INTO dossiers (story_id, fingerprint, data, conflicts, built_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (story_id, fingerprint, data, conflicts, _now()),
        )

    def dossier_conflicts(self, story_id: int, fingerprint: str) -> int | None:
        """The number of conflicts in the cached dossier, without reading the dossier itself."""
        row = self._execute(
            "SELECT conflicts FROM dossiers WHERE story_id = ? AND fingerprint = ?", (story_id, fingerprint)
        ).fetchone()
        return None if row is None else int(row[0])


def open_store(path: Path | str, *, create: bool = True) -> SQLiteStore:
    """Open (and migrate) the database at `path`; `create=False` refuses a missing file."""
    return SQLiteStore(path, create=create)


def _split_sql(script: str) -> list[str]:
    """The statements of a migration; a trigger's body keeps its inner semicolons."""
    statements, buffer = [], ""
    for part in script.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer.strip())
            buffer = ""
    return statements


def _explain(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"database {path} is locked by another process; wait for it to finish and retry"
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a usable corroborator database ({text})"
    return f"database error on {path}: {text}"
