"""Rules › Write notices…: a directive's notices to each affected person and their
supervisor, written as .eml files into a folder the user chooses (never replacing a file),
each recorded in the person's history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.counted import counted
from licenseapp.errors import LicenseAppError
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.directive.notices import NoticeResult

#: (rule-set id, folder) -> the notices written; runs off the GUI thread.
NoticeWriter = Callable[[str, Path], "NoticeResult"]


class NoticesDialog(QDialog):
    """``written(result)`` once the notices are written (tests wait for it)."""

    written = Signal(object)

    def __init__(self, runner: TaskRunner, rulesets: Sequence[tuple[str, str]],
                 write: NoticeWriter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._write = runner, write
        self.setWindowTitle("Write notices")
        self.setAccessibleName("Write notices")
        intro = QLabel("One e-mail file (.eml) to each person the directive affects and one to "
                       "their supervisor, ready to open and send from your mail program. "
                       "Each is recorded in the person's history; a file already in the "
                       "folder is never replaced.")
        intro.setWordWrap(True)
        self.ruleset_box = QComboBox()
        self.ruleset_box.setAccessibleName("Directive")
        for ruleset_id, title in rulesets:
            self.ruleset_box.addItem(f"{title} ({ruleset_id})", ruleset_id)
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName("Folder for the notices")
        self.folder_edit.setPlaceholderText("A folder, e.g. your Documents folder")
        self.folder_edit.textChanged.connect(self._update)
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose the folder")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow("&Directive:", self.ruleset_box)
        folder_label = QLabel("&Folder:")  # a row of two widgets: the label needs its buddy
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setAccessibleName("Notices written")
        self.outcome.setPlaceholderText("What was written appears here.")
        self.write_button = QPushButton("&Write notices")
        self.write_button.setAccessibleName("Write the notices")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setAccessibleName("Notice actions")
        buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.outcome, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self._busy = False
        self._update()

    def _update(self) -> None:
        self.write_button.setEnabled(not self._busy and bool(self.folder_edit.text().strip())
                                     and self.ruleset_box.count() > 0)

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the notices",
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    @Slot()
    def write(self) -> None:
        ruleset_id = self.ruleset_box.currentData()
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not ruleset_id or self._busy:
            return
        self._busy = True
        self._update()
        self.outcome.setPlainText("Writing the notices…")
        self._runner.submit(lambda: self._write(str(ruleset_id), folder), self._done,
                            self._failed, context=self)

    def _done(self, result: NoticeResult) -> None:
        self._busy = False
        self._update()
        lines = [f"Wrote {counted(len(result.files), 'notice')} for "
                 f"{counted(result.people, 'person', 'people')} to {result.folder}."]
        lines += [f"No e-mail address for {who}: add it in your mail program."
                  for who in result.without_address]
        lines += [f"{f.path.name} — {f.to or 'no address'}" for f in result.files]
        self.outcome.setPlainText("\n".join(lines))
        self.written.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update()
        self.outcome.setPlainText("No notices were written: " + (
            exc.message if isinstance(exc, LicenseAppError) else str(exc)))
