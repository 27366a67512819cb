"""The title or office of a named person, as a value two reports can disagree on.

"Attorney General Wally Oppal" and "Solicitor General Wally Oppal" cannot both be right; nor can
"general manager Tony Reagins" and "assistant general manager Tony Reagins". "Angels general
manager Tony Reagins" and "general manager Reagins" agree: one title holds the other's words.

A title is read next to the name, from the words of the title lexicon (`data/titles.txt`, less
honorifics such as 'Dr.', plus offices such as 'manager') and their rank words: before the name
('Apple senior vice president of marketing Phil Schiller') or in apposition ('Philip Schiller,
Apple's executive vice president', 'Wally Oppal, the attorney general,'). Organisation and place
names inside the phrase are not part of the title. A title that says it changed ('former',
'then-', 'president-elect') is a past or future office and is not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from corroborator.gazetteer import titles
from corroborator.parsed import ParsedArticle

# Honorifics and callings name no office: 'Dr. Smith' and 'Mr. Smith' do not disagree.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "doctor", "professor", "sir", "dame", "lord", "lady",
                         "rabbi", "imam", "founder", "agent", "private", "officer"})  # fmt: skip
# Offices the name lexicon (`titles.txt`) does not list, because they never stand inside a name.
_MORE_OFFICES = frozenset({"manager", "solicitor", "prosecutor", "treasurer", "councillor", "commissioner",
                           "director", "chief", "coach", "referee", "umpire"})  # fmt: skip
# Modifiers that change the rank of an office: an assistant general manager is not the manager.
RANK_WORDS = frozenset(
    {"assistant", "deputy", "vice", "associate", "senior", "executive", "junior", "co", "lieutenant"}
)
# Other words that belong to a title ('district attorney', 'police chief', 'managing director').
_MORE_MODIFIERS = frozenset({"district", "state", "county", "police", "fire", "public", "principal",
                             "supreme", "special", "regional", "national", "managing", "operating",
                             "financial", "technology", "technical", "information", "marketing",
                             "commercial", "legal", "communications", "strategy", "digital", "creative",
                             "medical", "content", "product", "sales", "security", "investment"})  # fmt: skip
# Ranks of the forces and the police: a rank and a post are two titles one person holds at once
# ('Lieutenant General Alekseyev, deputy chief of military intelligence').
_RANKS = frozenset({"general", "lieutenant", "colonel", "major", "captain", "sergeant", "corporal", "private",
                    "admiral", "commander", "marshal", "brigadier", "commodore", "rear", "vice", "field",
                    "staff", "detective", "inspector", "constable", "superintendent"})  # fmt: skip
# Ranks that stand for themselves, even beside a post ('spokesman Constable'), unlike 'general' of
# 'attorney general'.
_GRADES = frozenset({"constable", "sergeant", "corporal", "inspector", "superintendent", "colonel", "captain",
                     "admiral", "brigadier", "commodore"})  # fmt: skip
# Words that put the title in another time: the office is no longer, or not yet, held.
CHANGED = frozenset({"former", "ex", "then", "late", "retired", "outgoing", "incoming", "elect", "designate",
                     "future", "new", "newly"})  # fmt: skip
# Words that add nothing to the office ('head coach' is the coach, 'acting chief' still the chief).
_IGNORED = frozenset({"head", "acting", "interim", "first"})
# Spellings of one office beyond the lexicon's abbreviations.
_SPELLINGS = {"representative": "congressman", "congresswoman": "congressman", "lawyer": "attorney",
              "chairwoman": "chairman", "chairperson": "chairman", "chair": "chairman",
              "spokeswoman": "spokesman", "spokesperson": "spokesman", "det": "detective",
              "insp": "inspector", "supt": "superintendent", "const": "constable", "atty": "attorney",
              "gm": "general manager", "asst": "assistant", "justice": "judge", "vp": "vice president",
              "svp": "senior vice president", "evp": "executive vice president", "coo": "chief operating",
              "cfo": "chief financial", "cto": "chief technology"}  # fmt: skip


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(offices, words that may stand in a title): the name lexicon's titles without honorifics,
    with the offices and rank words it lacks."""
    lexicon = titles()
    offices = (lexicon.words - lexicon.modifiers - _HONORIFICS) | _MORE_OFFICES
    words = offices | lexicon.modifiers | RANK_WORDS | _MORE_MODIFIERS | _IGNORED | {"officer"}
    return frozenset(offices), frozenset(words - {"former"})


