"""The details pane beside every screen, collapsible: View › Details pane (F9) or its
splitter handle dragged to the edge. Collapsed, the screen takes its width; shown again, it
comes back at the width it had (or a third of the screen's)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QStackedWidget

#: The details pane's share of the window when first shown (the list matters more).
FIRST_SHARE = 0.3


class DetailsPaneToggle(QObject):
    """Shows and collapses the last widget of ``splitter``; :attr:`action` is the menu's
    checkable action, kept in step with the handle."""

    def __init__(self, splitter: QSplitter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._splitter = splitter
        self._pane = splitter.count() - 1
        self._width = 0
        pane = splitter.widget(self._pane)
        assert pane is not None, "the splitter holds the details pane"
        self._widget = pane
        splitter.setCollapsible(self._pane, True)
        self.action = QAction("&Details pane", self)
        self.action.setObjectName("detailsPane")
        self.action.setCheckable(True)
        self.action.setChecked(True)
        self.action.setShortcut(QKeySequence("F9"))
        self.action.setStatusTip("Show or hide the details pane beside the list")
        self.action.toggled.connect(self.apply)
        splitter.splitterMoved.connect(self._moved)

    def spread(self) -> None:
        """First sizes, for the window's real width: the navigation as narrow as it can be,
        the details pane :data:`FIRST_SHARE` of the rest (at least its minimum), the
        screen the remainder."""
        sizes = self._splitter.sizes()
        total = sum(sizes)
        first = self._splitter.widget(0)
        nav = first.minimumSizeHint().width() if first is not None else sizes[0]
        nav = max(nav, first.minimumWidth() if first is not None else 0)
        details = max(int((total - nav) * FIRST_SHARE), self._widget.minimumSizeHint().width())
        self._splitter.setSizes([nav, max(total - nav - details, 0), details])
        self._width = details
        self.apply()

    def minimum_width(self, screens: QStackedWidget) -> int:
        """The splitter's width that shows every screen of ``screens`` and, beside each that
        has details (the pane's page for it not named "noDetails"), the pane at its
        minimum: the narrowest the window may be without cutting a button."""
        first = self._splitter.widget(0)
        navigation = 0 if first is None else max(first.minimumSizeHint().width(),
                                                  first.minimumWidth())
        panes = self._widget if isinstance(self._widget, QStackedWidget) else None
        widest = 0
        for index in range(screens.count()):
            screen = screens.widget(index)
            details = panes.widget(index) if panes is not None else self._widget
            need = screen.minimumSizeHint().width() if screen is not None else 0
            if details is not None and details.objectName() != "noDetails":
                need += details.minimumSizeHint().width() + self._splitter.handleWidth()
            widest = max(widest, need)
        return navigation + self._splitter.handleWidth() + widest

    def is_collapsed(self) -> bool:
        return self._splitter.sizes()[self._pane] == 0

    @Slot()
    def apply(self) -> None:
        """The pane as the action says, if the screen on view has one (a screen without
        details hides the pane; the next one with details shows it as chosen)."""
        if self._widget.isHidden():
            return
        shown = self.action.isChecked()
        sizes = self._splitter.sizes()
        main = self._pane - 1
        if not shown and sizes[self._pane] > 0:
            self._width = sizes[self._pane]
            sizes[main] += sizes[self._pane]
            sizes[self._pane] = 0
        elif shown and sizes[self._pane] == 0:
            width = self._width or int(sum(sizes) * FIRST_SHARE)
            width = max(width, self._widget.minimumSizeHint().width())
            sizes[main] = max(sizes[main] - width, 0)
            sizes[self._pane] = width
        self._splitter.setSizes(sizes)

    @Slot(int, int)
    def _moved(self, _pos: int, _index: int) -> None:
        if self._widget.isHidden():
            return
        collapsed = self.is_collapsed()
        if collapsed == self.action.isChecked():
            self.action.blockSignals(True)
            self.action.setChecked(not collapsed)
            self.action.blockSignals(False)
