"""People (Ctrl+4), Organizations (Ctrl+5) and Items (Ctrl+6), the records applications
are built from, and File › New item…, Import a roster…, Import items…, Import access…."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from licenseapp.gui.importing.kinds import GRANTS, ITEMS, PEOPLE
from licenseapp.gui.window.screens import screen_action
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from licenseapp.gui.importing.launcher import ImportLauncher
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.people.records_page import RecordsPage
    from licenseapp.gui.tasks import TaskRunner


def add_records(window: MainWindow, runner: TaskRunner) -> None:
    """The three screens are built and load when first shown, and a save there reloads
    every screen. Beside People and Items, the selected record's access; File › New item…
    opens the item editor."""
    def built(page: RecordsPage) -> RecordsPage:
        page.dataModified.connect(window.operations.announce)
        page.loadFailed.connect(window._on_error)
        return page

    def people() -> QWidget:
        from licenseapp.gui.people.page import PeoplePage

        return built(PeoplePage(runner))

    def organizations() -> QWidget:
        from licenseapp.gui.organizations.page import OrganizationsPage

        return built(OrganizationsPage(runner))

    def items() -> QWidget:
        from licenseapp.gui.items.page import ItemsPage

        return built(ItemsPage(runner))

    window.add_page("People", people, "access_panel",
                    shows=(Kind.ORGANIZATIONS,))  # (its own saves reload it)
    window.add_page("Organizations", organizations, None)
    window.add_page("Items", items, "access_panel",
                    shows=(Kind.ITEMS, Kind.ACCESS))  # and the count of people with access
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
    land on is shown (built if need be), then the file asked for."""
    launchers = [("Import a &roster…", "People", PEOPLE, "roster_import"),
                 ("Import ite&ms…", "Items", ITEMS, "items_import"),
                 ("Import a&ccess…", "People", GRANTS, "access_import")]
    return [screen_action(window, title, text, kind.hint, partial(choose_file, launcher))
            for text, title, kind, launcher in launchers
            if kind is PEOPLE or kind.available()]


def choose_file(launcher: str, page: QWidget) -> None:
    """The file for the import ``launcher`` (an attribute of ``page``) asked for."""
    found: ImportLauncher | None = getattr(page, launcher, None)
    if found is not None:
        found.choose_file()
