"""The export of a view in progress: what is written where, a progress bar and Cancel; at
the end how many rows were written, or why none were.

Cancel (or Escape, or closing the window) stops at the next thousand rows; the file is
then not written at all, and a file it was to replace is left as it was.
"""

from __future__ import annotations

import threading
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.tabular import ExportCancelled
from licenseapp.errors import LicenseAppError
from licenseapp.gui.cancellable_dialog import CancellableDialog
from licenseapp.gui.exporting.view_table import ViewTable
from licenseapp.gui.exporting.writing import write_view
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: The progress bar's steps (reading the rows is the first tenth, writing the rest).
STEPS = 1000
_READING_SHARE = 0.1


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


class _ExportProgress(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    progressed = Signal(str, int, int)


class ExportDialog(CancellableDialog):
    """Signals: ``exported(path, rows)`` when the file is written, ``stopped(message)``
    when it was not (cancelled or refused)."""

    exported = Signal(str, int)
    stopped = Signal(str)

    def __init__(self, runner: TaskRunner, db: Database | None, view: ViewTable,
                 path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self.view = view
        self.path = Path(path)
        self.cancel_requested = threading.Event()
        self.written: int | None = None
        self._relay = _ExportProgress(self)
        self._relay.progressed.connect(self._progressed)
        self.setWindowTitle("Export current view")
        self.setMinimumWidth(520)

        self.heading = QLabel(
            f"<b>Exporting {escape(_rows(len(view)))} of {escape(view.name)}</b><br>"
            f"to {escape(str(self.path))}")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, STEPS)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName("Export progress")
        self.status_label = QLabel("Starting…")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.cancel_button.setToolTip("Stop; no file is written")
        self.show_folder_button = QPushButton("Show &folder")
        self.show_folder_button.clicked.connect(self.show_folder)
        self.buttons.addButton(self.show_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Write the file in the background."""
        if self.running or self.written is not None:
            return
        self.running = True
        db, path, view = self._db, self.path, self.view
        emit, cancelled = self._relay.progressed.emit, self.cancel_requested.is_set

        def work() -> int:
            return write_view(db, path, view, progress=emit, cancelled=cancelled)

        self._runner.submit(work, self._finished, self._failed, context=self)

    @Slot()
    def cancel(self) -> None:
        if not self.running or self.cancel_requested.is_set():
            return
        self.cancel_requested.set()
        self.cancel_button.setEnabled(False)
        self.status_label.setText("Stopping…")

    @Slot(str, int, int)
    def _progressed(self, phase: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        if phase == "Reading":
            value = share * _READING_SHARE
        else:
            value = _READING_SHARE + share * (1 - _READING_SHARE)
        self.progress_bar.setValue(round(value * STEPS))
        if not self.cancel_requested.is_set():
            self.status_label.setText(f"{phase} row {done:,} of {total:,}…")

    def _finished(self, count: int) -> None:
        self.running = False
        self.written = count
        self.progress_bar.setValue(STEPS)
        self.heading.setText(f"<b>Exported {escape(_rows(count))} of {escape(self.view.name)}"
                             f"</b><br>to {escape(str(self.path))}")
        self.status_label.setText(f"{len(self.view.headers)} columns, in the order and with "
                                  "the filters shown.")
        self.show_close()
        self.show_folder_button.show()
        self.exported.emit(str(self.path), count)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        if isinstance(exc, ExportCancelled):
            heading, message = "Export cancelled", "Nothing was written."
        elif isinstance(exc, LicenseAppError):
            heading, message = "Nothing was exported", exc.message[:1].upper() + exc.message[1:]
        else:
            self._runner.report_error(exc)
            heading = "Nothing was exported"
            message = "An unexpected error stopped it; see the log."
        self.progress_bar.hide()  # a bar part full would say part of a file was written
        self.heading.setText(f"<b>{escape(heading)}</b>")
        self.status_label.setText(message if message.endswith(".") else f"{message}.")
        self.show_close()
        self.stopped.emit(message)

    @Slot()
    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
