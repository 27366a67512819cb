"""Cheap text features for story grouping: weighted words, capitalised names, publication day.

This runs once per article at ingest, so it uses regular expressions only (no spaCy parse):
grouping 100k articles has to take well under a minute. The weights are what the clustering
compares; the names are guessed from capitalisation, which is rough but cheap, and good enough
to tell "Tara Reid enters rehab" from "Lindsay Lohan enters rehab".
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime

# Words with inner apostrophes, dots or hyphens kept whole: "U.S.", "6.1", "al-Assad", "O'Neill".
_WORD = re.compile(r"[^\W_]+(?:[.'’\-][^\W_]+)*")
# A capitalised word and everything up to the text before it, to tell sentence starts apart.
_CAPITALISED = re.compile(r"[A-Z][^\W_]*(?:[.'’\-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s\b")
_SENTENCE_END = frozenset(".!?:;\"“”'‘’\n([—–-")

STOPWORDS = frozenset(
    """a about above after again against all almost also am among an and any are around as at be
    became because been before being below between both but by can could did do does doing down
    during each either else even ever every few for from further had has have having he her here
    hers herself him himself his how however i if in into is it its itself just least less like
    many may me might more most much must my myself neither no nor not now of off often on once
    one only or other others our ours ourselves out over own per perhaps rather same shall she
    should since so some still such than that the their theirs them themselves then there these
    they this those though through thus to too toward towards under until up upon us very via was
    we well were what whatever when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves mr mrs ms dr said says say saying told
    tell according reported report reports new news also s t would could just like get got""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """The words that characterise one article, with weights, and its publication day.

    `weights` holds at most `max_terms` words and `max_names` names (marked `@`), the heaviest
    first (ties in order of first appearance), so the features of an article never depend on
    the rest of the corpus.
    """

    weights: dict[str, float]
    day: int | None


def stem(word: str) -> str:
    """Strip the commonest English inflections so "quakes", "quake" and "quaked" meet.

    Deliberately crude (no dictionary): it only needs to be consistent, not linguistic.
    """
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 6:
        return word[:-3]
    if word.endswith("ed") and len(word) > 5:
        return word[:-2]
    if word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_stem = functools.lru_cache(maxsize=200_000)(stem)


def _drop_possessives(text: str) -> str:
    """ "Reid's" -> "Reid": the possessive is the same name."""
    return _POSSESSIVE.sub("", text)


def content_words(text: str) -> list[str]:
    """Lower-cased words of `text` without stopwords, in text order.

    Lower-case words are stemmed; capitalised ones are not, since "Manning" or "Thomas" are
    names, not inflections.
    """
    return [
        lower if token[0].isupper() else _stem(lower)
        for token in _WORD.findall(_drop_possessives(text))
        if len(lower := token.lower()) > 1 and lower not in STOPWORDS
    ]


def _title_case(line: str) -> bool:
    """True for a headline-style line where most words are capitalised anyway."""
    words = line.split()
    if len(words) < 3:
        return False
    return sum(1 for word in words if word[:1].isupper()) > 0.6 * len(words)


def name_counts(text: str) -> dict[str, int]:
    """Words that look like parts of names, with how often: capitalised mid-sentence.

    A capitalised word right after a full stop or a quote is usually just a sentence start,
    and a headline capitalises everything, so neither counts. Two adjacent name words also
    count as one joined term ("tara_reid"), which tells apart two people who share a first
    or a last name.
    """
    counts: dict[str, int] = {}
    for line in _drop_possessives(text).splitlines():
        if _title_case(line):
            continue
        previous: tuple[int, str] | None = None
        for match in _CAPITALISED.finditer(line):
            start = match.start()
            before = line[max(0, start - 2) : start].rstrip(" ")
            word = match.group().lower()
            if not before or before[-1] in _SENTENCE_END or word in STOPWORDS or len(word) < 2:
                previous = None
                continue
            counts[word] = counts.get(word, 0) + 1
            if previous is not None and previous[0] == start - 1 and line[start - 1] == " ":
                pair = f"{previous[1]}_{word}"
                counts[pair] = counts.get(pair, 0) + 1
            previous = (match.end(), word)
    return counts


def publication_day(published: str | None) -> int | None:
    """The proleptic day number of an ISO-8601 timestamp, or None when missing or unreadable."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(published.strip()[:10]).toordinal()
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date().toordinal()


def article_terms(
    title: str | None,
    text: str,
    published: str | None,
    *,
    max_terms: int,
    max_names: int,
    title_boost: float,
) -> ArticleTerms:
    """Weigh an article's words and names: 1 + ln(count), with extra count for title words.

    Names are kept as separate terms marked `@` ("@reid", "@tara_reid") so that clustering can
    weigh "who and where" apart from "what happened". The title is often the first line of
    the text as well; counting it again is intended, since headline words say what the story
    is about.
    """
    counts: dict[str, float] = {}
    for word in content_words(text):
        counts[word] = counts.get(word, 0.0) + 1.0
    for word in content_words(title or ""):
        counts[word] = counts.get(word, 0.0) + title_boost
    words = _heaviest(counts, max_terms)
    names = _heaviest({f"@{name}": float(n) for name, n in name_counts(text).items()}, max_names)
    return ArticleTerms(weights={**words, **names}, day=publication_day(published))


def _heaviest(counts: dict[str, float], limit: int) -> dict[str, float]:
    """The `limit` heaviest terms as 1 + ln(count); ties keep text order (both sorts are stable)."""
    ranked = heapq.nlargest(limit, counts.items(), key=lambda item: item[1])
    return {sys.intern(term): round(1.0 + math.log(count), 4) for term, count in ranked}
