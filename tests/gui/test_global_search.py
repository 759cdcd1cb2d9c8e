"""Edit › Find anything… (Ctrl+K) in the main window, on a real database, typed with keys:
each kind found by its key and opened on its screen with Enter, accents optional, names in
their own script, and an edit made after the index was built found."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from licenseapp.domain.search.index import RecordKind
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.search.popup import GlobalSearchDialog
from licenseapp.services.catalog.people import load_person, save_person
from licenseapp.services.changes import Changes, Kind


@pytest.fixture
def opened(qtbot, window: MainWindow, sample_db_url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0)
    return window


def _popup(qtbot, window: MainWindow) -> GlobalSearchDialog:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # a popup closed gives it back
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.global_search.dialog is not None
                    and window.global_search.dialog.isVisible())
    dialog = window.global_search.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.edit.hasFocus)
    return dialog


def _key_clicks(edit: QLineEdit, text: str) -> None:
    """Typed key by key; a letter of another script as its keyboard layout sends it (a key
    event carrying the letter: QTest.keyClicks knows Latin keys only)."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(edit, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                   char))


def _type(qtbot, dialog: GlobalSearchDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.edit.selectAll()
    QTest.keyClick(dialog.edit, Qt.Key.Key_Delete)
    _key_clicks(dialog.edit, text)
    qtbot.waitUntil(lambda: dialog.shown_text == text, timeout=10_000)


def _shown(dialog: GlobalSearchDialog) -> dict[str, list[str]]:
    """The groups shown, by heading, with each record's title."""
    tree = dialog.results
    found: dict[str, list[str]] = {}
    for n in range(tree.topLevelItemCount()):
        heading = tree.topLevelItem(n)
        found[heading.text(0)] = [heading.child(c).text(0) for c in range(heading.childCount())
                                  if heading.child(c).flags() & Qt.ItemFlag.ItemIsSelectable]
    return found


def _enter(qtbot, dialog: GlobalSearchDialog) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_reference_typed_opens_its_application(qtbot, opened: MainWindow) -> None:
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "la-2026-0003")
    assert _shown(dialog) == {"Applications": ["LA-2026-0003"]}
    _enter(qtbot, dialog)
    assert opened.pages.currentWidget() is opened.applications
    qtbot.waitUntil(lambda: opened.applications.selected_ref() == "LA-2026-0003")


def test_enter_typed_at_once_opens_a_result_of_what_was_typed(qtbot, opened: MainWindow) -> None:
    """Enter pressed before the last keystroke's results arrive waits for them: it opened a
    result of the keystroke before (LA-2026-000 listed others first)."""
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "la-2026-000")
    assert _shown(dialog)["Applications"][0] != "LA-2026-0003"
    _key_clicks(dialog.edit, "3")
    QTest.keyClick(dialog.edit, Qt.Key.Key_Return)  # at once, not waiting for the results
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: opened.applications.selected_ref() == "LA-2026-0003")


def test_up_and_down_choose_among_the_results(qtbot, opened: MainWindow) -> None:
    opened.show_page(opened.people)
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "LA-2026")
    assert _shown(dialog)["Applications"][:3] == ["LA-2026-0006", "LA-2026-0005", "LA-2026-0004"]
    QTest.keyClick(dialog.edit, Qt.Key.Key_Down)
    QTest.keyClick(dialog.edit, Qt.Key.Key_Down)
    QTest.keyClick(dialog.edit, Qt.Key.Key_Up)
    _enter(qtbot, dialog)
    assert opened.pages.currentWidget() is opened.applications
    qtbot.waitUntil(lambda: opened.applications.selected_ref() == "LA-2026-0005")


