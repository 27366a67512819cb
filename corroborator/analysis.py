"""Analyse each article once: sentences, entity mentions, dates and numbers, tokens; cached in the store.

The spaCy pipeline (`Settings.spacy_model`) runs with an `entity_ruler` in front of its statistical NER,
fed by the bundled gazetteer, so well-known places, bodies and outlets get the right type ("Kyiv" is a
place, "GRU" an organisation). What the small model still gets wrong in regular ways is fixed while the
results are read out of the `Doc` (`read_entities`): titles are split off names and make a person
("Lieutenant General Fanil Sarvarov" is not an ORG), a bare title is kept as a nominal mention
("the general"), and acronyms defined in the text ("military intelligence (GRU)") are learnt.

Per-token data (offsets, lemma, POS, tag, dependency, head) is kept too: the parse is the expensive
part of the pipeline, and later stages (statements, reporting verbs, quotes) need it, so storing it is
far cheaper than parsing again. An analysis is redone only when the article's content hash, the model
or `ANALYSIS_VERSION` changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from corroborator import gazetteer
from corroborator.models import Article
from corroborator.settings import Settings
from corroborator.store import Store

if TYPE_CHECKING:  # spaCy takes seconds to import: only commands that parse pay for it
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# Bump when what is stored, or how it is computed, changes: every article is then analysed again.
ANALYSIS_VERSION = "1"

ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
EXPRESSION_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
RULER_NAME = "corroborator_gazetteer"
_ARTICLES = frozenset({"the", "a", "an"})
_MAX_TITLE_WORDS = 4
_SCORE = re.compile(r"\d+[-–]\d+")  # "Evansville 91-73": a result glued to a team name


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name in the text. `source` says who typed it: model, gazetteer, acronym or title rule."""

    text: str
    label: str
    start: int
    end: int
    sentence: int
    source: str = "model"
    kb_id: str = ""
    title: str = ""
    head: int = -1  # char offset of the syntactic head word (for matching annotated spans)


@dataclass(frozen=True, slots=True)
class Expression:
    """A date, time, number, amount or ordinal: what timelines and number conflicts are made of."""

    text: str
    label: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Nominal:
    """A bare title standing for a person, "the general"; resolution links it where unambiguous."""

    text: str
    title: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """An acronym the text defines: "Russian Investigative Committee (ICR)", "the agency, the GRU"."""

    acronym: str
    description: str
    start: int
    end: int
    sentence: int


@dataclass(slots=True)
class TokenTable:
    """Per-token columns; `head` is the absolute index of the syntactic head."""

    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    dep: list[str] = field(default_factory=list)
    head: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.start)


@dataclass(slots=True)
class ArticleAnalysis:
    """Everything later stages need from one article's text; char offsets index `Article.text`."""

    article_id: int
    content_hash: str
    model: str
    version: str = ANALYSIS_VERSION
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    expressions: list[Expression] = field(default_factory=list)
    nominals: list[Nominal] = field(default_factory=list)
    acronyms: list[AcronymDefinition] = field(default_factory=list)
    tokens: TokenTable = field(default_factory=TokenTable)

    def to_json(self) -> str:
        """Compact JSON: records as arrays in field order, tokens as columns."""
        data = {
            "article_id": self.article_id, "content_hash": self.content_hash, "model": self.model,
            "version": self.version, "sentences": self.sentences,
            "entities": [_row(m) for m in self.entities], "expressions": [_row(e) for e in self.expressions],
            "nominals": [_row(n) for n in self.nominals], "acronyms": [_row(a) for a in self.acronyms],
            "tokens": asdict(self.tokens),
        }  # fmt: skip
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ArticleAnalysis:
        data = json.loads(text)
        return cls(
            article_id=data["article_id"], content_hash=data["content_hash"], model=data["model"],
            version=data["version"], sentences=[(s, e) for s, e in data["sentences"]],
            entities=[EntityMention(*row) for row in data["entities"]],
            expressions=[Expression(*row) for row in data["expressions"]],
            nominals=[Nominal(*row) for row in data["nominals"]],
            acronyms=[AcronymDefinition(*row) for row in data["acronyms"]],
            tokens=TokenTable(**data["tokens"]),
        )  # fmt: skip


