"""Every row's outcome of an import (or its dry run) as a table: the row number as the
spreadsheet shows it, the outcome, the record, and what changes or why it cannot go in.

The model keeps the report's rows as they are and the positions of those shown, so showing
or hiding an outcome is one list comprehension and each cell's text is made only when the
view asks for it: 100,000 rows scroll and filter smoothly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from licenseapp.domain.import_outcomes import ImportReport, Outcome, RowOutcome
from licenseapp.domain.lenient_values import shown
from licenseapp.gui.theme import Ink, current

ModelIndex = QModelIndex | QPersistentModelIndex

#: The report's row under this role in every column.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class Col(IntEnum):
    ROW = 0
    OUTCOME = 1
    RECORD = 2
    COLUMN = 3
    VALUE = 4
    DETAIL = 5
    FIX = 6


OUTCOME_WORDS = {
    Outcome.ADDED: "Added",
    Outcome.UPDATED: "Updated",
    Outcome.UNCHANGED: "Unchanged",
    Outcome.REJECTED: "Rejected",
    Outcome.NEEDS_CONFIRMATION: "To confirm",
}
OUTCOME_INKS = {
    Outcome.ADDED: Ink.OK,
    Outcome.UPDATED: Ink.INFO,
    Outcome.UNCHANGED: Ink.HINT,
    Outcome.REJECTED: Ink.LATE,
    Outcome.NEEDS_CONFIRMATION: Ink.WARNING,
}
_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemNeverHasChildren)


class RowTexts:
    """How a row reads, in the user's words: our column names as labels, with the file's
    header where it differs ("Citizenships (Nationalität)")."""

    def __init__(self, labels: Mapping[str, str] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        self.labels = dict(labels or {})
        self.headers = dict(headers or {})
        #: The services name a problem's column as the file does; back to ours.
        self._ours = {header: name for name, header in self.headers.items()}

    def column(self, name: str, *, with_header: bool = False) -> str:
        """Our column's label; ``with_header``: and the file's header where it differs,
        "Citizenships (file column Nationalität)"."""
        if name == "(row)":
            return "(whole row)"
        if name not in self.labels:
            name = self._ours.get(name, name)
        label = self.labels.get(name, name)
        header = self.headers.get(name)
        if with_header and header and header != label:
            return f"{label} (file column {header})"
        return label

    def field(self, name: str) -> str:
        return self.labels.get(name, name.replace("_", " ").capitalize())

    def cell(self, r: RowOutcome, col: int) -> str:
        if col == Col.ROW:
            return str(r.row)
        if col == Col.OUTCOME:
            return OUTCOME_WORDS[r.outcome]
        if col == Col.RECORD:
            if r.outcome is Outcome.NEEDS_CONFIRMATION and r.candidate:
                return f"may be {r.candidate}"
            return r.record
        if r.problems:
            return self._problem_cell(r, col)
        if col == Col.COLUMN:
            return ", ".join(self.field(c.field) for c in r.changes)
        if col == Col.DETAIL:
            changes = "; ".join(self.change(c.field, c.old, c.new) for c in r.changes)
            return "; ".join(t for t in (changes, r.note) if t)
        return ""

    def _problem_cell(self, r: RowOutcome, col: int) -> str:
        first = r.problems[0]
        more = f" (+{len(r.problems) - 1} more)" if len(r.problems) > 1 else ""
        if col == Col.COLUMN:
            return ", ".join(dict.fromkeys(self.column(p.column) for p in r.problems))
        if col == Col.VALUE:
            return shown(first.value, 60)
        if col == Col.DETAIL:
            return first.reason + more
        if col == Col.FIX:
            return first.fix + more
        return ""

    def change(self, field: str, old: str, new: str) -> str:
        return f"{self.field(field)}: {old or '(empty)'} → {new or '(empty)'}"

    def details(self, r: RowOutcome) -> str:
        """Everything about one row, one line per change or problem."""
        head = f"Row {r.row}: {OUTCOME_WORDS[r.outcome].lower()}"
        if r.record:
            head += f" — {r.record}"
        lines = [head]
        if (r.outcome is Outcome.NEEDS_CONFIRMATION and r.candidate
                and not any(r.candidate in p.reason for p in r.problems)):
            lines.append(f"May be: {r.candidate}")
        lines += [f"• {self.change(c.field, c.old, c.new)}" for c in r.changes]
        for p in r.problems:
            value = f" {shown(p.value, 200)!r}" if p.value else ""
            lines.append(f"• {self.column(p.column, with_header=True)}{value}: {p.reason}. "
                         f"Fix: {p.fix}.")
        if r.note:
            lines.append(r.note[0].upper() + r.note[1:] + ".")
        if r.line is not None and r.line != r.row:
            lines.append(f"(line {r.line} of the text file)")
        return "\n".join(lines)


class OutcomesModel(QAbstractTableModel):
    """The rows of an :class:`ImportReport`, those of the outcomes shown, in file order."""

    def __init__(self, record_word: str = "Record", parent: Any = None) -> None:
        super().__init__(parent)
        self.texts = RowTexts()
        self.headers = {Col.ROW: "Row", Col.OUTCOME: "Outcome", Col.RECORD: record_word,
                        Col.COLUMN: "Column", Col.VALUE: "Value",
                        Col.DETAIL: "Change or problem", Col.FIX: "Fix"}
        self._rows: tuple[RowOutcome, ...] = ()
        self._outcomes: list[Outcome] = []
        self._visible: list[int] = []
        self._shown: frozenset[Outcome] = frozenset(Outcome)

    def set_report(self, report: ImportReport | None, texts: RowTexts | None = None) -> None:
        self.beginResetModel()
        self._rows = report.rows if report is not None else ()
        self._outcomes = [r.outcome for r in self._rows]
        if texts is not None:
            self.texts = texts
        self._visible = self._filtered()
        self.endResetModel()

    def set_shown(self, outcomes: Iterable[Outcome]) -> None:
        shown_now = frozenset(outcomes)
        if shown_now == self._shown:
            return
        self.beginResetModel()
        self._shown = shown_now
        self._visible = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        if self._shown == frozenset(Outcome):
            return list(range(len(self._rows)))
        wanted = self._shown
        return [i for i, o in enumerate(self._outcomes) if o in wanted]

    @property
    def shown_outcomes(self) -> frozenset[Outcome]:
        return self._shown

    def row_at(self, row: int) -> RowOutcome:
        return self._rows[self._visible[row]]

    def position_of(self, spreadsheet_row: int) -> int:
        """The model row showing the file's row ``spreadsheet_row`` (-1 if hidden)."""
        for at, i in enumerate(self._visible):
            if self._rows[i].row == spreadsheet_row:
                return at
        return -1

    # -- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[self._visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts.cell(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.texts.details(r)
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.OUTCOME:
            return current().ink(OUTCOME_INKS[r.outcome])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Col.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return r
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers.get(Col(section)) if 0 <= section < len(Col) else None
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == Col.ROW):
            return "The row number as your spreadsheet shows it (the header is row 1)"
        return None


__all__ = ["OUTCOME_INKS", "OUTCOME_WORDS", "ROW_ROLE", "Col", "OutcomesModel",
           "RowTexts"]
