"""What an import did (or, in a dry run, would do) with each row of a file. Generic: the
people import uses it, and so do the importers of items and grants.

The public API:

- :class:`Outcome`: every data row ends in exactly one — ``added``, ``updated`` (with the
  changes), ``unchanged``, ``rejected`` (with the problems) or ``needs_confirmation`` (it
  matched an existing record only loosely, e.g. a person by name and date of birth; never
  applied unless the user confirms).
- :class:`CellProblem` ``(column, value, reason, fix)``, :class:`Change` ``(field, old, new)``
  and :class:`RowOutcome` ``(row, outcome, record, changes, problems, candidate, note,
  line)``: one row's outcome. ``row`` is the number the user's spreadsheet shows.
- :class:`RowCheck`: reads one mapped row's cells with the parsers of
  :mod:`licenseapp.domain.lenient_values`, collecting a :class:`CellProblem` per bad cell
  (``text``, ``parsed``, ``limits`` for :mod:`licenseapp.domain.text_limits`).
- :class:`ImportReport`: the outcome of every row plus ``counts`` per outcome (of a long
  file, ``rows`` may list only the first rows that go in: ``tally`` then counts them all and
  ``left_out`` says how many are not listed), the ``mapping`` used, ``unknown_headers``, the
  values naming records that do not exist (``unknown``: column → names, e.g. ``employer``
  → organizations), the records created (``created``), ``dry_run``, ``all_or_nothing``
  and ``applied`` (whether the good rows were written). ``error_table()`` gives the errors
  file: columns ``row, column, value, problem, fix``, one line per problem of each rejected
  or unconfirmed row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from licenseapp.domain.column_mapping import ColumnMapping
from licenseapp.domain.lenient_values import ValueRejected, cell_text, shown
from licenseapp.domain.text_limits import check_columns

T = TypeVar("T")

ERROR_COLUMNS = ("row", "column", "value", "problem", "fix")


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    NEEDS_CONFIRMATION = "needs_confirmation"

    @property
    def label(self) -> str:
        return "to confirm" if self is Outcome.NEEDS_CONFIRMATION else self.value

    @property
    def applies(self) -> bool:
        """The row is (or would be) written: added, updated or unchanged."""
        return self in (Outcome.ADDED, Outcome.UPDATED, Outcome.UNCHANGED)


@dataclass(frozen=True)
class CellProblem:
    """Why a row cannot be imported as it is: the column, the value, the reason, the fix."""

    column: str
    value: str
    reason: str
    fix: str

    def __str__(self) -> str:
        shown_value = f" ({shown(self.value)!r})" if self.value else ""
        return f"{self.column}{shown_value}: {self.reason}; {self.fix}"


@dataclass(frozen=True)
class Change:
    """One field a row changes: as it was and as it will be, as text."""

    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.field}: {self.old or '(empty)'} → {self.new or '(empty)'}"


@dataclass(frozen=True)
class RowOutcome:
    row: int  # as the spreadsheet shows it (the header is row 1)
    outcome: Outcome
    record: str = ""  # the record added, updated or unchanged: "P-0042 Anna Müller"
    changes: tuple[Change, ...] = ()
    problems: tuple[CellProblem, ...] = ()  # rejected and needs_confirmation rows
    candidate: str = ""  # needs_confirmation: the record it may be
    note: str = ""  # anything else worth saying ("the same person as row 12")
    line: int | None = None  # CSV: the text line the row starts on


@dataclass(frozen=True)
class ImportReport:
    """Every row's outcome and what the import saw; written (``applied``) or not."""

    what: str  # "people", "items"...
    source: str  # the file's name
    read_as: str  # how the file was read: "CSV, semicolon-separated, Windows-1252"
    rows: tuple[RowOutcome, ...]
    mapping: ColumnMapping
    match_on: str = ""
    unknown_headers: tuple[str, ...] = ()
    unknown: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    created: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    dry_run: bool = False
    all_or_nothing: bool = False
    applied: bool = False
    #: Every row's outcome counted, when ``rows`` lists only some of the rows that go in
    #: (a long file: every row that does not go in is listed all the same).
    tally: Mapping[Outcome, int] | None = None

    @property
    def counts(self) -> dict[Outcome, int]:
        """How many rows ended in each outcome (every outcome listed, zeros too)."""
        found = self.tally if self.tally is not None else Counter(r.outcome for r in self.rows)
        return {o: found.get(o, 0) for o in Outcome}

    @property
    def total(self) -> int:
        """The data rows of the file."""
        return sum(self.counts.values())

    @property
    def left_out(self) -> int:
        """Rows that go in but are not listed in ``rows`` (counted only)."""
        return self.total - len(self.rows)

    @property
    def ok(self) -> bool:
        """Every row is added, updated or unchanged."""
        return all(r.outcome.applies for r in self.rows)

    @property
    def not_imported(self) -> tuple[RowOutcome, ...]:
        """The rejected and unconfirmed rows."""
        return tuple(r for r in self.rows if not r.outcome.applies)

    @property
    def unknown_employers(self) -> tuple[str, ...]:
        return self.unknown.get("employer", ())

    def error_table(self) -> tuple[list[str], list[list[Any]]]:
        """The errors file's header and lines (a value shown with invisible characters
        written out and long text shortened)."""
        lines: list[list[Any]] = []
        for r in self.not_imported:
            for p in r.problems:
                lines.append([r.row, p.column, shown(p.value, 200), p.reason, p.fix])
        return list(ERROR_COLUMNS), lines


