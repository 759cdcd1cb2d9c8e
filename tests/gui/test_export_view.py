"""File › Export current view…: the list as shown (filtered, sorted, columns moved) to XLSX
and CSV through the real file dialog, read back; never over the open database or the copy
of an attachment opened for viewing."""

from __future__ import annotations

import csv
import hashlib
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from licenseapp.gui.applications.model import ApplicationColumn
from licenseapp.gui.exporting.export_dialog import ExportDialog
from licenseapp.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


def _open(qtbot, window: MainWindow, url: str) -> None:
    window.open_database(url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0, timeout=30_000)


def _shown(window: MainWindow, column: int) -> list[str]:
    proxy = window.applications.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def _type_file_name(qtbot, window: MainWindow, path: Path) -> None:
    """Ctrl+Shift+L, then the name typed into the file dialog and Enter."""
    window.export_view.folder = str(path.parent)
    window.activateWindow()  # back from the last dialog
    qtbot.waitUntil(window.isActiveWindow)
    assert window.export_view.action.isEnabled()
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+L"))
    dialog = window.export_view.file_dialog
    assert isinstance(dialog, QFileDialog)
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None, "not Qt's own file dialog"
    name_edit.selectAll()
    QTest.keyClicks(name_edit, path.name)
    QTest.keyClick(name_edit, Qt.Key.Key_Return)


def _export(qtbot, window: MainWindow, path: Path) -> ExportDialog:
    _type_file_name(qtbot, window, path)
    qtbot.waitUntil(lambda: window.export_view.dialog is not None)
    dialog = window.export_view.dialog
    assert dialog is not None
    if dialog.written is None:
        with qtbot.waitSignal(dialog.exported, timeout=60_000):
            pass
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    qtbot.wait(100)  # the layout settles around the final text before the click
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.export_view.dialog is None)
    return dialog


def _filter_sort_and_move(qtbot, window: MainWindow) -> None:
    """Only the applications for Mythos 5, newest first, Updated moved to the front."""
    QTest.keyClicks(window.applications.filter_edit, "mythos")
    qtbot.waitUntil(lambda: window.applications.proxy.rowCount() == 3, timeout=10_000)
    table = window.applications.table
    header = table.horizontalHeader()
    for _ in range(3):  # a click on the header sorts; another one turns the order round
        if (header.sortIndicatorSection() == ApplicationColumn.UPDATED
                and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder):
            break
        x = header.sectionViewportPosition(ApplicationColumn.UPDATED) + 10
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))
        qtbot.wait(QApplication.doubleClickInterval() + 50)  # two clicks, not a double-click
    assert header.sortIndicatorSection() == ApplicationColumn.UPDATED
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    header.moveSection(header.visualIndex(ApplicationColumn.UPDATED), 0)  # as a drag does
    header.hideSection(ApplicationColumn.OWNER)  # as the header's menu does


def test_the_view_exports_to_xlsx_as_shown(qtbot, window, sample_db_url, tmp_path) -> None:
    _open(qtbot, window, sample_db_url)
    QTest.keySequence(window, QKeySequence("Ctrl+0"))  # the dashboard: no list to export
    assert not window.export_view.action.isEnabled()
    QTest.keySequence(window, QKeySequence("Ctrl+1"))
    assert window.pages.currentWidget() is window.applications
    _filter_sort_and_move(qtbot, window)
    shown_refs = _shown(window, ApplicationColumn.REF)
    assert len(shown_refs) == 3

    target = tmp_path / "mythos.xlsx"
    dialog = _export(qtbot, window, target)
    assert dialog.written == 3
    assert "Exported 3 rows" in dialog.heading.text()

    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "Updated" and "Owner" not in header
    assert header[1:3] == ["Reference", "Status"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{chr(ord('A') + len(header) - 1)}4"
    refs = [sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)]
    assert refs == shown_refs  # only the rows shown, newest first
    updated = [sheet.cell(row, 1) for row in range(2, 5)]
    assert all(isinstance(c.value, datetime) and c.is_date for c in updated)
    assert [c.value for c in updated] == sorted((c.value for c in updated), reverse=True)
    shown_updated = _shown(window, ApplicationColumn.UPDATED)
    assert [c.value.strftime("%Y-%m-%d %H:%M") for c in updated] == shown_updated
    foreign = header.index("Person") + 1
    widest = max(len(str(sheet.cell(r, foreign).value)) for r in range(2, 5))
    assert sheet.column_dimensions[chr(ord("A") + foreign - 1)].width >= widest


