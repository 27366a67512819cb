"""RSS and Atom feeds: each entry's link is fetched and extracted like any article URL.

What the entry itself says (title, date, author, the feed's own title as outlet) fills the gaps
the page leaves; the page's own metadata wins where both have a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import feedparser

from corroborator.errors import InputError
from corroborator.metadata import normalise_date
from corroborator.models import ArticleDraft

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """True for RSS/Atom content, judged by its declared type or its first element."""
    if content_type and any(kind in content_type for kind in ("rss", "atom")):
        return True
    return bool(_FEED_START.match(data[:2048]))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: where it links and what the feed says about it."""

    position: int
    link: str | None
    title: str | None
    published: str | None
    author: str | None
    feed_title: str | None

    def fill(self, draft: ArticleDraft) -> ArticleDraft:
        """Complete a draft extracted from the entry's page with the entry's own metadata."""
        return replace(
            draft,
            title=draft.title or self.title,
            published=draft.published or self.published,
            author=draft.author or self.author,
            outlet=draft.outlet or self.feed_title,
        )


def parse_feed(data: bytes, *, label: str) -> Iterator[FeedEntry]:
    """Yield the entries of an RSS/Atom document; raise InputError when it is not a feed at all."""
    parsed: Any = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise InputError(f"not a valid RSS/Atom feed ({label}): {reason}")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for position, entry in enumerate(parsed.entries, start=1):
        yield FeedEntry(
            position=position,
            link=(entry.get("link") or "").strip() or None,
            title=(entry.get("title") or "").strip() or None,
            published=normalise_date(entry.get("published") or entry.get("updated")),
            author=(entry.get("author") or "").strip() or None,
            feed_title=feed_title,
        )
