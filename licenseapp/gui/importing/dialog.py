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

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.importing import notes, remembered
from licenseapp.gui.importing.kinds import ImportKind, ImportOptions
from licenseapp.gui.importing.mapping_table import MappingTable
from licenseapp.gui.importing.option_boxes import OptionBoxes
from licenseapp.gui.importing.outcome_filters import OutcomeFilters
from licenseapp.gui.importing.outcomes_model import Col, OutcomesModel, RowTexts
from licenseapp.gui.importing.source_preview import (
    SourcePreview,
    guess_mapping,
    missing_columns,
    preview_source,
)
from licenseapp.gui.tables import ListWithMessage, record_table
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.domain.column_mapping import ColumnSpec
    from licenseapp.domain.import_outcomes import ImportReport
    from licenseapp.store.database import Database

#: Quiet time after a change of mapping or option before the dry run runs again.
RECHECK_MS = 150
_WIDTHS = {Col.ROW: 6, Col.OUTCOME: 11, Col.RECORD: 24, Col.COLUMN: 18, Col.VALUE: 16,
           Col.DETAIL: 40}


def save_errors(path: Path, source: Path, report: ImportReport) -> int:
    """Write the rows not imported to ``path``; on a worker thread."""
    from licenseapp.services.importing import check_errors_file, write_errors

    check_errors_file(source, path)
    return write_errors(path, report)


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
        self.remembered = False
        self._generation = 0
        self._checking = False
        self._again = False
        self._importing = False
        self.file_dialog: QFileDialog | None = None
        self.errors_file: Path | None = None  # the last one saved
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

        self.mapping_table = MappingTable()
        self.mapping_table.mappingChanged.connect(self._mapping_changed)
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        self.guess_button = QPushButton("&Guess again")
        self.guess_button.setToolTip("Forget the remembered mapping for this file and map "
                                     "the columns by their names")
        self.guess_button.clicked.connect(self._guess_again)
        self.guess_button.hide()
        self.match_combo = QComboBox()
        self.match_combo.setAccessibleName(f"Match {self.kind.plural} on")
        for name, label in self.kind.match_keys:
            self.match_combo.addItem(label, name)
        self.match_combo.activated.connect(lambda _i: self.schedule_check())
        columns_box = QGroupBox("1. Columns")
        columns = QVBoxLayout(columns_box)
        columns.addWidget(self.mapping_table, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.mapping_note, 1)
        note_row.addWidget(self.guess_button, 0, Qt.AlignmentFlag.AlignTop)
        columns.addLayout(note_row)
        if self.kind.match_keys:
            match_row = QHBoxLayout()
            match_label = QLabel(f"&Match {self.kind.plural} already recorded on:")
            match_label.setBuddy(self.match_combo)
            match_row.addWidget(match_label)
            match_row.addWidget(self.match_combo)
            match_row.addStretch(1)
            columns.addLayout(match_row)

        self.filters = OutcomeFilters()
        self.filters.changed.connect(self._filters_changed)
        self.model = OutcomesModel(self.kind.noun.capitalize(), self)
        self.table = record_table(self.model, "Rows", _WIDTHS)
        self.table.selectionModel().selectionChanged.connect(self._row_selected)
        self.rows = ListWithMessage(self.table, f"Reading {self.path.name}…")
        self.row_details = QPlainTextEdit()
        self.row_details.setReadOnly(True)
        self.row_details.setAccessibleName("The selected row")
        self.row_details.setPlaceholderText("Select a row to see all it changes or why it "
                                            "cannot be imported.")
        self.row_details.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.options = OptionBoxes(self.kind)
        self.options.changed.connect(self.schedule_check)
        rows_box = QGroupBox("2. Rows")
        rows = QVBoxLayout(rows_box)
        rows.addWidget(self.filters)
        rows.addWidget(self.rows, 1)
        rows.addWidget(self.row_details)
        rows.addWidget(self.options)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(columns_box)
        self.splitter.addWidget(rows_box)
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
        width, height = 1280, 780
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)
        self.splitter.setSizes([width * 2 // 5, width * 3 // 5])

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
        self.remembered = recalled is not None
        mapping = guess_mapping(preview.headers, self.specs,
                                recalled.columns if recalled else None)
        self.mapping_table.set_source(preview.headers, preview.samples, self.specs, mapping)
        if recalled is not None and recalled.match_on:
            self._set_match(recalled.match_on)
        self.guess_button.setVisible(self.remembered)
        self._say_mapping()
        self.check()

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet_combo.currentText()
        if self.preview is not None and sheet != self.preview.sheet:
            self._read(sheet)

    def _guess_again(self) -> None:
        if self.preview is None:
            return
        self.remembered = False
        self.guess_button.hide()
        self.mapping_table.set_mapping(guess_mapping(self.preview.headers, self.specs))
        self._say_mapping()
        self.schedule_check()

    def _say_mapping(self, note: str = "") -> None:
        missing = missing_columns(self.mapping_table.mapping(), self.specs)
        text = []
        if note:
            text.append(note)
        if self.remembered:
            text.append("Mapped as you mapped a file with these columns before.")
        if missing:
            text.append("Choose the file's column for "
                        + ", ".join(s.label for s in missing) + ": required.")
        self.mapping_note.setText(" ".join(text))

    def _mapping_changed(self) -> None:
        self._say_mapping(self.mapping_table.note)
        self.schedule_check()

    def _set_match(self, key: str) -> None:
        at = self.match_combo.findData(key)
        if at >= 0:
            self.match_combo.setCurrentIndex(at)

    # -- the dry run ---------------------------------------------------------------------
    def schedule_check(self) -> None:
        """Run the dry run again shortly (changes in quick succession: once)."""
        if self.preview is not None and self.final is None:
            self._recheck.start()

    def options_now(self, *, dry_run: bool = True) -> ImportOptions:
        return ImportOptions(
            sheet=self.preview.sheet if self.preview is not None else None,
            mapping=self.mapping_table.mapping(),
            match_on=self.match_combo.currentData() if self.kind.match_keys and (
                self.report is not None or self.remembered) else None,
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
        missing = missing_columns(self.mapping_table.mapping(), self.specs)
        if missing:
            self._show_problem("Nothing can be checked yet: choose the file's column for "
                               + ", ".join(s.label for s in missing) + ".")
            return
        self._checking = True
        self._generation += 1
        generation, options = self._generation, self.options_now()
        db, kind, path = self._db, self.kind, self.path
        self._busy("Checking each row")
        self._update_buttons()
        self._runner.submit(lambda: kind.run(db, path, options),
                            lambda report: self._checked(generation, report),
                            lambda exc: self._check_failed(generation, exc), context=self)

    def _checked(self, generation: int, report: ImportReport) -> None:
        self._checking = False
        if self._again:
            self._again = False
            self.check()
            return
        if generation != self._generation:
            return
        self.report = report
        if self.kind.match_keys and report.match_on:
            self._set_match(report.match_on)
        self._show_report(report)
        self.busy.stop("")

    def _check_failed(self, generation: int, exc: BaseException) -> None:
        self._checking = False
        if self._again:
            self._again = False
            self.check()
            return
        if generation == self._generation:
            self._failed(exc)

    def _show_report(self, report: ImportReport) -> None:
        texts = RowTexts(self.kind_labels(), {c: h for h, c in report.mapping.pairs
                                             if c is not None and h})
        self.model.set_report(report, texts)
        self.filters.set_counts(report.counts)
        if report.rows:
            self.rows.show_list()
        else:
            self.rows.show_message(notes.summary(report))
        self.rows.summary_label.setText(notes.summary(report))
        self.options.show_report(report)
        self._row_selected()
        self._update_buttons()

    def kind_labels(self) -> dict[str, str]:
        return {s.name: s.label for s in self.specs}

    def _show_problem(self, text: str) -> None:
        self.report = None
        self.model.set_report(None)
        self.filters.set_counts({})
        self.rows.show_message(text)
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

    # -- looking at rows -----------------------------------------------------------------
    def _filters_changed(self) -> None:
        self.model.set_shown(self.filters.shown())
        self._row_selected()

    def _row_selected(self, *_args: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.row_details.setPlainText(
            self.model.texts.details(self.model.row_at(rows[0].row())) if rows else "")

    def show_only(self, *outcomes: Outcome) -> None:
        self.filters.show_only(*outcomes)

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
        else:
            self.import_button.setToolTip("")
        shown = self.final or report
        self.save_errors_button.setEnabled(shown is not None and bool(shown.not_imported)
                                           and not self._importing)
        self.all_or_nothing.setEnabled(not done and not self._importing)
        self.cancel_button.setText("Close" if done else "Cancel")
        self.cancel_button.setEnabled(not self._importing)
        self.mapping_table.set_enabled(not done and not self._importing)
        self.match_combo.setEnabled(not done and not self._importing)
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
            remembered.remember(self.kind.key, self.preview.headers,
                                self.mapping_table.mapping(),
                                self.match_combo.currentData() if self.kind.match_keys
                                else None, self._settings)
        self._show_report(report)
        self.busy.stop(notes.summary(report).split(". ")[0] + "." if report.applied else "")
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        if report.applied and (notes.to_write(report) or report.created):
            self.imported.emit(report)

    # -- the errors file -------------------------------------------------------------------
    def choose_errors_file(self) -> None:
        """Save rejected rows…: a file beside the imported one, never the file itself."""
        if (self.final or self.report) is None:
            return
        suggested = self.path.with_name(f"{self.path.stem}-errors.csv")
        dialog = QFileDialog(self, "Save the rows not imported", str(suggested))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["CSV (*.csv)", "Excel workbook (*.xlsx)"])
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.save_errors_to(Path(chosen)))
        dialog.open()
        self.file_dialog = dialog

    def save_errors_to(self, target: Path) -> None:
        report = self.final or self.report
        if report is None:
            return
        source = self.path
        self._busy(f"Saving {target.name}")
        self._runner.submit(lambda: save_errors(target, source, report),
                            lambda n: self._errors_saved(target, n), self._errors_failed,
                            context=self)

    def _errors_saved(self, target: Path, problems: int) -> None:
        self.busy.stop(f"Saved {notes.count(problems, 'problem', 'problems')} to "
                       f"{target.name}.")
        self.errors_file = target

    def _errors_failed(self, exc: BaseException) -> None:
        if isinstance(exc, LicenseAppError):
            self.busy.stop(f"Not saved: {exc.message}")
        else:
            self.busy.stop("")
            self._runner.report_error(exc)

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


__all__ = ["ImportDialog", "save_errors"]
