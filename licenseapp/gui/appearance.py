"""View › Appearance: System, Light or Dark, remembered per user.

The choice is kept with the person's window layout (``QSettings``); ``$LICENSEAPP_THEME``
(system, light or dark) overrides it for one run, e.g. for the screenshot script. With
"System", a change of the desktop's colour scheme while the app runs is followed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication

from licenseapp.gui.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow

APPEARANCE_KEY = "view/appearance"
THEME_VARIABLE = "LICENSEAPP_THEME"
_WORDS = {"system": "&System", "light": "&Light", "dark": "&Dark"}
_TIPS = {"system": "Light or dark as the desktop is set", "light": "Dark text on light",
         "dark": "Light text on dark"}


def saved_appearance(settings: QSettings) -> str:
    """The appearance to use: ``$LICENSEAPP_THEME`` if set, else the person's choice."""
    chosen = os.environ.get(THEME_VARIABLE) or str(settings.value(APPEARANCE_KEY, "system"))
    return chosen if chosen in THEMES else "system"


def apply_saved_appearance(app: QApplication, settings: QSettings) -> str:
    """Use the saved (or ``$LICENSEAPP_THEME``) appearance at start; returns it."""
    choice = saved_appearance(settings)
    apply_theme(app, choice)
    return choice


class AppearanceActions(QObject):
    """The three choices (exclusive), checked as saved; choosing one applies and keeps it."""

    def __init__(self, parent: QObject, settings: Callable[[], QSettings]) -> None:
        super().__init__(parent)
        self._settings = settings
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        chosen = saved_appearance(settings())
        for choice in THEMES:
            action = QAction(_WORDS[choice], self.group)
            action.setCheckable(True)
            action.setChecked(choice == chosen)
            action.setStatusTip(_TIPS[choice])
            action.setData(choice)
            self.actions[choice] = action
        self.group.triggered.connect(self._chosen)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    @property
    def choice(self) -> str:
        checked = self.group.checkedAction()
        return str(checked.data()) if checked is not None else "system"

    @Slot(QAction)
    def _chosen(self, action: QAction) -> None:
        choice = str(action.data())
        settings = self._settings()
        settings.setValue(APPEARANCE_KEY, choice)
        settings.sync()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)

    @Slot(Qt.ColorScheme)
    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        app = QApplication.instance()
        if self.choice == "system" and isinstance(app, QApplication):
            apply_theme(app, "system")


def install(window: MainWindow, settings: Callable[[], QSettings]) -> AppearanceActions:
    """View › Appearance ▸ System / Light / Dark, at the end of the View menu."""
    actions = AppearanceActions(window, settings)
    window.view_menu.addSeparator()
    menu = window.view_menu.addMenu("A&ppearance")
    menu.addActions(list(actions.actions.values()))
    return actions
