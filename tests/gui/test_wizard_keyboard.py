"""The drafting wizard with the keyboard: each page opens with the keyboard in its first
field (not on Next), and Tab from the page reaches Back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QWidget,
    QWizard,
)

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.gui.wizard.wizard import DraftWizard

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


def tab_stops(qtbot, start: QWidget, count: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Where Tab takes the keyboard, ``count`` times from ``start``."""
    stops = []
    for _ in range(count):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    return stops


def test_pages_open_in_their_first_field_and_tab_reaches_back(qtbot, db, runner) -> None:
    generate_demo(db)
    wizard = DraftWizard(db, runner, today=DEMO_TODAY)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 780)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    qtbot.waitUntil(lambda: wizard.choices is not None)
    back = wizard.button(QWizard.WizardButton.BackButton)
    first = wizard.currentPage()
    qtbot.waitUntil(lambda: first.isAncestorOf(QApplication.focusWidget()))
    focused = QApplication.focusWidget()
    assert not isinstance(focused, QAbstractButton) or focused.isCheckable()  # a choice
    assert focused.text().startswith("BIS")  # the regulator chosen, not Next

    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is not first and not wizard.busy)
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()))
    applicant = QApplication.focusWidget()
    stops = tab_stops(qtbot, applicant, 40)
    assert back in stops  # Back is reachable with Tab
    # no list or table on any page keeps Tab to itself (cell to cell, never out)
    trapping = [view.objectName() or type(view).__name__
                for view in wizard.findChildren(QAbstractItemView)
                if view.tabKeyNavigation() and view.window() is wizard]  # not a popup
    assert trapping == []
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    wizard.hide()
