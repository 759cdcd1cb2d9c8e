"""The first run: a database without a company profile opens on the welcome page (built
then, not at start); the next steps stand on the dashboard until the first application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from licenseapp.gui.welcome.next_steps import NextStepsPanel
from licenseapp.gui.welcome.setup_watch import SetupWatcher
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.gui.welcome.page import WelcomePage


def add_first_run(window: MainWindow, runner: TaskRunner) -> None:
    window._welcome_runner = runner
    window.next_steps = next_steps = NextStepsPanel(window.navigator, window.drafting.new_action)
    window.screens.when_built("Dashboard", lambda dashboard: dashboard.add_banner(next_steps))
    window.setup = setup = SetupWatcher(runner, window)
    window.databaseChanged.connect(lambda _db: next_steps.reset())
    window.databaseChanged.connect(setup.set_database)
    window.updates.add(None, (Kind.ORGANIZATIONS, Kind.PEOPLE, Kind.ITEMS, Kind.ACCESS),
                       lambda _changes: setup.reload(), always=True)
    setup.opened.connect(lambda state: window.show_welcome(not state.has_profile))
    setup.changed.connect(next_steps.set_state)


def welcome_page(window: MainWindow) -> WelcomePage:
    """The welcome page, built the first time it is needed (a new database)."""
    built: WelcomePage | None = window.__dict__.get("_welcome_page")
    if built is not None:
        return built
    from licenseapp.gui.welcome.page import WelcomePage

    window._welcome_page = welcome = WelcomePage(window._welcome_runner)
    window.central.addWidget(welcome)
    welcome.set_database(window.database)
    window.databaseChanged.connect(welcome.set_database)
    welcome.profileSaved.connect(lambda _form: profile_saved(window))
    welcome.skipped.connect(lambda: window.show_page(window.dashboard))
    welcome.demoReady.connect(window.open_database)
    return welcome


def profile_saved(window: MainWindow) -> None:
    window.show_page(window.dashboard)
    window.statusBar().showMessage("Company profile saved.", 10_000)
    window.operations.announce(Changes.all_of(Kind.ORGANIZATIONS))
