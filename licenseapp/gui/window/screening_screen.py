"""Screening (Ctrl+8): hits on our people and organizations against the restricted-party
lists, reviewed side by side and decided; list snapshots, loaded from the File menu."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from licenseapp.gui.screening.page import SCREENING_KINDS, ScreeningPage
from licenseapp.gui.screening.screen_now import install as install_screen_now
from licenseapp.services.screening.dto import Subject

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner


def add_screening(window: MainWindow, runner: TaskRunner) -> None:
    window.screening = screening = ScreeningPage(runner)
    window.add_page("Screening", screening, None, shows=SCREENING_KINDS)
    screening.dataModified.connect(window.operations.announce)
    screening.loadFailed.connect(window._on_error)
    window.screen_now = install_screen_now(
        runner, [(window.people, Subject.PERSON), (window.organizations, Subject.ORGANIZATION)],
        window, window.operations.announce, window.show_screening_hit)
    # File › Load list snapshot… and Re-screen everyone, beside the imports: the
    # Screening screen is shown, where their progress and outcome are.
    for action in (screening.snapshots.load_action, screening.snapshots.rescreen_action):
        shown = QAction(action.text(), window)
        shown.setStatusTip(action.statusTip())
        action.changed.connect(lambda a=action, s=shown: s.setEnabled(a.isEnabled()))
        shown.setEnabled(action.isEnabled())
        shown.triggered.connect(partial(trigger_on_screening_screen, window, action))
        window.file_menu.insertAction(window.open_action, shown)
    window.file_menu.insertSeparator(window.open_action)


def trigger_on_screening_screen(window: MainWindow, action: QAction) -> None:
    window.show_page(window.screening)
    action.trigger()
