"""Statements: the assertions of one article, with who each is attributed to and whether it quotes.

A statement is a sentence, or a clause of it when the sentence joins two claims with "and", "but"
or ";" (each clause with its own subject). Its text is always a verbatim span of the article.

Attribution comes from the dependency parse: a reporting verb ("said", "told reporters", "wrote",
"reported", "according to") and its subject, also when inverted ("..., reported Al Jazeera") or
nested ("according to reports from the Russian daily Kommersant"). A sentence with no attribution
of its own inherits an "according to" from the sentence before it in the same paragraph, since
news writing scopes "according to X" over what follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from corroborator.parsed import ParsedArticle
from corroborator.quotes import QuoteSpan, inside_quotes, quote_spans

REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "state",
        "add",
        "write",
        "claim",
        "confirm",
        "announce",
        "note",
        "insist",
        "explain",
        "quote",
        "cite",
        "post",
        "tweet",
        "deny",
        "allege",
        "warn",
        "reveal",
        "disclose",
        "acknowledge",
        "declare",
        "testify",
        "assert",
        "stress",
        "argue",
        "suggest",
        "estimate",
    }
)
# Verbs that make a statement reported speech but do not attribute the rest of the sentence.
SPEECH_VERBS = REPORTING_VERBS | {
    "accuse",
    "blame",
    "call",
    "urge",
    "describe",
    "criticise",
    "criticize",
    "condemn",
    "vow",
    "promise",
    "threaten",
    "demand",
    "praise",
}
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
BACK_REFERENCES = frozenset(
    {"report", "statement", "agency", "newspaper", "paper", "daily", "channel", "broadcaster"}
)
_SUBJECTS = ("nsubj", "nsubjpass", "expl")
_SPEAKER_STOP = frozenset({",", "(", ")", ";", ":", "who", "which", "that", "—", "–"})
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a statement is attributed to: the speaker's words, the verb, and the whole phrase's span."""

    speaker: str
    start: int
    end: int
    verb: str
    phrase_start: int
    phrase_end: int
    pronoun: bool = False
    inherited: bool = False

    @property
    def named(self) -> bool:
        """A speaker with a capitalised word ("Peskov", "state TV Rossiya"), not "officials"."""
        return self.pronoun or any(word[:1].isupper() for word in self.speaker.split())


@dataclass(frozen=True, slots=True)
class Statement:
    """One assertion: a verbatim span of the article with its attribution."""

    article_id: int
    index: int
    sentence: int
    start: int
    end: int
    text: str
    quote: bool
    attribution: Attribution | None
    speech_verb: str | None = None
    speech_subject: tuple[int, int] | None = None  # char span of who speaks in reported speech


def extract_statements(parsed: ParsedArticle, quotes: list[QuoteSpan] | None = None) -> list[Statement]:
    """Split the article into statements, attributing each (`quotes`: its quotation spans, if known)."""
    quotes = quote_spans(parsed.text) if quotes is None else quotes
    statements: list[Statement] = []
    previous: tuple[int, Attribution | None] = (-1, None)
    for number, start, end in _segments(parsed):
        if not _is_assertion(parsed, start, end):
            continue
        own = find_attribution(parsed, start, end, quotes)
        if own is not None and (own.pronoun or _refers_back(own)):
            own = _resolve_pronoun(parsed, own, previous[1])
        attribution = own or _inherit(parsed, start, previous)
        previous = (parsed.paragraph_of_char(start), own or attribution)
        speech, subject = _speech_verb(parsed, start, end, quotes)
        for clause_start, clause_end in split_clauses(parsed, start, end):
            statements.append(
                Statement(
                    article_id=parsed.id,
                    index=len(statements),
                    sentence=number,
                    start=clause_start,
                    end=clause_end,
                    text=parsed.text[clause_start:clause_end],
                    quote=inside_quotes(quotes, clause_start, clause_end) >= 0.5,
                    attribution=attribution,
                    speech_verb=speech,
                    speech_subject=subject,
                )
            )
    return statements


