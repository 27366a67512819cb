"""Spelling- and romanisation-tolerant keys for names: Alekseyev = Alekseev = Alexeeev, Kyiv = Kiev.

Outlets romanise the same Cyrillic, Ukrainian or Arabic name differently (Sergey / Sergei,
Zelensky / Zelenskyy, Mohammed / Muhammad). Two levels of key remove those differences with general
rules, not a list of names:

- `normalise_name`: ASCII (anyascii), lower case, punctuation to spaces, the Arabic article dropped, then
  romanisation rules per word until nothing changes (so it is idempotent): ks -> x, kh -> h, ph -> f,
  w -> v, ou -> u, ck -> k, initial ye -> e, ie/ye -> e, y/j between vowels dropped, final
  -iy/-yy/-ii/-yi/-y -> -i, doubled letters single.
- `phonetic_key`: the normalised word with every run of vowels (y included) replaced by one mark after
  the first letter: vowels are where romanisations disagree most (Kyiv / Kiev, Muhammad / Mohammed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_ARABIC_ARTICLES = frozenset({"al", "el", "ul"})
# (pattern, replacement) applied in order, repeatedly, to each word.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ks", "x"),
        (r"kh", "h"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"ou", "u"),
        (r"ck", "k"),
        (r"^ye", "e"),
        (r"(?<=.)[iy]e", "e"),
        (r"(?<=[aeiou])[yj](?=[aeiou])", ""),
        (r"(?:iy|yy|ii|yi|y)$", "i"),
        (r"(.)\1+", r"\1"),
    )
)
_VOWEL_RUNS = re.compile(r"[aeiouy]+")


def _ascii_words(name: str) -> list[str]:
    """Lower-case ASCII words of a name, apostrophes removed ("O’Brien" -> "obrien")."""
    text = anyascii(_APOSTROPHES.sub("", name).casefold()).lower()
    text = _APOSTROPHES.sub("", text)
    return [word for word in _NOT_ALNUM.split(text) if word]


def _romanise_word(word: str) -> str:
    """Apply the romanisation rules until the word stops changing."""
    for _ in range(8):
        before = word
        for pattern, replacement in _RULES:
            word = pattern.sub(replacement, word)
        if word == before:
            break
    return word


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A name's spelling-neutral form: "Alexeeev" and "Alekseyev" both give "alexev".

    Case is folded before transliteration, so "µ" and its upper case "Μ" agree."""
    words = _ascii_words(name)
    if len(words) > 1:
        words = [w for w in words if w not in _ARABIC_ARTICLES] or words
    return " ".join(_romanise_word(word) for word in words)


def _word_key(word: str) -> str:
    if len(word) < 2:
        return word
    return word[0] + _VOWEL_RUNS.sub("a", word[1:])


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    """A coarser key that also ignores vowel differences after the first letter: Kyiv ~ Kiev."""
    return " ".join(_word_key(word) for word in normalise_name(name).split())


def same_name_word(a: str, b: str) -> bool:
    """True when two name words are spellings of one name (both already `normalise_name`d)."""
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False
    if a + "a" == b or b + "a" == a:
        return False  # Slavic feminine surname: Lavrov and Lavrova are two people
    if _word_key(a) == _word_key(b):
        return True
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85


def is_initial_of(initial: str, word: str) -> bool:
    """True for "v" and "vladimir": an abbreviated first name."""
    return len(initial) == 1 and word.startswith(initial)
