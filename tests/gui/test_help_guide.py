"""Help: the guide opens with F1 at the section for what is on screen — every screen of the
main window and every page of the drafting wizard maps to a heading of the guide (a heading
renamed, or a screen or page added without its section, fails here) — and links between
its sections work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain.draft_form import EDITABLE_STATUSES
from licenseapp.gui.help.context import (
    DIALOG_SECTIONS,
    SCREEN_SECTIONS,
    WELCOME_SECTION,
    WIZARD_SECTIONS,
)
from licenseapp.gui.help.guide import anchors
from licenseapp.gui.help.guide_window import GuideWindow
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.wizard.pages import all_pages
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts.applications import list_applications
from licenseapp.services.drafts.draft_editing import load_draft

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


def press_f1(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """F1 typed in ``window``, made the active window first (the guide took it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)


def guide_of(window: MainWindow) -> GuideWindow:
    guide = window.help_actions.guide
    assert guide is not None and guide.isVisible()
    return guide


def test_every_screen_page_and_dialog_has_a_section_of_the_guide(window) -> None:  # type: ignore[no-untyped-def]
    sections = anchors()
    screens = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert sorted(screens) == sorted(SCREEN_SECTIONS)  # a new screen needs its section
    made = all_pages()
    for page in made:  # deleted with the window, not one by one by the collector
        page.setParent(window)
    pages = [type(page).__name__ for page in made]
    assert sorted(pages) == sorted(WIZARD_SECTIONS)  # so does a new wizard page
    named = {**SCREEN_SECTIONS, **WIZARD_SECTIONS, **DIALOG_SECTIONS,
             "welcome": WELCOME_SECTION}
    missing = {where: anchor for where, anchor in named.items() if anchor not in sections}
    assert missing == {}
    dialogs = {cls.__name__ for cls in _gui_classes()}
    assert set(DIALOG_SECTIONS) - dialogs == set()  # a dialog renamed


def _gui_classes() -> list[type]:
    import importlib
    import pkgutil

    import licenseapp.gui as gui

    found: list[type] = []
    for info in pkgutil.walk_packages(gui.__path__, "licenseapp.gui."):
        module = importlib.import_module(info.name)
        found += [value for value in vars(module).values()
                  if isinstance(value, type) and value.__module__ == info.name]
    return found


def test_f1_on_each_screen_opens_its_section(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for row in range(window.nav.count()):
        title = window.nav.item(row).text()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + row), Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentItem().text() == title
        press_f1(qtbot, window)
        guide = guide_of(window)
        assert guide.anchor == SCREEN_SECTIONS[title], title
        assert guide.contents.currentItem().text(0) in (title, "Controlled items",
                                                        "Directive day")
    assert window.help_actions.guide_action in window.help_menu.actions()
    assert window.help_actions.guide_action.shortcut().toString() == "F1"
    window.help_actions.guide.close()


def test_f1_in_the_wizard_opens_the_section_of_its_page(qtbot, window, db, runner) -> None:  # type: ignore[no-untyped-def]
    generate_demo(db)
    drafts = [row for row in list_applications(db) if row.status in EDITABLE_STATUSES]
    wizard = DraftWizard(db, runner, form=load_draft(db, drafts[0].ref), start_page=7,
                         today=DEMO_TODAY, parent=window)
    qtbot.addWidget(wizard)
    wizard.open()  # window-modal, as the app opens it: the main window's F1 cannot reach it
    qtbot.waitUntil(lambda: wizard.choices is not None and not wizard.busy, timeout=20_000)
    qtbot.waitUntil(lambda: wizard.currentId() > 0, timeout=20_000)
    visited: list[str] = []
    while True:
        page = wizard.currentPage()
        press_f1(qtbot, wizard)
        guide = guide_of(window)
        assert guide.anchor == WIZARD_SECTIONS[type(page).__name__]
        visited.append(type(page).__name__)
        if wizard.currentId() == 0:
            break
        wizard.back()
    assert sorted(visited) == sorted(WIZARD_SECTIONS)  # all eight, Review to Regulator
    # the guide is not blocked by the modal wizard: its contents can be clicked
    guide = guide_of(window)
    item_rect = guide.contents.visualItemRect(guide.entries["directive-day"])
    QTest.mouseClick(guide.contents.viewport(), Qt.MouseButton.LeftButton,
                     pos=item_rect.center())
    assert guide.anchor == "directive-day"
    guide.close()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    wizard.hide()


def test_links_between_sections_scroll_the_guide(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = GuideWindow()
    qtbot.addWidget(guide)
    guide.resize(800, 500)
    guide.show_section("getting-started")
    bar = guide.browser.verticalScrollBar()
    before = bar.value()
    # the link to "Keep your records" in the Getting started section, clicked
    cursor = guide.browser.document().find("Keep your records")
    assert not cursor.isNull() and cursor.charFormat().isAnchor()
    # clicked inside the link's text (a selection's cursor rectangle is at its end, which a
    # larger font put past the link's last letter)
    inside = QTextCursor(cursor)
    inside.setPosition(cursor.selectionStart() + 2)
    rect = guide.browser.cursorRect(inside)
    QTest.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert guide.anchor == "keep-your-records"
    assert bar.value() > before
    assert guide.contents.currentItem().text(0) == "Keep your records"


def _status_dialog_f1(qtbot, window: MainWindow, runner) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.gui.tracking.status_dialog import StatusChangeDialog

    from .conftest import build_row

    dialog = StatusChangeDialog(runner, lambda change: change,
                                build_row(0, status="registered", regulator="BIS"),
                                today=DEMO_TODAY, parent=window)
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, as the app opens it
    press_f1(qtbot, dialog)
    assert guide_of(window).anchor == DIALOG_SECTIONS["StatusChangeDialog"] == "file"
    window.help_actions.guide.close()
    dialog.reject()


def test_f1_in_a_dialog_opens_its_section(qtbot, window, runner) -> None:  # type: ignore[no-untyped-def]
    _status_dialog_f1(qtbot, window, runner)


def test_a_closed_main_window_leaves_the_dialogs_to_the_next(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    """A main window closed, not yet deleted, gave its own F1 to the next window's dialogs
    (the guide opened for it, not for the window on screen)."""
    from licenseapp.gui.tasks import TaskRunner

    earlier = MainWindow(TaskRunner())
    qtbot.addWidget(earlier)
    earlier.show()
    earlier.close()
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    window.show()
    _status_dialog_f1(qtbot, window, runner)


def test_f1_on_the_welcome_page_opens_getting_started(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show_welcome()
    press_f1(qtbot, window)
    assert guide_of(window).anchor == WELCOME_SECTION == "getting-started"
    window.help_actions.guide.close()
