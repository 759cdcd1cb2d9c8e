"""The Authorization screen: the people × items matrix, its filters, legend and actions.

The matrix is worked out off the GUI thread (a few seconds at 10,000 people × 10 items)
while a busy bar counts the seconds; the window stays usable and the previous matrix stays
on screen until the new one arrives. Results that arrive late for an older request (another
date, another database) are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.authorization.details import AuthorizationDetailsWidget
from licenseapp.gui.authorization.filters import MatrixFilterBar
from licenseapp.gui.authorization.loading import load_matrix, load_rows
from licenseapp.gui.authorization.model import FIT_SAMPLE, LoadedMatrix, MatrixModel
from licenseapp.gui.authorization.prompts import Prompts
from licenseapp.gui.authorization.proxy import MatrixFilterProxy
from licenseapp.gui.authorization.rules_actions import RulesActions
from licenseapp.gui.authorization.table import (
    CornerTitle,
    ItemWidths,
    corner_button,
    fit_columns,
    make_matrix_table,
)
from licenseapp.gui.navigation import Navigator, go_action
from licenseapp.gui.tables import ListWithMessage, widths_remembered
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.welcome.setup_watch import load_setup_state
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog
    from licenseapp.gui.authorization.new_directive_dialog import NewDirectiveDialog
    from licenseapp.services.catalog.getting_started import SetupState
    from licenseapp.store.database import Database


#: Changed beyond naming (or at all, for items and rule sets: the columns and every
#: determination), these kinds mean the whole matrix is worked out again.
_WHOLE_KINDS = (Kind.ACCESS, Kind.PEOPLE, Kind.APPLICATIONS, Kind.LICENSES)


class AuthorizationPage(RulesActions, QWidget):
    """Signals: ``applicationRequested(ref)`` (open it on the Applications screen),
    ``dataModified(Changes)`` (records changed here: the other screens update), ``matrixLoaded()``.
    """

    applicationRequested = Signal(str)
    dataModified = Signal(object)
    matrixLoaded = Signal()
    rulesetsChanged = Signal()

    def __init__(self, runner: TaskRunner, prompts: Prompts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.prompts = prompts or Prompts()
        self._db: Database | None = None
        self._counts: dict[str, int] = {}
        self._loaded = False
        self._stale = False
        #: Work the matrix out as soon as a database is set (a page on its own); the main
        #: window turns this off and asks once its applications list is in, or when shown.
        self.load_on_open = True
        self.impact_dialog: DirectiveImpactDialog | None = None

        self.model = MatrixModel(self)
        self.proxy = MatrixFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.details = AuthorizationDetailsWidget(runner)
        self.details.applicationRequested.connect(self.applicationRequested)
        self.details.loadFailed.connect(runner.report_error)

        self._make_controls()
        self.table = self._make_table()
        self.list = ListWithMessage(self.table, summary=False)
        self.message_label = self.list.message_label
        self.navigator = Navigator(self)  # the main window gives its own
        self._make_actions()
        self._layout()
        for changed in (self.proxy.modelReset, self.proxy.layoutChanged):
            changed.connect(self._update_counts)
        self.show_message("Open a database to see who may access what.")

    # --- building ----------------------------------------------------------------------

    def _make_controls(self) -> None:
        self.filters = MatrixFilterBar(self.proxy)
        self.filter_edit = self.filters.filter_edit
        self.state_combo = self.filters.state_combo
        self.problems_check = self.filters.problems_check
        self.date_edit = self.filters.date_edit
        self.legend = self.filters.legend
        self.filters.dateChanged.connect(self.reload)
        self.filters.filtersChanged.connect(self._update_counts)
        self.busy = BusyNote()
        self.busy_bar, self.note_label = self.busy.bar, self.busy.label
        self.count_label = QLabel()
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = QPushButton("&Export…")
        self.export_button.setToolTip("Save the accesses shown (filters applied) as CSV or XLSX")
        self.export_button.clicked.connect(self.export_csv)
        self.impact_button = QPushButton("&Directive impact…")
        self.impact_button.setToolTip("Who a rule set newly affects; suspend their access and "
                                      "draft their applications")
        self.impact_button.clicked.connect(lambda: self.open_impact_dialog())

    def _make_table(self) -> QTableView:
        table = make_matrix_table(self.proxy)
        table.selectionModel().currentChanged.connect(self._current_changed)
        table.clicked.connect(self._show_index)
        table.activated.connect(self._show_index)
        table.verticalHeader().sectionClicked.connect(self._person_clicked)
        corner = corner_button(table)
        if corner is not None:
            corner.clicked.connect(self.sort_by_person)
        self._corner = CornerTitle(table, self.model)
        self._widths = ItemWidths(table, self.proxy)
        return table

    def _make_actions(self) -> None:
        self.impact_action = QAction("Directive &impact…", self)
        self.impact_action.setStatusTip("Who a rule set newly affects, with the actions to take")
        self.impact_action.triggered.connect(lambda: self.open_impact_dialog())
        self.new_directive_action = QAction("&New directive…", self)
        self.new_directive_action.setStatusTip("Enter a directive as the order reads; its "
                                               "clock starts and the impact opens at once")
        self.new_directive_action.triggered.connect(self.open_new_directive)
        self.new_directive_dialog: NewDirectiveDialog | None = None
        self.import_action = QAction("Import rule &set…", self)
        self.import_action.setStatusTip("Add a rule-set file (JSON); it is checked first")
        self.import_action.triggered.connect(self.import_ruleset)
        self.export_action = QAction("&Export authorization matrix…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(self.export_csv)
        self.go_people_action = go_action(
            "People", "Go to &People", self, lambda: self.navigator,
            "Import or add the people whose access is assessed")
        self.go_items_action = go_action("Items", "Go to &Items", self, lambda: self.navigator,
                                         "Add the controlled items")
        self._set_database_actions(False)

    def _layout(self) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.busy, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.impact_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)

    # --- loading -----------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        if self.impact_dialog is not None:  # it works on the database being closed
            self.impact_dialog.close()
        self._db = db
        for request in ("matrix", "why empty"):
            self._runner.supersede(self, request)  # about the database being closed
        self._loaded = False
        self.model.set_matrix(None)
        self.details.clear()
        self._set_database_actions(db is not None)
        if db is None:
            self.details.set_explainer(None)
            return
        from licenseapp.services.directive.rulesets import explain_grant

        self.details.set_explainer(partial(explain_grant, db))
        self._stale = True
        if self.load_on_open or self.isVisible():
            self.reload()

    def load_if_needed(self, ready: bool = True) -> None:
        """Work the matrix out if not done for this database yet (the main window asks once
        the applications list is in, so the two do not compete for the database at start)."""
        if self._stale and ready:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_if_needed()

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def on(self) -> date:
        return self.filters.on

    def apply_changes(self, changes: Changes) -> None:
        """Show what ``changes`` changed: the rows of the people it names, worked out again
        (a few rows at any size); the whole matrix when items or rule sets changed (the
        columns, every determination) or anything changed beyond naming."""
        db = self._db
        if db is None:
            return
        whole = (changes.touches(Kind.ITEMS, Kind.RULESETS)
                 or any(changes.is_whole(kind) for kind in _WHOLE_KINDS))
        if whole or not self._loaded or self._stale:
            if self.isVisible() or self._loaded:
                self.reload()
            else:
                self._stale = True
            return
        on = self.on
        self._runner.submit(partial(load_rows, db, on, changes),
                            partial(self._rows_loaded, db, on),
                            partial(self._report, title="The authorization matrix could not be "
                                                        "brought up to date"))

    def _rows_loaded(self, db: Database, on: date, loaded: LoadedMatrix) -> None:
        if db is not self._db or on != self.on or not self._loaded:
            return  # another database or day meanwhile: a whole reload follows
        delta = self.model.replace_rows(loaded)
        if delta is None:
            self.reload()  # a column or a person came or went
            return
        for state, n in delta.items():
            self._counts[state] = self._counts.get(state, 0) + n
        self.legend.set_counts(self._counts)
        if self.proxy.is_filtered:
            self.proxy.invalidate_filters()
        self._update_counts()
        current = self._current_key()
        if current is not None and current[0] in loaded.matrix.person_ids:
            self.select(*current)
            self._show_index(self.table.currentIndex())
        self.matrixLoaded.emit()

    @Slot()
    def reload(self) -> None:
        """Work the matrix out again in the background; the selection is kept."""
        db = self._db
        if db is None:
            return
        self._stale = False
        on = self.on
        if not self._loaded:
            self.show_message("Working out who may access what…")
        self.busy.start("Working out every access's authorization")
        self._runner.submit(partial(load_matrix, db, on), self._matrix_loaded,
                            self._load_failed, latest="matrix")

    def _matrix_loaded(self, loaded: LoadedMatrix) -> None:
        self.busy.stop()
        keep = self._current_key()
        # Fitted when other columns or the first accesses arrive (a database set up while
        # open showed an empty matrix first), never over widths the user set for the same.
        fit = (not self._loaded
               or [i.id for i in self.model.items] != [i.id for i in loaded.items]
               or not self.model.has_cells(FIT_SAMPLE))
        self.model.set_matrix(loaded)
        self._loaded = True
        self._counts = dict(loaded.counts)
        self.legend.set_counts(loaded.counts)
        if fit and not widths_remembered(self.table):
            fit_columns(self.table, self.model, loaded.sample)
        if not self.model.rowCount() or not loaded.items:  # nobody, or no item: nothing to cross
            self.show_message("No access to controlled items is recorded in this database "
                              "yet.")
            if self._db is not None:
                self._runner.submit(partial(load_setup_state, self._db), self._explain_empty,
                                    lambda _exc: None, context=self, latest="why empty")
        else:
            self.list.show_list()
        self._update_counts()
        if keep is not None:
            self.select(*keep)
        self.matrixLoaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.busy.stop()
        if not self._loaded:
            self.show_message("The authorization matrix could not be worked out.")
        self._report(exc, "The authorization matrix could not be worked out")

    def show_message(self, text: str, actions: Sequence[QAction] = ()) -> None:
        self.list.show_message(text, actions)

    def set_navigator(self, navigator: Navigator) -> None:
        self.navigator = navigator

    def _explain_empty(self, state: SetupState) -> None:
        """Nothing to show: say what is missing (people, items) and offer the screen where
        it is added."""
        if self.model.rowCount() and self.model.items:
            return
        to_people = self.navigator.refresh(self.go_people_action)
        to_items = self.navigator.refresh(self.go_items_action)
        if not state.people and not state.items:
            text = ("No people and no controlled items are recorded yet. The matrix shows "
                    "who may access which controlled item, and why: add your people and your "
                    "items first, then record who has access to what.")
            actions = [to_people, to_items]
        elif not state.people:
            text = ("Nobody is recorded yet. The matrix shows, for each person, which "
                    "controlled items they may access and why: add your people first.")
            actions = [to_people]
        else:  # people, but no item in use (none recorded yet, or all retired)
            text = (f"{state.people:,} {'person is' if state.people == 1 else 'people are'} "
                    "recorded, but no controlled item is in use. Add the technology, source "
                    "code and models you control, then record who has access to them.")
            actions = [to_items]
        if state.people and not self.navigator.has("Items"):
            text += " For now they are added on the command line (licenseapp item add)."
        self.show_message(text, actions)

    def _set_database_actions(self, enabled: bool) -> None:
        for widget in (self.impact_action, self.new_directive_action, self.export_action,
                       self.export_button,
                       self.impact_button, self.refresh_button):
            widget.setEnabled(enabled)

    # --- selection and details ---------------------------------------------------------

    def _current_key(self) -> tuple[int, int] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.person_at(source.row()), self.model.items[source.column()].id

    def select(self, person_id: int, item_id: int | None = None) -> bool:
        """Make the person's cell for ``item_id`` (default: their first access) current and
        show it; False if it is not shown."""
        index = self.proxy.mapFromSource(self.model.index_of(person_id, item_id))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._show_index(index)
        return True

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_index(current)

    @Slot(QModelIndex)
    def _show_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        source = self.proxy.mapToSource(index)
        cell = self.model.cell_at(source.row(), source.column())
        if cell is not None:
            if self.details.cell is not cell:
                self.details.show_cell(cell, self.model.on)
            return
        self.details.show_person(self.model.row_at(source.row()), self.model.items, self.model.on)

    @Slot(int)
    def _person_clicked(self, section: int) -> None:
        source = self.proxy.mapToSource(self.proxy.index(section, 0))
        if source.isValid():
            self.details.show_person(self.model.row_at(source.row()), self.model.items,
                                     self.model.on)

    @Slot()
    def sort_by_person(self) -> None:
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)

    # --- filters -----------------------------------------------------------------------

    @Slot()
    def _update_counts(self) -> None:
        if not self._loaded:
            self.count_label.setText("")
            return
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        items = self.proxy.columnCount()
        people = f"{total:,} people" if shown == total else f"{shown:,} of {total:,} people"
        self.count_label.setText(f"{people} · {items:,} of {len(self.model.items):,} items")

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def export_csv(self) -> None:
        db = self._db
        if db is None or not self._loaded:
            return
        on = self.on
        matrix, shown = self.model.matrix, self.proxy.shown_cell_indices()
        assert matrix is not None
        cells = (matrix.cell_view(k) for k in shown)  # made on the worker, as written
        path = self.prompts.save_path(
            self, "Export the authorization matrix", f"authorization-{on.isoformat()}.csv",
            "CSV (*.csv);;Excel workbook (*.xlsx)")
        if path is None:
            return
        # The save dialog asked before replacing the file it named; a name we change is not
        # replaced (the open database, a folder or a device never are).
        confirmed = path.suffix.lower() in (".csv", ".xlsx")
        if not confirmed:
            path = path.with_suffix(".csv")
        from licenseapp.services.directive.authorization import export_matrix_csv

        self.busy.say(f"Saving {len(shown):,} accesses…")
        self._runner.submit(
            partial(export_matrix_csv, db, path, on, cells=cells, replace=confirmed),
            lambda count: self._exported(path, count),
            lambda exc: self._report(exc, "The matrix was not exported"),
            context=self,
        )

    def _exported(self, path: Path, count: int) -> None:
        self.busy.say(f"Exported {count:,} accesses to {path}")

    def _report(self, exc: BaseException, title: str) -> None:
        if isinstance(exc, LicenseAppError):
            self.busy.say("")
            self.prompts.warn(self, title, exc.message)
        else:
            self._runner.report_error(exc)