def _segments(parsed: ParsedArticle) -> list[tuple[int, int, int]]:
    """(sentence number, start, end) of each sentence, cut at line breaks.

    The parser sometimes runs a sentence across a paragraph break (a standfirst into the first
    paragraph, a question heading into the text); a line break always ends a statement. It also
    ends sentences at abbreviations ('Blvd.'): those are joined again (`_continues`).
    """
    found: list[tuple[int, int, int]] = []
    for number, (start, end) in enumerate(parsed.analysis.sentences):
        cursor = start
        for line in parsed.text[start:end].split("\n"):
            piece = _trim(parsed.text, cursor, cursor + len(line))
            if piece[0] < piece[1]:
                if found and _continues(parsed.text, found[-1][2], piece[0]):
                    found[-1] = (found[-1][0], found[-1][1], piece[1])
                else:
                    found.append((number, *piece))
            cursor += len(line) + 1
    return found


def _continues(text: str, previous_end: int, start: int) -> bool:
    """'... at 200 W. American Blvd. | around 9 p.m. when she was hit': a sentence the parser ended
    at an abbreviation goes on when the next one starts in lower case on the same line."""
    return text[start].islower() and "\n" not in text[previous_end:start] and text[previous_end - 1] == "."


def _refers_back(attribution: Attribution) -> bool:
    """'the report added', 'the statement said': a source named in an earlier sentence."""
    words = attribution.speaker.lower().split()
    return len(words) == 2 and words[0] == "the" and words[1] in BACK_REFERENCES


def _resolve_pronoun(parsed: ParsedArticle, own: Attribution, previous: Attribution | None) -> Attribution:
    """'it said' / 'he wrote': the speaker of the attribution just before, else the last person named."""
    if previous is not None and not previous.pronoun and previous.start < own.start:
        antecedent = (previous.speaker, previous.start, previous.end)
    elif not own.pronoun:
        return own  # "the report" with no earlier source stays as written
    else:
        people = [m for m in parsed.analysis.entities if m.label == "PERSON" and m.end <= own.start]
        if not people:
            return own
        antecedent = (people[-1].text, people[-1].start, people[-1].end)
    speaker, start, end = antecedent
    return Attribution(speaker, start, end, own.verb, own.phrase_start, own.phrase_end, pronoun=False)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_assertion(parsed: ParsedArticle, start: int, end: int) -> bool:
    """A sentence that asserts something: has a verb and a few words, and is not a question."""
    text = parsed.text[start:end]
    if len(text.split()) < MIN_WORDS or text.rstrip("\"”’' ").endswith("?"):
        return False
    return any(parsed.tokens[i].pos in ("VERB", "AUX") for i in parsed.tokens_between(start, end))


def _inherit(
    parsed: ParsedArticle, start: int, previous: tuple[int, Attribution | None]
) -> Attribution | None:
    paragraph, attribution = previous
    if attribution is None or attribution.verb != "accord" or paragraph != parsed.paragraph_of_char(start):
        return None
    return Attribution(
        attribution.speaker,
        attribution.start,
        attribution.end,
        attribution.verb,
        attribution.phrase_start,
        attribution.phrase_end,
        attribution.pronoun,
        inherited=True,
    )


