"""Expanding what the user names (files, directories, URLs, feeds, JSON) into input items.

An `Item` is one would-be article with a label for its result line and a `load` that returns the
draft or raises InputError. Expansion is lazy and never raises: a source that cannot even be
opened becomes one failed item, so the rest of the batch goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from corroborator.errors import InputError
from corroborator.extraction import decode_bytes, draft_from_html, draft_from_text, sniff_binary
from corroborator.feeds import FeedEntry, looks_like_feed, parse_feed
from corroborator.fetching import Fetched, Fetcher
from corroborator.metadata import outlet_from_url
from corroborator.models import ArticleDraft
from corroborator.settings import Settings

# news-please and our own JSON field names -> draft fields
_JSON_FIELDS = {
    "text": ("text", "maintext"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source", "source_domain"),
    "published": ("published", "date_publish", "date"),
    "author": ("author", "authors"),
    "language": ("language",),
}


JSON_LINES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Item:
    """One input item: `label` names it on its result line, `load` produces its draft."""

    label: str
    load: Callable[[], ArticleDraft]


def failed(label: str, error: InputError) -> Item:
    """An item that only reports why its source could not be read."""

    def load() -> ArticleDraft:
        raise error

    return Item(label, load)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


class SourceExpander:
    """Turns source names into items, sharing one fetcher and one settings object."""

    def __init__(self, settings: Settings, fetcher: Fetcher) -> None:
        self.settings = settings
        self.fetcher = fetcher

    def expand(self, sources: Iterable[str], feeds: Iterable[str] = ()) -> Iterator[Item]:
        for feed in feeds:
            yield from self._guard(feed, partial(self.feed_url, feed))
        for source in sources:
            if is_url(source):
                yield from self._guard(source, partial(self.url, source))
            else:
                yield from self._guard(source, partial(self.path, Path(source)))

    def _guard(self, label: str, expand: Callable[[], Iterator[Item]]) -> Iterator[Item]:
        try:
            yield from expand()
        except InputError as error:
            yield failed(label, error)

    # -- URLs and feeds -------------------------------------------------------------------
    def url(self, url: str) -> Iterator[Item]:
        """A URL is an article page, or a feed whose entries are then fetched."""
        fetched = self.fetcher.fetch(url)
        if looks_like_feed(fetched.content, fetched.content_type):
            yield from self.feed_entries(fetched.content, label=url)
        else:
            yield Item(url, lambda: self._html_draft(fetched, origin=url))

    def feed_url(self, url: str) -> Iterator[Item]:
        fetched = self.fetcher.fetch(url)
        yield from self.feed_entries(fetched.content, label=url)

    def feed_entries(self, data: bytes, *, label: str) -> Iterator[Item]:
        for entry in parse_feed(data, label=label):
            entry_label = entry.link or f"{label} entry {entry.position}"
            yield Item(entry_label, partial(self._entry_draft, entry))

    def _entry_draft(self, entry: FeedEntry) -> ArticleDraft:
        if not entry.link:
            raise InputError(f"feed entry {entry.position} ({entry.title or 'untitled'}) has no link")
        return entry.fill(self._html_draft(self.fetcher.fetch(entry.link), origin=entry.link))

    def _html_draft(self, fetched: Fetched, *, origin: str) -> ArticleDraft:
        html = decode_bytes(fetched.content, fetched.charset)
        return draft_from_html(html, origin=origin, url=fetched.url, min_words=self.settings.min_words)

    # -- files and directories --------------------------------------------------------------
    def path(self, path: Path) -> Iterator[Item]:
        if path.is_dir():
            yield from self.directory(path)
        elif not path.exists():
            raise InputError("no such file or directory")
        else:
            yield from self.file(path)

    def directory(self, root: Path) -> Iterator[Item]:
        """Every readable file under `root` with a known extension, in sorted order; hidden ones skipped."""
        known = self._known_extensions()
        for path in sorted(root.rglob("*")):
            hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
            if path.is_file() and not hidden and path.suffix.lower() in known:
                yield from self._guard(str(path), partial(self.file, path))

    def _known_extensions(self) -> set[str]:
        s = self.settings
        return {*s.extensions_text, *s.extensions_html, *s.extensions_json, *s.extensions_feed}

    def file(self, path: Path) -> Iterator[Item]:
        if path.suffix.lower() in JSON_LINES:
            yield from self.json_lines_file(path)
            return
        data = self._read_bounded(path)
        kind = self._file_kind(path, data)
        label = str(path)
        if kind == "json":
            yield from self.json_items(data, label=label, lines=path.suffix.lower() != ".json")
        elif kind == "feed":
            yield from self.feed_entries(data, label=label)
        elif kind == "html":
            yield Item(
                label,
                lambda: draft_from_html(
                    decode_bytes(data), origin=label, url=None, min_words=self.settings.min_words
                ),
            )
        else:
            yield Item(
                label,
                lambda: draft_from_text(decode_bytes(data), origin=label, min_words=self.settings.min_words),
            )

    def _read_bounded(self, path: Path) -> bytes:
        size = path.stat().st_size
        if size > self.settings.max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the {self.settings.max_bytes:,}-byte limit (--max-bytes)"
            )
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}") from exc

    def _file_kind(self, path: Path, data: bytes) -> str:
        """Decide by extension; sniff the content for unknown ones."""
        suffix = path.suffix.lower()
        s = self.settings
        for kind, extensions in (
            ("text", s.extensions_text),
            ("html", s.extensions_html),
            ("json", s.extensions_json),
        ):
            if suffix in extensions:
                return kind
        if suffix in s.extensions_feed or looks_like_feed(data):
            return "feed"
        if sniff_binary(data):
            decode_bytes(data)  # raises the binary-content error
        head = data[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
            return "html"
        return "json" if head.startswith((b"{", b"[")) else "text"

    # -- JSON ------------------------------------------------------------------------------
    def json_lines_file(self, path: Path) -> Iterator[Item]:
        """Stream a JSON Lines file: the size limit applies to each line, not to the file."""
        limit = self.settings.max_bytes
        with path.open("rb") as handle:
            for number, raw in enumerate(iter(partial(handle.readline, limit + 1), b""), start=1):
                label = f"{path}:{number}"
                if len(raw) > limit and not raw.endswith(b"\n"):
                    _skip_rest_of_line(handle)
                    yield failed(label, InputError(f"line is over the {limit:,}-byte limit (--max-bytes)"))
                elif raw.strip():
                    yield self._line_item(_decode_line(raw), label)

    def json_items(self, data: bytes, *, label: str, lines: bool) -> Iterator[Item]:
        """One item per JSON Lines line, or per object of a JSON array / single object."""
        text = decode_bytes(data)
        if not lines:
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                parsed = None  # maybe JSON Lines under a .json name
            if parsed is not None:
                records = parsed if isinstance(parsed, list) else [parsed]
                for index, record in enumerate(records):
                    yield self._record_item(record, f"{label}[{index}]")
                return
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield self._line_item(line, f"{label}:{number}")

    def _line_item(self, line: str, label: str) -> Item:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return failed(label, InputError(f"invalid JSON: {exc.msg} at column {exc.colno}"))
        return self._record_item(record, label)

    def _record_item(self, record: Any, label: str) -> Item:
        return Item(label, lambda: self._record_draft(record, label))

    def _record_draft(self, record: Any, label: str) -> ArticleDraft:
        if not isinstance(record, dict):
            raise InputError(f"expected a JSON object, got {type(record).__name__}")
        values = {name: _first(record, keys) for name, keys in _JSON_FIELDS.items()}
        text = values.pop("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError("no article text: the object needs a non-empty 'text' or 'maintext' field")
        if len(text.encode("utf-8")) > self.settings.max_bytes:
            raise InputError(f"text is over the {self.settings.max_bytes:,}-byte limit (--max-bytes)")
        known = {name: _as_text(value) for name, value in values.items()}
        if known.get("outlet") and "." in str(known["outlet"]) and " " not in str(known["outlet"]):
            known["outlet"] = outlet_from_url("https://" + str(known["outlet"]))
        return draft_from_text(
            text, origin=known.get("url") or label, min_words=self.settings.min_words, **known
        )


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while (chunk := handle.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def _decode_line(raw: bytes) -> str:
    """JSON is UTF-8 by standard; anything else goes through the usual detection."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(raw)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if record.get(key) not in (None, "", []):
            return record[key]
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return str(value)
