"""Edit › Settings…: the team's settings from the database (for everyone using it) and the
person's own, typed as a user types them; and the command line's calendar agreeing with the
deadlines screen once the renewal window was changed there."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from factories import make_application, make_license
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSpinBox

from licenseapp.cli.main import main
from licenseapp.context import AppContext
from licenseapp.domain.settings import DISPLAY_NAME, RENEWAL_WINDOW_DAYS
from licenseapp.gui.personal_settings import (
    QtPersonalSettings,
    personal_key,
    store,
    user_label_text,
)
from licenseapp.gui.settings import SettingsDialog
from licenseapp.services.team_settings import change_team_setting, team_setting

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def context() -> AppContext:
    return AppContext("tester", personal=QtPersonalSettings())


def _dialog(qtbot, runner, db, context) -> SettingsDialog:
    dialog = SettingsDialog(runner, db, context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def _type_days(qtbot, spin: QSpinBox, days: int) -> None:
    """Select what the field holds and type the number, as a user does."""
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(days))


def test_the_dialog_shows_the_teams_settings_and_yours(qtbot, runner, db, context) -> None:
    change_team_setting(db, "renewal_window_days", 75)
    dialog = _dialog(qtbot, runner, db, context)
    spin = dialog.editors["renewal_window_days"]
    assert isinstance(spin, QSpinBox)
    assert (spin.value(), spin.minimum(), spin.maximum(), spin.suffix()) == (75, 1, 365, " days")
    assert dialog.team_box.isEnabled() and dialog.save_button.isEnabled()
    assert "apply to everyone who uses it" in dialog.team_note.text()
    assert db.location.display in dialog.team_note.text()
    assert "\nSet to 75 days by tester on " in dialog.help_labels["renewal_window_days"].text()
    name = dialog.editors["display_name"]
    assert name.text() == "" and name.placeholderText() == "tester"  # type: ignore[union-attr]


def test_save_changes_the_team_setting_with_an_audit_entry_and_keeps_yours(
    qtbot, runner, db, context
) -> None:
    dialog = _dialog(qtbot, runner, db, context)
    _type_days(qtbot, dialog.editors["renewal_window_days"], 45)  # type: ignore[arg-type]
    qtbot.keyClicks(dialog.editors["display_name"], "Maria Chen")
    with qtbot.waitSignal(dialog.succeeded, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert team_setting(db, RENEWAL_WINDOW_DAYS) == 45
    [change] = saved.args[0].team
    assert (change.before, change.after, change.actor) == (60, 45, "tester")
    assert store().value(personal_key(DISPLAY_NAME)) == "Maria Chen"
    assert user_label_text(context) == "User: Maria Chen (tester)"
    assert not dialog.isVisible()


def test_a_change_made_meanwhile_is_refused_and_nothing_overwritten(
    qtbot, runner, db, context
) -> None:
    dialog = _dialog(qtbot, runner, db, context)  # shows 60
    change_team_setting(db, "renewal_window_days", 30)  # a colleague, meanwhile
    _type_days(qtbot, dialog.editors["renewal_window_days"], 90)  # type: ignore[arg-type]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal_box is not None, timeout=10_000)
    assert "License renewal window was changed to 30 days by tester" in (
        dialog.refusal_box.text())  # type: ignore[union-attr]
    assert dialog.isVisible() and team_setting(db, RENEWAL_WINDOW_DAYS) == 30
    dialog.refusal_box.close()  # type: ignore[union-attr]


def test_without_a_database_only_your_own_settings_can_change(qtbot, runner, context) -> None:
    dialog = _dialog(qtbot, runner, None, context)
    assert not dialog.team_box.isEnabled()
    assert "Open a database" in dialog.team_note.text()
    qtbot.keyClicks(dialog.editors["display_name"], "Jane")
    with qtbot.waitSignal(dialog.succeeded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert context.personal.value(DISPLAY_NAME) == "Jane"


def _calendar(path: Path) -> set[tuple[str, date]]:
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return {(str(e["UID"]).split("@", 1)[0], e.decoded("DTSTART")) for e in events}


def test_deadlines_ics_agrees_with_the_screen_after_the_window_is_changed_in_the_gui(
    qtbot, window, db, db_url, tmp_path, capsys
) -> None:
    today = date.today()
    expires = today + timedelta(days=200)
    app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
    make_license(db, app_id, "D1200001", issued_on=today - timedelta(days=300),
                 expires_on=expires)
    window.open_database(db_url)
    page = window.deadlines
    qtbot.waitUntil(lambda: page.counts is not None, timeout=20_000)

    def screen() -> set[tuple[str, date]]:
        return {(d.key, d.due_on) for d in page.model.deadlines() if not page.model.closed(d)}

    assert ("renewal:D1200001", expires - timedelta(days=60)) in screen()

    window.settings_action.trigger()  # Edit › Settings…
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    _type_days(qtbot, dialog.editors["renewal_window_days"], 90)
    with qtbot.waitSignal(window.operations.changed, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    renewal = ("renewal:D1200001", expires - timedelta(days=90))
    qtbot.waitUntil(lambda: renewal in screen(), timeout=20_000)

    ics = tmp_path / "due.ics"
    assert main(["--db", db_url, "deadlines", "--within", "365", "--ics", str(ics)]) == 0
    capsys.readouterr()
    assert _calendar(ics) == screen()
    assert renewal in _calendar(ics)
    assert ("expiry:D1200001", expires) in _calendar(ics)
