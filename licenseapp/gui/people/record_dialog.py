"""A dialog around a record editor: Save off the GUI thread, problems inline, conflicts
resolved, nothing typed ever dropped without asking.

Save runs the service's save on the task runner with the form as typed and the form as it
was read (the base of the three-way conflict view). A refusal because of problems
(:class:`FormInvalid`) marks the fields and keeps the dialog open; a save over someone
else's newer change (:class:`EditConflict`) opens the :class:`ConflictDialog`, and the
form chosen there is saved in turn (which may conflict again). Cancel asks before
discarding changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.form_problems import FieldProblem, FormInvalid
from licenseapp.errors import LicenseAppError
from licenseapp.gui.conflict_dialog import ConflictDialog, Describe
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.first_field import focus_first_field
from licenseapp.gui.tasks import TaskRunner

#: The form a dialog edits (PersonForm, OrganizationForm, ItemForm).
F = TypeVar("F")
#: ``save(form, base)`` -> the form as stored; runs on a worker thread.
Saver = Callable[[F, F | None], F]


class RecordEditor(Protocol[F]):
    """What the dialog needs of an editor (PersonEditor, OrganizationEditor)."""

    def form(self) -> F: ...
    def set_form(self, form: F) -> None: ...
    def show_problems(self, problems: Sequence[FieldProblem]) -> None: ...


class RecordDialog(QDialog, Generic[F]):
    """``saved(form)`` is emitted with the record as stored, before the dialog closes."""

    saved = Signal(object)

    def __init__(self, runner: TaskRunner, editor: QWidget, save: Saver[F], form: F,
                 parent: QWidget | None = None, *, noun: str,
                 describe: Mapping[str, Describe] | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._save = save
        self._describe = dict(describe or {})
        self._noun = noun
        self._busy = False
        self.editor = editor
        #: The record as last read or stored: the base of a conflict, and what "unsaved
        #: changes" are measured against.
        self.base: F = form
        self.stored: F | None = None
        self.conflict_dialog: ConflictDialog[F] | None = None
        self.discard_box: QMessageBox | None = None
        self.error_box: QMessageBox | None = None
        self._as_editor().set_form(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(editor, 1)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus_first_field(self)  # typing right after the dialog opens lands in a field

    def _as_editor(self) -> RecordEditor[F]:
        return self.editor  # type: ignore[return-value]

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def busy(self) -> bool:
        return self._busy

    def is_modified(self) -> bool:
        return bool(self._as_editor().form() != self.base)

    # --- saving ------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        unreadable: Sequence[FieldProblem] = getattr(self.editor, "typing_problems",
                                                     list)()
        if unreadable:  # a date typed that cannot be read: say so, keep what was typed
            self._as_editor().show_problems(unreadable)
            return
        self._submit(self._as_editor().form())

    def _submit(self, form: F) -> None:
        base = self.base if getattr(self.base, "id", None) is not None else None
        save = self._save
        self._set_busy(True)
        self._runner.submit(lambda: save(form, base), self._saved, self._failed,
                            context=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.editor.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _saved(self, stored: F) -> None:
        self._set_busy(False)
        self._finish(stored)

    def _finish(self, stored: F) -> None:
        self.stored = stored
        self.base = stored
        self._as_editor().set_form(stored)
        self.saved.emit(stored)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, FormInvalid):
            self._as_editor().show_problems(exc.problems)
        elif isinstance(exc, EditConflict):
            self._show_conflict(exc)
        elif isinstance(exc, LicenseAppError):
            box = QMessageBox(QMessageBox.Icon.Warning, f"{self._noun.capitalize()} not saved",
                              exc.message, QMessageBox.StandardButton.Ok, self)
            box.setInformativeText("Nothing was saved; what you typed is still here.")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.error_box = box
            box.open()
        else:
            self._runner.report_error(exc)

    def _show_conflict(self, conflict: EditConflict[F]) -> None:
        dialog = ConflictDialog(conflict, self, describe=self._describe)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(lambda form: self._resolved(dialog, form))
        # A resolved dialog is deleted later, by the event loop: by then a save may have
        # been refused again and a new dialog shown, which must stay the one known.
        hold_until_closed(self, "conflict_dialog", dialog)
        dialog.open()

    def _resolved(self, dialog: ConflictDialog[F], form: F) -> None:
        theirs = dialog.conflict.theirs
        if not dialog.needs_save:  # theirs is what is stored: nothing to write
            self._finish(theirs)
            return
        self.base = theirs
        self._as_editor().set_form(form)
        self._submit(form)

    # --- cancelling --------------------------------------------------------------------

    def reject(self) -> None:
        if self._busy:
            return  # the save is on its way; its outcome decides
        if not self.is_modified():
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Discard changes?",
                          f"Discard your changes to this {self._noun}?",
                          QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText("They have not been saved. Cancel goes back to editing.")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._discard_answered)
        self.discard_box = box
        box.open()

    def _discard_answered(self, answer: int) -> None:
        self.discard_box = None
        if answer == QMessageBox.StandardButton.Discard:
            super().reject()
