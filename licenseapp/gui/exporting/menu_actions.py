"""File › Export current view… (Ctrl+Shift+L): the list on the screen shown, as it is shown
(rows passing the filters, in the current sort, the visible columns in their order), to an
Excel workbook or a CSV file chosen by the file dialog's type or the name's extension.

The list is the table on the screen with the focus, else its first visible one (Licenses &
deadlines has two). The Authorization matrix exports through its own action (one row per
access, with its filters), which the same menu entry triggers there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QListWidget,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.exporting.view_table import exportable, take_view
from licenseapp.gui.exporting.writing import check_target
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.gui.exporting.export_dialog import ExportDialog
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.store.database import Database

#: The file dialog's types, each with the suffix it gives a name typed without one.
FILE_TYPES = {"Excel workbook (*.xlsx)": ".xlsx", "CSV, UTF-8 (*.csv)": ".csv"}


def table_of(page: QWidget | None) -> QTableView | None:
    """The list on ``page`` an export writes: the one with the focus, else the first shown."""
    if page is None:
        return None
    tables = [t for t in page.findChildren(QTableView) if t.isVisibleTo(page) and exportable(t)]
    focus = QApplication.focusWidget()
    for table in tables:
        if focus is not None and (focus is table or table.isAncestorOf(focus)):
            return table
    return tables[0] if tables else None


def with_suffix(path: str, chosen_type: str) -> Path:
    """The name typed, given the chosen type's suffix if it has none (another suffix is
    kept, and refused by :func:`check_target` unless it is .csv or .xlsx)."""
    target = Path(path)
    if target.suffix:
        return target
    return target.with_name(target.name + FILE_TYPES.get(chosen_type, ".xlsx"))


class ExportViewActions(QObject):
    """Signals: ``message(text)`` for the status bar."""

    message = Signal(str)

    def __init__(self, runner: TaskRunner, window: QWidget, pages: QStackedWidget,
                 nav: QListWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._pages = pages
        self._nav = nav
        self._db: Database | None = None
        self.file_dialog: QFileDialog | None = None
        self.question_box: QMessageBox | None = None
        self.dialog: ExportDialog | None = None
        self._table: QTableView | None = None
        #: Where the file dialog opens: the documents folder (the home folder when there is
        #: none: the name proposed in a missing folder was refused after Save), then the last
        #: one exported to.
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder = documents if documents and Path(documents).is_dir() else str(Path.home())
        self.action = QAction("E&xport current view…", self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action.setStatusTip("Save the list shown, as shown (filters, sort, columns), "
                                 "as an Excel workbook or a CSV file")
        self.action.triggered.connect(self.export)
        pages.currentChanged.connect(self.screen_changed)

    @Slot(int)
    def screen_changed(self, _index: int = 0) -> None:
        """Enabled on a screen with a list (greyed on the dashboard and Reports)."""
        page = self._pages.currentWidget()
        self.action.setEnabled(page is not None and (
            any(exportable(t) for t in page.findChildren(QTableView))
            or isinstance(getattr(page, "export_action", None), QAction)))

    def set_database(self, db: Database | None) -> None:
        self._db = db

    def _screen_title(self) -> str:
        item = self._nav.currentItem()
        return item.text() if item is not None else "Export"

    @Slot()
    def export(self) -> None:
        """Ask for the file, then write the list shown."""
        page = self._pages.currentWidget()
        table = table_of(page)
        if table is None:
            own = getattr(page, "export_action", None)
            if isinstance(own, QAction) and own.isEnabled():
                own.trigger()  # the matrix: its own export, with its filters
                return
            self.message.emit(f"{self._screen_title()} has no list to export.")
            return
        title = self._screen_title()
        if getattr(page, "is_partial", False):  # the newest rows shown while the rest load
            self.message.emit(f"{title} is still loading; export it once the whole list is in.")
            return
        proposed = Path(self.folder) / f"{title} {date.today().isoformat()}.xlsx"
        dialog = QFileDialog(self._window, f"Export {title}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)  # asked after the checks
        dialog.setNameFilters(list(FILE_TYPES))
        dialog.selectFile(str(proposed))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._file_selected)
        self._table = table
        hold_until_closed(self, "file_dialog", dialog)
        dialog.open()

    @Slot(str)
    def _file_selected(self, path: str) -> None:
        dialog, table = self.file_dialog, self._table
        if dialog is not None and table is not None:
            self.chosen(table, with_suffix(path, dialog.selectedNameFilter()))

    def chosen(self, table: QTableView, path: Path) -> None:
        """Check ``path`` (refusing the database, an attachment's copy…), ask before
        replacing a file, then export."""
        try:
            check_target(path, self._db)
        except LicenseAppError as exc:
            self._ask_or_tell(QMessageBox.Icon.Warning, "Not exported",
                              exc.message[:1].upper() + exc.message[1:] + ".", None)
            return
        if path.exists():
            self._ask_or_tell(QMessageBox.Icon.Question, "Replace the file?",
                              f"{path.name} already exists in {path.parent}. Replace it?",
                              lambda: self.start(table, path))
            return
        self.start(table, path)

    def _ask_or_tell(self, icon: QMessageBox.Icon, title: str, text: str,
                     on_yes: object) -> None:
        box = QMessageBox(icon, title, text, parent=self._window)
        if callable(on_yes):
            box.setStandardButtons(QMessageBox.StandardButton.Yes
                                   | QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.accepted.connect(on_yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "question_box", box)
        box.open()

    def start(self, table: QTableView, path: Path) -> ExportDialog:
        """Take the view now and write it in the background, with progress and Cancel."""
        self.folder = str(path.parent)
        view = take_view(table, self._screen_title())
        from licenseapp.gui.exporting.export_dialog import ExportDialog  # (imported when used)

        dialog = ExportDialog(self._runner, self._db, view, path, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(
            lambda where, n: self.message.emit(f"Exported {n:,} rows to {where}."))
        hold_until_closed(self, "dialog", dialog)
        dialog.open()
        dialog.start()
        return dialog


def install(window: MainWindow, runner: TaskRunner) -> ExportViewActions:
    """File › Export current view…, above Open database…; kept told of the open database,
    its messages on the status bar."""
    actions = ExportViewActions(runner, window, window.pages, window.nav)
    window.databaseChanged.connect(actions.set_database)
    window.file_menu.insertAction(window.open_action, actions.action)
    window.file_menu.insertSeparator(window.open_action)
    actions.screen_changed()
    actions.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    return actions
