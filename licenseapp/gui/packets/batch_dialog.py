"""Application › Save packets for selection…: many packets saved to a folder, in the background.

While it runs: "Packet n of N", the reference being built, a progress bar and Cancel.
Cancel stops after the packet being built (its file is finished, never half-written);
closing the dialog asks the same. At the end the dialog says how many were saved, where,
and which failed and why.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.packets.batch_summary import summarize
from licenseapp.gui.packets.wording import sentence
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.output.packet_files import PacketBatch, failure_text, save_packets

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class _PacketProgress(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    progressed = Signal(int, int, str)


class PacketBatchDialog(QDialog):
    """Signals: ``progressed(done, total, ref)`` as each packet starts, ``finishedBatch(batch)``
    at the end (a :class:`PacketBatch`), ``batchFailed(message)`` if nothing could start."""

    progressed = Signal(int, int, str)
    finishedBatch = Signal(object)
    batchFailed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        db: Database,
        refs: Sequence[str],
        folder: str | Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self.refs = tuple(refs)
        self.folder = Path(folder)
        self.cancel_requested = threading.Event()
        self.batch: PacketBatch | None = None
        self._running = False
        self._current = ""
        self._relay = _PacketProgress(self)
        self._relay.progressed.connect(self._progressed)
        self.setWindowTitle("Save packets")
        self.setMinimumWidth(560)

        total = len(self.refs)
        self.heading = QLabel(
            f"<b>Saving {total} packet{'s' if total != 1 else ''}</b> to "
            f"{escape(str(self.folder))}")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("%v of %m")
        self.progress_bar.setAccessibleName("Packets saved")
        self.current_label = QLabel("Starting…")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.failures = QTreeWidget()
        self.failures.setAccessibleName("Packets not saved")
        self.failures.setHeaderLabels(["Application", "Why it was not saved"])
        self.failures.setRootIsDecorated(False)
        self.failures.setWordWrap(True)
        self.failures.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.failures.header().setStretchLastSection(True)
        self.failures.hide()

        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip("Stop after the packet being saved now")
        self.cancel_button.clicked.connect(self.cancel)
        self.show_folder_button = QPushButton("Show &folder")
        self.show_folder_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
        self.show_folder_button.clicked.connect(self.show_folder)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.accept)
        self.buttons.addButton(self.show_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder_button.hide()
        self.close_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.current_label)
        layout.addWidget(self.failures, 1)
        layout.addWidget(self.buttons)

    @property
    def running(self) -> bool:
        return self._running

    # --- running -----------------------------------------------------------------------

    def start(self) -> None:
        """Save the packets in the background."""
        if self._running or self.batch is not None:
            return
        self._running = True
        db, refs, folder = self._db, self.refs, self.folder
        relay, cancel = self._relay, self.cancel_requested

        def work() -> PacketBatch:
            return save_packets(db, refs, folder, cancel=cancel,
                                progress=relay.progressed.emit)

        self._runner.submit(work, self._finished, self._failed, context=self)

    @Slot()
    def cancel(self) -> None:
        """Stop after the packet being saved now (the files finished are kept)."""
        if not self._running or self.cancel_requested.is_set():
            return
        self.cancel_requested.set()
        self.cancel_button.setEnabled(False)
        self.current_label.setText(
            f"Stopping after {self._current}…" if self._current else "Stopping…")

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, ref: str) -> None:
        self.progress_bar.setValue(done)
        self._current = ref
        if ref and not self.cancel_requested.is_set():
            self.current_label.setText(f"Packet {done + 1} of {total}: {ref}")
        self.progressed.emit(done, total, ref)

    def _finished(self, batch: PacketBatch) -> None:
        self._running = False
        self.batch = batch
        summary = summarize(batch)
        self.progress_bar.setValue(len(batch.saved) + len(batch.failed))
        self.heading.setText(f"<b>{escape(summary.headline)}</b>")
        self.current_label.setText("\n".join(summary.details))
        for ref, why in summary.failures:
            QTreeWidgetItem(self.failures, [ref, sentence(why)])
        self.failures.setVisible(bool(summary.failures))
        self._show_end_buttons(show_folder=bool(batch.saved))
        self.finishedBatch.emit(batch)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        message = failure_text(exc)
        if message is None:
            self._runner.report_error(exc)
            message = "An unexpected error stopped the batch; see the log"
        self.heading.setText("<b>No packet was saved.</b>")
        self.current_label.setText(sentence(message))
        self._show_end_buttons(show_folder=False)
        self.batchFailed.emit(message)

    def _show_end_buttons(self, *, show_folder: bool) -> None:
        self.cancel_button.hide()
        self.close_button.show()
        self.show_folder_button.setVisible(show_folder)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    @Slot()
    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    # --- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Escape or the window's close button: while saving, the same as Cancel."""
        if self._running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
