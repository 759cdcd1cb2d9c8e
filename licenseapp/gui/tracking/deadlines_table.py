"""The deadlines list itself: the table (or a message in its place) with its summary line,
the selection, the right-click menu and a double-click (or Enter) on a row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from licenseapp.gui.tables import (
    ListWithMessage,
    fit_on_first_rows,
    record_table,
    select_source_row,
)
from licenseapp.gui.tracking.deadlines_model import (
    REF_ROLE,
    DeadlineColumn,
    DeadlinesFilterProxy,
    DeadlinesTableModel,
)

if TYPE_CHECKING:
    from licenseapp.services.follow_up.dashboard import DeadlineCounts

_WIDTH_CHARS = {DeadlineColumn.DUE: 11, DeadlineColumn.DAYS_LEFT: 20, DeadlineColumn.KIND: 24,
                DeadlineColumn.APPLICATION: 13}


class DeadlinesTable(ListWithMessage):
    """Signals: ``selected(source_row)`` (-1: none), ``applicationRequested(ref)``.

    ``menu_actions`` (the marking actions) open the right-click menu, before "Open
    application"."""

    selected = Signal(int)
    applicationRequested = Signal(str)

    def __init__(self, model: DeadlinesTableModel, proxy: DeadlinesFilterProxy,
                 menu_actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(record_table(proxy, "Deadlines", _WIDTH_CHARS), parent=parent)
        self.model = model
        self.proxy = proxy
        self._menu_actions = list(menu_actions)
        assert isinstance(self.view, QTableView)
        self.table = self.view
        self._set_up(self.table)
        fit_on_first_rows(self.table)  # "What" was cut while "Days left" had room to spare

    def _set_up(self, table: QTableView) -> None:
        header = table.horizontalHeader()
        header.setSortIndicator(DeadlineColumn.DUE, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.doubleClicked.connect(self._activated)
        table.activated.connect(self._activated)

    # --- what is shown -----------------------------------------------------------------

    def show_summary(self, counts: DeadlineCounts) -> None:
        """"12 deadlines · 2 overdue · 3 due within 7 days", with what the filters hide."""
        model, proxy = self.model, self.proxy
        closed = model.closed_keys()  # few: counted among the rows in one pass, if any
        marked = sum(1 for d in model.records_list() if d.key in closed) if closed else 0
        open_rows = model.rowCount() - marked
        shown = proxy.rowCount()
        total = model.rowCount() if proxy.include_done else open_rows
        parts = [f"{shown:,} of {total:,} deadlines shown" if shown != total
                 else f"{total:,} deadlines"]
        parts.append(f"{counts.overdue:,} overdue")
        parts.append(f"{counts.due_this_week:,} due within 7 days")
        if marked and not proxy.include_done:
            parts.append(f"{marked:,} done or snoozed not shown")
        self.summary_label.setText(" · ".join(parts))

    # --- selection ---------------------------------------------------------------------

    def selected_ref(self) -> str:
        """The application of the deadline selected ('' for none)."""
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(REF_ROLE) or "") if rows else ""

    def select_deadline(self, key: str) -> bool:
        """Select the deadline ``key`` if it is shown."""
        return select_source_row(self.table, self.proxy, self.model.row_of(key))

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.selected.emit(self.proxy.mapToSource(rows[0]).row() if rows else -1)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        ref = str(index.data(REF_ROLE) or "")
        if ref:
            self.applicationRequested.emit(ref)

    # --- the right-click menu ----------------------------------------------------------

    def context_menu(self) -> QMenu:
        """The menu a right-click on the list opens (for the row selected)."""
        menu = QMenu(self)
        for action in self._menu_actions:
            menu.addAction(action)
        menu.addSeparator()
        ref = self.selected_ref()
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
