"""Filters the applications list by text, status, regulator and owner.

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
        self._owner: str | None = None
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

    def set_owner_filter(self, owner: str | None) -> None:
        """Only applications owned by ``owner`` ("Mine"); None for everyone's."""
        wanted = owner.strip() if owner else None
        if wanted != self._owner:
            self._change_filter(lambda: setattr(self, "_owner", wanted))

    @property
    def owner_filter(self) -> str | None:
        return self._owner

    @property
    def is_filtered(self) -> bool:
        return (bool(self._terms) or self._statuses is not None or self._regulator is not None
                or self._owner is not None)

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
        """One pass per active filter, building nothing but lists of flags and strings
        (long-lived tuples of 100,000 rows would wake the garbage collector)."""
        model = self.sourceModel()
        assert isinstance(model, ApplicationsTableModel)
        accepted = [True] * model.rowCount()
        for term in self._terms:
            accepted = [ok and term in key
                        for ok, (_, key) in zip(accepted, model.rows_with_keys(), strict=True)]
        for attribute, wanted in (("status", self._statuses), ("regulator", self._regulator),
                                  ("owner", self._owner)):
            if wanted is None:
                continue
            values = [getattr(row, attribute) for row, _ in model.rows_with_keys()]
            if isinstance(wanted, frozenset):
                accepted = [ok and v in wanted for ok, v in zip(accepted, values, strict=True)]
            else:
                accepted = [ok and v == wanted for ok, v in zip(accepted, values, strict=True)]
        return accepted

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
