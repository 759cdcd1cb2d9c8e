"""The applications list: a filter box, status and regulator filters, and the sortable table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import (
    CLOSED_STATUSES,
    PENDING_STATUSES,
    ApplicationStatus,
    Regulator,
)
from licenseapp.gui.applications.loading import ChangedRowsLoader, LoadedApplications, prepare
from licenseapp.gui.applications.model import (
    REF_ROLE,
    ApplicationColumn,
    ApplicationsTableModel,
)
from licenseapp.gui.applications.proxy import ApplicationsFilterProxy
from licenseapp.gui.column_fit import SAMPLED_ROWS, fit_column
from licenseapp.gui.tables import ListWithMessage, record_table, widths_remembered
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.dto import ApplicationRow

#: What the rows show: a change to any of these may change a row.
_SHOWN_KINDS = (Kind.APPLICATIONS, Kind.PEOPLE, Kind.ITEMS, Kind.ORGANIZATIONS)

#: On the first load, this many of the newest applications are shown while the rest load.
FIRST_PAGE_ROWS = 500

#: What the list says while the database holds no application.
EMPTY_MESSAGE = ("No applications in this database yet. The wizard drafts one step by step: "
                 "the person, the items, the end use and the letter, checked as you go.")

#: Above this many rows the text filter waits for a pause in typing.
DEBOUNCE_ABOVE_ROWS = 20_000
DEBOUNCE_MS = 200

#: Columns sized to their content once the rows are in (the others keep their width).
_FIT_COLUMNS = (ApplicationColumn.REF, ApplicationColumn.STATUS, ApplicationColumn.REGULATOR,
                ApplicationColumn.CITIZENSHIP, ApplicationColumn.ACN, ApplicationColumn.OWNER,
                ApplicationColumn.UPDATED)
_FIT_MAX_PX = 220

#: Initial column widths, in average character widths.
_WIDTH_CHARS: dict[ApplicationColumn, int] = {
    ApplicationColumn.REF: 12,
    ApplicationColumn.STATUS: 17,
    ApplicationColumn.REGULATOR: 13,
    ApplicationColumn.FOREIGN_NATIONAL: 26,
    ApplicationColumn.CITIZENSHIP: 9,
    ApplicationColumn.ITEMS: 26,
    ApplicationColumn.ACN: 10,
    ApplicationColumn.OWNER: 8,
    ApplicationColumn.UPDATED: 15,
}

_STATUS_CHOICES: list[tuple[str, tuple[str, ...] | None]] = [
    ("All statuses", None),
    ("Open (not decided)", tuple(s.value for s in ApplicationStatus if s not in CLOSED_STATUSES)),
    ("With the regulator", tuple(s.value for s in ApplicationStatus if s in PENDING_STATUSES)),
    ("Closed", tuple(s.value for s in ApplicationStatus if s in CLOSED_STATUSES)),
    *[(s.label, (s.value,)) for s in ApplicationStatus],
]

_REGULATOR_CHOICES: list[tuple[str, str | None]] = [
    ("All regulators", None),
    ("BIS (U.S. Commerce, EAR)", Regulator.BIS.value),
    ("DDTC (U.S. State, ITAR)", Regulator.DDTC.value),
    ("ECJU (UK)", Regulator.ECJU.value),
]


class ApplicationsWidget(QWidget):
    """Finds, sorts and filters applications; says which one the user selected.

    The list comes from a loader callable (set by the main window once a database is open)
    run off the GUI thread. Signals: ``applicationSelected(ref)``, ``selectionCleared()``,
    ``countsChanged(shown, total)``, ``loadFailed(exception)``, ``applicationOpened(row)``
    (double-click).
    """

    applicationSelected = Signal(str)
    applicationOpened = Signal(object)  # the ApplicationRow double-clicked
    selectionCleared = Signal()
    countsChanged = Signal(int, int)
    loadFailed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, *,
                 user: str) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user  # who "Mine" means: the acting user's login
        self._loader: Callable[[], Sequence[ApplicationRow]] | None = None
        self._first_page: Callable[[], Sequence[ApplicationRow]] | None = None
        self._changed_rows: ChangedRowsLoader | None = None
        self._updating, self._waiting = False, Changes()
        self._loaded = False
        self._partial = False
        self._selected_ref = ""

        self.model = ApplicationsTableModel(self)
        self.proxy = ApplicationsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by reference, name, ACN, item or ECCN")
        self.filter_edit.setToolTip(
            "Ctrl+F. Every word must match; names match in any script, accents optional."
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter applications")
        self.filter_edit.installEventFilter(self)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status filter")
        for label, statuses in _STATUS_CHOICES:
            self.status_combo.addItem(label, statuses)
        self.status_combo.insertSeparator(4)
        self.regulator_combo = QComboBox()
        for combo in (self.status_combo, self.regulator_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.regulator_combo.setAccessibleName("Regulator filter")
        for label, code in _REGULATOR_CHOICES:
            self.regulator_combo.addItem(label, code)
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status_combo)
        regulator_label = QLabel("Re&gulator:")  # Alt+R: the Rules menu
        regulator_label.setBuddy(self.regulator_combo)
        self.mine_check = QCheckBox("&Mine")
        self.mine_check.setAccessibleName("Only my applications")
        self.mine_check.setToolTip("Only the applications you own")
        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = self._make_table()
        self.list = ListWithMessage(self.table, summary=False)
        self.message_label = self.list.message_label
        #: What an empty database's list offers (the main window adds New application…).
        self.empty_actions: list[QAction] = []

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self._apply_text_filter)
        # Filtering 100,000 rows emits many row-range signals: count once per turn.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._update_counts)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addSpacing(8)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        bar.addSpacing(8)
        bar.addWidget(regulator_label)
        bar.addWidget(self.regulator_combo)
        bar.addSpacing(8)
        bar.addWidget(self.mine_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.filter_edit, self.status_combo)
        self.setTabOrder(self.status_combo, self.regulator_combo)
        self.setTabOrder(self.regulator_combo, self.mine_check)
        self.setTabOrder(self.mine_check, self.table)

        self.filter_edit.textChanged.connect(self._text_changed)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.regulator_combo.currentIndexChanged.connect(self._regulator_changed)
        self.mine_check.toggled.connect(self._mine_toggled)
        for changed in (self.proxy.rowsInserted, self.proxy.rowsRemoved,
                        self.proxy.modelReset, self.proxy.layoutChanged):
            changed.connect(self._schedule_counts)
        self.show_message("Opening the database…")

    def _make_table(self) -> QTableView:
        table = record_table(self.proxy, "Applications", _WIDTH_CHARS)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicator(ApplicationColumn.REF, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(self._double_clicked)
        return table

    # --- loading -----------------------------------------------------------------------

    def set_loader(
        self,
        loader: Callable[[], Sequence[ApplicationRow]] | None,
        first_page: Callable[[], Sequence[ApplicationRow]] | None = None,
        changed_rows: ChangedRowsLoader | None = None,
    ) -> None:
        """Where the rows (and, optionally, the newest few shown while all load, and the
        rows a change set names) come from."""
        self._loader = loader
        self._first_page = first_page
        self._changed_rows = changed_rows
        for request in ("first page", "list", "changed rows"):
            self._runner.supersede(self, request)  # they came from the previous source
        self._updating, self._waiting = False, Changes()
        self._loaded = False
        self._partial = False
        self.model.set_rows([])
        self.show_message("Opening the database…" if loader is None else "Loading applications…")

    def refresh(self) -> None:
        """Load the list again in the background; the selection is kept when still there."""
        loader = self._loader
        if loader is None:
            return
        if not self._loaded:
            self.show_message("Loading applications…")
            first_page = self._first_page
            if first_page is not None:
                self._runner.submit(
                    lambda: prepare(first_page()), self._first_rows,
                    lambda exc: None,  # the whole list's load reports any failure
                    latest="first page",
                )
        self.count_label.setText("Loading…")
        self._runner.submit(lambda: prepare(loader()), self._loaded_rows, self._load_failed,
                            latest="list")

    def apply_changes(self, changes: Changes) -> None:
        """Show what ``changes`` changed: the rows it names, read again (a few rows, at
        any size); the whole list again only when it changed beyond naming."""
        if not changes.touches(*_SHOWN_KINDS):
            return
        if (self._changed_rows is None or not self._loaded
                or any(changes.is_whole(kind) for kind in _SHOWN_KINDS)):
            self.refresh()
            return
        self._waiting = self._waiting | changes
        if not self._updating:
            self._update_next()

    def _update_next(self) -> None:
        """One read at a time, so an older read never lands after a newer one; changes made
        meanwhile wait and are read together."""
        changes, self._waiting = self._waiting, Changes()
        read = self._changed_rows
        if not changes or read is None:
            self._updating = False
            return
        self._updating = True
        self._runner.submit(partial(read, changes), self._changed_rows_read,
                            self._changed_rows_failed, latest="changed rows")

    def _changed_rows_read(self, found: tuple[Sequence[ApplicationRow], frozenset[str]]) -> None:
        rows, gone = found
        if gone:  # an application deleted (a discarded draft): rare, read the list again
            self._updating = False
            self.refresh()
            return
        self.model.update_rows(rows)
        if self.model.rowCount() and self.list.showing_message:
            self.list.show_list()
        self._update_next()
        if self._selected_ref and self._selected_ref in {row.ref for row in rows}:
            self.select_ref(self._selected_ref)

    def _changed_rows_failed(self, exc: BaseException) -> None:
        self._updating = False
        self.loadFailed.emit(exc)

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def is_partial(self) -> bool:
        """Only the newest rows are shown; the whole list is still loading."""
        return self._partial

    def _first_rows(self, loaded: LoadedApplications) -> None:
        if self._loaded or not loaded.rows:
            return
        self.model.set_rows(loaded.rows, loaded.keys, loaded.by_ref, loaded.orders)
        self._partial = True
        self._fit_columns()
        self.list.show_list()
        self._update_counts()

    def _loaded_rows(self, loaded: LoadedApplications) -> None:
        keep = self._selected_ref
        # the first rows of a new database also come later than its first (empty) load
        first = (not self._loaded and not self._partial) or self.model.rowCount() == 0
        self.model.set_rows(loaded.rows, loaded.keys, loaded.by_ref, loaded.orders)
        self._loaded = True
        self._partial = False
        if first:
            self._fit_columns()
        if self.model.rowCount() == 0:
            self.show_message(EMPTY_MESSAGE, self.empty_actions)
        else:
            self.list.show_list()
        self._update_counts()
        if keep and not self.select_ref(keep):
            self._selected_ref = ""
            self.selectionCleared.emit()

    def _fit_columns(self) -> None:
        """Size the short columns to what they hold (sampling, so fast at any size)."""
        if self.model.rowCount() == 0 or widths_remembered(self.table):
            return
        # A double-click on a column's edge samples as many rows (Qt's own fit).
        self.table.horizontalHeader().setResizeContentsPrecision(SAMPLED_ROWS)
        for column in _FIT_COLUMNS:
            fit_column(self.table, column, _FIT_MAX_PX)  # the widest texts measured

    def _load_failed(self, exc: BaseException) -> None:
        if not self._loaded:
            self._partial = False
            self.model.set_rows([])
            self.show_message("The applications could not be loaded.")
        self._update_counts()
        self.loadFailed.emit(exc)

    def show_message(self, text: str, actions: Sequence[QAction] = ()) -> None:
        """Show ``text`` where the table is (while loading, or when there is nothing), with
        a button for each of ``actions``."""
        self.list.show_message(text, actions)
        self.count_label.setText("")

    # --- selection ---------------------------------------------------------------------

    def select_ref(self, ref: str) -> bool:
        """Select the application ``ref`` if it is shown; returns whether it is."""
        source_row = self.model.row_of(ref)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        # Select exactly this row, whatever keys are held (the list allows several rows).
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def selected_ref(self) -> str:
        return self._selected_ref

    def row_shown_at(self, index: QModelIndex) -> ApplicationRow | None:
        """The application on the table's row of ``index``."""
        source = self.proxy.mapToSource(index)
        return self.model.row_at(source.row()) if source.isValid() else None

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        row = self.row_shown_at(index)
        if row is not None:
            self.applicationOpened.emit(row)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        ref = str(rows[0].data(REF_ROLE)) if rows else ""
        if ref == self._selected_ref:
            return
        self._selected_ref = ref
        if ref:
            self.applicationSelected.emit(ref)
        else:
            self.selectionCleared.emit()

    # --- filters -----------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @Slot(str)
    def _text_changed(self, _text: str) -> None:
        if self.model.rowCount() > DEBOUNCE_ABOVE_ROWS:
            self._filter_timer.start()
        else:
            self._apply_text_filter()

    @Slot()
    def _apply_text_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_text_filter(self.filter_edit.text())

    @Slot(int)
    def _status_changed(self, _index: int) -> None:
        self.proxy.set_status_filter(self.status_combo.currentData())

    @Slot(int)
    def _regulator_changed(self, _index: int) -> None:
        self.proxy.set_regulator_filter(self.regulator_combo.currentData())

    def set_user(self, user: str) -> None:
        """Who "Mine" means from now on (on a team's server: the database login)."""
        self._user = user
        self._mine_toggled(self.mine_check.isChecked())

    @Slot(bool)
    def _mine_toggled(self, mine: bool) -> None:
        user = self._user
        self.mine_check.setToolTip(f"Only the applications owned by {user}")
        self.proxy.set_owner_filter(user if mine else None)

    def set_filters(
        self, *, statuses: Iterable[str] | None = None, regulator: str | None = None
    ) -> None:
        """Show these statuses (as one of the status choices) of this regulator (None: all),
        with the text filter and Mine off."""
        self.filter_edit.clear()
        self._apply_text_filter()
        self.mine_check.setChecked(False)
        wanted = frozenset((statuses,) if isinstance(statuses, str) else statuses or ())
        combo = self.status_combo
        combo.setCurrentIndex(next((i for i in range(combo.count()) if statuses is not None and (
            data := combo.itemData(i)) is not None and frozenset(data) == wanted), 0))
        self.regulator_combo.setCurrentIndex(max(self.regulator_combo.findData(regulator), 0))

    def reveal(self, ref: str) -> bool:
        """Select ``ref``, clearing the filters (all statuses and regulators, not only
        mine, the reference typed as the text filter) if they hide it."""
        if self.select_ref(ref):
            return True
        self.set_filters()
        self.filter_edit.setText(ref)
        self._apply_text_filter()
        return self.select_ref(ref)

    def _schedule_counts(self, *_args: object) -> None:
        self._counts_timer.start()

    @Slot()
    def _update_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self._partial:
            self.count_label.setText(f"Showing the newest {total:,}; loading the rest…")
        elif self._loaded:
            noun = "application" if total == 1 else "applications"
            if shown == total:
                self.count_label.setText(f"{total:,} {noun}")
            else:
                self.count_label.setText(f"{shown:,} of {total:,} {noun} match the filters")
        self.countsChanged.emit(shown, total)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter box: Escape clears it, Down or Enter moves into the list."""
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape and self.filter_edit.text():
                self.filter_edit.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._apply_text_filter()
                if self.proxy.rowCount():
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not self.table.selectionModel().hasSelection():
                        self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

