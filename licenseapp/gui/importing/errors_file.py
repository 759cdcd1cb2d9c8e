"""Save rejected rows…: the rows an import leaves out, one line per problem (row, column,
value, problem, fix), as CSV or XLSX, written off the GUI thread; never over the file being
imported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from licenseapp.errors import LicenseAppError
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.domain.import_outcomes import ImportReport
    from licenseapp.store.database import Database


def save_errors(path: Path, source: Path, report: ImportReport,
                database: Database | None = None) -> int:
    """Write the rows not imported to ``path``; on a worker thread.

    The save dialog asked before replacing a file; the open database, the file imported, a
    folder or a device are still refused (whole or not at all, 0600).
    """
    from licenseapp.services.exchange.importing import check_errors_file, write_errors

    check_errors_file(source, path, database=database, replace=True)
    return write_errors(path, report)


class ErrorsFileSaver(QObject):
    """Signals: ``saved(path, problems)``, ``failed(message)``."""

    saved = Signal(object, int)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, window: QWidget,
                 database: Database | None = None) -> None:
        super().__init__(window)
        self._runner = runner
        self._database = database  # never written over
        self._window = window
        self.file_dialog: QFileDialog | None = None
        self.last: Path | None = None  # the file last saved

    def choose(self, source: Path, report: ImportReport) -> None:
        """Ask where (beside the imported file by default), then save."""
        suggested = source.with_name(f"{source.stem}-errors.csv")
        dialog = QFileDialog(self._window, "Save the rows not imported", str(suggested))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["CSV (*.csv)", "Excel workbook (*.xlsx)"])
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.save(Path(chosen), source, report))
        dialog.open()
        self.file_dialog = dialog

    def save(self, target: Path, source: Path, report: ImportReport) -> None:
        db = self._database
        self._runner.submit(lambda: save_errors(target, source, report, db),
                            lambda n: self._saved(target, n), self._failed, context=self)

    def _saved(self, target: Path, problems: int) -> None:
        self.last = target
        self.saved.emit(target, problems)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, LicenseAppError):
            self.failed.emit(exc.message)
        else:
            self.failed.emit("")
            self._runner.report_error(exc)


__all__ = ["ErrorsFileSaver", "save_errors"]
