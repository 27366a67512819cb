"""Ingesting files, directories and JSON: what a user sees after `corroborator ingest`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS, SITE

from corroborator import Settings, Status, ingest
from corroborator.store import SQLiteStore


def test_seeds_directory_is_stored_with_outlets_and_titles(store: SQLiteStore, settings: Settings) -> None:
    report = ingest(store, [str(SEEDS)], settings)

    assert [r.status for r in report.results] == [Status.STORED] * 3
    articles = store.list_articles()
    assert articles[0].outlet == "ANI"  # from the dateline "Moscow [Russia], February 6 (ANI):"
    assert articles[0].title is None  # its first line is a dateline paragraph, not a headline
    assert (
        articles[1].title
        == "Russian General Vladimir Alekseev shot multiple times in Moscow, Kremlin confirms"
    )
    assert all(a.language == "en" for a in articles)


def test_reingest_is_a_no_op_reported_as_already_stored(store: SQLiteStore, settings: Settings) -> None:
    ingest(store, [str(SEEDS)], settings)
    again = ingest(store, [str(SEEDS)], settings)

    assert [r.status for r in again.results] == [Status.DUPLICATE] * 3
    assert all("already stored as article" in (r.message or "") for r in again.results)
    assert store.count_articles() == 3


def test_same_text_from_another_file_is_the_same_article(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text((SEEDS / "000_fd37de55187c6bcf.txt").read_text().replace("\n", "\r\n") + "\n\n\n")

    report = ingest(store, [str(SEEDS / "000_fd37de55187c6bcf.txt"), str(copy)], settings)

    assert [r.status for r in report.results] == [Status.STORED, Status.DUPLICATE]


def test_captions_and_edition_banner_are_removed_words_kept(store: SQLiteStore, settings: Settings) -> None:
    ingest(store, [str(SEEDS / "004_0b86b8ad89865fc3.txt")], settings)
    article = store.list_articles()[0]

    assert "UK edition" not in article.text
    assert "Photograph:" not in article.text
    assert not article.text.startswith("Lt Gen Vladimir Alekseyev\n")
    assert "Lt Gen Vladimir Alekseyev was shot several times on the stairwell" in article.text


def test_text_file_header_sets_metadata(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "Title: Council approves budget\nOutlet: Town Crier\nPublished: 2026-01-05T10:00:00+01:00\n"
        "Author: A. Writer\n\nThe council approved the budget on Monday by seven votes to two.\n"
    )
    ingest(store, [str(path)], settings)
    article = store.list_articles()[0]

    assert (article.title, article.outlet, article.author) == (
        "Council approves budget",
        "Town Crier",
        "A. Writer",
    )
    assert article.published == "2026-01-05T10:00:00+01:00"
    assert article.text == "The council approved the budget on Monday by seven votes to two."


def test_jsonl_with_our_fields_and_news_please_fields(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "articles.jsonl"
    ours = {
        "url": "https://example.org/a",
        "title": "A",
        "text": "Officials said the bridge will reopen in May.",
        "outlet": "Example Post",
        "published": "2026-02-01",
        "author": "Kim",
        "language": "en",
    }
    news_please = {
        "url": "https://www.reuters.com/b",
        "title": "B",
        "maintext": "The bridge stays shut until May.",
        "source_domain": "reuters.com",
        "date_publish": "2026-02-02 08:15:00",
        "authors": ["Lee", "Ng"],
    }
    path.write_text(json.dumps(ours) + "\n\n" + json.dumps(news_please) + "\n")

    report = ingest(store, [str(path)], settings)
    first, second = store.list_articles()

    assert [r.source for r in report.results] == [f"{path}:1", f"{path}:3"]
    assert (first.outlet, first.published, first.origin) == (
        "Example Post",
        "2026-02-01",
        "https://example.org/a",
    )
    assert (second.outlet, second.published, second.author) == ("Reuters", "2026-02-02T08:15:00", "Lee, Ng")


def test_json_array_file(store: SQLiteStore, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "First report text here."}, {"text": "Second report text here."}]))

    report = ingest(store, [str(path)], settings)

    assert [r.source for r in report.results] == [f"{path}[0]", f"{path}[1]"]
    assert report.count(Status.STORED) == 2


def test_html_file_uses_page_metadata(store: SQLiteStore, settings: Settings) -> None:
    ingest(store, [str(SITE / "flood-daily.html")], settings)
    article = store.list_articles()[0]

    assert article.title == "Riverton flood forces 2,000 from homes"
    assert article.outlet == "Daily Example"
    assert article.published == "2026-03-14T09:30:00+00:00"
    assert article.author == "Mara Quill"
    assert "Subscribe" not in article.text and "Photograph" not in article.text
    assert article.text.startswith("About 2,000 residents of Riverton were evacuated")


def test_declared_legacy_encoding_is_honoured(store: SQLiteStore, settings: Settings) -> None:
    ingest(store, [str(SITE / "cyrillic-1251.html")], settings)
    article = store.list_articles()[0]

    assert "эвакуированы" in article.text
    assert article.language == "ru"


def test_outlet_option_overrides_detection(store: SQLiteStore, settings: Settings) -> None:
    ingest(store, [str(SEEDS)], settings, outlet="Seed Desk")

    assert {a.outlet for a in store.list_articles()} == {"Seed Desk"}


def test_unknown_date_stays_null(store: SQLiteStore, settings: Settings) -> None:
    ingest(store, [str(SEEDS)], settings)

    # The seeds say "February 6" and "Feb 6" but never the year: nothing is guessed.
    assert [a.published for a in store.list_articles()] == [None, None, None]
