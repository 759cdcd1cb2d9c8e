"""A focused dialog that asks why before an action that ends something (retiring an item,
revoking access) and runs it off the GUI thread.

The action's service refuses what it cannot take (no reason where one is required, a
reason too long for the database) with :class:`FormInvalid`; the problem is shown under
the reason, and what was typed stays. ``completed(result)`` is emitted before the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.form_problems import FormInvalid
from licenseapp.errors import LicenseAppError
from licenseapp.gui.mnemonics import mnemonic_of, with_mnemonic
from licenseapp.gui.people.fields import message_label
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import ink_style, make_hint

#: ``work(reason)`` -> the outcome; runs on a worker thread.
Work = Callable[[str], object]


class ReasonDialog(QDialog):
    completed = Signal(object)

    def __init__(self, runner: TaskRunner, work: Work, *, title: str, question: str,
                 action: str, placeholder: str = "", note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._work = work
        self.busy = False
        self.setWindowTitle(title)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        # "&Reason:" unless the action's button has R ("&Retire", "&Revoke")
        self.reason_label = QLabel(with_mnemonic("Reason", mnemonic_of(action) or "") + ":")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(placeholder)
        self.reason_edit.setAccessibleName("Reason")
        self.reason_label.setBuddy(self.reason_edit)
        self.message = message_label()
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        make_hint(self.note)
        self.note.setVisible(bool(note))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = QPushButton(action)
        self.buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addSpacing(4)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.action_button.setDefault(True)  # once in the dialog (before, Qt drops it)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def submit(self) -> None:
        if self.busy:
            return
        reason, work = self.reason_edit.text(), self._work
        self._set_busy(True)
        self._runner.submit(lambda: work(reason), self._done, self._failed, context=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.reason_edit.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def _done(self, result: object) -> None:
        self._set_busy(False)
        self.completed.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, FormInvalid):
            self.show_problem("; ".join(p.message for p in exc.problems))
        elif isinstance(exc, LicenseAppError):
            self.show_problem(exc.message)
        else:
            self._runner.report_error(exc)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        ink_style(self.reason_label, Ink.LATE if text else None,
                  "font-weight: bold;" if text else "")
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
