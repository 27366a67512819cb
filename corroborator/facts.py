"""Aligning statements across a story's articles into facts.

Each statement is described by its content words (lemmas of nouns, verbs, adjectives, names) and
the entities it names, weighted by rarity in the story (IDF), leaving out its attribution phrase
and its values (years, numbers, body parts): those are what conflicts are made of, so two reports
that differ only in a value still count as being *about the same thing*.

Candidate pairs come from an inverted index over the rarer features (blocking), so the cost grows
with the number of statements that share a rare word, not with all pairs. Pairs above the
threshold are joined greedily, strongest first, with two guards: the joined group must stay
similar on average (no chaining through one long sentence), and statements whose values
contradict each other are never joined (they become a conflict instead).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import fuzz

from corroborator.analysis import EntityMention, Expression
from corroborator.gazetteer import ROAD_WORDS, gazetteer_names, titles
from corroborator.parsed import ParsedArticle, Token
from corroborator.statements import REPORTING_VERBS, Statement
from corroborator.timeline import ResolvedDate, reference_date, resolve_date
from corroborator.titles import title_words
from corroborator.unionfind import UnionFind
from corroborator.values import (
    DEAD_WORDS,
    GROUPS,
    HURT_WORDS,
    PERSON_UNITS,
    Value,
    looks_ahead,
    same_party,
    statement_values,
)

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A running total ("so far", "a total of") is not the count of one event: the two are not compared.
_CUMULATIVE = re.compile(
    r"\b(so far|to date|in total|a total of|altogether|cumulative|since the start)\b", re.I
)
# Words news reports use interchangeably for one thing, folded into one term so that "the quake
# struck at 2:09" and "the earthquake hit at 2:09" share their subject. Kept small and literal.
_SYNONYMS = {
    "earthquake": "quake",
    "temblor": "quake",
    "tremor": "quake",
    "shooter": "gunman",
    "assailant": "gunman",
    "wound": "injure",
    "hurt": "injure",
    "kill": "die",
    "dead": "die",
    "death": "die",
    "thwart": "foil",
    "explosion": "explode",
    "blast": "explode",
    "detonate": "explode",
    "detonation": "explode",
    "apprehend": "capture",
    "epicentre": "epicenter",
    "centre": "center",
}
PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "off", "near", "outside", "inside"})
STOP_LEMMAS = frozenset(
    {
        "be",
        "have",
        "do",
        "say",
        "tell",
        "report",
        "also",
        "other",
        "more",
        "many",
        "such",
        "late",
        "new",
        "accord",
        "include",
        "make",
        "take",
        "get",
        "go",
        "come",
        "add",
        "write",
        "state",
        "according",
        "time",
        "year",
        "day",
        "people",
        "official",
        "news",
        "source",
        "medium",
        "agency",
    }
)


@dataclass(frozen=True, slots=True)
class AlignmentSettings:
    """Thresholds of the alignment; the defaults are documented in docs/dossier.md."""

    same_fact: float = 0.36  # weighted Dice similarity above which two statements say the same thing
    same_article: float = 0.7  # a stricter bar for two statements of one article
    average_floor: float = 0.3  # a statement joins a fact only if this similar to its members on average
    block_size: int = 48  # a feature in more statements than this pairs only near neighbours...
    window: int = 12  # ...this many following statements
    sample: int = 4  # members of each group compared by the average-similarity guard
    clash_sample: int = 8  # statements per distinct value compared when looking for conflicts
    conflict_about: float = 0.3  # similarity above which two statements' numbers are comparable
    year_conflict_about: float = 0.2  # the same for years, whose anchor (the noun they date) is sharper
    place_conflict_about: float = 0.45  # places differ often in detail; only near-identical reports compare
    distance_conflict_about: float = 0.15  # the bearing from a named place, the weapon used
    toll_conflict_about: float = 0.1  # a toll of the dead or injured of the story's own time
    count_conflict_about: float = 0.15  # two articles' only counts of one noun ('how many cables')
    holder_conflict_about: float = 0.1  # two articles' different people for one role ('Prime Minister X')
    title_conflict_about: float = 0.0  # a title is held by a named person: the anchor pins the question
    conflict_min_terms: int = 3  # statements with fewer content words are too vague to contradict
    sharp_conflict_about: float = (
        0.1  # the bar for sharp anchors (a magnitude, a depth, an age, a clock time)
    )


@dataclass(slots=True)
class Described:
    """A statement with what alignment and conflict detection compare."""

    statement: Statement
    terms: frozenset[str]
    entities: frozenset[str]
    values: tuple[Value, ...]
    negated: bool = False
    places: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    cumulative: bool = False
    origin: str = ""
    weights: dict[str, float] = field(default_factory=dict)
    total_weight: float = 0.0
    # Per value (same order as `values`): the past dates and the places of its own clause.
    contexts: tuple[frozenset[str], ...] = ()
    local_places: tuple[frozenset[str], ...] = ()
    # Per value: the content words of its own clause ('extinguished', 'fire' of 'the fire was
    # extinguished by 7 a.m.'), to tell which happening a time or a day dates.
    clauses: tuple[frozenset[str], ...] = ()
    # The whole sentence (its terms and weights) when the sentence was cut into several statements.
    sentence: Described | None = None
    # The words of the story's main event this statement uses ('quake', 'foil'): see `mark_core`.
    core: frozenset[str] = frozenset()
    # Whom a 'he' or 'she' subject stands for, where the statement names no one (`_meant_by_pronoun`).
    meant: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[int, int]:
        return self.statement.article_id, self.statement.index


def describe(statement: Statement, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]) -> Described:
    """Content terms (entity ids replace the words of a name), entities and values of a statement."""
    values = [
        owned
        for value in (
            [] if is_timestamp(statement.text) else statement_values(parsed, statement.start, statement.end)
        )
        if not _hypothetical(parsed, value.start, statement)
        and not _denied(parsed, value, statement)
        and (owned := _owned(_of_the_protagonist(value, statement, parsed, entity_of), parsed, entity_of))
    ]
    values = [
        _of_a_work(_with_owner(v, statement, parsed, entity_of), parsed, entity_of)
        if v.kind == "year"
        else _with_owner(v, statement, parsed, entity_of)
        if v.weekday or v.monthday
        else v
        for v in values
    ]
    skip = _attribution_chars(statement)
    value_chars = {
        c for v in values if v.kind != "outcome" for c in range(v.start, v.end)
    }  # its verb stays a term
    terms: set[str] = set()
    entities: set[str] = set()
    negated = False
    places: set[str] = set()
    people: set[str] = set()
    place_values: list[Value] = []
    for mention in parsed.entities_in(statement.start, statement.end):
        entity = entity_of.get((parsed.id, mention.start))
        if entity and mention.start not in skip:
            entities.add(entity)
            terms.add("E:" + entity)
            if mention.label in ("ORG", "PERSON") and _STREET.match(mention.text):
                mention = replace(mention, label="FAC")  # the small model types 'Rue de Rivoli' a person
            if mention.label in PLACE_LABELS:
                places.add(entity)
                place_values.extend(_event_place(parsed, mention, entity, entity_of))
            if mention.label == "PERSON":
                people.add(entity)
    named = {c for m in parsed.entities_in(statement.start, statement.end) for c in range(m.start, m.end)}
    for i in parsed.tokens_between(statement.start, statement.end):
        token = parsed.tokens[i]
        if token.start in skip:
            continue
        lemma = token.lemma.lower()
        negated = (
            negated
            or token.dep == "neg"
            or (lemma in ("no", "none", "nobody") and token.dep in ("det", "nsubj"))
        )
        if token.start in value_chars or token.start in named:
            continue
        if token.pos in CONTENT_POS and lemma not in STOP_LEMMAS and len(lemma) > 1 and lemma.isalpha():
            terms.add(_fold(lemma))
    terms.update(_value_terms(values))
    holders = _holders(statement, parsed, entity_of, values)
    all_values = tuple(sorted([*values, *place_values, *holders], key=lambda v: (v.start, v.kind)))
    main_verb = next(
        (
            i
            for i in parsed.tokens_between(statement.start, statement.end)
            if parsed.tokens[i].dep == "ROOT" and parsed.tokens[i].lemma.lower() not in REPORTING_VERBS
        ),
        None,
    )
    place_scopes = [
        (entity_of[(parsed.id, m.start)], _place_scope(parsed, m.start, statement))
        for m in parsed.entities_in(statement.start, statement.end)
        if m.label in PLACE_LABELS
        and (parsed.id, m.start) in entity_of
        and m.start not in skip
        and not _surrounding(parsed, m)
        and not _residence(parsed, m)
        and not is_country(m.text)
    ]
    return Described(
        statement,
        frozenset(terms),
        frozenset(entities),
        all_values,
        negated,
        frozenset(places),
        frozenset(people),
        bool(_CUMULATIVE.search(statement.text)),
        contexts=_date_contexts(parsed, statement, all_values),
        clauses=tuple(_clause_words(parsed, v.start, statement, main_verb) for v in all_values),
        local_places=tuple(
            frozenset(e for e, scope in place_scopes if parsed.token_at(v.start) in scope) for v in all_values
        ),
        meant=frozenset() if people else _meant_by_pronoun(statement, parsed, entity_of),
    )


def _holders(
    statement: Statement, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str], values: list[Value]
) -> list[Value]:
    """Who holds a role, as a value of its own ('name', 'holder:prime minister', the person): the
    person a title is written next to ('Prime Minister Costas Simitis'), and the actor written in
    brackets after a character ('Bella (Kristen Stewart)'). Two reports naming different people
    for one role disagree on who it is (`_holders_clash`)."""
    found = []
    for value in values:
        if (
            value.kind != "title"
            or "/person:" not in value.anchor
            or not (key := " ".join(title_words(value.text)))
        ):
            continue
        if set(key.split()) & _MANY_HOLD or not set(key.split()) & _ONE_HOLDS:
            continue  # a story has many spokesmen and lawyers: naming another is no contradiction
        mention = next(
            (m for m in parsed.entities_in(value.holder, value.holder + 1) if m.start == value.holder), None
        )
        if mention is not None:
            found.append(_holder_value("holder:" + key, mention, value.anchor.partition("/person:")[2]))
    for mention in parsed.entities_in(statement.start, statement.end):
        entity = entity_of.get((parsed.id, mention.start))
        character = _CHARACTER.search(parsed.text[max(statement.start, mention.start - 40) : mention.start])
        if (
            mention.label == "PERSON"
            and entity
            and character
            and parsed.text[mention.end : mention.end + 1] == ")"
        ):
            found.append(_holder_value("holder:plays " + character.group(1).lower(), mention, entity))
    return found


def _holder_value(anchor: str, mention: EntityMention, entity: str) -> Value:
    number = _entity_number(entity)
    return Value("name", anchor, number, number, mention.text, mention.start, mention.end)


def _entity_number(entity: str) -> float:
    """An entity id as a value's number ('e7': 7.0), so that one place or person is one value."""
    return float(entity[1:]) if entity[1:].isdigit() else 0.0


def _entity_of(value: Value) -> str:
    """The entity id a place or name value stands for (`_entity_number` backwards)."""
    return f"e{value.low:g}"


