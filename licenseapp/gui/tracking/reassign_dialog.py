"""Application › Reassign…: hand an application to another member of the team.

The handover is an event in the application's history (``services.tracking.reassign``);
a refusal (no name, the same owner) keeps the dialog open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.tracking.service_dialog import ServiceDialog
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.services.follow_up.tracking import StatusChangeResult

#: Runs the reassignment: ``(ref, owner, note) -> result``.
Reassigner = Callable[[str, str, str], "StatusChangeResult"]


class ReassignDialog(ServiceDialog):
    refused_title = "Not reassigned"

    def __init__(
        self,
        runner: TaskRunner,
        apply: Reassigner,
        row: ApplicationRow,
        owners: Sequence[str] = (),
        parent: QWidget | None = None,
        *,
        me: str,
    ) -> None:
        """``me``: the acting user, offered first as the new owner."""
        super().__init__(runner, parent)
        self._apply = apply
        self.row = row
        self.setWindowTitle(f"Reassign — {row.ref}")
        self.setMinimumWidth(480)
        heading = QLabel(
            f"<b>{escape(row.ref)}</b> · owned by <b>{escape(row.owner or '(nobody)')}</b>"
        )
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)
        self.owner_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner_combo.setAccessibleName("New owner")
        names = sorted({*owners, me} - {row.owner}, key=str.casefold)
        self.owner_combo.addItems(names)
        self.owner_combo.setCurrentText(me if me != row.owner else "")
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Why, e.g. “Covering while Maria is on leave”")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("New &owner:", self.owner_combo)
        form.addRow("&Note:", self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)
        self.owner_combo.editTextChanged.connect(self._update_hint)
        self._update_hint()

    def owner(self) -> str:
        return self.owner_combo.currentText().strip()

    def _update_hint(self, *_args: object) -> None:
        self.hint_label.setText("" if self.owner() else "Enter who takes the application over.")
        self.ok_button.setEnabled(bool(self.owner()))

    def make_call(self) -> Callable[[], StatusChangeResult] | None:
        owner, note, ref, apply = self.owner(), self.note_edit.text(), self.row.ref, self._apply
        if not owner:
            return None
        return lambda: apply(ref, owner, note)

    def field_widgets(self) -> dict[str, QWidget]:
        return {"owner": self.owner_combo, "note": self.note_edit}

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.owner_combo.setEnabled(enabled)
        self.note_edit.setEnabled(enabled)
