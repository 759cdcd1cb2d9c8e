"""The Application menu's packet actions: Preview packet… (Ctrl+P), Save packets for selection…,
Save filing set for the portal… (:mod:`upload_set_action`).

"Preview packet…" acts on the application selected in the list (the one in the details
pane); "Save packets for selection…" on every selected row, in list order. Both open
dialogs of their own and leave the window free while they work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QFileDialog, QStyle, QWidget

from licenseapp.gui.applications.model import REF_ROLE
from licenseapp.gui.applications.view import ApplicationsWidget
from licenseapp.gui.packets.upload_set_action import UploadSetSaver
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.gui.packets.batch_dialog import PacketBatchDialog
    from licenseapp.gui.packets.preview_dialog import PacketPreviewDialog
    from licenseapp.store.database import Database


def selected_refs(applications: ApplicationsWidget) -> list[str]:
    """The references of the rows selected in the list, in the order shown."""
    rows = sorted(applications.table.selectionModel().selectedRows(), key=lambda i: i.row())
    return [str(index.data(REF_ROLE)) for index in rows if index.data(REF_ROLE)]


class PacketActions(QObject):
    """Signals: ``message(text)`` for the status bar."""

    message = Signal(str)

    def __init__(
        self, runner: TaskRunner, applications: ApplicationsWidget, window: QWidget
    ) -> None:
        super().__init__(window)
        self._runner = runner
        self._applications = applications
        self._window = window
        self._db: Database | None = None
        self.folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        self.preview_dialog: PacketPreviewDialog | None = None
        self.batch_dialog: PacketBatchDialog | None = None
        self.folder_dialog: QFileDialog | None = None

        icon = QIcon.fromTheme(
            "document-print-preview",
            window.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        self.preview_action = QAction(icon, "Pre&view packet…", self)
        self.preview_action.setShortcut(QKeySequence("Ctrl+P"))
        self.preview_action.triggered.connect(self.preview)
        self.save_selection_action = QAction("Save packets for se&lection…", self)
        self.save_selection_action.triggered.connect(self.save_selection)
        self.upload_set = UploadSetSaver(runner, window, self.current_ref, lambda: self.folder)
        self.upload_set.message.connect(self.message)

        table = applications.table
        table.selectionModel().selectionChanged.connect(self._update_actions)
        applications.applicationSelected.connect(self._update_actions)
        applications.selectionCleared.connect(self._update_actions)
        applications.proxy.modelReset.connect(self._update_actions)
        self._update_actions()

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.preview_action, self.save_selection_action, self.upload_set.action)

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.upload_set.set_database(db)
        self._update_actions()

    def current_ref(self) -> str:
        return self._applications.selected_ref()

    def selected_refs(self) -> list[str]:
        return selected_refs(self._applications)

    @Slot()
    def _update_actions(self, *_args: object) -> None:
        ready = self._db is not None
        ref = self.current_ref()
        self.upload_set.update()
        self.preview_action.setEnabled(ready and bool(ref))
        tip = f"Show the filing packet of {ref}" if ref else "Select an application first"
        self.preview_action.setStatusTip(tip)
        self.preview_action.setToolTip(f"{tip} (Ctrl+P)")
        count = len(self.selected_refs()) if ready else 0
        self.save_selection_action.setEnabled(count > 0)
        self.save_selection_action.setStatusTip(
            f"Save the packets of the {count} selected application{'s' if count != 1 else ''} "
            "to a folder" if count else "Select one or more applications first")

    # --- preview -------------------------------------------------------------------------

    @Slot()
    def preview(self) -> None:
        """Open the packet preview of the selected application."""
        ref = self.current_ref()
        if self._db is None or not ref:
            return
        from licenseapp.gui.packets.preview_dialog import PacketPreviewDialog  # when used

        dialog = PacketPreviewDialog(self._runner, self._db, ref, self._window,
                                     folder=self.folder)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._packet_saved)
        dialog.finished.connect(lambda _result: self._forget_preview(dialog))
        self.preview_dialog = dialog
        dialog.show()

    def _forget_preview(self, dialog: PacketPreviewDialog) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog = None

    def _packet_saved(self, path: str) -> None:
        self.folder = str(Path(path).parent)
        self.message.emit(f"Packet saved to {path}.")

    # --- batch ---------------------------------------------------------------------------

    @Slot()
    def save_selection(self) -> None:
        """Ask for a folder, then save the packets of the selected applications there."""
        if self._db is None or not self.selected_refs():
            return
        dialog = QFileDialog(self._window, "Save the packets in which folder?")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setDirectory(self.folder)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.start_batch)
        dialog.finished.connect(self._folder_dialog_closed)
        self.folder_dialog = dialog
        dialog.open()

    def _folder_dialog_closed(self, _result: int = 0) -> None:
        self.folder_dialog = None

    @Slot(str)
    def start_batch(self, folder: str) -> PacketBatchDialog | None:
        """Save the packets of the selected applications in ``folder``, showing progress."""
        refs = self.selected_refs()
        if self._db is None or not refs or not folder:
            return None
        self.folder = folder
        from licenseapp.gui.packets.batch_dialog import PacketBatchDialog  # (imported when used)

        dialog = PacketBatchDialog(self._runner, self._db, refs, folder, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finishedBatch.connect(
            lambda batch: self.message.emit(f"{len(batch.saved)} packet(s) saved to {folder}."))
        dialog.finished.connect(lambda _result: self._forget_batch(dialog))
        self.batch_dialog = dialog
        dialog.show()
        dialog.start()
        return dialog

    def _forget_batch(self, dialog: PacketBatchDialog) -> None:
        if self.batch_dialog is dialog:
            self.batch_dialog = None