def find_attribution(
    parsed: ParsedArticle, start: int, end: int, quotes: list[QuoteSpan]
) -> Attribution | None:
    """The attribution of a sentence: the reporting verb nearest the root that has a speaker."""
    found: list[tuple[int, int, Attribution]] = []
    for i in parsed.tokens_between(start, end):
        token = parsed.tokens[i]
        if any(q.contains(token.start) for q in quotes):
            continue
        if token.lemma == "accord" and token.text.lower() == "according":
            attribution = _according_to(parsed, i, start, end)
        elif _is_reporting(parsed, i, start, end, quotes):
            attribution = _verb_speaker(parsed, i, start, end)
        else:
            continue
        if attribution is not None:
            found.append((parsed.depth(i), -i, attribution))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _is_reporting(parsed: ParsedArticle, i: int, start: int, end: int, quotes: list[QuoteSpan]) -> bool:
    """A reporting verb that introduces what is reported: it has a clause, or the sentence quotes.

    "claimed responsibility" has a subject but reports nothing; "Peskov said that ...", "..., reported
    Al Jazeera" and '"...," Prokopenko added' do.
    """
    token = parsed.tokens[i]
    if token.lemma not in REPORTING_VERBS or token.pos not in ("VERB", "AUX") or token.dep == "relcl":
        return False
    if token.dep == "parataxis" or any(
        parsed.tokens[c].dep in ("ccomp", "parataxis") for c in parsed.children[i]
    ):
        return True
    return inside_quotes(quotes, start, end) > 0


def _speech_verb(
    parsed: ParsedArticle, start: int, end: int, quotes: list[QuoteSpan]
) -> tuple[str | None, tuple[int, int] | None]:
    """The speech verb of a sentence and its subject's span ("Lavrov blamed Kyiv ...")."""
    for i in parsed.tokens_between(start, end):
        token = parsed.tokens[i]
        if (
            token.lemma not in SPEECH_VERBS
            or token.pos != "VERB"
            or any(q.contains(token.start) for q in quotes)
        ):
            continue
        subject = next((c for c in parsed.children[i] if parsed.tokens[c].dep == "nsubj"), None)
        if subject is not None:
            first, last = _speaker_span(parsed, subject)
            return token.lemma, (parsed.tokens[first].start, parsed.tokens[last].end)
    return None, None


def _according_to(parsed: ParsedArticle, i: int, start: int, end: int) -> Attribution | None:
    """'according to X', and 'according to reports from X' where X is the real source."""
    to = next((c for c in parsed.children[i] if parsed.tokens[c].lemma == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in parsed.children[to] if parsed.tokens[c].dep == "pobj"), None)
    if pobj is None:
        return None
    if parsed.tokens[pobj].lemma in ("report", "reports"):
        nested = _nested_source(parsed, pobj)
        pobj = nested if nested is not None else pobj
    return _attribution(parsed, i, pobj, start, end, lemma="accord")


def _nested_source(parsed: ParsedArticle, noun: int) -> int | None:
    """The X of 'reports from X' / 'reports by X' / 'reports in X'."""
    for child in parsed.children[noun]:
        if parsed.tokens[child].lemma in ("from", "by", "in"):
            return next((c for c in parsed.children[child] if parsed.tokens[c].dep == "pobj"), None)
    return None


def _verb_speaker(parsed: ParsedArticle, i: int, start: int, end: int) -> Attribution | None:
    """The subject of a reporting verb; also inverted ('said Peskov', 'reported Al Jazeera'),
    passive ('was reported by X') and quoted ('X was quoted as saying')."""
    children = parsed.children[i]
    lemma = parsed.tokens[i].lemma
    subject = next((c for c in children if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), None)
    if subject is not None and parsed.tokens[subject].dep == "nsubjpass" and lemma != "quote":
        subject = _agent(parsed, children)
    if subject is None and lemma in ("report", "say", "write", "add"):
        subject = next((c for c in children if c > i and _is_named_object(parsed, c)), None)
    if subject is None:
        return None
    return _attribution(parsed, i, subject, start, end, lemma=lemma)


def _agent(parsed: ParsedArticle, children: list[int]) -> int | None:
    agent = next((c for c in children if parsed.tokens[c].dep == "agent"), None)
    return (
        next((c for c in parsed.children[agent] if parsed.tokens[c].dep == "pobj"), None) if agent else None
    )


