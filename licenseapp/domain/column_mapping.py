"""Which column of a file is which of ours: lenient header matching, as a value the user can
see and edit. Generic: an importer declares its columns as :class:`ColumnSpec` values.

The public API:

- :class:`ColumnSpec` ``(name, label, aliases=(), required=False)``: one column we import.
  ``name`` is ours (``given_name``), ``label`` the user's words ("Given name"), ``aliases``
  other headers people write for it ("First name", "Forename"). Headers are compared after
  :func:`header_key` (case, accents, spaces, underscores and punctuation ignored; "#", "No",
  "Nr" read as "number"), so "GIVEN_NAME", "Given name" and "given-name" are one header.
- :class:`ColumnMapping`: file header → our column name, or None for a header ignored. A
  plain value: :meth:`ColumnMapping.as_dict` / :meth:`ColumnMapping.from_dict` store it
  (the GUI remembers one per source), ``ignored`` lists the headers not used.
- :func:`resolve_mapping` ``(headers, specs, given=None) -> ColumnMapping``: the mapping for
  a file's headers. A header ``given`` names is mapped as given (None: ignored on purpose);
  any other header is guessed. Refused (:class:`~licenseapp.errors.LicenseAppError`) when a
  required column is missing, or ``given`` names a column we do not have or maps two headers
  to one column; two guessed headers for one column: the first is used, the other ignored.
- :func:`mapped_values` ``(cells, mapping.indexes()) -> {column: cell}``: one row's cells
  by our column names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from licenseapp.errors import LicenseAppError

_SPLIT = re.compile(r"[^0-9a-z]+")
_NUMBER_WORDS = {"no", "nr", "num", "nbr", "number"}


def header_key(text: str) -> str:
    """A header reduced to what identifies it: "Employee No." → "employeenumber"."""
    folded = unicodedata.normalize("NFKD", text.replace("#", " number ").casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in _SPLIT.split(plain) if w]
    return "".join("number" if w in _NUMBER_WORDS else w for w in words)


@dataclass(frozen=True)
class ColumnSpec:
    """One column an importer reads."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def header_keys(self) -> set[str]:
        return {header_key(h) for h in (self.name, self.label, *self.aliases)}


@dataclass(frozen=True)
class ColumnMapping:
    """File header → our column name (None: the header is ignored), in the file's order."""

    pairs: tuple[tuple[str, str | None], ...] = field(default_factory=tuple)

    def column_for(self, header: str) -> str | None:
        return self.as_dict().get(header)

    def header_for(self, column: str) -> str | None:
        return next((h for h, c in self.pairs if c == column), None)

    @property
    def columns(self) -> tuple[str, ...]:
        """Our columns the file provides, in the file's order."""
        return tuple(c for _, c in self.pairs if c is not None)

    @property
    def ignored(self) -> tuple[str, ...]:
        """The file's (non-empty) headers that are not imported."""
        return tuple(h for h, c in self.pairs if c is None and h)

    def as_dict(self) -> dict[str, str | None]:
        """Header → column (the first of two equal headers counts), empty headers left out."""
        found: dict[str, str | None] = {}
        for header, column in self.pairs:
            if header:
                found.setdefault(header, column)
        return found

    @classmethod
    def from_dict(cls, mapping: Mapping[str, str | None]) -> ColumnMapping:
        return cls(tuple(mapping.items()))

    def describe(self) -> list[str]:
        """One line per header: "Given Name → given_name", "Department: ignored"."""
        return [f"{h} → {c}" if c is not None else f"{h}: ignored"
                for h, c in self.pairs if h]

    def indexes(self) -> list[tuple[str, int]]:
        """(our column, position in the row) for each mapped header; valid for the mapping
        :func:`resolve_mapping` made for the file, whose pairs follow the file's headers."""
        return [(c, i) for i, (_, c) in enumerate(self.pairs) if c is not None]


def _guess_table(specs: Sequence[ColumnSpec]) -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in specs:
        for key in spec.header_keys():
            table.setdefault(key, spec.name)
    return table


def resolve_mapping(headers: Sequence[str], specs: Sequence[ColumnSpec],
                    given: ColumnMapping | Mapping[str, str | None] | None = None,
                    *, file_name: str = "the file") -> ColumnMapping:
    """The mapping for these headers: ``given`` where it says, guessed elsewhere."""
    known = {s.name: s for s in specs}
    explicit = (given.as_dict() if isinstance(given, ColumnMapping) else dict(given or {}))
    for header, column in explicit.items():
        if column is not None and column not in known:
            raise LicenseAppError(
                f"the column {header!r} is mapped to {column!r}, which is not a column here; "
                f"choose one of {', '.join(known)} or none")
    guesses = _guess_table(specs)
    pairs: list[tuple[str, str | None]] = []
    used: dict[str, str] = {}
    for header in headers:
        if not header:
            pairs.append((header, None))
            continue
        if header in explicit:
            column = explicit[header]
            if column is not None and used.get(column) == header:
                column = None  # the same header twice: the first one counts
            elif column is not None and column in used:
                raise LicenseAppError(
                    f"both {used[column]!r} and {header!r} are mapped to "
                    f"{known[column].label.lower()}; map one of them to nothing")
        else:
            column = guesses.get(header_key(header))
            if column is not None and column in used:
                column = None  # a second header for the same column: the first one counts
        if column is not None:
            used[column] = header
        pairs.append((header, column))
    mapping = ColumnMapping(tuple(pairs))
    missing = [s for s in specs if s.required and s.name not in used]
    if missing:
        found = ", ".join(repr(h) for h in headers if h) or "none"
        names = ", ".join(s.name for s in missing)
        wanted = "; ".join(
            f"{s.label} (e.g. {', '.join(repr(a) for a in (s.label, *s.aliases[:2]))})"
            for s in missing)
        raise LicenseAppError(
            f"{file_name}: the column(s) {names} are missing: no header reads as {wanted}. "
            f"The headers found are {found}; the first row must name the columns")
    return mapping


def mapped_values(cells: Sequence[Any], indexes: Iterable[tuple[str, int]]) -> dict[str, Any]:
    """One row's cells by our column names (a missing cell is None)."""
    width = len(cells)
    return {column: (cells[i] if i < width else None) for column, i in indexes}


__all__ = ["ColumnMapping", "ColumnSpec", "header_key", "mapped_values",
           "resolve_mapping"]
