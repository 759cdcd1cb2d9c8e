"""Going to another screen by its title, without knowing the window.

The main window registers each screen it shows (``register``); a screen that says "go to
People" asks :meth:`Navigator.go`, and offers the way only where :meth:`Navigator.has` it
(a screen another version adds, such as "Items", is offered once it is there).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction


class Navigator(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._screens: dict[str, Callable[[], None]] = {}

    def register(self, title: str, show: Callable[[], None]) -> None:
        self._screens[title] = show

    def titles(self) -> list[str]:
        return list(self._screens)

    def has(self, title: str) -> bool:
        return title in self._screens

    def go(self, title: str) -> bool:
        """Show the screen ``title``; False (and nothing happens) if there is none."""
        show = self._screens.get(title)
        if show is None:
            return False
        show()
        return True

    def refresh(self, action: QAction) -> QAction:
        """``action`` (made by :func:`go_action`) shown only if its screen is there now."""
        action.setVisible(self.has(str(action.data())))
        return action


def go_action(title: str, text: str, parent: QObject, navigator: Callable[[], Navigator],
              tip: str = "") -> QAction:
    """An action that goes to the screen ``title`` through the navigator of the moment."""
    action = QAction(text, parent)
    action.setStatusTip(tip or f"Go to the {title} screen")
    action.setData(title)
    action.triggered.connect(lambda: navigator().go(title))
    return action
