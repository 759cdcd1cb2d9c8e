"""The database cannot be opened: say why, and offer a restore, another database, or quit.

The restore page lists the dated copies the app made beside the SQLite file before
upgrades, plus any backup file the user picks. The restored database goes into a new file,
or where the broken one was after the broken file was moved aside — it is never
overwritten or deleted. The restore and its verification run off the GUI thread; the
dialog says ``restored(path)`` when the new database is ready to open.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from licenseapp import paths
from licenseapp.domain.counted import counted
from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.tasks import ProgressNotes, TaskRunner
from licenseapp.services.safety.recovery import (
    Failure,
    FoundBackup,
    RestoreOutcome,
    RestoreRequest,
    aside_name,
    find_backups,
    restore_backup,
)

_PATH_ROLE = Qt.ItemDataRole.UserRole


def _free_path(folder: Path, stem: str) -> Path:
    candidate = folder / f"{stem}.db"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate


def default_new_file(broken: Path | None, today: date | None = None) -> Path:
    """Where a restore goes unless the user says otherwise: beside the broken file."""
    stamp = (today or date.today()).strftime("%Y%m%d")
    if broken is not None:
        return _free_path(broken.parent, f"{broken.stem}-restored-{stamp}")
    return _free_path(paths.user_data_dir(), f"licenseapp-restored-{stamp}")


class RecoveryDialog(QDialog):
    """Signals: ``restored(path)`` — open this database; ``openAnotherRequested()``;
    ``quitRequested()``."""

    restored = Signal(str)
    openAnotherRequested = Signal()
    quitRequested = Signal()

    def __init__(self, runner: TaskRunner, failure: Failure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.failure = failure
        self.outcome: RestoreOutcome | None = None
        self._busy = False
        self._opened = False
        self.setWindowTitle("LicenseApp — the database cannot be opened")
        self.setMinimumWidth(620)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._explain_page())
        self.pages.addWidget(self._restore_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._relay = ProgressNotes(self)
        self._relay.note.connect(self._progress)
        self._show_page(0)
        self.restore_button.setFocus()

    def _show_page(self, index: int) -> None:
        """Show page ``index``; the dialog takes that page's size, not the larger one's."""
        policy = QSizePolicy.Policy
        for n in range(self.pages.count()):
            page = self.pages.widget(n)
            assert page is not None
            page.setSizePolicy(*((policy.Preferred, policy.Preferred) if n == index
                                 else (policy.Ignored, policy.Ignored)))
        self.pages.setCurrentIndex(index)
        self.pages.adjustSize()
        self.adjustSize()

    # --- building ----------------------------------------------------------------------

    def _explain_page(self) -> QWidget:
        page = QWidget()
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline_label = QLabel(f"<b>{escape(self.failure.headline)}</b>")
        self.headline_label.setTextFormat(Qt.TextFormat.RichText)
        font = self.headline_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline_label.setFont(font)
        self.detail_label = QLabel(self.failure.detail)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        untouched = (
            "You can restore a backup into a new database file (the broken file is kept as "
            "it is), open another database, or quit."
            if self.failure.sqlite_path is not None else
            "You can restore a backup into a database file on this computer, open another "
            "database, or quit and try again later."
        )
        self.advice_label = QLabel(untouched)
        self.advice_label.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.headline_label)
        text.addWidget(self.detail_label)
        text.addSpacing(6)
        text.addWidget(self.advice_label)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(8)
        top.addLayout(text, 1)

        self.restore_button = QPushButton("&Restore from backup…")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.show_restore_page)
        self.open_another_button = QPushButton("&Open another database…")
        self.open_another_button.clicked.connect(self._open_another)
        self.quit_button = QPushButton("&Quit")
        self.quit_button.clicked.connect(self._quit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.open_another_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)

        layout = QVBoxLayout(page)
        layout.addLayout(top, 1)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        return page

    def _restore_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel("<b>Choose the backup to restore</b>")
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName("Backups")
        self.backup_list.setMinimumHeight(120)
        self.backup_list.currentItemChanged.connect(self._update_buttons)
        self.backups_note = QLabel()
        self.backups_note.setWordWrap(True)
        self.choose_file_button = QPushButton("&Choose a backup file…")
        self.choose_file_button.clicked.connect(self.choose_backup_file)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.backups_note, 1)
        choose_row.addWidget(self.choose_file_button)

        target_intro = QLabel("<b>Restore into</b>")
        broken = self.failure.sqlite_path
        self.in_place_radio = QRadioButton()
        self.in_place_radio.setEnabled(broken is not None)
        if broken is not None:
            kept = aside_name(broken).name
            self.in_place_radio.setText(
                f"Its usual place, {broken.name} — the broken file is kept as {kept}")
        else:
            self.in_place_radio.setText("Its usual place (only for a database file)")
        self.new_file_radio = QRadioButton("A new database file:")
        self.target_edit = QLineEdit(str(default_new_file(broken)))
        self.target_edit.setAccessibleName("New database file")
        self.target_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.choose_target_file)
        group = QButtonGroup(self)
        group.addButton(self.in_place_radio)
        group.addButton(self.new_file_radio)
        (self.in_place_radio if broken is not None else self.new_file_radio).setChecked(True)
        self.new_file_radio.toggled.connect(self._update_buttons)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_file_radio)
        new_row.addWidget(self.target_edit, 1)
        new_row.addWidget(browse)

        self.busy = BusyNote()
        self.busy.hide()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.back_button = QPushButton("&Back")
        self.back_button.clicked.connect(self.show_explain_page)
        self.start_button = QPushButton("Restore")
        self.start_button.clicked.connect(self.start_restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.backup_list, 1)
        layout.addLayout(choose_row)
        layout.addSpacing(6)
        layout.addWidget(target_intro)
        layout.addWidget(self.in_place_radio)
        layout.addLayout(new_row)
        layout.addSpacing(6)
        layout.addWidget(self.busy)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        return page

    # --- pages -------------------------------------------------------------------------

    @Slot()
    def show_restore_page(self) -> None:
        self._show_page(1)
        if self.backup_list.count() == 0:
            self.backups_note.setText("Looking for backups…")
            self._runner.submit(lambda: find_backups(self.failure.sqlite_path),
                                self._backups_found, self._backups_failed, context=self)
        self._update_buttons()

    @Slot()
    def show_explain_page(self) -> None:
        if not self._busy:
            self._show_page(0)

    def _backups_found(self, found: list[FoundBackup]) -> None:
        for backup in found:
            self._add_backup(backup.path, backup.label)
        if self.backup_list.currentRow() < 0 and self.backup_list.count():
            self.backup_list.setCurrentRow(0)
        where = self.failure.sqlite_path.parent if self.failure.sqlite_path else None
        if found:
            self.backups_note.setText(
                f"{len(found)} cop{'y' if len(found) == 1 else 'ies'} LicenseApp made before "
                "upgrading the database, newest first; or choose a backup file.")
        elif where is not None:
            self.backups_note.setText(
                f"No copies made before upgrades were found in {where}. Choose a backup file "
                "(a .zip or .db written by 'licenseapp backup').")
        else:
            self.backups_note.setText("Choose a backup file (a .zip or .db backup).")
        self._update_buttons()

    def _backups_failed(self, exc: BaseException) -> None:
        self.backups_note.setText(f"The backups could not be listed: {exc}")

    def _add_backup(self, path: Path, label: str) -> QListWidgetItem:
        for row in range(self.backup_list.count()):
            item = self.backup_list.item(row)
            if item.data(_PATH_ROLE) == str(path):
                return item
        item = QListWidgetItem(label)
        item.setData(_PATH_ROLE, str(path))
        item.setToolTip(str(path))
        self.backup_list.addItem(item)
        return item

    # --- choices -----------------------------------------------------------------------

    def select_backup(self, path: str | Path) -> None:
        """Restore from ``path`` (listed first if it is not yet)."""
        chosen = Path(path)
        item = self._add_backup(chosen, f"{chosen.name}\n{chosen.parent}")
        self.backup_list.setCurrentItem(item)

    def set_target(self, path: str | Path | None) -> None:
        """Restore into the new file ``path``, or (None) where the broken file was."""
        if path is None:
            self.in_place_radio.setChecked(True)
        else:
            self.new_file_radio.setChecked(True)
            self.target_edit.setText(str(path))

    @property
    def chosen_backup(self) -> Path | None:
        item = self.backup_list.currentItem()
        return Path(item.data(_PATH_ROLE)) if item is not None else None

    def request(self) -> RestoreRequest | None:
        source = self.chosen_backup
        if source is None:
            return None
        broken = self.failure.sqlite_path
        if self.in_place_radio.isChecked() and broken is not None:
            return RestoreRequest(source, broken, broken)
        text = self.target_edit.text().strip()
        if not text:
            return None
        return RestoreRequest(source, Path(text).expanduser())

    @Slot()
    def choose_backup_file(self) -> None:
        dialog = QFileDialog(self, "Choose a LicenseApp backup")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["LicenseApp backups (*.zip *.db *.bak *.sqlite *.sqlite3)",
                               "All files (*)"])
        if self.failure.sqlite_path is not None:
            dialog.setDirectory(str(self.failure.sqlite_path.parent))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.select_backup)
        dialog.open()

    @Slot()
    def choose_target_file(self) -> None:
        dialog = QFileDialog(self, "Restore into a new database file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["LicenseApp databases (*.db)"])
        dialog.setDefaultSuffix("db")
        dialog.selectFile(self.target_edit.text())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.set_target)
        dialog.open()

    @Slot()
    def _update_buttons(self) -> None:
        if self.outcome is not None:
            return
        self.start_button.setEnabled(not self._busy and self.request() is not None)
        self.back_button.setEnabled(not self._busy)
        self.backup_list.setEnabled(not self._busy)
        self.choose_file_button.setEnabled(not self._busy)

    # --- restoring ---------------------------------------------------------------------

    @Slot()
    def start_restore(self) -> None:
        request = self.request()
        if request is None or self._busy:
            return
        if self.outcome is not None:  # restored: opened already, or the user opens it anyway
            self._finish(self.outcome)
            return
        from licenseapp.services.safety.archive_encryption import is_encrypted

        if is_encrypted(request.source):
            passphrase, ok = QInputDialog.getText(
                self, "Encrypted backup", f"Passphrase of {request.source.name}:",
                QLineEdit.EchoMode.Password)
            if not ok:
                return
            request = replace(request, passphrase=passphrase)
        self._busy = True
        self._update_buttons()
        self.result_label.hide()
        self.busy.show()
        self.busy.start(f"Restoring {request.source.name}")
        relay = self._relay
        self._runner.submit(lambda: restore_backup(request, relay.send),
                            self._restored, self._restore_failed, context=self)

    @Slot(str)
    def _progress(self, note: str) -> None:
        if self._busy:
            self.busy.start(f"Restoring: {note.replace('_', ' ')}")

    def _restored(self, outcome: RestoreOutcome) -> None:
        self._busy = False
        self.outcome = outcome
        kept = f" The broken file was kept as {outcome.kept_as.name}." if outcome.kept_as else ""
        if outcome.verified:
            self._say(f"Restored into {outcome.target} and verified; it is open now.{kept}")
            self.restored.emit(str(outcome.target))
            self._opened = True
            self.start_button.setText("Close")
            self.start_button.setEnabled(True)
            self.back_button.setEnabled(False)
            self.backup_list.setEnabled(False)
            self.choose_file_button.setEnabled(False)
            return
        first = outcome.problems[0] if outcome.problems else "unknown problem"
        self._say(
            f"Restored into {outcome.target}, but the check found "
            f"{counted(len(outcome.problems), 'problem')}; the first: {first}.{kept}")
        self.start_button.setText("Open it anyway")
        self._update_buttons()
        self.backup_list.setEnabled(False)

    def _say(self, text: str) -> None:
        self.busy.stop()
        self.busy.hide()
        self.result_label.setText(text)
        self.result_label.show()
        self.adjustSize()

    def _finish(self, outcome: RestoreOutcome) -> None:
        if not self._opened:
            self._opened = True
            self.restored.emit(str(outcome.target))
        self.accept()

    def _restore_failed(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, LicenseAppError):
            message = exc.message
        else:
            from licenseapp.services.failures import explain

            message = explain(exc) or f"an unexpected error ({type(exc).__name__}: {exc})"
        self._say(f"Not restored: {message}. The broken file is unchanged.")
        self._update_buttons()

    # --- leaving -----------------------------------------------------------------------

    @Slot()
    def _open_another(self) -> None:
        self.reject()
        self.openAnotherRequested.emit()

    @Slot()
    def _quit(self) -> None:
        self.reject()
        self.quitRequested.emit()

    def reject(self) -> None:
        if not self._busy:  # a restore under way finishes first
            super().reject()
