"""The "Licenses & deadlines" screen: what is due, most urgent first, and a calendar export;
on its second tab, the licenses issued (:mod:`.licenses_panel`).

Deadlines are computed by the service from the records (never typed in), off the GUI
thread, for a year ahead (and a month back); the kind and "within N days" filters work on
what was loaded. A deadline can be marked done or snoozed (:mod:`.deadline_marking`); those
are loaded too and shown on request. A double-click asks the main window to open the
application.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.applications.details import ApplicationDetailsWidget
from licenseapp.gui.settings import renewal_window_days
from licenseapp.gui.tables import record_table
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.tracking.deadline_marking import DeadlineMarker
from licenseapp.gui.tracking.deadlines_model import (
    KIND_LABELS,
    REF_ROLE,
    Column,
    DeadlinesFilterProxy,
    DeadlinesTableModel,
    kind_label,
)
from licenseapp.gui.tracking.licenses_panel import LicensesPanel

if TYPE_CHECKING:
    from licenseapp.services.dashboard import DeadlineCounts
    from licenseapp.services.deadlines import DeadlineMark
    from licenseapp.store.database import Database

#: How far ahead deadlines are loaded; the "within" filter goes up to this.
HORIZON_DAYS = 365
DEFAULT_WITHIN_DAYS = 90

_WIDTH_CHARS = {Column.DUE: 11, Column.DAYS_LEFT: 16, Column.KIND: 24, Column.APPLICATION: 13}


@dataclass(frozen=True)
class LoadedDeadlines:
    deadlines: Sequence[Deadline]  # open ones, and done or snoozed ones (see marks)
    counts: DeadlineCounts  # of the open ones
    today: date
    marks: Mapping[str, DeadlineMark] = field(default_factory=dict)


def load_deadlines(db: Database, renewal_days: int, today: date) -> LoadedDeadlines:
    """Runs off the GUI thread."""
    from licenseapp.services.dashboard import count_deadlines
    from licenseapp.services.deadlines import tracked_deadlines

    found = tracked_deadlines(
        db, within_days=HORIZON_DAYS, today=today, renewal_window_days=renewal_days,
        include_done=True,
    )
    still_open = [t.deadline for t in found if t.is_open(today)]
    marks = {t.deadline.key: t.mark for t in found if t.mark is not None}
    return LoadedDeadlines([t.deadline for t in found], count_deadlines(still_open, today),
                           today, marks)


def write_ics(path: str, deadlines: Sequence[Deadline]) -> int:
    """Write the calendar file (off the GUI thread); returns how many events it holds."""
    from licenseapp.domain.ics import to_ics

    Path(path).write_text(to_ics(deadlines), encoding="utf-8", newline="")
    return len(deadlines)


class DueLabel(QLabel):
    """The status bar's "3 due this week, 1 overdue" (red when something is overdue)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("Deadlines overdue and due within 7 days (Licenses & deadlines, Ctrl+4)")

    @Slot(object)
    def show_counts(self, counts: DeadlineCounts) -> None:
        self.setText(counts.summary())
        self.setStyleSheet("color: #b00020; font-weight: 600;" if counts.overdue else "")


