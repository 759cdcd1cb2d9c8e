"""Application › Preview packet… (Ctrl+P): the filing packet on screen before it is saved.

The packet is built off the GUI thread ("Building packet…"), then shown page by page.
"Save as…" writes exactly the bytes shown (whole or not at all); "Print…" asks the
system print dialog and prints in the background. Document numbers are masked on the data
sheet; "Show document numbers in full" rebuilds the packet (again off the GUI thread) with
them printed in full, and Save as/Print then use that packet. A packet that cannot be built (the
application is gone, the database cannot be read) is said in one sentence, with
"Try again".
"""

from __future__ import annotations

import itertools
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.packets.pdf_output import PdfOutput
from licenseapp.gui.packets.pdf_viewer import PdfViewerWidget
from licenseapp.gui.packets.wording import file_size, sentence
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.output.packet_files import (
    Packet,
    failure_text,
    make_packet,
    packet_file_name,
)

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class PacketPreviewDialog(QDialog):
    """Signals (for the window and tests): ``loaded(pages)``, ``loadFailed(message)``,
    ``saved(path)``, ``saveFailed(message)``, ``printed(pages)``, ``printFailed(message)``."""

    loaded = Signal(int)
    loadFailed = Signal(str)
    saved = Signal(str)
    saveFailed = Signal(str)
    printed = Signal(int)
    printFailed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        db: Database,
        ref: str,
        parent: QWidget | None = None,
        *,
        folder: str = "",
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self.ref = ref
        self.packet: Packet | None = None
        #: Save as… and Print… of the packet shown.
        self.output = PdfOutput(runner, self, "packet", folder=folder)
        self.output.db = db
        self._builds = itertools.count(1)
        self._build_id = 0  # the latest build asked for: an older one's result is dropped
        self.setWindowTitle(f"Packet — {ref}")
        self.setSizeGripEnabled(True)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)
        self.full_numbers_box = QCheckBox("Show document &numbers in full")
        self.full_numbers_box.setToolTip(
            "Print passport, visa and other document numbers in full on the foreign national "
            "data sheet (masked by default). The packet is then personal data.")
        self.full_numbers_box.toggled.connect(self._full_numbers_toggled)

        self.busy_label = QLabel()
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(280)
        self.retry_button = QPushButton("&Try again")
        self.retry_button.clicked.connect(self.build)
        busy_page = QWidget()
        busy_layout = QVBoxLayout(busy_page)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addStretch(2)
        self.viewer = PdfViewerWidget()
        self.stack = QStackedWidget()
        self.stack.addWidget(busy_page)
        self.stack.addWidget(self.viewer)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            "&Save as…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("Save this packet as a PDF file (Ctrl+S)")
        self.print_button = self.buttons.addButton(
            "&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip("Print this packet (Ctrl+P)")
        for button in (self.save_button, self.print_button):
            button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.choose_file)
        self.print_button.clicked.connect(self.choose_printer)
        self.output.status.connect(self.status_label.setText)
        self.output.busyChanged.connect(self._update_buttons)
        for mine, theirs in ((self.saved, self.output.saved),
                             (self.saveFailed, self.output.saveFailed),
                             (self.printed, self.output.printed),
                             (self.printFailed, self.output.printFailed)):
            theirs.connect(mine)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.full_numbers_box, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self._fit_to_screen()
        self.build()

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(860, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))

    # --- building ----------------------------------------------------------------------

    @property
    def full_document_numbers(self) -> bool:
        """Whether the packet is (being) built with document numbers in full."""
        return self.full_numbers_box.isChecked()

    @Slot(bool)
    def _full_numbers_toggled(self, _checked: bool) -> None:
        self.build()

    @Slot()
    def build(self) -> None:
        """Build the packet in the background, showing "Building packet…" meanwhile."""
        self.packet = self.output.pdf = None
        self._show_heading()
        self.busy_label.setText(f"Building packet for {self.ref}…")
        self.busy_bar.show()
        self.retry_button.hide()
        self.stack.setCurrentIndex(0)
        self.status_label.clear()
        self._update_buttons()
        db, ref, full = self._db, self.ref, self.full_document_numbers
        build_id = self._build_id = next(self._builds)
        self._runner.submit(lambda: make_packet(db, ref, full_document_numbers=full),
                            lambda packet: self._built(packet, build_id),
                            lambda exc: self._build_failed(exc, build_id), context=self)

    def _built(self, packet: Packet, build_id: int) -> None:
        if build_id != self._build_id:  # the checkbox changed since: a newer build follows
            return
        self.packet = packet
        self.output.pdf = packet.pdf
        pages = self.viewer.set_pdf(packet.pdf)
        if pages == 0:
            self._show_failure("The packet was built but cannot be shown (not a readable PDF).")
            return
        self.stack.setCurrentWidget(self.viewer)
        self._show_heading()
        self._update_buttons()
        self.viewer.view.setFocus()
        self.loaded.emit(pages)

    def _build_failed(self, exc: BaseException, build_id: int) -> None:
        if build_id != self._build_id:
            return
        message = failure_text(exc)
        if message is None:
            self._show_failure("The packet could not be built because of an unexpected error.")
            self._runner.report_error(exc)
            return
        self._show_failure(f"The packet for {self.ref} could not be built. {sentence(message)}")

    def _show_failure(self, text: str) -> None:
        self.packet = self.output.pdf = None
        self.busy_label.setText(text)
        self.busy_bar.hide()
        self.retry_button.show()
        self.stack.setCurrentIndex(0)
        self._update_buttons()
        self.loadFailed.emit(self.busy_label.text())

    def _show_heading(self) -> None:
        packet = self.packet
        text = f"<b>{escape(self.ref)}</b> — filing packet"
        if self.full_document_numbers:
            text += " · <b>document numbers in full</b> (personal data)"
        if packet is not None:
            text += (f"<br>{self.viewer.page_count} pages · {file_size(len(packet.pdf))} · "
                     f"SHA-256 <tt>{packet.sha256[:16]}…</tt>")
            self.heading.setToolTip(f"SHA-256 {packet.sha256}")
        self.heading.setText(text)

    def _update_buttons(self) -> None:
        ready = self.packet is not None
        self.save_button.setEnabled(ready and self.output.can_save)
        self.print_button.setEnabled(ready and self.output.can_print)

    # --- save as and print (PdfOutput) -------------------------------------------------

    @property
    def folder(self) -> str:
        return self.output.folder

    @folder.setter
    def folder(self, folder: str) -> None:
        self.output.folder = folder

    @property
    def file_dialog(self) -> QFileDialog | None:
        return self.output.file_dialog

    @property
    def print_dialog(self) -> QPrintDialog | None:
        return self.output.print_dialog

    @property
    def message_box(self) -> QMessageBox | None:
        return self.output.message_box

    @Slot()
    def choose_file(self) -> None:
        """Ask where to save (by default ``<REF>-packet.pdf``), then save there."""
        if self.packet is not None:
            self.output.choose_file(f"Save the packet for {self.ref}", packet_file_name(self.ref))

    @Slot(str)
    def save_to(self, path: str) -> None:
        """Write the packet shown to ``path`` in the background (whole or not at all)."""
        self.output.save_to(path)

    @Slot()
    def choose_printer(self) -> None:
        """The system print dialog; once accepted, the packet is printed in the background."""
        if self.packet is not None:
            self.output.choose_printer(f"Print the packet for {self.ref}",
                                       packet_file_name(self.ref), self.viewer.page_count)

    def print_to(self, printer: QPrinter) -> None:
        """Print the packet on ``printer`` (as the print dialog left it) in the background."""
        self.output.print_to(printer)
