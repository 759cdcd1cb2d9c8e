"""Save as… and Print… of a PDF on screen, for every preview (the packet's, the reports').

The owner shows the PDF and hands it here (:attr:`PdfOutput.pdf`, None while it is being
made); this asks where to save it (whole or not at all, never over the open database) and
which printer to use, writes or prints on the task runner, and says how it went: in one line
for the owner's status label (``status``), by a message box when a save or print failed, and
by signals for the window and the tests. The print dialog and its printer are made once and
kept: a print dialog deleted on close crashes PySide6 6.12.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, SignalInstance, Slot
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from licenseapp.gui.packets.printing import print_pdf
from licenseapp.gui.packets.wording import file_size, sentence
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.output.packet_files import failure_text, write_file_atomically

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class PdfOutput(QObject):
    """Signals: ``status(text)`` for the owner's status line, ``busyChanged()`` when saving
    or printing may start or stop being possible, ``saved(path)``, ``saveFailed(message)``,
    ``printed(pages)``, ``printFailed(message)``."""

    status = Signal(str)
    busyChanged = Signal()
    saved = Signal(str)
    saveFailed = Signal(str)
    printed = Signal(int)
    printFailed = Signal(str)

    def __init__(self, runner: TaskRunner, owner: QWidget, what: str, *, folder: str = "") -> None:
        super().__init__(owner)
        self._runner = runner
        self._owner = owner
        self.what = what  # "packet", "report": the word in the messages
        self.pdf: bytes | None = None
        self.db: Database | None = None  # never written over
        self.folder = folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        self.file_dialog: QFileDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self.message_box: QMessageBox | None = None
        self._print_settings: QPrinter | None = None  # the print dialog's printer
        self._printer: QPrinter | None = None  # the printer being printed on

    @property
    def can_save(self) -> bool:
        return self.pdf is not None and self.file_dialog is None

    @property
    def can_print(self) -> bool:
        return self.pdf is not None and self._printer is None

    # --- save as -----------------------------------------------------------------------

    def choose_file(self, title: str, file_name: str) -> None:
        """Ask where to save (proposing ``file_name`` in the last folder), then save there."""
        if not self.can_save:
            return
        dialog = QFileDialog(self._owner, title)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters(["PDF files (*.pdf)", "All files (*)"])
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(self.folder)
        dialog.selectFile(file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        dialog.finished.connect(self._file_dialog_closed)
        self.file_dialog = dialog
        self.busyChanged.emit()
        dialog.open()

    def _file_dialog_closed(self, _result: int = 0) -> None:
        self.file_dialog = None
        self.busyChanged.emit()

    @Slot(str)
    def save_to(self, path: str) -> None:
        """Write the PDF to ``path`` in the background (whole or not at all)."""
        pdf = self.pdf
        if pdf is None or not path:
            return
        self.folder = str(Path(path).parent)
        self.status.emit(f"Saving to {path}…")
        target, db = Path(path), self.db
        self._runner.submit(lambda: write_file_atomically(target, pdf, database=db),
                            lambda written: self._saved(written, len(pdf)), self._save_failed,
                            context=self)

    def _saved(self, path: Path, size: int) -> None:
        self.status.emit(f"Saved to {path} ({file_size(size)}).")
        self.busyChanged.emit()
        self.saved.emit(str(path))

    def _save_failed(self, exc: BaseException) -> None:
        self.busyChanged.emit()
        self._failed(exc, "saved", "Choose another folder or file name and try again.",
                     self.saveFailed)

    def _failed(self, exc: BaseException, done: str, advice: str, signal: SignalInstance
                ) -> None:
        """Say why the PDF was not ``done`` ("saved", "printed"); a bug goes to the error
        handler."""
        message = failure_text(exc)
        if message is None:
            self.status.emit(f"The {self.what} was not {done} (unexpected error).")
            self._runner.report_error(exc)
            return
        self.status.emit(f"The {self.what} was not {done}.")
        self._tell(f"{self.what.capitalize()} not {done}", sentence(message), advice)
        signal.emit(message)

    # --- printing ----------------------------------------------------------------------

    def choose_printer(self, title: str, doc_name: str, pages: int) -> None:
        """The system print dialog (pages 1 to ``pages``); once accepted, the PDF is printed
        in the background. The choices made stay for the next print."""
        if not self.can_print:
            return
        dialog = self.print_dialog
        if dialog is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._print_settings = printer
            dialog = QPrintDialog(printer, self._owner)
            dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
            dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.accepted.connect(self._print_accepted)
            self.print_dialog = dialog
        if self._print_settings is not None:
            self._print_settings.setDocName(doc_name)
        dialog.setWindowTitle(title)
        dialog.setMinMax(1, max(pages, 1))
        dialog.show()  # as open(): window-modal, returns at once

    @Slot()
    def _print_accepted(self) -> None:
        if self._print_settings is not None:
            self.print_to(self._print_settings)

    def print_to(self, printer: QPrinter) -> None:
        """Print the PDF on ``printer`` (as the print dialog left it) in the background."""
        pdf = self.pdf
        if pdf is None or self._printer is not None:
            return
        self._printer = printer  # kept alive, and untouched here, while the pages are painted
        self.busyChanged.emit()
        where = (printer.outputFileName() if printer.outputFormat()
                 == QPrinter.OutputFormat.PdfFormat else printer.printerName()) or "the printer"
        self.status.emit(f"Printing to {where}…")
        db = self.db
        self._runner.submit(lambda: print_pdf(pdf, printer, database=db),
                            lambda pages: self._printed(where, pages), self._print_failed,
                            context=self)

    def _printed(self, where: str, pages: int) -> None:
        self._printer = None
        self.busyChanged.emit()
        self.status.emit(f"Sent {pages} page{'s' if pages != 1 else ''} to {where}.")
        self.printed.emit(pages)

    def _print_failed(self, exc: BaseException) -> None:
        self._printer = None
        self.busyChanged.emit()
        self._failed(exc, "printed", "", self.printFailed)

    # --- messages ----------------------------------------------------------------------

    def _tell(self, title: str, text: str, informative: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Ok, self._owner)
        if informative:
            box.setInformativeText(informative)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._box_closed)
        self.message_box = box
        box.open()

    def _box_closed(self, _result: int = 0) -> None:
        self.message_box = None
