"""Import a roster…: people from a spreadsheet (CSV or XLSX), looked over before anything
is written.

The file is first read as a dry run (off the GUI thread): the user sees how many people
would be added and updated and every row that cannot go in, with its row, column, reason
and fix, and then imports the good rows or cancels. Rows that only may be someone already
recorded (same name and date of birth) are listed, never applied from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from licenseapp.errors import LicenseAppError
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.domain.import_outcomes import ImportReport
    from licenseapp.store.database import Database

#: Rows listed in the message's details; the rest are counted.
SHOWN_ROWS = 50


def import_roster(db: Database, path: Path, dry_run: bool) -> ImportReport:
    """Runs on a worker thread."""
    from licenseapp.services.roster import import_people

    return import_people(db, path, dry_run=dry_run)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _people(n: int) -> str:
    return _count(n, "person", "people")


def written(report: ImportReport) -> tuple[int, int]:
    """(added, updated) rows of ``report``."""
    from licenseapp.domain.import_outcomes import Outcome

    counts = report.counts
    return counts[Outcome.ADDED], counts[Outcome.UPDATED]


def not_imported_text(report: ImportReport) -> str:
    """One line per problem of each row that does not go in: "Row 3, email: …"."""
    lines: list[str] = []
    for row in report.not_imported:
        for problem in row.problems:
            lines.append(f"Row {row.row}, {problem}")
        if not row.problems:
            lines.append(f"Row {row.row}: {row.note or row.outcome.label}")
    if len(lines) > SHOWN_ROWS:
        lines[SHOWN_ROWS:] = [f"… and {len(lines) - SHOWN_ROWS:,} more"]
    return "\n".join(lines)


def preview_text(report: ImportReport) -> tuple[str, str]:
    """What a dry run found: the question to ask, and the counts under it."""
    added, updated = written(report)
    left = len(report.not_imported)
    if not added and not updated:
        head = (f"Nothing in {report.source} can be imported as it is." if left else
                f"Everyone in {report.source} is already recorded as the file has them.")
    else:
        head = (f"Import {report.source}? {_people(added)} would be added and "
                f"{_people(updated)} updated.")
    notes = []
    if left:
        notes.append(f"{_count(left, 'row', 'rows')} cannot be imported as "
                     f"{'it is' if left == 1 else 'they are'} (see the details); correct the "
                     "file and import it again for those.")
    if report.unknown_employers:
        notes.append("Employers not recorded yet (add them on the Organizations screen "
                     f"first): {', '.join(report.unknown_employers)}.")
    if report.unknown_headers:
        notes.append(f"Columns not imported: {', '.join(report.unknown_headers)}.")
    return head, " ".join(notes)


class RosterImport(QObject):
    """``imported(report)`` after an import that wrote people (the list reloads)."""

    imported = Signal(object)

    def __init__(self, runner: TaskRunner, window: QWidget,
                 database: Callable[[], Database | None]) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._database = database
        self._busy = False
        self.message_box: QMessageBox | None = None
        self.action = QAction("&Import a roster…", self)
        self.action.setStatusTip("Add or update people from a spreadsheet (CSV or XLSX, one "
                                 "person a row, the first row naming the columns); you see "
                                 "what it would do first")
        self.action.triggered.connect(self.choose_file)

    def choose_file(self) -> None:
        if self._database() is None or self._busy:
            return
        dialog = QFileDialog(self._window, "Import a roster of people")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["Spreadsheets (*.csv *.xlsx)", "All files (*)"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.look_at(Path(path)))
        dialog.open()

    def look_at(self, path: Path) -> None:
        """Read ``path`` as a dry run, then ask whether to import it."""
        self._run(path, dry_run=True)

    def import_file(self, path: Path) -> None:
        """Import ``path``'s good rows (after the user saw the dry run)."""
        self._run(path, dry_run=False)

    def _run(self, path: Path, *, dry_run: bool) -> None:
        db = self._database()
        if db is None or self._busy:
            return
        self._set_busy(True)
        self._runner.submit(lambda: import_roster(db, path, dry_run),
                            lambda report: self._done(path, report), self._failed,
                            context=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.action.setEnabled(not busy)

    def _done(self, path: Path, report: ImportReport) -> None:
        self._set_busy(False)
        added, updated = written(report)
        if report.dry_run:
            head, notes = preview_text(report)
            box = self._box(QMessageBox.Icon.Question if added or updated
                            else QMessageBox.Icon.Warning, head, notes,
                            not_imported_text(report))
            if added or updated:
                box.setStandardButtons(QMessageBox.StandardButton.Cancel)
                go = box.addButton("&Import", QMessageBox.ButtonRole.AcceptRole)
                box.setDefaultButton(go)
                go.clicked.connect(lambda: self.import_file(path))
            box.open()
            return
        left = len(report.not_imported)
        box = self._box(QMessageBox.Icon.Information,
                        f"{_people(added)} added and {_people(updated)} updated from "
                        f"{report.source}.",
                        f"{_count(left, 'row was', 'rows were')} not imported (see the "
                        "details)." if left else "", not_imported_text(report))
        box.open()
        if added or updated:
            self.imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, LicenseAppError):
            self._box(QMessageBox.Icon.Warning, "The roster could not be read.", exc.message,
                      "").open()
        else:
            self._runner.report_error(exc)

    def _box(self, icon: QMessageBox.Icon, text: str, informative: str,
             detail: str) -> QMessageBox:
        box = QMessageBox(icon, "Import a roster", text, QMessageBox.StandardButton.Ok,
                          self._window)
        if informative:
            box.setInformativeText(informative)
        if detail:
            box.setDetailedText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: self._box_closed(box))
        self.message_box = box
        return box

    def _box_closed(self, box: QMessageBox) -> None:
        if self.message_box is box:
            self.message_box = None
