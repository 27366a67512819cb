"""Independent origins: who a statement really comes from.

A statement attributed to a named source ("reported Al Jazeera", "Peskov said") comes from that
source; otherwise it comes from the article's outlet, and a near-duplicate article's statements
come from the outlet of the copy it duplicates. Two outlets repeating one agency, or quoting one
spokesman, add one origin, not two.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePath

from corroborator.metadata import known_agencies, known_outlets
from corroborator.models import Article
from corroborator.parsed import ParsedArticle
from corroborator.statements import Attribution

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_PREFERRED_LABELS = ("PERSON", "ORG")


def outlet_label(article: Article) -> str:
    """The outlet's name, or the file or URL name when the source did not say."""
    if article.outlet:
        return article.outlet
    return PurePath(article.origin.split("?")[0].rstrip("/")).name or article.origin


@lru_cache(maxsize=1)
def _outlet_names() -> tuple[str, ...]:
    names = set(known_outlets().values()) | {a for a in known_agencies() if len(a) > 2}
    return tuple(sorted(names, key=len, reverse=True))


def outlet_in(speaker: str, story_outlets: tuple[str, ...] = ()) -> str | None:
    """The outlet a speaker phrase names ('the Russian daily Kommersant' -> Kommersant), if any."""
    match = _outlet_pattern(story_outlets).search(speaker)
    if match is None:
        return None
    found = match.group(1)
    return next((n for n in (*story_outlets, *_outlet_names()) if n.lower() == found.lower()), found)


@lru_cache(maxsize=64)
def _outlet_pattern(story_outlets: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of every outlet name, longest first, as whole words, ignoring case."""
    names = sorted({*story_outlets, *_outlet_names()}, key=lambda n: (-len(n), n))
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


def speaker_entity(
    parsed: ParsedArticle, attribution: Attribution, entity_of: dict[tuple[int, int], str]
) -> str | None:
    """The entity id the speaker words name: a person before an organisation, the last one named."""
    mentions = [
        m for m in parsed.entities_in(attribution.start, attribution.end) if (parsed.id, m.start) in entity_of
    ]
    for label in _PREFERRED_LABELS:
        chosen = [m for m in mentions if m.label == label]
        if chosen:
            return entity_of[(parsed.id, chosen[-1].start)]
    return entity_of[(parsed.id, mentions[-1].start)] if mentions else None


def speaker_name(attribution: Attribution) -> str:
    """The speaker words without a leading article: 'state media', 'Russian authorities'."""
    return _LEADING_ARTICLE.sub("", attribution.speaker).strip()
