"""An "Import …" action: ask for the file, then open the :class:`ImportDialog` on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.importing.dialog import ImportDialog
from licenseapp.gui.importing.kinds import ImportKind
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class ImportLauncher(QObject):
    """``imported(report)`` after an import that wrote something (screens reload)."""

    imported = Signal(object)

    def __init__(self, runner: TaskRunner, window: QWidget,
                 database: Callable[[], Database | None], kind: ImportKind,
                 text: str) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._database = database
        self.kind = kind
        self.dialog: ImportDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.action = QAction(text, self)
        self.action.setStatusTip(kind.hint)
        self.action.triggered.connect(self.choose_file)

    def choose_file(self) -> None:
        if self._database() is None:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = QFileDialog(self._window, f"{self.kind.title}: choose the file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["Spreadsheets (*.csv *.xlsx *.xlsm *.txt *.tsv)",
                               "All files (*)"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.look_at(Path(path)))
        hold_until_closed(self, "file_dialog", dialog)
        self.file_dialog = dialog
        dialog.open()

    def look_at(self, path: Path) -> ImportDialog | None:
        """Open the import dialog on ``path`` (a dry run; nothing is written yet)."""
        db = self._database()
        if db is None or self.dialog is not None:
            return None
        dialog = ImportDialog(self._runner, db, self.kind, path, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self.imported)
        dialog.finished.connect(lambda _result: self._dialog_gone(dialog))
        dialog.destroyed.connect(lambda: self._dialog_gone(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_gone(self, dialog: ImportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None


__all__ = ["ImportLauncher"]
