"""The Reports screen (Ctrl+7) in the main window, used with the keyboard and the mouse: a
report chosen, built off the GUI thread with progress and cancel, previewed, saved as a PDF
holding the expected text, marked out of date and built again when records change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit

from licenseapp.gui.main_window import MainWindow
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.reports.request import ReportKind

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")

REF = "LA-2026-0003"  # registered with DDTC


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def window(qtbot, runner, sample_db_url):  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_database(sample_db_url)
    qtbot.waitUntil(lambda: win.database is not None)
    qtbot.waitUntil(lambda: win.applications.model.rowCount() > 0, timeout=30_000)
    yield win
    win.close()
    assert errors == []


def _choose(qtbot, win: MainWindow, kind: ReportKind) -> None:
    """Pick a report in the Report box with the keyboard (Alt+O, then its first letters)."""
    page = win.reports
    QTest.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert page.kind_box.hasFocus()
    QTest.keyClicks(page.kind_box, kind.label[:3])
    assert page.kind is kind


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_reports_screen_is_on_ctrl_8_with_a_menu_of_its_actions(qtbot, window) -> None:
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    assert window.pages.currentWidget() is window.reports
    view = [(a.text(), a.shortcut().toString()) for a in window.view_menu.actions()]
    assert ("Reports", "Ctrl+7") in view
    menus = {m.title(): m for m in (a.menu() for a in window.menuBar().actions()) if m}
    assert [(a.text(), a.shortcut().toString()) for a in menus["Re&ports"].actions()
            if not a.isSeparator()] == [
        ("&Preview report", "Ctrl+Shift+R"), ("&Cancel report", "Ctrl+Shift+X"),
        ("&Save report as…", "Ctrl+S"), ("P&rint report…", "Ctrl+Shift+P")]
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(window.open_action))
                 if not a.shortcut().isEmpty()]
    for key in ("Ctrl+7", "Ctrl+Shift+R", "Ctrl+S", "Ctrl+Shift+P", "Ctrl+Shift+X"):
        assert shortcuts.count(key) == 1, key


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_a_case_record_typed_is_built_off_the_gui_thread_previewed_and_saved(
    qtbot, window, runner, tmp_path
) -> None:
    page = window.reports
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    _choose(qtbot, window, ReportKind.CASE)
    assert not page.within_box.isEnabled() and page.ref_edit.isEnabled()
    QTest.keyClick(page, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    QTest.keyClicks(page.ref_edit, REF.lower())
    with qtbot.waitSignal(page.built, timeout=60_000) as built:
        QTest.keyClick(page.ref_edit, Qt.Key.Key_Return)
        # Returned at once: the build is the task runner's, shown with progress and Cancel.
        assert runner.pending >= 1 and page.made is None
        assert page.progress_bar.isVisible() and page.cancel_button.isEnabled()
    assert built.args[0] >= 1
    assert not page.progress_bar.isVisible()
    assert page.viewer.page_count == built.args[0] and page.stack.currentWidget() is page.viewer
    assert f"Case record · {REF}" in page.status_label.text()
    assert page.save_button.isEnabled() and page.print_button.isEnabled()

    target = tmp_path / "saved" / "case.pdf"
    target.parent.mkdir()
    page.output.folder = str(target.parent)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))  # File dialog by the menu's shortcut
    dialog = page.output.file_dialog
    assert isinstance(dialog, QFileDialog)
    assert Path(dialog.selectedFiles()[0]).name == f"{REF}-case-record.pdf"
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None, "not Qt's own file dialog"
    name_edit.selectAll()
    with qtbot.waitSignal(page.output.saved, timeout=30_000):
        QTest.keyClicks(name_edit, target.name)
        QTest.keyClick(name_edit, Qt.Key.Key_Return)
    content = target.read_bytes()
    assert content.startswith(b"%PDF-") and content == page.made.pdf
    text = _pdftotext(target)
    for expected in ("Case record", REF, "History", "Deadlines", "Filed packet", "Dmitri Ivanov"):
        assert expected in text, expected


def test_use_selected_takes_the_application_selected_in_the_list(qtbot, window) -> None:
    table = window.applications.table
    index = table.model().index(0, 0)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())
    qtbot.waitUntil(lambda: window.applications.selected_ref() != "")
    chosen = window.applications.selected_ref()
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    _choose(qtbot, window, ReportKind.CASE)
    qtbot.mouseClick(window.reports.use_selected_button, Qt.MouseButton.LeftButton)
    assert window.reports.ref_edit.text() == chosen


def test_a_wrong_reference_is_said_and_nothing_is_built(qtbot, window, runner) -> None:
    page = window.reports
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    _choose(qtbot, window, ReportKind.CASE)
    QTest.keyClicks(page.ref_edit, "Mythos")
    QTest.keyClick(page.ref_edit, Qt.Key.Key_Return)
    assert "is not an application reference" in page.status_label.text()
    assert page.made is None and not page.progress_bar.isVisible()


def test_a_build_can_be_cancelled(qtbot, window, runner) -> None:
    page = window.reports
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    _choose(qtbot, window, ReportKind.PENDING)
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+R"))
    assert page.cancel_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.status_label.text() == "The report was cancelled."
    assert not page.progress_bar.isVisible()
    runner.wait(30_000)
    qtbot.wait(50)  # the dropped outcome is delivered, and ignored
    assert page.made is None and page.stack.currentWidget() is page.message_label


def test_a_preview_is_built_again_when_records_change(qtbot, window) -> None:
    page = window.reports
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    _choose(qtbot, window, ReportKind.EXPIRING)
    assert page.within_box.isEnabled() and not page.ref_edit.isEnabled()
    QTest.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert page.within_box.hasFocus()
    QTest.keyClick(page.within_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.within_box, "400")
    with qtbot.waitSignal(page.built, timeout=60_000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    first = page.made
    assert first is not None and first.request.within_days == 400
    with qtbot.waitSignal(page.built, timeout=60_000):
        window.operations.announce(Changes.of(Kind.LICENSES, {"LA-2026-0004"}))
        assert page.stale and "records changed" in page.status_label.text()
    assert page.made is not None and page.made is not first and not page.stale


def test_print_to_a_pdf_file_prints_every_page_of_the_report(qtbot, window, tmp_path) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    page = window.reports
    QTest.keySequence(window, QKeySequence("Ctrl+7"))
    _choose(qtbot, window, ReportKind.PENDING)
    with qtbot.waitSignal(page.built, timeout=60_000) as built:
        QTest.keySequence(window, QKeySequence("Ctrl+Shift+R"))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.output.printed, timeout=60_000) as printed:
        page.output.print_to(printer)
        assert not page.print_button.isEnabled()  # one print at a time
    assert printed.args == [built.args[0]]
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == built.args[0]
    assert page.print_button.isEnabled()
    assert f"Sent {built.args[0]} page" in page.status_label.text()
