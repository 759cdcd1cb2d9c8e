"""Ownership in the desktop app: "Mine" in the list, the name recorded on events."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings

from licenseapp.config import USER_ENV, current_user
from licenseapp.gui import settings as settings_module
from licenseapp.gui.applications.model import REF_ROLE, ApplicationColumn
from licenseapp.gui.applications.view import ApplicationsWidget
from licenseapp.gui.settings import (
    DISPLAY_NAME_KEY,
    RENEWAL_WINDOW_KEY,
    SettingsDialog,
    apply_user_setting,
    renewal_window_days,
    store,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path, monkeypatch) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(settings_module, "_login_at_start", None)


@pytest.fixture
def widget(qtbot, runner, rows):
    w = ApplicationsWidget(runner)
    qtbot.addWidget(w)
    w.set_loader(lambda: rows)
    w.refresh()
    qtbot.waitUntil(lambda: w.is_loaded)
    return w


def _owners(widget: ApplicationsWidget) -> set[str]:
    proxy = widget.proxy
    return {proxy.index(r, ApplicationColumn.OWNER).data() for r in range(proxy.rowCount())}


def test_mine_shows_only_the_current_users_applications(qtbot, widget, monkeypatch) -> None:
    monkeypatch.setenv(USER_ENV, "alice")
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


def test_mine_follows_the_name_set_in_the_settings(widget, monkeypatch) -> None:
    monkeypatch.setenv(USER_ENV, "alice")
    store().setValue(DISPLAY_NAME_KEY, "bob")
    apply_user_setting()
    widget.mine_check.setChecked(True)
    assert _owners(widget) == {"bob"}


def test_set_filters_shows_exactly_a_status_and_regulator(widget) -> None:
    widget.mine_check.setChecked(True)
    widget.filter_edit.setText("zhang")
    widget.set_filters(statuses=("denied",), regulator="BIS")
    assert widget.status_combo.currentText() == "Denied"
    assert widget.regulator_combo.currentData() == "BIS"
    assert not widget.mine_check.isChecked() and widget.filter_edit.text() == ""
    shown = {widget.proxy.index(r, 0).data(REF_ROLE) for r in range(widget.proxy.rowCount())}
    assert shown == {"LA-2026-0006", "LA-2026-0012"}
    widget.set_filters(statuses=("submitted", "registered", "info_requested", "referred",
                                 "escalated", "intent_to_deny", "appealed"))
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

    w = ApplicationsWidget(runner)
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


def test_settings_dialog_saves_the_name_and_renewal_window(qtbot, monkeypatch) -> None:
    monkeypatch.setenv(USER_ENV, "mchen")
    apply_user_setting()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name_edit.text() == "" and dialog.name_edit.placeholderText() == "mchen"
    assert dialog.renewal_spin.value() == 60
    qtbot.keyClicks(dialog.name_edit, "Maria Chen")
    dialog.renewal_spin.setValue(90)
    dialog.accept()
    assert current_user() == "Maria Chen" == os.environ[USER_ENV]
    assert store().value(DISPLAY_NAME_KEY) == "Maria Chen"
    assert renewal_window_days() == 90
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.name_edit.text() == "Maria Chen" and again.renewal_spin.value() == 90
    again.name_edit.clear()  # back to the login name
    again.accept()
    assert current_user() == "mchen"
    assert store().value(DISPLAY_NAME_KEY) is None


def test_at_start_the_name_from_the_settings_is_recorded_on_events(
    qtbot, monkeypatch, sample_db_url
) -> None:
    from licenseapp.gui.app import start
    from licenseapp.services.follow_up.tracking import reassign
    from licenseapp.store.database import open_database

    store().setValue(DISPLAY_NAME_KEY, "Maria Chen")
    store().setValue(RENEWAL_WINDOW_KEY, "not a number")
    desktop = start(sample_db_url, ["licenseapp"], install_hooks=False)
    try:
        assert desktop.window.user_label.text() == "User: Maria Chen"
        assert renewal_window_days() == 60  # a bad value falls back to the default
        db = open_database(sample_db_url)
        try:
            result = reassign(db, "LA-2026-0001", "bob")
        finally:
            db.dispose()
        assert result.actor == "Maria Chen"
    finally:
        desktop.close()
