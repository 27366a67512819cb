"""Fetching pages and feeds over real HTTP from a local server, with every limit enforced."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from conftest import SITE

from corroborator import Settings, Status, ingest
from corroborator.errors import FetchError
from corroborator.fetching import Fetcher, check_url_allowed
from corroborator.store import SQLiteStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_article_url_is_fetched_and_extracted(store: SQLiteStore, settings: Settings, site: str) -> None:
    report = ingest(store, [f"{site}/site/flood-wire.html"], settings)
    article = store.list_articles()[0]

    assert report.count(Status.STORED) == 1
    assert article.url == f"{site}/site/flood-wire.html"
    assert article.outlet == "Example Wire"
    assert article.published == "2026-03-14"


def test_feed_entries_are_fetched_and_broken_entries_reported(
    store: SQLiteStore, settings: Settings, site: str
) -> None:
    report = ingest(store, [], settings, feeds=[f"{site}/site/feed.xml"])

    statuses = [r.status for r in report.results]
    assert statuses == [Status.STORED, Status.STORED, Status.FAILED, Status.FAILED]
    assert "has no link" in (report.results[2].message or "")
    assert "HTTP 404" in (report.results[3].message or "")
    wire = store.list_articles()[1]
    assert wire.title == "Thousands evacuated as Alder River floods Riverton"


def test_a_feed_url_given_as_a_plain_source_is_recognised(
    store: SQLiteStore, settings: Settings, site: str
) -> None:
    report = ingest(store, [f"{site}/site/feed.xml"], settings)

    assert report.count(Status.STORED) == 2


def test_feed_file_on_disk(store: SQLiteStore, settings: Settings, site: str, tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_bytes((SITE / "feed.xml").read_bytes().replace(b"PLACEHOLDER", site.encode()))

    report = ingest(store, [str(feed)], settings)

    assert report.count(Status.STORED) == 2


def test_private_addresses_are_refused_unless_allowed(
    store: SQLiteStore, settings: Settings, site: str
) -> None:
    strict = settings.with_overrides(allow_private=False)

    report = ingest(store, [f"{site}/site/flood-wire.html"], strict)

    assert report.results[0].status is Status.FAILED
    assert "loopback/private" in (report.results[0].message or "")
    assert "--allow-private" in (report.results[0].message or "")
    assert store.count_articles() == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/x",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://localhost/",
        "http://0.0.0.0/",
    ],
)
def test_private_ranges_and_metadata_endpoints_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="loopback/private"):
        check_url_allowed(url, allow_private=False)


def test_non_http_schemes_are_refused() -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        check_url_allowed("file:///etc/passwd", allow_private=True)


def test_redirect_into_private_network_is_refused(settings: Settings, site: str) -> None:
    # The first hop is allowed (opt-in), the second is checked again with its own rules.
    with Fetcher(settings) as fetcher:
        fetched = fetcher.fetch(f"{site}/redirect?to=/site/flood-wire.html")
    assert fetched.url.endswith("/site/flood-wire.html")
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="unsupported URL scheme"):
        fetcher.fetch(f"{site}/redirect?to=file:///etc/passwd")


def test_redirect_loop_is_bounded(settings: Settings, site: str) -> None:
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="too many redirects"):
        fetcher.fetch(f"{site}/loop")


@pytest.mark.parametrize(
    ("code", "words"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_http_errors_are_reported(
    store: SQLiteStore, settings: Settings, site: str, code: int, words: str
) -> None:
    report = ingest(store, [f"{site}/status/{code}", f"{site}/site/flood-wire.html"], settings)

    assert words in (report.results[0].message or "")
    assert report.results[1].status is Status.STORED


def test_dead_host_is_reported(store: SQLiteStore, settings: Settings) -> None:
    report = ingest(store, [f"http://127.0.0.1:{_free_port()}/article"], settings)

    assert report.results[0].status is Status.FAILED
    assert "could not fetch" in (report.results[0].message or "")


def test_slow_server_times_out(store: SQLiteStore, settings: Settings, site: str) -> None:
    report = ingest(store, [f"{site}/slow?s=2"], settings.with_overrides(timeout=0.3))

    assert "timed out after 0.3 s" in (report.results[0].message or "")


@pytest.mark.parametrize("route", ["/big", "/big-chunked"])
def test_oversized_downloads_are_cut_off(
    store: SQLiteStore, settings: Settings, site: str, route: str
) -> None:
    report = ingest(store, [f"{site}{route}"], settings.with_overrides(max_bytes=100_000))

    assert "over the 100,000-byte limit" in (report.results[0].message or "")


def test_page_without_article_text(store: SQLiteStore, settings: Settings, site: str) -> None:
    report = ingest(store, [f"{site}/site/empty-page.html"], settings)

    assert "no article text found in the HTML" in (report.results[0].message or "")


def test_html_page_given_as_feed_is_a_clear_error(store: SQLiteStore, settings: Settings, site: str) -> None:
    report = ingest(store, [], settings, feeds=[f"{site}/site/flood-daily.html"])

    assert report.results[0].status is Status.FAILED
    assert "not a valid RSS/Atom feed" in (report.results[0].message or "")
