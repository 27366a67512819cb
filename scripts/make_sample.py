"""Build the bundled demo corpus from the converted ECB+ data (CC BY 3.0).

    python scripts/make_sample.py tests/data/ecbplus.jsonl corroborator/data/sample/ecbplus_sample.jsonl

Takes the `ecbplus` half of a few topics, whose documents start with their source URL: the URL
gives the outlet, the next line the title, and a leading "Posted/Published ..." line the date.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from corroborator.metadata import normalise_date

TOPICS = (8, 12, 18, 20, 24, 37)  # riots, piracy, a shooting, two earthquakes, a heist
_DATE_PREFIX = re.compile(r"^(?:First Published|Published|Posted|Updated|Last updated)\s*:?\s*", re.I)


def to_article(doc: dict[str, object]) -> dict[str, object] | None:
    """One sample article from one ECB+ document, or None when it lacks a URL line."""
    lines = [line.strip() for line in str(doc["text"]).split("\n") if line.strip()]
    if len(lines) < 3 or not lines[0].startswith("http"):
        return None
    url, title, body = lines[0], lines[1], lines[2:]
    published = normalise_date(_DATE_PREFIX.sub("", title))
    if published and body:
        title, body = body[0], body[1:]
    while body and (date := normalise_date(_DATE_PREFIX.sub("", body[0]).split(" Last ")[0])):
        published = published or date
        body = body[1:]
    return {
        "url": url,
        "title": title,
        "text": "\n".join(body),
        "published": published,
        "story": doc["story"],
        "license": "CC BY 3.0, ECB+ corpus (Cybulska and Vossen 2014)",
    }


def main(source: Path, target: Path) -> None:
    docs = [json.loads(line) for line in source.read_text("utf-8").splitlines()]
    chosen = [doc for doc in docs if doc["half"] == "ecbplus" and doc["topic"] in TOPICS]
    articles = [a for a in map(to_article, chosen) if a is not None]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles from {len(TOPICS)} stories -> {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
