"""The SQLite store: WAL, recorded migrations, idempotent writes, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborator.errors import NotFoundError, StoreError
from corroborator.models import ArticleDraft, content_hash
from corroborator.store import MIGRATIONS, SQLiteStore, open_store


def _draft(text: str = "The bridge reopened on Sunday.") -> ArticleDraft:
    return ArticleDraft(origin="test", text=text, outlet="Example")


def test_new_database_is_wal_and_fully_migrated(store: SQLiteStore) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.applied_migrations() == sorted(name for name, _ in MIGRATIONS)


def test_migrating_twice_is_safe(db_path: Path) -> None:
    with open_store(db_path):
        pass
    with open_store(db_path) as again:
        assert again.migrate() == []


def test_same_content_is_stored_once(store: SQLiteStore) -> None:
    with store.transaction():
        first, created = store.add_article(_draft())
        second, created_again = store.add_article(_draft("The bridge   reopened\non Sunday.  "))

    assert (created, created_again) == (True, False)
    assert first.id == second.id
    assert first.content_hash == content_hash("The bridge reopened on Sunday.")


def test_a_failed_transaction_writes_nothing(store: SQLiteStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(_draft())
        raise RuntimeError("crash")

    assert store.count_articles() == 0


def test_item_savepoint_undoes_only_that_item(store: SQLiteStore) -> None:
    with store.transaction():
        store.add_article(_draft("First article."))
        with pytest.raises(ValueError), store.item():
            store.add_article(_draft("Second article."))
            raise ValueError("bad item")
        store.add_article(_draft("Third article."))

    assert [a.text for a in store.list_articles()] == ["First article.", "Third article."]


def test_missing_database_is_a_clear_error_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no database at .*ingest some articles first"):
        open_store(tmp_path / "absent.db", create=False)


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my precious notes")

    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(notes)
    assert notes.read_text() == "my precious notes"


def test_locked_database_is_reported(db_path: Path) -> None:
    with open_store(db_path) as holder, holder.transaction():
        holder.add_article(_draft())
        other = open_store(db_path)
        other.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match="locked by another process"), other.transaction():
            other.add_article(_draft("Another text."))
        other.close()


def test_unknown_article_id(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError, match="no article 42"):
        store.get_article(42)


def test_list_articles_by_ids_keeps_id_order(store: SQLiteStore) -> None:
    with store.transaction():
        ids = [store.add_article(_draft(f"Article number {n}."))[0].id for n in range(5)]

    assert [a.id for a in store.list_articles([ids[3], ids[1]])] == [ids[1], ids[3]]


def test_full_text_search_finds_stories_by_whole_words(store: SQLiteStore) -> None:
    with store.transaction():
        first, _ = store.add_article(_draft("Lavrov blamed Kyiv for the attack in Moscow."))
        second, _ = store.add_article(_draft("The river flooded Riverton on Saturday."))
        store.conn.execute("UPDATE articles SET story_id = id")

    assert store.stories_with_word("lavrov") == {first.id}
    assert store.stories_with_word("Riverton") == {second.id}
    assert store.stories_with_word("Lav") == set()  # whole words only
    assert store.stories_with_word('quote " inside') == set()  # user input never breaks the query