@dataclass(frozen=True, slots=True)
class Title:
    """Where a person's title is written in the article; `title_words` normalises its text."""

    start: int
    end: int


def normalise(word: str) -> str:
    """A title word in one spelling: 'Sen.' is 'senator', 'spokeswoman' is 'spokesman'."""
    lowered = word.lower().strip(".")
    return _SPELLINGS.get(lowered, titles().expand(lowered))


def title_words(text: str) -> tuple[str, ...]:
    """The normalised words of a title: 'Chief Executive Officer' is ('ceo',)."""
    words: list[str] = []
    for raw in text.replace("-", " ").split():
        words.extend(normalise(raw).split())
    allowed = _lexicon()[1]
    joined = " ".join(w for w in words if w in allowed)
    joined = joined.replace("chief executive officer", "ceo").replace("chief executive", "ceo")
    return tuple(w for w in joined.split() if w != "officer")


def titles_agree(a: str, b: str) -> bool:
    """Whether two titles can both be true of one person: a rank and a post; two ranks when one
    holds the other's words ('General', 'Lieutenant General'); two posts with the same rank words
    and one's other words within the other's ('general manager' and 'manager'; not 'attorney
    general' and 'solicitor general', nor 'assistant general manager' and 'general manager')."""
    words_a, words_b = set(title_words(a)) - _IGNORED, set(title_words(b)) - _IGNORED
    rank_a, rank_b = _is_rank(words_a), _is_rank(words_b)
    if rank_a != rank_b:
        grades_a, grades_b = words_a & _GRADES, words_b & _GRADES
        # 'spokesman Constable Tim Fanning' and 'Sergeant Tim Fanning': a post and a rank each, but
        # the ranks themselves disagree
        return not (grades_a and grades_b) or grades_a <= grades_b or grades_b <= grades_a
    if not rank_a and words_a & RANK_WORDS != words_b & RANK_WORDS:
        return False
    if rank_a:  # 'Police Inspector' and 'Area Commander Inspector'
        words_a, words_b = words_a - _MORE_MODIFIERS, words_b - _MORE_MODIFIERS
    return words_a <= words_b or words_b <= words_a


def _is_rank(words: set[str]) -> bool:
    """'Lieutenant General', 'Police Inspector': a rank of the forces or the police."""
    core = words - _MORE_MODIFIERS
    return bool(core) and core <= _RANKS


def title_of(
    parsed: ParsedArticle, mention_start: int, mention_end: int, limit: tuple[int, int]
) -> Title | None:
    """The title written next to a person's name, inside `limit` (the statement), or None."""
    first, last = parsed.token_at(mention_start), parsed.token_at(mention_end - 1)
    while first < last and _is_title_word(parsed, first):
        first += 1  # the model put 'General' into the name of 'General Wally Oppal'
    found = _before(parsed, first, limit) or _after(parsed, last, limit)
    if found is None:
        return None
    begin, finish = found
    words = [normalise(parsed.tokens[i].text) for i in range(begin, finish + 1)]
    if any(w in CHANGED for w in words) or _changed_before(parsed, begin, limit):
        return None
    text = parsed.text[parsed.tokens[begin].start : parsed.tokens[finish].end]
    if not any(w in _lexicon()[0] for w in title_words(text)):
        return None
    return Title(parsed.tokens[begin].start, parsed.tokens[finish].end)