def _row(record: Any) -> list[Any]:
    return list(asdict(record).values())


@dataclass(slots=True)
class AnalysisReport:
    """What one `analyse_articles` call did: fresh analyses, cache hits, articles not analysed."""

    analyses: dict[int, ArticleAnalysis] = field(default_factory=dict)
    analysed: list[int] = field(default_factory=list)
    cached: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


# -- the pipeline ----------------------------------------------------------------------------


@cache
def load_pipeline(model: str) -> Language:
    """Load the spaCy pipeline once per process, with the gazetteer ruler ahead of the NER."""
    import spacy

    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner", config={"overwrite_ents": False})
    ruler.add_patterns(gazetteer.ruler_patterns())  # type: ignore[attr-defined]
    return nlp


def is_english(article: Article) -> bool:
    """Unknown language counts as English; anything else is stored but not analysed."""
    return not article.language or article.language.lower().startswith("en")


def analyse_articles(
    store: Store,
    ids: Sequence[int],
    settings: Settings,
    *,
    n_process: int = 1,
    batch_size: int = 32,
) -> AnalysisReport:
    """Analyse the given articles that lack a current analysis; load the others from the store."""
    report = AnalysisReport()
    articles = store.list_articles(ids)
    stamps = store.analysis_stamps([a.id for a in articles])
    todo: list[Article] = []
    for article in articles:
        if not is_english(article):
            report.skipped.append(article.id)
        elif stamps.get(article.id) == (article.content_hash, ANALYSIS_VERSION, settings.spacy_model):
            report.cached.append(article.id)
        else:
            todo.append(article)
    for article_id, text in store.load_analyses(report.cached).items():
        report.analyses[article_id] = ArticleAnalysis.from_json(text)
    fresh = list(analyse_texts(todo, settings.spacy_model, n_process=n_process, batch_size=batch_size))
    with store.transaction():
        store.save_analyses([(a.article_id, a.content_hash, a.version, a.model, a.to_json()) for a in fresh])
    for analysis in fresh:
        report.analyses[analysis.article_id] = analysis
        report.analysed.append(analysis.article_id)
    return report


