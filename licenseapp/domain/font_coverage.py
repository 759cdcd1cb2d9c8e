"""Which characters the shipped fonts can print, without opening a font.

The table resources/fonts/coverage.json lists the shipped font families in fallback order,
each with the code points its regular face has glyphs for. It is derived from the font files
(:func:`licenseapp.pdf.fonts.coverage_table`; a test keeps the two in step), so the checker
can tell which characters of a field no font can print, and the PDF renderer can choose a
family for each character and open only the fonts a document needs.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from licenseapp import paths

COVERAGE_FILE = ("fonts", "coverage.json")

#: Explicit directional formatting characters (embeddings, overrides, isolates, marks): the
#: layout orders right-to-left text itself and drops them before drawing.
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Characters never drawn: the bidi controls and the soft hyphen (dropped before layout).
NOT_DRAWN = BIDI_CONTROLS | {"\u00ad"}
#: Line ends and tabs: the layout turns them into breaks and spaces.
LAYOUT = frozenset("\n\r\t")
#: Controls, surrogates, private use and unassigned code points: never printed by a font.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})


@dataclass(frozen=True)
class FamilyCoverage:
    family: str
    starts: tuple[int, ...]  # sorted range starts
    ends: tuple[int, ...]  # the inclusive end of each range

    def has(self, code: int) -> bool:
        i = bisect_right(self.starts, code) - 1
        return i >= 0 and code <= self.ends[i]


def parse_ranges(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """``"20-7e a0 a2-ff"`` (hexadecimal) -> (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for part in text.split():
        lo, _, hi = part.partition("-")
        starts.append(int(lo, 16))
        ends.append(int(hi or lo, 16))
    return tuple(starts), tuple(ends)


def format_ranges(codes: set[int] | frozenset[int]) -> str:
    """The inverse of :func:`parse_ranges`: sorted code points as compact hexadecimal ranges."""
    parts: list[str] = []
    ordered = sorted(codes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        lo, hi = ordered[i], ordered[j]
        parts.append(f"{lo:x}" if lo == hi else f"{lo:x}-{hi:x}")
        i = j + 1
    return " ".join(parts)


@cache
def coverage() -> tuple[FamilyCoverage, ...]:
    """The shipped families in fallback order with their coverage."""
    path = paths.resource_path(*COVERAGE_FILE)
    rows = json.loads(path.read_text(encoding="utf-8"))["families"]
    return tuple(FamilyCoverage(row["family"], *parse_ranges(row["ranges"])) for row in rows)


@cache
def _by_family() -> dict[str, FamilyCoverage]:
    return {c.family: c for c in coverage()}


@cache
def family_for(ch: str) -> str | None:
    """The first shipped family with a glyph for ``ch``, or None when no font can print it."""
    if unicodedata.category(ch) in _NO_GLYPH_CATEGORIES:
        return None
    code = ord(ch)
    for family in coverage():
        if family.has(code):
            return family.family
    return None


def covers(family: str, ch: str) -> bool:
    return _by_family()[family].has(ord(ch))


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` (each once, in order) that no shipped font can print;
    line ends, tabs and the invisible characters the layout drops do not count."""
    found: dict[str, None] = {}
    for ch in text:
        if ch in LAYOUT or ch in NOT_DRAWN or ch in found:
            continue
        if family_for(ch) is None:
            found[ch] = None
    return list(found)


def describe(ch: str) -> str:
    """A character as a user can look it up: ``U+1F600 GRINNING FACE``."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}".rstrip()
