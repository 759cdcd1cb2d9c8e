"""The "Licenses & deadlines" screen: what is due, most urgent first, and a calendar export;
on its second tab, the licenses issued (:mod:`.licenses_panel`).

Deadlines are computed by the service from the records (never typed in), off the GUI
thread, for a year ahead (and a month back); the filters in :mod:`.deadlines_toolbar` work
on what was loaded, the list is :mod:`.deadlines_table`. A deadline can be marked done or
snoozed (:mod:`.deadline_marking`); those are loaded too and shown on request. A
double-click asks the main window to open the application.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMenu, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.applications.details import ApplicationDetailsWidget, application_loader
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.tracking.calendar_export import CalendarExport
from licenseapp.gui.tracking.deadline_marking import DeadlineMarker
from licenseapp.gui.tracking.deadlines_model import DeadlinesFilterProxy, DeadlinesTableModel
from licenseapp.gui.tracking.deadlines_table import DeadlinesTable
from licenseapp.gui.tracking.deadlines_toolbar import HORIZON_DAYS, DeadlinesToolbar
from licenseapp.gui.tracking.licenses_panel import LicensesPanel
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.services.follow_up.dashboard import DeadlineCounts
    from licenseapp.services.follow_up.deadlines import DeadlineMark
    from licenseapp.store.database import Database


@dataclass(frozen=True)
class LoadedDeadlines:
    deadlines: Sequence[Deadline]  # open ones, and done or snoozed ones (see marks)
    counts: DeadlineCounts  # of the open ones
    today: date
    marks: Mapping[str, DeadlineMark] = field(default_factory=dict)


@dataclass(frozen=True)
class DeadlinesOf:
    """The deadlines of a few applications, as they are now."""

    refs: frozenset[str]
    deadlines: Sequence[Deadline]
    marks: Mapping[str, DeadlineMark]


def _tracked(db: Database, today: date, refs: frozenset[str] | None = None
             ) -> tuple[list[Deadline], dict[str, DeadlineMark], list[Deadline]]:
    """Every deadline shown (or only those of the applications ``refs``), what was
    recorded about them, and the open ones; the team's renewal window, from the database."""
    from licenseapp.services.follow_up.deadlines import tracked_deadlines

    found = tracked_deadlines(db, within_days=HORIZON_DAYS, today=today, include_done=True,
                              refs=refs)
    marks = {t.deadline.key: t.mark for t in found if t.mark is not None}
    return ([t.deadline for t in found], marks,
            [t.deadline for t in found if t.is_open(today)])


def load_deadlines_of(db: Database, refs: frozenset[str], today: date) -> DeadlinesOf:
    """The deadlines of the applications ``refs`` only; runs off the GUI thread."""
    deadlines, marks, _open = _tracked(db, today, refs)
    return DeadlinesOf(refs, deadlines, marks)


def load_deadlines(db: Database, today: date) -> LoadedDeadlines:
    """Every deadline shown, with the counts of the open ones; runs off the GUI thread."""
    from licenseapp.services.follow_up.dashboard import count_deadlines

    deadlines, marks, still_open = _tracked(db, today)
    return LoadedDeadlines(deadlines, count_deadlines(still_open, today), today, marks)


#: Changed beyond naming, these kinds mean every deadline is worked out again.
_SHOWN_KINDS = (Kind.APPLICATIONS, Kind.DEADLINES, Kind.LICENSES)


