"""The Authorization screen on the demo data: loading off the GUI thread, filters, details,
export, and its place in the main window."""

from __future__ import annotations

import csv
import threading
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from licenseapp.demo.dataset import generate_demo
from licenseapp.gui.authorization import page as page_module
from licenseapp.gui.authorization.model import CELL_ROLE
from licenseapp.gui.authorization.page import AuthorizationPage
from licenseapp.gui.main_window import MainWindow
from licenseapp.services.directive.authorization import AuthState, MatrixCell, authorization_matrix

from .test_authorization_impact import FakePrompts

ON = date(2026, 11, 27)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    return db


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def page(qtbot, runner, prompts):  # type: ignore[no-untyped-def]
    widget = AuthorizationPage(runner, prompts)
    qtbot.addWidget(widget)
    widget.details.show()
    widget.resize(900, 700)
    widget.date_edit.set_value(ON)
    widget.show()
    return widget


def load(qtbot, page: AuthorizationPage, db) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.matrixLoaded, timeout=20_000):
        page.set_database(db)


def find(page: AuthorizationPage, person_ref: str, item: str) -> MatrixCell:
    return next(c for row in page.model.rows for c in row.cells
                if c is not None and c.person_ref == person_ref and c.item_name == item)


def click(qtbot, page: AuthorizationPage, cell: MatrixCell) -> None:  # type: ignore[no-untyped-def]
    index = page.proxy.mapFromSource(page.model.index_of(cell.person_id, cell.item_id))
    assert index.isValid()
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_matrix_is_worked_out_off_the_gui_thread_with_a_busy_note(
        qtbot, page, demo, monkeypatch) -> None:
    gate = threading.Event()
    threads: list[bool] = []
    real = page_module.load_matrix

    def slow(db, on):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        gate.wait(10)
        return real(db, on)

    monkeypatch.setattr(page_module, "load_matrix", slow)
    page.set_database(demo)
    qtbot.waitUntil(lambda: bool(threads))
    assert page.busy_bar.isVisible()
    assert "Working out" in page.note_label.text()
    assert "Working out who may access what" in page.message_label.text()
    page.filter_edit.setText("still typing")  # the window answers meanwhile
    assert page.filter_edit.text() == "still typing"
    with qtbot.waitSignal(page.matrixLoaded, timeout=20_000):
        gate.set()
    assert threads == [False]
    assert not page.busy_bar.isVisible() and page.note_label.text() == ""


def test_shows_every_grant_as_people_by_items_with_a_legend(qtbot, page, demo) -> None:
    load(qtbot, page, demo)
    expected = authorization_matrix(demo, ON)
    assert page.model.rowCount() == len(expected.people) == 40
    assert page.model.columnCount() == len(expected.items)
    assert page.count_label.text() == f"40 people · {len(expected.items)} of " \
                                      f"{len(expected.items)} items"
    people = [page.model.headerData(r, Qt.Orientation.Vertical)
              for r in range(page.model.rowCount())]
    assert "Priya Sharma (प्रिया शर्मा)" in people and "Wei Zhang (张伟)" in people
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Mythos 5\n4E091"
    counts = expected.counts()
    chip = page.legend.chips[AuthState.LICENSE_NEEDED]
    assert chip.text() == f"License needed {counts[AuthState.LICENSE_NEEDED]}"
    shown = [page.model.index(r, c).data(CELL_ROLE) for r in range(page.model.rowCount())
             for c in range(page.model.columnCount())]
    assert len([c for c in shown if c is not None]) == len(expected.cells)


def test_clicking_a_cell_shows_who_what_the_state_why_and_citations(
        qtbot, page, demo) -> None:
    load(qtbot, page, demo)
    zoe = find(page, "P-0005", "Mythos 5")
    with qtbot.waitSignal(page.details.explained, timeout=10_000):
        click(qtbot, page, zoe)
    text = page.details.plain_text()
    for expected in ("Zoë Łukasiewicz", "P-0005", "Mythos 5", "4E091",
                     "License needed — access on", "Poland (PL)", "ai-access-directive-2026",
                     "lawful permanent resident", "Citations",
                     "Directive on Frontier AI Model Access (2026)"):
        assert expected in text, expected
    assert page.details.determination is not None
    assert page.details.determination.license_required is True
    assert not page.details.open_button.isVisible()  # no application yet


