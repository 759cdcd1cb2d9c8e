"""Application › Supporting documents…: the attachments of any application (a filed one
too), read-only, each opened with the system viewer (Open, Enter or a double-click)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.safety.attachment_opener import AttachmentOpener, UrlOpener
from licenseapp.gui.safety.failure_text import failure_text
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme_follow import follow_items
from licenseapp.gui.wizard.page_documents import COLUMNS, SAFETY_COLUMN, fill_attachment_table
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.services.output.attachments import AttachmentView
    from licenseapp.store.database import Database

Lister = Callable[[], "list[AttachmentView]"]


class SupportingDocumentsDialog(QDialog):
    def __init__(self, runner: TaskRunner, db: Database, lister: Lister, row: ApplicationRow,
                 parent: QWidget | None = None, *,
                 open_url: UrlOpener = QDesktopServices.openUrl) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self._lister = lister
        self.attachments: list[AttachmentView] | None = None
        self.opener = AttachmentOpener(runner, self, open_url)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._say)
        self.setWindowTitle(f"Supporting documents — {row.ref}")
        self.setMinimumSize(760, 340)
        heading = QLabel(f"{row.ref} · {row.foreign_national} · {row.status_label}")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Supporting documents")
        follow_items(self.table)  # unsafe rows keep their tint through a theme switch
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SAFETY_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.open_selected)
        self.status_label = QLabel("Loading the documents…")
        self.status_label.setWordWrap(True)
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open a read-only copy with the system's viewer")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setDefault(True)  # Enter in the list opens the file chosen
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setAutoDefault(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

    def load(self) -> None:
        self._runner.submit(self._lister, self._show, self._failed, context=self)

    def _show(self, rows: list[AttachmentView]) -> None:
        self.attachments = rows
        fill_attachment_table(self.table, rows)
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()
            unsafe = sum(a.blocks for a in rows)
            self._say(f"{len(rows)} document(s)" + (
                f"; {unsafe} flagged unsafe (asks before opening)" if unsafe else "")
                + ". Open one with Enter or a double-click.")
        else:
            self._say("No supporting documents are attached to this application.")

    def _failed(self, exc: BaseException) -> None:
        self._say("The documents could not be listed: " + failure_text(
            self._runner, exc, "listing of the documents"))

    @Slot(str)
    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    @Slot(str)
    def _opened(self, path: str) -> None:
        self._say(f"Opened a read-only copy in the system's viewer: {path}")

    @Slot()
    def open_selected(self) -> None:
        rows = self.attachments or []
        chosen = self.table.currentRow()
        if 0 <= chosen < len(rows):
            self.opener.open(self._db, rows[chosen])
