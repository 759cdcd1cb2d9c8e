"""The first run: a database without a company profile opens on the welcome page; the
next steps stand on the dashboard until the first application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from licenseapp.gui.welcome.next_steps import NextStepsPanel
from licenseapp.gui.welcome.page import WelcomePage
from licenseapp.gui.welcome.setup_watch import SetupWatcher
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner


def add_first_run(window: MainWindow, runner: TaskRunner) -> None:
    window.welcome = welcome = WelcomePage(runner)
    window.central.addWidget(welcome)
    window.next_steps = next_steps = NextStepsPanel(window.navigator, window.drafting.new_action)
    window.screens.when_built("Dashboard", lambda dashboard: dashboard.add_banner(next_steps))
    window.setup = setup = SetupWatcher(runner, window)
    window.databaseChanged.connect(welcome.set_database)
    window.databaseChanged.connect(lambda _db: next_steps.reset())
    window.databaseChanged.connect(setup.set_database)
    window.updates.add(None, (Kind.ORGANIZATIONS, Kind.PEOPLE, Kind.ITEMS, Kind.ACCESS),
                       lambda _changes: setup.reload(), always=True)
    setup.opened.connect(lambda state: window.show_welcome(not state.has_profile))
    setup.changed.connect(next_steps.set_state)
    welcome.profileSaved.connect(lambda _form: profile_saved(window))
    welcome.skipped.connect(lambda: window.show_page(window.dashboard))
    welcome.demoReady.connect(window.open_database)


def profile_saved(window: MainWindow) -> None:
    window.show_page(window.dashboard)
    window.statusBar().showMessage("Company profile saved.", 10_000)
    window.operations.announce(Changes.all_of(Kind.ORGANIZATIONS))
