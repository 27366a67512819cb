"""Turning raw bytes into article drafts: decoding, binary sniffing, HTML and plain-text extraction.

HTML goes through trafilatura (main text and metadata); plain text through the cleaner, with an
optional 'Key: value' header. Every failure is an InputError whose message says what was wrong.
"""

from __future__ import annotations

import re
from typing import Any

import charset_normalizer

from corroborator.cleaning import clean_text
from corroborator.errors import InputError
from corroborator.metadata import (
    detect_language,
    normalise_date,
    outlet_from_dateline,
    outlet_from_url,
    parse_front_matter,
    split_title,
)
from corroborator.models import ArticleDraft

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "a SQLite database"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x00", "a binary file"),
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# What ingest asks of trafilatura (benchmarks/ingest.py times bare trafilatura with the same options).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    # No guessing from the URL or page text beyond the date markup; never today's date.
    "date_extraction_params": {
        "extensive_search": False,
        "original_date": True,
        "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    },
}
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2})(?:[-_][a-zA-Z]+)?["'\s>]""", re.I)
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary file `data` is, or None when it may be text."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return "a binary file" if b"\x00" in data[:8192] else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text trying, in order: a BOM, the declared charset, UTF-8, then detection."""
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"binary content ({kind}), not text: convert it to text or HTML first")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec) or _undecodable(codec)
    for candidate in (declared, _meta_charset(data), "utf-8"):
        decoded = _strict(data, candidate) if candidate else None
        if decoded is not None:
            return _checked(decoded)
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None or (text := _strict(data, best.encoding)) is None:
        return _undecodable(declared)
    return _checked(text)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _checked(text: str) -> str:
    sample = text[:20_000]
    if sample and len(_UNPRINTABLE.findall(sample)) / len(sample) > 0.02:
        raise InputError("undecodable bytes: the text decodes to control characters; is it binary?")
    return text


def _undecodable(declared: str | None) -> str:
    said = f"declared {declared}, " if declared else ""
    raise InputError(f"undecodable bytes: {said}not UTF-8, and no other encoding fits")


def draft_from_text(raw: str, *, origin: str, min_words: int = 1, **known: Any) -> ArticleDraft:
    """Build a draft from plain article text and any metadata already known (JSON fields...).

    The first line is taken as the title when it reads like a headline and no title is known.
    """
    header, body = parse_front_matter(raw)
    meta = {**header, **{k: v for k, v in known.items() if v}}
    text = clean_text(body)
    if not meta.get("title"):
        title, text = split_title(text)
        meta["title"] = title
    return _finish(text, origin=origin, meta=meta, min_words=min_words)


def draft_from_html(html: str, *, origin: str, url: str | None, min_words: int = 1) -> ArticleDraft:
    """Extract main text and metadata from an HTML page with trafilatura."""
    import trafilatura  # heavy import, only needed for HTML

    document: Any = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    if document is None or not (document.text or "").strip():
        raise InputError("no article text found in the HTML (empty, broken, or not an article page)")
    title = (document.title or "").strip() or None
    text = _without_leading_title(clean_text(document.text), title)
    meta = {
        "title": title,
        "url": url,
        "outlet": (document.sitename or "").strip() or None,
        "published": document.date,
        "author": (document.author or "").strip() or None,
        "language": document.language or declared_language(html),
    }
    return _finish(text, origin=origin, meta=meta, min_words=min_words)


def declared_language(html: str) -> str | None:
    """The page's own `<html lang="en-GB">`, as an ISO 639-1 code; detection runs when it has none."""
    match = _HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None


def _without_leading_title(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line of the text; drop that copy."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.strip()
    return text


def _finish(text: str, *, origin: str, meta: dict[str, Any], min_words: int) -> ArticleDraft:
    """Validate the text and fill outlet, date and language from what is known or detectable."""
    if len(text.split()) < max(min_words, 1):
        raise InputError("empty article: no text left after cleaning")
    url = meta.get("url") or None
    outlet = meta.get("outlet") or outlet_from_dateline(text) or outlet_from_url(url)
    return ArticleDraft(
        origin=origin,
        text=text,
        title=meta.get("title") or None,
        url=url,
        outlet=outlet,
        published=normalise_date(meta.get("published")),
        author=meta.get("author") or None,
        language=meta.get("language") or detect_language(text),
    )