def test_a_records_list_exports_to_csv_with_typed_dates(qtbot, window, sample_db_url,
                                                       tmp_path) -> None:
    """Licenses & deadlines: ISO dates in CSV (UTF-8 with BOM), days left as numbers."""
    _open(qtbot, window, sample_db_url)
    window.show_page(window.deadlines)
    qtbot.waitUntil(lambda: window.deadlines.table.model().rowCount() > 0, timeout=30_000)
    table = window.deadlines.table
    model = table.model()
    shown = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    table.setFocus()

    target = tmp_path / "deadlines.csv"
    dialog = _export(qtbot, window, target)
    assert dialog.written == len(shown)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    with target.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == [model.headerData(c, Qt.Orientation.Horizontal)
                        for c in range(model.columnCount())]
    assert [line[0] for line in lines[1:]] == [row[0] for row in shown]  # ISO, view order
    assert all(date.fromisoformat(line[0]) for line in lines[1:])
    assert [line[3] for line in lines[1:]] == [row[3] for row in shown]

    xlsx = tmp_path / "deadlines.xlsx"
    _export(qtbot, window, xlsx)
    sheet = load_workbook(xlsx).active
    due = [sheet.cell(r, 1) for r in range(2, sheet.max_row + 1)]
    assert all(isinstance(c.value, datetime) and c.number_format == "yyyy-mm-dd" for c in due)
    assert [c.value.date().isoformat() for c in due] == [row[0] for row in shown]
    days = [sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)]
    assert all(isinstance(d, int) for d in days)


def _warning_text(qtbot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: isinstance(window.export_view.question_box, QMessageBox))
    box = window.export_view.question_box
    assert box is not None
    text = box.text()
    box.close()
    return text


def test_the_open_database_and_attachment_copies_are_refused(qtbot, window, db, sample_db_url,
                                                            tmp_path) -> None:
    _open(qtbot, window, sample_db_url)
    window.show_page(window.applications)
    database_file = db.location.sqlite_path
    if database_file is not None:  # SQLite: the database is a file a user could pick
        before = hashlib.sha256(Path(database_file).read_bytes()).hexdigest()
        _type_file_name(qtbot, window, Path(database_file))
        text = _warning_text(qtbot, window)
        assert "is the open database; choose another file name" in text
        assert window.export_view.dialog is None
        assert hashlib.sha256(Path(database_file).read_bytes()).hexdigest() == before

    copies = Path(tempfile.mkdtemp(prefix="licenseapp-view-"))
    try:
        passport = copies / "passport.pdf.xlsx"
        passport.write_bytes(b"%PDF-1.7 the attachment")
        _type_file_name(qtbot, window, passport)
        text = _warning_text(qtbot, window)
        assert "copy of an attachment opened for viewing; choose another file name" in text
        assert passport.read_bytes() == b"%PDF-1.7 the attachment"
    finally:
        for leftover in copies.iterdir():
            leftover.unlink()
        copies.rmdir()
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, ExportDialog) and w.isVisible()]


def test_cancel_writes_nothing(qtbot, runner, db, sample_db_url, tmp_path) -> None:
    from licenseapp.gui.exporting.view_table import ViewTable

    view = ViewTable("Applications", ("n",), (0,), list(range(50_000)),
                     lambda record, _column: record)
    target = tmp_path / "big.xlsx"
    target.write_bytes(b"kept")
    dialog = ExportDialog(runner, db, view, target)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.stopped, timeout=60_000) as stopped:
        dialog.start()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # while it runs: Cancel, not close
        assert dialog.isVisible() and not dialog.cancel_button.isEnabled()
    assert stopped.args[0] == "Nothing was written."
    assert dialog.isVisible() and dialog.close_button.isVisible()
    assert target.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".big")) == []
