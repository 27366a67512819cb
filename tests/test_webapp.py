"""The web app in-process: every route as HTML and JSON, security headers, errors, escaping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
from fastapi.testclient import TestClient
from web_support import (
    EXAMPLE_ARTICLES,
    PAYLOAD,
    SCHEMA,
    example_dossier,
    fixture_source,
    has_class,
    write_hostile_articles,
)

from corroborator import Settings, StoreError, ingest, open_store
from corroborator.webapp import CSP, DossierSource, articles_only_dossier, create_app

PAGES = ["/", "/stories", "/stories/1", "/articles/1", "/entities", "/entities/Chile", "/about"]


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    """A database holding the example story (articles 1-3, story 1) and two hostile articles."""
    settings = Settings(db_path=tmp_path / "web.db")
    with open_store(settings.db_path) as store:
        ingest(store, [str(EXAMPLE_ARTICLES)], settings)
        ingest(store, [str(p) for p in write_hostile_articles(tmp_path)], settings)
    return settings


@pytest.fixture
def client(web_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(web_settings, fixture_source())) as test_client:
        yield test_client


def html(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


# -- stories -----------------------------------------------------------------------------------
def test_stories_page_lists_stories_with_outlets_and_lazy_conflict_counts(client: TestClient) -> None:
    doc = html(client, "/")
    rows = doc.xpath("//table[@class='stories']/tbody/tr")
    titles = [row.xpath("th/a")[0].text_content() for row in rows]
    assert "Magnitude 6.1 earthquake kills three in northern Chile" in titles
    quake = rows[titles.index("Magnitude 6.1 earthquake kills three in northern Chile")]
    assert quake.xpath("th/a")[0].get("href") == "/stories/1"
    assert "Daily Example, Example Wire, Morning Post" in quake.text_content()
    assert quake.xpath("td[@data-conflicts-src]")[0].get("data-conflicts-src") == "/stories/1/counts.json"
    assert doc.xpath("//label[@for='q']") and doc.xpath("//label[@for='sort']")


def test_stories_json_is_the_same_view(client: TestClient) -> None:
    data = client.get("/stories.json").json()
    assert client.get("/.json").json() == data
    assert data["sort"] == "date" and data["page"] == 1
    story = next(s for s in data["stories"] if s["id"] == 1)
    assert story["articles"] == 3 and story["outlets"] == ["Daily Example", "Example Wire", "Morning Post"]
    assert story["counts_url"] == "/stories/1/counts.json"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Antofagasta", [1]), ("antofagasta tsunami", [1]), ("Morning Post", [1]), ("Tohá", [1]), ("zebra", [])],
)
def test_search_by_word_entity_or_outlet(client: TestClient, query: str, expected: list[int]) -> None:
    data = client.get("/stories.json", params={"q": query}).json()
    assert [s["id"] for s in data["stories"]] == expected
    assert data["q"] == query


def test_sort_by_size_puts_the_biggest_story_first(client: TestClient) -> None:
    stories = client.get("/stories.json", params={"sort": "size"}).json()["stories"]
    assert stories[0]["id"] == 1
    sizes = [s["articles"] for s in stories]
    assert sizes == sorted(sizes, reverse=True)


def test_counts_json_gives_conflicts(client: TestClient) -> None:
    assert client.get("/stories/1/counts.json").json() == {
        "story": 1,
        "articles": 3,
        "outlets": 3,
        "facts": 8,
        "corroborated": 3,
        "conflicts": 2,
        "entities": 5,
        "quotes": 3,
    }


def test_cached_dossiers_fill_conflict_counts_directly(web_settings: Settings) -> None:
    source = DossierSource(
        fixture_source().build, cached=lambda store, i: example_dossier() if i == 1 else None
    )
    with TestClient(create_app(web_settings, source)) as client:
        story = next(s for s in client.get("/stories.json").json()["stories"] if s["id"] == 1)
    assert story["conflicts"] == 2


# -- a story -----------------------------------------------------------------------------------
def test_story_json_is_the_dossier(client: TestClient) -> None:
    data = client.get("/stories/1.json").json()
    assert data == example_dossier()
    jsonschema.validate(data, json.loads(SCHEMA.read_text("utf-8")))


def test_story_page_shows_the_interactive_dossier(client: TestClient) -> None:
    doc = html(client, "/stories/1")
    assert doc.findtext(".//h1") == "Magnitude 6.1 earthquake kills three in northern Chile"
    for section in ("summary", "matrix", "conflicts", "facts", "timeline", "quotes", "entities", "articles"):
        assert doc.get_element_by_id(section) is not None
    side = doc.xpath(f"//*[@id='conflict-c2']//button[{has_class('side-value')}]")
    assert [(b.text_content(), b.get("data-statements")) for b in side] == [
        ("three", "t2 t10"),
        ("five", "t6"),
    ]
    assert all(b.get("type") == "button" for b in doc.xpath("//button[@data-statements]"))
    spans = doc.xpath("//article[@id='a3']//span[@data-st='t10']")
    assert "".join(s.text_content() for s in spans).startswith("At least three people died")
    assert doc.xpath("//article[@id='a1']//h3/a")[0].get("href") == "/articles/1"
    assert doc.xpath("//*[@id='entity-e3']//a")[0].get("href") == "/entities/Carolina%20Toh%C3%A1"
    assert doc.xpath("//*[@id='timeline']//*[local-name()='svg']")


def test_unknown_or_malformed_story_is_a_readable_404(client: TestClient) -> None:
    for path in ("/stories/999", "/stories/abc"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Not found" in response.text and "Traceback" not in response.text
    assert client.get("/stories/999.json").json()["error"]["status"] == 404


# -- an article --------------------------------------------------------------------------------
def test_article_page_marks_statements_and_mentions(client: TestClient) -> None:
    doc = html(client, "/articles/2")
    assert doc.findtext(".//h1") == "Five dead as 6.4 quake shakes Chile"
    assert doc.xpath("//span[@class='seg' and @data-st='t6']")
    assert [m.text_content() for m in doc.xpath("//mark[@data-entity='e3']")] == [
        "Interior Minister Carolina Toha"
    ]
    assert doc.xpath("//a[@href='/stories/1']")
    assert len(doc.xpath("//ol[@class='statements']/li")) == 4


def test_article_json_has_text_statements_and_entities(client: TestClient) -> None:
    data = client.get("/articles/1.json").json()
    assert data["article"]["text"].startswith("An earthquake of magnitude 6.1")
    assert data["story"] == 1
    assert [s["id"] for s in data["statements"]] == ["t1", "t2", "t3", "t4", "t5"]
    assert {e["name"] for e in data["entities"]} >= {"Chile", "Antofagasta", "Carolina Tohá"}


def test_article_mentions_without_offsets_are_located_in_their_statement(web_settings: Settings) -> None:
    dossier = example_dossier()
    for entity in dossier["entities"]:
        for mention in entity["mentions"]:
            del mention["start"], mention["end"]
    with TestClient(create_app(web_settings, DossierSource(lambda s, i, c: dossier))) as client:
        doc = html(client, "/articles/1")
    assert [m.text_content() for m in doc.xpath("//mark[@data-entity='e2']")] == ["Antofagasta"]


# -- entities, about -----------------------------------------------------------------------------
def test_entity_page_finds_the_entity_by_name_or_alias(client: TestClient) -> None:
    for name in ("Carolina Tohá", "carolina toha"):
        data = client.get(f"/entities/{name}.json").json()
        assert [(a["story"]["id"], a["entity"]["id"]) for a in data["appearances"]] == [(1, "e3")]
        assert [a["outlet"] for a in data["appearances"][0]["articles"]] == [
            "Example Wire",
            "Daily Example",
            "Morning Post",
        ]
    doc = html(client, "/entities/Carolina%20Toh%C3%A1")
    assert doc.xpath("//a[@href='/stories/1#entity-e3']")
    assert client.get("/entities/Nobody.json").json()["appearances"] == []


def test_entity_search_form_redirects_to_the_entity_page(client: TestClient) -> None:
    assert html(client, "/entities").xpath("//form[@action='/entity']//label[@for='entity-name']")
    response = client.get("/entity", params={"name": "AC/DC"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/entities/AC%2FDC"


def test_about_credits_the_corpus_and_the_model(client: TestClient) -> None:
    text = html(client, "/about").text_content()
    for words in ("ECB+", "Cybulska and Vossen", "LREC 2014", "CC BY 3.0", "spaCy", "en_core_web_sm"):
        assert words in text
    data = client.get("/about.json").json()
    assert data["articles"] == 5 and data["credits"][0]["license"] == "CC BY 3.0"


# -- headers, assets, errors -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", [*PAGES, "/stories.json", "/static/app.js", "/static/app.css", "/nope", "/nope.json"]
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    assert CSP == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", PAGES)
def test_pages_use_only_same_origin_static_script_and_style(client: TestClient, path: str) -> None:
    doc = html(client, path)
    assert [s.get("src") for s in doc.xpath("//script")] == ["/static/app.js"]
    assert not [s for s in doc.xpath("//script") if (s.text or "").strip()]
    assert not doc.xpath("//style | //*[@style]")
    assert [link.get("href") for link in doc.xpath("//link[@rel='stylesheet']")] == ["/static/app.css"]
    assert doc.xpath("//main[@id='main']") and doc.get("lang") == "en"


@pytest.mark.parametrize("path", PAGES)
def test_pages_link_their_json(client: TestClient, path: str) -> None:
    link = html(client, path).xpath("//link[@rel='alternate']")[0].get("href")
    assert client.get(link).headers["content-type"] == "application/json"


def test_missing_database_is_a_readable_503(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(db_path=tmp_path / "none.db"), fixture_source())) as client:
        response = client.get("/")
        assert response.status_code == 503
        assert "Database unavailable" in response.text and "no database at" in response.text
        assert "Traceback" not in response.text
        assert client.get("/stories.json").json()["error"]["title"] == "Database unavailable"
    assert not (tmp_path / "none.db").exists()  # the web app never creates a database


def test_a_file_that_is_not_a_database_is_a_readable_503(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not sqlite at all")
    with TestClient(create_app(Settings(db_path=bogus), fixture_source())) as client:
        response = client.get("/stories/1")
    assert response.status_code == 503 and "is not a SQLite database" in response.text


def test_a_locked_database_is_a_readable_503(web_settings: Settings) -> None:
    def locked(store: Any, story_id: int, settings: Settings) -> dict[str, Any]:
        raise StoreError(
            f"database {settings.db_path} is locked by another process; wait for it to finish and retry"
        )

    with TestClient(create_app(web_settings, DossierSource(locked))) as client:
        response = client.get("/stories/1")
    assert response.status_code == 503 and "is locked by another process" in response.text


def test_an_internal_error_is_a_readable_500(web_settings: Settings) -> None:
    def broken(store: Any, story_id: int, settings: Settings) -> dict[str, Any]:
        raise RuntimeError("secret internals")

    with TestClient(create_app(web_settings, DossierSource(broken))) as client:
        response = client.get("/stories/1")
    assert response.status_code == 500
    assert "Internal error" in response.text and "secret internals" not in response.text


# -- untrusted text ----------------------------------------------------------------------------------
def _hostile_story(client: TestClient) -> int:
    stories = client.get("/stories.json").json()["stories"]
    return next(s["id"] for s in stories if s["id"] != 1)


def test_hostile_article_text_is_escaped_on_every_page(client: TestClient) -> None:
    story = _hostile_story(client)
    article_ids = [4, 5]
    for path in [
        "/",
        f"/stories/{story}",
        *(f"/articles/{a}" for a in article_ids),
        "/entities/Harbour%20protest",
    ]:
        body = client.get(path).text
        assert PAYLOAD not in body, path
        doc = lxml.html.fromstring(body)
        assert [s.get("src") for s in doc.xpath("//script")] == ["/static/app.js"], path
        assert not doc.xpath("//img | //iframe | //a[starts-with(normalize-space(@href), 'javascript:')]"), (
            path
        )
        assert not [el for el in doc.iter() if any(name.startswith("on") for name in el.attrib)], path
    assert "&lt;script&gt;window.__pwned = 1;" in client.get(f"/stories/{story}").text


def test_hostile_text_survives_json_verbatim(client: TestClient) -> None:
    data = client.get("/articles/5.json").json()
    assert data["article"]["outlet"].endswith(PAYLOAD)
    assert data["article"]["origin"] == "javascript:window.__pwned = 6"


def test_articles_only_dossier_is_valid_without_the_engine(web_settings: Settings) -> None:
    with open_store(web_settings.db_path) as store:
        dossier = articles_only_dossier(store, 1, web_settings)
    jsonschema.validate(dossier, json.loads(SCHEMA.read_text("utf-8")))
    assert [a["id"] for a in dossier["articles"]] == ["a1", "a2", "a3"]


def test_the_real_engine_serves_a_valid_dossier(web_settings: Settings) -> None:
    pytest.importorskip("corroborator.dossier")
    with TestClient(create_app(web_settings)) as client:
        data = client.get("/stories/1.json").json()
        jsonschema.validate(data, json.loads(SCHEMA.read_text("utf-8")))
        assert len(data["articles"]) == 3
        assert html(client, "/stories/1").xpath("//*[@id='articles']//span[@class='seg']")


def test_serve_binds_loopback_by_default() -> None:
    from corroborator.cli_web import serve_command

    host = next(p for p in serve_command.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_the_stories_page_pages_through_many_stories(tmp_path: Path) -> None:
    from corroborator import ArticleDraft, ingest_drafts

    settings = Settings(db_path=tmp_path / "many.db")
    topics = ["volcano", "election", "harvest", "regatta", "eclipse", "summit", "flood", "marathon"]
    drafts = [
        ArticleDraft(
            origin=f"mem://{i}",
            title=f"{topics[i % 8]} {i} zq{i}x",
            text=f"Story number {i} about zq{i}x {topics[i % 8]}: unique words zq{i}x zq{i}y zq{i}z.",
            published=f"2024-01-{1 + i % 28:02d}T00:00:00+00:00",
        )
        for i in range(60)
    ]
    with open_store(settings.db_path) as store:
        ingest_drafts(store, drafts, settings)
    with TestClient(create_app(settings, fixture_source())) as client:
        first = client.get("/stories.json").json()
        if first["total"] <= 50:
            pytest.skip(f"grouping merged the drafts into {first['total']} stories")
        second = client.get("/stories.json", params={"page": 2}).json()
        assert len(first["stories"]) == 50 and first["pages"] == 2
        assert {s["id"] for s in first["stories"]}.isdisjoint(s["id"] for s in second["stories"])
        doc = html(client, "/?page=2&sort=date")
    assert doc.xpath("//nav[@class='pager']/a[@rel='prev']")[0].get("href") == "/?q=&sort=date&page=1"