class DeadlinesPage(QWidget):
    """Signals: ``applicationRequested(ref)``, ``countsChanged(DeadlineCounts)``,
    ``message(text)`` for the status bar, ``loadFailed(exception)``.

    :attr:`details_pane` is the screen's details pane: the application of the deadline
    selected (:attr:`details`), or the license selected on the licenses tab."""

    applicationRequested = Signal(str)
    countsChanged = Signal(object)
    message = Signal(str)
    loadFailed = Signal(object)

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
        self._generation = 0
        self._stale = False
        self.counts: DeadlineCounts | None = None
        self.details = ApplicationDetailsWidget(runner)
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
        self.proxy.set_within_days(DEFAULT_WITHIN_DAYS)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of deadline")
        self.kind_combo.addItem("All kinds", None)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.within_spin = QSpinBox()
        self.within_spin.setRange(1, HORIZON_DAYS)
        self.within_spin.setValue(DEFAULT_WITHIN_DAYS)
        self.within_spin.setSuffix(" days")
        self.within_spin.setAccessibleName("Due within")
        self.within_spin.setToolTip("Overdue deadlines are always shown (up to 30 days back).")
        kind_label_widget = QLabel("&Kind:")
        kind_label_widget.setBuddy(self.kind_combo)
        within_label = QLabel("Due &within:")
        within_label.setBuddy(self.within_spin)
        self.export_button = QPushButton("Export to calendar (.ics)…")
        self.export_button.setToolTip(
            "Save the deadlines shown as an iCalendar file for Outlook or Google Calendar"
        )
        self.export_button.setEnabled(False)
        self.include_done_check = QCheckBox("S&how done and snoozed")
        self.include_done_check.setToolTip(
            "Also list the deadlines marked done or snoozed (in grey)")
        self.done_button = _action_button(self.marker.done_action)
        self.snooze_button = _action_button(self.marker.snooze_action)

        self.table = self._make_table()
        self.message_label = QLabel()
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setEnabled(False)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.message_label)
        self.summary_label = QLabel()
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(kind_label_widget)
        bar.addWidget(self.kind_combo)
        bar.addSpacing(12)
        bar.addWidget(within_label)
        bar.addWidget(self.within_spin)
        bar.addSpacing(12)
        bar.addWidget(self.include_done_check)
        bar.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.done_button)
        actions.addWidget(self.snooze_button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        self.deadlines_tab = QWidget()
        tab_layout = QVBoxLayout(self.deadlines_tab)
        tab_layout.setContentsMargins(0, 4, 0, 0)
        tab_layout.addLayout(bar)
        tab_layout.addLayout(actions)
        tab_layout.addWidget(self._stack, 1)
        tab_layout.addWidget(self.summary_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.deadlines_tab, "&Deadlines")
        self.tabs.addTab(self.licenses, "&Licenses")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.include_done_check.toggled.connect(self._include_done_changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.within_spin.valueChanged.connect(self._within_changed)
        self.export_button.clicked.connect(self.choose_ics_file)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        for changed in (self.proxy.modelReset, self.proxy.layoutChanged,
                        self.proxy.rowsInserted, self.proxy.rowsRemoved):
            changed.connect(self._update_summary)
        self._show_message("No database is open.")

    def _make_table(self) -> QTableView:
        table = record_table(self.proxy, "Deadlines", _WIDTH_CHARS)
        header = table.horizontalHeader()
        header.setSortIndicator(Column.DUE, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        return table

    # --- loading -----------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        """Use ``db``; the deadlines are computed when shown or :meth:`load_if_needed`."""
        self._db = db
        self._generation += 1
        self._stale = True
        self.model.set_deadlines([])
        self.details.set_loader(None)
        self.licenses.set_database(db)
        self.marker.set_database(db)
        if db is not None:
            from licenseapp.services.applications import get_application

            self.details.set_loader(partial(get_application, db))
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

    def reload(self) -> None:
        """Compute the deadlines again in the background (after any change, or a setting)."""
        db = self._db
        if db is None:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        if self.model.rowCount() == 0:
            self._show_message("Computing deadlines…")
        self._runner.submit(
            partial(load_deadlines, db, renewal_window_days(), self._today()),
            lambda loaded: self._loaded(generation, loaded),
            lambda exc: self._failed(generation, exc),
            context=self,
        )
        self.details.reload()
        if self.licenses.loaded or self.tabs.currentWidget() is self.licenses:
            self.licenses.reload()

    def show_licenses(self) -> None:
        """Bring the licenses tab forward (loading them if not done yet)."""
        self.tabs.setCurrentWidget(self.licenses)

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        on_licenses = self.tabs.currentWidget() is self.licenses
        self.details_pane.setCurrentWidget(self.licenses.details if on_licenses
                                           else self.details)
        if on_licenses and not self.licenses.loaded and self._db is not None:
            self.licenses.reload()

    def _loaded(self, generation: int, loaded: LoadedDeadlines) -> None:
        if generation != self._generation:
            return
        self.model.set_deadlines(loaded.deadlines, loaded.today, loaded.marks)
        self.counts = loaded.counts
        self._fill_kinds(loaded.deadlines)
        self.export_button.setEnabled(bool(loaded.deadlines))
        if loaded.deadlines:
            self._stack.setCurrentWidget(self.table)
        else:
            self._show_message("Nothing is due: no open deadlines in the coming year.")
        self._update_summary()
        self.countsChanged.emit(loaded.counts)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_message("The deadlines could not be computed.")
        self.loadFailed.emit(exc)

    def _fill_kinds(self, deadlines: Sequence[Deadline]) -> None:
        present = {d.kind for d in deadlines}
        kinds = [k for k in KIND_LABELS if k in present] + sorted(present - set(KIND_LABELS))
        wanted = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem("All kinds", None)
        for kind in kinds:
            self.kind_combo.addItem(kind_label(kind), kind)
        index = self.kind_combo.findData(wanted) if wanted else 0
        self.kind_combo.setCurrentIndex(max(index, 0))
        self.kind_combo.blockSignals(False)
        self.proxy.set_kind(self.kind_combo.currentData())

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self._stack.setCurrentWidget(self.message_label)
        self.summary_label.setText("")

    # --- filters and summary -----------------------------------------------------------

    def show_deadlines(self, kind: str | None = None, within_days: int | None = None) -> None:
        """Filter to one kind (None: all) due within so many days (overdue ones always)."""
        index = self.kind_combo.findData(kind) if kind else 0
        self.kind_combo.setCurrentIndex(max(index, 0))
        if within_days is not None:
            self.within_spin.setValue(within_days)

    @Slot(int)
    def _kind_changed(self, _index: int) -> None:
        self.proxy.set_kind(self.kind_combo.currentData())

    @Slot(int)
    def _within_changed(self, days: int) -> None:
        self.proxy.set_within_days(days)

    @Slot(bool)
    def _include_done_changed(self, include: bool) -> None:
        self.proxy.set_include_done(include)

    def _update_summary(self, *_args: object) -> None:
        if self.counts is None:
            return
        open_rows = sum(1 for row in range(self.model.rowCount()) if self.model.is_open(row))
        marked = self.model.rowCount() - open_rows
        shown = self.proxy.rowCount()
        total = self.model.rowCount() if self.proxy.include_done else open_rows
        counts = self.counts
        parts = [f"{shown:,} of {total:,} deadlines shown" if shown != total
                 else f"{total:,} deadlines"]
        parts.append(f"{counts.overdue:,} overdue")
        parts.append(f"{counts.due_this_week:,} due within 7 days")
        if marked and not self.proxy.include_done:
            parts.append(f"{marked:,} done or snoozed not shown")
        self.summary_label.setText(" · ".join(parts))

    # --- selection and jumping ---------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        ref = str(rows[0].data(REF_ROLE)) if rows else ""
        if rows:
            source = self.proxy.mapToSource(rows[0]).row()
            self.marker.set_current(self.model.deadline_at(source), self.model.mark_at(source))
        else:
            self.marker.set_current(None, None)
        if ref:
            self.details.show_application(ref)
        else:
            self.details.clear()

    def select_deadline(self, key: str) -> bool:
        """Select the deadline ``key`` if it is shown."""
        row = self.model.row_of(key)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def context_menu(self) -> QMenu:
        """The menu a right-click on the deadlines list opens (for the row selected)."""
        menu = QMenu(self)
        menu.addAction(self.marker.done_action)
        menu.addAction(self.marker.snooze_action)
        menu.addAction(self.marker.reopen_action)
        menu.addSeparator()
        rows = self.table.selectionModel().selectedRows()
        ref = str(rows[0].data(REF_ROLE) or "") if rows else ""
        open_action = QAction(f"Open application {ref}" if ref else "Open application", menu)
        open_action.setEnabled(bool(ref))
        open_action.triggered.connect(lambda: self.applicationRequested.emit(ref))
        menu.addAction(open_action)
        return menu

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _marked(self, text: str) -> None:
        self.message.emit(text)
        self.reload()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        ref = str(index.data(REF_ROLE) or "")
        if ref:
            self.applicationRequested.emit(ref)

    # --- calendar export ---------------------------------------------------------------

    @Slot()
    def choose_ics_file(self) -> None:
        dialog = QFileDialog(self, "Export deadlines to a calendar file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["iCalendar files (*.ics)", "All files (*)"])
        dialog.setDefaultSuffix("ics")
        dialog.selectFile(f"licenseapp-deadlines-{self.model.today.isoformat()}.ics")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.export_ics)
        dialog.open()

    @Slot(str)
    def export_ics(self, path: str) -> None:
        """Write the deadlines shown (after the filters) to ``path``, off the GUI thread."""
        shown = self.proxy.shown()
        self.export_button.setEnabled(False)
        self._runner.submit(
            partial(write_ics, path, shown),
            lambda n: self._exported(path, n),
            self._export_failed,
            context=self,
        )

    def _exported(self, path: str, count: int) -> None:
        self.export_button.setEnabled(True)
        noun = "deadline" if count == 1 else "deadlines"
        self.message.emit(f"Exported {count:,} {noun} to {Path(path).name}.")

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, OSError):
            from licenseapp.errors import LicenseAppError

            exc = LicenseAppError(f"The calendar file could not be written: {exc.strerror or exc}")
        self.loadFailed.emit(exc)


def _action_button(action: QAction) -> QPushButton:
    """A push button that triggers ``action`` and follows its enabled state."""
    button = QPushButton(action.text())
    button.setToolTip(action.toolTip())
    button.setEnabled(action.isEnabled())
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    return button