# Title words of roles many people hold at once, even in one organisation.
_MANY_HOLD = frozenset({"spokesman", "official", "lawyer", "attorney", "detective", "constable",
                        "sergeant", "inspector", "corporal", "captain", "lieutenant", "agent", "analyst",
                        "aide", "adviser", "congressman", "senator", "officer", "member", "deputy",
                        "assistant", "vice"})  # fmt: skip
# Title words of offices one person holds at a time (one prime minister, one referee of a fight).
_ONE_HOLDS = frozenset({"prime", "president", "governor", "mayor", "ceo", "chairman", "coach", "referee",
                        "umpire", "premier", "chancellor", "commissioner", "manager", "pope"})  # fmt: skip
_CHARACTER = re.compile(r"\b([A-Z][\w'-]+)(?:\s[A-Z][\w'-]+)?\s\($")


def _meant_by_pronoun(
    statement: Statement, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]
) -> frozenset[str]:
    """The person a statement's 'he' or 'she' subject stands for: the one person the sentence
    before names ('He was found dead in a cell': Lo Presti), else the article's protagonist unless
    that sentence names someone else."""
    subject = next(
        (
            i
            for i in parsed.tokens_between(statement.start, statement.end)
            if parsed.tokens[i].dep in ("nsubj", "nsubjpass")
            and parsed.tokens[i].lemma.lower() in ("he", "she")
        ),
        None,
    )
    if subject is None:
        return frozenset()
    before = _people_before(parsed, statement, entity_of)
    if len(before) == 1:
        return before  # 'Police ... into how Gaetano Lo Presti was able to ...  He was found dead'
    holder = _protagonist(parsed, entity_of)
    entity = entity_of.get((parsed.id, holder)) if holder >= 0 else None
    if entity is None or before - {entity}:
        return frozenset()
    return frozenset({entity})


def _people_before(
    parsed: ParsedArticle, statement: Statement, entity_of: dict[tuple[int, int], str]
) -> frozenset[str]:
    """The people the sentence before a statement names."""
    return frozenset(
        entity for m in _persons_before(parsed, statement) if (entity := entity_of.get((parsed.id, m.start)))
    )


def _persons_before(parsed: ParsedArticle, statement: Statement) -> list[EntityMention]:
    """The person mentions of the sentence before a statement (none for the first sentence)."""
    sentence = parsed.sentence_of_char(statement.start)
    if sentence == 0:
        return []
    start, end = parsed.analysis.sentences[sentence - 1]
    return [m for m in parsed.entities_in(start, end) if m.label == "PERSON"]


def is_timestamp(text: str) -> bool:
    """A page's own time stamp ('UPDATED: TUESDAY, MARCH 12, 2013, 9:36 AM', 'May 3, 2013 | 8:20
    am'): when the page was written, not when anything happened, so it gives no values."""
    if _STAMP.match(text):
        return True
    rest = _STAMP_WORDS.sub("", text)
    if _STAMP_ANYWHERE.search(text):  # '21 July 2013 Last updated at 11:11 GMT'
        rest = _STAMP_ANYWHERE.sub("", rest)
        rest = re.sub(r"\b(?:on|at|by|first|last)\b", "", rest, flags=re.I)
    return not rest.strip(" \t,.:|/-()")


_STAMP = re.compile(r"^\W*(?:(?:last\s+)?updated|published|posted|edited(?:\s+time)?|modified)\b", re.I)
_STAMP_ANYWHERE = re.compile(r"\b(?:updated|posted|published|edited)\b", re.I)
_STAMP_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\d+|(?<![a-z])[ap]\.?m\.?|\b(?:gmt|utc|bst|est|edt|pst|pdt|cst|cdt|cet|cest|ist|aest|mst|et)\b",
    re.I,
)


def _with_owner(
    value: Value, statement: Statement, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]
) -> Value:
    """A year or day of a once-in-a-life event ('retired in 1993', 'was born in 1923', 'he died
    Thursday') with the person it happened to: the subject of its verb, a name or 'he'/'she' for
    the article's protagonist."""
    once = value.anchor if value.kind == "year" else value.verb
    if once not in _ONCE:
        return value
    verb = next(
        (a for a in parsed.ancestors(parsed.token_at(value.start)) if parsed.tokens[a].pos == "VERB"), None
    )
    if verb is None or parsed.tokens[verb].lemma.lower() != once:
        return value  # 'Born March 29, 1928, ...; died December 19': the year is not of 'died'
    if not statement.start <= parsed.tokens[verb].start < statement.end:
        return value
    subject = _subject_of(parsed, verb)
    if subject is None:
        return value
    token = parsed.tokens[subject]
    if token.lemma.lower() in ("he", "she"):
        holder = _protagonist(parsed, entity_of)
        if _someone_else_before(parsed, statement, entity_of.get((parsed.id, holder)), entity_of):
            return value  # 'Mr. Gotti was the boss ... He, too, died in a prison hospital
    else:
        holder = next(
            (m.start for m in parsed.entities_in(token.start, token.end) if m.label == "PERSON"), -1
        )
    entity = entity_of.get((parsed.id, holder)) if holder >= 0 else None
    return replace(value, owner=entity) if entity else value


def _of_a_work(value: Value, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]) -> Value:
    """The year of a named work ('1999's "American Pie"', 'the 1997 movie American Pie'): one
    question, the work's year, however the sentence goes on."""
    if value.owner:
        return value
    head = parsed.tokens[parsed.tokens[parsed.token_at(value.start)].head]
    names = [head.i] if head.pos == "PROPN" else []
    if head.lemma.lower() in _WORKS:
        names = [c for c in parsed.children[head.i] if parsed.tokens[c].dep in ("appos", "compound")]
    for i in names:
        token = parsed.tokens[i]
        for mention in parsed.entities_in(token.start, token.end):
            entity = entity_of.get((parsed.id, mention.start))
            if entity and mention.label in ("WORK_OF_ART", "PRODUCT", "ORG"):  # not a yearly EVENT
                return replace(value, anchor="work", owner=entity)
    return value


_WORKS = frozenset(
    {"movie", "film", "album", "song", "book", "novel", "show", "series", "play", "game", "opera"}
)


def _someone_else_before(
    parsed: ParsedArticle, statement: Statement, entity: str | None, entity_of: dict[tuple[int, int], str]
) -> bool:
    """Whether the sentence before the statement names a person other than `entity`: a pronoun
    then may be theirs."""
    return any(entity_of.get((parsed.id, m.start)) != entity for m in _persons_before(parsed, statement))


def _subject_of(parsed: ParsedArticle, verb: int) -> int | None:
    """The subject of a verb, or of the verb its clause hangs from ('Cheeks played ... before
    retiring in 1993': Cheeks), or None."""
    for _ in range(3):
        subject = next(
            (c for c in parsed.children[verb] if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), None
        )
        if subject is not None:
            return subject
        token = parsed.tokens[verb]
        if token.dep not in ("pcomp", "advcl", "xcomp", "conj") or token.head == verb:
            return None
        verb = token.head
        if parsed.tokens[verb].pos == "ADP":  # 'before retiring': the preposition's verb
            verb = parsed.tokens[verb].head
    return None


# Events that happen to a person once: their year is one question of that person.
_ONCE = frozenset({"bear", "born", "die", "retire", "resign", "graduate", "debut", "found", "marry"})


def _of_the_protagonist(
    value: Value, statement: Statement, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]
) -> Value:
    """An age of 'a 35-year-old man' or 'the 57-year-old actor' in an article's lead, held by the
    person the article is about: news opens on the protagonist before naming them ('A 35-year-old
    New Bedford man is awaiting arraignment ... Gary Gomes was arrested')."""
    word = value.anchor.partition("/")[2]
    if value.holder >= 0 or word not in _PROTAGONISTS | _ROLES:
        return value
    if statement.index >= _LEAD_AGES and word not in _ROLES:
        return value  # 'a 35-year-old man' later in the article may be anyone
    noun = parsed.tokens[parsed.token_at(value.end - 1)].head
    while parsed.tokens[noun].dep == "compound" and parsed.tokens[noun].head != noun:
        noun = parsed.tokens[noun].head  # 'a 66-year-old Burnsville woman'
    noun_token = parsed.tokens[noun]
    if noun_token.dep == "conj" or any(parsed.tokens[c].dep == "conj" for c in parsed.children[noun]):
        return value  # 'a 63-year-old woman and two men were shot': one of several people
    if parsed.tokens[noun_token.head].lemma.lower() in _HARMED:
        return value  # 'a 59-year-old woman died after being struck': a victim, often not the one named most
    if noun_token.dep not in ("nsubj", "nsubjpass") and any(
        m.label == "PERSON" for m in parsed.entities_in(statement.start, statement.end)
    ):
        return value  # 'police named X and a 35-year-old man': the age may be anyone's but its subject's
    holder = _protagonist(parsed, entity_of)
    return replace(value, anchor="age", holder=holder) if holder >= 0 else value


_HARMED = DEAD_WORDS | HURT_WORDS | {"strike", "hit", "shoot", "stab", "attack", "find", "hospitalize"}
_LEAD_AGES = 3  # statements of an article's opening in which an unnamed age is the protagonist's
_PROTAGONISTS = frozenset({"man", "woman", "boy", "girl", "teenager", "suspect", "driver", "gunman", "mother",
                           "father"})  # fmt: skip
# Nouns of what a person does ('the 40-year-old actor', 'the 44-year-old doctor'): the protagonist's
# wherever the article uses them.
_ROLES = frozenset({"star", "actor", "actress", "singer", "player", "doctor", "surgeon", "coach",
                    "director", "writer", "author", "musician", "rapper", "quarterback", "pitcher",
                    "climber"})  # fmt: skip


def _protagonist(parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]) -> int:
    """The first mention of the person an article names most often (at least twice, and more than
    anyone else), or -1. A spokesman ('said Vancouver police spokesperson Tim Fanning') speaks for
    others however often he is quoted: he is never the one the article is about; and a name as
    the one who says something ('Pigeon said') counts half, for witnesses are quoted more often
    than they are written about."""
    counts: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    spokesmen = set()
    for mention in parsed.entities_in(0, len(parsed.text)):
        entity = entity_of.get((parsed.id, mention.start))
        if mention.label == "PERSON" and entity:
            counts[entity] += 0.5 if _as_a_source(parsed, mention) else 1.0
            first.setdefault(entity, mention.start)
            before, after = (
                parsed.text[max(0, mention.start - 20) : mention.start],
                parsed.text[mention.end :],
            )
            if _SPOKESMAN_BEFORE.search(before) or _SPOKESMAN_AFTER.match(after[:60]):
                spokesmen.add(entity)
    for entity in spokesmen:
        del counts[entity]
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:2]
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return -1
    return first[ranked[0][0]]


def _as_a_source(parsed: ParsedArticle, mention: EntityMention) -> bool:
    """Whether a name is the subject of a reporting verb ('Pigeon said', 'Luke Pigeon, who lives
    next door, said')."""
    root = parsed.tokens[_mention_root(parsed, mention)]
    return root.dep == "nsubj" and parsed.tokens[root.head].lemma.lower() in REPORTING_VERBS


