"""Ownership in the desktop app: "Mine" in the list, the name recorded on events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from licenseapp.domain.settings import DISPLAY_NAME
from licenseapp.gui.applications.model import REF_ROLE, ApplicationColumn
from licenseapp.gui.applications.view import ApplicationsWidget
from licenseapp.gui.dashboard.page import PENDING
from licenseapp.gui.personal_settings import personal_key, store

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def widget(qtbot, runner, rows):
    w = ApplicationsWidget(runner, user="alice")
    qtbot.addWidget(w)
    w.set_loader(lambda: rows)
    w.refresh()
    qtbot.waitUntil(lambda: w.is_loaded)
    return w


def _owners(widget: ApplicationsWidget) -> set[str]:
    proxy = widget.proxy
    return {proxy.index(r, ApplicationColumn.OWNER).data() for r in range(proxy.rowCount())}


def test_mine_shows_only_the_current_users_applications(qtbot, widget) -> None:
    assert _owners(widget) == {"alice", "bob"}
    widget.mine_check.setChecked(True)
    assert _owners(widget) == {"alice"}
    assert widget.proxy.rowCount() == 6
    qtbot.waitUntil(
        lambda: widget.count_label.text() == "6 of 12 applications match the filters")
    assert "alice" in widget.mine_check.toolTip()
    widget.filter_edit.setText("mythos")  # Mine combines with the other filters
    assert [widget.proxy.index(r, 0).data(REF_ROLE) for r in range(widget.proxy.rowCount())] == [
        "LA-2026-0007", "LA-2026-0001"]
    widget.filter_edit.clear()
    widget.mine_check.setChecked(False)
    assert widget.proxy.rowCount() == 12


def test_set_filters_shows_exactly_a_status_and_regulator(widget) -> None:
    widget.mine_check.setChecked(True)
    widget.filter_edit.setText("zhang")
    widget.set_filters(statuses=("denied",), regulator="BIS")
    assert widget.status_combo.currentText() == "Denied"
    assert widget.regulator_combo.currentData() == "BIS"
    assert not widget.mine_check.isChecked() and widget.filter_edit.text() == ""
    shown = {widget.proxy.index(r, 0).data(REF_ROLE) for r in range(widget.proxy.rowCount())}
    assert shown == {"LA-2026-0006", "LA-2026-0012"}
    # Every status pending with a regulator, as the dashboard's card asks for them (a list
    # typed here went stale when the lifecycles gained statuses).
    widget.set_filters(statuses=PENDING)
    assert widget.status_combo.currentText() == "With the regulator"
    assert widget.regulator_combo.currentData() is None
    widget.set_filters()
    assert widget.proxy.rowCount() == 12


def test_the_first_page_shows_before_the_whole_list(qtbot, runner, rows) -> None:
    import threading

    gate = threading.Event()

    def everything():
        gate.wait(10)
        return rows

    w = ApplicationsWidget(runner, user="alice")
    qtbot.addWidget(w)
    w.set_loader(everything, lambda: rows[:3])
    w.refresh()
    qtbot.waitUntil(lambda: w.is_partial)
    assert w.model.rowCount() == 3 and not w.is_loaded
    assert "loading the rest" in w.count_label.text()
    w.select_ref(rows[1].ref)
    gate.set()
    qtbot.waitUntil(lambda: w.is_loaded)
    assert not w.is_partial and w.model.rowCount() == 12
    assert w.selected_ref() == rows[1].ref  # the selection survives the full load


def test_the_login_acts_and_the_display_name_is_only_a_label(
    qtbot, monkeypatch, sample_db_url
) -> None:
    """The name set in Edit › Settings… is shown beside the login; "Mine" and every event
    recorded are the login's ($LICENSEAPP_USER here, read once at start)."""
    import os

    from licenseapp.gui.app import start
    from licenseapp.services.follow_up.tracking import reassign

    monkeypatch.setenv("LICENSEAPP_USER", "mchen")
    store().setValue(personal_key(DISPLAY_NAME), "Maria Chen")
    desktop = start(sample_db_url, ["licenseapp"], install_hooks=False)
    try:
        window = desktop.window
        assert window.user_label.text() == "User: Maria Chen (mchen)"
        qtbot.waitUntil(lambda: window.built and window.database is not None
                        and window.applications.is_loaded, timeout=20000)
        monkeypatch.setenv("LICENSEAPP_USER", "someone-else")  # read once, at start
        window.applications.mine_check.setChecked(True)
        assert "mchen" in window.applications.mine_check.toolTip()
        assert window.database is not None and window.database.actor == "mchen"
        result = reassign(window.database, "LA-2026-0001", "bob")
        assert result.actor == "mchen"
        assert os.environ.get("LICENSEAPP_USER") == "someone-else"  # nothing wrote it
    finally:
        desktop.close()
