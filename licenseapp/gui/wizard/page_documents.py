"""Wizard page 7: supporting documents — attached by file dialog or drag and drop, typed
by their content (PDF, PNG, JPEG), hashed, and checked against what the regulator expects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from licenseapp.domain.enums import AttachmentKind
from licenseapp.domain.sniffing import display_name
from licenseapp.errors import LicenseAppError
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.gui.safety.attachment_opener import AttachmentOpener, UrlOpener
from licenseapp.gui.theme import Tone
from licenseapp.gui.theme_follow import follow_items, paint_item
from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.services.output.attachments import (
    AttachmentView,
    accept,
    attach,
    list_attachments,
    remove,
)

KIND_LABELS = {
    AttachmentKind.PASSPORT: "Passport", AttachmentKind.VISA: "Visa",
    AttachmentKind.WORK_AUTHORIZATION: "Work authorization (EAD, I-797, DS-2019, I-20, green card)",
    AttachmentKind.RESUME: "Résumé", AttachmentKind.LOE: "Signed letter of explanation",
    AttachmentKind.TCP: "Signed technology control plan", AttachmentKind.OTHER: "Other",
}
COLUMNS = ("Kind", "File", "Safety", "Type", "Size", "SHA-256", "Added by")
SAFETY_COLUMN, HASH_COLUMN = 2, 5


def safety_text(a: AttachmentView) -> str:
    """What the Safety column says: nothing found, unsafe and why, or who accepted it."""
    if not a.hazards:
        return "OK"
    if a.blocks:
        return "⚠ Unsafe: " + "; ".join(a.hazards)
    return f"Accepted by {a.accepted_by}: " + "; ".join(a.hazards)


def attachment_cells(a: AttachmentView) -> list[QTableWidgetItem]:
    """One row of an attachments table (:data:`COLUMNS`); an unsafe file stands out."""
    label = KIND_LABELS.get(AttachmentKind(a.kind), a.kind) \
        if a.kind in AttachmentKind._value2member_map_ else a.kind
    cells = []
    for c, text in enumerate((label, a.shown_name, safety_text(a), a.media_type,
                              f"{a.size / 1024:,.0f} KB", a.sha256[:16] + "…", a.created_by)):
        item = QTableWidgetItem(text)
        if c == HASH_COLUMN:
            item.setToolTip(a.sha256)
        elif a.hazards:
            item.setToolTip("\n".join(a.hazards) + (
                "\nIt blocks the packet until it is reviewed and accepted "
                "(Accept…) or replaced." if a.blocks else ""))
        if a.blocks:
            paint_item(item, tint=Tone.DANGER)  # an unsafe file nobody has accepted yet
        cells.append(item)
    return cells


def fill_attachment_table(table: QTableWidget, rows: list[AttachmentView]) -> None:
    """Show ``rows`` in ``table``, one line each (:func:`attachment_cells`)."""
    table.setRowCount(len(rows))
    for r, a in enumerate(rows):
        for c, item in enumerate(attachment_cells(a)):
            table.setItem(r, c, item)


class DocumentsPage(DraftPage):
    sections = ("documents",)

    def __init__(self) -> None:
        super().__init__("Supporting documents",
                         "Passport, visa, work authorization, résumé, signed letter and TCP "
                         "— PDF, PNG or JPEG, up to 20 MB each. Drop files here or use "
                         "Attach…")
        self.setAcceptDrops(True)
        self.kind = QComboBox()
        self.kind.setObjectName("attach_kind")
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.attach_button = QPushButton("Attach…")
        self.remove_button = QPushButton("Remove")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Open the selected file with the system's viewer (a "
                                    "read-only copy); a double-click does the same")
        self.open_button.setEnabled(False)
        self.opener: AttachmentOpener | None = None
        #: How a copy reaches the system's viewer (tests record it instead).
        self.open_url: UrlOpener = QDesktopServices.openUrl
        self.accept_button = QPushButton("Accept…")
        self.accept_button.setToolTip("Accept the selected file flagged unsafe, after "
                                      "reviewing it; you are asked for a note (audited)")
        self.accept_button.setEnabled(False)
        self.accept_dialog: ReasonDialog | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        follow_items(self.table)
        self.table.setObjectName("attachments")
        self.table.setAccessibleName("Supporting documents")
        self.table.setTabKeyNavigation(False)  # Tab leaves for Back/Next; arrows move
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SAFETY_COLUMN, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(QLabel("Attach as:"))
        row.addWidget(self.kind)
        row.addWidget(self.attach_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.accept_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self.body)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self.attach_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.accept_button.clicked.connect(self.accept_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(self.open_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.attachments: list[AttachmentView] = []

    def initializePage(self) -> None:
        super().initializePage()
        self.reload()

    def _ref(self) -> str | None:
        saved = self.wiz().saved
        return saved.ref if saved else None

    def reload(self) -> None:
        ref = self._ref()
        if ref is None:
            return
        db = self.wiz().db
        self.wiz().runner.submit(lambda: list_attachments(db, ref), self._show, context=self)

    def _show(self, rows: list[AttachmentView]) -> None:
        self.attachments = rows
        fill_attachment_table(self.table, rows)
        self.remove_button.setEnabled(bool(rows))
        self.open_button.setEnabled(bool(rows))
        self._selection_changed()

    def _selected(self) -> list[AttachmentView]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.attachments[r] for r in rows if r < len(self.attachments)]

    def _selection_changed(self) -> None:
        self.accept_button.setEnabled(any(a.blocks for a in self._selected()))

    @Slot()
    def open_selected(self) -> None:
        """Open the selected file with the system's viewer (one flagged unsafe asks first)."""
        chosen = self._selected()
        if not chosen:
            self.status.setText("Select the document to open first.")
            return
        if self.opener is None:
            self.opener = AttachmentOpener(self.wiz().runner, self, self.open_url)
            self.opener.opened.connect(self._opened)
            self.opener.failed.connect(self.status.setText)
        self.opener.open(self.wiz().db, chosen[0])

    @Slot(str)
    def _opened(self, path: str) -> None:
        self.status.setText(f"Opened a read-only copy in the system's viewer: {path}")

    def accept_selected(self) -> None:
        """Ask for a note, then accept the selected unsafe file (audited)."""
        chosen = [a for a in self._selected() if a.blocks]
        if not chosen:
            self.status.setText("Select a file marked unsafe to accept it.")
            return
        target = chosen[0]
        db = self.wiz().db
        question = (f"Accept {target.shown_name} although it was flagged unsafe?\n"
                    + "\n".join(f"• {h}" for h in target.hazards)
                    + "\n\nAccept it only after reviewing the file; otherwise replace it.")
        dialog = ReasonDialog(
            self.wiz().runner, lambda note: accept(db, target.id, note),
            title="Accept unsafe file", question=question, action="&Accept file",
            placeholder="what you checked, e.g. opened in a sandbox, sender confirmed",
            note="Your name, the time and this note are recorded in the audit trail.",
            parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._accepted)
        hold_until_closed(self, "accept_dialog", dialog)
        self.accept_dialog = dialog
        dialog.open()

    def _accepted(self, view: AttachmentView) -> None:
        self.status.setText(f"Accepted {view.shown_name} after review (recorded in the "
                            "audit trail).")
        self.reload()
        self.wiz().run_check()

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Attach supporting documents", str(Path.home()),
            "Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)")
        self.attach_files([Path(n) for n in names])

    def attach_files(self, files: list[Path]) -> None:
        """Attach each file as the chosen kind; a refused file is named with the reason."""
        ref = self._ref()
        if ref is None or not files:
            return
        db, kind = self.wiz().db, str(self.kind.currentData())

        def work() -> tuple[list[AttachmentView], list[str]]:
            done, refused = [], []
            for f in files:
                try:
                    done.append(attach(db, ref, f, kind))
                except LicenseAppError as exc:
                    refused.append(f"{display_name(f.name)}: {exc.message}")
                except OSError as exc:
                    refused.append(f"{display_name(f.name)}: cannot be read ({exc.strerror})")
            return done, refused

        self.status.setText("Attaching…")
        self.wiz().runner.submit(work, self._attached, context=self)

    def _attached(self, outcome: tuple[list[AttachmentView], list[str]]) -> None:
        done, refused = outcome
        lines = [f"Attached {a.shown_name} ({a.media_type})" + (
            f" — note: {'; '.join(a.warnings)}" if a.warnings else "") + (
            f" — UNSAFE, blocks the packet until accepted: {'; '.join(a.hazards)}"
            if a.hazards else "") for a in done]
        lines += [f"Not attached — {r}" for r in refused]
        self.status.setText("\n".join(lines))
        self.reload()
        self.wiz().run_check()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        chosen = [self.attachments[r].id for r in rows if r < len(self.attachments)]
        if not chosen:
            self.status.setText("Select the document to remove first.")
            return
        db = self.wiz().db

        def work() -> list[AttachmentView]:
            return [remove(db, i) for i in chosen]

        self.wiz().runner.submit(work, self._removed, context=self)

    def _removed(self, gone: list[AttachmentView]) -> None:
        self.status.setText("Removed " + ", ".join(a.shown_name for a in gone)
                            + " (kept in the audit trail).")
        self.reload()
        self.wiz().run_check()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.attach_files(files)
