"""Export to calendar: the deadlines shown (after the filters) as an iCalendar file for
Outlook or Google Calendar, written off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from licenseapp.domain.deadlines import Deadline
from licenseapp.errors import LicenseAppError
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.store.database import Database


def write_ics(path: str, deadlines: Sequence[Deadline], database: Database | None = None) -> int:
    """Write the calendar file (off the GUI thread); returns how many events it holds.

    The save dialog asked before replacing a file; the open database, a folder or a device
    are still refused. Whole or not at all, readable by the user only (0600).
    """
    from licenseapp.domain.ics import to_ics
    from licenseapp.services.output.output_files import check_output, write_text_atomically

    target = check_output(Path(path), database=database, replace=True)
    write_text_atomically(target, to_ics(deadlines))
    return len(deadlines)


class CalendarExport(QObject):
    """The export ``button`` asks for a file, then writes ``shown()`` into it.

    Signals: ``message(text)`` once written, ``failed(exception)`` (a file that cannot be
    written is a :class:`LicenseAppError` in words)."""

    message = Signal(str)
    failed = Signal(object)

    def __init__(self, runner: TaskRunner, button: QPushButton, parent_widget: QWidget,
                 shown: Callable[[], Sequence[Deadline]], today: Callable[[], date]) -> None:
        super().__init__(parent_widget)
        self.database: Database | None = None  # the open database, never written over
        self._runner = runner  # the parent widget is not kept: see DeadlineMarker
        self._button = button
        self._shown = shown
        self._today = today
        button.clicked.connect(self.choose_file)

    @Slot()
    def choose_file(self) -> None:
        parent = self.parent()
        dialog = QFileDialog(parent if isinstance(parent, QWidget) else None,
                             "Export deadlines to a calendar file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["iCalendar files (*.ics)", "All files (*)"])
        dialog.setDefaultSuffix("ics")
        dialog.selectFile(f"licenseapp-deadlines-{self._today().isoformat()}.ics")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.export)
        dialog.open()

    @Slot(str)
    def export(self, path: str) -> None:
        """Write the deadlines shown to ``path``, off the GUI thread."""
        self._button.setEnabled(False)
        self._runner.submit(
            partial(write_ics, path, list(self._shown()), self.database),
            lambda n: self._exported(path, n),
            self._failed,
            context=self,
        )

    def _exported(self, path: str, count: int) -> None:
        self._button.setEnabled(True)
        noun = "deadline" if count == 1 else "deadlines"
        self.message.emit(f"Exported {count:,} {noun} to {Path(path).name}.")

    def _failed(self, exc: BaseException) -> None:
        self._button.setEnabled(True)
        if isinstance(exc, OSError):
            exc = LicenseAppError(f"The calendar file could not be written: {exc.strerror or exc}")
        self.failed.emit(exc)
