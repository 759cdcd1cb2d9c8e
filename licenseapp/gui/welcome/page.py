"""The welcome page: shown in the main window while the open database has no company
profile. The user types the profile (the organization editor, with its checks inline),
or tries the demo data in a database file of its own, and reads where the data lives.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from licenseapp import paths
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.domain.organization_form import OrganizationForm
from licenseapp.errors import LicenseAppError
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.organizations.editor import OrganizationEditor
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import ink_style
from licenseapp.gui.welcome.location import location_html

if TYPE_CHECKING:
    from licenseapp.demo.new_database import DemoDatabase
    from licenseapp.store.database import Database
    from licenseapp.store.engine import DatabaseLocation

#: Widest the page's content grows, in average character widths.
CONTENT_CHARS = 180


def save_profile(db: Database, form: OrganizationForm) -> OrganizationForm:
    """Runs on a worker thread: the company as a new organization, screened against the
    shipped restricted-party list (loaded now if this new database has none yet), as every
    person and organization saved after it will be."""
    from licenseapp.services.catalog.organizations import save_organization
    from licenseapp.services.screening.snapshots import ensure_snapshot

    ensure_snapshot(db)
    return save_organization(db, form)


def write_demo(target: Path, current: DatabaseLocation | None,
               progress: _DemoProgress) -> DemoDatabase:
    """Runs on a worker thread: the demo data in a new database file."""
    from licenseapp.demo.new_database import create_demo_database

    return create_demo_database(target, current, progress=progress.advanced.emit)


class _DemoProgress(QObject):
    """Carries the demo writer's progress to the GUI thread (a queued signal)."""

    advanced = Signal(int, int)


