"""Helpers shared by the report, web app and browser tests: the example dossier and hostile input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from corroborator.errors import NotFoundError
from corroborator.settings import Settings
from corroborator.store import SQLiteStore
from corroborator.webapp import DossierSource

RESOURCES = Path(__file__).parent / "resources"
EXAMPLE_DOSSIER = RESOURCES / "dossier_example.json"
EXAMPLE_ARTICLES = RESOURCES / "dossier_example_articles.jsonl"
SCHEMA = Path(__file__).parents[1] / "corroborator" / "schema" / "dossier.schema.json"

# What a hostile page might carry: each line would set window.__pwned or change the title if run.
PAYLOAD = (
    '<script>window.__pwned = 1; document.title = "pwned";</script>'
    '<img src=x onerror="window.__pwned = 2">'
    '<a href="javascript:window.__pwned = 3">click me</a>'
    '<svg onload="window.__pwned = 4"></svg>'
)


def example_dossier() -> dict[str, Any]:
    """The hand-written dossier of tests/resources: 3 articles, 3 outlets, 8 facts, 2 conflicts."""
    return dict(json.loads(EXAMPLE_DOSSIER.read_text("utf-8")))


def example_texts() -> dict[str, str]:
    """The clean texts of the example dossier's articles, by dossier id."""
    lines = EXAMPLE_ARTICLES.read_text("utf-8").splitlines()
    return {f"a{i}": json.loads(line)["text"] for i, line in enumerate(lines, 1)}


def fixture_source() -> DossierSource:
    """The example dossier for story 1 (ingest EXAMPLE_ARTICLES into a fresh store first)."""

    def build(store: SQLiteStore, story_id: int, settings: Settings) -> dict[str, Any]:
        if story_id == 1:
            return example_dossier()
        return echo_dossier(store, story_id)

    return DossierSource(build)


def hostile_dossier() -> dict[str, Any]:
    """The example dossier with the payload in every piece of article-derived text."""
    dossier = copy.deepcopy(example_dossier())
    dossier["story"]["title"] += PAYLOAD
    for article in dossier["articles"]:
        article["title"] += PAYLOAD
        article["outlet"] += PAYLOAD
    dossier["articles"][0]["origin"] = "javascript:window.__pwned = 5"
    for item in [*dossier["statements"], *dossier["facts"], *dossier["quotes"], *dossier["timeline"]]:
        item["text"] += PAYLOAD
    for summary in dossier["summary"]:
        summary["text"] += PAYLOAD
    for fact in dossier["facts"]:
        fact["outlets"] = [o + PAYLOAD for o in fact["outlets"]]
    for entity in dossier["entities"]:
        entity["name"] += PAYLOAD
        entity["aliases"].append(PAYLOAD)
    for conflict in dossier["conflicts"]:
        conflict["about"] += PAYLOAD
        for side in conflict["sides"]:
            side["value"] += PAYLOAD
    return dossier


def echo_dossier(store: SQLiteStore, story_id: int) -> dict[str, Any]:
    """A valid dossier made straight from a stored story's text, so every section carries it.

    Each article's text becomes two statements (its halves), each a fact; the first two facts
    conflict; titles become entities. Used to prove hostile article text is inert everywhere.
    """
    articles = store.articles_in_story(story_id)
    if not articles:
        raise NotFoundError(f"no story {story_id}")
    statements, facts = [], []
    for article in articles:
        cut = max(1, len(article.text) // 2)
        for start, end in ((0, cut), (cut, len(article.text))):
            number = len(statements) + 1
            statements.append(
                {
                    "id": f"t{number}",
                    "article": f"a{article.id}",
                    "sentence": number - 1,
                    "text": article.text[start:end],
                    "start": start,
                    "end": end,
                    "attributed_to": article.outlet,
                    "quote": False,
                }
            )
            facts.append(
                {
                    "id": f"f{number}",
                    "text": article.text[start:end],
                    "statements": [f"t{number}"],
                    "outlets": [article.outlet or "unknown"],
                    "independent_origins": 1,
                    "status": "contested",
                }
            )
    first = articles[0]
    return {
        "schema": "corroborator.dossier/1",
        "story": {
            "id": f"s{story_id}",
            "title": first.display_title,
            "first_published": first.published,
            "last_published": first.published,
        },
        "articles": [
            {
                "id": f"a{a.id}",
                "origin": a.origin,
                "outlet": a.outlet,
                "title": a.display_title,
                "published": a.published,
                "duplicate_of": None,
            }
            for a in articles
        ],
        "entities": [
            {
                "id": "e1",
                "name": first.display_title,
                "type": "ORG",
                "aliases": [first.text[:80]],
                "mentions": [{"article": f"a{first.id}", "sentence": 0, "text": first.display_title}],
            }
        ],
        "statements": statements,
        "facts": facts,
        "conflicts": [
            {
                "id": "c1",
                "about": first.text[:60],
                "sides": [
                    {"value": facts[0]["text"][:40], "facts": ["f1"]},
                    {"value": facts[1]["text"][:40], "facts": ["f2"]},
                ],
            }
        ],
        "quotes": [
            {
                "speaker": "e1",
                "text": first.text[:100],
                "article": f"a{first.id}",
                "direct": True,
                "statements": ["t1"],
            }
        ],
        "timeline": [{"date": "2024-03-04", "precision": "day", "text": first.text[:90], "facts": ["f1"]}],
        "summary": [{"text": first.text[:120], "facts": ["f1", "f2"]}],
    }


def write_hostile_articles(directory: Path) -> list[Path]:
    """Hostile articles as a plain-text file and a JSON line (title, outlet, url carry the payload)."""
    text = directory / "hostile.txt"
    text.write_text(
        f"Protest turns violent in harbour town {PAYLOAD}\n\n"
        f"Police said the crowd gathered at noon near the harbour {PAYLOAD} and dispersed by evening.\n"
        "Officials said nobody was hurt, and the harbour reopened on Tuesday morning.\n",
        "utf-8",
    )
    line = {
        "title": f"Harbour protest {PAYLOAD}",
        "outlet": f"Evil Outlet {PAYLOAD}",
        "url": "javascript:window.__pwned = 6",
        "published": "2024-03-04T10:00:00+00:00",
        "text": f"Harbour protest: police said the crowd {PAYLOAD} gathered at noon and left by evening.",
    }
    jsonl = directory / "hostile.jsonl"
    jsonl.write_text(json.dumps(line) + "\n", "utf-8")
    return [text, jsonl]


def has_class(name: str) -> str:
    """An XPath predicate for an element carrying this CSS class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
