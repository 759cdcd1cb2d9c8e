"""The import dialog: a file looked over before anything is written.

1. The file is read off the GUI thread; the dialog says how (encoding, delimiter, sheet) and
   offers the other sheets of a workbook.
2. Its columns are mapped to ours (:class:`MappingTable`): as the user mapped a file with the
   same headers before (:mod:`.remembered`), else guessed; every change runs the dry run
   again.
3. The dry run's outcome for every row (:class:`OutcomesModel`), with a toggle per outcome,
   the full story of the selected row, unknown employers to create and name matches to apply.
4. Import N rows (all or nothing on request) runs off the GUI thread; the dialog then shows
   what was done and ``imported(report)`` tells the screens to reload. The rows that did not
   go in can be saved as an errors file at any time.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.importing import notes, remembered
from licenseapp.gui.importing.columns_panel import ColumnsPanel
from licenseapp.gui.importing.errors_file import ErrorsFileSaver
from licenseapp.gui.importing.kinds import ImportKind, ImportOptions
from licenseapp.gui.importing.rows_panel import RowsPanel
from licenseapp.gui.importing.source_preview import (
    SourcePreview,
    guess_mapping,
    preview_source,
)
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.domain.column_mapping import ColumnSpec
    from licenseapp.domain.import_outcomes import ImportReport
    from licenseapp.store.database import Database

#: Quiet time after a change of mapping or option before the dry run runs again.
RECHECK_MS = 150


class ImportDialog(QDialog):
    """Signals: ``imported(report)`` after an import that wrote something."""

    imported = Signal(object)

    def __init__(self, runner: TaskRunner, db: Database, kind: ImportKind, path: Path,
                 parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self.kind = kind
        self.path = path
        self._settings = settings
        self.preview: SourcePreview | None = None
        self.specs: tuple[ColumnSpec, ...] = ()
        self.report: ImportReport | None = None  # the last dry run
        self.final: ImportReport | None = None  # the import, once done
        self._checking = False
        self._again = False
        self._importing = False
        self.errors = ErrorsFileSaver(runner, self, db)
        self.errors.saved.connect(self._errors_saved)
        self.errors.failed.connect(lambda message: self.busy.stop(
            f"Not saved: {message}" if message else ""))
        self.setWindowTitle(f"{kind.title} — {path.name}")
        self._build()
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self.check)
        self._read(None)

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.source_label = QLabel(f"Reading {self.path.name}…")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Sheet")
        self.sheet_label = QLabel("&Sheet:")
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        for w in (self.sheet_label, self.sheet_combo):
            w.hide()
        top = QHBoxLayout()
        top.addWidget(self.source_label, 1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)

        self.columns = ColumnsPanel(self.kind)
        self.columns.mappingChanged.connect(self.schedule_check)
        self.columns.guessRequested.connect(self._guess_again)
        self.mapping_table = self.columns.table
        self.mapping_note = self.columns.note
        self.guess_button = self.columns.guess_button
        self.rows_panel = RowsPanel(self.kind, f"Reading {self.path.name}…")
        self.rows_panel.options.changed.connect(self.schedule_check)
        self.filters = self.rows_panel.filters
        self.model = self.rows_panel.model
        self.table = self.rows_panel.table
        self.rows = self.rows_panel.rows
        self.row_details = self.rows_panel.details
        self.options = self.rows_panel.options

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.columns)
        self.splitter.addWidget(self.rows_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self.busy = BusyNote()
        self.all_or_nothing = QCheckBox("All or &nothing")
        self.all_or_nothing.setToolTip("Import nothing unless every row can go in")
        self.all_or_nothing.toggled.connect(lambda _on: self._update_buttons())
        self.save_errors_button = QPushButton("Save re&jected rows…")
        self.save_errors_button.setToolTip("Save the rows that cannot go in, with the row, "
                                           "column, value, problem and fix, as CSV or XLSX")
        self.save_errors_button.clicked.connect(self.choose_errors_file)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.all_or_nothing)
        buttons.addWidget(self.save_errors_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self._size()
        self._update_buttons()

    def _size(self) -> None:
        screen = QGuiApplication.primaryScreen()
        width, height = 1440, 820
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)
        self.splitter.setSizes([width * 9 // 25, width * 16 // 25])

    # -- reading the file --------------------------------------------------------------
    def _read(self, sheet: str | None) -> None:
        kind, path = self.kind, self.path
        self._busy(f"Reading {path.name}")
        self._runner.submit(lambda: (preview_source(path, sheet), tuple(kind.columns())),
                            self._was_read, self._failed, context=self)

    def _was_read(self, result: tuple[SourcePreview, tuple[ColumnSpec, ...]]) -> None:
        self.preview, self.specs = result
        preview = self.preview
        self.source_label.setText(f"<b>{escape(preview.name, quote=False)}</b> — read as "
                                  f"{escape(preview.read_as, quote=False)}; "
                                  f"{notes.rows(preview.rows)} under the header.")
        several = len(preview.sheets) > 1
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(preview.sheets))
        self.sheet_combo.setCurrentText(preview.sheet or "")
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        recalled = remembered.recall(self.kind.key, preview.headers, self._settings)
        mapping = guess_mapping(preview.headers, self.specs,
                                recalled.columns if recalled else None)
        self.columns.set_source(preview, self.specs, mapping, remembered=recalled is not None,
                                match_on=recalled.match_on if recalled else None)
        self.check()

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet_combo.currentText()
        if self.preview is not None and sheet != self.preview.sheet:
            self._read(sheet)

    def _guess_again(self) -> None:
        if self.preview is not None:
            self.columns.set_mapping(guess_mapping(self.preview.headers, self.specs),
                                     remembered=False)
            self.schedule_check()

    # -- the dry run ---------------------------------------------------------------------
    def schedule_check(self) -> None:
        """Run the dry run again shortly (changes in quick succession: once)."""
        if self.preview is not None and self.final is None:
            self._recheck.start()

    def options_now(self, *, dry_run: bool = True) -> ImportOptions:
        return ImportOptions(
            sheet=self.preview.sheet if self.preview is not None else None,
            mapping=self.mapping_table.mapping(),
            # The service's own choice until it has answered once or one is remembered.
            match_on=self.columns.match_on() if (self.report is not None
                                                 or self.columns.remembered) else None,
            create_organizations=self.options.create_organizations(),
            confirm_name_matches=self.options.confirm_name_matches(),
            all_or_nothing=self.all_or_nothing.isChecked(), dry_run=dry_run)

    def check(self) -> None:
        """The dry run, off the GUI thread; a change meanwhile runs it again after."""
        if self.preview is None or self.final is not None or self._importing:
            return
        if self._checking:
            self._again = True
            return
        missing = self.columns.missing()
        if missing:
            self._show_problem("Nothing can be checked yet: choose the file's column for "
                               + ", ".join(s.label for s in missing) + ".")
            return
        self._checking = True
        options = self.options_now()
        db, kind, path = self._db, self.kind, self.path
        self._busy("Checking each row")
        self._update_buttons()
        self._runner.submit(lambda: kind.run(db, path, options),
                            self._checked, self._check_failed, latest="check")

    def _checked(self, report: ImportReport) -> None:
        self._checking = False
        if self._again:
            self._again = False
            self.check()
            return
        self.report = report
        if report.match_on:
            self.columns.set_match(report.match_on)
        self._show_report(report)
        self.busy.stop("")

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        if self._again:
            self._again = False
            self.check()
            return
        self._failed(exc)

    def _show_report(self, report: ImportReport) -> None:
        self.rows_panel.show_report(report, {s.name: s.label for s in self.specs})
        self._update_buttons()

    def _show_problem(self, text: str) -> None:
        self.report = None
        self.rows_panel.show_problem(text)
        self.busy.stop("")
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._checking = self._importing = False
        if not isinstance(exc, LicenseAppError):
            self.busy.stop("")
            self._update_buttons()
            self._runner.report_error(exc)
            return
        if self.preview is None:
            name = escape(self.path.name, quote=False)
            self.source_label.setText(f"<b>{name}</b> cannot be imported.")
        self._show_problem(exc.message)

    def show_only(self, *outcomes: Outcome) -> None:
        """Show the rows of ``outcomes`` alone (as the toggles above the rows do)."""
        self.rows_panel.show_only(*outcomes)

    # -- importing -------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        report, done = self.report, self.final is not None
        working = self._checking or self._importing
        self.import_button.setText(notes.import_button_text(report))
        can = (report is not None and not done and not working and notes.to_write(report) > 0
               and not (self.all_or_nothing.isChecked() and not report.ok))
        self.import_button.setEnabled(can)
        self.import_button.setVisible(not done)
        if report is not None and self.all_or_nothing.isChecked() and not report.ok:
            self.import_button.setToolTip("All or nothing: some rows cannot go in, so "
                                          "nothing would be imported")
        elif report is not None and not notes.to_write(report):
            self.import_button.setToolTip("Nothing to write: each row is recorded as the file "
                                          "has it already, or cannot go in")
        else:
            self.import_button.setToolTip("")
        shown = self.final or report
        self.save_errors_button.setEnabled(shown is not None and bool(shown.not_imported)
                                           and not self._importing)
        self.all_or_nothing.setEnabled(not done and not self._importing)
        self.cancel_button.setText("Close" if done else "Cancel")
        self.cancel_button.setEnabled(not self._importing)
        self.columns.set_editable(not done and not self._importing)
        self.options.setEnabled(not done and not self._importing)
        self.sheet_combo.setEnabled(not done and not self._importing)

    def start_import(self) -> None:
        report = self.report
        if (report is None or self._importing or self._checking or self.final is not None
                or not self.import_button.isEnabled()):
            return
        self._importing = True
        options = self.options_now(dry_run=False)
        db, kind, path = self._db, self.kind, self.path
        self._busy(f"Importing {notes.rows(notes.to_write(report))}")
        self._update_buttons()
        self._runner.submit(lambda: kind.run(db, path, options), self._was_imported,
                            self._import_failed, context=self)

    def _import_failed(self, exc: BaseException) -> None:
        """Nothing was written (one unit of work): say why; the user may try again."""
        self._importing = False
        if isinstance(exc, LicenseAppError):
            self.busy.stop(f"Nothing was imported: {exc.message}")
        else:
            self.busy.stop("Nothing was imported.")
            self._runner.report_error(exc)
        self._update_buttons()

    def _was_imported(self, report: ImportReport) -> None:
        self._importing = False
        self.final = report
        if self.preview is not None and report.applied:
            remembered.remember(self.kind.key, self.preview.headers, self.columns.mapping(),
                                self.columns.match_on(), self._settings)
        self._show_report(report)
        self.busy.stop(notes.summary(report).split(". ")[0] + "." if report.applied else "")
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        if report.applied and (notes.to_write(report) or report.created):
            self.imported.emit(report)

    # -- the errors file -------------------------------------------------------------------
    def choose_errors_file(self) -> None:
        """Save rejected rows…: a file beside the imported one, never the file itself."""
        report = self.final or self.report
        if report is not None:
            self.errors.choose(self.path, report)

    def save_errors_to(self, target: Path) -> None:
        report = self.final or self.report
        if report is not None:
            self._busy(f"Saving {target.name}")
            self.errors.save(target, self.path, report)

    def _errors_saved(self, target: Path, problems: int) -> None:
        self.busy.stop(f"Saved {notes.count(problems, 'problem', 'problems')} to "
                       f"{target.name}.")

    @property
    def errors_file(self) -> Path | None:
        """The errors file last saved."""
        return self.errors.last

    # -- closing ---------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.busy.start(text)

    def reject(self) -> None:
        if not self._importing:  # an import under way finishes first
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._importing:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
                self.focusWidget(), QPushButton):
            event.accept()  # Enter in a combo or the table never imports by surprise
            return
        super().keyPressEvent(event)


__all__ = ["ImportDialog"]
