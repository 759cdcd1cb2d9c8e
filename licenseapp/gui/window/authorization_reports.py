"""Authorization (the matrix, directive impact and rule sets, with the Rules menu) and
Reports (Ctrl+7, with the Reports menu): built when first shown, their menus filled from
them then (or when a menu is first opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from licenseapp.gui.window.screens import screen_menu
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from licenseapp.gui.authorization.page import AuthorizationPage
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.reports.page import ReportsPage
    from licenseapp.gui.tasks import TaskRunner


def add_authorization(window: MainWindow, runner: TaskRunner) -> None:
    def build() -> AuthorizationPage:
        from licenseapp.gui.authorization.page import AuthorizationPage

        page = AuthorizationPage(runner)
        page.load_on_open = False  # after the applications list, or when shown
        page.dataModified.connect(window.operations.announce)
        page.applicationRequested.connect(window.show_application)
        return page

    window.add_page("Authorization", build, "details",
                    shows=(Kind.PEOPLE, Kind.ITEMS, Kind.ACCESS, Kind.RULESETS,
                           Kind.LICENSES, Kind.APPLICATIONS))
    screen_menu(window, "Authorization", "&Rules", fill_rules)


def fill_rules(page: AuthorizationPage, menu: QMenu) -> None:
    """The screen's actions first (others may have added theirs below)."""
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, page.rules_menu(menu).actions())  # type: ignore[arg-type]


def add_reports(window: MainWindow, runner: TaskRunner) -> None:
    """A case record can take the application selected in the list. The Reports menu's
    actions bring the screen forward."""
    def build() -> ReportsPage:
        from licenseapp.gui.reports.page import REPORT_KINDS, ReportsPage

        page = ReportsPage(runner, selected_ref=window.applications.selected_ref)
        window.updates.add(page, REPORT_KINDS, page.apply_changes)
        for action in page.actions_shown:
            action.triggered.connect(lambda _checked=False: window.show_page(page))
        return page

    window.add_page("Reports", build, None)
    screen_menu(window, "Reports", "Re&ports", fill_reports)


def fill_reports(page: ReportsPage, menu: QMenu) -> None:
    menu.addActions(page.menu(menu).actions())