def _is_title_word(parsed: ParsedArticle, i: int) -> bool:
    word = normalise(parsed.tokens[i].text)
    return (bool(word) and all(w in _lexicon()[1] for w in word.split())) or word in CHANGED or word == "-"


def _joins(parsed: ParsedArticle, i: int) -> bool:
    """'president and chief executive', 'senior vice president/assistant general manager': one
    person's offices, read as one title."""
    return parsed.tokens[i].text in ("and", "&", "/")


def _inside(parsed: ParsedArticle, i: int, limit: tuple[int, int]) -> bool:
    return 0 <= i < len(parsed.tokens) and limit[0] <= parsed.tokens[i].start < limit[1]


def _before(parsed: ParsedArticle, first: int, limit: tuple[int, int]) -> tuple[int, int] | None:
    """'Attorney General Wally Oppal', 'president of marketing Phil Schiller', 'Apple's executive
    vice president of Worldwide Product Marketing, Philip Schiller': title tokens ending just
    before the name (through an 'of ...' phrase or a comma)."""
    j = first - 1
    if _inside(parsed, j, limit) and parsed.tokens[j].text == ",":
        j -= 1
    j = _skip_of_phrase(parsed, j, limit)
    end = j
    j = _title_run(parsed, j, -1, limit)
    if end == j:
        return None
    return j + 1, end


def _title_run(parsed: ParsedArticle, j: int, step: int, limit: tuple[int, int]) -> int:
    """The first token past the title words from `j` on, moving by `step` (-1 back, 1 ahead); a
    joining 'and' between two title words belongs to the run."""
    while _inside(parsed, j, limit) and (
        _is_title_word(parsed, j)
        or (_joins(parsed, j) and _inside(parsed, j + step, limit) and _is_title_word(parsed, j + step))
    ):
        j += step
    return j


def _skip_of_phrase(parsed: ParsedArticle, j: int, limit: tuple[int, int]) -> int:
    """The token before an 'of ...' phrase of at most four words that ends at `j` and follows a
    title word ('vice president of marketing', 'of Worldwide Product Marketing'), else `j`."""
    for k in range(j, j - 5, -1):
        if not _inside(parsed, k, limit) or parsed.tokens[k].text in (",", ".", ";"):
            return j
        if parsed.tokens[k].text.lower() == "of":
            return k - 1 if k != j and _inside(parsed, k - 1, limit) and _is_title_word(parsed, k - 1) else j
        if parsed.tokens[k].pos not in ("NOUN", "PROPN", "ADJ", "DET"):
            return j  # 'chief of staff and later Ronald Reagan': the phrase ended before the name
    return j


def _after(parsed: ParsedArticle, last: int, limit: tuple[int, int]) -> tuple[int, int] | None:
    """'Wally Oppal, the attorney general,', 'Schiller, Apple's senior vice president': a title in
    apposition after the name, past its determiner or owner."""
    j = last + 1
    if not (_inside(parsed, j, limit) and parsed.tokens[j].text == ","):
        return None
    j += 1
    for _ in range(4):  # 'the', 'Apple', "'s", 'British Columbia'
        if not _inside(parsed, j, limit) or _is_title_word(parsed, j):
            break
        token = parsed.tokens[j]
        if token.pos not in ("DET", "PROPN", "PART"):
            return None
        j += 1
    begin = j
    j = _title_run(parsed, j, 1, limit)
    if j == begin or (_inside(parsed, j, limit) and parsed.tokens[j].pos in ("NOUN", "PROPN")):
        return None  # 'Oppal, the attorney general's office': the title of something else
    return begin, j - 1


def _changed_before(parsed: ParsedArticle, begin: int, limit: tuple[int, int]) -> bool:
    """'former British Columbia attorney general': a changing word just before the title phrase."""
    for k in range(begin - 1, begin - 4, -1):
        if not _inside(parsed, k, limit):
            return False
        word = normalise(parsed.tokens[k].text)
        if word in CHANGED:
            return True
        if parsed.tokens[k].pos not in ("PROPN", "PART", "PUNCT"):
            return False
    return False
