"""What a person sees and clicks, in the Debian chromium driven by Playwright.

A real uvicorn server on 127.0.0.1 (random port) serves a database filled through the normal
ingest path. Screenshots go to test-output/screenshots/ (git-ignored) for a human to look at.
`make test` installs /usr/bin/chromium first; the tests skip, saying why, only where it is absent.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from web_support import (
    EXAMPLE_ARTICLES,
    example_texts,
    fixture_source,
    hostile_dossier,
    write_hostile_articles,
)

from corroborator import Settings, ingest, open_store
from corroborator.report import render_html
from corroborator.webapp import DossierSource, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).parents[1] / "test-output" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (`make test` installs it)"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a daemon thread until stopped."""

    def __init__(self, settings: Settings, source: DossierSource | None) -> None:
        self.port = _free_port()
        config = uvicorn.Config(
            create_app(settings, source), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("browser")
    settings = Settings(db_path=root / "browser.db")
    with open_store(settings.db_path) as store:
        ingest(store, [str(EXAMPLE_ARTICLES)], settings)
        ingest(store, [str(p) for p in write_hostile_articles(root)], settings)
    return settings


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(settings, fixture_source()) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_nothing_ran(page: Any, title: str) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() == title
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("img").count() == 0


def test_stories_page_lists_the_story_and_fills_conflict_counts(server: LiveServer, page: Any) -> None:
    page.goto(server.url + "/")
    row = page.locator("table.stories tbody tr", has_text="Magnitude 6.1 earthquake")
    assert row.locator("td[data-conflicts-src], td.num").count() >= 1
    page.wait_for_function("!document.querySelector('[data-conflicts-src]')")
    assert row.locator("td").nth(2).inner_text() == "2"
    shot(page, "stories")
    assert page.errors == []


def test_clicking_a_contradiction_side_highlights_its_two_source_sentences(
    server: LiveServer, page: Any
) -> None:
    page.goto(server.url + "/")
    page.get_by_role("link", name="Magnitude 6.1 earthquake kills three in northern Chile").click()
    page.wait_for_url("**/stories/1")
    side = page.locator("#conflict-c1").get_by_role("button", name="6.1", exact=True)
    side.click()
    lit = page.locator(".seg.is-lit")
    assert lit.count() == 2
    assert lit.nth(0).inner_text().startswith("An earthquake of magnitude 6.1 struck northern Chile")
    assert lit.nth(1).inner_text().startswith("The earthquake, of magnitude 6.1, struck near Antofagasta")
    assert (
        page.locator("article#a1 .seg.is-lit").count() == 1
        and page.locator("article#a3 .seg.is-lit").count() == 1
    )
    assert side.get_attribute("aria-pressed") == "true"
    assert page.locator(".hl-status").inner_text() == "2 source sentences highlighted"
    assert lit.nth(0).evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "story-conflict-side")
    other = page.locator("#conflict-c1").get_by_role("button", name="6.4", exact=True)
    other.click()
    assert page.locator(".seg.is-lit").count() == 1
    assert page.locator("article#a2 .seg.is-lit").inner_text().startswith("A magnitude 6.4 earthquake")
    assert side.get_attribute("aria-pressed") == "false"
    assert page.errors == []


def test_a_fact_is_reachable_and_works_from_the_keyboard(server: LiveServer, page: Any) -> None:
    page.goto(server.url + "/stories/1")
    fact = page.locator("#fact-f6 button.hl")
    fact.focus()
    page.keyboard.press("Enter")
    assert page.locator(".seg.is-lit").count() == 2
    assert page.locator(".hl-status").inner_text() == "2 source sentences highlighted"
    page.keyboard.press("Escape")
    assert page.locator(".seg.is-lit").count() == 0


def test_the_article_page_marks_statements_and_entities(server: LiveServer, page: Any) -> None:
    page.goto(server.url + "/articles/3")
    assert page.locator("mark.ent").count() >= 3
    page.get_by_role(
        "button", name="Schools in the Antofagasta region will stay closed until Wednesday."
    ).click()
    assert (
        page.locator(".seg.is-lit").inner_text()
        == "Schools in the Antofagasta region will stay closed until Wednesday."
    )
    shot(page, "article")


def test_hostile_articles_run_nothing_in_the_browser(server: LiveServer, page: Any) -> None:
    page.goto(server.url + "/?q=harbour")
    assert_nothing_ran(page, "Stories · corroborator")
    page.locator("table.stories tbody tr a").first.click()
    page.wait_for_load_state()
    assert "<script>" in page.locator("h1").inner_text()  # shown as text, not run
    assert_nothing_ran(page, page.locator("h1").inner_text() + " · corroborator")
    page.locator("#conflicts button.side-value").first.click()
    assert page.locator(".seg.is-lit").count() >= 1
    shot(page, "hostile-story")
    for article in page.locator("#articles h3 a").evaluate_all("links => links.map(a => a.href)"):
        page.goto(article)
        assert_nothing_ran(page, page.locator("h1").inner_text() + " · corroborator")
    page.goto(server.url + "/articles/5")
    assert page.locator(".origin").inner_text() == "javascript:window.__pwned = 6"
    assert page.locator(".origin a").count() == 0
    assert_nothing_ran(page, page.locator("h1").inner_text() + " · corroborator")


def test_the_offline_report_highlights_and_runs_nothing_foreign(page: Any, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_html(hostile_dossier(), example_texts()), "utf-8")
    page.goto(report.as_uri())
    title = page.title()
    assert "<script>" in title  # the escaped payload is plain text in the title
    assert_nothing_ran(page, title)
    page.locator("#conflict-c1 button.side-value").first.click()
    assert page.locator(".seg.is-lit").count() == 2
    shot(page, "offline-report")
    assert page.errors == []


def test_the_real_engine_dossier_is_clickable(settings: Settings, page: Any) -> None:
    pytest.importorskip("corroborator.dossier")
    with LiveServer(settings, None) as live:
        page.goto(live.url + "/stories/1")
        buttons = page.locator("#facts button.hl")
        assert buttons.count() >= 1
        buttons.first.click()
        assert page.locator(".seg.is-lit").count() >= 1
        shot(page, "story-real-engine")
    assert page.errors == []


def test_chromium_is_the_debian_one() -> None:
    assert shutil.which("chromium") == str(CHROMIUM)
