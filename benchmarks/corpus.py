"""Synthetic-but-real benchmark corpora built from the ECB+ articles committed under tests/data.

Real news sentences, multiplied: copy k of a document gets a marker sentence so every copy has
its own content hash, and shifted dates so time-aware stages see a spread of days.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ECBPLUS = Path(__file__).parents[1] / "tests" / "data" / "ecbplus.jsonl"
OUTLETS = (
    "Daily Example",
    "Example Wire",
    "Morning Post",
    "Evening Star",
    "Radio Example",
    "The Observer Example",
)


def ecb_documents() -> list[dict[str, object]]:
    return [json.loads(line) for line in ECBPLUS.read_text("utf-8").splitlines()]


def articles(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """`count` articles as dicts (title, text, outlet, published, url), deterministic for a seed."""
    docs = ecb_documents()
    rng = random.Random(seed)
    for index in range(count):
        doc = docs[index % len(docs)]
        copy = index // len(docs)
        day = date(2024, 1, 1) + timedelta(days=int(doc["topic"]) * 9 + copy * 3 + rng.randrange(3))  # type: ignore[call-overload]
        text = str(doc["text"]) + ("" if copy == 0 else f"\nThis is edition {copy} of the report.")
        yield {
            "title": str(doc["title"]),
            "text": text,
            "outlet": OUTLETS[(index + copy) % len(OUTLETS)],
            "published": day.isoformat(),
            "url": f"https://news{index % 50}.example.org/{doc['id']}/{copy}",
        }


def as_html(article: dict[str, str]) -> str:
    """A news page around the article: head metadata, navigation, paragraphs, a footer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in article["text"].split("\n"))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(article["title"])} | {article["outlet"]}</title>
<meta property="og:site_name" content="{article["outlet"]}">
<meta property="og:title" content="{html.escape(article["title"])}">
<meta property="article:published_time" content="{article["published"]}T08:00:00+00:00">
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/subscribe">Subscribe</a></nav></header><main><article><h1>{html.escape(article["title"])}</h1>
{paragraphs}</article></main><aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li>
<li><a href="/b">Yet another story</a></li></ul></aside>
<footer><p>© Example Media</p></footer></body></html>"""


def as_text(article: dict[str, str]) -> str:
    return f"{article['title']}\n\n{article['text']}\n"