class DeadlinesPage(QWidget):
    """Signals: ``applicationRequested(ref)``, ``countsChanged(DeadlineCounts)``,
    ``message(text)`` for the status bar, ``loadFailed(exception)``, ``deadlineMarked()``
    (done, snoozed or reopened: other screens showing deadlines read them again).

    :attr:`details_pane` is the screen's details pane: the application of the deadline
    selected (:attr:`details`), or the license selected on the licenses tab."""

    applicationRequested = Signal(str)
    countsChanged = Signal(object)
    message = Signal(str)
    loadFailed = Signal(object)
    deadlineMarked = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._today = today
        self._db: Database | None = None
        self._stale = False
        self.counts: DeadlineCounts | None = None
        self.details = ApplicationDetailsWidget(runner, today=today)
        self.details.loadFailed.connect(self.loadFailed)
        self.licenses = LicensesPanel(runner, today=today)
        self.licenses.applicationRequested.connect(self.applicationRequested)
        self.licenses.loadFailed.connect(self.loadFailed)
        # Owned by the page until the main window takes it into its details pane, so it is
        # never left to Python's garbage collector (which may run on a worker thread).
        self.details_pane = QStackedWidget(self)
        self.details_pane.hide()
        self.details_pane.addWidget(self.details)
        self.details_pane.addWidget(self.licenses.details)
        self.marker = DeadlineMarker(runner, self, today)
        self.marker.marked.connect(self._marked)
        self.marker.failed.connect(self.loadFailed)

        self.model = DeadlinesTableModel(self)
        self.proxy = DeadlinesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        marking = (self.marker.done_action, self.marker.snooze_action)
        self.toolbar = DeadlinesToolbar(self.proxy, marking)
        self.kind_combo = self.toolbar.kind_combo
        self.within_spin = self.toolbar.within_spin
        self.include_done_check = self.toolbar.include_done_check
        self.done_button, self.snooze_button = self.toolbar.action_buttons
        self.export_button = self.toolbar.export_button
        self.deadline_list = DeadlinesTable(self.model, self.proxy,
                                   (*marking, self.marker.reopen_action))
        self.table = self.deadline_list.table
        self.summary_label = self.deadline_list.summary_label
        model = self.model  # not the page: a lambda holding it would make a reference cycle
        self.calendar = CalendarExport(runner, self.export_button, self, self.proxy.shown,
                                       lambda: model.today)
        self.calendar.message.connect(self.message)
        self.calendar.failed.connect(self.loadFailed)

        self.deadlines_tab = QWidget()
        tab_layout = QVBoxLayout(self.deadlines_tab)
        tab_layout.setContentsMargins(0, 4, 0, 0)
        tab_layout.addWidget(self.toolbar)
        tab_layout.addWidget(self.deadline_list, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.deadlines_tab, "&Deadlines")
        self.tabs.addTab(self.licenses, "&Licenses")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.deadline_list.selected.connect(self._selected)
        self.deadline_list.applicationRequested.connect(self.applicationRequested)
        for changed in (self.proxy.modelReset, self.proxy.layoutChanged,
                        self.proxy.rowsInserted, self.proxy.rowsRemoved):
            changed.connect(self._update_summary)
        self._show_message("No database is open.")

    # --- loading -----------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        """Use ``db``; the deadlines are computed when shown or :meth:`load_if_needed`."""
        self._db = db
        self.calendar.database = db
        self._runner.supersede(self, "deadlines")  # computed from the previous database
        self._stale = True
        self.model.set_deadlines([])
        self.details.set_loader(None)
        self.licenses.set_database(db)
        self.marker.set_database(db)
        if db is not None:
            self.details.set_loader(application_loader(db))
        if self.isVisible():
            self.reload()

    def load_if_needed(self, ready: bool = True) -> None:
        """Compute the deadlines if not done for this database yet (the main window asks
        once the applications list is in, so the two do not compete at start)."""
        if self._stale and ready:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_if_needed()

    def apply_changes(self, changes: Changes) -> None:
        """Show what ``changes`` changed: the deadlines of the applications it names, worked
        out again (a few, at any size); all of them only when it changed beyond naming."""
        refs = (changes.refs(Kind.APPLICATIONS) | changes.refs(Kind.DEADLINES)
                | changes.refs(Kind.LICENSES))
        whole = any(changes.is_whole(kind) for kind in _SHOWN_KINDS) or changes.touches(
            Kind.PEOPLE, Kind.SETTINGS)  # a document's expiry, the renewal window
        db = self._db
        if db is None:
            return
        if whole or self._stale or self.model.rowCount() == 0:
            self.reload()
        elif refs:
            self._runner.submit(
                partial(load_deadlines_of, db, refs, self._today()),
                partial(self._loaded_of, db), self._failed)
            if self.licenses.loaded and changes.touches(Kind.LICENSES):
                self.licenses.reload()

    def _loaded_of(self, db: Database, loaded: DeadlinesOf) -> None:
        from licenseapp.services.follow_up.dashboard import count_deadlines

        if db is not self._db:
            return  # another database was opened meanwhile
        self.model.replace_for(loaded.refs, loaded.deadlines, loaded.marks)
        today = self.model.today
        still_open = [d for d in self.model.deadlines() if not self.model.closed(d)]
        self.counts = count_deadlines(still_open, today)
        self._update_summary()
        self.countsChanged.emit(self.counts)
        self.details.apply_changes(Changes.of(Kind.DEADLINES, loaded.refs))

    def reload(self) -> None:
        """Compute the deadlines again in the background (after any change, or a setting)."""
        db = self._db
        if db is None:
            return
        self._stale = False
        if self.model.rowCount() == 0:
            self._show_message("Computing deadlines…")
        today, model = self._today(), self.model

        def load() -> tuple[LoadedDeadlines, tuple[int, Qt.SortOrder]]:
            loaded = load_deadlines(db, today)
            rows, sort = model.sorted_for_display(loaded.deadlines)  # off the GUI thread
            return replace(loaded, deadlines=rows), sort

        self._runner.submit(load, self._loaded, self._failed, latest="deadlines")
        self.details.reload()
        if self.licenses.loaded or self.tabs.currentWidget() is self.licenses:
            self.licenses.reload()

    def show_licenses(self) -> None:
        """Bring the licenses tab forward (loading them if not done yet)."""
        self.tabs.setCurrentWidget(self.licenses)

    def reveal_license(self, number: str) -> None:
        """The licenses tab with license ``number`` selected."""
        self.show_licenses()
        self.licenses.reveal(number)

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        on_licenses = self.tabs.currentWidget() is self.licenses
        self.details_pane.setCurrentWidget(self.licenses.details if on_licenses
                                           else self.details)
        if on_licenses and not self.licenses.loaded and self._db is not None:
            self.licenses.reload()

    def _loaded(self, ready: tuple[LoadedDeadlines, tuple[int, Qt.SortOrder]]) -> None:
        loaded, sorted_as = ready
        self.model.set_deadlines(loaded.deadlines, loaded.today, loaded.marks, sorted_as)
        self.counts = loaded.counts
        self.toolbar.fill_kinds(loaded.deadlines)
        self.export_button.setEnabled(bool(loaded.deadlines))
        if loaded.deadlines:
            self.deadline_list.show_list()
        else:
            self._show_message("Nothing is due in the coming year. Deadlines are worked out "
                               "from what is recorded: licenses that expire or need reports, "
                               "visas that expire, and the regulators' requests.")
        self._update_summary()
        self.countsChanged.emit(loaded.counts)

    def _failed(self, exc: BaseException) -> None:
        self._show_message("The deadlines could not be computed.")
        self.loadFailed.emit(exc)

    def _show_message(self, text: str) -> None:
        self.deadline_list.show_message(text)

    def _update_summary(self, *_args: object) -> None:
        if self.counts is not None:
            self.deadline_list.show_summary(self.counts)

    # --- filters, selection, marking, export -------------------------------------------

    def show_deadlines(self, kind: str | None = None, within_days: int | None = None) -> None:
        """Filter to one kind (None: all) due within so many days (overdue ones always)."""
        self.toolbar.show_filters(kind, within_days)

    @Slot(int)
    def _selected(self, source_row: int) -> None:
        if source_row >= 0:
            self.marker.set_current(self.model.deadline_at(source_row),
                                    self.model.mark_at(source_row))
        else:
            self.marker.set_current(None, None)
        ref = self.deadline_list.selected_ref()
        if ref:
            self.details.show_application(ref)
        else:
            self.details.clear()

    def select_deadline(self, key: str) -> bool:
        """Select the deadline ``key`` if it is shown."""
        return self.deadline_list.select_deadline(key)

    def context_menu(self) -> QMenu:
        """The menu a right-click on the deadlines list opens (for the row selected)."""
        return self.deadline_list.context_menu()

    def _marked(self, text: str) -> None:
        self.message.emit(text)
        self.reload()
        self.deadlineMarked.emit()

    @Slot()
    def choose_ics_file(self) -> None:
        self.calendar.choose_file()

    def export_ics(self, path: str) -> None:
        """Write the deadlines shown (after the filters) to ``path``, off the GUI thread."""
        self.calendar.export(path)