def _is_named_object(parsed: ParsedArticle, i: int) -> bool:
    """An object that names a source: 'reported Al Jazeera', 'reported Sahel 24'."""
    token = parsed.tokens[i]
    return token.dep in ("dobj", "attr", "npadvmod") and any(
        parsed.tokens[j].pos == "PROPN" for j in parsed.subtree(i)
    )


def _attribution(
    parsed: ParsedArticle, verb: int, head: int, start: int, end: int, *, lemma: str
) -> Attribution | None:
    """The attribution whose speaker is the phrase headed by `head`, if it lies in the sentence."""
    first, last = _speaker_span(parsed, head)
    tokens = parsed.tokens
    if tokens[first].start < start or tokens[last].end > end:
        return None
    speaker = parsed.text[tokens[first].start : tokens[last].end]
    phrase_start = min(tokens[first].start, tokens[verb].start)
    phrase_end = max(tokens[last].end, tokens[verb].end)
    return Attribution(
        speaker=speaker,
        start=tokens[first].start,
        end=tokens[last].end,
        verb=lemma,
        phrase_start=phrase_start,
        phrase_end=phrase_end,
        pronoun=speaker.lower() in PRONOUNS,
    )


def _speaker_span(parsed: ParsedArticle, head: int) -> tuple[int, int]:
    """The speaker's words: the head's subtree, cut before an apposition or relative clause.

    When a description is followed by a name in apposition ("Another provincial official,
    Ghasem Karami, told ..."), the name is the speaker.
    """
    named = next(
        (
            c
            for c in parsed.children[head]
            if parsed.tokens[c].dep == "appos" and parsed.tokens[c].pos == "PROPN"
        ),
        None,
    )
    if named is not None and parsed.tokens[head].pos != "PROPN":
        head = named
    subtree = parsed.subtree(head)
    first = subtree[0]
    last = head
    for i in subtree:
        if i <= head:
            continue
        if parsed.tokens[i].text.lower() in _SPEAKER_STOP or parsed.tokens[i].dep in (
            "appos",
            "relcl",
            "acl",
        ):
            break
        last = i
    while first < head and parsed.tokens[first].dep in ("punct", "cc"):
        first += 1
    return first, last


def split_clauses(parsed: ParsedArticle, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence where 'and'/'but'/';' joins two clauses that each have their own subject."""
    cuts = [i for i in parsed.tokens_between(start, end) if _joins_clauses(parsed, i)]
    spans: list[tuple[int, int]] = []
    left = start
    for cut in cuts:
        token = parsed.tokens[cut]
        right_start = parsed.tokens[cut + 1].start if cut + 1 < len(parsed.tokens) else end
        piece = _trim_clause(parsed.text, left, token.start)
        rest = parsed.text[right_start:end]
        if len(parsed.text[piece[0] : piece[1]].split()) >= MIN_WORDS and len(rest.split()) >= MIN_WORDS:
            spans.append(piece)
            left = right_start
    spans.append(_trim(parsed.text, left, end))
    return spans


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trim(text, start, end)
    while end > start and text[end - 1] in ",;: ":
        end -= 1
    return start, end


def _joins_clauses(parsed: ParsedArticle, i: int) -> bool:
    token = parsed.tokens[i]
    if token.text == ";":
        return parsed.depth(i) <= 1
    if token.text == "," and i + 2 < len(parsed.tokens):
        verb, that = parsed.tokens[i + 1], parsed.tokens[i + 2]
        # '..., adding that more than 300 buildings were damaged': a second claim of the speaker
        return verb.tag == "VBG" and verb.lemma.lower() in ("add", "say") and that.text.lower() == "that"
    if token.dep != "cc" or token.lemma not in ("and", "but"):
        return False
    head = token.head
    if parsed.tokens[head].pos not in ("VERB", "AUX"):
        return False
    return any(
        c > i
        and parsed.tokens[c].dep == "conj"
        and parsed.tokens[c].pos in ("VERB", "AUX")
        and any(parsed.tokens[g].dep in _SUBJECTS for g in parsed.children[c])
        for c in parsed.children[head]
    )
