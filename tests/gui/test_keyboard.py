"""The keyboard, as a user without a mouse meets it: every dialog opens with the keyboard
in its first field (typing right after it opens lands there), the View menu reaches every
screen with Ctrl+ a digit (none skipped), and no menu or dialog has two mnemonics on one
letter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from licenseapp.context import AppContext
from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.access.grant_dialog import GrantAccessDialog
from licenseapp.gui.access.records import ITEM, AccessSubject, GrantChoice
from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog
from licenseapp.gui.authorization.prompts import Prompts
from licenseapp.gui.items.dialog import ItemDialog
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.mnemonics import mnemonic_of
from licenseapp.gui.organizations.dialog import OrganizationDialog
from licenseapp.gui.people.dialog import PersonDialog
from licenseapp.gui.personal_settings import QtPersonalSettings
from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.gui.settings import SettingsDialog
from licenseapp.gui.tracking.deadline_dialog import DeadlineMarkDialog
from licenseapp.gui.tracking.reassign_dialog import ReassignDialog
from licenseapp.gui.tracking.status_dialog import StatusChangeDialog

from .conftest import build_row

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")

TODAY = date(2026, 11, 27)


def duplicates(texts: list[str]) -> dict[str, list[str]]:
    letters = Counter(m for m in map(mnemonic_of, texts) if m)
    return {letter: [t for t in texts if mnemonic_of(t) == letter]
            for letter, count in letters.items() if count > 1}


def dialog_texts(dialog: QWidget) -> list[str]:
    """Every text that can carry a mnemonic in the dialog as shown: labels, buttons,
    group boxes and tabs."""
    texts: list[str] = []
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.buddy() is not None:
            texts.append(label.text())
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisibleTo(dialog):
            texts.append(button.text())
    for box in dialog.findChildren(QGroupBox):
        if box.isVisibleTo(dialog):
            texts.append(box.title())
    for tabs in dialog.findChildren(QTabWidget):
        if tabs.isVisibleTo(dialog):
            texts.extend(tabs.tabText(n) for n in range(tabs.count()))
    return texts


# --- the menus ---------------------------------------------------------------------------


def menus(window: MainWindow) -> list[QMenu]:
    found: list[QMenu] = []

    def walk(menu: QMenu) -> None:
        found.append(menu)
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu())
    return found


def test_the_view_menu_reaches_every_screen_with_ctrl_and_a_digit(qtbot, window) -> None:
    screens = [window.nav.item(n).text() for n in range(window.nav.count())]
    view = {a.text(): a.shortcut().toString() for a in window.view_menu.actions()}
    assert "Licenses && deadlines" in view  # shown as "Licenses & deadlines"
    digits = [view[title.replace("&", "&&")] for title in screens]
    assert digits == [f"Ctrl+{n}" for n in range(len(screens))]  # none skipped
    QTest.keySequence(window, QKeySequence("Ctrl+2"))
    assert window.pages.currentWidget() is window.authorization


def test_no_menu_has_two_mnemonics_on_one_letter(window) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert duplicates(titles) == {}
    for menu in menus(window):
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert duplicates(texts) == {}, menu.title()


def test_every_shortcut_in_the_menus_is_shown_once(window) -> None:
    shortcuts = [a.shortcut().toString() for menu in menus(window) for a in menu.actions()
                 if not a.shortcut().isEmpty()]
    assert len(shortcuts) >= 20
    assert [s for s, n in Counter(shortcuts).items() if n > 1] == []


# --- the dialogs -------------------------------------------------------------------------


def _grant(runner, db) -> QDialog:  # type: ignore[no-untyped-def]
    subject = AccessSubject(ITEM, 1, "I-0001", "GaN HEMT process technology")
    return GrantAccessDialog(runner, db, subject, [GrantChoice(1, "Wei Zhang", "Wei Zhang",
                                                              "wei zhang")], today=TODAY)


def _settings(runner, db) -> QDialog:  # type: ignore[no-untyped-def]
    return SettingsDialog(runner, db, AppContext("tester", personal=QtPersonalSettings()))


def _reason(runner, db) -> QDialog:  # type: ignore[no-untyped-def]
    return ReasonDialog(runner, lambda reason: None, title="Retire item", question="Why?",
                        action="&Retire")


_DEADLINE = Deadline("renewal:D1", "renewal", date(2026, 12, 1), "Renew D1")

#: name -> (how to open it, the accessible name of its first field)
DIALOGS: dict[str, tuple[Callable[..., QDialog], str]] = {
    "new person": (lambda runner, db: PersonDialog(runner, db), "Given name(s)"),
    "new organization": (lambda runner, db: OrganizationDialog(runner, db), "Legal name"),
    "new item": (lambda runner, db: ItemDialog(runner, db), "Name"),
    "grant access": (_grant, "Search"),
    "settings": (_settings, ""),
    "status change": (lambda runner, db: StatusChangeDialog(
        runner, lambda change: change, build_row(0, status="registered", regulator="BIS"),
        today=TODAY), "New status"),
    "reassign": (lambda runner, db: ReassignDialog(
        runner, lambda ref, owner, note: None, build_row(0), ["alice", "bob"], me="alice"),
        ""),
    "snooze": (lambda runner, db: DeadlineMarkDialog(_DEADLINE, TODAY, snooze=True),
               "Snooze until"),
    "mark done": (lambda runner, db: DeadlineMarkDialog(_DEADLINE, TODAY, snooze=False),
                  "Note"),
    "reason": (_reason, ""),
    "directive impact": (lambda runner, db: DirectiveImpactDialog(runner, db, Prompts()),
                         "Rule set"),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_a_dialog_opens_with_the_keyboard_in_its_first_field(qtbot, runner, db, tmp_path,
                                                             name: str) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    make, first = DIALOGS[name]
    dialog = make(runner, db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.wait(50)  # a dialog loading its values in the background has them
    focused = QApplication.focusWidget()
    assert focused is not None and dialog.isAncestorOf(focused), name
    field = focused.parentWidget() if focused.parentWidget() is not None and \
        focused.parentWidget().focusProxy() is focused else focused
    if first:
        assert field.accessibleName() == first or focused.accessibleName() == first, (
            name, type(focused).__name__, focused.accessibleName())
    assert not isinstance(focused, QAbstractButton), name  # a field, not a button
    if isinstance(focused, QLineEdit) and not focused.text():  # typing right after opening
        qtbot.keyClicks(focused, "Zed")
        assert focused.text() == "Zed", name
    assert duplicates(dialog_texts(dialog)) == {}, name
    for tabs in dialog.findChildren(QTabWidget):  # each tab as shown
        for n in range(tabs.count()):
            tabs.setCurrentIndex(n)
            assert duplicates(dialog_texts(dialog)) == {}, (name, tabs.tabText(n))
    dialog.close()


def test_alt_and_a_letter_goes_to_a_field_of_the_person(qtbot, runner, db) -> None:
    dialog = PersonDialog(runner, db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    editor = dialog.person_editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.text_edits["family_name"]
    qtbot.keyClicks(QApplication.focusWidget(), "Zhang")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.date_edits["date_of_birth"]
    assert editor.text_edits["family_name"].text() == "Zhang"


def test_no_screen_takes_a_letter_of_the_menu_bar(qtbot, window) -> None:
    """Alt and a letter opens a menu of the bar; a label or button on the screen on view
    with the same letter makes the key ambiguous, and which one it reaches depends on the
    order they were made in (the Reports screen's "&Report:" lost Alt+R to "&Rules" once
    screens were built when first shown)."""
    bar = {mnemonic_of(a.text()) for a in window.menuBar().actions()} - {None}
    clashes: dict[str, list[str]] = {}
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        shown = [window.pages.currentWidget(), window.details_stack.currentWidget()]
        taken = [t for w in shown if w is not None and w.isVisible()
                 for t in dialog_texts(w) if mnemonic_of(t) in bar]
        if taken:
            clashes[window.nav.item(row).text()] = taken
    assert clashes == {}
