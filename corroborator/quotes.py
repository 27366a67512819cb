"""Quotations: where the quotation marks are, and who is quoted.

Direct quotes are found from the marks themselves (straight and curly double quotes, guillemets),
so a quote may span several sentences. Its speaker is the attribution of the sentence that closes
it, else of the sentence that opens it, else of the next short sentence ("..., Prokopenko added."),
else of the quote just before it in the same article (a quote split by "he said").
Reported speech ("Lavrov blamed Kyiv...", "Peskov said that...") is a statement attributed to a
person or organisation with no quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = {"“": "”", "«": "»", "„": "“"}
_OPENING = re.compile('[“«„"]')
MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes or titles ("terrorist act")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The words between a pair of quotation marks (marks excluded)."""

    start: int
    end: int

    def contains(self, char: int) -> bool:
        return self.start <= char < self.end


def quote_spans(text: str, *, min_words: int = 0) -> list[QuoteSpan]:
    """Spans inside quotation marks, in order; unbalanced marks end at the paragraph's end."""
    spans: list[QuoteSpan] = []
    i = 0
    while (match := _OPENING.search(text, i)) is not None:
        i = match.start()
        closer = _closer_for(text, i)
        if closer is None:
            i += 1
            continue
        end = _find_closer(text, i + 1, closer)
        if len(text[i + 1 : end].split()) >= min_words:
            spans.append(QuoteSpan(i + 1, end))
        i = end + 1
    return spans


def _closer_for(text: str, i: int) -> str | None:
    char = text[i]
    if char in _OPENERS:
        return _OPENERS[char]
    if char == '"' and (i == 0 or not text[i - 1].isalnum()):
        return '"'
    return None


def _find_closer(text: str, start: int, closer: str) -> int:
    """Index of the closing mark; a paragraph break ends an unclosed quote."""
    marks = re.escape(closer + ('"' if closer == "”" else ""))
    match = re.compile(rf"[{marks}]|\n\n").search(text, start)
    return match.start() if match else len(text)


def inside_quotes(spans: list[QuoteSpan], start: int, end: int) -> float:
    """Share of [start, end) that lies inside quotation marks."""
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in spans)
    return covered / (end - start)
