"""A save over someone else's newer change: both versions side by side, the user chooses.

One row per field that differs, with their value and mine, and a choice per row that
starts at what :class:`~licenseapp.domain.edit_conflict.FieldDiff` suggests (theirs where
only they changed it). "Keep all mine", "Take all theirs" or "Save merged" close the
dialog with the form to save (``resolved``); Cancel goes back to the editor with
everything typed still there. The caller saves; a new conflict opens a new dialog.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, datetime
from html import escape
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.countries import country_name
from licenseapp.domain.days import local_time
from licenseapp.domain.edit_conflict import EditConflict, FieldDiff
from licenseapp.domain.privacy import mask_number
from licenseapp.gui.theme import Tone
from licenseapp.gui.theme_follow import paint_item

KEEP_MINE = "Keep mine"
TAKE_THEIRS = "Take theirs"
EMPTY = "—"
#: Longer values are cut to this many lines in the table (all of it in the tooltip).
MAX_LINES = 8


#: How a field's value reads (a value of any field's type: a code, a date, a list of rows).
Describe = Callable[[Any], str]
#: The form in conflict (PersonForm, OrganizationForm, ItemForm, DraftForm).
F = TypeVar("F")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _month(year: int | None, month: int | None) -> str:
    return f"{year:04d}-{month:02d}" if year and month else ""


def _country(code: str | None) -> str:
    return f"{code} ({country_name(code)})" if code else ""


def describe_row(row: Any, kind_labels: Mapping[str, str] | None = None) -> str:
    """One citizenship, document or résumé entry on one line (document numbers masked);
    ``kind_labels`` names the documents' and entries' kinds."""
    labels = kind_labels or {}
    kind = type(row).__name__
    if kind == "CitizenshipForm":
        parts = [_country(row.country) or "no country", row.basis]
        if row.acquired_on:
            parts.append(f"since {_day(row.acquired_on)}")
        if row.ended_on:
            parts.append(f"ended {_day(row.ended_on)}")
        return ", ".join(parts)
    if kind == "DocumentForm":
        parts = [labels.get(row.kind, row.kind.replace("_", " "))]
        if row.number:
            parts.append(mask_number(row.number))
        if row.issuing_country:
            parts.append(row.issuing_country)
        if row.document_class:
            parts.append(row.document_class)
        if row.issued_on:
            parts.append(f"issued {_day(row.issued_on)}")
        if row.expires_on:
            parts.append(f"expires {_day(row.expires_on)}")
        return ", ".join(parts)
    if kind == "ResumeForm":
        until = _month(row.end_year, row.end_month) or "present"
        what = ", ".join(x for x in (row.organization, row.title, row.location) if x)
        since = _month(row.start_year, row.start_month) or "?"
        return f"{since} – {until}: {labels.get(row.kind, row.kind)}, {what}"
    if dataclasses.is_dataclass(row):
        return ", ".join(f"{f.name}={describe_value(getattr(row, f.name))}"
                         for f in dataclasses.fields(row))
    return str(row)


def describe_value(value: Any) -> str:
    """A value as a person reads it: dates ISO, nothing as "—", one list row per line."""
    if value is None or value == "" or value == ():
        return EMPTY
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return "\n".join(describe_row(v) for v in value)
    return str(value)


def header_text(conflict: EditConflict[F]) -> str:
    who = conflict.changed_by or "someone else"
    when = f" at {local_time(conflict.changed_at)}" if conflict.changed_at else ""
    return f"{conflict.what} was changed by {who}{when} after you opened it."


def _cut(text: str) -> str:
    lines = text.splitlines() or [text]
    if len(lines) > MAX_LINES:
        return "\n".join([*lines[:MAX_LINES], "…"])
    return text


class ConflictDialog(QDialog, Generic[F]):
    """``resolved(form)``: the form to save now (mine, theirs or the merge).

    After it, :attr:`outcome` says which ("mine", "theirs" or "merged") and
    :attr:`needs_save` whether anything must be written (taking all of theirs needs none).
    """

    resolved = Signal(object)

    def __init__(self, conflict: EditConflict[F], parent: QWidget | None = None, *,
                 describe: Mapping[str, Describe] | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.diffs: list[FieldDiff] = conflict.diffs()
        self._describe = dict(describe or {})
        self.result_form: F | None = None
        self.outcome = ""
        self.choice_combos: dict[str, QComboBox] = {}
        self.setWindowTitle("Changed by someone else — choose what to keep")
        self.setModal(True)

        heading = QLabel(f"<b>{escape(header_text(conflict))}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        clashes = sum(1 for d in self.diffs if d.clash)
        hint = QLabel(
            "Nothing is lost either way: choose per field, or keep or take everything. "
            "Fields only they changed start at theirs, fields you changed at yours"
            + (f"; {clashes} field{'s' if clashes != 1 else ''} both of you changed "
               "(highlighted) need your choice." if clashes else "."))
        hint.setWordWrap(True)

        self.table = self._make_table()
        self.keep_mine_button = QPushButton("Keep all &mine")
        self.keep_mine_button.setToolTip("Save everything as you typed it, over their change")
        self.take_theirs_button = QPushButton("Take all &theirs")
        self.take_theirs_button.setToolTip("Drop your changes and use their version")
        self.save_merged_button = QPushButton("&Save merged")
        self.save_merged_button.setToolTip("Save your version with the fields chosen "
                                           "“Take theirs” taken from theirs")
        self.save_merged_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Back to your edit, everything typed kept")
        for button in (self.keep_mine_button, self.take_theirs_button, self.cancel_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.keep_mine_button)
        row.addWidget(self.take_theirs_button)
        row.addStretch(1)
        row.addWidget(self.save_merged_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

        self.keep_mine_button.clicked.connect(self.keep_all_mine)
        self.take_theirs_button.clicked.connect(self.take_all_theirs)
        self.save_merged_button.clicked.connect(self.save_merged)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(940, min(720, 220 + 60 * max(len(self.diffs), 3)))

    # --- the table ---------------------------------------------------------------------

    def _text(self, diff: FieldDiff, value: Any) -> str:
        describe = self._describe.get(diff.name)
        if describe is not None and value is not None and value != "":
            return describe(value)
        return describe_value(value)

    def _make_table(self) -> QTableWidget:
        who = self.conflict.changed_by or "them"
        table = QTableWidget(len(self.diffs), 4)
        table.setAccessibleName("Differences")
        table.setHorizontalHeaderLabels(["Field", f"Their version ({who})", "Your version",
                                         "Keep"])
        table.verticalHeader().hide()
        table.setWordWrap(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the choices take the focus
        bold = QFont(table.font())
        bold.setBold(True)
        for n, diff in enumerate(self.diffs):
            label = f"⚠ {diff.label}" if diff.clash else diff.label
            cells = [label, self._text(diff, diff.theirs), self._text(diff, diff.mine)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(_cut(text))
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if diff.clash:
                    paint_item(item, tint=Tone.CAUTION)
                changed = (column == 1 and diff.theirs_changed) or (
                    column == 2 and diff.mine_changed)
                if (column == 0 and diff.clash) or changed:
                    item.setFont(bold)
                table.setItem(n, column, item)
            first = table.item(n, 0)
            if diff.clash and first is not None:
                first.setToolTip("Both of you changed this field: choose one")
            combo = QComboBox()
            combo.addItem(KEEP_MINE, False)
            combo.addItem(TAKE_THEIRS, True)
            combo.setCurrentIndex(1 if diff.default_theirs else 0)
            combo.setAccessibleName(f"Keep for {diff.label}")
            self.choice_combos[diff.name] = combo
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(4, 3, 4, 3)
            box.addWidget(combo)
            box.addStretch(1)
            table.setCellWidget(n, 3, holder)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        # Wrapped text needs another height whenever the columns change width.
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    # --- choices -----------------------------------------------------------------------

    def take_theirs_for(self) -> set[str]:
        """The fields set to "Take theirs"."""
        return {name for name, combo in self.choice_combos.items() if combo.currentData()}

    def set_choice(self, name: str, take_theirs: bool) -> None:
        self.choice_combos[name].setCurrentIndex(1 if take_theirs else 0)

    @property
    def needs_save(self) -> bool:
        return self.result_form is not None and self.result_form != self.conflict.theirs

    def keep_all_mine(self) -> None:
        self._resolve("mine", self.conflict.keep_mine())

    def take_all_theirs(self) -> None:
        self._resolve("theirs", self.conflict.take_theirs())

    def save_merged(self) -> None:
        self._resolve("merged", self.conflict.merged(self.take_theirs_for()))

    def _resolve(self, outcome: str, form: F) -> None:
        self.outcome = outcome
        self.result_form = form
        self.resolved.emit(form)
        self.accept()