def _paragraph(text: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class WelcomePage(QWidget):
    """Signals: ``profileSaved(form)`` (the organization as stored), ``demoReady(path)``
    (open that database), ``skipped()`` (the user looks around first)."""

    profileSaved = Signal(object)
    demoReady = Signal(str)
    skipped = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self._saving = False
        self._writing_demo = False
        self.demo_dialog: QFileDialog | None = None
        self._progress = _DemoProgress(self)
        self._progress.advanced.connect(self._demo_advanced)

        title = QLabel("Welcome to LicenseApp")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName("Welcome to LicenseApp")
        intro = _paragraph(
            "Start with your company's profile: it is printed on every application, letter "
            "and packet, so type it exactly as registered. Only the legal name and the "
            "country are needed now; you can complete the rest later on the Organizations "
            "screen.")

        self.editor = OrganizationEditor(side_by_side=True)
        self.editor.setAccessibleName("Company profile")
        self.editor.set_form(OrganizationForm())
        self.save_button = QPushButton("&Save company profile")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        for edit in self.editor.text_edits.values():
            edit.returnPressed.connect(self.save)
        self.skip_button = QPushButton("Not now")
        self.skip_button.setFlat(True)
        self.skip_button.setToolTip("Look around first; the profile can be entered later on "
                                    "the Organizations screen")
        self.skip_button.clicked.connect(self.skipped)
        self.save_note = _paragraph()
        ink_style(self.save_note, Ink.LATE)
        self.save_note.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_note, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)

        self.demo_button = QPushButton("&Try the demo data…")
        self.demo_button.setToolTip("Write the demo data into a new database file and open it")
        self.demo_button.clicked.connect(self.choose_demo_file)
        self.demo_progress = QProgressBar()
        self.demo_progress.setAccessibleName("Demo data written")
        self.demo_progress.setTextVisible(True)
        self.demo_progress.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.demo_progress.hide()
        self.demo_note = _paragraph()
        self.demo_note.hide()
        demo_box = QGroupBox("Just looking?")
        demo = QVBoxLayout(demo_box)
        self.demo_label = _paragraph()
        demo.addWidget(self.demo_label)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addWidget(self.demo_progress, 1)
        demo_row.addStretch(1)
        demo.addLayout(demo_row)
        demo.addWidget(self.demo_note)
        # The button right under its text, not level with the end of the longer box beside
        # it: at 125 % on a 1440×900 screen that was below the fold.
        demo.addStretch(1)

        self.location_label = _paragraph(rich=True)
        self.location_label.setAccessibleName("Where your data lives")
        location_box = QGroupBox("Where your data lives")
        QVBoxLayout(location_box).addWidget(self.location_label)

        content = QWidget()
        content.setMaximumWidth(content.fontMetrics().averageCharWidth() * CONTENT_CHARS)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        lower.addWidget(demo_box, 2)
        lower.addWidget(location_box, 3)
        layout.addLayout(lower)
        layout.addStretch(1)
        centered = QWidget()
        row = QHBoxLayout(centered)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(content, 1000)
        row.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Welcome")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(centered)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setTabOrder(self.save_button, self.skip_button)
        self.setTabOrder(self.skip_button, self.demo_button)
        self.set_database(None)

    # --- the database ------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.location_label.setText(
            "" if db is None else location_html(db.location, paths.default_database_path()))
        back = ("" if db is None else
                f" To come back to it, open {db.location.sqlite_path.name} with File › Open "
                "database…" if db.location.sqlite_path is not None else
                " To come back to it, start LicenseApp with its address again.")
        self.demo_label.setText(
            "See LicenseApp at work on a made-up company: people of many nationalities, "
            "controlled items and applications in every stage. The demo goes into a database "
            f"file of its own, so this database stays empty for your records.{back}")

    def start(self) -> None:
        """The page is shown: the cursor in the first field."""
        self.editor.text_edits["legal_name"].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the profile -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._saving or self._writing_demo

    def save(self) -> None:
        db = self._db
        if db is None or self.busy:
            return
        form = self.editor.form()
        self._set_saving(True)
        self._runner.submit(lambda: save_profile(db, form), self._saved, self._save_failed,
                            context=self)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for widget in (self.editor, self.save_button, self.demo_button, self.skip_button):
            widget.setEnabled(not saving)
        self.setCursor(Qt.CursorShape.BusyCursor if saving else Qt.CursorShape.ArrowCursor)

    def _saved(self, stored: OrganizationForm) -> None:
        self._set_saving(False)
        self.save_note.hide()
        self.editor.set_form(OrganizationForm())  # ready should the page be shown again
        self.profileSaved.emit(stored)

    def _save_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, FormInvalid):
            self.editor.show_problems(exc.problems)
            self.save_note.hide()
        elif isinstance(exc, LicenseAppError):
            self.save_note.setText(f"Not saved: {exc.message}. What you typed is still here.")
            self.save_note.show()
        else:
            self._runner.report_error(exc)

    # --- the demo ----------------------------------------------------------------------

    def suggested_demo_path(self) -> Path:
        from licenseapp.demo.new_database import suggested_demo_path

        return suggested_demo_path(self._db.location if self._db else None,
                                   paths.user_data_dir())

    def choose_demo_file(self) -> None:
        if self.busy:
            return
        dialog = QFileDialog(self, "Where should the demo database go?")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["LicenseApp databases (*.db)", "All files (*)"])
        dialog.setDefaultSuffix("db")
        suggested = self.suggested_demo_path()
        dialog.setDirectory(str(suggested.parent))
        dialog.selectFile(suggested.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.create_demo(Path(path)))
        hold_until_closed(self, "demo_dialog", dialog)
        self.demo_dialog = dialog
        dialog.open()

    def create_demo(self, target: Path) -> None:
        """Write the demo data into ``target`` off the GUI thread, then ask for it to open."""
        if self.busy:
            return
        current = self._db.location if self._db else None
        self._set_writing(True)
        self.demo_progress.setRange(0, 0)
        self.demo_progress.show()
        self._show_demo_note(f"Writing the demo data to {target}…")
        progress = self._progress
        self._runner.submit(lambda: write_demo(target, current, progress), self._demo_written,
                            self._demo_failed, context=self)

    def _set_writing(self, writing: bool) -> None:
        self._writing_demo = writing
        for widget in (self.demo_button, self.save_button, self.skip_button):
            widget.setEnabled(not writing)

    def _demo_advanced(self, done: int, total: int) -> None:
        if self._writing_demo:
            self.demo_progress.setRange(0, max(total, 1))
            self.demo_progress.setValue(done)

    def _demo_written(self, demo: DemoDatabase) -> None:
        self._set_writing(False)
        self.demo_progress.hide()
        s = demo.summary
        self._show_demo_note(
            f"Demo data written to {demo.path}: {s.people:,} people, {s.items:,} controlled "
            f"items, {s.applications:,} applications. Opening it…")
        self.demoReady.emit(str(demo.path))

    def _demo_failed(self, exc: BaseException) -> None:
        self._set_writing(False)
        self.demo_progress.hide()
        if isinstance(exc, LicenseAppError):
            self._show_demo_note(f"No demo data was written: {exc.message}.", problem=True)
        else:
            self._show_demo_note("")
            self._runner.report_error(exc)

    def _show_demo_note(self, text: str, *, problem: bool = False) -> None:
        self.demo_note.setText(text)
        ink_style(self.demo_note, Ink.LATE if problem else None)
        self.demo_note.setVisible(bool(text))