def test_clicking_a_name_shows_that_persons_whole_row(qtbot, page, demo) -> None:
    load(qtbot, page, demo)
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.headerData(r, Qt.Orientation.Vertical).startswith("Wei Zhang"))
    header = page.table.verticalHeader()
    y = header.sectionViewportPosition(row) + header.sectionSize(row) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(10, y))
    text = page.details.plain_text()
    assert "Wei Zhang" in text and "张伟" in text
    assert "Mythos 5" in text and "Fable 5" in text
    # Each item with its state (which one depends on the demo's history of the person).
    assert any(state in text for state in ("Licensed", "License needed", "Pending"))


def test_an_application_is_one_click_away(qtbot, page, demo) -> None:
    load(qtbot, page, demo)
    priya = find(page, "P-0002", "Mythos 5")
    assert priya.application_ref
    click(qtbot, page, priya)
    assert "प्रिया शर्मा" in page.details.plain_text()
    assert priya.application_ref in page.details.plain_text()
    button = page.details.open_button
    assert button.isVisible() and priya.application_ref in button.text()
    with qtbot.waitSignal(page.applicationRequested) as asked:
        button.click()
    assert asked.args == [priya.application_ref]


def test_filters_narrow_to_the_problems_and_a_state(qtbot, page, demo) -> None:
    load(qtbot, page, demo)
    page.problems_check.setChecked(True)
    shown = page.proxy.shown_cells()
    assert shown and all(c.unauthorized_access for c in shown)
    assert page.count_label.text().startswith(f"{page.proxy.rowCount()} of 40 people")
    page.problems_check.setChecked(False)
    page.legend.chips[AuthState.LICENSED].click()  # the legend filters too
    assert page.state_combo.currentData() == "licensed"
    assert {c.state for c in page.proxy.shown_cells()} == {AuthState.LICENSED}
    page.state_combo.setCurrentIndex(0)
    page.filter_edit.setText("张伟")
    assert page.proxy.rowCount() == 1
    page.filter_edit.setText("fable")
    assert page.proxy.columnCount() == 1


def test_export_writes_the_accesses_shown(qtbot, page, demo, prompts, tmp_path) -> None:
    load(qtbot, page, demo)
    prompts.save = tmp_path / "matrix.csv"
    page.filter_edit.setText("4e091")
    page.export_button.click()
    qtbot.waitUntil(lambda: page.note_label.text().startswith("Exported"), timeout=10_000)
    with prompts.save.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(page.proxy.shown_cells()) > 0
    assert {r["classification"] for r in rows} == {"4E091"}
    assert "प्रिया शर्मा" in {r["native_name"] for r in rows}


@pytest.fixture
def window(qtbot, runner):  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.authorization.date_edit.set_value(ON)
    win.show()
    yield win
    win.close()
    assert errors == []


def test_in_the_main_window_ctrl_2_rules_menu_and_open_application(
        qtbot, window, demo, db_url) -> None:
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.authorization.is_loaded and window.applications.is_loaded,
                    timeout=20_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.authorization
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-3:] == ["&Rules", "Re&ports", "&Help"], titles
    assert [a.text() for a in menus["&Rules"].actions() if a.text()][:3] == [
        "Directive &impact…", "&New directive…", "Import rule &set…"]
    ref = find(window.authorization, "P-0002", "Mythos 5").application_ref
    window.applications.filter_edit.setText("nothing matches this")
    window.authorization.applicationRequested.emit(ref)
    assert window.pages.currentWidget() is window.applications
    qtbot.waitUntil(lambda: window.applications.selected_ref() == ref)
    qtbot.waitUntil(lambda: window.details.current_ref == ref)


def test_the_impact_dialog_opens_from_the_screen_and_reloads_it_after_acting(
        qtbot, page, demo, prompts) -> None:
    load(qtbot, page, demo)
    page.impact_button.click()
    dialog = page.impact_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    dialog.suspend_button.click()
    box = dialog.operations.suspend_dialog
    assert box is not None
    with qtbot.waitSignal(page.dataModified, timeout=10_000):
        box.suspend_button.click()
    with qtbot.waitSignal(page.matrixLoaded, timeout=10_000):
        page.reload()  # the main window does this with the change set
    zoe = find(page, "P-0005", "Mythos 5")
    assert zoe.state == AuthState.SUSPENDED
    dialog.close()
    qtbot.waitUntil(lambda: page.impact_dialog is None)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()
                and w.windowTitle().startswith("Directive impact")]
