"""The authorization matrix kept as columns: a few bytes per cell, not an object per cell.

At 100,000 access records a :class:`MatrixCell` per record (with its reason's object, its
row's tuple and their texts) kept ~100 MB. Here a cell is its index ``k`` in parallel
``array`` columns: the grant's id, the person's row and the item's column, its state as a
byte, and for everything else an index into a table of the distinct values the cells share
(:class:`Shared`): access words and details, answers (rule set, country, what is missing),
reasons (one per distinct answer, not per cell), applications and licenses, suspensions and
modes. The grid (rows x items) gives each pair's cell, or -1. People are a row each: their
id in an ``array`` and their reference, name and native name in a
:class:`~licenseapp.domain.search.texts.TextList`.

A :class:`MatrixCell` is made from the columns when a cell is shown, exported or looked up
(:meth:`AuthorizationMatrix.cell_view`); its reason is written when read.

The matrix only grows: :meth:`AuthorizationMatrix.replace_people` (a few people's rows
worked out again) appends their new cells and points the grid at them, so an index a
reader holds (an export on a worker thread) keeps meaning the same cell.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Hashable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import compress
from typing import TYPE_CHECKING, Generic, TypeVar

from licenseapp.domain.search.texts import TextList
from licenseapp.services.directive.matrix_cell import NEEDS_ACTION, STATES, AuthState, MatrixCell

if TYPE_CHECKING:  # the window reads the columns without the services' SQLAlchemy
    from licenseapp.services.catalog.access_data import PairReason

T = TypeVar("T")

_CODE = {state: n for n, state in enumerate(STATES)}
#: (application ref, application status, license number, license valid until)
Case = tuple[str, str, str, date | None]
#: (suspended at, by, why)
Suspension = tuple[datetime | None, str, str]
#: The deciding answer: (rule set, country, what is missing)
Answer = tuple[str | None, str | None, tuple[str, ...]]
NO_CASE: Case = ("", "", "", None)
NO_SUSPENSION: Suspension = (None, "", "")


class Shared(Generic[T]):
    """The distinct values many cells share, each once; a cell keeps its value's index.
    While the matrix is made, equal values (or values with equal keys) get one index;
    :meth:`seal` lets go of that lookup, after which a value is appended as it comes."""

    __slots__ = ("_index", "values")

    def __init__(self, first: T) -> None:
        self.values: list[T] = [first]
        self._index: dict[Hashable, int] | None = {first: 0}  # type: ignore[dict-item]

    def add(self, value: T, key: Hashable = None) -> int:
        index = self._index
        if index is None:
            self.values.append(value)
            return len(self.values) - 1
        found = index.get(value if key is None else key)  # type: ignore[arg-type]
        if found is None:
            found = index[value if key is None else key] = len(self.values)  # type: ignore[index]
            self.values.append(value)
        return found

    def seal(self) -> None:
        self._index = None

    def __getitem__(self, n: int) -> T:
        return self.values[n]


class AuthorizationMatrix:
    """Every person (a row) by every item in use (a column), with a cell per pair that has
    an access record. ``people`` and ``items`` are (id, ref, name), people sorted by name;
    ``cells`` (for a caller that reads them all: the command line, an export, a test) makes
    a :class:`MatrixCell` of each, in the order they were added.

    Made empty with its rows and columns and filled with :meth:`add`; given ``cells`` it is
    filled with those (``native_names`` and ``classifications`` complete what the cells
    give: people and items without access yet)."""

    def __init__(self, on: date, cells: Iterable[MatrixCell] = (),
                 people: Iterable[tuple[int, str, str]] = (),
                 items: Iterable[tuple[int, str, str]] = (), *,
                 classifications: dict[int, str] | None = None,
                 native_names: dict[int, str] | None = None) -> None:
        self.on = on
        self.items: tuple[tuple[int, str, str], ...] = tuple(items)
        self.classifications: dict[int, str] = dict(classifications or {})
        cells = tuple(cells)
        natives = dict(native_names or {})
        for c in cells:
            natives.setdefault(c.person_id, c.native_name)
            self.classifications.setdefault(c.item_id, c.eccn)
        ids = array("q")
        self._texts_of_people = TextList(self._people_texts(people, ids, natives))
        self.person_ids = ids
        #: Rows whose person's texts changed after the matrix was made: (ref, name, native).
        self._renamed: dict[int, tuple[str, str, str]] = {}
        self.width = len(self.items)
        self.grid = array("i", [-1]) * (len(ids) * self.width)
        self.grant, self.row, self.column = array("q"), array("i"), array("H")
        self.state = bytearray()
        self.access, self.detail, self.answer = array("I"), array("I"), array("I")
        self.reason, self.case, self.suspension = array("I"), array("I"), array("I")
        self.modes = array("I")
        self.texts: Shared[str] = Shared("")
        self.answers: Shared[Answer] = Shared((None, None, ()))
        self.reasons: Shared[PairReason | str] = Shared("")
        self.cases: Shared[Case] = Shared(NO_CASE)
        self.suspensions: Shared[Suspension] = Shared(NO_SUSPENSION)
        self.mode_lists: Shared[tuple[str, ...]] = Shared(())
        self._dead: list[int] = []  # cells no longer in the grid (replaced)
        if cells:
            self._add_cells(cells)

    @staticmethod
    def _people_texts(people: Iterable[tuple[int, str, str]], ids: array[int],
                      natives: dict[int, str]) -> Iterator[str]:
        for pid, ref, name in people:
            ids.append(pid)
            yield ref
            yield name
            yield natives.get(pid, "")

    def _add_cells(self, cells: Sequence[MatrixCell]) -> None:
        rows = {pid: n for n, pid in enumerate(self.person_ids)}
        columns = {iid: n for n, (iid, _r, _n) in enumerate(self.items)}
        for c in cells:
            self.add(rows[c.person_id], columns[c.item_id], c.grant_id, c.access, c.state,
                     c.detail, c.why, (c.ruleset, c.country, c.missing),
                     (c.application_ref, c.application_status, c.license_number,
                      c.license_expires),
                     (c.suspended_at, c.suspended_by, c.suspended_reason), c.modes)
        self.seal()

    # --- filling -------------------------------------------------------------------------

    def add(self, row: int, column: int, grant_id: int, access: str, state: AuthState,
            detail: str, why: PairReason | str, answer: Answer, case: Case = NO_CASE,
            suspension: Suspension = NO_SUSPENSION, modes: tuple[str, ...] = (), *,
            reason_key: Hashable = None) -> int:
        """Add the cell of (``row``, ``column``); ``reason_key``: reasons with equal keys
        are one (the answer's facts), else reasons are shared when equal."""
        k = len(self.grant)
        self.grant.append(grant_id)
        self.row.append(row)
        self.column.append(column)
        self.state.append(_CODE[state])
        self.access.append(self.texts.add(access))
        self.detail.append(self.texts.add(detail))
        self.answer.append(self.answers.add(answer))
        self.reason.append(self.reasons.add(why, reason_key))
        self.case.append(self.cases.add(case) if case != NO_CASE else 0)
        self.suspension.append(self.suspensions.add(suspension)
                               if suspension != NO_SUSPENSION else 0)
        self.modes.append(self.mode_lists.add(modes) if modes else 0)
        at = row * self.width + column
        if self.grid[at] >= 0:
            self._dead.append(self.grid[at])
        self.grid[at] = k
        return k

    def seal(self) -> None:
        """Made: the lookups that found equal values let go (later cells append)."""
        for table in (self.texts, self.answers, self.reasons, self.cases, self.suspensions,
                      self.mode_lists):
            table.seal()

    # --- people --------------------------------------------------------------------------

    def person_texts(self, row: int) -> tuple[str, str, str]:
        """(ref, name, native name) of row ``row``."""
        found = self._renamed.get(row)
        if found is not None:
            return found
        texts = self._texts_of_people
        return texts[3 * row], texts[3 * row + 1], texts[3 * row + 2]

    @property
    def renamed(self) -> bool:
        """Whether a person's texts changed after the matrix was made (rows may no longer
        be in order of name)."""
        return bool(self._renamed)

    @property
    def people(self) -> list[tuple[int, str, str]]:
        return [(pid, *self.person_texts(n)[:2]) for n, pid in enumerate(self.person_ids)]

    def row_of(self, person_id: int) -> int:
        """The row of ``person_id``, or -1."""
        try:
            return self.person_ids.index(person_id)
        except ValueError:
            return -1

    # --- cells ---------------------------------------------------------------------------

    def cell_index(self, row: int, column: int) -> int:
        """The cell of a row and column, or -1 (no access record)."""
        return self.grid[row * self.width + column]

    def column_cells(self, column: int) -> array[int]:
        """Each row's cell in ``column`` (or -1), in the order of the rows."""
        return self.grid[column::self.width] if self.width else array("i")

    def state_of(self, k: int) -> AuthState:
        return STATES[self.state[k]]

    def unauthorized(self, k: int) -> bool:
        """Access is on although no license covers it (:attr:`MatrixCell.unauthorized_access`)."""
        return STATES[self.state[k]] in NEEDS_ACTION and self.texts[self.access[k]] == "active"

    def passing(self, states: Collection[str] | None, problems: bool) -> bytearray:
        """A byte per cell, 1 where the cell is in the grid, in one of ``states``
        (``AuthState`` values; None: any) and, with ``problems``, its access is on without
        the license it needs (:meth:`unauthorized`). Python runs per cell in a state that
        needs action (with ``problems``) and per cell replaced, not per cell."""
        table = bytes((states is None or state.value in states)
                      and (not problems or state in NEEDS_ACTION) for state in STATES)
        found = bytearray(self.state.translate(table.ljust(256, b"\0")))
        for k in self._dead:
            found[k] = 0
        if problems:
            texts, access = self.texts.values, self.access
            for k in compress(range(len(found)), bytes(found)):
                if texts[access[k]] != "active":
                    found[k] = 0
        return found

    def live(self) -> Iterator[int]:
        """Every cell in the grid, in the order added."""
        grid, width, row, column = self.grid, self.width, self.row, self.column
        return (k for k in range(len(self.grant)) if grid[row[k] * width + column[k]] == k)

    def cell_view(self, k: int) -> MatrixCell:
        """Cell ``k`` as a :class:`MatrixCell` (made now; its reason written when read)."""
        row = self.row[k]
        item_id, item_ref, item_name = self.items[self.column[k]]
        ref, name, native = self.person_texts(row)
        ruleset, country, missing = self.answers[self.answer[k]]
        app_ref, app_status, license_number, expires = self.cases[self.case[k]]
        at, by, why = self.suspensions[self.suspension[k]]
        reason = self.reasons[self.reason[k]]
        if not isinstance(reason, str):
            reason = reason._replace(name=name)
        return MatrixCell(
            self.grant[k], self.person_ids[row], ref, name, native, item_id, item_ref,
            item_name, self.classifications.get(item_id, ""), self.texts[self.access[k]],
            STATES[self.state[k]], self.texts[self.detail[k]], reason, ruleset, country,
            missing, app_ref, app_status, license_number, expires, at, by, why,
            self.mode_lists[self.modes[k]])

    @property
    def cells(self) -> tuple[MatrixCell, ...]:
        return tuple(self.cell_view(k) for k in self.live())

    def cell(self, person_id: int, item_id: int) -> MatrixCell | None:
        row = self.row_of(person_id)
        column = next((n for n, item in enumerate(self.items) if item[0] == item_id), -1)
        if row < 0 or column < 0:
            return None
        k = self.cell_index(row, column)
        return self.cell_view(k) if k >= 0 else None

    def counts(self) -> dict[AuthState, int]:
        """Cells by state."""
        found = bytearray(self.state[k] for k in self.live()) if self._dead else self.state
        return {state: found.count(n) for n, state in enumerate(STATES)}

    def problems(self) -> int:
        """How many accesses are on without the license they need."""
        return sum(1 for k in self.live() if self.unauthorized(k))

    # --- a few people worked out again ---------------------------------------------------

    def replace_people(self, other: AuthorizationMatrix) -> list[int] | None:
        """Take the rows of ``other``'s people (the same items: a few people worked out
        again) in place of theirs; returns the rows changed, or None (nothing changed)
        when ``other`` has another column or a person this matrix has no row for."""
        if [i[0] for i in other.items] != [i[0] for i in self.items]:
            return None
        rows = [self.row_of(pid) for pid in other.person_ids]
        if any(r < 0 for r in rows):
            return None
        for theirs, ours in enumerate(rows):
            texts = other.person_texts(theirs)
            if texts != self.person_texts(ours):
                self._renamed[ours] = texts
            for column in range(self.width):
                mine = self.cell_index(ours, column)
                k = other.cell_index(theirs, column)
                if k >= 0:
                    self.add(ours, column, other.grant[k], other.texts[other.access[k]],
                             STATES[other.state[k]], other.texts[other.detail[k]],
                             other.reasons[other.reason[k]], other.answers[other.answer[k]],
                             other.cases[other.case[k]],
                             other.suspensions[other.suspension[k]],
                             other.mode_lists[other.modes[k]])
                elif mine >= 0:
                    self.grid[ours * self.width + column] = -1
                    self._dead.append(mine)
        return rows


__all__ = ["NO_CASE", "NO_SUSPENSION", "STATES", "AuthorizationMatrix", "Case", "Shared",
           "Suspension"]
