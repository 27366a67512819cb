"""Plain data records passed between the stages and the store."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


def content_hash(text: str) -> str:
    """Hash an article's text so the same report ingested twice is recognised.

    Whitespace and Unicode composition are normalised first: the same words re-encoded or
    re-wrapped are the same content.
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    """Count whitespace-separated words; good enough for listing and limits."""
    return len(text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDraft:
    """An article as extracted from a source, before it has an id in the store."""

    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A stored article."""

    id: int
    origin: str
    text: str
    content_hash: str
    words: int
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    duplicate_of: int | None = None
    story_id: int | None = None

    @property
    def display_title(self) -> str:
        """The title, or the opening words of the text when the source had none."""
        if self.title:
            return self.title
        words = self.text.split()
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")

    def summary(self) -> dict[str, Any]:
        """The fields `corroborator articles` lists."""
        return {
            "id": self.id,
            "origin": self.origin,
            "outlet": self.outlet,
            "title": self.display_title,
            "published": self.published,
            "language": self.language,
            "words": self.words,
            "duplicate_of": self.duplicate_of,
            "story": self.story_id,
        }


class Status(StrEnum):
    """What became of one input item."""

    STORED = "stored"
    DUPLICATE = "already stored"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """The outcome of one input item, reported on its own line."""

    source: str
    status: Status
    article_id: int | None = None
    title: str | None = None
    outlet: str | None = None
    message: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        return data


@dataclass(slots=True)
class IngestReport:
    """Everything one ingest call did, in input order."""

    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def stored_ids(self) -> list[int]:
        return [r.article_id for r in self.results if r.status is Status.STORED and r.article_id]

    @property
    def ok(self) -> bool:
        """True when no item failed."""
        return self.count(Status.FAILED) == 0
