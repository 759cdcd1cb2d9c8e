"""Help › What's this? (Shift+F1): point at a control and click to read what it is for — in
the main window and in a window-modal wizard, from the explanation the control already
carries (its tip and name), never an empty bubble."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWhatsThis, QWidget

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain.draft_form import EDITABLE_STATUSES
from licenseapp.gui.help.whats_this import NOTHING_TO_SAY, WhatsThisFilter, explanation
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts.applications import list_applications
from licenseapp.services.drafts.draft_editing import load_draft

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing")


def bubble_shown() -> bool:
    """Whether the "what's this" bubble (Qt's own window) is on screen."""
    return any(widget.isVisible() and widget.metaObject().className() == "QWhatsThat"
               for widget in QApplication.topLevelWidgets())


def ask(qtbot, target: QWidget, at: QPoint | None = None) -> None:  # type: ignore[no-untyped-def]
    """In "what's this" mode, click ``target``."""
    assert QWhatsThis.inWhatsThisMode()
    QTest.mouseClick(target, Qt.MouseButton.LeftButton,
                     pos=at if at is not None else target.rect().center())


def test_shift_f1_then_a_click_explains_the_control(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action = window.help_actions.whats_this_action
    assert action in window.help_menu.actions()
    assert action.shortcut().toString() == "Shift+F1"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(QWhatsThis.inWhatsThisMode)
    nav = window.nav
    ask(qtbot, nav.viewport(), nav.visualItemRect(nav.item(0)).center())
    assert not QWhatsThis.inWhatsThisMode()
    qtbot.waitUntil(bubble_shown, timeout=3000)
    said = explanation(nav.viewport(), nav.visualItemRect(nav.item(0)).center())
    assert said and NOTHING_TO_SAY not in said
    QWhatsThis.hideText()
    # The filter that answers watches every event of the application: only while the mode
    # lasts. A second Shift+F1 installs it again.
    app = QApplication.instance()
    qtbot.waitUntil(lambda: not app.findChildren(WhatsThisFilter))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(QWhatsThis.inWhatsThisMode)
    assert len(app.findChildren(WhatsThisFilter)) == 1
    QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not QWhatsThis.inWhatsThisMode())
    qtbot.waitUntil(lambda: not app.findChildren(WhatsThisFilter))


def test_every_control_has_something_to_say(window) -> None:  # type: ignore[no-untyped-def]
    """Each button, field and list of each screen explains itself from its name or tip."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit

    silent = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.central.currentWidget()
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, QAbstractButton | QLineEdit | QComboBox
                              | QAbstractItemView) or not widget.isVisibleTo(page):
                continue
            if NOTHING_TO_SAY in explanation(widget, widget.rect().center()):
                silent.append(f"{window.nav.item(row).text()}: {type(widget).__name__} "
                              f"{widget.objectName() or widget.accessibleName()}")
    assert silent == []


def test_shift_f1_in_the_modal_wizard(qtbot, window, db, runner) -> None:  # type: ignore[no-untyped-def]
    generate_demo(db)
    drafts = [row for row in list_applications(db) if row.status in EDITABLE_STATUSES]
    wizard = DraftWizard(db, runner, form=load_draft(db, drafts[0].ref), start_page=1,
                         today=DEMO_TODAY, parent=window)
    qtbot.addWidget(wizard)
    wizard.open()  # window-modal: the main window's Shift+F1 cannot reach it
    qtbot.waitUntil(lambda: wizard.choices is not None and not wizard.busy, timeout=20_000)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    QTest.keyClick(wizard, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(QWhatsThis.inWhatsThisMode)
    QWhatsThis.leaveWhatsThisMode()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    wizard.hide()
