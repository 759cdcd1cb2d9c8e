"""Review & sign-off (#20): what waits for me, built when first shown; the status bar
names who acts on the database."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from licenseapp.services.changes import Kind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.store.database import Database


def add_team_queues(window: MainWindow, runner: TaskRunner) -> None:
    """Add the "Review & sign-off" screen to the main window."""
    def build() -> QWidget:
        from licenseapp.gui.team.queues_page import TeamQueuesPage

        page = TeamQueuesPage(runner)
        page.applicationRequested.connect(window.show_application)
        page.dataModified.connect(window.operations.announce)
        page.loadFailed.connect(window._on_error)
        return page

    window.add_page("Review & sign-off", build, None, shows=(Kind.APPLICATIONS,))
    window.databaseChanged.connect(lambda db: show_login(window, db))


def show_login(window: MainWindow, db: Database | None) -> None:
    """The status bar names who acts on this database: on a team's server, the login."""
    from licenseapp.domain.roles import Role
    from licenseapp.gui.personal_settings import user_label_text

    if db is None:
        return
    window.user_label.setText(user_label_text(replace(window.context, actor=db.actor)))
    window.applications.set_user(db.actor)  # "Mine": what this login owns
    held = ", ".join(r.words for r in Role if r in db.identity.roles) or "no team role"
    window.user_label.setToolTip(f"Roles on this database: {held}")
