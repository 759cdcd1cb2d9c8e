"""Suspend accesses in one dialog: it asks, records, says what was done, and saves the list.

Before, suspending took four message boxes in a row (are you sure; suspended, save the
list?; where; saved). This dialog stays open from the question to the end: the question
and what will be recorded; then "Suspending…" while the service runs; then when and how
many were suspended, with "Save list for IT…" (the only other window: where to save) and
the saved file said on the same page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _label(text: str = "", *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class SuspendDialog(QDialog):
    """Signals: ``suspendRequested()`` once the user confirms, ``saveRequested()`` for the
    list. The owner runs the work and calls :meth:`working`, :meth:`done`, :meth:`saved`
    or :meth:`failed`."""

    suspendRequested = Signal()
    saveRequested = Signal()
    #: Stop after the batch under way (what was suspended stays suspended).
    stopRequested = Signal()

    def __init__(self, question: str, detail: str, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suspend accesses")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        self.question = _label(question, bold=True)
        self.detail = _label(detail)
        self.outcome = _label()
        self.outcome.setAccessibleName("What was done")
        self.outcome.hide()
        self.buttons = QDialogButtonBox()
        self.suspend_button = QPushButton(action)
        self.suspend_button.setAutoDefault(False)
        self.save_button = QPushButton("&Save list for IT…")
        self.save_button.setToolTip("Every access suspended under this rule set, as CSV or "
                                    "an Excel workbook, for the team that cuts access off")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Accesses suspended so far")
        self.progress.hide()
        self.stop_button = QPushButton("S&top")
        self.stop_button.setToolTip("Stop after the accesses being suspended now; those "
                                    "already suspended stay suspended")
        self.stop_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.stop_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.suspend_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.hide()  # once suspended (the button box shows what it is given)
        self.close_button.setDefault(True)  # Enter never suspends by accident
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.detail)
        layout.addWidget(self.outcome)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.suspend_button.clicked.connect(self.suspendRequested)
        self.save_button.clicked.connect(self.saveRequested)
        self.stop_button.clicked.connect(self._stop)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setFocus()

    @property
    def text(self) -> str:
        """Everything the dialog says, as shown."""
        return "\n".join(w.text() for w in (self.question, self.detail, self.outcome)
                         if w.isVisible() or not self.isVisible())

    def working(self, text: str) -> None:
        self.suspend_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.outcome.setText(text)
        self.outcome.show()

    def progressed(self, done: int, total: int) -> None:
        """``done`` of ``total`` suspended so far (the work runs off the GUI thread)."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        if done < total:
            self.stop_button.show()
        self.outcome.setText(f"Suspended {done:,} of {total:,}…")
        self.outcome.show()

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.outcome.setText("Stopping after the accesses being suspended now…")
        self.stopRequested.emit()

    def recorded(self, headline: str, text: str) -> None:
        """The suspension recorded: say when and how many, offer the list."""
        self.stop_button.hide()
        self.progress.hide()
        self.setWindowTitle("Accesses suspended")
        self.question.setText(headline)
        self.detail.setText(text)
        self.outcome.hide()
        self.suspend_button.hide()
        self.save_button.show()
        self._closable()
        self.save_button.setFocus()

    def saving(self, text: str) -> None:
        self.save_button.setEnabled(False)
        self.outcome.setText(text)
        self.outcome.show()

    def saved(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.outcome.setText(text)
        self.outcome.show()

    def failed(self, text: str) -> None:
        """Nothing was suspended (or the list not saved): said here, the dialog can close."""
        self.stop_button.hide()
        self.outcome.setText(text)
        self.outcome.show()
        self.suspend_button.hide()
        self.save_button.setEnabled(True)
        self._closable()

    def _closable(self) -> None:
        self.close_button.setText("Close")
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)
