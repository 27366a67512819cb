"""Score entity resolution on ECB+ against a same-head-lemma baseline.

The dataset (`tests/data/ecbplus.jsonl`) holds one ECB+ document a line: `id`, `story` (gold story:
topic + half), `text`, `sentences`, `annotated_sentences` and gold `mentions` with character offsets,
a `type` (HUMAN_*, NON_HUMAN_*, LOC_*), a cross-document `chain` and a `head` word.

How it is scored, per gold story (its documents resolved together, as one corroborator story):

- Only mentions both sides have count: each of our mentions is matched one-to-one to a gold mention
  in an annotated sentence with the same span, or failing that the same head token (our mention's
  syntactic root starts where the gold head word starts). Unmatched mentions on either side are left
  out, so the scores measure linking, not mention detection; `EvalResult` reports how many matched.
- Gold clusters are the chains of the matched gold mentions; ours are our entities.
- The baseline clusters the same matched mentions by the lemma of their head word (lower case).
- MUC, B-cubed and CEAF-e are summed over stories (micro average) and their F1s averaged (CoNLL F1).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborator.analysis import ArticleAnalysis, analyse_texts
from corroborator.coref_metrics import CorefScores, score_clusters
from corroborator.entities import Entity, resolve_mentions
from corroborator.models import Article, content_hash, count_words

GOLD_TYPE_PREFIXES = ("HUMAN", "NON_HUMAN", "LOC")


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: int
    start: int
    end: int
    head: int
    chain: str
    head_text: str


@dataclass(slots=True)
class GoldStory:
    """One gold story: its documents as articles, and their gold mentions."""

    name: str
    articles: list[Article] = field(default_factory=list)
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass(slots=True)
class EvalResult:
    """Scores of ours and the baseline over the evaluated stories."""

    stories: int = 0
    documents: int = 0
    gold_mentions: int = 0
    matched_mentions: int = 0
    ours: CorefScores = field(default_factory=CorefScores)
    baseline: CorefScores = field(default_factory=CorefScores)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories, "documents": self.documents, "gold_mentions": self.gold_mentions,
            "matched_mentions": self.matched_mentions,
            "ours": _scores_dict(self.ours), "baseline": _scores_dict(self.baseline),
        }  # fmt: skip


def _scores_dict(scores: CorefScores) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("muc", "b_cubed", "ceaf_e"):
        score = getattr(scores, name)
        out[name] = {"p": round(score.precision, 4), "r": round(score.recall, 4), "f1": round(score.f1, 4)}
    out["conll_f1"] = round(scores.conll_f1, 4)
    return out


# -- loading --------------------------------------------------------------------------------


def load_gold_stories(path: Path, *, every: int = 1) -> list[GoldStory]:
    """Read the dataset into gold stories in name order; `every=n` keeps every n-th story."""
    stories: dict[str, GoldStory] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                _add_document(stories, json.loads(line), number)
    ordered = [stories[name] for name in sorted(stories, key=_story_order)]
    return ordered[::every]


def _story_order(name: str) -> tuple[int, str]:
    digits = "".join(c for c in name if c.isdigit())
    return (int(digits) if digits else 0, name)


def _add_document(stories: dict[str, GoldStory], doc: dict[str, Any], number: int) -> None:
    story = stories.setdefault(str(doc["story"]), GoldStory(str(doc["story"])))
    text = str(doc["text"])
    story.articles.append(
        Article(
            id=number,
            origin=str(doc["id"]),
            text=text,
            content_hash=content_hash(text),
            words=count_words(text),
        )
    )
    annotated = _annotated_ranges(doc)
    for m in doc["mentions"]:
        if str(m["type"]).startswith(GOLD_TYPE_PREFIXES) and _inside(annotated, int(m["start"])):
            story.mentions.append(_gold_mention(number, text, m))


def _annotated_ranges(doc: dict[str, Any]) -> list[tuple[int, int]]:
    sentences = doc["sentences"]
    return [(sentences[i][0], sentences[i][1]) for i in doc["annotated_sentences"]]


def _inside(ranges: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _gold_mention(doc: int, text: str, m: dict[str, Any]) -> GoldMention:
    start, end = int(m["start"]), int(m["end"])
    head = text.find(str(m["head"]), start, end)
    return GoldMention(doc, start, end, head if head >= 0 else start, str(m["chain"]), str(m["head"]))


# -- scoring --------------------------------------------------------------------------------


def evaluate_stories(stories: Sequence[GoldStory], model: str, *, n_process: int = 1) -> EvalResult:
    """Analyse, resolve and score every story; all documents go through spaCy in one batch."""
    articles = [a for story in stories for a in story.articles]
    analyses = {a.article_id: a for a in analyse_texts(articles, model, n_process=n_process)}
    result = EvalResult()
    for story in stories:
        story_analyses = [analyses[a.id] for a in story.articles]
        _score_story(result, story, story_analyses, resolve_mentions(story_analyses))
    return result


def _score_story(
    result: EvalResult, story: GoldStory, analyses: Sequence[ArticleAnalysis], entities: Sequence[Entity]
) -> None:
    ours = _our_mentions(analyses, entities)
    keys = list(ours)
    matches = match_mentions(story.mentions, keys)
    gold = _clusters((story.mentions[g].chain, g) for g, _ in matches)
    response = _clusters((ours[keys[o]], g) for g, o in matches)
    lemmas = _head_lemmas(analyses)
    baseline = _clusters((_baseline_label(lemmas, story.mentions[g]), g) for g, _ in matches)
    result.stories += 1
    result.documents += len(story.articles)
    result.gold_mentions += len(story.mentions)
    result.matched_mentions += len(matches)
    result.ours += score_clusters(gold, response)
    result.baseline += score_clusters(gold, baseline)


OurMention = tuple[int, int, int, int]  # (article, start, end, head offset)


def _our_mentions(analyses: Sequence[ArticleAnalysis], entities: Sequence[Entity]) -> dict[OurMention, str]:
    """Each resolved mention with its head offset -> its entity id."""
    heads = {(a.article_id, m.start, m.end): m.head for a in analyses for m in a.entities}
    found: dict[OurMention, str] = {}
    for entity in entities:
        for m in entity.mentions:
            head = heads.get((m.article, m.start, m.end), m.end - len(m.text.split()[-1]))
            found[(m.article, m.start, m.end, head)] = entity.id
    return found


def match_mentions(gold: Sequence[GoldMention], ours: Sequence[OurMention]) -> list[tuple[int, int]]:
    """One-to-one (gold index, our mention) pairs: same span first, then same head token."""
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_ours: set[int] = set()
    for same in (_same_span, _same_head):
        index = defaultdict(list)
        for g, mention in enumerate(gold):
            if g not in used_gold:
                index[same(mention)].append(g)
        for o, (doc, start, end, head) in enumerate(ours):
            candidates = index.get(same((doc, start, end, head)), [])
            if o not in used_ours and candidates:
                g = candidates.pop(0)
                pairs.append((g, o))
                used_gold.add(g)
                used_ours.add(o)
    return [(g, ours_index) for g, ours_index in sorted(pairs)]


def _same_span(m: GoldMention | OurMention) -> tuple[int, int, int]:
    return (m.doc, m.start, m.end) if isinstance(m, GoldMention) else (m[0], m[1], m[2])


def _same_head(m: GoldMention | OurMention) -> tuple[int, int, int]:
    return (m.doc, m.head, -1) if isinstance(m, GoldMention) else (m[0], m[3], -1)


def _clusters(pairs: Iterable[tuple[str, int]]) -> list[set[int]]:
    grouped: dict[str, set[int]] = defaultdict(set)
    for label, member in pairs:
        grouped[label].add(member)
    return [grouped[label] for label in sorted(grouped)]


def _baseline_label(lemmas: dict[tuple[int, int], str], m: GoldMention) -> str:
    """The lemma of the mention's head token; its lower-cased text where tokens do not line up."""
    return lemmas.get((m.doc, m.head)) or m.head_text.lower()


def _head_lemmas(analyses: Sequence[ArticleAnalysis]) -> dict[tuple[int, int], str]:
    """(article, token start) -> lower-case lemma, for the baseline."""
    return {
        (a.article_id, start): lemma.lower()
        for a in analyses
        for start, lemma in zip(a.tokens.start, a.tokens.lemma, strict=True)
    }