def analyse_texts(
    articles: Iterable[Article], model: str, *, n_process: int = 1, batch_size: int = 32
) -> Iterator[ArticleAnalysis]:
    """Run the pipeline over articles in batches; no store involved."""
    nlp = load_pipeline(model)
    pairs = ((a.text, (a.id, a.content_hash)) for a in articles)
    for doc, (article_id, digest) in nlp.pipe(
        pairs, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield read_doc(doc, article_id, digest, model)


def read_doc(doc: Doc, article_id: int, digest: str, model: str) -> ArticleAnalysis:
    """Turn a parsed `Doc` into the stored analysis."""
    sentence_of = _sentence_index(doc)
    entities, nominals = read_entities(doc, sentence_of)
    acronyms, learnt = learn_acronyms(doc, sentence_of, entities)
    return ArticleAnalysis(
        article_id=article_id, content_hash=digest, model=model,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        entities=sorted(entities + learnt, key=lambda m: (m.start, m.end)),
        expressions=read_expressions(doc, sentence_of), nominals=nominals, acronyms=acronyms,
        tokens=read_tokens(doc),
    )  # fmt: skip


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    index: list[int] = []
    for number, sent in enumerate(doc.sents):
        index.extend([number] * len(sent))
    return index


def read_tokens(doc: Doc) -> TokenTable:
    return TokenTable(
        start=[t.idx for t in doc], end=[t.idx + len(t) for t in doc], lemma=[t.lemma_ for t in doc],
        pos=[t.pos_ for t in doc], tag=[t.tag_ for t in doc], dep=[t.dep_ for t in doc],
        head=[t.head.i for t in doc],
    )  # fmt: skip


def read_expressions(doc: Doc, sentence_of: list[int]) -> list[Expression]:
    """Dates, times, numbers and amounts, whitespace trimmed."""
    found = []
    for ent in doc.ents:
        if ent.label_ in EXPRESSION_LABELS:
            start, end = _trim(doc, ent.start, ent.end, drop_articles=False)
            if start < end:
                span = doc[start:end]
                found.append(
                    Expression(span.text, ent.label_, span.start_char, span.end_char, sentence_of[start])
                )
    return found


# -- entity fixes ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    label: str
    source: str
    kb_id: str


def read_entities(doc: Doc, sentence_of: list[int]) -> tuple[list[EntityMention], list[Nominal]]:
    """Named mentions with the small model's regular mistakes fixed, and bare-title nominals."""
    mentions: list[EntityMention] = []
    nominals: list[Nominal] = []
    for cand in _merge_split_names(_candidates(doc)):
        if _fix_titles(doc, cand, sentence_of, mentions, nominals):
            continue
        if (
            cand.source == "model"
            and cand.label != "PERSON"
            and _looks_like_person_name(doc[cand.start : cand.end])
        ):
            cand.label, cand.source = "PERSON", "title"
        title = _titles_before(doc, cand.start) if cand.label == "PERSON" else ""
        mentions.append(_mention(doc, cand, sentence_of, title))
    nominals.extend(_bare_title_nominals(doc, sentence_of, nominals))
    return mentions, sorted(nominals, key=lambda n: n.start)


def _candidates(doc: Doc) -> list[_Candidate]:
    """Named entities with articles, possessives and stray punctuation trimmed."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        source, kb_id = _source_of(ent)
        for part_start, part_end in _split_at_line_breaks(ent):
            start, end = _trim(doc, part_start, part_end, drop_articles=True)
            if start < end and not _is_noise(doc[start:end], source):
                found.append(_Candidate(start, end, ent.label_, source, kb_id))
    return found


def _split_at_line_breaks(ent: Span) -> list[tuple[int, int]]:
    """Token ranges of the entity's parts between line breaks: a name never runs across lines."""
    parts: list[tuple[int, int]] = []
    start = ent.start
    for token in ent:
        if token.is_space and "\n" in token.text:
            parts.append((start, token.i))
            start = token.i + 1
    parts.append((start, ent.end))
    return parts


def _is_noise(span: Span, source: str) -> bool:
    """Model guesses with no capital letter ("pro" of "pro-Kremlin"), and a gazetteer place that is
    only the first word of a longer name ("Geneva" in "Geneva Conventions")."""
    if source == "model":
        return not any(c.isupper() for c in span.text)
    if source != "gazetteer" or span.end >= len(span.doc):
        return False
    after = span.doc[span.end]
    return (
        span.end - span.start == 1
        and after.is_title
        and after.pos_ in ("PROPN", "NOUN")
        and not after.ent_type_
        and not gazetteer.titles().is_title(after.text)
    )


def _source_of(ent: Span) -> tuple[str, str]:
    """(source, gazetteer id) of an entity span: the ruler sets an id, the statistical model none."""
    if not ent.ent_id_:
        return "model", ""
    if ent.ent_id_ == gazetteer.ROAD_ID:
        return "rule", ""
    return "gazetteer", ent.ent_id_


def _trim(doc: Doc, start: int, end: int, *, drop_articles: bool) -> tuple[int, int]:
    """Shrink a span past leading articles and trailing possessives, spaces and punctuation."""
    while start < end and (
        doc[start].is_space or doc[start].is_punct or (drop_articles and doc[start].lower_ in _ARTICLES)
    ):
        start += 1
    while start < end and (
        _is_trailing_junk(doc[end - 1]) or (drop_articles and _SCORE.fullmatch(doc[end - 1].text))
    ):
        end -= 1
    return start, end


def _is_trailing_junk(token: Token) -> bool:
    return token.is_space or token.tag_ == "POS" or token.is_punct


def _merge_split_names(cands: list[_Candidate]) -> list[_Candidate]:
    """Join a one-word gazetteer place to an adjacent person name: "Paris" + "Hilton" is one person."""
    merged: list[_Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if prev is not None and prev.end == cand.start and _is_split_person(prev, cand):
            merged[-1] = _Candidate(prev.start, cand.end, "PERSON", "model", "")
        else:
            merged.append(cand)
    return merged


def _is_split_person(left: _Candidate, right: _Candidate) -> bool:
    pair = {left.source, right.source}
    one_word_place = any(c.source == "gazetteer" and c.end - c.start == 1 for c in (left, right))
    return pair == {"gazetteer", "model"} and one_word_place and "PERSON" in {left.label, right.label}


def _fix_titles(
    doc: Doc, cand: _Candidate, sentence_of: list[int], mentions: list[EntityMention], nominals: list[Nominal]
) -> bool:
    """Split leading title words off a name; return True when the candidate was used up here."""
    lexicon = gazetteer.titles()
    lead = 0
    while cand.start + lead < cand.end and lexicon.is_title(doc[cand.start + lead].text):
        lead += 1
    if lead == 0 or cand.source == "gazetteer":
        return False
    if cand.start + lead == cand.end or doc[cand.start + lead].lower_ == "of":
        nominal = _nominal_at(doc, cand.start, cand.start + lead, sentence_of)
        if nominal is not None:
            nominals.append(nominal)
        # "the Lieutenant General of the Defense Ministry": a role, then the body it belongs to
        start, end = _trim(doc, cand.start + lead + 1, cand.end, drop_articles=True)
        if start < end:
            mentions.append(
                _mention(doc, _Candidate(start, end, cand.label, cand.source, ""), sentence_of, "")
            )
        return True
    words = [lexicon.expand(t.text) for t in doc[cand.start : cand.start + lead]]
    rest = doc[cand.start + lead : cand.end]
    if cand.label != "PERSON" and not _title_makes_person(words, rest):
        return False
    title = " ".join(filter(None, (_titles_before(doc, cand.start), " ".join(words))))
    cand.start += lead
    if cand.label != "PERSON":
        cand.label, cand.source = "PERSON", "title"
    mentions.append(_mention(doc, cand, sentence_of, title))
    return True


def _title_makes_person(words: list[str], rest: Span) -> bool:
    """True when "<title> <rest>" names a person, not a body like "General Motors"."""
    lexicon = gazetteer.titles()
    if len(rest) > _MAX_TITLE_WORDS or not all(t.is_title or t.is_punct for t in rest):
        return False
    strong = [w for w in words if w not in lexicon.ambiguous and w not in lexicon.modifiers]
    return bool(strong) or len(words) >= 2 or rest[0].lower_ in gazetteer.given_names()


def _looks_like_person_name(span: Span) -> bool:
    """A known given name followed by one to three capitalised words: "Igor Kostyukov"."""
    return (
        2 <= len(span) <= _MAX_TITLE_WORDS
        and span[0].lower_ in gazetteer.given_names()
        and all(t.is_title for t in span)
    )


def _titles_before(doc: Doc, start: int) -> str:
    """Title words right before a name ("Kremlin spokesman Dmitry Peskov" -> "spokesman"), expanded."""
    lexicon = gazetteer.titles()
    first = start
    while first > 0 and start - first < _MAX_TITLE_WORDS and lexicon.is_title(doc[first - 1].text):
        first -= 1
    return " ".join(lexicon.expand(t.text) for t in doc[first:start])


def _mention(doc: Doc, cand: _Candidate, sentence_of: list[int], title: str) -> EntityMention:
    span = doc[cand.start : cand.end]
    return EntityMention(
        span.text, cand.label, span.start_char, span.end_char, sentence_of[cand.start],
        cand.source, cand.kb_id, title, span.root.idx,
    )  # fmt: skip


def _nominal_at(doc: Doc, start: int, end: int, sentence_of: list[int]) -> Nominal | None:
    """A nominal for title words `start:end` preceded by "the", if its last word is a role."""
    lexicon = gazetteer.titles()
    if start == 0 or doc[start - 1].lower_ != "the" or not lexicon.is_role(doc[end - 1].text):
        return None
    if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
        return None  # "the general Vladimir ..." is a title before a name, not a nominal
    span = doc[start - 1 : end]
    title = " ".join(lexicon.expand(t.text) for t in doc[start:end])
    return Nominal(span.text, title, span.start_char, span.end_char, sentence_of[start])


def _bare_title_nominals(doc: Doc, sentence_of: list[int], known: list[Nominal]) -> list[Nominal]:
    """Every "the <title words>" outside entities that stands for a person: "the general said"."""
    lexicon = gazetteer.titles()
    taken = {n.start for n in known}
    found = []
    for token in doc:
        if token.lower_ != "the" or token.ent_type_:
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and end - token.i <= 3
            and lexicon.is_title(doc[end].text)
            and not doc[end].ent_type_
        ):
            end += 1
        if end > token.i + 1 and token.idx not in taken:
            nominal = _nominal_at(doc, token.i + 1, end, sentence_of)
            if nominal is not None:
                found.append(nominal)
    return found


# -- acronyms --------------------------------------------------------------------------------


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalnum() and letters.isupper()


def learn_acronyms(
    doc: Doc, sentence_of: list[int], mentions: list[EntityMention]
) -> tuple[list[AcronymDefinition], list[EntityMention]]:
    """Find acronyms the text defines and tag every use of them (and their descriptions) as ORG."""
    definitions = [d for d in (_definition_at(doc, t, sentence_of, mentions) for t in doc) if d is not None]
    if not definitions:
        return [], []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    spans = {(m.start, m.end) for m in mentions}
    learnt: list[EntityMention] = []
    for definition in definitions:
        if (definition.start, definition.end) not in spans:
            learnt.append(
                _acronym_mention(definition.description, definition.start, definition.end, sentence_of, doc)
            )
            covered.update(range(definition.start, definition.end))
    acronyms = {d.acronym for d in definitions}
    for token in doc:
        if token.text in acronyms and token.idx not in covered:
            learnt.append(_acronym_mention(token.text, token.idx, token.idx + len(token), sentence_of, doc))
    return definitions, learnt


def _acronym_mention(text: str, start: int, end: int, sentence_of: list[int], doc: Doc) -> EntityMention:
    span = doc.char_span(start, end, alignment_mode="expand")
    head = span.root.idx if span is not None else start
    token = span.start if span is not None else 0
    return EntityMention(text, "ORG", start, end, sentence_of[token], "acronym", "", "", head)


def _definition_at(
    doc: Doc, token: Token, sentence_of: list[int], mentions: list[EntityMention]
) -> AcronymDefinition | None:
    """ "<description> (ACR)" or "<description>, the ACR" at this token, else None."""
    i = token.i
    if not _is_acronym(token.text) or i < 2:
        return None
    if doc[i - 1].text == "(" and i + 1 < len(doc) and doc[i + 1].text == ")":
        described = _description_before(doc, i - 1, mentions)
    elif doc[i - 1].lower_ == "the" and doc[i - 2].text == ",":
        described = _description_before(doc, i - 2, mentions)
    else:
        return None
    if described is None:
        return None
    return AcronymDefinition(
        token.text, described.text, described.start_char, described.end_char, sentence_of[i]
    )


def _description_before(doc: Doc, end: int, mentions: list[EntityMention]) -> Span | None:
    """The entity or noun phrase that ends right before token `end`, without articles or possessors."""
    char_end = doc[end - 1].idx + len(doc[end - 1])
    for mention in mentions:
        if mention.end == char_end:
            return doc.char_span(mention.start, mention.end, alignment_mode="expand")
    chunk = next((c for c in doc[max(0, end - 8) : end].noun_chunks if c.end == end), None)
    if chunk is None:
        return None
    start = chunk.start
    for token in chunk:
        if token.tag_ == "POS" or token.lower_ in _ARTICLES or token.dep_ == "poss":
            start = token.i + 1
    if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:end]) or end - start > 6:
        return None
    return doc[start:end]
