"""Help › LicenseApp guide (F1) and What's this? (Shift+F1), installed in the main window by
:func:`install`.

F1 in the main window opens the guide at the section of the screen on view (the welcome
page's on a new database). The wizard and the task dialogs are windows of their own, often
modal, where the main window's F1 cannot reach: each one the guide covers gets its own F1
when it first becomes the active window, opening the section of the wizard page or dialog;
and its own Shift+F1 (:mod:`licenseapp.gui.help.whats_this`).

The guide window has no parent, so a window-modal wizard does not block it (a child of the
main window would be blocked with it), and it does not keep the app running once the main
window is closed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from licenseapp.gui.help.context import (
    SCREEN_SECTIONS,
    TOP,
    WELCOME_SECTION,
    window_section,
)
from licenseapp.gui.help.whats_this import enter_whats_this_mode, what_is_this_action

if TYPE_CHECKING:
    from licenseapp.gui.help.guide_window import GuideWindow
    from licenseapp.gui.main_window import MainWindow

#: Marks a window that already has its F1.
_EQUIPPED = "licenseappHelpF1"


class HelpActions(QObject):
    """The guide action and the guide window (made when first asked for)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.guide: GuideWindow | None = None
        self.guide_action = QAction("LicenseApp &guide", self)
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.setStatusTip("How to draft, check, print, file, track and renew "
                                       "applications, and what to do on directive day")
        self.guide_action.triggered.connect(self.open_for_screen)
        window.addAction(self.guide_action)  # F1 works with the menu bar hidden too
        self.whats_this_action = what_is_this_action(self)
        window.addAction(self.whats_this_action)
        menu = window.help_menu
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.guide_action)  # type: ignore[arg-type]
        menu.insertAction(first, self.whats_this_action)  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._window_activated)

    def section_for_screen(self) -> str:
        """The section of what the main window shows."""
        window = self._window
        if window.central.currentWidget() is window.welcome:
            return WELCOME_SECTION
        item = window.nav.currentItem()
        return SCREEN_SECTIONS.get(item.text(), TOP) if item is not None else TOP

    @Slot()
    def open_for_screen(self) -> None:
        self.open_section(self.section_for_screen())

    def open_section(self, anchor: str) -> GuideWindow:
        """The guide window, shown at ``anchor``."""
        if self.guide is None or not isValid(self.guide):
            from licenseapp.gui.help.guide_window import GuideWindow

            guide = GuideWindow()
            guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            guide.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            guide.setWindowIcon(self._window.windowIcon())
            self._window.destroyed.connect(partial(_close, guide))
            self.guide = guide
        self.guide.show_section(anchor)
        return self.guide

    @Slot(QWindow)
    def _window_activated(self, handle: QWindow | None) -> None:
        if handle is None:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.windowHandle() is handle:
                self._equip(widget)
                return

    def _equip(self, window: QWidget) -> None:
        """Give ``window`` its own F1 if the guide covers it, while this main window is open
        (one closed but not yet deleted must not take the next one's dialogs)."""
        if window.property(_EQUIPPED) or window_section(window) is None:
            return
        if not self._window.isVisible():
            return
        window.setProperty(_EQUIPPED, True)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F1), window)
        shortcut.activated.connect(self._f1_in_window)
        # A modal dialog blocks the main window's Shift+F1: each one gets its own.
        whats_this = QShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F1), window)
        whats_this.activated.connect(enter_whats_this_mode)

    @Slot()
    def _f1_in_window(self) -> None:
        shortcut = self.sender()
        window = shortcut.parent() if shortcut is not None else None
        if isinstance(window, QWidget):
            self.open_section(window_section(window) or TOP)


def _close(guide: GuideWindow) -> None:
    if isValid(guide):
        guide.close()


def install(window: MainWindow) -> HelpActions:
    """Help › LicenseApp guide (F1), What's this? (Shift+F1), and both in the wizard and dialogs."""
    return HelpActions(window)
