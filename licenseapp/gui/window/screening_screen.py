"""Screening (Ctrl+8): hits on our people and organizations against the restricted-party
lists, reviewed side by side and decided; list snapshots, loaded from the File menu;
Screen now on People and Organizations."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

from licenseapp.gui.window.screens import screen_action

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.people.records_page import RecordsPage
    from licenseapp.gui.screening.page import ScreeningPage
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.store.database import Database

#: File › Load list snapshot… and Re-screen everyone: (text, tip, the screen's action).
SNAPSHOT_ACTIONS = (
    ("&Load list snapshot…", "Load a newer restricted-party list (the Consolidated Screening "
     "List as JSON or CSV) and re-screen everyone", "load_action"),
    ("Re-screen everyo&ne", "Screen every person and organization again against the list "
     "in use", "rescreen_action"),
)


def add_screening(window: MainWindow, runner: TaskRunner) -> None:
    def build() -> QWidget:
        from licenseapp.gui.screening.page import SCREENING_KINDS, ScreeningPage

        screening = ScreeningPage(runner)
        window.updates.add(screening, SCREENING_KINDS, screening.apply_changes)
        screening.dataModified.connect(window.operations.announce)
        screening.loadFailed.connect(window._on_error)
        return screening

    window.add_page("Screening", build, None)
    window.screen_now = []
    for title in ("People", "Organizations"):
        window.screens.when_built(title, partial(add_screen_now, window, runner,
                                                 title == "People"))
    # File › Load list snapshot… and Re-screen everyone, beside the imports: the
    # Screening screen is shown, where their progress and outcome are.
    for text, tip, name in SNAPSHOT_ACTIONS:
        shown = screen_action(window, "Screening", text, tip, partial(trigger, name))
        enable_with_database(window, shown)
        window.screens.when_built("Screening", partial(follow, shown, name))
        window.file_menu.insertAction(window.open_action, shown)
    window.file_menu.insertSeparator(window.open_action)


def add_screen_now(window: MainWindow, runner: TaskRunner, people: bool,
                   page: RecordsPage[Any]) -> None:
    """Screen now on People or Organizations (``page``, just built)."""
    from licenseapp.gui.screening.screen_now import install
    from licenseapp.services.screening.dto import Subject

    subject = Subject.PERSON if people else Subject.ORGANIZATION
    window.screen_now += install(runner, [(page, subject)], window,
                                 window.operations.announce, window.show_screening_hit)


def enable_with_database(window: MainWindow, action: QAction) -> None:
    """Enabled while a database is open (until the screen's own action says)."""
    action.setEnabled(window.database is not None)
    window.databaseChanged.connect(lambda db: _enable(action, db))


def _enable(action: QAction, db: Database | None) -> None:
    if not action.property("follows"):
        action.setEnabled(db is not None)


def trigger(name: str, page: ScreeningPage) -> None:
    getattr(page.snapshots, name).trigger()


def follow(shown: QAction, name: str, page: ScreeningPage) -> None:
    """``shown`` enabled as the screen's action ``name`` is, from now on."""
    action: QAction = getattr(page.snapshots, name)
    shown.setProperty("follows", True)
    action.changed.connect(lambda: shown.setEnabled(action.isEnabled()))
    shown.setEnabled(action.isEnabled())
