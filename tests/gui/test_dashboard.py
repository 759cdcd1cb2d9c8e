"""The dashboard: charts with their numbers beside them, and every bar a way into the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from licenseapp.gui.applications.model import REF_ROLE
from licenseapp.gui.dashboard.page import PENDING

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def window(qtbot, runner, sample_db_url):
    from licenseapp.gui.main_window import MainWindow

    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_database(sample_db_url)
    qtbot.waitUntil(lambda: win.applications.is_loaded and win.dashboard.is_drawn)
    yield win
    win.close()
    assert errors == []


def _table(card) -> list[list[str]]:
    table = card.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def _shown(win) -> set[str]:
    proxy = win.applications.proxy
    return {proxy.index(r, 0).data(REF_ROLE) for r in range(proxy.rowCount())}


def test_the_dashboard_is_the_first_screen_and_ctrl_0_returns_to_it(qtbot, window) -> None:
    assert window.nav.item(0).text() == "Dashboard"
    assert window.pages.currentWidget() is window.dashboard
    assert not window.details_stack.isVisible()  # no empty details pane beside the charts
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.applications
    assert window.details_stack.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dashboard


def test_every_chart_has_its_numbers_beside_it(window) -> None:
    dashboard = window.dashboard
    assert dashboard.total_tile.number_label.text() == "6"
    assert dashboard.pending_tile.number_label.text() == "3"  # submitted, registered, RFI
    rows = _table(dashboard.status_card)
    assert rows[0] == ["Draft", "1", "0", "0", "1"]
    headers = [dashboard.status_card.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["Status", "BIS", "DDTC", "ECJU", "Total"]
    assert ["Denied", "1", "0", "0", "1"] in rows
    assert ["Registered", "0", "1", "0", "1"] in rows
    assert rows[-1] == ["Total", "4", "1", "1", "6"]
    assert _table(dashboard.regulator_card) == [
        ["BIS (EAR)", "4"], ["DDTC (ITAR)", "1"], ["ECJU (UK)", "1"], ["Total", "6"]]
    ageing = _table(dashboard.ageing_card)
    assert [r[0] for r in ageing] == ["0–30 days", "31–60 days", "61–90 days", "over 90 days",
                                      "Total"]
    assert ageing[-1] == ["Total", "0"]  # no submission date recorded in the sample
    assert "3 pending without a submission date" in dashboard.ageing_card.note_label.text()
    decisions = _table(dashboard.decision_card)
    assert decisions[0] == ["BIS (EAR)", "2", "2"]  # submitted → decided 2 days later, twice
    assert decisions[1] == ["DDTC (ITAR)", "—", "0"]
    # each chart holds the same numbers as its table
    status_sets = dashboard.status_card.bar_sets
    assert [s.label() for s in status_sets] == ["BIS", "DDTC", "ECJU"]
    assert sum(s.sum() for s in status_sets) == 6
    assert [dashboard.regulator_card.bar_sets[0].at(i) for i in range(3)] == [4, 1, 1]


def test_clicking_a_status_bar_lists_those_applications(qtbot, window) -> None:
    card = window.dashboard.status_card
    category = [s.status for s in window.dashboard.summary.by_status].index("denied")
    x, y = card.bar_center(category, set_index=0)  # the BIS part of "Denied"
    with qtbot.waitSignal(window.dashboard.filterRequested) as asked:
        qtbot.mouseClick(card.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert asked.args == [("denied",), "BIS"]
    assert window.pages.currentWidget() is window.applications
    apps = window.applications
    assert apps.status_combo.currentText() == "Denied"
    assert apps.regulator_combo.currentData() == "BIS"
    assert _shown(window) == {"LA-2026-0006"}


def test_clicking_a_regulator_bar_or_a_table_row_filters_the_list(qtbot, window) -> None:
    card = window.dashboard.regulator_card
    x, y = card.bar_center(2)  # ECJU
    qtbot.mouseClick(card.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert window.pages.currentWidget() is window.applications
    assert window.applications.regulator_combo.currentData() == "ECJU"
    assert window.applications.status_combo.currentText() == "All statuses"
    assert _shown(window) == {"LA-2026-0005"}
    window.show_page(window.dashboard)
    table = window.dashboard.regulator_card.table
    table.setFocus()
    table.setCurrentCell(0, 0)  # keyboard: a row and Enter do what the bar does
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.applications.regulator_combo.currentData() == "BIS"
    assert len(_shown(window)) == 4


def test_the_pending_tile_and_ageing_list_the_applications_with_the_regulator(
    qtbot, window
) -> None:
    qtbot.mouseClick(window.dashboard.pending_tile, Qt.MouseButton.LeftButton)
    assert window.applications.status_combo.currentText() == "With the regulator"
    assert set(window.applications.status_combo.currentData()) == set(PENDING)
    assert _shown(window) == {"LA-2026-0002", "LA-2026-0003", "LA-2026-0005"}


def test_deadline_tiles_open_the_deadlines_screen_filtered(qtbot, window) -> None:
    qtbot.mouseClick(window.dashboard.month_tile, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.deadlines
    assert window.deadlines.within_spin.value() == 30


def test_a_status_change_updates_the_dashboard(qtbot, window, db) -> None:
    from licenseapp.domain.enums import ApplicationStatus
    from licenseapp.services.follow_up.tracking import StatusChange, change_status

    result = change_status(
        db, StatusChange("LA-2026-0001", ApplicationStatus.WITHDRAWN, note="test"))
    before = window.dashboard.summary
    window.operations.announce(result.changes)
    qtbot.waitUntil(lambda: window.dashboard.summary is not before and window.dashboard.is_drawn)
    rows = _table(window.dashboard.status_card)
    assert ["Withdrawn", "1", "0", "0", "1"] in rows
    assert not any(r[0] == "Draft" for r in rows)
