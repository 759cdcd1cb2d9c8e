"""Screens built when first shown (#19): the window starts with every screen's entry, its
Ctrl+ number and its menu actions, but builds a screen only when it is shown; what was
remembered of a screen and what changed meanwhile reach it when it is built."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from licenseapp.gui.people.model import PersonColumn
from licenseapp.gui.people.page import PeoplePage
from licenseapp.gui.reports.page import ReportsPage
from licenseapp.services.catalog.people import PersonForm, save_person
from licenseapp.services.changes import Changes, Kind

from .test_items_page import add_records
from .test_window_state import drag_section_edge, go_to, open_window

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


def test_a_screen_is_built_when_first_shown(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.screens.is_built("Dashboard"))  # the first, once painted
    assert not window.screens.is_built("People")
    assert window.nav.item(4).text() == "People"  # its entry, and its Ctrl+ number, are there
    QTest.keySequence(window, "Ctrl+4")
    assert window.screens.is_built("People")
    assert isinstance(window.pages.currentWidget(), PeoplePage)
    assert window.pages.currentWidget() is window.people
    assert window.details_stack.currentWidget() is window.people.access_panel
    assert window.pages.count() == window.nav.count()  # the placeholder replaced in place


def test_a_screens_menu_works_before_the_screen_is_built(qtbot, window) -> None:
    assert not window.screens.is_built("Reports")
    reports_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Re&ports")
    reports_menu.popup(window.mapToGlobal(window.rect().center()))  # opening it builds it
    qtbot.waitUntil(lambda: window.screens.is_built("Reports"))
    reports_menu.hide()
    texts = [a.text() for a in reports_menu.actions()]
    assert "&Preview report" in texts
    preview = next(a for a in reports_menu.actions() if a.text() == "&Preview report")
    window.show_page(window.applications)
    preview.trigger()  # brings the screen forward
    assert isinstance(window.pages.currentWidget(), ReportsPage)


def test_an_import_action_builds_its_screen(qtbot, window, db_url) -> None:
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.database is not None)
    roster = next(a for a in window.file_menu.actions() if a.text() == "Import a &roster…")
    assert not window.screens.is_built("People")
    roster.trigger()
    assert window.pages.currentWidget() is window.people
    dialog = window.people.roster_import.file_dialog
    assert dialog is not None and dialog.isVisible()  # the file asked for
    dialog.reject()


def test_saved_columns_come_back_when_the_screen_is_first_built(
    qtbot, runner, tmp_path: Path
) -> None:
    settings_file = tmp_path / "me.ini"
    first = open_window(qtbot, runner, settings_file)
    go_to(qtbot, first, "People")
    header = first.people.table.horizontalHeader()
    width = header.sectionSize(1)
    drag_section_edge(qtbot, header, 1, 70)
    widened = header.sectionSize(1)
    assert widened > width + 30
    go_to(qtbot, first, "Dashboard")
    first.close()

    again = open_window(qtbot, runner, settings_file)
    assert not again.screens.is_built("People")
    go_to(qtbot, again, "People")
    assert again.people.table.horizontalHeader().sectionSize(1) == widened
    again.close()


def test_a_change_made_before_a_screen_is_built_shows_when_it_is(
    qtbot, window, db, db_url
) -> None:
    add_records(db)
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.database is not None)
    assert not window.screens.is_built("People")
    save_person(db, PersonForm(given_name="Ana", family_name="Pereira"))
    window.operations.announce(Changes.all_of(Kind.PEOPLE))
    QTest.keySequence(window, "Ctrl+4")
    people = window.people
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 3)
    names = {people.proxy.index(r, PersonColumn.NAME).data(Qt.ItemDataRole.DisplayRole)
             for r in range(people.proxy.rowCount())}
    assert any("Pereira" in str(name) for name in names)


def test_build_all_builds_every_screen_in_navigation_order(window) -> None:
    pages = window.screens.build_all()
    assert [p.objectName() for p in pages][:2] == ["Dashboard", "Applications"]
    assert all(window.screens.is_built(t) for t in window.screens.titles())
    assert [window.pages.widget(r) for r in range(window.pages.count())] == pages
