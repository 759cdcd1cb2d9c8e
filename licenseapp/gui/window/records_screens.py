"""People (Ctrl+4), Organizations (Ctrl+5) and Items (Ctrl+6), the records applications
are built from, and File › New item…, Import a roster…, Import items…, Import access…."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from licenseapp.gui.items.page import ItemsPage
from licenseapp.gui.organizations.page import OrganizationsPage
from licenseapp.gui.people.page import PeoplePage
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from licenseapp.gui.importing.launcher import ImportLauncher
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner


def add_records(window: MainWindow, runner: TaskRunner) -> None:
    """The three screens load when first shown, and a save there reloads every screen.
    Beside People and Items, the selected record's access; File › New item… opens the item
    editor."""
    window.people = people = PeoplePage(runner)
    window.add_page("People", people, people.access_panel,
                    shows=(Kind.ORGANIZATIONS,))  # (its own saves reload it)
    window.organizations = OrganizationsPage(runner)
    window.add_page("Organizations", window.organizations, None)
    window.items = items = ItemsPage(runner)
    window.add_page("Items", items, items.access_panel,
                    shows=(Kind.ITEMS, Kind.ACCESS))  # and the count of people with access
    for page in (people, window.organizations, items):
        page.dataModified.connect(window.operations.announce)
        page.loadFailed.connect(window._on_error)
    window.new_item_action = QAction("New &item…", window)
    window.new_item_action.setStatusTip("Add a controlled item: technology, source code or "
                                        "an AI model, with its classification")
    window.new_item_action.triggered.connect(window.new_item)
    file_menu = window.file_menu
    first = file_menu.actions()[0]
    file_menu.insertAction(first, window.new_item_action)
    file_menu.insertSeparator(first)
    file_menu.insertActions(first, import_actions(window))
    file_menu.insertSeparator(first)


def import_actions(window: MainWindow) -> list[QAction]:
    """File › Import a roster…, Import items…, Import access…: the screen the records
    land on is shown, then the file asked for."""
    found: list[QAction] = []
    people, items = window.people, window.items
    launchers = [("Import a &roster…", people, people.roster_import),
                 ("Import ite&ms…", items, items.items_import),
                 ("Import a&ccess…", people, people.access_import)]
    for text, page, launcher in launchers:
        if launcher is None:
            continue
        action = QAction(text, window)
        action.setStatusTip(launcher.action.statusTip())
        action.triggered.connect(
            lambda _checked=False, p=page, job=launcher: import_into(window, p, job))
        found.append(action)
    return found


def import_into(window: MainWindow, page: QWidget, launcher: ImportLauncher) -> None:
    window.show_page(page)
    launcher.choose_file()
