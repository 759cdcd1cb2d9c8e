"""Right-to-left text in a left-to-right layout engine: a compact Unicode Bidi Algorithm.

ReportLab (without the optional ``rlbidi``) lays words out left to right; HarfBuzz shapes each
word and puts an Arabic word's glyphs in visual order, but nobody reorders the *words* of a
right-to-left run. This module resolves embedding levels for one line (rules W1-W7, N1-N2,
I1-I2 of UAX #9, without explicit embeddings, which are dropped before rendering) and orders
the line's tokens visually (rule L2). Pure Python: no ReportLab here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from licenseapp.domain import font_coverage

_STRONG_RTL = frozenset({"R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN", ""})
#: Explicit directional formatting characters (embeddings, overrides, isolates, marks).
BIDI_CONTROLS = font_coverage.BIDI_CONTROLS

_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
           "«": "»", "»": "«", "‹": "›", "›": "‹"}


@cache
def bidi_class(ch: str) -> str:
    return unicodedata.bidirectional(ch)


def has_rtl(text: str) -> bool:
    return any(bidi_class(ch) in _STRONG_RTL for ch in text)


def is_rtl_char(ch: str) -> bool:
    return bidi_class(ch) in _STRONG_RTL


def base_level(text: str) -> int:
    """0 (left to right) or 1 (right to left), from the first strong character (P2, P3)."""
    for ch in text:
        kind = bidi_class(ch)
        if kind == "L":
            return 0
        if kind in _STRONG_RTL:
            return 1
    return 0


def _weak_types(text: str, base: int) -> list[str]:
    sos = "R" if base else "L"
    types = [bidi_class(ch) or "ON" for ch in text]
    prev = sos
    for i, t in enumerate(types):  # W1: marks take the type of what they follow
        if t == "NSM":
            types[i] = prev
        else:
            prev = t
    last_strong = sos
    for i, t in enumerate(types):  # W2, W3
        if t in ("L", "R", "AL"):
            last_strong = t
        if t == "EN" and last_strong == "AL":
            types[i] = "AN"
        if t == "AL":
            types[i] = "R"
    for i in range(1, len(types) - 1):  # W4
        before, here, after = types[i - 1], types[i], types[i + 1]
        if (here == "ES" and before == after == "EN") or (here == "CS" and before == after and \
                before in ("EN", "AN")):
            types[i] = before
    for i, t in enumerate(types):  # W5: terminators next to European numbers
        if t == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (j < len(types) and types[j] == "EN") or (i > 0 and types[i - 1] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]  # W6
    last_strong = sos
    for i, t in enumerate(types):  # W7
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"
    return types


def resolve_levels(text: str, base: int) -> list[int]:
    """The embedding level of each character of one line (no explicit embeddings)."""
    types = _weak_types(text, base)
    sos = eos = "R" if base else "L"
    n = len(types)
    i = 0
    while i < n:  # N1, N2: runs of neutrals take their surroundings' or the base direction
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and types[j] in _NEUTRAL:
            j += 1
        before = sos if i == 0 else types[i - 1]
        after = eos if j == n else types[j]
        before = "R" if before in ("EN", "AN") else before
        after = "R" if after in ("EN", "AN") else after
        resolved = before if before == after else ("R" if base else "L")
        for k in range(i, j):
            types[k] = resolved
        i = j
    levels = []
    for t in types:  # I1, I2
        if base == 0:
            levels.append(1 if t == "R" else 2 if t in ("AN", "EN") else 0)
        else:
            levels.append(2 if t in ("L", "EN", "AN") else 1)
    return levels


@dataclass(frozen=True)
class Token:
    """A piece of a line: one word part in one font at one level, or a run of spaces."""

    text: str
    level: int
    key: str  # what must not be split inside (e.g. the font family)
    space: bool = False


def tokenize(text: str, levels: list[int], keys: list[str]) -> list[Token]:
    """Maximal runs of equal level and key, spaces apart, in logical order."""
    tokens: list[Token] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and levels[i] == levels[start] and keys[i] == keys[start] and \
                text[i].isspace() == text[start].isspace():
            continue
        chunk = text[start:i]
        tokens.append(Token(chunk, levels[start], keys[start], chunk.isspace()))
        start = i
    return tokens


def visual_order(tokens: list[Token]) -> list[Token]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run at or
    above it. Tokens keep their inner text; see :func:`visual_text` for odd-level neutrals."""
    if not tokens:
        return []
    order = list(tokens)
    highest = max(t.level for t in order)
    lowest_odd = min((t.level for t in order if t.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if order[i].level >= level:
                j = i
                while j < len(order) and order[j].level >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def visual_text(token: Token) -> str:
    """A token's characters as drawn left to right. HarfBuzz reverses (and mirrors) a run
    that holds right-to-left letters; a right-to-left run of neutrals only (brackets,
    dashes) is reversed and mirrored here."""
    if token.level % 2 == 0 or token.space or has_rtl(token.text):
        return token.text
    return "".join(_MIRROR.get(ch, ch) for ch in reversed(token.text))
