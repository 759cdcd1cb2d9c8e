"""Status changes and reassignment, Edit › Settings…, the Licenses & deadlines screen
(its counts on the status bar and the dashboard) and the Dashboard, the first screen."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from licenseapp.gui.tracking.actions import ApplicationActions, owners_in
from licenseapp.gui.tracking.due_label import DueLabel
from licenseapp.gui.window.menus import main_toolbar
from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from licenseapp.gui.dashboard.page import DashboardPage
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.gui.tracking.deadlines_page import DeadlinesPage


def add_tracking(window: MainWindow, runner: TaskRunner) -> None:
    details, applications = window.details, window.applications
    window.tracking = tracking = ApplicationActions(
        runner, window, partial(owners_in, applications.model)
    )
    window.databaseChanged.connect(tracking.set_database)
    details.detailShown.connect(lambda _ref: tracking.set_application(
        details.detail.row if details.detail else None))
    applications.selectionCleared.connect(lambda: tracking.set_application(None))
    tracking.changed.connect(window.operations.announce)
    tracking.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    details.add_actions(tracking.actions)
    window.application_menu.addActions(list(tracking.actions))
    toolbar = main_toolbar(window)
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(tracking.change_status_action)
    window.settings_action = QAction("&Settings…", window)
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.settings_action.triggered.connect(window.show_settings)
    window.edit_menu.addAction(window.settings_action)

    def deadlines() -> QWidget:
        from licenseapp.gui.tracking.deadlines_page import DeadlinesPage

        page = DeadlinesPage(runner, today=window.context.clock.today)
        page.applicationRequested.connect(window.show_application)
        page.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
        page.loadFailed.connect(window._on_error)
        page.deadlineMarked.connect(details.reload)  # its deadlines list
        page.countsChanged.connect(window.due_label.show_counts)
        window.refresh_action.triggered.connect(page.reload)
        return page

    window.add_page("Licenses & deadlines", deadlines, "details_pane",
                    shows=(Kind.APPLICATIONS, Kind.DEADLINES, Kind.LICENSES,
                           Kind.PEOPLE, Kind.SETTINGS),
                    always=True)  # its counts are on the status bar and the dashboard
    window.due_label = DueLabel()
    window.statusBar().insertPermanentWidget(0, window.due_label)
    # What is due and who may access what: worked out once the list is in, so they do
    # not compete with it for the database at start (the two screens built then).
    applications.countsChanged.connect(lambda *_: load_the_rest(window, applications.is_loaded))
    applications.loadFailed.connect(lambda _exc: load_the_rest(window))

    def dashboard() -> QWidget:
        from licenseapp.gui.dashboard.page import DashboardPage

        page = DashboardPage(runner)
        page.loadFailed.connect(window._on_error)
        page.filterRequested.connect(partial(show_filtered, window))
        page.deadlinesRequested.connect(partial(show_deadlines, window))
        window.refresh_action.triggered.connect(page.reload)
        window.screens.when_built("Licenses & deadlines", partial(counts_to, page))
        return page

    window.add_page("Dashboard", dashboard, None, position=0,
                    shows=(Kind.APPLICATIONS, Kind.ORGANIZATIONS))
    window.nav.setCurrentRow(0)


def counts_to(dashboard: DashboardPage, deadlines: DeadlinesPage) -> None:
    """The deadlines' counts on the dashboard, now (if counted) and whenever they change."""
    deadlines.countsChanged.connect(dashboard.set_deadline_counts)
    if deadlines.counts is not None:
        dashboard.set_deadline_counts(deadlines.counts)


def load_the_rest(window: MainWindow, ready: bool = True) -> None:
    window.deadlines.load_if_needed(ready)
    window.authorization.load_if_needed(ready)


def show_filtered(window: MainWindow, statuses: tuple[str, ...] | None,
                  regulator: str | None) -> None:
    """A dashboard count clicked: the applications list filtered to it."""
    window.show_page(window.applications)
    window.applications.set_filters(statuses=statuses, regulator=regulator)


def show_deadlines(window: MainWindow, kind: str | None, within_days: int) -> None:
    window.show_page(window.deadlines)
    window.deadlines.show_deadlines(kind, within_days)