_SPOKESMAN_BEFORE = re.compile(r"\bspokes(?:man|woman|person)\s+$", re.I)
_SPOKESMAN_AFTER = re.compile(r",\s+(?:an?\s+|the\s+)?(?:[\w.'-]+\s+){0,3}spokes(?:man|woman|person)\b", re.I)


def _owned(value: Value, parsed: ParsedArticle, entity_of: dict[tuple[int, int], str]) -> Value | None:
    """The value with its holder's entity in its anchor ('age/person:e7'): one person's age or fall
    is a question of its own. A length with no resolved holder answers nothing and is dropped."""
    if value.holder < 0:
        return value
    entity = entity_of.get((parsed.id, value.holder))
    if entity is None:
        return None if value.anchor == "length/person" or value.kind == "title" else value
    if "@" in value.anchor:  # 'point@score' of one player is not another's
        return replace(value, anchor=f"{value.anchor}/person:{entity}")
    base = "length" if value.anchor == "length/person" else "title" if value.kind == "title" else "age"
    return replace(value, anchor=f"{base}/person:{entity}")


def _surrounding(parsed: ParsedArticle, mention: EntityMention) -> bool:
    """'13 countries around the Indian Ocean', 'a quake off Aceh': a place that locates the scene
    from outside, not one that narrows a count to part of it (as 'in Central Aceh' does)."""
    i = parsed.token_at(mention.end - 1)
    head = parsed.tokens[parsed.tokens[i].head]
    return parsed.tokens[i].dep == "pobj" and head.lemma.lower() in _AROUND


def _residence(parsed: ParsedArticle, mention: EntityMention) -> bool:
    """'Gary Gomes of New Bedford, Massachusetts': where a named person is from describes the
    person; it does not narrow a count in the sentence to that place."""
    i = _mention_root(parsed, mention)
    while parsed.tokens[i].dep in ("appos", "conj") and parsed.tokens[i].head != i:
        i = parsed.tokens[i].head
    token = parsed.tokens[i]
    preposition = parsed.tokens[token.head]
    if token.dep != "pobj" or preposition.lemma.lower() != "of":
        return False
    owner = parsed.tokens[preposition.head]
    return any(m.label == "PERSON" for m in parsed.entities_in(owner.start, owner.end))


_AROUND = frozenset({"around", "across", "off", "near", "from", "throughout", "beyond", "outside"})


def _denied(parsed: ParsedArticle, value: Value, statement: Statement) -> bool:
    """'None of the other teams has been reported to have offered more than eight years': a value
    under a negated verb is not asserted. A toll of zero ('no one was killed') is the assertion."""
    if value.kind == "number" and value.high == 0:
        return False
    if _describes_the_subject(parsed, parsed.token_at(value.start)):
        return False  # 'Blackmore, 52, was not available for comment': he is still 52
    for ancestor in parsed.ancestors(parsed.token_at(value.start)):
        token = parsed.tokens[ancestor]
        if not statement.start <= token.start < statement.end or token.lemma.lower() in _REASONS:
            return False  # 'did not play due to a hamstring injury': the reason is asserted
        if token.pos in ("VERB", "AUX") and any(
            parsed.tokens[c].dep == "neg"
            or (parsed.tokens[c].dep in ("nsubj", "nsubjpass") and parsed.tokens[c].lemma.lower() in _NOBODY)
            for c in parsed.children[ancestor]
        ):
            return True
    return False


def _describes_the_subject(parsed: ParsedArticle, i: int) -> bool:
    """Whether token `i` is in apposition to a named subject ('Blackmore, 52,')."""
    token = parsed.tokens[i]
    head = parsed.tokens[token.head]
    return token.dep == "appos" and head.pos == "PROPN" and head.dep in ("nsubj", "nsubjpass")


_NOBODY = frozenset({"none", "nobody", "nothing", "neither"})
_REASONS = frozenset({"due", "because", "owing"})


def _hypothetical(parsed: ParsedArticle, char: int, statement: Statement) -> bool:
    """'A magnitude-6.0 quake can cause severe damage': a value of what may be, which reports
    nothing about the event: the verb of its own clause carries a modal (can, could, may, might,
    would). 'Officials could answer few questions about how he escaped after handcuffing three
    officers' is not: the three belong to 'handcuffing'."""
    for ancestor in parsed.ancestors(parsed.token_at(char)):
        token = parsed.tokens[ancestor]
        if not statement.start <= token.start < statement.end:
            return False
        if token.pos in ("VERB", "AUX"):
            return any(
                parsed.tokens[c].tag == "MD" and parsed.tokens[c].lemma.lower() in _MODALS
                for c in parsed.children[ancestor]
            )
    return False


_MODALS = frozenset({"can", "could", "may", "might", "would", "should"})


def _clause(parsed: ParsedArticle, char: int, statement: Statement) -> frozenset[int]:
    """The tokens a date or place at `char` is about: the subtree of its nearest verb.

    'killing five people in a region devastated by the 2004 tsunami': 2004 dates the devastation,
    not the five deaths; 'In 2004, a quake triggered a tsunami that killed 230,000' dates them all.
    """
    whole = frozenset(parsed.tokens_between(statement.start, statement.end))
    if _fronted(parsed, char, statement):
        return whole
    below = None
    for ancestor in parsed.ancestors(parsed.token_at(char)):
        token = parsed.tokens[ancestor]
        if token.pos in ("VERB", "AUX"):
            return frozenset(parsed.subtree(ancestor))
        if below is not None and below.lemma.lower() in _RELATIVE_TIME and token.pos in ("NOUN", "PROPN"):
            return frozenset(parsed.subtree(ancestor))  # 'the death of their son just before Christmas 2002'
        below = token
    return whole


# A date these prepositions put on a noun dates that noun only ('convicted Nov. 12 ... for the death
# of their unborn son just before Christmas 2002': 2002 is not the year of the conviction).
_RELATIVE_TIME = frozenset({"before", "after", "since", "until", "following", "prior"})


def _place_scope(parsed: ParsedArticle, char: int, statement: Statement) -> frozenset[int]:
    """The tokens a place at `char` narrows: its verb's clause without the clauses under it ('escaped
    from a van in Baytown after overpowering three guards': the guards were not counted in Baytown),
    or the whole statement when the place opens it."""
    scope = _clause(parsed, char, statement)
    if _fronted(parsed, char, statement):
        return scope
    place = parsed.token_at(char)
    verb = next((a for a in parsed.ancestors(place) if parsed.tokens[a].pos in ("VERB", "AUX")), None)
    if verb is None:
        return scope
    nested = {
        i
        for c in parsed.children[verb]
        if (parsed.tokens[c].dep in _SUBORDINATE or _introduces_a_clause(parsed, c))
        and place not in (under := parsed.subtree(c))
        for i in under
    }
    return scope - nested


def _introduces_a_clause(parsed: ParsedArticle, i: int) -> bool:
    """'after pulling a gun': a preposition whose object is a verb's clause."""
    return parsed.tokens[i].dep == "prep" and any(
        parsed.tokens[c].dep == "pcomp" and parsed.tokens[c].pos == "VERB" for c in parsed.children[i]
    )


_SUBORDINATE = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "parataxis"})


def _fronted(parsed: ParsedArticle, char: int, statement: Statement) -> bool:
    """'In neighbouring Central Aceh district, 10 people were killed, 140 were injured': a phrase
    that opens the statement, before its first comma, scopes every clause of it."""
    opening = parsed.text[statement.start : char]
    first = parsed.tokens[parsed.token_at(statement.start)]
    return first.pos == "ADP" and "," not in opening and "," in parsed.text[char : statement.end]


def _clause_words(
    parsed: ParsedArticle, char: int, statement: Statement, main_verb: int | None
) -> frozenset[str]:
    """The folded lemmas of the content words of the clause a value at `char` belongs to, and the
    statement's main verb ('foiled' of 'a warship foiled an attack on vessels transiting the Gulf
    on Friday'), the first root that is not a reporting verb."""
    words = set()
    tokens = [*_clause(parsed, char, statement), *([main_verb] if main_verb is not None else [])]
    for i in tokens:
        token = parsed.tokens[i]
        lemma = token.lemma.lower()
        if token.dep in ("amod", "compound"):
            continue  # 'the injured list' says nothing was injured then
        if token.pos in CONTENT_POS and lemma.isalpha() and lemma not in STOP_LEMMAS:
            words.add(_fold(lemma))
    return frozenset(words)


def _date_contexts(
    parsed: ParsedArticle, statement: Statement, values: Sequence[Value]
) -> tuple[frozenset[str], ...]:
    """Per value, the past dates of its clause ('2004', '2005-02'): what dates it to another event.

    Dates close to publication (today, last Tuesday, this month) are the story's own time and
    are left out; so is the date expression the value itself is part of (a disputed year).
    """
    reference = reference_date(parsed.article.published)
    dated: list[tuple[int, int, str, frozenset[int], bool]] = []
    for expression in parsed.expressions_in(statement.start, statement.end):
        if expression.label != "DATE" or _a_models_year(parsed, expression):
            continue
        ahead = looks_ahead(parsed, expression.start, (statement.start, statement.end))
        resolved = resolve_date(expression.text, reference, ahead=ahead)  # 'is set for June 17' is to come
        scope = _clause(parsed, expression.start, statement)
        if resolved is not None and _is_past(resolved, reference):
            recent = _within_a_year(resolved, reference)
            dated.append((expression.start, expression.end, resolved.iso, scope, recent))
        elif (
            resolved is None
            and reference is None
            and (month := _BARE_MONTH.match(expression.text))
            and parsed.text[expression.end : expression.end + 2] not in ("'s", "’s")  # "February's show"
        ):
            # 'struck ... in September' in an undated report may be another quake than Sunday's
            dated.append((expression.start, expression.end, "month:" + month.group(1).lower(), scope, False))
    return tuple(
        frozenset(
            iso
            for start, end, iso, scope, recent in dated
            if parsed.token_at(v.start) in scope
            and not (start < v.end and v.start < end)
            and not (recent and v.kind == "title")  # 'Last June, Attorney General Oppal': still his office
        )
        for v in values
    )


_BARE_MONTH = re.compile(
    r"^(?:(?:in|last|early|late|mid-?)\s+)?(january|february|march|april|may|june|july|august|september|october"
    r"|november|december)$",
    re.I,
)


def _a_models_year(parsed: ParsedArticle, expression: Expression) -> bool:
    """A bare year between an owner or 'a' and a name ('in his 2008 Bentley', 'by a 2013 Toyota
    Camry'): the model of a thing someone has, not a time the clause happened at. 'The 1967
    slayings' and 'the 2008 Miami Dolphins' still date their clause."""
    if not re.fullmatch(r"(?:19|20)\d\d", expression.text.strip()):
        return False
    token = parsed.tokens[parsed.token_at(expression.start)]
    head = parsed.tokens[token.head]
    before = parsed.text[max(0, expression.start - 6) : expression.start].lower()
    return (
        head.pos == "PROPN" and head.i > token.i and bool(re.search(r"\b(?:his|her|their|its|a)\s+$", before))
    )


