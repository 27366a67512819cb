"""Text cleaning: remove page furniture, keep the article's own words exactly.

What is removed is what a reader skips: edition banners ("UK edition"), photo captions and the
alt-text line that precedes them, share/subscribe prompts, and runs of blank lines. Everything
else is kept character for character: later stages cite sentences from this text.
"""

from __future__ import annotations

import re

_EDITION = re.compile(
    r"^[\s.·•|»›-]*(?:(?:UK|US|U\.S\.|Australia(?:n)?|International|Europe(?:an)?|Asia|India|Canada|"
    r"Africa|Global|Middle East|Americas|Latin America)\s+edition)[\s.·•|]*$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"(?:^|[.!?]\s+)(?:Photograph|Photo|Photos|Picture|Image|Credit|Photo credit|Illustration)s?\s*:\s*"
    r"[^.!?]{1,100}[.]?\s*$",
    re.IGNORECASE,
)
_CREDIT_IN_PARENS = re.compile(r"^\(?(?:Photo|Image|Picture)\s+(?:by|credit|courtesy)\b.{0,100}\)?$", re.I)
_CREDIT_STARTS = ("(", "photo", "image", "picture")
_FURNITURE = re.compile(
    r"^(?:Share(?: this(?: article| story)?| on \w+)?|Subscribe(?: now| to [\w ]{1,40})?|"
    r"Sign up(?: [\w ]{1,40})?|"
    r"Follow us(?: on [\w, ]{1,40})?|Click here(?: [\w ]{1,40})?|Read more\b[\w :]{0,60}|Advertisement|"
    r"Skip to (?:main )?content|Most (?:read|viewed|popular)|Related(?: articles| stories)?|"
    r"Copy link|Print|Email|Comments?|Listen to (?:this )?article(?: [\w ]{0,30})?|"
    r"Reuse this content|Topics|Explore more on these topics)[\s.:!]*$",
    re.IGNORECASE,
)
_TRAILING = " \t\u00a0"
_BLANK_RUNS = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_caption(line: str) -> bool:
    """True for a photo caption or credit line such as '... Photograph: Agency/Reuters'."""
    stripped = line.strip()
    if len(stripped) > 300 or not (":" in stripped or stripped[:8].lower().startswith(_CREDIT_STARTS)):
        return False  # cheap test first: this runs on every line of every article
    return bool(_CAPTION.search(stripped) or _CREDIT_IN_PARENS.match(stripped))


def is_furniture(line: str) -> bool:
    """True for page furniture: edition banners and share/subscribe/read-more prompts."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return False  # furniture is short; article paragraphs are not tested against every pattern
    return bool(_EDITION.match(stripped) or _FURNITURE.match(stripped))


def _drop_captions(lines: list[str]) -> list[str]:
    """Drop caption lines, and the alt-text line right before one that it repeats."""
    keep = [True] * len(lines)
    for index, line in enumerate(lines):
        if not is_caption(line):
            continue
        keep[index] = False
        previous = _previous_nonblank(lines, index)
        if previous is not None and _is_alt_text(lines[previous], line):
            keep[previous] = False
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for back in range(index - 1, -1, -1):
        if lines[back].strip():
            return back
    return None


def _is_alt_text(candidate: str, caption: str) -> bool:
    """An image's alt text: a short unpunctuated line that the caption begins with."""
    alt = candidate.strip()
    return 0 < len(alt) <= 150 and alt[-1] not in '.!?"”' and caption.strip().startswith(alt)


def clean_text(text: str) -> str:
    """Return the article text without page furniture, whitespace tidied, words untouched."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip(_TRAILING) for line in text.split("\n")]
    lines = [line for line in lines if not is_furniture(line)]
    cleaned = "\n".join(_drop_captions(lines))
    return _BLANK_RUNS.sub("\n\n", cleaned).strip()
