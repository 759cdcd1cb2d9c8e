"""Application › Determination…: the application's stored determination, whether it is out
of date with the rules now, and Save memo… for counsel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.determinations.determination_html import render_determinations
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.directive.determination_records import ApplicationDeterminations

#: Asks where to save the memo: (parent, suggested file name) -> a path or None.
SavePrompt = Callable[[QWidget, str], "Path | None"]


class DeterminationDialog(QDialog):
    """Loads with ``load`` (off the GUI thread) and saves the memo with ``save_memo``.
    ``loaded`` and ``memoSaved(path)`` are for whoever waits for them (tests)."""

    loaded = Signal()
    memoSaved = Signal(object)
    failed = Signal(object)

    def __init__(self, runner: TaskRunner, ref: str,
                 load: Callable[[], ApplicationDeterminations],
                 write_memo: Callable[[Path], Path], ask_path: SavePrompt,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._ref, self._load, self._write = runner, ref, load, write_memo
        self._ask_path = ask_path
        self.setWindowTitle(f"Determination — {ref}")
        self.setAccessibleName(f"Determination of {ref}")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Stored determination")
        self.status = QLabel(f"Reading the determination of {ref}…")
        self.status.setAccessibleName("Determination status")
        self.status.setWordWrap(True)
        self.memo_button = QPushButton("Save &memo…")
        self.memo_button.setAccessibleName("Save the determination memo")
        self.memo_button.setToolTip("A PDF for counsel to sign: facts and sources, each rule "
                                    "set considered, the answer and citations")
        self.memo_button.setEnabled(False)
        self.memo_button.clicked.connect(self.save_memo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.memo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.setAccessibleName("Determination actions")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def start(self) -> None:
        self._runner.submit(self._load, self._shown, self._failed, context=self)

    def _shown(self, found: ApplicationDeterminations) -> None:
        self.browser.setHtml(render_determinations(found))
        self.status.setText("Out of date with the current rules." if found.out_of_date
                            else "Up to date with the rules in force.")
        self.memo_button.setEnabled(bool(found.recorded))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(exc.message if isinstance(exc, LicenseAppError)
                            else "The determination could not be read.")
        self.failed.emit(exc)

    @Slot()
    def save_memo(self) -> None:
        path = self._ask_path(self, f"determination-memo-{self._ref}.pdf")
        if path is None:
            return
        self.memo_button.setEnabled(False)
        self.status.setText(f"Saving the memo to {path}…")
        self._runner.submit(lambda: self._write(path), self._saved, self._save_failed,
                            context=self)

    def _saved(self, path: Path) -> None:
        self.memo_button.setEnabled(True)
        self.status.setText(f"Memo saved to {path}.")
        self.memoSaved.emit(path)

    def _save_failed(self, exc: BaseException) -> None:
        self.memo_button.setEnabled(True)
        self.status.setText("The memo was not saved: " + (
            exc.message if isinstance(exc, LicenseAppError) else str(exc)))
        self.failed.emit(exc)
