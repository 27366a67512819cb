"""Values a statement commits to: years, numbers, body parts, places. Conflicts are made of these.

Each value carries an *anchor*: the word it qualifies ("the 2016 election" -> election, "2,500
people" -> people, "shot in the arm" -> the injury), so that two statements are compared only on
values that answer the same question. Numbers are ranges ("at least 10" is [10, inf), "about 2,000"
is +-10%), so "at least three dead" and "five dead" do not contradict each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corroborator.parsed import ParsedArticle

BODY_PARTS = frozenset(
    {
        "arm",
        "leg",
        "foot",
        "feet",
        "chest",
        "head",
        "neck",
        "stomach",
        "abdomen",
        "back",
        "shoulder",
        "hand",
        "hip",
        "thigh",
        "knee",
        "face",
        "eye",
        "jaw",
        "torso",
        "groin",
        "buttock",
        "spine",
        "lung",
        "heart",
        "liver",
        "wrist",
        "ankle",
        "elbow",
        "skull",
        "temple",
        "mouth",
    }
)
INJURY_WORDS = frozenset(
    {"shoot", "shot", "wound", "injure", "injury", "hit", "stab", "strike", "gunshot", "wounding"}
)
PERSON_UNITS = frozenset(
    {
        "people",
        "person",
        "resident",
        "villager",
        "civilian",
        "soldier",
        "officer",
        "child",
        "student",
        "worker",
        "passenger",
        "victim",
        "man",
        "woman",
        "inmate",
        "prisoner",
        "protester",
        "pilgrim",
        "migrant",
        "refugee",
        "employee",
        "member",
        "fighter",
        "hostage",
        "crew",
        "sailor",
        "miner",
        "tourist",
        "patient",
        "casualty",
    }
)
DEAD_WORDS = frozenset({"kill", "die", "dead", "death", "fatality", "toll", "body", "drown", "perish"})
HURT_WORDS = frozenset({"injure", "injured", "wound", "wounded", "hurt", "injury", "casualty", "hospitalise",
                        "hospitalize"})  # fmt: skip
_CURRENCIES = (("€", "euro"), ("euro", "euro"), ("£", "pound"), ("pound", "pound"), ("$", "dollar"),
               ("dollar", "dollar"), ("¥", "yen"), ("yen", "yen"), ("rupee", "rupee"), ("rouble", "rouble"),
               ("ruble", "rouble"))  # fmt: skip
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a dozen": 12,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "k": 1_000,
}
_AT_LEAST = re.compile(
    r"\b(at least|more than|over|upwards of|no fewer than|in excess of|nearly|almost)\b", re.I
)
_AT_MOST = re.compile(r"\b(at most|up to|fewer than|less than|under|no more than)\b", re.I)
_ABOUT = re.compile(
    r"\b(about|around|some|approximately|roughly|an estimated|estimated|nearly|almost)\b", re.I
)
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b", re.I)
_AGED = re.compile(r"\baged\s+(\d{1,3})\b", re.I)
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?\s?m\.?)?(?![\d])", re.I)
_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d.,])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Value:
    """One comparable value in a statement."""

    kind: str  # "year" | "number" | "body part"
    anchor: str
    low: float
    high: float
    text: str
    start: int
    end: int

    def compatible(self, other: Value) -> bool:
        """True when both can be true at once: equal years, overlapping number ranges."""
        return self.low <= other.high and other.low <= self.high


def statement_values(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Years, numbers, ages, amounts of money and times of day (from the parser's expressions),
    and wounded body parts."""
    values = [
        *_years(parsed, start, end),
        *_numbers(parsed, start, end),
        *_ages(parsed, start, end),
        *_times(parsed, start, end),
        *_body_parts(parsed, start, end),
    ]
    return sorted(values, key=lambda v: (v.start, v.kind))


