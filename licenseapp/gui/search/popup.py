"""The global search popup: a search box over results grouped by kind.

Each keystroke asks for the results off the GUI thread (the newest request wins: results
for text typed since are dropped), so typing never waits for the search; the first search
of a database waits for its index to be built, and says so. Up and Down move through the
results without leaving the box, Enter opens the current one, Esc closes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidgetItem, QVBoxLayout, QWidget

from licenseapp.domain.search.index import Found, FoundGroup
from licenseapp.gui.search.results import SearchResultsWidget
from licenseapp.gui.tasks import TaskRunner

#: Records shown per kind.
LIMIT = 6
HINT = "↑ ↓ choose · Enter opens · Esc closes"

Search = Callable[[str, int], list[FoundGroup]]


class GlobalSearchDialog(QDialog):
    """Signals: ``chosen(Found)`` when a result is opened (the dialog then closes)."""

    chosen = Signal(object)

    def __init__(self, runner: TaskRunner, search: Search, *, ready: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._search = search
        self._ready = ready
        self._asked_at = 0.0
        self._max_height = 480
        self._min_rows_height = 48
        #: Seconds from each keystroke's request to its results shown (newest last).
        self.latencies: list[float] = []
        #: The text whose results are shown.
        self.shown_text: str | None = None
        #: Enter was pressed before the results of what is typed arrived: open the first
        #: of them when they do (not a result of an earlier keystroke).
        self._open_when_shown = False
        self.setWindowTitle("Find anything")
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Find anything")
        self.edit.setPlaceholderText("Reference, ACN, case or license number, name, "
                                     "organization, item or ECCN")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.results = SearchResultsWidget()
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.edit.textChanged.connect(self._typed)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self._say_idle()
        self._fit_height()

    # --- searching ---------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self._open_when_shown = False
        if not text.strip():
            self._runner.supersede(self, "search")
            self.results.show_groups([])
            self.shown_text = text
            self._fit_height()
            self._say_idle()
            return
        if not self._ready:
            self.status.setText("Getting the search ready: reading every record once…")
        self._asked_at = time.perf_counter()
        self._runner.submit(partial(self._search, text, LIMIT),
                            partial(self._show, text, self._asked_at), latest="search")

    def _show(self, text: str, asked_at: float, groups: Sequence[FoundGroup]) -> None:
        self._ready = True
        self.latencies.append(time.perf_counter() - asked_at)
        self.results.show_groups(groups)
        self.shown_text = text
        self._fit_height()
        if groups:
            self.status.setText(HINT)
        else:
            self.status.setText(f"Nothing matches “{text.strip()}”.")
        if self._open_when_shown and text == self.edit.text():
            self._open_when_shown = False
            self._open(self.results.current_found())

    def _fit_height(self) -> None:
        """As tall as the results, up to the height it opened at; without results, the
        search box and its message alone."""
        layout = self._layout
        margins = layout.contentsMargins()
        wanted = (margins.top() + margins.bottom() + self.edit.sizeHint().height()
                  + layout.spacing() + self.status.sizeHint().height())
        self.results.setVisible(self.results.count > 0)
        if self.results.count:
            wanted += layout.spacing() + max(self.results.rows_height(), self._min_rows_height)
        self.resize(self.width(), min(wanted, self._max_height))

    def set_max_height(self, height: int) -> None:
        self._max_height = height
        self.resize(self.width(), min(self.height(), height))

    def search_again(self) -> None:
        """Search for what is typed again (the records changed)."""
        self._typed(self.edit.text())

    def _say_idle(self) -> None:
        self.status.setText("Type what you know: part of a reference or number, or a name "
                            "in any script (accents optional).")

    # --- choosing ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: Up and Down move through the results, Enter opens one."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                     Qt.Key.Key_PageUp: -5}
            if key in steps:
                self.results.step(steps[Qt.Key(key)])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.shown_text == self.edit.text():
                    self._open(self.results.current_found())
                else:  # what is shown is for an earlier keystroke: wait for this one's
                    self._open_when_shown = True
                return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self._open(self.results.found_at(item))

    def _open(self, found: Found | None) -> None:
        if found is None:
            return
        self.chosen.emit(found)
        self.accept()
