"""The guide's text and its sections, read from the one source, ``resources/help/guide.md``.

Plain Python (no Qt): the guide window, the context help and the generated docs
(``docs/GUIDE.md``) all read it here. A section's anchor is made from its heading the way
GitHub makes one, so ``[text](#anchor)`` links work in the app and on GitHub alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from licenseapp.paths import resource

GUIDE_PARTS = ("help", "guide.md")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Section:
    """A heading of the guide: its level (1 the title), its text and its anchor."""

    level: int
    title: str
    anchor: str


def anchor_for(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens
    ("Licenses & deadlines" → ``licenses--deadlines``)."""
    text = re.sub(r"[*_`]", "", title).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


@cache
def guide_text() -> str:
    """The guide as written (Markdown)."""
    return resource(*GUIDE_PARTS).read_text(encoding="utf-8")


def headings(text: str) -> list[Section]:
    """The headings of ``text`` in order, each with its (unique) anchor."""
    found: list[Section] = []
    seen: dict[str, int] = {}
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match is None:
            continue
        title = match.group(2)
        anchor = anchor_for(title)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        found.append(Section(len(match.group(1)), title, f"{anchor}-{count}" if count else anchor))
    return found


def sections() -> list[Section]:
    """The guide's sections, the title first."""
    return headings(guide_text())


def anchors() -> set[str]:
    return {section.anchor for section in sections()}
