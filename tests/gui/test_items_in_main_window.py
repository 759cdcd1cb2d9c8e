"""Items and access in the main window: the Items screen (Ctrl+6, File › New item…), the
person's access beside the People list, and the authorization matrix following every item,
person and access added in the GUI at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from licenseapp.gui.access.grant_dialog import GrantAccessDialog
from licenseapp.gui.items.dialog import ItemDialog
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.people.dialog import PersonDialog
from licenseapp.gui.people.model import PersonColumn as PeopleColumn
from licenseapp.services.catalog.access import list_access

from .test_items_page import add_records, tick, tick_first_found, type_mythos

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


@pytest.fixture
def records(db):  # type: ignore[no-untyped-def]
    return add_records(db)


@pytest.fixture
def window(qtbot, runner, records, db_url):  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    win.open_database(db_url)
    qtbot.waitUntil(lambda: win.database is not None)
    yield win
    win.close()
    assert errors == []


def matrix_items(win: MainWindow) -> list[str]:
    return [item.name for item in win.authorization.model.items]


def matrix_people(win: MainWindow) -> list[str]:
    return [row.name for row in win.authorization.model.rows]


def test_items_screen_follows_organizations_with_its_own_shortcut(qtbot, window) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[titles.index("Organizations") + 1] == "Items"
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(window.open_action))
                 if not a.shortcut().isEmpty()]
    assert shortcuts.count("Ctrl+6") == 1
    window.show_page(window.applications)
    QTest.keySequence(window, "Ctrl+6")
    assert window.pages.currentWidget() is window.items
    assert window.details_stack.currentWidget() is window.items.access_panel
    qtbot.waitUntil(lambda: window.items.is_loaded and window.items.proxy.rowCount() == 1)


def test_an_item_person_and_access_added_in_the_gui_are_in_the_matrix_when_shown(
        qtbot, window, records) -> None:
    qtbot.waitUntil(lambda: window.authorization.is_loaded, timeout=20_000)
    assert matrix_items(window) == ["GaN HEMT process technology"]

    # File › New item…
    window.new_item_action.trigger()
    assert window.pages.currentWidget() is window.items
    qtbot.waitUntil(lambda: window.items.dialog is not None)
    dialog = window.items.dialog
    assert isinstance(dialog, ItemDialog)
    type_mythos(qtbot, dialog)
    with qtbot.waitSignal(window.operations.changed, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Mythos 5" not in matrix_items(window)  # hidden: it waits to be shown
    window.show_page(window.authorization)
    qtbot.waitUntil(lambda: "Mythos 5" in matrix_items(window), timeout=20_000)

    # a new person on the People screen
    window.show_page(window.people)
    people = window.people
    qtbot.waitUntil(lambda: people.is_loaded and people.proxy.rowCount() == 2)
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people.dialog is not None)
    person_dialog = people.dialog
    assert isinstance(person_dialog, PersonDialog)
    qtbot.keyClicks(person_dialog.person_editor.text_edits["given_name"], "Ana")
    qtbot.keyClicks(person_dialog.person_editor.text_edits["family_name"], "Souza")
    qtbot.mouseClick(person_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 3)
    window.show_page(window.authorization)
    qtbot.waitUntil(lambda: "Ana Souza" in matrix_people(window), timeout=20_000)

    # her access, granted from her Access section beside the list
    window.show_page(window.people)
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 3)
    names = [people.proxy.index(r, PeopleColumn.NAME).data()
             for r in range(people.proxy.rowCount())]
    rect = people.table.visualRect(people.proxy.index(names.index("Ana Souza"),
                                                      PeopleColumn.NAME))
    qtbot.mouseClick(people.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = people.access_panel
    assert window.details_stack.currentWidget() is panel and panel.isVisible()
    qtbot.waitUntil(lambda: panel.loaded and panel.subject is not None
                    and panel.subject.name == "Ana Souza")
    assert "has no access recorded yet" in panel.list.message_label.text()
    qtbot.mouseClick(panel.grant_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.grant_dialog is not None)
    grant = panel.grant_dialog
    assert isinstance(grant, GrantAccessDialog)
    assert not grant.modes_box.isVisible()  # no AI model chosen yet
    tick_first_found(qtbot, grant, "mythos")
    assert grant.modes_box.isVisible()
    tick(qtbot, grant.mode_checks["use"])
    with qtbot.waitSignal(window.operations.changed, timeout=20_000):
        qtbot.mouseClick(grant.grant_button, Qt.MouseButton.LeftButton)
    window.show_page(window.authorization)
    (record,) = list_access(records)
    assert (record.person_name, record.item_name, record.mode, record.state) == (
        "Ana Souza", "Mythos 5", "use", "active")
    qtbot.waitUntil(lambda: any(
        c is not None and c.person_name == "Ana Souza" and c.item_name == "Mythos 5"
        for row in window.authorization.model.rows for c in row.cells), timeout=20_000)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.index(0, 0).data().startswith("Mythos 5 (ITM-")
