"""Application › Save filing set for the portal…: the selected application's filing set
(each supporting document its own PDF, the block-by-block sheet, the manifest) written into
a folder the user picks, off the GUI thread like the packets.

A folder that holds files is used only after the user agrees to replace files of the same
names; the outcome goes to the status bar, a failure to a message box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from licenseapp.domain.counted import counted
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.output.upload_set import UploadSet
    from licenseapp.store.database import Database


class UploadSetSaver(QObject):
    """Signals: ``message(text)`` for the status bar; ``written(UploadSet)`` when done."""

    message = Signal(str)
    written = Signal(object)

    def __init__(self, runner: TaskRunner, window: QWidget, current_ref: Callable[[], str],
                 folder: Callable[[], str]) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._current_ref = current_ref
        self._folder = folder
        self._db: Database | None = None
        self.folder_dialog: QFileDialog | None = None
        self.question: QMessageBox | None = None
        self.failure_box: QMessageBox | None = None
        self.action = QAction("Save filing set for the &portal…", self)
        self.action.triggered.connect(self.choose_folder)
        self.update()

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.update()

    def update(self) -> None:
        ref = self._current_ref() if self._db is not None else ""
        self.action.setEnabled(bool(ref))
        self.action.setStatusTip(
            f"Save the supporting documents of {ref} one PDF each, with the block-by-block "
            "sheet and a manifest, for upload to the portal" if ref
            else "Select an application first")

    @Slot()
    def choose_folder(self) -> None:
        """Ask for a folder (a new or empty one is best), then save the set there."""
        if self._db is None or not self._current_ref():
            return
        dialog = QFileDialog(self._window, "Save the filing set in which folder?")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setDirectory(self._folder())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        hold_until_closed(self, "folder_dialog", dialog)
        dialog.open()

    @Slot(str)
    def save_to(self, folder: str) -> None:
        """Save into ``folder``; one that holds files only after the user agrees."""
        ref = self._current_ref()
        if self._db is None or not ref or not folder:
            return
        target = Path(folder)
        if target.is_dir() and any(target.iterdir()):
            box = QMessageBox(
                QMessageBox.Icon.Question, "Folder not empty",
                f"{target} already holds files. Replace the files that have the same names as "
                "files of the filing set? Other files are left as they are.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self._window)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(lambda result: self._answered(result, ref, target))
            hold_until_closed(self, "question", box)
            box.open()
            return
        self.start(ref, target, replace_existing=False)

    def _answered(self, result: int, ref: str, target: Path) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.start(ref, target, replace_existing=True)

    def start(self, ref: str, target: Path, *, replace_existing: bool) -> None:
        """Write the set on the task runner's pool, never on the GUI thread."""
        db = self._db
        if db is None:
            return
        from licenseapp.services.output.upload_set import write_upload_set

        self.message.emit(f"Saving the filing set of {ref}…")
        self._runner.submit(
            lambda: write_upload_set(db, ref, target, replace_existing=replace_existing),
            self._done, self._failed)

    def _done(self, result: UploadSet) -> None:
        over = [f.name for f in result.files if not f.within_limits]
        text = (f"Filing set for {result.ref} saved to {result.folder}: {len(result.files)} "
                "files and manifest.json.")
        if over:
            text += f" Too large for {result.portal.portal}: {', '.join(over)}."
        if result.errors:
            text += f" Marked DRAFT: the check finds {counted(result.errors, 'error')}."
        self.message.emit(text)
        self.written.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from licenseapp.services.output.packet_files import failure_text

        text = failure_text(exc)
        if text is None:
            self._runner.report_error(exc)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Filing set not saved", text,
                          QMessageBox.StandardButton.Ok, self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "failure_box", box)
        box.open()