def _within_a_year(resolved: ResolvedDate, reference: date | None) -> bool:
    """A past date less than a year before publication: a person's office then is still theirs."""
    if reference is None or resolved.precision == "year":
        return False
    first = date.fromisoformat(resolved.iso + "-01" if resolved.precision == "month" else resolved.iso)
    return (reference - first).days <= 365


def _is_past(resolved: ResolvedDate, reference: date | None) -> bool:
    """A date of another time than the story's: an earlier year, or a month or day weeks before."""
    if reference is None:
        return resolved.precision == "year" or resolved.precision == "month"
    if resolved.precision == "year":
        return resolved.year < reference.year
    first = date.fromisoformat(resolved.iso + "-01" if resolved.precision == "month" else resolved.iso)
    limit = 40 if resolved.precision == "month" else 14
    return (reference - first).days > limit


def contexts_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two values belong to the same time: both undated, or dated alike ('2012' and '2012-05')."""
    if not a and not b:
        return True
    return any(x[: min(len(x), len(y))] == y[: min(len(x), len(y))] for x in a for y in b)


def _mention_root(parsed: ParsedArticle, mention: EntityMention) -> int:
    """The token of a name that the rest of the sentence attaches to: 'Gulf' of 'the Gulf of Aden'."""
    tokens = parsed.tokens_between(mention.start, mention.end)
    for i in tokens:
        head = parsed.tokens[i].head
        if head == i or not mention.start <= parsed.tokens[head].start < mention.end:
            return i
    return parsed.token_at(mention.end - 1)


_STREET = re.compile(r"(?:Rue|Avenue|Boulevard|Via|Calle|Piazza|Plaza)\s+(?:d[eu']\s*|de la\s+)?[A-Z]")


def _event_place(
    parsed: ParsedArticle, mention: EntityMention, entity: str, entity_of: dict[tuple[int, int], str]
) -> list[Value]:
    """A street, sea or building where the event happened: 'in the Gulf of Aden', 'on Rue de Rivoli'.

    Only locations and facilities (not towns or countries, which nest: Moscow is in Russia) that
    are the object of a place preposition attached to a verb or an event noun.
    """
    if mention.label == "GPE":
        return _event_town(parsed, mention, entity, entity_of)
    if mention.label not in ("LOC", "FAC"):
        return []
    found = _preposition_of(parsed, mention, through_conj=True)  # 'at 97th Avenue and 117th Street'
    if (
        found is None
        or found[0].lemma.lower() not in PLACE_PREPOSITIONS
        or found[1].pos not in ("VERB", "NOUN")
    ):
        return []
    return _place_value(mention, entity, "where/" + kind if (kind := _place_kind(mention.text)) else "where")


def _wider_than_a_town(name: str) -> bool:
    """A country or a US state that is not also a city ('New York' headquarters are the city's)."""
    return is_country(name) and name not in ("New York", "Washington")


def is_country(name: str) -> bool:
    """A country or a US state: too wide to narrow a count or to be where one thing happened."""
    known = gazetteer_names().get(name)
    return (known is not None and known.kind == "country") or name in US_STATES


def _event_town(
    parsed: ParsedArticle, mention: EntityMention, entity: str, entity_of: dict[tuple[int, int], str]
) -> list[Value]:
    """A town where something happened: 'died on Thursday in Palm Springs', 'a hotel room in Biloxi'.

    Towns nest in regions, so only a town 'in' which a verb or noun happened is read, never a
    country, a US state, or the second name of 'Beverly Hills, California'; and two towns are
    compared only as where one named person did one thing (conflicting_values checks).
    """
    if is_country(mention.text):
        return []
    if re.search(r"[A-Za-z],\s*$", parsed.text[max(0, mention.start - 3) : mention.start]):
        return []  # 'Beverly Hills, California': the region of the town before it
    found = _preposition_of(parsed, mention, through_conj=False)
    if found is None or found[0].lemma.lower() != "in" or found[1].pos not in ("VERB", "NOUN", "PROPN"):
        return []  # 'died in Palm Springs', 'a hotel room in Biloxi', 'the SAP-Arena in Mannheim'
    values = _place_value(mention, entity, "where/town", verb=found[1].lemma.lower())
    noun = found[1]
    if noun.dep == "appos" and noun.pos == "NOUN":
        noun = parsed.tokens[noun.head]  # 'Promises Treatment Center, a rehab clinic in Palm Springs'
    facility = next(
        (
            entity_of.get((parsed.id, m.start))
            for m in parsed.entities_in(noun.start, noun.end)
            if m.label in ("FAC", "ORG", "WORK_OF_ART") and m.end <= mention.start
        ),
        None,
    )
    return (
        [replace(v, owner=facility) for v in values] if facility else values
    )  # 'the Promises centre in Malibu'; the small model types 'Morningside Recovery' a work of art


def _preposition_of(
    parsed: ParsedArticle, mention: EntityMention, through_conj: bool
) -> tuple[Token, Token] | None:
    """The preposition a place name is the object of and what it attaches to, or None.

    `through_conj`: the second of two coordinated names ('at 97th Avenue and 117th Street') shares
    the preposition of the first."""
    i = _mention_root(parsed, mention)
    while through_conj and parsed.tokens[i].dep == "conj" and parsed.tokens[i].head != i:
        i = parsed.tokens[i].head
    if parsed.tokens[i].dep != "pobj":
        return None
    preposition = parsed.tokens[parsed.tokens[i].head]
    return preposition, parsed.tokens[preposition.head]


def _place_value(mention: EntityMention, entity: str, anchor: str, verb: str = "") -> list[Value]:
    """A place value: the entity's number stands for it, so one place is one value."""
    number = _entity_number(entity)
    return [Value("place", anchor, number, number, mention.text, mention.start, mention.end, verb=verb)]


US_STATES = frozenset(
    {"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
     "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
     "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
     "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
     "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
     "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
     "West Virginia", "Wisconsin", "Wyoming"}
)  # fmt: skip


def _place_kind(name: str) -> str:
    """'water' for a sea or gulf, 'street' for a street: places of one kind do not nest in each
    other (the Maacama Fault lies in the North Bay, the Gulf of Aden does not lie on Rue de Rivoli)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    if words & _WATER:
        return "water"
    if words & _STREETS:
        return "street"
    return ""


_WATER = frozenset({"sea", "gulf", "ocean", "bay", "strait", "channel", "river", "lake"})
_STREETS = frozenset({*ROAD_WORDS, "rue", "via", "calle", "piazza", "st", "ave"})


def _value_terms(values: Sequence[Value]) -> set[str]:
    """Exact years and counts, and the hour of a clock time, as features: two reports giving the
    same figure share a rare term."""
    terms = set()
    for value in values:
        if value.kind == "year" or (value.kind == "number" and value.low == value.high and value.low >= 10):
            terms.add(f"{value.kind[0].upper()}:{value.low:g}")
        elif value.kind == "time":
            minutes = value.high if value.low == 0 else (value.low + value.high) / 2  # 'by 7 a.m.': 0-420
            terms.add(f"H:{round(minutes / 60) % 24}")  # '06:00 BST' and 'about 6am'
        elif value.kind == "body part":
            terms.add("B:" + _part_and_side(value.text)[0])  # 'hurt his left knee', 'injured his knee'
    return terms


def _attribution_chars(statement: Statement) -> set[int]:
    attribution = statement.attribution
    if attribution is None or attribution.inherited or attribution.phrase_start < statement.start:
        return set()
    return set(range(attribution.phrase_start, attribution.phrase_end))


def inherit_dates(described: Sequence[Described]) -> None:
    """Date a statement that continues the one before by a pronoun ('600 were killed in Zarand in
    February. It killed 612 people'): its undated values take the previous statement's past dates.
    """
    previous: Described | None = None
    for d in described:
        if (
            previous is not None
            and previous.statement.article_id == d.statement.article_id
            and _PRONOUN_START.match(d.statement.text)
        ):
            dates = frozenset().union(*previous.contexts) if previous.contexts else frozenset()
            if dates:
                d.contexts = tuple(context or dates for context in d.contexts)
        previous = d


_PRONOUN_START = re.compile(r"(?:It|They)\s")


_LEAD = 3  # statements of an article's lead, which names where the whole story happens


def _named_in_leads(
    described: Sequence[Described], lead: int, features: Callable[[Described], Iterable[str]]
) -> set[str]:
    """The features that the first `lead` statements of at least half the articles, and of two at
    least, name: what the whole story is about."""
    articles: dict[str, set[int]] = defaultdict(set)
    seen: Counter[int] = Counter()
    for d in described:
        article = d.statement.article_id
        seen[article] += 1
        if seen[article] <= lead:
            for feature in features(d):
                articles[feature].add(article)
    return {f for f, found in articles.items() if len(found) >= max(2, len(seen) / 2)}


def narrow_places(described: Sequence[Described]) -> None:
    """Keep as a value's local places only those that narrow the story's scope.

    A place that the leads of at least half of the story's articles name (Aceh, Indonesia) is where
    the whole story happens: it says nothing about which part of it a figure counts, and the same
    place is often resolved into two entities ('Aceh', 'Aceh province') that would look disjoint.
    Two copies of one report naming 'Central Aceh district' further down do not make that district
    the whole story.
    """
    wide = _named_in_leads(described, _LEAD, lambda d: d.places)
    for d in described:
        d.local_places = tuple(places - wide for places in d.local_places)


def weigh(described: Sequence[Described]) -> None:
    """IDF weights of every statement's terms within the story."""
    frequency = Counter(term for d in described for term in d.terms)
    total = len(described)
    for d in described:
        d.weights = {t: math.log((total + 1) / (frequency[t] + 0.5)) for t in d.terms}
        d.total_weight = sum(d.weights.values())


def mark_core(described: Sequence[Described]) -> None:
    """Mark in each statement the words of the story's main event: the content words that the
    leads (first two statements) of at least half the articles, and of two at least, use, other
    than titles and words for people."""
    people_words = titles().words | PERSON_UNITS  # 'the lieutenant general' is whom, not what happened
    words = _named_in_leads(described, 2, lambda d: (t for t in d.terms if ":" not in t))
    core = words - people_words
    for d in described:
        d.core = d.terms & core


def drop_regions(described: Sequence[Described]) -> None:
    """Drop the town values of a place the story names as a region ('East Flatbush, Brooklyn'):
    a report that it happened in Brooklyn does not contradict one that it happened in East
    Flatbush."""
    texts = "\n".join(d.statement.text for d in described)
    towns = {v.text for d in described for v in d.values if v.anchor == "where/town"}
    regions = {t for t in towns if re.search(rf"[A-Z][\w.'-]*,\s+{re.escape(t)}\b", texts)}
    if not regions:
        return
    for d in described:
        keep = [n for n, v in enumerate(d.values) if not (v.anchor == "where/town" and v.text in regions)]
        if len(keep) == len(d.values):
            continue
        d.values = tuple(d.values[n] for n in keep)
        d.contexts = tuple(d.contexts[n] for n in keep if n < len(d.contexts))
        d.local_places = tuple(d.local_places[n] for n in keep if n < len(d.local_places))
        d.clauses = tuple(d.clauses[n] for n in keep if n < len(d.clauses))


def mark_series(described: Sequence[Described]) -> None:
    """An article that names several of one series ('David Tennant, the tenth Doctor ... Smith,
    the eleventh') asks no single question of it: its ordinals get the anchor '<series>/several',
    which is compared only between statements that are alike. An article's one ordinal of a series
    ('the 12th Doctor') is its answer to which one."""
    told: dict[tuple[int, str], set[float]] = defaultdict(set)
    for d in described:
        for v in d.values:
            if v.anchor.startswith(ORDINAL):
                told[(d.statement.article_id, v.anchor)].add(v.low)
    several = {key for key, numbers in told.items() if len(numbers) > 1}
    for d in described:
        if any((d.statement.article_id, v.anchor) in several for v in d.values):
            d.values = tuple(
                replace(v, anchor=v.anchor + "/several")
                if (d.statement.article_id, v.anchor) in several
                else v
                for v in d.values
            )


ORDINAL = "ordinal:"


def link_sentences(described: Sequence[Described]) -> None:
    """Give each clause of a sentence cut into several statements the terms of the whole sentence,
    and to a clause that names no place the places of its sister clauses.

    Call after `weigh` and `narrow_places`: the whole sentence's weights are its clauses' (a term
    weighs the same story-wide)."""
    by_sentence: dict[tuple[int, int], list[Described]] = defaultdict(list)
    for d in described:
        by_sentence[(d.statement.article_id, d.statement.sentence)].append(d)
    for clauses in by_sentence.values():
        if len(clauses) < 2:
            continue
        weights = {t: w for d in clauses for t, w in d.weights.items()}
        whole = Described(
            clauses[0].statement,
            frozenset(weights),
            frozenset().union(*(d.entities for d in clauses)),
            (),
            weights=weights,
            total_weight=sum(weights.values()),
        )
        for d in clauses:
            d.sentence = whole
        places = frozenset().union(*(p for d in clauses for p in d.local_places))
        places -= _streets(
            v for d in clauses for v in d.values
        )  # 'on Nicola Avenue ... but no one was injured'
        for d in clauses:
            if places and not any(d.local_places):
                # 'Twelve people were killed and 70 others were injured ... in Bener Meriah district'
                d.local_places = tuple(places for _ in d.local_places)


def similarity(a: Described, b: Described) -> float:
    """Mean of the weighted Dice and overlap coefficients of two statements' terms.

    Dice alone punishes the longer of two reports for its extra detail; the overlap coefficient
    alone lets a short statement match any long one that contains its words. The mean of the two
    keeps both in check.
    """
    shared = sum(a.weights[t] for t in a.terms & b.terms)  # a term's weight is story-wide: same on both
    weight_a, weight_b = a.total_weight, b.total_weight
    if not weight_a or not weight_b:
        return 0.0
    dice = 2 * shared / (weight_a + weight_b)
    overlap = shared / min(weight_a, weight_b)
    return (dice + overlap) / 2


def candidate_pairs(described: Sequence[Described], settings: AlignmentSettings) -> list[tuple[int, int]]:
    """Pairs of statements sharing a feature (blocking), bounded per feature.

    A feature shared by few statements pairs them all. A feature shared by many (a name every
    report repeats, a fact all 300 articles state) pairs each statement only with the next
    `window` statements that have it, in article order (the sorted-neighbourhood method): a fact
    stated everywhere is still chained together, and the pairs grow linearly, not quadratically.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for position, d in enumerate(described):
        for term in d.terms:
            index[term].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        window = len(members) if len(members) <= settings.block_size else settings.window
        for n, a in enumerate(members):
            pairs.update((a, b) for b in members[n + 1 : n + 1 + window])
    return sorted(pairs)


# A clashing pair of statements (by position) and the questions (kind, anchor) they answer differently.
Clashes = dict[tuple[int, int], frozenset[tuple[str, str]]]


def find_clashes(described: Sequence[Described], settings: AlignmentSettings) -> Clashes:
    """Pairs of statements, from different sources, that give incompatible values for one question.

    Blocking is by value kind and anchor (every statement with a year of an election, every
    statement naming an injured body part), so rare conflicts are found even between statements
    that share only a common name. Within a block, statements are partitioned by the value they
    give, and only the first `clash_sample` statements of each partition are compared with those
    of the others: the cost follows the number of distinct values, not of statements.
    """
    index: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position, d in enumerate(described):
        for (kind, anchor), signature in _value_signatures(d).items():
            index[(kind, anchor)][signature].append(position)
            if (total := _total_of(anchor)) is not None:  # 'three women killed' against 'two killed'
                index[(kind, total)]["group:" + signature].append(position)
    for (noun, signature), positions in _counted_once(described).items():
        index[("number", COUNT + noun)][signature].extend(positions)
    clashes: dict[tuple[int, int], frozenset[tuple[str, str]]] = {}
    for pair, questions in _copied_sentence_clashes(described, settings):
        clashes[pair] = questions
    named_in: dict[int, set[str]] = defaultdict(set)
    for d in described:
        named_in[d.statement.article_id] |= d.entities
    for (kind, anchor), partitions in index.items():
        groups = [members[: settings.clash_sample] for _, members in sorted(partitions.items())]
        for n, left in enumerate(groups):
            for right in groups[n + 1 :]:
                if anchor.startswith(COUNT):
                    pairs = _count_clashing_pairs(described, left, right, anchor[len(COUNT) :], settings)
                elif kind == "name":
                    pairs = _holder_clashing_pairs(described, left, right, anchor, named_in, settings)
                else:
                    pairs = _clashing_pairs(described, left, right, settings)
                for pair, questions in pairs:
                    clashes[pair] = clashes.get(pair, frozenset()) | questions
    return {pair: _without_repeats(questions) for pair, questions in sorted(clashes.items())}


def _copied_sentence_clashes(
    described: Sequence[Described], settings: AlignmentSettings
) -> Iterable[tuple[tuple[int, int], frozenset[tuple[str, str]]]]:
    """Two articles' tellings of one sentence, word for word but for a figure (a wire story run
    twice): their bare figures answer one question (`_copy_clashes`). Blocked by the sentence with
    its digits masked, so the cost is one dictionary pass."""
    copies: dict[str, list[int]] = defaultdict(list)
    for position, d in enumerate(described):
        masked = _DIGITS.sub("#", " ".join(_WORD.findall(d.statement.text.lower())))
        if masked.count(" ") >= _COPY_MIN_WORDS and "#" in masked:
            copies[masked].append(position)
    for members in copies.values():
        for n, a in enumerate(members[: settings.clash_sample]):
            for b in members[n + 1 : settings.clash_sample]:
                first, second = described[a], described[b]
                if first.statement.article_id != second.statement.article_id and (
                    found := _copy_clashes(first, second)
                ):
                    yield (a, b), frozenset((va.kind, va.anchor) for va, _ in found)


_WORD = re.compile(r"[\w$£€%]+(?:[.,:'’-]\w+)*")
_DIGITS = re.compile(r"\d[\d,.:]*")
_COPY_MIN_WORDS = 6


# The question prefix of 'how many <noun>s', asked of counts each article gives one answer to.
COUNT = "count:"


def _without_repeats(questions: frozenset[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    """A pair's questions less 'how many cables' where it already clashes on 'cable@cut'."""
    nouns = {count_noun(a) for kind, a in questions if kind == "number" and not a.startswith(COUNT)}
    return frozenset(q for q in questions if not (q[1].startswith(COUNT) and q[1][len(COUNT) :] in nouns))


def count_noun(anchor: str) -> str:
    """The thing a plain count counts ('cable' of 'cable@cut', 'pass' of 'pass@catch/person:e1'),
    or '' for anything else: tolls, a group's toll, parts ('/other'), a round's count ('/in:'),
    measures, and nouns of time that count nothing by themselves ('times', 'years')."""
    head, _, rest = anchor.partition("/")
    if rest and not rest.startswith("person:"):
        return ""
    noun = head.partition("@")[0]
    if not noun.isalpha() or noun in _NOT_A_QUESTION or noun in GROUPS or noun in PERSON_UNITS:
        return ""
    return noun


def count_verb(anchor: str) -> str:
    return anchor.partition("/")[0].partition("@")[2]


_NOT_A_QUESTION = frozenset({"people", "magnitude", "length", "age", "size", "money", "duration", "time",
                             "year", "day", "week", "month", "hour", "minute", "second",
                             "percent"})  # fmt: skip


def _counted_once(described: Sequence[Described]) -> dict[tuple[str, str], list[int]]:
    """(noun, value) -> statements, for the nouns an article counts with one value only.

    'How many cables were cut' has one answer per report: where an article gives a single count
    of cables, however its verbs put it ('three cables were cut', 'a total of four cables ... went
    down'), that count is its answer. An article that counts a noun twice ('won 40 games and took
    Detroit to six games') asks more than one question of it, and none is taken.
    """
    by_article: dict[int, dict[str, dict[str, list[int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for position, d in enumerate(described):
        for n, value in enumerate(d.values):
            if value.kind == "number" and not _context(d, n) and (noun := count_noun(value.anchor)):
                by_article[d.statement.article_id][noun][_signature(value)].append(position)
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for nouns in by_article.values():
        for noun, answers_given in nouns.items():
            if len(answers_given) == 1:
                ((signature, positions),) = answers_given.items()
                found[(noun, signature)].extend(sorted(set(positions)))
    return found


def _count_clashing_pairs(
    described: Sequence[Described], left: list[int], right: list[int], noun: str, settings: AlignmentSettings
) -> Iterable[tuple[tuple[int, int], frozenset[tuple[str, str]]]]:
    for a in left:
        for b in right:
            first, second = described[a], described[b]
            if first.statement.article_id != second.statement.article_id and _counts_clash(
                first, second, noun, settings
            ):
                yield (min(a, b), max(a, b)), frozenset({("number", COUNT + noun)})


def _holder_clashing_pairs(
    described: Sequence[Described],
    left: list[int],
    right: list[int],
    anchor: str,
    named_in: dict[int, set[str]],
    settings: AlignmentSettings,
) -> Iterable[tuple[tuple[int, int], frozenset[tuple[str, str]]]]:
    for a in left:
        for b in right:
            first, second = described[a], described[b]
            if _holders_clash(first, second, anchor, named_in, settings):
                yield (min(a, b), max(a, b)), frozenset({("name", anchor)})


def _holders_clash(
    a: Described, b: Described, anchor: str, named_in: dict[int, set[str]], settings: AlignmentSettings
) -> bool:
    """Two articles name different people for one role ('The prime minister, Costas Karamanlis',
    'Prime Minister Costas Simitis'), where each article never names the other's person at all: a
    story with two prime ministers, or a referee and his predecessor, names both somewhere."""
    article_a, article_b = a.statement.article_id, b.statement.article_id
    if article_a == article_b or not _independent(a, b):
        return False
    va = next(v for v in a.values if v.kind == "name" and v.anchor == anchor)
    vb = next(v for v in b.values if v.kind == "name" and v.anchor == anchor)
    holder_a, holder_b = _entity_of(va), _entity_of(vb)
    if holder_a == holder_b or holder_a in named_in[article_b] or holder_b in named_in[article_a]:
        return False
    if not anchor.startswith("holder:plays ") and _where_or_whose(a) != _where_or_whose(b):
        return False  # the governor of Qeshm and of Hormozgan; Sudan's president and South Sudan's
    if fuzz.ratio(va.text.split()[-1].lower(), vb.text.split()[-1].lower()) >= _SPELLING:
        return False  # 'Ilene Wolff', 'Ilene Wolfe': one spokeswoman spelt two ways
    return about_same(a, b) >= settings.holder_conflict_about


def _where_or_whose(d: Described) -> frozenset[str]:
    """The places and organisations a statement names, besides its people."""
    return d.entities - d.people


_SPELLING = 80  # rapidfuzz ratio of two surnames above which they are one name spelt two ways


def _counts_clash(a: Described, b: Described, noun: str, settings: AlignmentSettings) -> bool:
    """Two articles' only counts of one noun disagree, and tell one deed: the same verb, or a verb
    that says nothing of its own ('a total of four cables ... went down', 'has a 2.5mm jack'), of
    the same person where both name one, in the same time and place."""
    n, m = _count_of(a, noun), _count_of(b, noun)
    va, vb = a.values[n], b.values[m]
    if va.anchor == vb.anchor or va.compatible(vb) or not contexts_agree(_context(a, n), _context(b, m)):
        return False  # one anchor is one question already, compared as such
    if _not_a_plain_count(a, va) or _not_a_plain_count(b, vb):
        return False
    if not _same_scope(_local_places(a, n), _local_places(b, m)):
        return False
    if _different_people(a, b) or _different_organisations(a, b):
        return False
    holder_a, holder_b = va.anchor.partition("/person:")[2], vb.anchor.partition("/person:")[2]
    if holder_a != holder_b:
        return False  # 'Gibbs ended the run with two charity shots', 'He made 8 of 14 shots'
    if _recalled(a, va) or _recalled(b, vb):
        return False  # 'The three boats had 26 crew': the boats some other sentence counted
    verb_a, verb_b = count_verb(va.anchor), count_verb(vb.anchor)
    about = about_same(a, b)
    if not (verb_a and verb_b):  # a count with no verb of its own: near-identical reports only
        return about >= settings.place_conflict_about
    if _deed(verb_a) == _deed(verb_b) or verb_a in _SAY_NOTHING or verb_b in _SAY_NOTHING:
        return about >= settings.count_conflict_about
    return False  # 'scored 20 points' and 'won by 18 points' count different things


def _not_a_plain_count(d: Described, value: Value) -> bool:
    """'one climber' (an article, not a count), 'USB 3.0 ports' (a version), 'an 80-Gigabit switch'
    (a kind of thing), 'a total of 31 fire trucks, emergency vehicles and other equipment' (more
    than the noun): counts that do not answer 'how many' of their noun."""
    before, after = _around(d, value, 12, 60)
    return (
        value.high <= 1
        or bool(_NAMED_BEFORE.search(before))
        or bool(_HYPHENED.match(after))
        or bool(_LISTED_WITH.match(after))
    )


_NAMED_BEFORE = re.compile(r"[A-Z][\w-]*\s$")
_HYPHENED = re.compile(r"-[A-Za-z]")
_LISTED_WITH = re.compile(r"^\s+(?:[\w-]+\s+){0,2}[\w-]+,\s+(?:[\w-]+\s+){0,3}(?:and|or)\b")


def _recalled(d: Described, value: Value) -> bool:
    """A count told with 'the' and nothing that defines it ('the three boats'), which refers back to
    things counted elsewhere, unlike 'the 12 actors who have played the Doctor'."""
    before, after = _around(d, value, 12, 40)
    return bool(_DEFINITE.search(before)) and not _DEFINED.match(after)


_DEFINITE = re.compile(r"\b(?:the|these|those)\s+$", re.I)
_DEFINED = re.compile(r"^\s*(?:[\w-]+\s+){1,3}(?:who|that|which|whom)\b", re.I)


def _around(d: Described, value: Value, before: int, after: int) -> tuple[str, str]:
    """Up to `before` characters of the statement before a value and `after` characters after it."""
    start, end = value.start - d.statement.start, value.end - d.statement.start
    return d.statement.text[max(0, start - before) : start], d.statement.text[end : end + after]


def _count_of(d: Described, noun: str) -> int:
    """The position of the statement's count of the noun that is of the story's own time."""
    return next(
        i
        for i, v in enumerate(d.values)
        if v.kind == "number" and not _context(d, i) and count_noun(v.anchor) == noun
    )


# Verbs that say nothing of their own about what a count counts.
_SAY_NOTHING = frozenset({"be", "go", "include", "involve", "total", "number", "feature", "contain",
                          "remember", "come"})  # fmt: skip


def _value_signatures(d: Described) -> dict[tuple[str, str], str]:
    """Per question (kind, anchor), the values a statement gives, as one comparable string."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for value in d.values:
        if value.anchor:
            found[(value.kind, value.anchor)].append(_signature(value))
    return {key: "|".join(sorted(set(items))) for key, items in found.items()}


def _signature(value: Value) -> str:
    """A value as a string that is equal for equal answers."""
    if value.kind == "body part":
        return value.text.lower()
    if value.kind == "title":
        return " ".join(title_words(value.text))
    return f"{value.low:g}-{value.high:g}"


def _clashing_pairs(
    described: Sequence[Described], left: list[int], right: list[int], settings: AlignmentSettings
) -> Iterable[tuple[tuple[int, int], frozenset[tuple[str, str]]]]:
    for a in left:
        for b in right:
            first, second = described[a], described[b]
            found = conflicting_values(first, second, settings) if _independent(first, second) else []
            if found:
                yield (min(a, b), max(a, b)), frozenset((va.kind, va.anchor) for va, _ in found)


def _independent(a: Described, b: Described) -> bool:
    """Two statements can contradict only if they come from different articles or sources."""
    return a.statement.article_id != b.statement.article_id or a.origin != b.origin


def conflicting_values(a: Described, b: Described, settings: AlignmentSettings) -> list[tuple[Value, Value]]:
    """The values of two statements that answer one question differently, where the statements
    are about the same thing closely enough for that to be a contradiction.

    A value with a sharp anchor of the story's own time (a magnitude, a depth, the age of 'the
    woman', a clock time) asks one question of the whole story: the statements need only a little
    in common. Any other value (a toll, a count of boats, a distance, a year of 'the attack'), and
    any value dated to the past, needs the statements themselves to be similar. Both need the same
    clause context (same past date); counts also need places that do not narrow them apart.
    """
    parts = _body_part_clash(a, b)
    different_people = _different_people(a, b)
    if (
        parts is not None
        and not different_people  # Thomas's ankle and Ivory's foot
        and (
            a.entities & b.entities
            or (
                not (a.entities and b.entities)
                and (a.core & b.core or about_same(a, b) >= settings.same_fact)
            )
        )  # 'Phillips ... a fractured left forearm', 'Bush tweaked his left knee': two names, two wounds
    ):
        return [parts]
    found = [
        pair
        for pair in _subgroup_clashes(a, b)
        if not different_people and about_same(a, b) >= settings.toll_conflict_about
    ]
    for n, m, dated in _value_clashes(a, b):
        va, vb = a.values[n], b.values[m]
        places_a, places_b = _narrowing_places(a, n), _narrowing_places(b, m)
        if _is_count(va) and not _same_scope(places_a, places_b):
            continue  # a toll in Bam, or in one district, is not the toll of the whole event
        if va.anchor == "where/hq":
            if va.owner == vb.owner and not (_wider_than_a_town(va.text) or _wider_than_a_town(vb.text)):
                found.append((va, vb))  # where ATI is based has one answer, however it is told
            continue
        if va.anchor == "where/town" and va.owner and va.owner == vb.owner:
            found.append((va, vb))  # the town a named clinic or company is in has one answer
            continue
        if va.anchor == "where/town" and not (a.people & b.people and _same_happening(a, b, n, m)):
            continue  # where one person died; a robbery in Paris is not the robbery in Cannes
        if va.anchor.startswith("gameclock"):
            if _one_players_moment(a, b, va, vb) and about_same(a, b) >= settings.sharp_conflict_about:
                found.append((va, vb))  # the time left when one player did one thing: McDermott's record
            continue  # a game has many moments in each half
        if va.anchor in _NAMED_SITES and va.anchor != "where/town":
            if (a.people | a.meant) & (b.people | b.meant) and _same_happening(a, b, n, m):
                found.append((va, vb))  # the prison one person was found dead in: 'Pagliarelli', 'Ucciardone'
            continue
        if (different_people or _different_organisations(a, b) or _different_payers(va, vb)) and (
            va.anchor == "duration" or va.anchor.startswith("money")
        ):
            continue  # Teixeira's eight-year offer, Ibanez's three-year; the Nationals' offer, the Red Sox's
        if va.anchor == "month":
            if not _same_scope(a.places, b.places):
                continue  # the Bam quake in December, the Zarand quake in February
            # 'expects to close the deal in March', 'is expected to close in April'
            if (
                _same_doing(a, b, n, m)
                or _same_thing_done(a, b, n, m)
                or (_one_deed(va, vb) and about_same(a, b) >= settings.same_fact)
            ):
                found.append((va, vb))
            continue  # a story names many months: only one deed's months are compared
        if va.weekday or vb.weekday or va.monthday or vb.monthday:
            if _same_doing(a, b, n, m) or _same_thing_done(a, b, n, m) or _once_of_one(va, vb):
                found.append((va, vb))  # one deed of the same people, on two days
            continue  # an undated 'Tuesday' or 'Nov. 12' may be any one: only one deed of the same people
        timed = va.kind in ("date", "time")
        if timed and a.statement.article_id == b.statement.article_id and not _same_doing(a, b, n, m):
            continue  # one article's timeline: two sources' times of two moments, unless one deed
        if va.anchor.startswith("length/person") and va.verb and vb.verb and _deed(va.verb) != _deed(vb.verb):
            continue  # Garrard 'threw for 329 yards'; 'raced in from 35 yards out' after his interception
        if va.anchor == "duration" and not _same_span(va, vb):
            continue  # an eight-hour battery life is not a battery that lasts five years
        bar = None if dated else _sharp_bar(va, vb, settings)
        if (
            bar is not None
            and _total_of(va.anchor) is None
            and va.anchor.startswith("people/")
            and a.cumulative != b.cumulative
        ):
            continue  # '600 killed so far in the offensive' is not the toll of one attack in it
        if va.kind == "year" and va.owner and va.owner == vb.owner:
            bar = settings.sharp_conflict_about  # the year Cheeks retired, however the rest is told
        if dated and (va.anchor in ("people/dead", "people/hurt") or _total_of(va.anchor) is not None):
            bar = settings.toll_conflict_about  # the toll of the 2005 rampage, or its women, both dated to it
        if bar is None and not dated and _counts_the_event(a, b, va):
            bar = settings.toll_conflict_about  # 'shot eleven times', 'shot seven times'
        if va.kind == "date" and _same_hour(a, b):
            bar = settings.sharp_conflict_about  # 'shortly after 06:00 on Sunday', 'about 6am on Saturday'
        sharp = bar is not None and _sharp_question(a, b, n, m, bar, settings)
        loose = bar is None and (
            (_loosely_comparable(a, b, va, settings) and (va.kind != "date" or _same_happening(a, b, n, m)))
            or (
                not dated and (va.kind in _EVENT_KINDS or va.anchor == "duration") and _of_the_event(a, b, va)
            )
            or (
                not dated
                and va.anchor == "day"
                and _both_happen(va, vb)
                and _same_happening(a, b, n, m)
                and _of_the_event(a, b, va)
            )
        )
        if sharp or loose:
            found.append((va, vb))
    return found


def _copy_clashes(a: Described, b: Described) -> list[tuple[Value, Value]]:
    """A bare year or number (one no reader anchors) that differs between two tellings of one
    sentence ('In 1957, Gigante was the hitman in a botched attempt ...' / 'In 1956, ...'): where the
    words are the same and each telling has only that one figure, it answers the same question."""
    found = []
    for kind in ("year", "number"):
        ours = [v for v in a.values if v.kind == kind and not v.anchor]
        theirs = [v for v in b.values if v.kind == kind and not v.anchor]
        if len(ours) != 1 or len(theirs) != 1 or ours[0].compatible(theirs[0]):
            continue
        if ours[0].text in b.statement.text or theirs[0].text in a.statement.text:
            continue  # both figures stand in one telling: two things counted
        found.append((ours[0], theirs[0]))
    return found


def _sharp_question(
    a: Described, b: Described, n: int, m: int, bar: float, settings: AlignmentSettings
) -> bool:
    """Whether two values of a sharp anchor answer one question: the statements share a little, or
    both speak of the main event. A day told in other words must date the same happening
    ('occurred', 'shaken'); a clock time must too, unless the statements are alike or name the
    same person."""
    value = a.values[n]
    comparable = _sharply_comparable(a, b, value, b.values[m], bar)
    if value.kind == "date":
        return comparable or (_same_happening(a, b, n, m) and _of_the_event(a, b, value))
    if not (comparable or _of_the_event(a, b, value)):
        return False
    return value.kind != "time" or _same_happening(a, b, n, m) or _closely_alike(a, b, settings)


def _same_scope(places_a: frozenset[str], places_b: frozenset[str]) -> bool:
    """Two counts are of one scope: neither is narrowed to a place, or both to a shared one."""
    return not (places_a or places_b) or bool(places_a & places_b)


def _total_of(anchor: str) -> str | None:
    """The question of the whole toll a group's toll is part of: 'people/dead' for 'woman/dead'."""
    unit, _, event = anchor.partition("/")
    return f"people/{event}" if unit in GROUPS and event in ("dead", "hurt") else None


def answers(value: Value, kind: str, anchor: str) -> bool:
    """Whether a value answers a question: its own, a group's toll for the whole toll, or any
    count of a noun for 'how many' of it."""
    if value.kind != kind:
        return False
    if anchor.startswith(COUNT):
        return count_noun(value.anchor) == anchor[len(COUNT) :]
    return value.anchor == anchor or _total_of(value.anchor) == anchor


def _subgroup_clashes(a: Described, b: Described) -> Iterable[tuple[Value, Value]]:
    """A group of the dead or injured larger than the whole toll: 'three women were killed' cannot
    be true with 'two people were killed' (but 'two women' can be with 'three people'). The pair
    comes whole toll first, whichever statement gives it."""
    for first, second in ((a, b), (b, a)):
        for n, total in enumerate(first.values):
            if total.kind != "number" or total.anchor not in ("people/dead", "people/hurt"):
                continue
            for m, group in enumerate(second.values):
                if (
                    _total_of(group.anchor) == total.anchor
                    and group.low > total.high
                    and contexts_agree(_context(first, n), _context(second, m))
                    and _same_scope(_local_places(first, n), _local_places(second, m))
                ):
                    yield total, group  # the question is the whole toll's
                    return


# Places compared as where one named person did one thing: a town, a named prison or hospital.
_NAMED_SITES = frozenset(
    {"where/town", "where/prison", "where/jail", "where/hospital", "where/clinic", "where/hotel"}
)


def _different_payers(va: Value, vb: Value) -> bool:
    """Two amounts named as paid or offered by different parties ('the Nationals' offer', 'the Red
    Sox's offer'), even where the parser finds no organisation."""
    return (
        va.anchor.startswith("money")
        and bool(va.owner)
        and bool(vb.owner)
        and not same_party(va.owner, vb.owner)
    )


def _different_organisations(a: Described, b: Described) -> bool:
    """Both statements name organisations (entities that are neither people nor places) and share
    none: 'the Nationals made an eight-year, $160 million offer', 'the Red Sox offered $184 million'."""
    orgs_a, orgs_b = a.entities - a.people - a.places, b.entities - b.people - b.places
    return bool(orgs_a and orgs_b and not orgs_a & orgs_b)


def _one_players_moment(a: Described, b: Described, va: Value, vb: Value) -> bool:
    """Two game-clock times of one person doing one thing ('sank a free throw with 4:43 left'):
    Artino's bucket at 11:43 and his checking out at 9:07 are two moments."""
    return bool((a.people | a.meant) & (b.people | b.meant)) and _deed(va.verb) == _deed(vb.verb)


def _different_people(a: Described, b: Described) -> bool:
    """Both statements name people and share none: what one says of its people is not about the
    other's ('McDermott scored 23 points', 'Artino scored 14')."""
    return bool(a.people and b.people and not a.people & b.people)


def _deed(verb: str) -> str:
    """A verb with the words of one deed folded into one ('issue' a patch is 'release' it), for
    telling whether two days or times date the same doing. Kept apart from `_fold`, which also
    shapes which statements are one fact."""
    folded = _fold(verb)
    return _DEEDS.get(folded, folded)


_DEEDS = {"arrest": "capture", "detain": "capture", "issue": "release", "enter": "come", "arrive": "come",
          "rush": "run", "plunge": "fall", "plummet": "fall", "tumble": "fall", "worth": "value",
          "unveil": "name", "appoint": "name", "tap": "name", "pick": "name", "choose": "name",
          "select": "name"}  # fmt: skip


def _fold(lemma: str) -> str:
    """A lemma with the interchangeable news words folded into one (`_SYNONYMS`)."""
    return _SYNONYMS.get(lemma, lemma)


# Questions about the main event that both statements may answer in very different words.
_EVENT_KINDS = frozenset({"place", "weapon"})


def _of_the_event(a: Described, b: Described, value: Value) -> bool:
    """Both statements speak of the story's main event in its own words ('the quake occurred at
    2:09', 'shaken at 3:09 by a magnitude 4.6 earthquake'): a sharp question then has one answer."""
    if value.anchor.startswith("age") or value.anchor == "where":
        return False  # an age is a person's ('47-year-old man', '50-year-old man'); places may nest
    return bool(a.core & b.core)


def _counts_the_event(a: Described, b: Described, value: Value) -> bool:
    """A count tied to the story's main verb in both statements ('time@shoot' of 'shot eleven times')."""
    thing, _, verb = value.anchor.partition("@")
    verb = verb.partition("/")[0]
    if _different_people(a, b):
        return False  # McDermott scored 23 points, Artino 14: a count of each player's own
    return bool(thing and verb) and _fold(verb) in a.core & b.core


def _same_happening(a: Described, b: Described, n: int, m: int) -> bool:
    """Whether two days or times date one happening: their verbs agree ('thwarted on Thursday' and
    'foiled ... on Friday'), one's verb is in the other statement, both say the event took place,
    or (for days) both give the same hour. Aid handed out on Monday does not contradict a quake on
    Sunday; a fire put out by 7 a.m. does not contradict the call at 3:30."""
    if _different_people(a, b):
        return False  # Thomas placed on injured reserve on Wednesday, Ivory on Tuesday
    va, vb = a.values[n], b.values[m]
    verb_a, verb_b = _fold(va.verb), _fold(vb.verb)
    if (verb_a and (verb_a == verb_b or verb_a in b.clauses[m])) or (verb_b and verb_b in a.clauses[n]):
        return True  # either way round: 'found dead in Pagliarelli prison', 'Ucciardone prison'
    if verb_a and _deed(verb_a) == _deed(verb_b):
        return True  # 'the gunman entered the party around 4:00 p.m.', 'came in around 3 p.m.'
    if verb_a in _HAPPEN and verb_b in _HAPPEN:
        return True  # 'the quake occurred at 2:09', 'the valley was shaken at 3:09'
    return va.kind == "date" and _same_hour(a, b)


# Verbs that say that the event took place, whatever it was.
_HAPPEN = frozenset({"occur", "happen", "strike", "hit", "shake", "jolt", "rattle", "rock", "erupt", "start",
                     "begin", "break", "explode", "detonate", "blast", "crash", "collapse", "devastate",
                     "destroy", "gut", "engulf", "ravage"})  # fmt: skip


def _same_doing(a: Described, b: Described, n: int, m: int) -> bool:
    """The same verb of the same named people or organisation: 'Jackson was arrested early Tuesday',
    'Jackson was arrested ... early Monday morning'; 'Microsoft ... issuing the patch' on Wednesday,
    'Microsoft released a critical security patch on Thursday'."""
    actors = ((a.entities - a.places) | a.meant) & ((b.entities - b.places) | b.meant)
    return _one_deed(a.values[n], b.values[m]) and bool(actors)


def _once_of_one(va: Value, vb: Value) -> bool:
    """The day of what happens to a person once, both of the same person: 'he died Thursday' (of
    the article's protagonist, Felt) and 'Felt died on Wednesday'."""
    return bool(va.owner) and va.owner == vb.owner and _one_deed(va, vb)


def _same_thing_done(a: Described, b: Described, n: int, m: int) -> bool:
    """The same verb done to the same thing, where no one is named: 'the submarine cables were damaged
    south of Italy on Friday', 'three international underwater cables ... were damaged Wednesday'."""
    va, vb = a.values[n], b.values[m]
    if not _one_deed(va, vb) or a.people or b.people:
        return False
    return bool(va.theme) and _fold(va.theme) == _fold(vb.theme)


def _one_deed(va: Value, vb: Value) -> bool:
    """Two values of the same verb, in `_deed`'s sense, that is not a verb of saying."""
    return bool(va.verb) and _deed(va.verb) == _deed(vb.verb) and va.verb not in REPORTING_VERBS


def _closely_alike(a: Described, b: Described, settings: AlignmentSettings) -> bool:
    """Two statements alike enough to tell one happening in other verbs ('was struck around 7
    p.m.', 'was walking ... around 9 p.m. when she was hit'), or about the same named people."""
    return bool(a.people & b.people) or about_same(a, b) >= settings.conflict_about


def _same_span(va: Value, vb: Value) -> bool:
    """Two durations measure one thing: the same noun or verb ('a three-month stay', 'a six-month
    stay'), or both say how long the event went on ('felt for 15 seconds', 'shook for a minute')."""
    if va.verb == vb.verb and va.verb:
        return True
    return va.verb in _LASTING and vb.verb in _LASTING


_LASTING = frozenset({"last", "shake", "feel", "rattle", "jolt", "continue", "go", "run"})


def _both_happen(va: Value, vb: Value) -> bool:
    """Both verbs say the event took place, or they are one verb: 'the explosion occurred Friday',
    'a bomb exploded ... late Thursday'."""
    verb_a, verb_b = _fold(va.verb), _fold(vb.verb)
    return bool(verb_a) and (verb_a == verb_b or (verb_a in _HAPPEN and verb_b in _HAPPEN))


def _same_hour(a: Described, b: Described) -> bool:
    return any(t.startswith("H:") for t in a.terms & b.terms)


def _is_count(value: Value) -> bool:
    """A count of people or things, whose scope a place narrows ('10 killed in Central Aceh')."""
    return value.kind == "number" and not value.anchor.startswith(("magnitude", "length/", "age", "size/"))


def _sharp_bar(value: Value, other: Value, settings: AlignmentSettings) -> float | None:
    """The similarity a sharply anchored value needs, or None for the statement-level test.

    Only values of the story's own time are sharp: a background event ('last year a 6.4 quake')
    is compared only between statements that are alike. An amount of money is sharp when both
    belong to one verb: what AMD pays to *acquire* SeaMicro.
    """
    anchor = value.anchor
    if value.kind == "title":
        return settings.title_conflict_about
    if (
        value.anchor.startswith("money")
        and _deed(value.verb) == _deed(other.verb)
        and value.verb not in ("", *STOP_LEMMAS)
    ):
        return settings.sharp_conflict_about  # 'valued at $108 million', '$128 million worth of
    if anchor.startswith("age/person:"):
        return settings.title_conflict_about  # one named person's age has one answer, however it is told
    if anchor.startswith(ORDINAL) and not anchor.endswith("/several"):
        return settings.title_conflict_about  # the one Doctor each article names: 'the 11th', 'the 12th'
    if anchor in ("magnitude", "length/depth") or anchor.startswith(("age", "clock", "length/person")):
        return settings.sharp_conflict_about
    if anchor.startswith(("from:", "size/")) or value.kind == "weapon":
        return settings.distance_conflict_about
    if anchor in ("people/dead", "people/hurt") or _total_of(anchor) is not None:
        return settings.toll_conflict_about  # the dead, or the women among them
    return None


def _sharply_comparable(a: Described, b: Described, value: Value, other: Value, bar: float) -> bool:
    if value.anchor == "age" and not a.people & b.people:
        # the age of a named person: the statements must name the same person, or, for an age told
        # of the sentence's subject ('Bettie Page ... died ... at the age of 85'), share the one name
        # the model did not type a person
        named_a, named_b = a.entities - a.places - a.people, b.entities - b.places - b.people
        return (
            _AGE_TOLD.match(value.text) is not None
            and _AGE_TOLD.match(other.text) is not None
            and not (a.people and b.people)
            and len(named_a & named_b) == 1
        )
    return about_same(a, b) >= bar


_AGE_TOLD = re.compile(r"(?:at\s+)?(?:the\s+)?age(?:d|\s+of)?\s+\d", re.I)


def _loosely_comparable(a: Described, b: Described, value: Value, settings: AlignmentSettings) -> bool:
    """The statement-level test for values whose anchor alone does not pin the question.

    Years and days are anchored to what they date, a sharper anchor than a count's unit: they need
    less of the rest of the sentence to agree. Places differ often in detail: only near-identical
    reports compare.
    """
    about = about_same(a, b)
    terms = min(len((a.sentence or a).terms), len((b.sentence or b).terms))
    if a.cumulative != b.cumulative or terms < settings.conflict_min_terms:
        return False
    if value.kind == "place":
        return about >= settings.place_conflict_about
    if value.kind in ("year", "date"):
        return about >= settings.year_conflict_about
    return about >= settings.conflict_about


def about_same(a: Described, b: Described) -> float:
    """How much two statements are about the same thing, for comparing their values: their own
    similarity, or that of their whole sentences when a sentence was cut into clauses ('"We have
    recorded 24 people dead' / 'and 249 people injured"' are one report of one count)."""
    own = similarity(a, b)
    if a.sentence is None and b.sentence is None:
        return own
    return max(own, similarity(a.sentence or a, b.sentence or b))


def _value_clashes(a: Described, b: Described) -> Iterable[tuple[int, int, bool]]:
    """Incompatible values of one kind and anchor, dated alike: their positions in `a.values` and
    `b.values`, and whether they are dated to a past time."""
    for n, va in enumerate(a.values):
        if va.kind not in _COMPARED_KINDS or not va.anchor:
            continue
        same = [
            (m, vb)
            for m, vb in enumerate(b.values)
            if vb.kind == va.kind
            and vb.anchor == va.anchor
            and contexts_agree(_context(a, n), _context(b, m))
        ]
        if va.kind in _SET_KINDS and any(
            vx.compatible(vb) for vx in a.values if vx.kind == va.kind for _, vb in same
        ):
            continue  # 'at 97th Avenue and 117th Street' and 'on 117th Street near 97th Avenue' agree
        if same and not any(va.compatible(vb) for _, vb in same):
            yield n, same[0][0], bool(_context(a, n))


def values_conflict(a: Described, b: Described) -> list[tuple[Value, Value]]:
    """Pairs of values answering the same question differently (same kind and anchor), each
    pair dated to the same time (`contexts_agree`): such statements are never one fact."""
    clashes = [(a.values[n], b.values[m]) for n, m, _ in _value_clashes(a, b)]
    parts = _body_part_clash(a, b)
    return [*clashes, parts] if parts is not None else clashes


def _body_part_clash(a: Described, b: Described) -> tuple[Value, Value] | None:
    """The first wounded body part of each statement when neither list of parts contains the other
    ('arm and foot' against 'arm, leg and chest'), else None."""
    parts_a = {_part_and_side(v.text) for v in a.values if v.kind == "body part"}
    parts_b = {_part_and_side(v.text) for v in b.values if v.kind == "body part"}
    if not parts_a or not parts_b or _all_told(parts_a, parts_b) or _all_told(parts_b, parts_a):
        return None
    first_a = next(v for v in a.values if v.kind == "body part")
    first_b = next(v for v in b.values if v.kind == "body part")
    return first_a, first_b


def _part_and_side(text: str) -> tuple[str, str]:
    """('knee', 'left') of 'left knee'; ('head', '') of 'temple'."""
    words = text.lower().split()
    side = words[0] if len(words) > 1 and words[0] in ("left", "right") else ""
    part = words[-1]
    return _WITHIN.get(part, part), side


def _all_told(some: set[tuple[str, str]], others: set[tuple[str, str]]) -> bool:
    """Every part of `some` is among `others`: the same part, on the same side or on an untold one."""
    return all(
        any(
            part == other and (side == side_other or not side or not side_other)
            for other, side_other in others
        )
        for part, side in some
    )


# Body parts that are part of another: a shot to the temple is a shot in the head.
_WITHIN = {"temple": "head", "skull": "head", "forehead": "head", "face": "head", "eye": "head",
           "jaw": "head", "mouth": "head"}  # fmt: skip

_COMPARED_KINDS = frozenset(
    {"year", "number", "time", "place", "direction", "date", "weapon", "title", "outcome"}
)
# Kinds a statement may name several of at once (places, days): two statements clash on them only
# when they share none.
_SET_KINDS = frozenset({"place", "date", "weapon"})


def _context(d: Described, n: int) -> frozenset[str]:
    return d.contexts[n] if n < len(d.contexts) else frozenset()


def _local_places(d: Described, n: int) -> frozenset[str]:
    return d.local_places[n] if n < len(d.local_places) else frozenset()


def _narrowing_places(d: Described, n: int) -> frozenset[str]:
    """The places of a value's clause that may narrow a count to part of the event: not the street
    it happened on ('five robbers ... at Harry Winston jewellers on the Avenue Montaigne')."""
    return _local_places(d, n) - _streets(d.values)


def _streets(values: Iterable[Value]) -> frozenset[str]:
    """The entities of the streets among place values: where the event happened, not a part of it."""
    return frozenset(_entity_of(v) for v in values if v.kind == "place" and v.anchor == "where/street")


@dataclass(slots=True)
class _Groups:
    """Union-find whose roots remember their members and what they may not join, for the guards."""

    sets: UnionFind
    members: dict[int, list[int]]
    blocked: dict[int, set[int]]

    @classmethod
    def of(cls, size: int, clashing: Sequence[tuple[int, int]]) -> _Groups:
        blocked: dict[int, set[int]] = {i: set() for i in range(size)}
        for a, b in clashing:
            blocked[a].add(b)
            blocked[b].add(a)
        return cls(UnionFind.of(size), {i: [i] for i in range(size)}, blocked)

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def union(self, a: int, b: int) -> None:
        joined = self.sets.union(a, b)
        if joined is not None:
            kept, absorbed = joined
            self.members[kept].extend(self.members.pop(absorbed))
            self.blocked[kept] |= self.blocked.pop(absorbed)


def align(
    described: Sequence[Described], settings: AlignmentSettings | None = None
) -> tuple[list[list[int]], Clashes]:
    """Group statements into facts; also return the statement pairs whose values clash, with the
    questions they clash on."""
    settings = settings or AlignmentSettings()
    clashing = find_clashes(described, settings)
    scored = _score_pairs(described, settings, {frozenset(pair) for pair in clashing})
    groups = _Groups.of(len(described), list(clashing))
    for _, a, b in scored:
        if _may_join(groups, a, b, described, settings):
            groups.union(a, b)
    facts = sorted((sorted(m) for m in groups.members.values()), key=lambda m: m[0])
    return facts, clashing


def _score_pairs(
    described: Sequence[Described], settings: AlignmentSettings, clashing: set[frozenset[int]]
) -> list[tuple[float, int, int]]:
    scored = []
    for a, b in candidate_pairs(described, settings):
        first, second = described[a], described[b]
        if first.negated != second.negated:
            continue  # "claimed responsibility" and "no party has claimed responsibility" are not one fact
        score = similarity(first, second)
        same_article = first.statement.article_id == second.statement.article_id
        if score < (settings.same_article if same_article else settings.same_fact):
            continue
        if frozenset((a, b)) not in clashing and not values_conflict(first, second):
            scored.append((score, a, b))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    return scored


def _may_join(
    groups: _Groups, a: int, b: int, described: Sequence[Described], settings: AlignmentSettings
) -> bool:
    """Join two groups only if no pair across them clashes and they stay similar on average.

    The average is taken over the first few members of each group, which bounds the cost of a
    join whatever the size of the groups.
    """
    left, right = groups.find(a), groups.find(b)
    if left == right or groups.blocked[left] & set(groups.members[right]):
        return False
    sample_left = groups.members[left][: settings.sample]
    sample_right = groups.members[right][: settings.sample]
    scores = [similarity(described[x], described[y]) for x in sample_left for y in sample_right]
    return sum(scores) / len(scores) >= settings.average_floor


def centre(members: Iterable[int], described: Sequence[Described]) -> int:
    """The member most similar to the others; ties to the shorter, then the earlier statement."""
    members = list(members)

    def rank(m: int) -> tuple[float, int, int]:
        total = sum(similarity(described[m], described[o]) for o in members if o != m)
        return (-total, len(described[m].statement.text), m)

    return min(members, key=rank)
