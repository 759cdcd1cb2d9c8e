"""Reading the Commerce Control List's "X applies to ... / country chart" lines.

Each line of an ECCN's License Requirements table becomes a :class:`Control`: the reason
for control, the part of the entry it covers (:class:`ControlScope`) and the destinations that
need a license (:class:`Destination`). What cannot be read with confidence stays
``UNRESOLVED``, keeping its text, and the rule set says how to treat it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ScopeKind(StrEnum):
    ENTIRE = "entire"  # the whole entry
    EXCEPT = "except"  # the whole entry except some paragraphs
    PARTIAL = "partial"  # only some paragraphs or items


class ScopeState(StrEnum):
    APPLIES = "applies"
    DEPENDS = "depends"
    EXCLUDED = "excluded"


@dataclass(frozen=True, slots=True)
class ControlScope:
    kind: ScopeKind
    #: Paragraphs of the entry named by the line (``("a",)``, ``("z.1.a", "z.2.a")``).
    paragraphs: tuple[str, ...] = ()
    #: False when the line names the part in words the engine cannot match to a paragraph.
    resolvable: bool = True

    def state(self, paragraph: str) -> ScopeState:
        """Whether the line covers an item of ``paragraph`` (``""`` = not given)."""
        if self.kind is ScopeKind.ENTIRE:
            return ScopeState.APPLIES
        if not paragraph or not self.resolvable:
            return ScopeState.DEPENDS
        named = any(_within(paragraph, p) for p in self.paragraphs)
        if self.kind is ScopeKind.EXCEPT:
            if named:
                return ScopeState.EXCLUDED
            broader = any(_within(p, paragraph) for p in self.paragraphs)
            return ScopeState.DEPENDS if broader else ScopeState.APPLIES
        if named:
            return ScopeState.APPLIES
        broader = any(_within(p, paragraph) for p in self.paragraphs)
        return ScopeState.DEPENDS if broader else ScopeState.EXCLUDED


def _within(paragraph: str, ancestor: str) -> bool:
    """``a.1`` is within ``a``; ``a`` is within ``a``."""
    return paragraph == ancestor or paragraph.startswith(ancestor + ".")


class DestinationKind(StrEnum):
    COLUMN = "column"  # a Commerce Country Chart column, e.g. NS1
    WORLDWIDE = "worldwide"  # any destination (optionally except some)
    GROUPS = "groups"  # country groups (Supp. 1 to Part 740) and named countries
    COUNTRIES = "countries"  # named countries only
    UNRESOLVED = "unresolved"  # text the engine does not read; the rule set decides


@dataclass(frozen=True, slots=True)
class Destination:
    kind: DestinationKind
    column: str = ""
    countries: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    excluded_groups: frozenset[str] = frozenset()
    excluded_countries: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Control:
    reason: str
    text: str
    chart_text: str
    scope: ControlScope
    destination: Destination
    citations: tuple[str, ...]

    @property
    def label(self) -> str:
        """Short: ``NS1``, ``RS (worldwide)``, ``RS (Country Groups D:1, D:4, D:5)``."""
        d = self.destination
        if d.kind is DestinationKind.COLUMN:
            return d.column
        if d.kind is DestinationKind.WORLDWIDE:
            return f"{self.reason} (worldwide)".strip()
        if d.kind is DestinationKind.GROUPS:
            names = ", ".join(sorted(d.groups))
            return f"{self.reason} (Country Group{'s' if len(d.groups) > 1 else ''} {names})"
        if d.kind is DestinationKind.COUNTRIES:
            return f"{self.reason} ({', '.join(sorted(d.countries))})"
        return f"{self.reason} (see {', '.join(self.citations) or 'the entry'})".strip()


_COLUMN = re.compile(r"\b(CB|NP|NS|MT|RS|FC|CC|AT) Column ([123])\b")
_BARE_COLUMN = re.compile(r"^Column ([123])\b")
_REASON = re.compile(r"^([A-Z]{2,3})\b")
_SECTION = re.compile(r"§§?\s*(\d{3}\.\d+(?:\([a-zA-Z0-9]+\))*)")
_GROUP = re.compile(r"\b([A-E]:[1-6])\b")
_WORLDWIDE = re.compile(r"worldwide|\ball destinations\b", re.IGNORECASE)
_ENTIRE = re.compile(r"^(?:applies\s+)?(?:to\s+)?(?:the\s+)?entire entry\b[.,]?\s*(.*)$", re.I)
_PARAGRAPH_WORDS = re.compile(r"\bparagraphs?\b|\bof this entry\b")
#: "a.1 through a.8" (9E003's SI line): numbered paragraphs in a range.
_THROUGH = re.compile(r"([a-z](?:\.[a-z0-9]+)*)\.(\d+) through ([a-z](?:\.[a-z0-9]+)*)\.(\d+)")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")


def parse_control(
    eccn: str, control_text: str, chart_text: str, country_names: dict[str, str]
) -> Control:
    """One License Requirements line of ``eccn``; ``country_names`` maps names to codes."""
    reason_match = _REASON.match(control_text)
    reason = reason_match.group(1) if reason_match else ""
    citations = tuple(f"15 CFR {m}" for m in _SECTION.findall(chart_text))
    return Control(
        reason=reason,
        text=control_text.strip(),
        chart_text=chart_text.strip(),
        scope=_scope(eccn, control_text),
        destination=_destination(reason, chart_text, country_names),
        citations=citations,
    )


def _scope(eccn: str, text: str) -> ControlScope:
    rest = re.sub(r"^[A-Z]{2,3}\s+|^.*?sanctions?\s+", "", text.strip(), count=1)
    rest = re.sub(r"^appl(?:y|ies)\b[,]?\s*", "", rest)
    entire = _ENTIRE.match(rest)
    if entire or not rest.lower().startswith("to "):
        tail = entire.group(1) if entire else ""
        if not tail.lower().startswith("except") and "except" not in tail.lower()[:12]:
            return ControlScope(ScopeKind.ENTIRE)
        exceptions = tail.split("except", 1)[1]
        paragraphs = _paragraphs(eccn, exceptions)
        return ControlScope(ScopeKind.EXCEPT, paragraphs or (), paragraphs is not None)
    paragraphs = _paragraphs(eccn, rest[3:])
    return ControlScope(ScopeKind.PARTIAL, paragraphs or (), paragraphs is not None)


def _paragraphs(eccn: str, text: str) -> tuple[str, ...] | None:
    """The paragraphs of ``eccn`` a phrase names, or None if it says more than paragraphs."""
    text = _PARAGRAPH_WORDS.sub(" ", text).strip().rstrip(".").strip()
    out: list[str] = []
    for token in (t.strip() for t in _SPLIT.split(text)):
        if not token:
            continue
        if token.startswith(eccn + "."):
            token = token[len(eccn) + 1:]
        elif token.startswith("."):
            token = token[1:]
        span = _THROUGH.fullmatch(token)
        if span and span.group(1) == span.group(3) and int(span.group(2)) < int(span.group(4)):
            out.extend(f"{span.group(1)}.{n}" for n in range(int(span.group(2)),
                                                            int(span.group(4)) + 1))
            continue
        if not re.fullmatch(r"[a-z](?:\.[a-z0-9]+)*", token):
            return None
        out.append(token)
    return tuple(out) or None


def _destination(reason: str, text: str, country_names: dict[str, str]) -> Destination:
    column = _COLUMN.search(text)
    if column:
        return Destination(DestinationKind.COLUMN, column=f"{column.group(1)}{column.group(2)}")
    bare = _BARE_COLUMN.match(text.strip())
    if bare and reason:
        return Destination(DestinationKind.COLUMN, column=f"{reason}{bare.group(1)}")
    if _WORLDWIDE.search(text) and "Country Group" not in text:
        excepted = _named_countries(text.split("except", 1)[1], country_names) if (
            "except" in text) else frozenset()
        return Destination(DestinationKind.WORLDWIDE, excluded_countries=excepted)
    if "Country Group" in text:
        include, exclude = _split_exclusion(text)
        return Destination(
            DestinationKind.GROUPS,
            countries=_named_countries(include, country_names),
            groups=frozenset(_GROUP.findall(include)),
            excluded_groups=frozenset(_GROUP.findall(exclude)),
        )
    if "except" not in text:
        named = _named_countries(text, country_names)
        if named:
            return Destination(DestinationKind.COUNTRIES, countries=named)
    return Destination(DestinationKind.UNRESOLVED)


def _split_exclusion(text: str) -> tuple[str, str]:
    parts = re.split(r"\bexclud\w*", text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _named_countries(text: str, country_names: dict[str, str]) -> frozenset[str]:
    found = set()
    for name, code in country_names.items():
        if re.search(rf"\b{re.escape(name)}\b", text):
            found.add(code)
    return frozenset(found)
