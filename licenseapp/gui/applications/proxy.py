"""Filters the applications list by text, status and regulator.

The text filter is case- and accent-insensitive and looks in the reference, the foreign
national's names (Latin and native script), the ACN, item names and ECCNs; every word typed
must match. Sorting is delegated to :class:`ApplicationsTableModel`, which sorts its Python
list in one go; this proxy keeps the source order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)

from licenseapp.gui.applications.model import ApplicationsTableModel, fold


class ApplicationsFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._statuses: frozenset[str] | None = None
        self._regulator: str | None = None
        self._active = False
        # Which source rows pass, computed in one pass per filter change and source order
        # (one Python call per row from C++ costs seconds at 100,000 rows).
        self._accepted: list[bool] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- filters -----------------------------------------------------------------------

    def set_text_filter(self, text: str) -> None:
        terms = tuple(fold(text).split())
        if terms != self._terms:
            self._change_filter(lambda: setattr(self, "_terms", terms))

    def set_status_filter(self, statuses: Iterable[str] | str | None) -> None:
        """Only these statuses (values such as ``"submitted"``); None for all."""
        if isinstance(statuses, str):
            statuses = (statuses,)
        wanted = frozenset(str(s) for s in statuses) if statuses is not None else None
        if wanted != self._statuses:
            self._change_filter(lambda: setattr(self, "_statuses", wanted))

    def set_regulator_filter(self, regulator: str | None) -> None:
        """Only this regulator's applications (``"BIS"``, ``"DDTC"``, ``"ECJU"``); None for all."""
        wanted = str(regulator) if regulator is not None else None
        if wanted != self._regulator:
            self._change_filter(lambda: setattr(self, "_regulator", wanted))

    @property
    def is_filtered(self) -> bool:
        return bool(self._terms) or self._statuses is not None or self._regulator is not None

    def _change_filter(self, apply: Any) -> None:
        apply()
        self._active = self.is_filtered
        self._accepted = None
        # One layout change: the incremental filter update signals every removed range
        # separately, which takes seconds at 100,000 rows.
        self.invalidate()

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:
        if not isinstance(model, ApplicationsTableModel):
            raise TypeError("ApplicationsFilterProxy filters an ApplicationsTableModel")
        super().setSourceModel(model)
        # "About to" signals: the cached answers are dropped before the proxy asks again.
        model.layoutAboutToBeChanged.connect(self._forget)
        model.modelAboutToBeReset.connect(self._forget)

    @Slot()
    def _forget(self) -> None:
        self._accepted = None

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._active:
            return True
        accepted = self._accepted
        if accepted is None:
            accepted = self._accepted = self._compute()
        return accepted[source_row]

    def _compute(self) -> list[bool]:
        model = self.sourceModel()
        assert isinstance(model, ApplicationsTableModel)
        statuses, regulator, terms = self._statuses, self._regulator, self._terms
        return [
            (statuses is None or row.status in statuses)
            and (regulator is None or row.regulator == regulator)
            and all(term in key for term in terms)
            for row, key in model.rows_with_keys()
        ]

    # --- sorting, done by the source model ---------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
