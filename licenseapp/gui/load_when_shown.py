"""A screen's data loaded when the screen is shown, not before: the first time, and again
after a new database while it was hidden.

``LoadWhenShown(page, needed, load)`` calls ``load()`` whenever ``page`` is shown while
``needed()`` (e.g. a database is open and nothing is loaded from it yet); a screen given a
database calls :meth:`LoadWhenShown.now_if_shown`, which loads at once only if the screen is
on view. Screens built when first shown (``gui/window/screens.py``) thus load nothing
until the user goes there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class LoadWhenShown(QObject):
    def __init__(self, page: QWidget, needed: Callable[[], bool],
                 load: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = page
        self._needed = needed
        self._load = load
        page.installEventFilter(self)

    def now_if_shown(self) -> bool:
        """Load now if the page is on view (True), else when it is next shown."""
        if self._page.isVisible() and self._needed():
            self._load()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self._needed():
            self._load()
        return False
