"""File › Back up…: the whole database to a portable .zip (with the attachments, optionally
encrypted) or, for SQLite, a .db snapshot — off the GUI thread, with progress and Cancel.

The service (``services.safety.backup``) refuses the open database and its working files
as the target, and an existing file unless the file dialog asked to replace it; the file
is written whole or not at all, so a cancel or a failure leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.cancellable_dialog import CancellableDialog
from licenseapp.gui.packets.wording import file_size
from licenseapp.gui.safety.failure_text import failure_text
from licenseapp.gui.safety.path_field import PathField, fit_height
from licenseapp.gui.tasks import ProgressNotes, TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.safety.backup import BackupResult
    from licenseapp.store.database import Database

ARCHIVE_FILTERS = ["Portable backups (*.zip)", "All files (*)"]
SNAPSHOT_FILTERS = ["SQLite snapshots (*.db)", "All files (*)"]
_TABLE_WORDS = {"person_documents": "identity documents", "resume_entries": "résumés",
                "controlled_items": "items", "application_items": "application items",
                "status_events": "status history", "record_seals": "seals",
                "audit_log": "audit trail"}


class BackupCancelled(Exception):
    """Raised in the worker at the next table once Cancel was clicked."""


def default_backup_file(folder: Path, snapshot: bool, today: date | None = None) -> Path:
    stamp = (today or date.today()).isoformat()
    return folder / f"licenseapp-backup-{stamp}.{'db' if snapshot else 'zip'}"


def _run_backup(db: Database, target: Path, progress: Callable[[str], None], replace: bool,
                passphrase: str | None, cancel: threading.Event) -> tuple[BackupResult, int]:
    from licenseapp.services.safety.backup import backup

    if cancel.is_set():  # cancelled while waiting for a free worker (a snapshot has no steps)
        raise BackupCancelled
    result = backup(db, target, progress, replace=replace, passphrase=passphrase)
    return result, target.stat().st_size


def table_count() -> int:
    from licenseapp.services.safety.archive_format import backed_up_tables

    return len(backed_up_tables())


class BackupDialog(CancellableDialog):
    """``outcome`` and ``written`` (bytes) hold the outcome once a backup finished. While it
    runs, Cancel, Escape and the window's close button cancel it; afterwards Close closes."""

    def __init__(self, runner: TaskRunner, db: Database, parent: QWidget | None = None,
                 *, folder: str = "") -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self._cancel = threading.Event()
        self._replace: Path | None = None  # a file the file dialog asked to replace
        self._done_tables = 0
        self.outcome: BackupResult | None = None
        self.written = 0
        self.setWindowTitle("Back up the database")
        self.setMinimumWidth(600)
        sqlite = db.location.sqlite_path is not None
        documents = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        self._folder = Path(folder) if folder else (
            documents if documents.is_dir() else Path.home())

        self.intro_label = intro = QLabel(
            f"A copy of the whole database, {db.location.display}, taken while you keep "
            "working. Keep it somewhere other than this computer.")
        intro.setWordWrap(True)
        self.file_field = PathField("Backup file", "Back up to", ARCHIVE_FILTERS, saving=True,
                                    suffix="zip", browse_text="Bro&wse…")
        self.file_field.set_path(default_backup_file(self._folder, snapshot=False))
        self.file_field.chosen.connect(self._chosen_in_dialog)
        self.archive_radio = QRadioButton(
            "&Portable archive (.zip) with the attachments — restores into SQLite or "
            "PostgreSQL")
        self.snapshot_radio = QRadioButton("&SQLite snapshot (.db) — a copy of the database "
                                           "file")
        self.snapshot_radio.setEnabled(sqlite)
        if not sqlite:
            self.snapshot_radio.setToolTip("Only for a database kept in a file; this one is "
                                           "on a server")
        forms = QButtonGroup(self)
        forms.addButton(self.archive_radio)
        forms.addButton(self.snapshot_radio)
        self.archive_radio.setChecked(True)
        self.encrypt_box = QCheckBox("&Encrypt with a passphrase")
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit.setAccessibleName("The same passphrase again")
        kinds = QWidget()  # a widget, not a layout: the form keeps both lines' height
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        kinds_layout.addWidget(self.archive_radio)
        kinds_layout.addWidget(self.snapshot_radio)
        form = QFormLayout()
        form.addRow("&File:", self.file_field)
        form.addRow("Kind:", kinds)
        form.addRow("", self.encrypt_box)
        self.passphrase_label = QLabel("Passp&hrase:")
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.again_label = QLabel("A&gain:")
        self.again_label.setBuddy(self.again_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        form.addRow(self.again_label, self.again_edit)
        file_label = form.labelForField(self.file_field)
        if isinstance(file_label, QLabel):
            file_label.setBuddy(self.file_field.edit)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Backup progress")
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton("&Back up")
        self.backup_button.clicked.connect(self.start)
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        # Never smaller than what it shows: a long outcome once squeezed the choices together.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._relay = ProgressNotes(self)
        self._relay.note.connect(self._progress)
        self.snapshot_radio.toggled.connect(self._form_changed)
        self.encrypt_box.toggled.connect(self._update)
        self.file_field.edit.textChanged.connect(self._update)
        self._update()
        self.file_field.edit.setFocus()

    # --- choices -------------------------------------------------------------------------

    @property
    def snapshot(self) -> bool:
        return self.snapshot_radio.isChecked()

    @Slot(bool)
    def _form_changed(self, snapshot: bool) -> None:
        """The file name follows the form: .db for a snapshot, .zip for an archive."""
        self.file_field.set_filters(SNAPSHOT_FILTERS if snapshot else ARCHIVE_FILTERS,
                                    "db" if snapshot else "zip")
        current = self.file_field.path()
        if current is not None:
            self.file_field.set_path(current.with_suffix(".db" if snapshot else ".zip"))
        if snapshot:
            self.encrypt_box.setChecked(False)
        self._update()

    @Slot(str)
    def _chosen_in_dialog(self, path: str) -> None:
        self._replace = Path(path)  # the file dialog asked before replacing it
        suffix = Path(path).suffix.lower()
        if suffix in (".db", ".sqlite", ".sqlite3") and self.snapshot_radio.isEnabled():
            self.snapshot_radio.setChecked(True)
        elif suffix == ".zip":
            self.archive_radio.setChecked(True)

    @Slot()
    def _update(self) -> None:
        idle = not self.running
        encrypt = self.encrypt_box.isChecked()
        self.encrypt_box.setEnabled(idle and not self.snapshot)
        for widget in (self.passphrase_label, self.passphrase_edit, self.again_label,
                       self.again_edit):
            widget.setVisible(encrypt)
            widget.setEnabled(idle)
        self.archive_radio.setEnabled(idle)
        self.snapshot_radio.setEnabled(idle and self._db.location.sqlite_path is not None)
        self.file_field.setEnabled(idle)
        self.backup_button.setEnabled(idle and self.file_field.path() is not None)
        if self.backup_button.isEnabled():  # Enter presses it (a disabled default gave way)
            self.backup_button.setDefault(True)
        self.cancel_button.setEnabled(idle or not self._cancel.is_set())  # idle: it closes

    # --- backing up ----------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        target = self.file_field.path()
        if self.running or target is None:
            return
        passphrase = None
        if self.encrypt_box.isChecked():
            passphrase = self.passphrase_edit.text()
            if passphrase != self.again_edit.text():
                self.status_label.setText("The two passphrases differ; type the same one "
                                          "twice. Nothing was written.")
                self.again_edit.setFocus()
                return
        if not target.is_absolute():
            target = self._folder / target
        self.running = True
        self.outcome = None
        self.close_button.hide()  # Cancel again while this one runs
        self.cancel_button.show()
        self._cancel.clear()
        self._done_tables = 0
        replace = self._replace is not None and self._replace == target
        self.progress_bar.setRange(0, 0 if self.snapshot else table_count())
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.status_label.setText(f"Backing up to {target}…")
        self._update()
        db, cancel, relay = self._db, self._cancel, self._relay

        def progress(table: str) -> None:
            if cancel.is_set():
                raise BackupCancelled
            relay.send(table)

        self._runner.submit(lambda: _run_backup(db, target, progress, replace, passphrase,
                                                cancel),
                            self._done, self._failed, context=self)

    @Slot(str)
    def _progress(self, table: str) -> None:
        if not self.running or self._cancel.is_set():
            return
        self._done_tables += 1
        if self.progress_bar.maximum():
            self.progress_bar.setValue(min(self._done_tables, self.progress_bar.maximum()))
        word = _TABLE_WORDS.get(table, table.replace("_", " "))
        self.status_label.setText(f"Backing up: {word}…")

    @Slot()
    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.status_label.setText("Cancelling after the part being copied…")
            self._update()

    def _finish(self, text: str) -> None:
        self.running = False
        self.progress_bar.hide()
        self.status_label.setText(text)
        self._update()
        self.show_close()
        fit_height(self)  # the outcome may take more lines than the note before it

    def _done(self, outcome: tuple[BackupResult, int]) -> None:
        result, size = outcome
        self.outcome, self.written = result, size
        self._replace = None
        if result.kind == "sqlite":
            what = f"SQLite snapshot, {result.rows:,} rows"
        else:
            what = (f"{'encrypted ' if result.encrypted else ''}portable archive, "
                    f"{result.rows:,} rows and {result.attachments:,} attachment(s)")
        self._finish(f"Backed up to {result.path} ({file_size(size)}; {what}). To restore "
                     "it: File › Restore a backup…")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, BackupCancelled):
            self._finish("Cancelled: nothing was written.")
            return
        from licenseapp.services.output.output_files import OutputExists

        if isinstance(exc, OutputExists):
            self._finish(f"Not backed up: {self.file_field.path()} already exists. Choose it "
                         "with Browse… to replace it, or type another name.")
            return
        self._finish("Not backed up: " + failure_text(self._runner, exc, "backup")
                     + " Nothing was written.")
