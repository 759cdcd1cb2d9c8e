"""Suspending takes one dialog, driven from the keyboard (#18 point 7: it took four message
boxes in a row — are you sure; suspended, save the list?; where; saved)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.services.directive.impact import suspension_list

from .test_authorization_impact import ON, FakePrompts, open_dialog, wait_report

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    return db


def _opened(qtbot, dialog):  # type: ignore[no-untyped-def]
    """The suspension dialog, opened from the impact dialog's button, active."""
    dialog.suspend_button.click()
    box = dialog.operations.suspend_dialog
    assert box is not None
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    return box


def _other_windows(*mine: QDialog) -> list[str]:
    return [w.windowTitle() for w in QApplication.topLevelWidgets()
            if w.isVisible() and isinstance(w, QDialog | QMessageBox) and w not in mine]


def test_enter_cancels_and_nothing_is_suspended(qtbot, runner, demo) -> None:
    dialog = open_dialog(qtbot, runner, demo, FakePrompts())
    box = _opened(qtbot, dialog)
    assert QApplication.focusWidget() is box.close_button  # Enter never suspends
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.operations.suspend_dialog is None)
    assert suspension_list(demo, "ai-access-directive-2026") == []


def test_one_dialog_asks_records_reports_and_saves_the_list(
        qtbot, runner, demo, tmp_path) -> None:
    saved = tmp_path / "for-it.csv"
    prompts = FakePrompts(save=saved)
    dialog = open_dialog(qtbot, runner, demo, prompts)
    box = _opened(qtbot, dialog)
    assert "reason" in box.detail.text() and "save the list" in box.detail.text()
    assert box.suspend_button.isVisible() and not box.save_button.isVisible()
    with qtbot.waitSignal(dialog.operations.finished, timeout=10_000) as done:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P,
                       Qt.KeyboardModifier.AltModifier)  # Sus&pend
        assert _other_windows(dialog, box) == []
    assert done.args == ["suspend"]
    assert box.isVisible() and box.windowTitle() == "Accesses suspended"
    # Every group by default: the 7 newly required and those already required, unlicensed.
    suspended = len(suspension_list(demo, "ai-access-directive-2026"))
    assert suspended > 7
    assert box.question.text().startswith(f"Suspended {suspended} accesses at ")
    assert _other_windows(dialog, box) == []
    with qtbot.waitSignal(dialog.operations.finished, timeout=10_000) as listed:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.AltModifier)  # &Save list
    assert listed.args == ["list"]
    assert box.outcome.text() == f"{suspended} suspended accesses written to {saved}."
    assert saved.read_text(encoding="utf-8").count("\n") == suspended + 1  # and a header
    assert prompts.said == [] and _other_windows(dialog, box) == []
    cells = authorization_matrix(demo, ON).cells
    assert sum(c.state == AuthState.SUSPENDED for c in cells) >= 7  # cells: person × item
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.operations.suspend_dialog is None)
    wait_report(qtbot, dialog)
