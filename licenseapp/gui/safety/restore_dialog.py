"""File › Restore…: a backup into a NEW database file, verified, then offered to open.

The open database is never touched: the restore goes into a file that must not exist yet
(``services.safety.recovery.restore_backup``, the same restore as the recovery dialog's),
off the GUI thread with the part being restored shown. A damaged or foreign file is
refused with one sentence and whatever was created is removed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.counted import counted
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.cancellable_dialog import CancellableDialog
from licenseapp.gui.recovery.dialog import default_new_file
from licenseapp.gui.safety.failure_text import failure_text
from licenseapp.gui.safety.path_field import PathField, fit_height
from licenseapp.gui.tasks import ProgressNotes, TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.safety.recovery import RestoreOutcome

BACKUP_FILTERS = ["LicenseApp backups (*.zip *.db *.bak *.sqlite *.sqlite3)", "All files (*)"]
DATABASE_FILTERS = ["LicenseApp databases (*.db)"]
_SHOWN = 20


def _restore(source: Path, target: Path, passphrase: str | None,
             progress: Callable[[str], None]) -> RestoreOutcome:
    from licenseapp.services.safety.recovery import RestoreRequest, restore_backup

    return restore_backup(RestoreRequest(source, target, passphrase=passphrase), progress)


class RestoreCancelled(Exception):
    """Raised in the worker at the next step once Cancel was clicked."""


class RestoreDialog(CancellableDialog):
    """``openRequested(path)``: the user wants the restored database opened. While the
    restore runs, Cancel, Escape and the window's close button cancel it (nothing is left)."""

    openRequested = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *,
                 target: Path | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.outcome: RestoreOutcome | None = None
        self._cancel = threading.Event()
        self.setWindowTitle("Restore a backup")
        intro = QLabel("Restores a backup written by LicenseApp (a .zip archive or a .db "
                       "snapshot) into a new database file, then checks it. The database "
                       "open now is not changed.")
        intro.setWordWrap(True)
        # Wide enough for the paths (the dialog's own minimum width would give way to its
        # layout's, which keeps it no smaller than what it shows: the path was cut).
        intro.setMinimumWidth(680)
        self.backup_field = PathField("Backup file", "Choose a LicenseApp backup",
                                      BACKUP_FILTERS, saving=False, browse_text="Bro&wse…")
        self.target_field = PathField("New database file", "Restore into a new database file",
                                      DATABASE_FILTERS, saving=True, suffix="db",
                                      browse_text="Brow&se…")
        self.target_field.set_path(target or default_new_file(None))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Passphrase of the backup")
        self.passphrase_label = QLabel("Pass&phrase:")
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form = QFormLayout()
        backup_label = QLabel("&Backup:")
        backup_label.setBuddy(self.backup_field.edit)
        target_label = QLabel("&Into:")
        target_label.setBuddy(self.target_field.edit)
        form.addRow(backup_label, self.backup_field)
        form.addRow(target_label, self.target_field)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.passphrase_label.hide()
        self.passphrase_edit.hide()

        self.busy = BusyNote()
        self.busy.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.clicked.connect(self.start)
        self.open_button = QPushButton("&Open the restored database")
        self.open_button.clicked.connect(self.open_restored)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.hide()  # after adding it: the button box's setParent showed it again
        layout = QVBoxLayout(self)
        # Never smaller than what it shows: a long outcome once squeezed the choices together.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._relay = ProgressNotes(self)
        self._relay.note.connect(self._progress)
        self.backup_field.edit.textChanged.connect(self._update)
        self.target_field.edit.textChanged.connect(self._update)
        self._update()
        self.backup_field.edit.setFocus()

    @Slot()
    def _update(self) -> None:
        idle = not self.running
        done = self.outcome is not None
        self.backup_field.setEnabled(idle and not done)
        self.target_field.setEnabled(idle and not done)
        self.passphrase_edit.setEnabled(idle and not done)
        self.restore_button.setEnabled(
            idle and not done and self.backup_field.path() is not None
            and self.target_field.path() is not None)
        if self.restore_button.isEnabled():  # Enter presses it (a disabled default gave way)
            self.restore_button.setDefault(True)
        self.cancel_button.setEnabled(idle or not self._cancel.is_set())  # idle: it closes

    @Slot()
    def start(self) -> None:
        source, target = self.backup_field.path(), self.target_field.path()
        if self.running or self.outcome is not None or source is None or target is None:
            return
        from licenseapp.services.safety.archive_encryption import is_encrypted

        passphrase = None
        if source.is_file() and is_encrypted(source):
            if not self.passphrase_edit.isVisible() or not self.passphrase_edit.text():
                self.passphrase_label.show()
                self.passphrase_edit.show()
                self.passphrase_edit.setFocus()
                self.result_label.setText(f"{source.name} is encrypted: type its passphrase, "
                                          "then Restore.")
                return
            passphrase = self.passphrase_edit.text()
        self.running = True
        self._cancel.clear()
        self.result_label.clear()
        self.busy.show()
        self.busy.start(f"Restoring {source.name}")
        self._update()
        relay, cancel = self._relay, self._cancel

        def progress(note: str) -> None:
            if cancel.is_set():
                raise RestoreCancelled
            relay.send(note)

        self._runner.submit(lambda: _restore(source, target, passphrase, progress),
                            self._restored, self._failed, context=self)

    @Slot(str)
    def _progress(self, note: str) -> None:
        if self.running and not self._cancel.is_set():
            self.busy.start(f"Restoring: {note.replace('_', ' ')}")

    def _say(self, text: str) -> None:
        self.running = False
        self.busy.stop()
        self.busy.hide()
        self.result_label.setText(text)
        self._update()
        fit_height(self)

    def _restored(self, outcome: RestoreOutcome) -> None:
        self.outcome = outcome
        self.restore_button.hide()
        self.open_button.show()
        self.show_close()
        if outcome.verified:
            self.open_button.setText("&Open the restored database")
            self._say(f"Restored the backup into {outcome.target} and verified it: "
                      "the records are whole and the audit chain is intact. Open it to work "
                      "in it; the database open now stays as it was.")
        else:
            self.open_button.setText("&Open it anyway")
            shown = "\n".join(f"• {p}" for p in outcome.problems[:_SHOWN])
            more = (f"\n… and {len(outcome.problems) - _SHOWN} more"
                    if len(outcome.problems) > _SHOWN else "")
            self._say(f"Restored into {outcome.target}, but the check found "
                      f"{counted(len(outcome.problems), 'problem')}: the backup was changed or "
                      f"damaged before it was restored. Use an older backup, or ask your "
                      f"administrator.\n{shown}{more}")
        self.open_button.setDefault(True)
        self.open_button.setFocus()

    @Slot()
    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.busy.start("Cancelling: what was restored so far is being removed")
            self._update()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RestoreCancelled):
            self._say("Cancelled: no new database was left behind; the open database is "
                      "unchanged.")
            return
        self._say("Not restored: " + failure_text(self._runner, exc, "restore")
                  + " The open database is unchanged and no new file was left behind.")

    @Slot()
    def open_restored(self) -> None:
        if self.outcome is not None:
            self.openRequested.emit(str(self.outcome.target))
            self.accept()
