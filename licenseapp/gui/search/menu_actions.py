"""Edit › Find anything… (Ctrl+K): the global search of the open database.

:func:`install` adds the action to the main window and keeps one search index per database
opened (:class:`licenseapp.services.search.cache.SearchCache`): built off the GUI thread
once the screens have loaded (or at the first search, if sooner), brought up to
date with every change set the window announces, and caught up with others' changes each
time the popup opens. A result chosen opens its record on its screen.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence

from licenseapp.domain.search.index import Found, RecordKind
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.people.records_page import RecordsPage
    from licenseapp.gui.search.popup import GlobalSearchDialog
    from licenseapp.services.search.cache import SearchCache
    from licenseapp.store.database import Database

#: How long after a database opens (and the screens have loaded) its index is built, if no
#: search asked for it sooner.
WARM_UP_MS = 5_000


class GlobalSearch(QObject):
    """The search action, the index of the open database and the popup."""

    def __init__(self, window: MainWindow, runner: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        # Threads of its own: a keystroke's search never waits behind a screen's loading
        # on the window's pool (at 100,000 applications those take seconds).
        self._runner = TaskRunner(self, max_threads=2, on_error=runner.report_error)
        self._screens_runner = runner
        window.installEventFilter(self)  # closing: its tasks end before the database does
        self.cache: SearchCache | None = None
        self.dialog: GlobalSearchDialog | None = None
        self.action = QAction("&Find anything…", window)
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.action.setStatusTip("Find any application, ACN, case or license number, person, "
                                 "organization or item, and open it")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        self._warm_up = QTimer(self)
        self._warm_up.setSingleShot(True)
        self._warm_up.setInterval(WARM_UP_MS)
        self._warm_up.timeout.connect(self._warm)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._warm_up.stop()
            self._runner.shutdown()
        return super().eventFilter(watched, event)

    def set_database(self, db: Database | None) -> None:
        # Imported with the first database (the window shows before the database layer loads).
        from licenseapp.services.search.cache import SearchCache

        if self.dialog is not None:
            self.dialog.reject()  # it searched the database closed
        self.cache = SearchCache(db) if db is not None else None
        self._runner.supersede(self, "build")
        self.action.setEnabled(db is not None)
        if db is not None:
            self._warm_up.start()

    @Slot()
    def _warm(self) -> None:
        """Build the index once the screens have loaded (it would slow them), unless a
        search asks for it first."""
        if self._screens_runner.pending:
            self._warm_up.start()
        else:
            self._build()

    @Slot()
    def _build(self) -> None:
        cache = self.cache
        if cache is not None and not cache.ready:
            self._runner.submit(cache.index, self._built, latest="build")

    def _built(self, _index: object) -> None:
        pass  # the index is kept by the cache; searches waiting on it go on

    @Slot(object)
    def apply(self, changes: Changes) -> None:
        """Bring the index up to date with what an action changed (off the GUI thread)."""
        cache = self.cache
        if cache is not None and cache.ready and changes:
            self._runner.submit(partial(cache.apply, changes), self._refreshed)

    def _refreshed(self, _none: object = None) -> None:
        if self.dialog is not None and self.dialog.edit.text().strip():
            self.dialog.search_again()

    # --- the popup ---------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        cache = self.cache
        if cache is None:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            self.dialog.edit.setFocus()
            self.dialog.edit.selectAll()
            return
        from licenseapp.gui.search.popup import GlobalSearchDialog  # (imported when used)

        dialog = GlobalSearchDialog(self._runner, cache.search, ready=cache.ready,
                                    parent=self._window)
        dialog.chosen.connect(self._open_found)
        dialog.finished.connect(self._closed)
        hold_until_closed(self, "dialog", dialog)
        window = self._window
        width = min(760, max(480, window.width() - 160))
        dialog.resize(width, dialog.height())
        dialog.set_max_height(min(520, max(300, window.height() - 160)))
        top_left = window.mapToGlobal(QPoint((window.width() - width) // 2, 72))
        dialog.move(top_left)
        dialog.open()
        dialog.edit.setFocus()
        if cache.ready:
            self._runner.submit(cache.catch_up, self._refreshed)
        else:
            self._build()

    @Slot()
    def _closed(self) -> None:
        self._window.activateWindow()  # the keyboard back in the window (Ctrl+K again)

    @Slot(object)
    def _open_found(self, found: Found) -> None:
        """The record ``found`` on its screen, selected."""
        window = self._window
        if found.kind is RecordKind.APPLICATIONS:
            window.show_application(str(found.key))
        elif found.kind is RecordKind.LICENSES:
            window.show_page(window.deadlines)
            window.deadlines.reveal_license(found.title)
        elif isinstance(found.key, int):
            pages: dict[RecordKind, RecordsPage[Any]] = {
                RecordKind.PEOPLE: window.people, RecordKind.ORGANIZATIONS: window.organizations,
                RecordKind.ITEMS: window.items}
            page = pages[found.kind]
            window.show_page(page)
            page.reveal(found.key)


def install(window: MainWindow, runner: TaskRunner) -> GlobalSearch:
    """Edit › Find anything… (Ctrl+K), first in the Edit menu."""
    search = GlobalSearch(window, runner)
    menu = window.edit_menu
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, search.action)  # type: ignore[arg-type]
    if first is not None:
        menu.insertSeparator(first)
    window.databaseChanged.connect(search.set_database)
    window.operations.changed.connect(search.apply)
    if window.database is not None:
        search.set_database(window.database)
    return search
