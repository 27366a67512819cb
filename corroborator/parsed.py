"""A read-only view over one analysed article: its text, sentences, tokens and dependency tree.

The cached analysis stores tokens as columns (offsets, lemma, POS, dependency, head); the dossier
stages need to walk the tree (children, subtrees, the path to the root) and to map char offsets
back to tokens and sentences. This view builds those indexes once per article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from corroborator.analysis import ArticleAnalysis, EntityMention, Expression
from corroborator.models import Article


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the article, with its absolute index."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int


@dataclass
class ParsedArticle:
    """An article with its analysis, indexed for tree walks and offset look-ups."""

    article: Article
    analysis: ArticleAnalysis
    tokens: list[Token] = field(init=False)

    def __post_init__(self) -> None:
        table, text = self.analysis.tokens, self.article.text
        self.tokens = [
            Token(i, s, e, text[s:e], table.lemma[i], table.pos[i], table.tag[i], table.dep[i], table.head[i])
            for i, (s, e) in enumerate(zip(table.start, table.end, strict=True))
        ]

    @property
    def id(self) -> int:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.analysis.sentences]

    @cached_property
    def children(self) -> list[list[int]]:
        """Children of every token, in text order."""
        found: list[list[int]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                found[token.head].append(token.i)
        return found

    def token_at(self, char: int) -> int:
        """Index of the token covering (or nearest before) a char offset."""
        return max(bisect_right(self._token_starts, char) - 1, 0)

    def sentence_of_char(self, char: int) -> int:
        return max(bisect_right(self._sentence_starts, char) - 1, 0)

    def tokens_between(self, start: int, end: int) -> range:
        """Token indices whose start lies in [start, end)."""
        first = bisect_right(self._token_starts, start - 1)
        last = bisect_right(self._token_starts, end - 1)
        return range(first, last)

    def subtree(self, i: int) -> list[int]:
        """The token and all its descendants, sorted."""
        found, stack = [], [i]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children[current])
        return sorted(found)

    def depth(self, i: int) -> int:
        """Steps from the token up to its sentence root."""
        steps = 0
        while self.tokens[i].head != i and steps < 100:
            i = self.tokens[i].head
            steps += 1
        return steps

    def ancestors(self, i: int) -> Iterator[int]:
        steps = 0
        while self.tokens[i].head != i and steps < 100:
            i = self.tokens[i].head
            steps += 1
            yield i

    @cached_property
    def _entities(self) -> tuple[list[EntityMention], list[int], int]:
        """Mentions sorted by start (stable), their starts, and the longest mention's length."""
        mentions = sorted(self.analysis.entities, key=lambda m: m.start)
        longest = max((m.end - m.start for m in mentions), default=0)
        return mentions, [m.start for m in mentions], longest

    @cached_property
    def _expressions(self) -> tuple[list[Expression], list[int]]:
        expressions = sorted(self.analysis.expressions, key=lambda x: x.start)
        return expressions, [x.start for x in expressions]

    def entities_in(self, start: int, end: int) -> list[EntityMention]:
        """Mentions overlapping [start, end), in text order (a bisect, not a scan of the article)."""
        mentions, starts, longest = self._entities
        first = bisect_left(starts, start - longest)
        last = bisect_left(starts, end)
        return [m for m in mentions[first:last] if m.end > start]

    def expressions_in(self, start: int, end: int) -> list[Expression]:
        """Expressions lying inside [start, end), in text order."""
        expressions, starts = self._expressions
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return [x for x in expressions[first:last] if x.end <= end]

    def paragraph_of_char(self, char: int) -> int:
        """Paragraph number: text between line breaks (single or double) is one paragraph."""
        return self.text.count("\n", 0, char)
