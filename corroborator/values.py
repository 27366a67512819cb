"""Values a statement commits to: years, numbers, body parts, places. Conflicts are made of these.

Each value carries an *anchor*: the word it qualifies ("the 2016 election" -> election, "2,500
people" -> people, "shot in the arm" -> the injury), so that two statements are compared only on
values that answer the same question. Numbers are ranges ("at least 10" is [10, inf), "about 2,000"
is +-10%), so "at least three dead" and "five dead" do not contradict each other.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from datetime import date

from corroborator.analysis import Expression
from corroborator.parsed import ParsedArticle
from corroborator.statements import REPORTING_VERBS
from corroborator.timeline import month_day, month_number, reference_date, resolve_date
from corroborator.titles import title_of, titles_agree

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
        "hamstring",
        "shin",
        "calf",
        "toe",
        "finger",
        "thumb",
        "rib",
        "forearm",
        "collarbone",
        "nose",
        "pelvis",
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
        "citizen",
        "colleague",
        "coworker",
        "girl",
        "boy",
        "teenager",
        "adult",
        "guard",
        "journalist",
        "policeman",
        "firefighter",
        "pedestrian",
        "bystander",
        "militant",
    }
)
DEAD_WORDS = frozenset(
    {
        "kill",
        "die",
        "dead",
        "death",
        "fatality",
        "toll",
        "body",
        "drown",
        "perish",
        "murder",
        "slaying",
        "killing",
    }
)
HURT_WORDS = frozenset({"injure", "injured", "wound", "wounded", "hurt", "injury", "casualty", "hospitalise",
                        "hospitalize", "hospitalised", "hospitalized"})  # fmt: skip
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
# 'aged 63', 'Smith, age 64,', 'at the age of 85': searched at the end of the text up to the number
_AGED = re.compile(r"\b(?:aged|age(?:\s+of)?)\s+(\d{1,3})\s*$", re.I)
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?\s?m\.?)?(?![\d])", re.I)
_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d.,])")
_QUAKE = re.compile(r"\b(?:earthquake|quake|temblor|tremor|aftershock|magnitude|richter)", re.I)
_DECIMAL = re.compile(r"(?<![\d.,])\d\.\d(?![\d,]|\.\d)")
_MAGNITUDE_BEFORE = re.compile(r"(?:magnitude|measur\w*|richter|force of)[^.;,\d]{0,18}$", re.I)
_MAGNITUDE_AFTER = re.compile(
    r"[- ]?(?:magnitude|on the richter|richter|"
    r"(?:\w+[- ]){0,2}(?:earthquake|quake|temblor|tremor|aftershock))",
    re.I,
)
_LENGTH_UNIT = re.compile(  # '200ft' has no word boundary before its unit
    r"(?<![a-z])(miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|ft|yards?)\b", re.I
)
_KM_PER = {"mile": 1.609344, "kilometer": 1.0, "kilometre": 1.0, "km": 1.0, "meter": 0.001, "metre": 0.001,
           "feet": 0.0003048, "foot": 0.0003048, "ft": 0.0003048, "yard": 0.0009144}  # fmt: skip
_COMPASS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0, "n": 0.0, "e": 90.0, "s": 180.0,
            "w": 270.0}  # fmt: skip
_COMPASS_WORD = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west)){0,2}"
_COMPASS_OF = re.compile(rf"\s*(?:\([^)]*\)\s*)?({_COMPASS_WORD})\s+of\b", re.I)
_PLACE_AFTER_OF = re.compile(r"\s+(?:the\s+(?:\w+\s+){0,2}of\s+)?(?:the\s+)?([A-Z][\w'-]+)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_AND_MORE = re.compile(
    r"^[^.;]{0,60}?\band\s+(?:tens of thousands|hundreds of thousands|hundreds|thousands|dozens|scores|many|"
    r"several|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)\s+more\b",
    re.I,
)
_BARE_COUNT = re.compile(r"\d{1,3}(?:,\d{3})*")


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
    # Char offset of the person mention the value describes ('Kathryn Jenkin, 20'), or -1. The
    # entity stage turns it into the anchor's owner: the age of one person is not another's.
    holder: int = -1
    # The verb the value belongs to ('acquire' of 'to acquire SeaMicro for $334 million').
    verb: str = ""
    # A round floor ('more than 200'): its range reaches up to the precise counts it rounds down.
    floor: bool = False
    # A day of an undated article ('early Monday morning'): only its day of the week is known, and
    # `low` is that weekday (Monday is 0), not a day number.
    weekday: bool = False
    # A day of a month without its year in an undated article ('On Nov. 12'): `low` is
    # month * 100 + day, comparable with the month and day of any other report's day.
    monthday: bool = False
    # For a day of an undated article: the noun its verb was done to or by ('cable' of 'the cables
    # were damaged on Friday'), so that one deed to one thing is recognised where no one is named.
    theme: str = ""
    # The entity whose once-in-a-life event a year dates ('retired in 1993': Cheeks), set by facts.py;
    # for where a company is based, the company's first name word ('ati'); for money, who pays it.
    owner: str = ""

    def compatible(self, other: Value) -> bool:
        """True when both can be true at once: equal years, overlapping number ranges, bearings
        within 45 degrees (north-east and east-north-east are one report rounded)."""
        if self.kind == "direction":
            return angular_distance(self.low, other.low) <= 45
        if self.kind == "title":
            return titles_agree(self.text, other.text)
        if self.monthday or other.monthday:
            return self.weekday or other.weekday or _month_and_day(self) == _month_and_day(other)
        if self.weekday or other.weekday:
            return _day_of_week(self) == _day_of_week(other)
        if self.floor and other.floor:  # 'more than 26,000' and 'more than 31,000' disagree
            return abs(self.low - other.low) <= 0.05 * max(self.low, other.low)
        if self.kind == "time":  # '8.39am' and '8.40am': one call, timed by two clocks
            return self.low - _CLOCK_SLACK <= other.high and other.low - _CLOCK_SLACK <= self.high
        return self.low <= other.high and other.low <= self.high


_CLOCK_SLACK = 5.0  # minutes by which two reports' times of one moment may differ


def statement_values(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Years, numbers, ages, amounts of money and times of day (from the parser's expressions),
    magnitudes, lengths and compass directions, and wounded body parts."""
    measured = [*_magnitudes(parsed, start, end), *_lengths(parsed, start, end), *_sizes(parsed, start, end)]
    taken = [(v.start, v.end) for v in measured]
    values = [
        *_years(parsed, start, end),
        *measured,
        *(v for v in _numbers(parsed, start, end) if not any(v.start < e and v.end > s for s, e in taken)),
        *_ages(parsed, start, end),
        *_zero_counts(parsed, start, end),
        *_durations(parsed, start, end),
        *_times(parsed, start, end),
        *_days(parsed, start, end),
        *_body_parts(parsed, start, end),
        *_listed_injuries(parsed, start, end),
        *_weapons(parsed, start, end),
        *_titles(parsed, start, end),
        *_headquarters(parsed, start, end),
        *_facilities(parsed, start, end),
        *_outcomes(parsed, start, end),
        *_ordinals(parsed, start, end),
    ]
    return sorted(values, key=lambda v: (v.start, v.kind))


