"""Reading a date or a month exactly as a person typed it.

ISO (``1990-04-12``, ``2019-07``, and the basic ``19900412``, ``201907``) is always
read. The locale's short form (``12/04/1990``, ``4/12/1990``, ``12.04.1990``) is read in
the order the locale writes dates; when the
locale does not settle the order and both numbers could be the month, the text is
refused with the two readings, never guessed. A two-digit year is refused (which
century?). Nothing here knows about widgets: the order is given as "DMY", "MDY" or
"YMD", or None when unknown (see :func:`date_order`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_PARTS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"^\s*\d+(\s*[-/.]\s*|\s+)\d+((\s*[-/.]\s*|\s+)\d+)?\s*\.?\s*$")


@dataclass(frozen=True)
class TypedDate:
    """What a typed text means: a date (or the first of a month), nothing, or a problem.

    ``problem`` is a sentence saying what is wrong and how to type it; it does not name
    the field (the widget does).
    """

    value: date | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def date_order(short_format: str) -> str | None:
    """"DMY", "MDY" or "YMD" from a locale's short date format ("dd/MM/yyyy" -> "DMY")."""
    positions = {key: short_format.find(letter) for key, letter in
                 (("D", "d"), ("M", "M"), ("Y", "y"))}
    if min(positions.values()) < 0:
        return None
    return "".join(sorted(positions, key=positions.__getitem__))


def _day(year: int, month: int, day: int, text: str) -> TypedDate:
    try:
        return TypedDate(date(year, month, day))
    except ValueError:
        if not 1 <= month <= 12:
            return TypedDate(problem=f"“{text}” has no month {month}; months are 1 to 12")
        return TypedDate(problem=f"“{text}”: {MONTHS[month - 1]} {year} has no day {day}")


def _full_year(year_text: str, text: str) -> int | str:
    if len(year_text) != 4:
        return f"“{text}”: type the year in full (four digits), e.g. 1990-04-12"
    return int(year_text)


def read_date(text: str, order: str | None, example: str = "") -> TypedDate:
    """The date ``text`` means, read as ISO or in the locale's ``order``; "" is no date."""
    stripped = text.strip()
    if not stripped:
        return TypedDate()
    hint = f"type it as YYYY-MM-DD{f' or {example}' if example else ''}"
    if stripped.isdigit() and len(stripped) == 8:  # ISO 8601 basic: 19900412
        return _day(int(stripped[:4]), int(stripped[4:6]), int(stripped[6:]), stripped)
    parts = _PARTS.findall(stripped)
    if len(parts) != 3 or not _SEPARATORS.match(stripped):
        return TypedDate(problem=f"“{stripped}” is not a date; {hint}")
    if len(parts[0]) == 4:  # year first: ISO, or the locale's yyyy/MM/dd
        return _day(int(parts[0]), int(parts[1]), int(parts[2]), stripped)
    year = _full_year(parts[2], stripped)
    if isinstance(year, str):
        return TypedDate(problem=year)
    first, second = int(parts[0]), int(parts[1])
    if order in ("DMY", "MDY"):
        day, month = (first, second) if order == "DMY" else (second, first)
        return _day(year, month, day, stripped)
    if first > 12 >= second:
        return _day(year, second, first, stripped)
    if second > 12 >= first:
        return _day(year, first, second, stripped)
    if first == second:
        return _day(year, first, first, stripped)
    return TypedDate(problem=(
        f"“{stripped}” could be {first} {MONTHS[second - 1] if second <= 12 else second} or "
        f"{second} {MONTHS[first - 1] if first <= 12 else first} {year}; type it as "
        f"YYYY-MM-DD, e.g. {year:04d}-{second:02d}-{first:02d}"))


def read_month(text: str) -> TypedDate:
    """The month ``text`` means ("2019-07", "2019/7", "07/2019", "7.2019"), as its first
    day; "" is no month."""
    stripped = text.strip()
    if not stripped:
        return TypedDate()
    if stripped.isdigit() and len(stripped) == 6:  # ISO 8601 basic: 201907
        stripped = f"{stripped[:4]}-{stripped[4:]}"
    parts = _PARTS.findall(stripped)
    if len(parts) != 2 or not _SEPARATORS.match(stripped):
        return TypedDate(problem=f"“{stripped}” is not a month; type it as YYYY-MM, "
                                 "e.g. 2019-07")
    year_text, month_text = (parts[0], parts[1]) if len(parts[0]) == 4 else (parts[1],
                                                                              parts[0])
    year = _full_year(year_text, stripped)
    if isinstance(year, str):
        return TypedDate(problem=f"“{stripped}”: type the year in full, e.g. 2019-07")
    month = int(month_text)
    if not 1 <= month <= 12:
        return TypedDate(problem=f"“{stripped}” has no month {month}; months are 1 to 12")
    return TypedDate(date(year, month, 1))