class RowCheck:
    """One row's cells by our column names, read with problems collected.

    ``cells`` and ``width`` (the header's number of columns) let it notice a row with more
    filled cells than the header has columns: a value holding the delimiter without quotes
    ("Acme, Inc." in a comma-separated file) shifts the cells after it, so the row is
    refused rather than imported with its values in the wrong columns.
    """

    def __init__(self, values: Mapping[str, Any], cells: Sequence[Any] = (),
                 width: int | None = None) -> None:
        self.values = values
        self.problems: list[CellProblem] = []
        if width is not None and len(cells) > width:
            extra = [cell_text(c) for c in cells[width:]]
            if any(extra):
                self.problems.append(CellProblem(
                    "(row)", ", ".join(e for e in extra if e),
                    f"the row has {len(cells)} cells but the header names {width} columns, "
                    "so its values are shifted",
                    "put quotes around a value that holds the separator, or remove the "
                    "extra cells"))

    def raw(self, column: str) -> str:
        return cell_text(self.values.get(column))

    def reject(self, column: str, value: Any, reason: str, fix: str) -> None:
        self.problems.append(CellProblem(column, cell_text(value), reason, fix))

    def text(self, column: str, *, required: str = "") -> str:
        """The cell as trimmed text; ``required`` is the fix when it is empty."""
        value = self.raw(column)
        if not value and required:
            self.reject(column, "", "is empty", required)
        return value

    def parsed(self, column: str, parse: Callable[[Any], T]) -> T | None:
        """The cell read by ``parse`` (None when empty or refused, or refused already)."""
        cell = self.values.get(column)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return None
        if self.problems and any(p.column == column for p in self.problems):
            return None
        try:
            return parse(cell)
        except ValueRejected as exc:
            self.reject(column, cell, exc.reason, exc.fix)
            return None

    def limits(self, table: str, values: Mapping[str, object],
               named: Mapping[str, str] | None = None) -> bool:
        """Check text against the store's limits for ``table`` (length, NUL, control and
        bidi characters): ``values`` is store column → text; ``named`` gives our column's
        name where it differs (``{"legal_name": "employer"}``)."""
        problems = check_columns(table, values)
        for p in problems:
            reason, _, fix = p.message.partition("; ")
            self.reject((named or {}).get(p.field, p.field), values.get(p.field), reason,
                        fix or "correct it")
        return not problems

    def ok(self) -> bool:
        return not self.problems


__all__ = ["ERROR_COLUMNS", "CellProblem", "Change", "ImportReport", "Outcome", "RowCheck",
           "RowOutcome"]
