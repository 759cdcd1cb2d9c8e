"""Change sets to the screens: now to what is on screen, at its next showing to a hidden one.

The main window registers each screen with the kinds of records it shows and how it brings
itself up to date (:meth:`ScreenUpdates.add`). A change set that touches none of its kinds
costs it nothing; one that does is applied at once if the screen is showing, or kept
(merged with later ones) until the screen is shown next. Widgets that are always on view
(the details pane beside the list, the status bar) are registered with ``always=True``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStackedWidget, QWidget

from licenseapp.services.changes import Changes, Kind

log = logging.getLogger(__name__)

Apply = Callable[[Changes], None]


@dataclass
class _Screen:
    widget: QWidget | None
    kinds: frozenset[Kind]
    apply: Apply
    waiting: Changes = field(default_factory=Changes)


class ScreenUpdates(QObject):
    """Delivers each change set to the screens that show what it changed."""

    def __init__(self, pages: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages = pages
        self._screens: list[_Screen] = []
        pages.currentChanged.connect(self._page_shown)

    def add(self, widget: QWidget | None, kinds: tuple[Kind, ...], apply: Apply, *,
            always: bool = False) -> None:
        """``widget`` (a page of the stack, or None with ``always``) shows ``kinds`` and
        brings itself up to date with ``apply(changes)``."""
        self._screens.append(_Screen(None if always else widget, frozenset(kinds), apply))

    @Slot(object)
    def deliver(self, changes: Changes) -> None:
        current = self._pages.currentWidget()
        for screen in self._screens:
            if not changes.touches(*screen.kinds):
                continue
            if screen.widget is None or screen.widget is current:
                screen.apply(changes)
            else:
                screen.waiting = screen.waiting | changes  # until it is shown

    def waiting(self, widget: QWidget) -> Changes:
        """What ``widget`` has yet to show (for tests and the benchmark)."""
        found = Changes()
        for screen in self._screens:
            if screen.widget is widget:
                found = found | screen.waiting
        return found

    @Slot(int)
    def _page_shown(self, index: int) -> None:
        widget = self._pages.widget(index)
        for screen in self._screens:
            if screen.widget is widget and screen.waiting:
                changes, screen.waiting = screen.waiting, Changes()
                log.debug("%s shown: %s", type(widget).__name__, changes.describe())
                screen.apply(changes)
