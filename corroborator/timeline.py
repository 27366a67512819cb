"""Dates: the parser's date expressions resolved to calendar dates against the publication date.

"on Friday" in an article of Friday 6 February 2026 is 2026-02-06; "December 22" in a February
article is the previous December; "in 2018" is a year; "the following year" is the year after the
last one the article named. Without a publication date only expressions that carry their own year
are resolved: nothing is dated from today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d{{4}})", re.I)
_MONTH_ALONE = re.compile(rf"(?:(?:in|early|late|mid|since|last)[\s-]+)?{_MONTH}", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(\d{{4}})\b", re.I)
_YEAR = re.compile(r"(?<![\d-])(1[89]\d\d|20\d\d)(?![\d-]|s\b)")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_RELATIVE_YEAR = re.compile(
    r"\b(the following year|the next year|that year|the same year|last year|this year)\b", re.I
)
_DURATION = re.compile(r"\b(years?|months?|weeks?|days?|decades?|hours?)\b(?! ago)", re.I)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date at some precision: '2026-02-06' (day), '2023-06' (month), '2018' (year)."""

    iso: str
    precision: str

    @property
    def year(self) -> int:
        return int(self.iso[:4])


def month_number(name: str) -> int:
    """The number of a month named in full or in short ("December", "Dec."): 12."""
    return _MONTHS[name.lower()[:3]]


def _day(year: int, month: int, day: int) -> ResolvedDate | None:
    try:
        return ResolvedDate(date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def resolve_date(
    text: str, reference: date | None, last_year: int | None = None, ahead: bool = False
) -> ResolvedDate | None:
    """Resolve one date expression; None when it cannot be placed on the calendar honestly.

    A weekday or a day of a month without its year is the latest such day (on or before the
    reference, a few days ahead allowed); with `ahead` (the sentence looks forward: 'will play
    Saturday', 'planned for December 22') a day before the reference is the next one instead.
    """
    resolved = (
        _absolute(text)
        or _relative_year(text, reference, last_year)
        or (_relative_to(text, reference) if reference else None)
        or _bare_year(text)
    )
    if ahead and reference and resolved is not None and resolved.precision == "day":
        day = date.fromisoformat(resolved.iso)
        if day < reference:
            return ResolvedDate(_forward(day, text).isoformat(), "day")
    return resolved


_DEICTIC = re.compile(r"\b(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening))\b", re.I)


def _forward(day: date, text: str) -> date:
    """The next such day after one resolved backwards: a weekday a week on, a month-day a year on."""
    if re.search(r"\d{4}", text) or _DEICTIC.search(text):
        return day  # a full date needs no guess; 'yesterday' is yesterday, even of a plan
    if _WEEKDAY.search(text) and not re.search(_MONTH, text, re.I):
        return day + timedelta(days=7)
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)


def _absolute(text: str) -> ResolvedDate | None:
    if match := _DAY_MONTH_YEAR.search(text):
        return _day(int(match.group(3)), month_number(match.group(2)), int(match.group(1)))
    if match := _MONTH_DAY_YEAR.search(text):
        return _day(int(match.group(3)), month_number(match.group(1)), int(match.group(2)))
    if match := _MONTH_YEAR.search(text):
        return ResolvedDate(f"{int(match.group(2)):04d}-{month_number(match.group(1)):02d}", "month")
    return None


def _bare_year(text: str) -> ResolvedDate | None:
    """'2018', 'in 2018', 'the summer of 2023'; not a duration such as '20 years'."""
    match = _YEAR.search(text)
    if match is None or (_DURATION.search(text) and not re.search(r"\b(in|of|since|by)\s+\d{4}", text)):
        return None
    return ResolvedDate(match.group(1), "year")


def _relative_year(text: str, reference: date | None, last_year: int | None) -> ResolvedDate | None:
    match = _RELATIVE_YEAR.search(text)
    if match is None:
        return None
    phrase = match.group(1).lower()
    if phrase in ("the following year", "the next year") and last_year:
        return ResolvedDate(str(last_year + 1), "year")
    if phrase in ("that year", "the same year") and last_year:
        return ResolvedDate(str(last_year), "year")
    if phrase == "last year" and reference:
        return ResolvedDate(str(reference.year - 1), "year")
    if phrase == "this year" and reference:
        return ResolvedDate(str(reference.year), "year")
    return None


def _relative_to(text: str, reference: date) -> ResolvedDate | None:
    """Expressions that need the publication date: weekdays, 'December 22', 'yesterday'."""
    lowered = text.lower()
    if re.search(r"\btoday\b|\bthis (morning|afternoon|evening)\b|\btonight\b", lowered):
        return ResolvedDate(reference.isoformat(), "day")
    if "yesterday" in lowered:
        return ResolvedDate((reference - timedelta(days=1)).isoformat(), "day")
    if match := (_MONTH_DAY.search(text) or _DAY_MONTH.search(text)):
        return _latest_month_day(reference, *_month_and_day(match))
    if match := _MONTH_ALONE.fullmatch(text.strip()):
        return _latest_month(reference, month_number(match.group(1)))
    if (match := _WEEKDAY.search(text)) and not re.search(r"\bnext\b", lowered):
        back = (reference.weekday() - _WEEKDAYS[match.group(1).lower()]) % 7
        return ResolvedDate((reference - timedelta(days=back)).isoformat(), "day")
    return None


def month_day(text: str) -> tuple[int, int] | None:
    """The month and day of 'Nov. 12' or '19 November' when the expression gives no year: all an
    undated article can say of such a day."""
    match = _MONTH_DAY.search(text) or _DAY_MONTH.search(text)
    if match is None or re.search(r"\d{4}", text):
        return None
    month, day = _month_and_day(match)
    return (month, day) if _day(2000, month, day) else None


def _month_and_day(match: re.Match[str]) -> tuple[int, int]:
    """(month, day) of a `_MONTH_DAY` ('Nov. 12') or `_DAY_MONTH` ('12 November') match."""
    first, second = match.group(1), match.group(2)
    return (month_number(first), int(second)) if not first.isdigit() else (month_number(second), int(first))


def _latest_month_day(reference: date, month: int, day: int) -> ResolvedDate | None:
    """The most recent such day on or before the reference (a few days ahead allowed)."""
    candidate = _day(reference.year, month, day)
    if candidate and date.fromisoformat(candidate.iso) > reference + timedelta(days=7):
        candidate = _day(reference.year - 1, month, day)
    return candidate


def _latest_month(reference: date, month: int) -> ResolvedDate:
    """'in February' in a November article is this February; in January it is last year's."""
    year = reference.year if month <= reference.month else reference.year - 1
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def reference_date(published: str | None) -> date | None:
    """The calendar day of a publication timestamp, in its own time zone."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
