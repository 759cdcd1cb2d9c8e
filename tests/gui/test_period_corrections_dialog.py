"""Settings › Regulators' periods…: a team corrects an unconfirmed period as a user does
(clicks the row, types the days, picks working days, types the source, saves); the deadline
then counts with it and the dialog shows who corrected it; removing the correction brings
the file's figure back. Confirmed periods are not offered."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from licenseapp.context import AppContext
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.period_corrections import install
from licenseapp.gui.period_corrections_dialog import PeriodCorrectionsDialog
from licenseapp.gui.personal_settings import QtPersonalSettings
from licenseapp.gui.settings import SettingsDialog
from licenseapp.services.period_corrections import read_period_corrections

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
SHOTS = "/tmp/shots/regulators"


@pytest.fixture(autouse=True)
def _isolated(tmp_path) -> Iterator[None]:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield
    install(())


def _open_from_settings(qtbot, runner, db):  # type: ignore[no-untyped-def]
    """The Settings dialog, and the periods dialog its button opened."""
    settings = SettingsDialog(runner, db, AppContext("tester", personal=QtPersonalSettings()))
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitUntil(lambda: settings.loaded)
    qtbot.mouseClick(settings.periods_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(settings, "periods_dialog", None) is not None)
    dialog = settings.periods_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0)
    return settings, dialog


def _row(dialog: PeriodCorrectionsDialog, regulator: str, label_part: str) -> int:
    return next(n for n in range(dialog.table.rowCount())
                if dialog.table.item(n, 0).text() == regulator
                and label_part in dialog.table.item(n, 1).text())


def _click_row(qtbot, dialog: PeriodCorrectionsDialog, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = dialog.table.visualItemRect(dialog.table.item(row, 1))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_team_corrects_the_uk_appeal_period_in_settings(qtbot, runner, db) -> None:  # type: ignore[no-untyped-def]
    settings, dialog = _open_from_settings(qtbot, runner, db)
    labels = {(dialog.table.item(n, 0).text(), dialog.table.item(n, 1).text())
              for n in range(dialog.table.rowCount())}
    assert ("BIS", "45-day appeal period") not in labels  # confirmed: not correctable
    assert ("DDTC", "30-day reconsideration period") in labels
    _click_row(qtbot, dialog, _row(dialog, "ECJU", "appeal period"))
    assert dialog.days.value() == 28 and dialog.count.currentText() == "Calendar days"
    dialog.days.setFocus()
    qtbot.keyClick(dialog.days, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.days, "20")
    dialog.count.setFocus()
    qtbot.keyClick(dialog.count, Qt.Key.Key_Down)
    assert dialog.count.currentText() == "Working days"
    qtbot.mouseClick(dialog.note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.note, "refusal letter of 20 December 2026")
    if os.environ.get("LICENSEAPP_SHOTS"):
        os.makedirs(SHOTS, exist_ok=True)
        dialog.grab().save(f"{SHOTS}/settings-periods.png")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.periods_dialog is None, timeout=10_000)
    (found,) = read_period_corrections(db)
    assert (found.regulator, found.key, found.days, found.working) == (
        "ECJU", "appeal_window", 20, True)
    assert found.by == db.actor and found.note == "refusal letter of 20 December 2026"
    (appeal,) = lifecycle("ECJU").deadlines[S.DENIED]
    assert appeal.due(date(2026, 12, 20)) == date(2027, 1, 20)
    assert "corrected by the team" in appeal.source

    settings, again = _open_from_settings(qtbot, runner, db)
    row = _row(again, "ECJU", "appeal period")
    assert again.table.item(row, 3).text() == "20 working days, corrected by the team"
    _click_row(qtbot, again, row)
    assert f"Corrected by the team ({db.actor}, " in again.detail.text()
    qtbot.mouseClick(again.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.periods_dialog is None, timeout=10_000)
    assert read_period_corrections(db) == []
    assert lifecycle("ECJU").deadlines[S.DENIED][0].days == 28


def test_a_team_counts_ecju_working_days_by_scotlands_holidays_in_settings(  # type: ignore[no-untyped-def]
        qtbot, runner, db) -> None:
    settings, dialog = _open_from_settings(qtbot, runner, db)
    assert dialog.holidays_label.text() == "ECJU working days skip:"
    assert dialog.holidays.currentText() == "England and Wales bank holidays (the file's)"
    dialog.holidays.setFocus()
    qtbot.keyClick(dialog.holidays, Qt.Key.Key_Down)
    assert dialog.holidays.currentText() == "Scotland bank holidays"
    qtbot.mouseClick(dialog.note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.note, "ECJU's letter of 2 March 2027")
    qtbot.mouseClick(dialog.holidays_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.periods_dialog is None, timeout=10_000)
    (answer,) = lifecycle("ECJU").deadlines[S.INFO_REQUESTED]
    assert answer.due(date(2026, 11, 20)) == date(2026, 12, 21)  # St Andrew's Day skipped
    settings, again = _open_from_settings(qtbot, runner, db)
    assert again.holidays.currentText() == "Scotland bank holidays"
    assert "Corrected by the team" in again.holidays.toolTip()
    again.holidays.setFocus()
    qtbot.keyClick(again.holidays, Qt.Key.Key_Up)  # back to the file's
    qtbot.mouseClick(again.holidays_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.periods_dialog is None, timeout=10_000)
    assert lifecycle("ECJU").deadlines[S.INFO_REQUESTED][0].due(date(2026, 11, 20)) == date(
        2026, 12, 18)
