"""The main window: opens a database off the GUI thread, lists, filters, shows details."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from licenseapp.gui.applications.model import ApplicationColumn, local_time
from licenseapp.gui.crash import ErrorReporter
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.window import database_opening as main_window_module

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def window(qtbot, runner, errors):
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()
    assert errors == []


def wait_loaded(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.applications.is_loaded and win.applications.proxy.rowCount() > 0)


def table_column(win: MainWindow, column: ApplicationColumn) -> list[str]:
    proxy = win.applications.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def select(qtbot, win: MainWindow, ref: str) -> None:
    """Click the row of ``ref`` like a user would."""
    table = win.applications.table
    row = table_column(win, ApplicationColumn.REF).index(ref)
    rect = table.visualRect(win.applications.proxy.index(row, ApplicationColumn.STATUS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_shows_before_the_database_is_open(
    qtbot, window, sample_db_url, monkeypatch
) -> None:
    gate = threading.Event()
    real_open = main_window_module.open_database_off_thread

    def slow_open(context, db_arg):
        assert threading.current_thread() is not threading.main_thread()
        gate.wait(10)
        return real_open(context, db_arg)

    monkeypatch.setattr(main_window_module, "open_database_off_thread", slow_open)
    window.open_database(sample_db_url)
    assert window.isVisible()
    assert window.applications.message_label.text() == "Opening the database…"
    assert not window.refresh_action.isEnabled()
    gate.set()
    wait_loaded(qtbot, window)
    assert window.refresh_action.isEnabled()


def test_list_shows_every_application_with_names_in_their_scripts(
    qtbot, window, sample_db_url
) -> None:
    window.open_database(sample_db_url)
    wait_loaded(qtbot, window)
    assert table_column(window, ApplicationColumn.REF) == [
        f"LA-2026-{n:04d}" for n in range(6, 0, -1)]
    names = table_column(window, ApplicationColumn.FOREIGN_NATIONAL)
    for expected in (
        "Wei Zhang (张伟)", "Layla Haddad (ليلى حداد)", "Dmitri Ivanov (Дмитрий Иванов)",
        "Priya Sharma (प्रिया शर्मा)", "José Ángel Núñez", "Zoë Lefèvre-Dvořák",
    ):
        assert expected in names
    assert window.counts_label.text() == "6 applications"
    assert str(Path(sample_db_url).name) in window.location_label.text()
    assert window.applications.count_label.text() == "6 applications"


def test_selecting_a_row_shows_its_details_and_history(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    wait_loaded(qtbot, window)
    select(qtbot, window, "LA-2026-0004")
    details = window.details
    qtbot.waitUntil(lambda: details.detail is not None and details.detail.row.ref == "LA-2026-0004")
    text = details.plain_text()
    assert "Approved with conditions" in text
    assert "प्रिया शर्मा" in text and "India (IN)" in text
    assert "Mythos 5" in text and "4E091" in text
    assert "D1200003" in text and "No access from outside the United States." in text
    assert "Status history" in text
    history = details.detail.events
    assert [e.to_status for e in history] == [
        "draft", "ready", "submitted", "registered", "approved_with_conditions",
    ]
    for event in history:
        assert local_time(event.occurred_at) in text


def test_filter_status_and_regulator_narrow_the_list(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    wait_loaded(qtbot, window)
    apps = window.applications
    qtbot.keyClicks(apps.filter_edit, "ivanov")
    qtbot.waitUntil(lambda: table_column(window, ApplicationColumn.REF) == ["LA-2026-0003"])
    qtbot.waitUntil(lambda: window.counts_label.text() == "1 of 6 applications shown")
    apps.filter_edit.setText("ليلى")  # QTest cannot type non-Latin keys; a paste does this
    qtbot.waitUntil(lambda: table_column(window, ApplicationColumn.REF) == ["LA-2026-0002"])
    qtbot.keyClick(apps.filter_edit, Qt.Key.Key_Escape)  # Escape clears the filter
    assert apps.filter_edit.text() == ""
    qtbot.waitUntil(lambda: window.applications.proxy.rowCount() == 6)
    apps.status_combo.setCurrentIndex(apps.status_combo.findText("Denied"))
    assert table_column(window, ApplicationColumn.REF) == ["LA-2026-0006"]
    apps.status_combo.setCurrentIndex(0)
    apps.regulator_combo.setCurrentIndex(apps.regulator_combo.findData("ECJU"))
    assert table_column(window, ApplicationColumn.REF) == ["LA-2026-0005"]


def test_ctrl_f_puts_the_cursor_in_the_filter(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.applications.filter_edit.hasFocus)


def test_keyboard_only_from_the_filter_to_the_details(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    wait_loaded(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.applications.filter_edit, "4e091")
    qtbot.keyClick(window.applications.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.applications.table.hasFocus)
    qtbot.waitUntil(lambda: window.details.detail is not None)
    first = window.details.detail.row.ref
    qtbot.keyClick(window.applications.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.details.detail.row.ref != first)
    assert "4E091" in window.details.plain_text()


def test_refresh_reloads_and_keeps_the_selection(qtbot, window, sample_db_url, db) -> None:
    window.open_database(sample_db_url)
    wait_loaded(qtbot, window)
    select(qtbot, window, "LA-2026-0002")
    qtbot.waitUntil(lambda: window.details.detail is not None)
    from licenseapp.store.models import Application

    with db.unit_of_work() as session:
        session.add(Application(ref="LA-2026-0099", organization_id=1, regulator_code="BIS",
                                form_code="BIS-748P", status="draft"))
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: window.applications.proxy.rowCount() == 7)
    assert window.applications.selected_ref() == "LA-2026-0002"
    assert window.details.current_ref == "LA-2026-0002"


def test_database_that_cannot_be_opened_offers_recovery_not_a_crash(
    qtbot, runner, tmp_path
) -> None:
    reporter = ErrorReporter()
    win = MainWindow(runner, reporter.report)
    qtbot.addWidget(win)
    win.show()
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n", encoding="utf-8")
    win.open_database(str(bad))
    qtbot.waitUntil(lambda: getattr(win, "recovery_dialog", None) is not None)
    dialog = win.recovery_dialog
    assert str(bad) in dialog.detail_label.text()
    assert "Traceback" not in dialog.detail_label.text()
    assert reporter.last_dialog is None  # explained, not reported as a crash
    assert "No database is open" in win.applications.message_label.text()
    dialog.close()


def test_a_stale_detail_is_not_shown(qtbot, window, make_row) -> None:
    from licenseapp.services.dto import ApplicationDetail

    slow = threading.Event()

    def load(ref: str) -> ApplicationDetail:
        if ref == "LA-2026-0001":
            slow.wait(10)
        return ApplicationDetail(
            row=make_row(int(ref[-4:]) - 1), organization="Northwind", person=None, items=(),
            parties=(), events=(), license=None, end_use="", justification="",
            additional_info="", ruleset_id=None, resubmission_of=None,
        )

    details = window.details
    details.set_loader(load)
    details.show_application("LA-2026-0001")
    details.show_application("LA-2026-0002")
    qtbot.waitUntil(lambda: details.detail is not None)
    slow.set()
    qtbot.waitUntil(lambda: window._runner.pending == 0)
    assert details.detail.row.ref == "LA-2026-0002"
    assert "LA-2026-0002" in details.plain_text()
    assert "LA-2026-0001" not in details.plain_text()


def test_file_open_database_switches_to_the_chosen_file(qtbot, window, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog

    from licenseapp.store.database import open_database

    from .conftest import add_sample_applications

    chosen = tmp_path / "chosen.db"  # a file, whichever backend the suite runs on
    database = open_database(str(chosen))
    add_sample_applications(database)
    database.dispose()

    window.open_action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
    qtbot.waitUntil(lambda: any(d.isVisible() for d in dialogs))
    dialog = next(d for d in dialogs if d.isVisible())
    dialog.selectFile(str(chosen))
    dialog.accept()
    wait_loaded(qtbot, window)
    assert window.applications.proxy.rowCount() == 6
    assert window.windowTitle().startswith("chosen.db")


def test_about_shows_the_apps_icon(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window.show_about()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in window.findChildren(QMessageBox)))
    box = next(w for w in window.findChildren(QMessageBox) if w.isVisible())
    assert not box.iconPixmap().isNull()  # it was a box of text with no icon
    box.close()
