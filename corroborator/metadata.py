"""Article metadata from text and URLs: outlet, publication time, title, language.

Each function returns None rather than guess: an unknown date stays unknown (never "today"),
an unknown outlet falls back to the domain it came from.
"""

from __future__ import annotations

import re
import time
import warnings
from datetime import datetime
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from dateutil import parser as date_parser

_YEAR = re.compile(r"(?<!\d)(1[89]\d{2}|2\d{3})(?!\d)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})$)")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_SENTINEL = datetime(1, 1, 1)
_HOUR = 3600
# Zone abbreviations that news pages print; an ambiguous or unknown one leaves the time naive.
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": _HOUR,
    "CET": _HOUR,
    "CEST": 2 * _HOUR,
    "EET": 2 * _HOUR,
    "EEST": 3 * _HOUR,
    "MSK": 3 * _HOUR,
    "IST": 19800,
    "JST": 9 * _HOUR,
    "AEST": 10 * _HOUR,
    "AEDT": 11 * _HOUR,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
}
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "Moscow [Russia], February 6 (ANI):", "MOSCOW (Reuters) -", "KYIV, Ukraine (AP) —"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)(?:\s*\[[^\]\n]{1,40}\])?"
    r"(?:,\s*(?:[A-Z][A-Za-z.' ]{1,30},\s*)?(?:" + _MONTHS + r"\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][a-z]+))?"
    r"\s*\((?P<agency>[A-Za-z][A-Za-z&.' -]{0,30}[A-Za-z.])\)\s*[:\-–—]"
)
_FRONT_MATTER_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "published": "published",
    "date": "published",
    "author": "author",
    "by": "author",
    "url": "url",
    "language": "language",
    "lang": "language",
}
_FRONT_LINE = re.compile(r"^(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*\S)\s*$")


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """Domain -> outlet name, from the bundled `data/outlets.tsv`."""
    table: dict[str, str] = {}
    text = resources.files("corroborator").joinpath("data/outlets.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            domain, name = line.split("\t", 1)
            table[domain.strip().lower()] = name.strip()
    return table


@lru_cache(maxsize=1)
def known_agencies() -> frozenset[str]:
    """Agency names and abbreviations that may appear in a dateline, lower-cased."""
    text = resources.files("corroborator").joinpath("data/agencies.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: a known name for its domain, else the bare domain."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    host = host.removeprefix("www.")
    outlets = known_outlets()
    parts = host.split(".")
    for start in range(len(parts) - 1):
        name = outlets.get(".".join(parts[start:]))
        if name:
            return name
    return host


def outlet_from_dateline(text: str) -> str | None:
    """The agency named in an opening dateline such as 'Moscow [Russia], February 6 (ANI):'.

    Only short parenthesised names are taken, and only at the very start of the text, so a
    parenthesis in an ordinary first sentence is not mistaken for a wire credit.
    """
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    agency = match.group("agency").strip()
    if len(agency.split()) > 4:
        return None
    if agency.lower() in known_agencies() or agency.isupper() or agency.istitle():
        return _canonical_agency(agency)
    return None


def _canonical_agency(agency: str) -> str:
    aliases = {"associated press": "AP", "agence france-presse": "AFP"}
    return aliases.get(agency.lower(), agency)


def normalise_date(value: object) -> str | None:
    """ISO-8601 for a date or time in any common form, or None when it has no year or is unparseable.

    Missing parts are never filled from today: "Feb 6" alone is None. A value with a time of day
    keeps its time and its UTC offset when it has one; a bare date stays a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6]).isoformat()
    if isinstance(value, datetime):
        return _iso(value)
    text = str(value).strip()
    if not _YEAR.search(text) or len(text) > 80:
        return None
    if _ISO_DATE.match(text):  # fast path for the machine-written dates most pages carry
        return text if len(text) == 10 else _iso(datetime.fromisoformat(text))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            parsed = date_parser.parse(text, default=_SENTINEL, fuzzy=False, tzinfos=_ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    if not isinstance(parsed, datetime) or parsed.year == 1:
        return None
    # A midnight with no offset is how extractors spell "date only" (trafilatura's output format).
    if _HAS_TIME.search(text) and not (parsed.tzinfo is None and text.endswith("00:00:00")):
        return str(parsed.isoformat())
    return str(parsed.date().isoformat())


def _iso(moment: datetime) -> str:
    """ISO-8601; a naive midnight is a date without a time of day."""
    if moment.tzinfo is None and moment.time() == datetime.min.time():
        return moment.date().isoformat()
    return moment.isoformat()


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split optional 'Key: value' header lines (title, outlet, published...) from a text file.

    A header counts only when every line before the first blank line is a known key, so a body
    that starts with 'Moscow: ...' is left alone.
    """
    head, sep, body = text.lstrip("\ufeff").partition("\n\n")
    fields: dict[str, str] = {}
    for line in head.strip().splitlines():
        match = _FRONT_LINE.match(line)
        key = _FRONT_MATTER_KEYS.get(match.group("key").lower()) if match else None
        if match is None or key is None:
            return {}, text
        fields[key] = match.group("value")
    if not sep or not fields:
        return {}, text
    return fields, body


def split_title(text: str) -> tuple[str | None, str]:
    """Take the first non-empty line as the title when it reads like a headline.

    A headline is short and is not a paragraph of several sentences; an opening line that is a
    dateline paragraph (as in wire copy) stays in the body and the article has no title.
    """
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    candidate = first.strip()
    if not rest.strip() or not looks_like_headline(candidate):
        return None, stripped
    return candidate, rest.strip("\n")


def looks_like_headline(line: str) -> bool:
    """Short, few words, no sentence break inside, no dateline credit."""
    if not line or len(line) > 200 or len(line.split()) > 30:
        return False
    if outlet_from_dateline(line):
        return False
    return not re.search(r"[.!?][\"”’']?\s+[A-Z]", line)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid on its first 600 characters).

    Six hundred characters (several sentences) are plenty for a language's word statistics, and
    the cost grows with the sample: this is the largest share of ingest's own time.
    """
    sample = text[:600]
    if len(sample.split()) < 3:
        return None
    import py3langid  # loads its model on first use; most commands never need it

    return str(py3langid.classify(sample)[0])