def _ages(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """'the 63-year-old', 'aged 63': the age of the person the statement is about."""
    found = []
    for expression in parsed.expressions_in(start, end):
        match = _AGE.search(expression.text) or (
            _AGED.search(parsed.text[max(0, expression.start - 6) : expression.end])
        )
        if expression.label in ("DATE", "CARDINAL") and match:
            age = float(match.group(1))
            found.append(Value("number", "age", age, age, expression.text, expression.start, expression.end))
    return found


def _times(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Clock times ('2:09 a.m.', '9.25 am', '4:22pm') as minutes after midnight."""
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label != "TIME":
            continue
        match = _CLOCK.search(expression.text)
        if match is None or not (match.group(2) or match.group(3)):
            continue  # "30 seconds", "10 o'clock news": not a time of day we can compare
        hour, minute = int(match.group(1)) % 12, int(match.group(2) or 0)
        meridiem = (match.group(3) or "").replace(".", "").lower()
        if meridiem == "pm":
            hour += 12
        elif not meridiem and int(match.group(1)) >= 12:
            hour = int(match.group(1))
        minutes = float(hour * 60 + minute)
        found.append(
            Value("time", "clock", minutes, minutes, expression.text, expression.start, expression.end)
        )
    return found


def _years(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label != "DATE":
            continue
        for match in _YEAR.finditer(expression.text):
            char = expression.start + match.start()
            year = float(match.group())
            anchor = _anchor(parsed, char, expression.end)
            found.append(Value("year", anchor, year, year, match.group(), char, char + 4))
    return found


def _numbers(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label not in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            continue
        amount = parse_number(expression.text)
        if amount is None:
            continue
        low, high = number_range(amount, _qualifier_text(parsed.text, expression.start, expression.text))
        unit = (
            _currency(expression.text)
            if expression.label == "MONEY"
            else _unit(parsed, expression.end - 1, expression.label)
        )
        found.append(Value("number", unit, low, high, expression.text, expression.start, expression.end))
    return found


def _currency(text: str) -> str:
    """'money/euro' for '2 million euros' or '€2m': amounts compare only within one currency."""
    lowered = text.lower()
    for symbol, name in _CURRENCIES:
        if symbol in lowered:
            return f"money/{name}"
    return "money/"


def _qualifier_text(text: str, start: int, expression: str) -> str:
    """The expression with the few words before it ("at least", "some") that qualify it."""
    return text[max(0, start - 25) : start] + expression


def parse_number(text: str) -> float | None:
    """The number in '2,000', '6.1', 'five', 'two million', '$2.6 million'; None for 'several'."""
    words = text.lower().replace("-", " ").split()
    digits = _NUMBER.search(text)
    if digits:
        raw = digits.group()
        value = (
            float(raw.replace(",", ""))
            if re.fullmatch(r"\d{1,3}(,\d{3})+", raw)
            else float(raw.replace(",", "."))
        )
    else:
        known = [_WORD_NUMBERS[w] for w in words if w in _WORD_NUMBERS]
        if not known:
            return None
        value = float(sum(known))
    scale = next((_SCALES[w] for w in words if w in _SCALES and not (w == "hundred" and not digits)), 1)
    return value * scale


def number_range(value: float, context: str) -> tuple[float, float]:
    """The range a stated number stands for, from its qualifier.

    An approximation ("about", "some", "nearly") allows 10% either way. "At least five dead" is
    read as the count the report confirms, five: two reports confirming three and five dead
    disagree, and a reader comparing them wants to see it. "Up to" keeps its upper bound.
    """
    tail = context[-60:]
    if _AT_MOST.search(tail):
        return 0.0, value
    if _ABOUT.search(tail) and not _AT_LEAST.search(tail):
        return value * 0.9, value * 1.1
    return value, value


def _unit(parsed: ParsedArticle, char: int, label: str) -> str:
    """What is counted, and for people what happened to them: 'people/dead', 'magnitude', 'boat'.

    People-nouns are pooled as 'people' and qualified by the event class of the phrase (killed,
    injured, or the governing verb), so a death toll is never compared with a count of injured or
    of residents. A number with no noun to count is not comparable and gets no anchor.
    """
    i = parsed.token_at(char)
    token = parsed.tokens[i]
    head = parsed.tokens[token.head]
    lemma = ""
    if token.dep in ("nummod", "quantmod", "compound", "amod") and head.pos in ("NOUN", "PROPN", "ADJ"):
        lemma = head.lemma.lower()
    if not lemma and "-" in token.text:
        lemma = next((p.lower() for p in token.text.split("-") if p.isalpha()), "")  # "6.1-magnitude"
    if lemma in DEAD_WORDS or lemma in HURT_WORDS:
        return f"people/{_event_class(parsed, i)}"
    if lemma in PERSON_UNITS or (
        not lemma and label == "CARDINAL" and _event_class(parsed, i) in ("dead", "hurt")
    ):
        return f"people/{_event_class(parsed, i)}"
    return lemma


def _event_class(parsed: ParsedArticle, i: int) -> str:
    """'dead' or 'hurt' when the phrase around a count of people says so, else ''.

    Looks up the tree ('killing 10 people') and at what qualifies the counted noun ('24 people
    dead', '249 people injured').
    """
    head = parsed.tokens[i].head
    qualifiers = [c for c in parsed.children[head] if parsed.tokens[c].dep in ("amod", "acl", "conj")]
    for j in [i, *qualifiers, *list(parsed.ancestors(i))[:3]]:
        lemma = parsed.tokens[j].lemma.lower()
        if lemma in DEAD_WORDS:
            return "dead"
        if lemma in HURT_WORDS:
            return "hurt"
    return ""


def _anchor(parsed: ParsedArticle, char: int, expression_end: int) -> str:
    """The word a year qualifies: its head noun ('the 2016 election'), or the verb of its phrase.

    Words of the date itself ('September' of 'September 2009') are skipped.
    """
    i = parsed.token_at(char)
    for ancestor in parsed.ancestors(i):
        token = parsed.tokens[ancestor]
        if token.start < expression_end and token.end > char - 30 and token.pos == "PROPN":
            continue
        if token.pos in ("NOUN", "VERB", "PROPN") and token.lemma.lower() not in ("year", "in", "of"):
            return token.lemma.lower()
    return ""


def _body_parts(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Body parts named in a statement about an injury ('shot in the arm and foot')."""
    tokens = [parsed.tokens[i] for i in parsed.tokens_between(start, end)]
    if not any(t.lemma.lower() in INJURY_WORDS or t.text.lower() in INJURY_WORDS for t in tokens):
        return []
    return [
        Value("body part", "injury", 0, 0, t.text, t.start, t.end)
        for t in tokens
        if t.lemma.lower() in BODY_PARTS and t.pos == "NOUN" and _in_prepositional_phrase(parsed, t.i)
    ]


def _in_prepositional_phrase(parsed: ParsedArticle, i: int) -> bool:
    """'shot in the arm', 'wounds to the chest': a body part governed by a preposition, not a
    'deputy head of' title."""
    for j in [i, *list(parsed.ancestors(i))[:3]]:
        token = parsed.tokens[j]
        if token.dep == "pobj" and parsed.tokens[token.head].lemma.lower() in (
            "in",
            "to",
            "on",
            "through",
            "into",
        ):
            return True
        if token.dep not in ("pobj", "conj"):
            return False
    return False


def body_part_phrase(text: str, values: list[Value], offset: int) -> str:
    """The words from the first to the last body part, as written: 'arm, leg, and chest'."""
    parts = [v for v in values if v.kind == "body part"]
    return text[parts[0].start - offset : parts[-1].end - offset] if parts else ""