def _ordinals(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Which one of a named series: 'the eleventh Doctor', 'the 12th Doctor', 'the 44th
    President', 'the 79th Academy Awards'. Capitalised nouns after the ordinal name the series;
    'the third quarter' or 'his second goal' count nothing the story asks twice."""
    found = []
    for match in _ORDINAL.finditer(parsed.text, start, end):
        series = match.group(2)
        if " " in series:
            second = match.start(2) + series.index(" ") + 1
            if any(m.label == "PERSON" and m.start == second for m in parsed.entities_in(second, second + 1)):
                continue  # 'the 12th Doctor Peter Capaldi': a name follows the series, as a title would
        word = match.group(1).lower()
        number = int(word[:-2]) if word[:-2].isdigit() else _ORDINAL_WORDS.index(word) + 1
        where = (match.group(1), match.start(1), match.end(1))
        found.append(Value("number", "ordinal:" + series.lower(), number, number, *where))
    return found


_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                  "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth", "twentieth")  # fmt: skip
_ORDINAL = re.compile(
    r"\bthe\s+(\d{1,3}(?:st|nd|rd|th)|"
    + "|".join(_ORDINAL_WORDS)
    + r")\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\b"
    r"(?!\s+[A-Z])"
)  # 'the 79th Academy Awards' is one series of two words


def _magnitudes(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """An earthquake's magnitude: 'a 6.1-magnitude quake', 'magnitude-5.9', 'measuring 6.4 on the
    Richter scale', 'a 4.4 quake'. A magnitude is written to one decimal: 'about 6.0' allows only
    half a tenth either way, not the 10% of a rounded count."""
    text = parsed.text[start:end]
    if not _QUAKE.search(text):
        return []
    found = []
    for match in _DECIMAL.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        after = text[match.end() : match.end() + 22]
        if not (_MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.match(after)):
            continue
        value = float(match.group())
        slack = 0.05 if _ABOUT.search(before[-16:]) else 0.0
        at = start + match.start()
        aftershock = re.search(r"aftershock", text[: match.start()] + after[:25], re.I)
        other = _OTHER_QUAKE.search(text[max(0, match.start() - 60) : match.start()]) or _QUAKES_AFTER.match(
            after
        )
        anchor = "magnitude/aftershock" if aftershock else "magnitude/other" if other else "magnitude"
        found.append(
            Value("number", anchor, value - slack, value + slack, match.group(), at, at + len(match.group()))
        )
    return found


# Words that put a magnitude on another quake than the story's own: 'followed by a 2.0-magnitude
# quake', 'five more small quakes measuring between 1.0 and 1.9', 'the last earthquake measuring 3.0'.
_OTHER_QUAKE = re.compile(
    r"\b(?:quakes|earthquakes|tremors|temblors|followed|another|second|smaller|previous|earlier|since|series"
    r"|last\s+(?:earthquake|quake|temblor))\b",
    re.I,
)


_QUAKES_AFTER = re.compile(r"\W*(?:magnitude\s+)?(?:\w+\s+)?(?:quakes|earthquakes|tremors|temblors)\b", re.I)


def _lengths(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Distances and depths in kilometres ('940 miles south of Tehran', 'a depth of 1.2 miles'),
    and the compass direction of a distance ('55 km west of Bireun').

    A length is comparable only with an anchor: a depth, or a distance from a named place; a bare
    '5 km' walk is not a question two reports can answer differently.
    """
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label not in ("QUANTITY", "CARDINAL"):
            continue
        unit = _LENGTH_UNIT.search(parsed.text[expression.start : expression.end + 12])
        amount = parse_number(expression.text)
        if unit is None or amount is None or unit.start() > len(expression.text) + 1:
            continue
        km = amount * _KM_PER[unit.group(1).lower().rstrip("s")]
        qualifier = _qualifier_text(parsed.text, expression.start, expression.text)
        low, high = (x * km / amount for x in number_range(amount, qualifier)) if amount else (0.0, 0.0)
        low, high = min(low, km * 0.95), max(high, km * 1.05)  # '10 km (six miles)': lengths are rounded
        after = parsed.text[expression.start + unit.end() : min(end, expression.start + unit.end() + 80)]
        direction = _COMPASS_OF.match(after)
        anchor = _length_anchor(parsed, expression.start + unit.start(), after, direction)
        holder = -1
        if not anchor:
            if re.match(r"[\d.,]+-", expression.text + parsed.text[expression.end : expression.end + 1]):
                continue  # 'an 86-yard run', 'the 16-yard line': a modifier, not how far someone went
            holder = _holder(parsed, start, expression.start, expression.end, before_only=True)
            if holder < 0:
                continue
            anchor = "length/person"  # how far Raite fell, how many yards Charles ran
        verb = _governing_verb(parsed, parsed.token_at(expression.start)) if anchor == "length/person" else ""
        found.append(
            Value(
                "number",
                anchor,
                low,
                high,
                expression.text,
                expression.start,
                expression.end,
                holder,
                verb=verb,
            )
        )
        if direction and anchor.startswith("length/from:"):
            degrees = _bearing(direction.group(1))
            if degrees is not None:
                at = expression.start + unit.end() + direction.start(1)
                found.append(
                    Value("direction", anchor[len("length/") :], degrees, degrees, direction.group(1),
                          at, at + len(direction.group(1)))
                )  # fmt: skip
    return found


def _outcomes(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """What happened to a counted group: 'arrested 23 pirates' and 'killed 23 pirates' cannot both
    be true. The anchor is the group's noun and size, so only the same group compares."""
    found = []
    for expression in parsed.expressions_in(start, end):
        amount = parse_number(expression.text) if expression.label == "CARDINAL" else None
        token = parsed.tokens[parsed.token_at(expression.end - 1)]
        noun = parsed.tokens[token.head]
        if amount is None or token.dep != "nummod" or noun.pos != "NOUN" or noun.dep not in _OUTCOME_ROLES:
            continue
        verb = parsed.tokens[noun.head]
        outcome = _OUTCOME_OF.get(verb.lemma.lower()) if verb.pos == "VERB" else None
        if outcome is None or not start <= verb.start < end:
            continue
        anchor = f"outcome/{noun.lemma.lower()}/{amount:g}"
        found.append(Value("outcome", anchor, outcome, outcome, verb.text, verb.start, verb.end))
    return found


_OUTCOME_ROLES = frozenset({"dobj", "nsubjpass"})
# What can happen to a group, one number per outcome: the dead, the held, the freed, the injured.
_OUTCOME_OF = {"kill": 1.0, "execute": 1.0, "arrest": 2.0, "capture": 2.0, "detain": 2.0, "apprehend": 2.0,
               "rescue": 3.0, "free": 3.0, "release": 3.0, "injure": 4.0, "wound": 4.0}  # fmt: skip


def _facilities(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """A named prison, hospital or hotel where something happened ('was found dead in Pagliarelli
    prison'), or a named venue where the event is held ('at the Kodak Theatre'), with the verb it
    belongs to; one facility is one value by its folded name."""
    found = []
    for match in (*_FACILITY.finditer(parsed.text, start, end), *_VENUE.finditer(parsed.text, start, end)):
        name = match.group(1)
        code = _name_code(name)
        # a theatre or a stadium is one question, where the event is held; a prison is not a hospital
        anchor = "where/venue" if match.re is _VENUE else "where/" + match.group(2).lower()
        verb = _governing_verb(parsed, parsed.token_at(match.start(1)))
        found.append(Value("place", anchor, code, code, name, *match.span(1), verb=verb))
    return found


def _name_code(name: str) -> float:
    """A place read from the text, not from an entity, as a number: equal for the same folded name
    (British and American spellings fold: 'Kodak Theatre' is 'Kodak Theater')."""
    folded = re.sub(r"tre\b", "ter", name.lower())
    return float(zlib.crc32(folded.encode("utf-8")))


_FACILITY = re.compile(
    r"\b(?:in|at|inside|outside|from)\s+(?:the\s+)?((?:[A-Z][\w'-]+\s){1,3}(prison|jail|hospital|clinic|hotel))\b"
)
# A named venue where the event is held ('at the Kodak Theatre', 'from the Dorothy Chandler Pavilion').
_VENUE = re.compile(
    r"\b(?:in|at|inside|outside|from)\s+(?:the\s+)?((?:[A-Z][\w'-]+\s){1,3}"
    r"(Theatre|Theater|Pavilion|Stadium|Arena|Coliseum|Auditorium))\b"
)


def _headquarters(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Where an organisation is based: 'Markham, Ont-based ATI', 'its headquarters in Waterloo'.
    The parser often takes such towns for people, so they are read from the text, and one town is
    one value by its folded name."""
    found = []
    for pattern in (_BASED, _HEADQUARTERS_IN):
        for match in pattern.finditer(parsed.text, start, end):
            name = match.group(1)
            if pattern is _BASED:
                company = re.match(r"\s+(?:the\s+)?([A-Z][\w&.-]*)", parsed.text[match.end() : end])
                owner = company.group(1) if company else ""
            else:  # 'ATI is expected to ... operate out of its headquarters in Waterloo'
                owner = next(
                    (
                        parsed.tokens[i].text
                        for i in parsed.tokens_between(start, match.start())
                        if parsed.tokens[i].pos == "PROPN"
                    ),
                    "",
                )
            if not owner:
                continue
            code = _name_code(name)
            where = (name, match.start(1), match.end(1))
            found.append(Value("place", "where/hq", code, code, *where, owner=owner.lower().rstrip(".")))
    return found


_TOWN = r"([A-Z][\w'.]+(?:\s[A-Z][\w'.]+)?)"
_BASED = re.compile(rf"(?<![\w-]){_TOWN}(?:,\s*[A-Z][\w.]+)?-based\b")
_HEADQUARTERS_IN = re.compile(
    rf"\b(?:headquarters|headquartered|head office|based)\s+(?:is\s+|are\s+)?in\s+{_TOWN}"
)


def _sizes(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """The size of a thing, as a measure that modifies its noun: 'a 2.44-inch display', 'a
    3.2-megapixel camera', 'a 40-foot boat', 'the 6-foot-9 forward'. The anchor is the unit and the
    noun measured, so a screen's size is compared only with a screen's size in that unit."""
    found = []
    for match in _SIZE.finditer(parsed.text, start, end):
        amount = parse_number(match.group(1))
        noun = _measured_noun(parsed, match.end())
        if amount is None or not noun or noun in _VARIANTS:
            continue  # 'the 11-inch models', 'a 15-inch version': one product comes in several sizes
        if match.group(2).lower() == "in" and match.group(3):
            continue  # 'a 2-in-1 laptop' is no size
        unit = _SIZE_UNITS.get(match.group(2).lower(), match.group(2).lower())
        low, high = number_range(amount, _qualifier_text(parsed.text, match.start(), match.group(1)))
        if match.group(3) and unit == "foot":  # 'the 6-foot-9 power forward': feet and inches
            low = high = amount + int(match.group(3)) / 12
        found.append(
            Value("number", f"size/{unit}:{noun}", low, high, match.group(0), match.start(), match.end())
        )
    return found


_SIZE = re.compile(
    r"(?<![\w.,-])(\d+(?:\.\d+)?)-(inch|in|foot|ft|metre|meter|megapixel|mp|gigabyte|gb|megabyte|mb|terabyte|tb"
    r"|ghz|mhz|mah|watt|tonne|ton|storey|story|acre|gallon|litre|liter|pound|lb|kilogram|kg)\b(?:-(\d{1,2})\b)?",
    re.I,
)
_SIZE_UNITS = {"in": "inch", "ft": "foot", "meter": "metre", "mp": "megapixel", "gigabyte": "gb",
               "megabyte": "mb", "terabyte": "tb", "story": "storey", "liter": "litre", "lb": "pound",
               "kilogram": "kg"}  # fmt: skip


_VARIANTS = frozenset({"model", "version", "option", "variant", "edition", "size", "unit", "one"})


def _measured_noun(parsed: ParsedArticle, char: int) -> str:
    """The noun a measure modifies: the last noun of the noun phrase that follows it ('display' of
    '2.44-inch, HVGA + (480 by 360 pixel) display'), or '' when none follows."""
    noun = ""
    i = parsed.token_at(char - 1) + 1
    for token in parsed.tokens[i : i + 10]:
        if token.pos in ("NOUN", "PROPN"):
            noun = token.lemma.lower()
        elif token.pos in ("NUM", "ADJ", "X", "SYM") or token.text in ("(", ")", ",", "+", "-", "by", "x"):
            if token.text == "," and noun:
                break
        else:
            break
    return noun


_FROM_PLACE = re.compile(
    r"\s*(?:away\s+)?from\s+(?:the\s+)?(?:[A-Z][\w-]*'s\s+)?(?:(?:[a-z]+\s+){0,3}of\s+)?([A-Z][\w'-]+)"
)


def _length_anchor(parsed: ParsedArticle, unit_char: int, after: str, direction: re.Match[str] | None) -> str:
    """'length/depth' or 'length/from:<place>' for a length; '' when it answers no clear question.

    `direction` is the compass phrase that follows the unit ('south of'), if any."""
    if re.match(r"\s*(?:deep|below|beneath|underground)\b", after, re.I):
        return "length/depth"
    if direction:
        place = _PLACE_AFTER_OF.match(after[direction.end() :])
        return "length/from:" + place.group(1).lower() if place else ""
    origin = _FROM_PLACE.match(after)  # 'about 135 kilometers from the main city of Manokwari'
    if origin:
        return "length/from:" + origin.group(1).lower()
    i = parsed.token_at(unit_char)
    if any(parsed.tokens[a].lemma.lower() in ("depth", "deep") for a in list(parsed.ancestors(i))[:4]):
        return "length/depth"
    return ""


def _bearing(word: str) -> float | None:
    """Degrees clockwise from north of 'north', 'south-east', 'north-northeast', 'WSW'."""
    words = [p for p in re.split(r"[-\s]+", word.lower()) if p]
    parts = [part for w in words for part in ([w] if w in _COMPASS else _split_compass(w))]
    angles = [_COMPASS[p] for p in parts if p in _COMPASS]
    if not angles or len(angles) != len(parts):
        return None
    while len(angles) > 1:  # the last two halve: 'north-northeast' is between N and NE
        last = angles.pop()
        previous = angles.pop()
        if abs(previous - last) > 180:
            last += 360 if last < previous else 0
            previous += 360 if previous < last else 0
        angles.append(((previous + last) / 2) % 360)
    return angles[0]


def _split_compass(word: str) -> list[str]:
    """'northeast' -> ['north', 'east'], 'southsouthwest' -> ['south', 'south', 'west']."""
    parts: list[str] = []
    while word:
        head = next((name for name in ("north", "south", "east", "west") if word.startswith(name)), None)
        if head is None:
            return [word]
        parts.append(head)
        word = word[len(head) :]
    return parts


def angular_distance(a: float, b: float) -> float:
    """The smaller angle between two bearings, in degrees."""
    difference = abs(a - b) % 360
    return min(difference, 360 - difference)


def _ages(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """'the 63-year-old woman', 'aged 63': the age of the person the statement is about.

    The anchor names who: 'age/woman' when the age describes a common noun, so that two reports
    of the woman's age compare even when neither names her; plain 'age' when it describes a name
    (then the statements must share the person).
    """
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label not in ("DATE", "CARDINAL"):
            continue
        match = _AGE.search(expression.text) or (
            _AGED.search(parsed.text[max(0, expression.start - 10) : expression.end])
        )
        if match:
            age = float(match.group(1))
            told = match.re is _AGED  # 'Smith, age 64': the age of whoever the phrase is about
            anchor = "age" if told else _age_anchor(parsed, expression.end - 1)
            noun = parsed.tokens[
                parsed.token_at(expression.end - 1)
            ].head  # 'woman' of 'the 63-year-old woman'
            holder = (
                _holder(
                    parsed, start, expression.start, expression.end, reach=_age_reach(parsed, expression.end)
                )
                if anchor == "age"
                else _name_after(parsed, parsed.tokens[noun].end)
            )
            if holder < 0 and not told:
                holder = _name_set_off(parsed, expression.start, expression.end, end)
            if holder < 0 and anchor != "age":
                holder = _apposed_name(parsed, noun)
        elif (holder := _appositive_person(parsed, expression.start, expression.end)) >= 0:
            age = float(expression.text)  # 'Kathryn Jenkin, 20'
            anchor = "age"
        else:
            continue
        found.append(
            Value("number", anchor, age, age, expression.text, expression.start, expression.end, holder)
        )
    return found


def _doer(parsed: ParsedArticle, char: int, statement: tuple[int, int]) -> int:
    """The start of the named person who did what a count counts ('Artino ... scoring 14 points':
    Artino), from the subject of the nearest verb that has one; -1 when it is no named person."""
    for ancestor in list(parsed.ancestors(parsed.token_at(char)))[:6]:
        if not statement[0] <= parsed.tokens[ancestor].start < statement[1]:
            return -1
        subjects = [c for c in parsed.children[ancestor] if parsed.tokens[c].dep in ("nsubj", "nsubjpass")]
        if parsed.tokens[ancestor].pos in ("VERB", "AUX") and subjects:
            subject = parsed.tokens[subjects[0]]
            return _person_in(parsed, subject.start, subject.end)
    return -1


def _appositive_person(parsed: ParsedArticle, start: int, end: int) -> int:
    """The start of the name a bare number stands in apposition to ('Alice McMeekin, 58,'), or -1."""
    text = parsed.text[start:end]
    if not text.isdigit() or not 0 < int(text) < 111 or parsed.text[max(0, start - 2) : start] != ", ":
        return -1
    token = parsed.tokens[parsed.token_at(start)]
    head = parsed.tokens[token.head]
    if parsed.text[end : end + 1] != ",":
        return (
            _person_in(parsed, head.start, head.end) if token.dep == "appos" and head.pos == "PROPN" else -1
        )
    if token.dep == "appos" and head.pos == "PROPN":
        # 'Blackmore, 52, was not available': a lone surname the model took for a place is still
        # the person whose age the commas give
        return next((m.start for m in parsed.entities_in(head.start, head.end)), -1)
    # 'said Jackman, 43, star of ...': the parser missed the apposition, the commas did not
    return next(
        (
            m.start
            for m in parsed.entities_in(start - 40, start)
            if m.label == "PERSON" and m.end == start - 2
        ),
        -1,
    )


def _person_in(parsed: ParsedArticle, start: int, end: int, from_start: bool = False) -> int:
    """The start of the first person mention overlapping [start, end) (with `from_start`, beginning
    inside it), or -1."""
    return next(
        (
            m.start
            for m in parsed.entities_in(start, end)
            if m.label == "PERSON" and (not from_start or m.start >= start)
        ),
        -1,
    )


def _name_after(parsed: ParsedArticle, char: int) -> int:
    """The start of a person's name right after a noun ('daughter Kathryn Jenkin'), or -1; never
    past the end of the sentence ('... killed a 66-year-old woman.\nAnthony LaSalle was charged')."""
    if re.match(r"\s*[.!?\n]", parsed.text[char : char + 3]):
        return -1
    return _person_in(parsed, char, char + 3, from_start=True)


def _holder(
    parsed: ParsedArticle,
    statement_start: int,
    start: int,
    end: int,
    before_only: bool = False,
    reach: float = 60.0,
) -> int:
    """The start of the person mention nearest to a value, within `reach` characters, or -1.

    'her 22-year-old daughter Kathryn Jenkin', '36-year-old Duncan Raite died when he slipped and
    fell around 200ft': news puts the person next to their age, and before what they did.
    """
    best, distance = -1, reach + 1
    for mention in parsed.entities_in(max(statement_start, start - 60), end + 30):
        if mention.label != "PERSON" or mention.start < statement_start:
            continue
        if mention.end <= start:
            gap = start - mention.end
        elif not before_only and mention.start >= end:
            gap = (mention.start - end) * 2  # a name after the value is less often its owner
        else:
            continue
        if gap < distance:
            best, distance = mention.start, gap
    return best


def _apposed_name(parsed: ParsedArticle, noun: int) -> int:
    """The start of the name a noun is in apposition to ('Raj Chohan, a 62-year-old grandmother,'),
    or -1."""
    token = parsed.tokens[noun]
    head = parsed.tokens[token.head]
    if token.dep != "appos" or head.pos != "PROPN":
        return -1
    return _person_in(parsed, head.start, head.end)


def _name_set_off(parsed: ParsedArticle, start: int, end: int, statement_end: int) -> int:
    """The start of the name set off by commas after 'the 17-year-old accused of firing the fatal
    shot, Jermayne Timmons,': the phrase the age opens is the name's apposition; else -1."""
    if not re.search(r"\bthe\s+$", parsed.text[max(0, start - 5) : start], re.I):
        return -1
    comma = parsed.text.find(", ", end, min(statement_end, end + 60))
    if comma < 0 or re.search(r"[.;:!?\"“”]", parsed.text[end:comma]):
        return -1
    name = _person_in(parsed, comma + 2, comma + 3, from_start=True)
    if name < 0:
        return -1
    after = next(m.end for m in parsed.entities_in(name, name + 1) if m.start == name)
    return name if re.match(r"\s*[,.]", parsed.text[after : after + 2]) else -1


def _age_reach(parsed: ParsedArticle, end: int) -> float:
    """How far a name may be from an age and still hold it. 'The 15-year-old' with no name or noun
    after it is a person in their own right ('Jeffs was the father of the 15-year-old's child'):
    only a name in apposition ('Jeffs, the 15-year-old,') holds it."""
    following = parsed.token_at(end - 1) + 1
    if following < len(parsed.tokens) and parsed.tokens[following].pos in ("PROPN", "NOUN", "ADJ"):
        return 60.0
    return 6.0


def _age_anchor(parsed: ParsedArticle, char: int) -> str:
    token = parsed.tokens[parsed.token_at(char)]
    head = parsed.tokens[token.head]
    if token.dep in ("amod", "compound", "nummod") and head.pos == "NOUN" and head.lemma.isalpha():
        return "age/" + head.lemma.lower()
    return "age"


def _durations(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """How long something lasted, in days: 'a three-month stay', '90-day treatment', 'for six weeks'.
    Not an age ('20 years old') nor a distance in time ('two years ago')."""
    found = []
    for expression in parsed.expressions_in(start, end):
        match = _DURATION.search(expression.text.strip())
        if match is not None and match.end() != len(expression.text.strip()):
            match = None  # 'three days of mourning' ends in its noun, not its unit
        if expression.label not in ("DATE", "TIME") or match is None:
            continue
        if re.match(
            r"[\s-]*(?:old|ago|later|earlier|after|before|since)\b",
            parsed.text[expression.end : expression.end + 10],
        ):
            continue
        if re.search(
            r"\b(?:in|within|past|last|next)\s+(?:more than\s+|over\s+|the\s+)?$",
            parsed.text[max(0, expression.start - 20) : expression.start],
        ):
            continue  # 'not hit by a quake in more than 25 years': time since, not how long
        amount = parse_number(match.group(1))
        if amount is None:
            continue
        unit = _DAYS_PER[match.group(2).lower()]
        days = amount * unit
        low, high = number_range(days, _qualifier_text(parsed.text, expression.start, expression.text))
        where = (expression.text, expression.start, expression.end)
        verb = _duration_head(parsed, expression.start, expression.end)
        # 5% reconciles units ('six months' / '26 weeks'), but never half a unit: an 11-year and a
        # 12-year veteran disagree
        slack = min(0.05 * days, 0.45 * unit)
        found.append(
            Value("number", "duration", min(low, days - slack), max(high, days + slack), *where, verb=verb)
        )
    return found


def _duration_head(parsed: ParsedArticle, start: int, end: int) -> str:
    """What a duration measures: the noun it modifies ('stay' of 'a six-month stay'), else its verb
    ('last' of 'it lasts five years', 'feel' of 'felt for 15 seconds')."""
    i = parsed.token_at(end - 1)
    for ancestor in list(parsed.ancestors(i))[:4]:
        token = parsed.tokens[ancestor]
        if token.pos in ("NOUN", "VERB") and not start <= token.start < end:
            return token.lemma.lower()
    return ""


_DURATION = re.compile(
    r"(?<![\w-])((?:\d+|[a-z]+)(?:[- ][a-z]+)?)[- ]"
    r"(second|minute|hour|day|week|month|year)s?(?:[- ]long)?",
    re.I,
)
_DAYS_PER = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44,
             "year": 365.25}  # fmt: skip


def _zero_counts(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """'no casualties', 'no one was killed or injured', 'no deaths': a toll of zero.

    A report of no victims contradicts one of twelve dead; 'casualties' covers both the dead and
    the injured.
    """
    found: list[Value] = []
    for i in parsed.tokens_between(start, end):
        token = parsed.tokens[i]
        if token.lemma.lower() not in ("no", "nobody") or token.dep not in ("det", "nsubj", "nsubjpass"):
            continue
        noun = parsed.tokens[token.head] if token.dep == "det" else token
        lemma = noun.lemma.lower()
        if lemma in ("casualty", "fatality", "death", "injury", "victim"):
            classes = {"casualty": ("dead", "hurt"), "injury": ("hurt",)}.get(lemma, ("dead",))
        elif lemma in ("one", "nobody") and noun.dep in ("nsubj", "nsubjpass"):
            verb = noun.head
            verbs = [verb, *(c for c in parsed.children[verb] if parsed.tokens[c].dep == "conj")]
            lemmas = {parsed.tokens[v].lemma.lower() for v in verbs}
            classes = tuple(
                name for name, words in (("dead", DEAD_WORDS), ("hurt", HURT_WORDS)) if lemmas & words
            )
        else:
            continue
        text = parsed.text[token.start : noun.end]
        if re.match(r"\s+else\b", parsed.text[noun.end : noun.end + 6]):
            classes = ("other",) if classes else ()  # 'no one else was injured': none besides someone
        found.extend(Value("number", f"people/{c}", 0, 0, text, token.start, noun.end) for c in classes)
    return found


def _days(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """The calendar day an event happened on: 'on Thursday', 'yesterday', 'November 10',
    'February 1, 2013', as days since year 1, resolved against the publication date.

    A day weeks before publication is also the clause's past context (facts.py), so it is compared
    only between similar statements. The day of a report ('police said Monday') is no value.
    """
    reference = reference_date(parsed.article.published)
    if reference is None:
        return _weekdays(parsed, start, end)
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label != "DATE":
            continue
        ahead = looks_ahead(parsed, expression.start, (start, end))  # 'will play Saturday'
        resolved = resolve_date(expression.text, reference, ahead=ahead)
        if resolved is not None and resolved.precision == "month" and _this_year(resolved.iso, reference):
            found.extend(_month(parsed, expression, (start, end)))
        if resolved is None or resolved.precision != "day":
            continue
        verb = _day_verb(parsed, expression, (start, end))
        if verb is None:
            continue
        day = date.fromisoformat(resolved.iso)
        ordinal = float(day.toordinal())
        where = (expression.text, expression.start, expression.end)
        anchor = "day/past" if (reference - day).days > 14 else "day"  # of the story's own time, or not
        found.append(Value("date", anchor, ordinal, ordinal, *where, verb=verb))
    return found


def _weekdays(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """The days an undated article names. A day of the week ('early Monday morning') or of a
    month ('On Nov. 12') cannot be resolved to a date, but it still disagrees with a report of
    the same happening on Tuesday, or on November 19."""
    found = []
    for expression in parsed.expressions_in(start, end):
        if expression.label != "DATE":
            continue
        match = _BARE_WEEKDAY.match(expression.text) or _leading_weekday(expression.text)
        calendar = month_day(expression.text) if match is None else None
        if match is None and calendar is None:
            found.extend(_month(parsed, expression, (start, end)))
            continue
        verb = _day_verb(parsed, expression, (start, end))
        if verb is None:
            continue
        where = (expression.text, expression.start, expression.end)
        if match is not None and match.end() < len(expression.text):
            where = (match.group(), expression.start, expression.start + match.end())
        theme = _theme(parsed, parsed.token_at(expression.start))
        if match is not None:
            day = float(_WEEKDAYS.index(match.group(1).lower()))
            found.append(Value("date", "day", day, day, *where, verb=verb, weekday=True, theme=theme))
        elif calendar is not None:
            day = float(calendar[0] * 100 + calendar[1])
            found.append(Value("date", "day", day, day, *where, verb=verb, monthday=True, theme=theme))
    return found


def _month(parsed: ParsedArticle, expression: Expression, statement: tuple[int, int]) -> list[Value]:
    """The month a deed is done in, told without its day ('expects to close the deal in March',
    'rules issued last December'), as the month's number: 'month' values of one deed disagree
    (facts.py). The year, where given, is the year reader's."""
    told = _MONTH_ONLY.fullmatch(expression.text.strip())
    if told is None or parsed.text[expression.end : expression.end + 2] in ("'s", "’s"):
        return []  # 'February's show' dates a show, not a deed
    verb = _day_verb(parsed, expression, statement)
    if verb is None:
        return []
    month = float(month_number(told.group(1)))
    where = (expression.text, expression.start, expression.end)
    theme = _theme(parsed, parsed.token_at(expression.start))
    return [Value("date", "month", month, month, *where, verb=verb, theme=theme)]


def _this_year(month: str, reference: date) -> bool:
    """A month ('2003-12') less than a year from publication: of the story's own time, not a
    background event ('a quake killed 26,000 in Bam in December 2003')."""
    year, number = (int(part) for part in month.split("-"))
    return abs((reference.year - year) * 12 + reference.month - number) < 12


_MONTH_ONLY = re.compile(
    r"(?:(?:in|last|this|next|early|late|mid-?|the end of)\s+)?(january|february|march|april|may|june|july"
    r"|august|september|october|november|december)(?:\s+(?:19|20)\d\d)?",
    re.I,
)


def _leading_weekday(text: str) -> re.Match[str] | None:
    """The weekday a longer expression opens with, where the model ran a day into what follows
    ('Saturday Jobs ended weeks', 'Monday (Jan 5'): the day is still the one the text names."""
    match = _OPENING_WEEKDAY.match(text)
    if match is None or any(day in text[match.end() :].lower() for day in _WEEKDAYS):
        return None  # 'Saturday and Sunday': two days
    if re.search(r"\d", text):
        return None  # 'Saturday 8 October 2011', 'Thursday (June 13': a date, for the date reader
    return match


def _theme(parsed: ParsedArticle, i: int) -> str:
    """The common noun the verb above token `i` is done to or by: its passive subject, object or
    subject ('the cables were damaged'), or the noun a relative clause hangs from ('cables ... that
    were damaged'); '' for a pronoun or a name."""
    verb = _verb_above(parsed, i)
    if verb is None:
        return ""
    token = parsed.tokens[verb]
    if token.dep == "relcl" and parsed.tokens[token.head].pos == "NOUN":
        return parsed.tokens[token.head].lemma.lower()
    for role in ("nsubjpass", "dobj", "nsubj"):
        for child in parsed.children[verb]:
            if parsed.tokens[child].dep == role:
                noun = parsed.tokens[child]
                return noun.lemma.lower() if noun.pos == "NOUN" else ""
    return ""


def _day_verb(parsed: ParsedArticle, expression: Expression, statement: tuple[int, int]) -> str | None:
    """What a day dates: its possessor noun or its verb; None when it dates no event of its own
    ('police said Monday', 'the second Tuesday of each month')."""
    if _of_a_report(parsed, expression.start, expression.end, statement):
        return None  # 'police said Monday': the day of the report, not of the event
    if _not_the_days_event(parsed, expression.start, expression.text):
        return None
    return (
        _possessor(parsed, expression.start, expression.end)
        or _noun_dated(parsed, expression)
        or _governing_verb(parsed, parsed.token_at(expression.start))
    )


def _noun_dated(parsed: ParsedArticle, expression: Expression) -> str:
    """The subject a day is put on by 'on' ('attempts on Saturday were unsuccessful': the attempts),
    which is not what the sentence's verb did that day. Not an object: the parser often hangs the
    verb's day on its object ('released a critical security patch on Thursday')."""
    token = parsed.tokens[parsed.token_at(expression.start)]
    preposition = parsed.tokens[token.head]
    if token.dep != "pobj" or preposition.text.lower() != "on":
        return ""
    noun = parsed.tokens[preposition.head]
    if noun.lemma.lower() in PERSON_UNITS or noun.lemma.lower() in _DOERS:
        return ""  # 'Oscar organizers on Thursday unveiled Hugh Jackman': the day of what they did
    return noun.lemma.lower() if noun.pos == "NOUN" and noun.dep in ("nsubj", "nsubjpass") else ""


_DOERS = frozenset({"organizer", "organiser", "official", "officer", "investigator", "prosecutor", "police",
                    "authority", "leader", "executive"})  # fmt: skip


def _not_the_days_event(parsed: ParsedArticle, char: int, text: str) -> bool:
    """A day that dates nothing of its own: a recurring one ('the second Tuesday of each month',
    'typically ... on Tuesdays'), another zone's day of a clock time ('7:48 am (2248 GMT Tuesday)'),
    or a reference point ('since Sunday's quakes', 'days after Monday's vote')."""
    if (
        _EVERY.search(text)
        or _OF_EACH.match(parsed.text, char + len(text))
        or _ZONE_DAY.search(parsed.text[max(0, char - 14) : char])
    ):
        return True  # 'the second Tuesday of each month', however the model cut the expression
    if _NAMED_DAY.search(parsed.text[max(0, char - 10) : char]):
        return True  # 'outside of its normal Patch Tuesday', 'Black Friday sales': a name, not a day
    i = parsed.token_at(char)
    if _habitual(parsed, i):
        return True
    for ancestor in list(parsed.ancestors(i))[:3]:
        token = parsed.tokens[ancestor]
        if token.dep == "prep" and token.lemma.lower() in ("since", "after", "following"):
            return True
        if token.pos == "VERB":
            return False
    return False


_EVERY = re.compile(r"\b(?:each|every)\b", re.I)
_OF_EACH = re.compile(r"\s+of\s+(?:each|every)\b", re.I)
_NAMED_DAY = re.compile(r"\b(?:Patch|Black|Super|Cyber|Good|Ash|Bloody|Easter|Holy|Palm|Shrove|Giving)\s+$")
_ZONE_DAY = re.compile(r"\(\s*\d{1,2}:?\d{2}\s*(?:gmt|utc)\s*$", re.I)


def _month_and_day(value: Value) -> tuple[int, int]:
    if value.monthday:
        return divmod(int(value.low), 100)
    day = date.fromordinal(int(value.low))
    return day.month, day.day


def _day_of_week(value: Value) -> int:
    return int(value.low) if value.weekday else date.fromordinal(int(value.low)).weekday()


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_OPENING = rf"^(?:(?:early|late|on|last|this)\s+)?({'|'.join(_WEEKDAYS)})"
_BARE_WEEKDAY = re.compile(_WEEKDAY_OPENING + r"(?:\s+(?:morning|afternoon|evening|night))?$", re.I)


_OPENING_WEEKDAY = re.compile(_WEEKDAY_OPENING + r"\b(?!')", re.I)


def _possessor(parsed: ParsedArticle, start: int, end: int) -> str:
    """The noun a day belongs to ('semifinal' of "Saturday's semifinals", 'round' of "Thursday's
    play-in round"): what happened that day, rather than the verb of the sentence."""
    for i in parsed.tokens_between(start, end):
        token = parsed.tokens[i]
        head = parsed.tokens[token.head]
        if token.dep == "poss" and head.pos == "NOUN" and not start <= head.start < end:
            return "poss:" + head.lemma.lower()  # matches only the same noun, not a word of a clause
    return ""


def looks_ahead(parsed: ParsedArticle, char: int, statement: tuple[int, int]) -> bool:
    """Whether the verb a date belongs to looks ahead: 'will play Saturday', 'advances to play
    Saturday', 'are planned for December 15', 'scheduled for Monday'."""
    for ancestor in list(parsed.ancestors(parsed.token_at(char)))[:4]:
        token = parsed.tokens[ancestor]
        if token.dep == "prep" and token.lemma.lower() in ("into", "before", "ahead", "toward", "towards"):
            return True  # 'heading into Saturday's semifinals', 'ahead of Sunday's vote'
        if not statement[0] <= token.start < statement[1] or token.pos not in ("VERB", "AUX"):
            continue
        if token.lemma.lower() in _PLANNED:
            return True
        return any(
            parsed.tokens[c].lemma.lower() in ("will", "shall", "to") and parsed.tokens[c].dep == "aux"
            for c in parsed.children[ancestor]
        )
    return False


_PLANNED = frozenset({"plan", "schedule", "set", "expect", "due", "head", "advance", "prepare", "await"})


def _of_a_report(parsed: ParsedArticle, start: int, end: int, statement: tuple[int, int]) -> bool:
    """A day or time that belongs to the reporting verb of its statement that it stands next to
    ('police said Monday', 'the agency on Friday condemned'), not to the event the report is about."""
    ancestor = _verb_above(parsed, parsed.token_at(start), statement)
    if ancestor is None or parsed.tokens[ancestor].lemma.lower() not in _REPORTING_VERBS:
        return False
    if _a_deed_of_the_story(parsed, ancestor):
        return False  # 'were told at 4:30 p.m. to leave the premises': an order, given then
    verb = parsed.tokens[ancestor]
    return verb.start - end < 30 and start - verb.end < 30


def _a_deed_of_the_story(parsed: ParsedArticle, verb: int) -> bool:
    """A verb of saying that is a deed of the story: a passive 'told' or 'asked' ('staff were
    told to leave': people were ordered to do something), or writing a letter ('on Monday wrote a
    personal letter'), not a source reporting the event."""
    token = parsed.tokens[verb]
    children = [parsed.tokens[c] for c in parsed.children[verb]]
    if token.lemma.lower() in ("tell", "ask", "order") and any(
        c.dep in ("auxpass", "nsubjpass") for c in children
    ):
        return True
    return any(c.dep == "dobj" and c.lemma.lower() in _WRITINGS for c in children)


_WRITINGS = frozenset({"letter", "note", "memo", "email", "message", "book", "column", "article", "blog"})


# Verbs whose date is the day of a report or a reaction, not of the event.
_REPORTING_VERBS = REPORTING_VERBS | {"publish", "condemn", "urge", "accuse", "blame", "describe", "praise"}
_CLOCK_ZONE = re.compile(r"^\W{0,2}(gmt|utc|bst|est|edt|pst|pdt|cst|cdt|cet|cest|ist|local)\b", re.I)


_AS_OF = re.compile(r"\bas of\s*$", re.I)


def _begun(parsed: ParsedArticle, i: int) -> str:
    """'begin' when the time's verb is what began ('began to cast their ballots at 8:00 am'): the
    start of a happening is not the happening's other times."""
    verb = _verb_above(parsed, i)
    if verb is None:
        return ""
    token = parsed.tokens[verb]
    if token.dep == "xcomp" and parsed.tokens[token.head].lemma.lower() in ("begin", "start", "open"):
        return "begin"
    return ""


def _when_clause(parsed: ParsedArticle, start: int, end: int) -> str:
    """The verb of a 'when' clause on a time ('around 9 p.m. when she was hit'): what happened then."""
    for i in parsed.tokens_between(start, end):
        for child in parsed.children[i]:
            token = parsed.tokens[child]
            opens = parsed.children[child][:1]
            if (
                token.dep == "relcl"
                and token.pos == "VERB"
                and opens
                and parsed.tokens[opens[0]].lemma == "when"
            ):
                return token.lemma.lower()
    return ""


def _habitual(parsed: ParsedArticle, i: int) -> bool:
    """'Microsoft typically releases patches on the second Tuesday of each month': what is done
    every time dates no one happening."""
    verb = _verb_above(parsed, i)
    return verb is not None and any(
        parsed.tokens[c].dep == "advmod" and parsed.tokens[c].lemma.lower() in _USUALLY
        for c in parsed.children[verb]
    )


_USUALLY = frozenset(
    {"typically", "usually", "normally", "generally", "often", "regularly", "always", "traditionally"}
)


def _times(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """Clock times ('2:09 a.m.', '9.25 am', '4:22pm', '06:00 BST') as minutes after midnight.

    A time given in a named zone ('12:00 GMT') answers another question than a local time ('3pm'):
    the anchor carries the zone.
    """
    found = []
    expressions = [x for x in parsed.expressions_in(start, end) if x.label == "TIME"]
    spans = [(x.start, x.end, x.text) for x in expressions]
    covered = [(x.start, x.end) for x in parsed.expressions_in(start, end) if x.label in ("TIME", "DATE")]
    for bare in _HOUR_MINUTE.finditer(parsed.text, start, end):
        if not any(s <= bare.start() < e for s, e in covered):
            spans.append((bare.start(), bare.end(), bare.group()))  # the model misses '06:00 BST'
    for written in _MILITARY.finditer(parsed.text, start, end):
        spans = [span for span in spans if not span[0] <= written.start() < span[1]]
        if not parsed.text[max(start, written.start() - 2) : written.start()].strip().endswith("("):
            spans.append((written.start(), written.end(), written.group()))  # '(0300 GMT)' restates a time
    for expression_start, expression_end, expression_text in sorted(spans):
        if military := _MILITARY.match(parsed.text, expression_start, expression_end + 8):
            minutes = float(int(military.group(1)) * 60 + int(military.group(2)))  # 'about 1945 GMT'
            told_end = military.end()
        elif (match := _CLOCK.search(expression_text)) is None or not (match.group(2) or match.group(3)):
            continue  # "30 seconds", "10 o'clock news": not a time of day we can compare
        else:
            minutes, told_end = _minutes(match), expression_start + match.end()
        qualifier = _qualifier_text(parsed.text, expression_start, expression_text)
        slack = 10.0 if _ABOUT.search(qualifier) else 0.0
        earliest = 0.0 if _BY.search(qualifier[: len(qualifier) - len(expression_text)]) else None
        zone = _CLOCK_ZONE.match(parsed.text[told_end : max(told_end, expression_end) + 8])
        named = zone.group(1).lower() if zone else "local"
        anchor = "clock" if named == "local" else "clock/" + named  # '3 p.m. local time' is the plain clock
        if re.search(r"aftershock", parsed.text[max(start, expression_start - 40) : expression_start], re.I):
            anchor += "/aftershock"  # 'followed by a 2.9 aftershock at 2:12 a.m.' is not the quake's time
        verb = (
            _begun(parsed, parsed.token_at(expression_start))
            or _when_clause(parsed, expression_start, expression_end)
            or _governing_verb(parsed, parsed.token_at(expression_start))
        )
        if _of_a_report(parsed, expression_start, expression_end, (start, end)):
            continue  # 'at this point (10:30 p.m.), police said': the time of a report
        if _AS_OF.search(parsed.text[max(start, expression_start - 8) : expression_start]):
            continue  # 'cast their ballots as of 4:00 p.m.': when a count was taken, not an event
        if _habitual(parsed, parsed.token_at(expression_start)):
            continue
        if _GAME_CLOCK.match(parsed.text[expression_end : expression_end + 12]):
            found.extend(_game_clock(parsed.text, expression_start, expression_end, verb))
            continue
        low = minutes - slack if earliest is None else earliest  # 'extinguished by 7 a.m.' fits 6:40
        where = (expression_text, expression_start, expression_end)
        found.append(Value("time", anchor, low, minutes + slack, *where, verb=verb))
    return found


def _game_clock(text: str, start: int, end: int, verb: str) -> list[Value]:
    """'with 7:42 remaining in the first half': the time left in a named period of a game, in
    seconds, as a question of its own ('gameclock/first half'). Without the period it is not
    compared: '2:10 left' may be any half's."""
    clock = re.fullmatch(r"\s*(\d{1,2}):([0-5]\d)\s*", text[start:end])
    period = _GAME_PERIOD.match(text, end)
    if clock is None or period is None:
        return []
    seconds = float(int(clock.group(1)) * 60 + int(clock.group(2)))
    anchor = f"gameclock/{period.group(1).lower()} {period.group(2).lower()}"
    return [Value("number", anchor, seconds, seconds, text[start:end].strip(), start, end, verb=verb)]


_GAME_PERIOD = re.compile(
    r"\s*(?:left|to go|to play|remaining)\s+(?:in|of)\s+the\s+(first|second|third|fourth|final)\s+"
    r"(half|quarter|period)\b",
    re.I,
)


def _minutes(match: re.Match[str]) -> float:
    """Minutes after midnight of a `_CLOCK` match ('9.25 am', '4:22pm', '14:30')."""
    hour, minute = int(match.group(1)) % 12, int(match.group(2) or 0)
    meridiem = (match.group(3) or "").replace(".", "").lower()
    if meridiem == "pm":
        hour += 12
    elif not meridiem and int(match.group(1)) >= 12:
        hour = int(match.group(1))
    return float(hour * 60 + minute)


# A 24-hour time written without a colon, which only a zone or 'hours' marks as a time: '2045 GMT'.
_MILITARY = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)(?=\s?(?:gmt|utc|bst|hours|hrs)\b)", re.I)
_BY = re.compile(r"\b(by|before|until|no later than)\s*$", re.I)
_DOTTED = r"(?:1[0-2]|0?[1-9])\.[0-5]\d\s?[ap]\.?m\b"  # '8.49pm', as British papers write it
_HOUR_MINUTE = re.compile(
    r"(?<![\d:.])(?:(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])(?:\s?[ap]\.?m\b\.?)?|(?:1[0-2]|0?[1-9])\s?[ap]\.?m\b\.?"
    rf"|{_DOTTED}\.?)",
    re.I,
)
_DOTTED_CLOCK = re.compile(_DOTTED, re.I)
# 'with 11:43 left in the first half', '6:11 to go': a game clock, not a time of day
_GAME_CLOCK = re.compile(r"^\s*(?:left|to go|to play|remaining)\b", re.I)


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
        label = expression.label
        if label == "DATE" and _BARE_COUNT.fullmatch(expression.text):
            label = "CARDINAL"  # the small model tags 'injuring 80' as a date
        if label not in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            continue
        written = (
            _with_symbol(parsed.text, expression.start, expression.end)
            if label == "MONEY"
            else expression.text
        )
        amount = parse_number(written)
        if amount is None or _appositive_person(parsed, expression.start, expression.end) >= 0:
            continue  # 'wounding Unique Armstead, 32,': an age, not a count of the wounded
        if _MILITARY.search(parsed.text, expression.start, expression.end + 8) or _DOTTED_CLOCK.search(
            parsed.text, expression.start, expression.end + 4
        ):
            continue  # '2045 GMT' and '9.49pm' are times of day
        qualifier = _qualifier_text(parsed.text, expression.start, written)
        low, high = number_range(amount, qualifier)
        unit = _currency(written) if label == "MONEY" else _unit(parsed, expression.end - 1, label)
        if label != "MONEY" and _in_a_score(parsed.text, expression.start, expression.end):
            unit = ""  # 'an 88-72 road loss', 'a 15-2 run': a score counts no losses or runs
        part = _part(parsed, expression.start, expression.end, end) if unit and label != "MONEY" else ""
        if part:
            # 'two other victims' (besides the one named) compares with 'three other victims' only;
            # '30 of the 80', '170,000 in the province and more' answer no question
            base = "people" if unit.startswith("other") else unit.split("/")[0]
            unit = base + "/other" if part == "other" else ""
        last = parsed.token_at(expression.end - 1)
        if "@" in unit and (period := _PERIOD.search(parsed.text, start, end)):
            unit += "/in:" + period.group(1).lower()  # 'In the sixth, he landed one punch': that round's
        if unit.startswith("people/") and _of_another(parsed, last, (start, end)):
            unit = "people/other"  # 'killed when Israeli forces attacked another UN school'
        verb = payer = ""
        if label == "MONEY":
            unit += _paid_in(parsed.text, expression.end)  # '$4.2 billion in cash' of '$5.4 billion'
            verb, payer = _money_verb(parsed, last, expression.end), _payer(parsed, last)
        floor = _is_round(amount) and bool(_MORE_THAN.search(qualifier[-30:]))
        where = (expression.text, expression.start, expression.end)
        holder = _doer(parsed, expression.end - 1, (start, end)) if "@" in unit else -1
        found.append(Value("number", unit, low, high, *where, holder, verb=verb, floor=floor, owner=payer))
    return found


def _with_symbol(text: str, start: int, end: int) -> str:
    """A sum as written, with the currency sign and the scale the model left outside it ('$' of
    '$4.6bn', 'US $5.4-billion', '£' and 'm' of '(£1.7m; $2.6m)'): without its sign '4.6bn' is
    neither dollars nor billions, and without its 'm' '£1.7' is not £1.7m. A range's first figure
    ('$140-150 million') is left as it is, for its scale is the second's."""
    expression = text[start:end]
    if re.search(r"[$€£¥]", expression) or re.match(r"\s?[-–]\s?\d", text[end : end + 3]):
        return expression
    sign = re.search(r"[$€£¥]\s?$", text[max(0, start - 2) : start])
    if not sign:
        return expression
    scale = _MONEY_SUFFIX.match(text, end) if re.fullmatch(r"[\d.,]+", expression) else None
    return sign.group().strip() + expression + (scale.group().strip() if scale else "")


def _in_a_score(text: str, start: int, end: int) -> bool:
    """Whether a number is one half of a score or record written with a hyphen ('88-72', '9-14')."""
    return bool(
        re.match(r"-(?:\d|all\b)", text[end : end + 5]) or re.search(r"\d-$", text[max(0, start - 2) : start])
    )


def _part(parsed: ParsedArticle, start: int, end: int, statement_end: int) -> str:
    """'other' for a count of the others besides someone ('the two other victims', 'two others'),
    'part' for another part of a whole ('the remaining three boats', '30 of the 80 wounded',
    '170,000 people in the province and tens of thousands more', 'four straight points'), else ''.
    A part is not the answer to the question the whole answers, so it is not compared with it."""
    before = parsed.text[max(0, start - 20) : start].lower()
    after = parsed.text[end : min(statement_end, end + 90)]
    if not _partial(before, after):
        return ""
    others = _OTHER.search(before) or re.match(r"\s+others?\b", parsed.text[end : end + 8])
    return "other" if others else "part"


def _partial(before: str, after: str) -> bool:
    """Whether the words around a count (`before` in lower case) make it a part of a whole."""
    if _OTHER.search(before):
        return True
    if re.match(r"\s+(?:of\s+(?:the|them|those|whom)\b|(?:\w+\s+)?others?\b|(?:\w+\s+)?more\b)", after, re.I):
        return True
    if re.search(r"\b(first|last|final|next)\s*$", before) or re.match(
        r"\s+(?:straight|consecutive|unanswered)\b", after, re.I
    ):
        return True  # 'four straight points', 'the first eight points': a run, not the total
    return bool(_AND_MORE.search(after))


_OTHER = re.compile(r"\b(other|remaining|another|additional|further)\s*$", re.I)


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
    """The number in '2,000', '6.1', 'five', 'two million', '$2.6 million', '$334M'; None for 'several'."""
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
    if digits and scale == 1 and re.search(r"[$€£¥]", text):
        suffix = _MONEY_SUFFIX.match(text, digits.end())  # '$334M', '$21MM', '€2bn'
        scale = _MONEY_SCALES[suffix.group(1).lower()] if suffix else 1
    return value * scale


_MONEY_SUFFIX = re.compile(r"\s?(mm|mn|m|bn|b|k)\b", re.I)
_MONEY_SCALES = {"mm": 1_000_000, "mn": 1_000_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                 "k": 1_000}  # fmt: skip


def number_range(value: float, context: str) -> tuple[float, float]:
    """The range a stated number stands for, from its qualifier.

    An approximation ("about", "some", "nearly") allows 10% either way. "At least five dead" is
    read as the count the report confirms, five: two reports confirming three and five dead
    disagree, and a reader comparing them wants to see it. "Up to" keeps its upper bound. A round
    figure of 100 or more (600, 120,000) may be a rounding of a precise one (612), so it allows 5%;
    after "more than" it is a floor ('more than 200': 249), and two floors must agree (`Value.floor`).
    """
    tail = context[-60:]
    if _AT_MOST.search(tail):
        return 0.0, value
    if _ABOUT.search(tail) and not _AT_LEAST.search(tail):
        return value * 0.9, value * 1.1
    if _is_round(value):
        if _MORE_THAN.search(tail[-30:]):
            return value, math.inf  # 'more than 200 injured' rounds 249 down
        slack = min(0.05 * value, _half_step(tail, value))
        return value - slack, value + slack
    return value, value


def _half_step(tail: str, value: float) -> float:
    """Half the step of the last digit a scaled figure is written to ('$5.4 billion': 0.05 billion),
    the most a rounding of a precise figure can move it; `inf` for a figure written without decimals.
    '$5.4 billion' and '$5.8 billion' are two figures, not one figure rounded two ways."""
    written = _DECIMAL_SCALED.search(tail)
    if not written:
        return math.inf
    mantissa = float(written.group(1))
    return 0.5 * 10 ** -len(written.group(2)) * value / mantissa if mantissa else math.inf


_DECIMAL_SCALED = re.compile(r"(\d+\.(\d+))\s*-?\s*(?:million|billion|trillion|mn|bn|m|b)\s*$", re.I)


# A round figure after these is a floor the true count was rounded down to.
_MORE_THAN = re.compile(r"\b(more than|over|upwards of|in excess of)\s+[\d,.]+\s*\w*$", re.I)


def _is_round(value: float) -> bool:
    """At most two significant digits and at least 100: 600, 1,500, 120,000 (not 612 or 24)."""
    if value < 100 or value != int(value):
        return False
    digits = str(int(value)).rstrip("0")
    return len(digits) <= 2


def _unit(parsed: ParsedArticle, char: int, label: str) -> str:
    """What is counted, and for people what happened to them: 'people/dead', 'magnitude', 'boat'.

    People-nouns are pooled as 'people' and qualified by the event class of the phrase (killed,
    injured, or the governing verb), so a death toll is never compared with a count of injured or
    of residents. A number with no noun to count is not comparable and gets no anchor.
    """
    i = parsed.token_at(char)
    token = parsed.tokens[i]
    head = parsed.tokens[token.head]
    if re.fullmatch(r"[A-Za-z]+-?\d+\w*", head.text) and head.head != head.i:
        head = parsed.tokens[head.head]  # 'seven AK-47 assault rifles': the model names the rifles
    lemma = ""
    if token.dep in ("nummod", "quantmod", "compound", "amod") and head.pos in ("NOUN", "PROPN", "ADJ"):
        lemma = head.lemma.lower()
    if not lemma and "-" in token.text:
        lemma = next((p.lower() for p in token.text.split("-") if p.isalpha()), "")  # "6.1-magnitude"
    if lemma and head.i + 2 < len(parsed.tokens) and parsed.tokens[head.i + 1].text == "-":
        rest = parsed.tokens[head.i + 2]  # 'co-workers' is parsed as 'co', '-', 'workers'
        lemma = rest.lemma.lower() if rest.start == head.end + 1 and rest.lemma.isalpha() else lemma
    if re.match(r"-[a-z]+\b", parsed.text[token.end : token.end + 12]) and head.dep in (
        "compound",
        "amod",
        "nmod",
    ):
        return ""  # 'a three-point play', 'a 10-point lead': the number names the kind of thing
    verb = _governing_verb(parsed, i)
    victims = head.dep in ("dobj", "nsubjpass") and parsed.tokens[head.head].lemma.lower() in _HARM_VERBS
    if lemma in GROUPS:
        return f"{lemma}/{_event_class(parsed, i)}"  # six children killed are part of a toll, not one
    if lemma in DEAD_WORDS or lemma in HURT_WORDS or (lemma and victims):
        return f"people/{_event_class(parsed, i)}"
    if lemma in PERSON_UNITS or (
        not lemma and label == "CARDINAL" and _event_class(parsed, i) in ("dead", "hurt")
    ):
        return f"people/{_event_class(parsed, i)}"
    if (
        not lemma
        and label == "CARDINAL"
        and _TOLL_AT.search(parsed.text[max(0, token.start - 60) : token.start])
    ):
        return "people/dead"  # 'put the death toll of the shelling at 46', 'the toll rose to 12'
    if lemma in _MEASURE_NOUNS or not lemma:
        return ""  # magnitudes and lengths have their own readers; a bare number counts nothing
    lemma = _COUNTED_ALIKE.get(lemma, lemma)
    return f"{lemma}@{verb}" if verb else lemma


# Nouns news uses interchangeably for one group counted: 'four thieves', 'five robbers'; 'four
# variants' of the attack code, 'six versions'.
_COUNTED_ALIKE = {"thief": "robber", "burglar": "robber", "raider": "robber", "bandit": "robber",
                  "attacker": "gunman", "assailant": "gunman", "shooter": "gunman",
                  "variant": "version"}  # fmt: skip


def _of_another(parsed: ParsedArticle, i: int, statement: tuple[int, int]) -> bool:
    """Whether the clause of the count at token `i` is about another happening than the story's
    ('... killed when Israeli forces attacked another UN school'); a second quake in another clause
    of the sentence does not make 'home to 100,000 people' another count."""
    verb = _verb_above(parsed, i, statement)
    if verb is None:
        return False
    words = " ".join(parsed.tokens[k].text for k in parsed.subtree(verb))
    return bool(_ANOTHER.search(words))


# A part of a game or fight that a count is told for ('In the sixth', 'during the round').
_PERIOD = re.compile(
    r"\b(?:in|during)\s+(?:the|that|this)\s+((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|final|last|opening|\d+(?:st|nd|rd|th))(?:\s+(?:round|quarter|half|inning|period|set|lap))?"
    r"|round|quarter|half|inning|period|set|lap)\b",
    re.I,
)
_ANOTHER = re.compile(r"\b(?:another|a second|a separate|separately|an earlier|a later)\b", re.I)
_TOLL_AT = re.compile(
    r"\b(?:death\s+)?toll\b[^.;,\d]{0,40}\b(?:at|to|of|reached|hit)\s+(?:at least\s+|about\s+)?$", re.I
)

# People counted by who they are: a count of them is part of a toll ('six children were killed').
GROUPS = frozenset({"child", "woman", "man", "girl", "boy", "student", "teenager", "adult", "baby"})

# Verbs whose object is a victim: 'killed two co-workers' is a death toll whatever the noun.
_HARM_VERBS = frozenset({"kill", "injure", "wound", "hurt", "murder"})

# Nouns whose numbers are read by `_magnitudes` and `_lengths`, never as counts.
_MEASURE_NOUNS = frozenset({"magnitude", "mile", "kilometer", "kilometre", "km", "meter", "metre", "foot",
                            "feet", "earthquake", "quake", "temblor", "tremor", "aftershock"})  # fmt: skip


def _money_verb(parsed: ParsedArticle, i: int, end: int) -> str:
    """What an amount of money pays for: the noun it prices ('acquisition' of 'HP's $13.9 billion
    acquisition of EDS') or its verb ('will buy ... for $15.9 billion'); the words of buying a
    company are one deal. The 'm' of '£88m' is the amount's own scale, not what it prices."""
    head = parsed.tokens[parsed.tokens[i].head]
    priced = head.pos == "NOUN" and head.start >= end and not _MONEY_WORD.fullmatch(head.text)
    word = head.lemma.lower() if priced else _governing_verb(parsed, i)
    if word in _EARNING or (word == "pay" and _passive(parsed, i)):
        return "earn"  # 'he ended up taking $3 million', 'he was paid $5 million': what he got
    return "buy" if word in _BUYING else word


def _passive(parsed: ParsedArticle, i: int) -> bool:
    """Whether the verb above token `i` has a passive subject ('he was paid $5 million')."""
    verb = _verb_above(parsed, i)
    return verb is not None and any(parsed.tokens[c].dep == "nsubjpass" for c in parsed.children[verb])


# Verbs and nouns of what a person gets ("a $3 million salary"): their amounts answer 'how much was he paid'.
_EARNING = frozenset(
    {"earn", "receive", "take", "get", "collect", "pocket", "salary", "fee", "wage", "paycheck"}
)


def _paid_in(text: str, end: int) -> str:
    """The part of a price an amount is ('/cash' of '$4.2 billion in cash and 57 million shares',
    '/part' of '$281 million of the purchase price'), or '' for the whole ('in cash and stock')."""
    match = _PAID_IN.match(text, end)
    if match is None:
        return ""
    part = match.group(1).lower().rstrip("s")
    return "/part" if part.endswith("price") else "/" + part


def _payer(parsed: ParsedArticle, i: int) -> str:
    """Who pays or offers an amount, when a name says it: the owner of the noun it prices
    ('Hewlett-Packard's $13.9 billion acquisition') or the named subject of its verb ('The Boston
    Red Sox made Teixeira an eight-year, $184 million offer'), as a lower-case word; else ''."""
    head = parsed.tokens[i].head
    for child in parsed.children[head]:
        if parsed.tokens[child].dep == "poss" and parsed.tokens[child].pos == "PROPN":
            return _party_name(parsed, child)
    verb = _verb_above(parsed, i)
    for _ in range(3):
        if verb is None:
            return ""
        subjects = [c for c in parsed.children[verb] if parsed.tokens[c].dep in ("nsubj", "nsubjpass")]
        if subjects:
            return _party_name(parsed, subjects[0]) if parsed.tokens[subjects[0]].pos == "PROPN" else ""
        token = parsed.tokens[verb]
        verb = token.head if token.dep in ("xcomp", "ccomp", "conj", "advcl") and token.head != verb else None
    return ""


def _party_name(parsed: ParsedArticle, i: int) -> str:
    """The lower-case name a paying party's head word ends ('advanced micro devices' of 'Advanced
    Micro Devices Inc.'), without the company form, which says nothing about who it is."""
    words = [
        j
        for j in parsed.children[i]
        if j < i and parsed.tokens[j].dep in ("compound", "flat") and parsed.tokens[j].pos == "PROPN"
    ] + [i]
    names = [parsed.tokens[j].text.lower() for j in words]
    kept = [w for w in names if w.rstrip(".") not in _COMPANY_FORMS]
    return " ".join(kept).removesuffix("'s")


_COMPANY_FORMS = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh"})


def same_party(x: str, y: str) -> bool:
    """Whether two paying parties' names may be one party: the same words, one name inside the
    other ('sox' / 'red sox'), or an acronym ('amd' / 'advanced micro devices')."""
    if x == y or set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()):
        return True
    short, long = sorted((x, y), key=len)
    return " " not in short and len(long.split()) > 1 and "".join(w[0] for w in long.split()) == short


_MONEY_WORD = re.compile(
    r"(?:mm|mn|m|bn|b|k|million|billion|trillion|thousand|dollars?|euros?|pounds?|yen|yuan|rupees?)", re.I
)


_BUYING = frozenset({"acquire", "acquisition", "buy", "purchase", "takeover", "buyout", "merger", "deal"})
_PAID_IN = re.compile(
    r"\s+(?:in|of)\s+(cash|stock|shares|debt|the\s+(?:purchase\s+)?price)\b"
    r"(?!\s+(?:and|or|plus)\s+(?:in\s+)?(?:cash|stock|shares|debt)\b)",
    re.I,
)


def _governing_verb(parsed: ParsedArticle, i: int) -> str:
    """The verb a count of things belongs to: five boats *spotted* are not three boats *captured*.
    A light verb gives way to the deed it names ('took the rare step of issuing the patch': issue)."""
    ancestor = _verb_above(parsed, i)
    if ancestor is None:
        return ""
    for step in parsed.children[ancestor]:
        if parsed.tokens[step].dep == "dobj" and parsed.tokens[step].lemma.lower() in _LIGHT_OBJECTS:
            for of in parsed.children[step]:
                deeds = [c for c in parsed.children[of] if parsed.tokens[c].pos == "VERB"]
                if parsed.tokens[of].text.lower() == "of" and deeds:
                    return parsed.tokens[deeds[0]].lemma.lower()
    return parsed.tokens[ancestor].lemma.lower()


# 'took the step of issuing', 'made the decision to': objects of a light verb that name a deed.
_LIGHT_OBJECTS = frozenset({"step", "decision", "move"})


def _verb_above(parsed: ParsedArticle, i: int, statement: tuple[int, int] | None = None) -> int | None:
    """The nearest verb among the four tokens above token `i` (within `statement`, if given)."""
    for ancestor in list(parsed.ancestors(i))[:4]:
        token = parsed.tokens[ancestor]
        if token.pos == "VERB" and (statement is None or statement[0] <= token.start < statement[1]):
            return ancestor
    return None


def _event_class(parsed: ParsedArticle, i: int) -> str:
    """'dead' or 'hurt' when the phrase around a count of people says so, else ''.

    Looks first at what qualifies the number itself ('200 injured', '80 wounded'), then at what
    qualifies the counted noun ('24 people dead', '249 people injured', 'confirmed dead'), then
    up the tree ('killing 10 people'): the nearest word decides, so in 'at least 24 were killed
    and more than 200 injured' the 200 are the injured.
    """
    head = parsed.tokens[i].head
    own = [c for c in parsed.children[i] if parsed.tokens[c].dep in ("amod", "acl", "conj", "appos")]
    qualifiers = [c for c in parsed.children[head] if parsed.tokens[c].dep in ("amod", "acl", "conj")]
    ancestors = []
    below = i
    for ancestor in list(parsed.ancestors(i))[:3]:
        if (
            parsed.tokens[below].dep == "conj"
            and parsed.tokens[below].pos == "NOUN"
            and (parsed.tokens[ancestor].pos == "VERB")
        ):
            break  # 'a receptionist died and two men ... underwent surgery': a noun joined to a verb
        ancestors.append(ancestor)
        below = ancestor
        if parsed.tokens[ancestor].pos == "VERB":
            break  # the first verb owns the count: 'two men ... underwent surgery' did not die
    predicates = [
        c
        for a in ancestors[:2]
        for c in parsed.children[a]
        if parsed.tokens[c].dep in ("oprd", "acomp", "xcomp") and c != i
    ]
    # 'shot to death one person': the manner phrase of the verb
    manner = [
        g
        for a in ancestors[-1:]
        for c in parsed.children[a]
        if parsed.tokens[c].dep == "prep" and parsed.tokens[c].lemma.lower() == "to"
        for g in parsed.children[c]
    ]
    for j in [i, *own, *qualifiers, *predicates, *manner, *ancestors]:
        lemma = parsed.tokens[j].lemma.lower()
        if lemma in DEAD_WORDS:
            return "dead"
        if lemma in HURT_WORDS:
            serious = any(parsed.tokens[c].lemma.lower() in _SERIOUSLY for c in parsed.children[j])
            return "hurt/serious" if serious else "hurt"  # the seriously injured are some of them
    return ""


_SERIOUSLY = frozenset({"seriously", "critically", "severely", "badly", "gravely"})


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
    if not any(
        t.lemma.lower() in INJURY_WORDS
        or t.text.lower() in INJURY_WORDS
        or t.lemma.lower() in _INJURY_NOUNS
        or t.lemma.lower() in _INJURED_PARTS
        or t.lemma.lower() in _TREATED
        or (t.lemma.lower() in BODY_PARTS and _hurt_itself(parsed, t.i))
        for t in tokens
    ):
        return []
    return [
        Value("body part", "injury", 0, 0, parsed.text[begin : t.end], begin, t.end)
        for t in tokens
        if (begin := _side_start(parsed, t.i))
        if t.lemma.lower() in BODY_PARTS
        and not _PART_OF.match(parsed.text[t.end : t.end + 25])  # 'the back of the head' is the head
        and t.pos == "NOUN"
        and (
            _in_prepositional_phrase(parsed, t.i)
            or _modifies_an_injury(parsed, t.i)
            or _whole_of_a_part(parsed, t.i)
            or _hurt_itself(parsed, t.i)
        )
    ]


def _hurt_itself(parsed: ParsedArticle, i: int) -> bool:
    """'Bush tweaked his right knee', 'he broke his left leg': the part is what the verb hurt."""
    token = parsed.tokens[i]
    return token.dep == "dobj" and parsed.tokens[token.head].lemma.lower() in _INJURING


# Verbs of hurting a part of one's own body.
_INJURING = frozenset({"tweak", "hurt", "injure", "sprain", "strain", "twist", "tear", "break", "fracture",
                       "bruise", "dislocate", "hyperextend", "jam", "pull", "wrench", "damage"})  # fmt: skip


def _listed_injuries(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """The body part an injury report puts in brackets after a player's name: 'without receiver
    Marvin Harrison (ankle)'. Read only right after a person, and only where the statement lists one
    player: body parts are compared statement by statement, and two injury lists ('Hargrove (knee),
    Graham (ankle)') would be compared as one wound."""
    people_ends = {m.end for m in parsed.entities_in(start, end) if m.label == "PERSON"}
    listed = [
        m for m in _LISTED_PART.finditer(parsed.text, start, end) if {m.start() - 1, m.start()} & people_ends
    ]
    if len(listed) != 1:
        return []
    part_start, part_end = listed[0].span(1)
    return [Value("body part", "injury", 0, 0, parsed.text[part_start:part_end], part_start, part_end)]


_LISTED_PART = re.compile(
    r"(?<=[\w.]) ?\(((?:(?:left|right) )?(?:" + "|".join(sorted(BODY_PARTS)) + r"))(?: injury)?\)", re.I
)


def _side_start(parsed: ParsedArticle, i: int) -> int:
    """Where a body part's name starts, with its side ('left knee', 'right ankle'): the left knee
    and the right knee are two answers, 'knee' fits either."""
    before = parsed.tokens[i - 1] if i > 0 else None
    if before is not None and before.text.lower() in ("left", "right"):
        return before.start
    return parsed.tokens[i].start


# Words of treating an injury: 'surgery to repair the meniscus on his left knee' tells where it is.
_TREATED = frozenset({"surgery", "operation", "ligament", "meniscus", "tendon", "cartilage"})


def _whole_of_a_part(parsed: ParsedArticle, i: int) -> bool:
    """'neck' of 'shot in the back of the neck': the whole a wounded part belongs to."""
    token = parsed.tokens[i]
    of = parsed.tokens[token.head]
    part = parsed.tokens[of.head]
    return (
        token.dep == "pobj"
        and of.lemma.lower() == "of"
        and part.lemma.lower() in BODY_PARTS
        and _in_prepositional_phrase(parsed, part.i)
    )


_PART_OF = re.compile(r"\s+of\s+(?:the|his|her|their)\s+(?:" + "|".join(sorted(BODY_PARTS)) + r")\b", re.I)


def _modifies_an_injury(parsed: ParsedArticle, i: int) -> bool:
    """'an ankle injury', 'a knee fracture', 'head wounds', 'a sprained left ankle': the part names
    the injury, or the injury qualifies the part."""
    token = parsed.tokens[i]
    head = parsed.tokens[token.head]
    if token.dep in ("compound", "amod", "nmod") and head.lemma.lower() in _INJURY_NOUNS:
        return True
    return any(
        parsed.tokens[c].dep == "amod" and parsed.tokens[c].lemma.lower() in _INJURED_PARTS
        for c in parsed.children[i]
    )


_INJURED_PARTS = frozenset(
    {"sprain", "sprained", "break", "broken", "fracture", "fractured", "injure", "injured", "twist",
     "twisted", "tear", "torn", "bruise", "bruised", "wound"}
)  # fmt: skip


_INJURY_NOUNS = frozenset({"injury", "wound", "fracture", "sprain", "strain", "trauma", "gunshot", "break"})


def _weapons(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """The kind of weapon used: 'a shotgun', 'an assault rifle', 'a knife'. A generic word (gun,
    weapon, firearm) fits any of them and is not read."""
    found = []
    for i in parsed.tokens_between(start, end):
        token = parsed.tokens[i]
        kind = WEAPONS.get(token.lemma.lower())
        if kind is not None and token.pos == "NOUN":
            found.append(Value("weapon", "weapon", kind, kind, token.text, token.start, token.end))
    return found


def _titles(parsed: ParsedArticle, start: int, end: int) -> list[Value]:
    """The title of each named person ('Attorney General Wally Oppal'), held by that person: the
    entity stage makes it the question 'the title of Wally Oppal' (titles.py)."""
    found = []
    for mention in parsed.entities_in(start, end):
        if mention.label != "PERSON":
            continue
        title = title_of(parsed, mention.start, mention.end, (start, end))
        if title is not None:
            text = parsed.text[title.start : title.end]
            found.append(Value("title", "title", 0.0, 0.0, text, title.start, title.end, mention.start))
    return found


# Weapon kinds; words of one kind name one weapon ('handgun' and 'pistol' agree).
WEAPONS = {"shotgun": 1.0, "rifle": 2.0, "pistol": 3.0, "handgun": 3.0, "revolver": 3.0, "knife": 4.0,
           "machete": 5.0, "axe": 6.0, "hammer": 7.0, "crossbow": 8.0, "grenade": 9.0}  # fmt: skip


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
