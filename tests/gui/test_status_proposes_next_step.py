"""Change status opens on the usual next step, not on "Draft" (#18 point 7)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from licenseapp.gui.tracking.status_dialog import StatusChangeDialog

from .conftest import build_row

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.mark.parametrize(
    ("regulator", "status", "proposed"),
    [("BIS", "ready", "submitted"), ("DDTC", "ready", "submitted"),
     ("ECJU", "ready", "submitted"), ("BIS", "internal_review", "ready"),
     ("DDTC", "internal_review", "ready"), ("BIS", "submitted", "registered"),
     ("BIS", "denied", "appealed")],
)
def test_the_dialog_opens_on_the_next_step(qtbot, runner, regulator, status, proposed) -> None:
    row = build_row(0, status=status, regulator=regulator)
    dialog = StatusChangeDialog(runner, lambda change: change, row, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target_combo.currentData() == proposed
    assert dialog.target_combo.currentText() == dialog.cycle.label(proposed)


def test_enter_on_a_ready_application_records_submitted(qtbot, runner) -> None:
    changes = []
    row = build_row(0, status="ready", regulator="BIS")
    dialog = StatusChangeDialog(runner, lambda change: changes.append(change) or change, row,
                                today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.target_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(changes), timeout=10_000)
    assert changes[0].target == "submitted"