def test_acn_and_license_number(qtbot, opened: MainWindow) -> None:
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "Z100003")  # the sample's ACN of LA-2026-0004
    assert _shown(dialog) == {"Applications": ["LA-2026-0004"]}
    assert "ACN Z100003" in dialog.results.topLevelItem(0).child(0).text(1)
    _type(qtbot, dialog, "d1200003")
    assert _shown(dialog) == {"Licenses": ["D1200003"]}
    _enter(qtbot, dialog)
    deadlines = opened.deadlines
    assert opened.pages.currentWidget() is deadlines
    assert deadlines.tabs.currentWidget() is deadlines.licenses
    qtbot.waitUntil(lambda: deadlines.licenses.details.license is not None
                    and deadlines.licenses.details.license.number == "D1200003")


@pytest.mark.parametrize(("typed", "name"), [
    ("jose nunez", "José Ángel Núñez"),  # accents optional
    ("NÚÑEZ", "José Ángel Núñez"),
    ("lefevre dvorak", "Zoë Lefèvre-Dvořák"),
    ("ليلى", "Layla Haddad"),  # Arabic
    ("प्रिया", "Priya Sharma"),  # Devanagari
    ("张伟", "Wei Zhang"),  # Chinese
    ("дмитрий", "Dmitri Ivanov"),  # Cyrillic, in lower case
    ("zhang wei", "Wei Zhang"),
])
def test_a_person_by_any_name_opens_on_people(qtbot, opened: MainWindow, typed: str,
                                              name: str) -> None:
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, typed)
    assert _shown(dialog) == {"People": [name]}
    _enter(qtbot, dialog)
    people = opened.people
    assert opened.pages.currentWidget() is people
    qtbot.waitUntil(lambda: people.selected_id() is not None)
    row = people.model.record_at(people.model.row_of(people.selected_id()))
    assert sorted(row.name.replace(",", "").split()) == sorted(name.split())


def test_organization_and_item(qtbot, opened: MainWindow) -> None:
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "northwind")
    assert _shown(dialog) == {"Organizations": ["Northwind Frontier AI, Inc."]}
    _enter(qtbot, dialog)
    assert opened.pages.currentWidget() is opened.organizations
    qtbot.waitUntil(lambda: opened.organizations.selected_id() is not None)
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "3E001")
    assert _shown(dialog) == {"Items": ["Photon lithography process"]}
    _type(qtbot, dialog, "xii(f)")  # a USML category
    assert _shown(dialog) == {"Items": ["Guidance firmware"]}
    _enter(qtbot, dialog)
    items = opened.items
    assert opened.pages.currentWidget() is items
    qtbot.waitUntil(lambda: items.selected_item() is not None
                    and items.selected_item().name == "Guidance firmware")


def test_an_edit_after_the_index_was_built_is_found(qtbot, opened: MainWindow) -> None:
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "sharma")
    assert _shown(dialog) == {"People": ["Priya Sharma"]}
    QTest.keyClick(dialog.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    db = opened.database
    assert db is not None and opened.global_search.cache is not None
    assert opened.global_search.cache.ready
    person_id = next(group.found[0].key for group in opened.global_search.cache.search("sharma")
                     if group.kind is RecordKind.PEOPLE)
    assert isinstance(person_id, int)
    form = load_person(db, person_id)
    save_person(db, dataclasses.replace(form, family_name="Verma"), base=form)
    opened.operations.announce(Changes.of(Kind.PEOPLE, [person_id]))  # as the People page does
    dialog = _popup(qtbot, opened)
    _type(qtbot, dialog, "verma")
    qtbot.waitUntil(lambda: _shown(dialog) == {"People": ["Priya Verma"]})
    _type(qtbot, dialog, "sharma")
    qtbot.waitUntil(lambda: _shown(dialog) == {})
    assert dialog.status.text() == "Nothing matches “sharma”."


def test_the_index_is_built_once_the_screens_have_loaded(  # type: ignore[no-untyped-def]
        qtbot, runner, sample_db_url: str, monkeypatch) -> None:
    from licenseapp.gui.search import menu_actions

    monkeypatch.setattr(menu_actions, "WARM_UP_MS", 50)
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.global_search.cache is not None)
    cache = window.global_search.cache
    assert cache is not None
    qtbot.waitUntil(lambda: cache.ready, timeout=10_000)  # no search asked for it
    assert window.global_search.dialog is None
    window.close()
