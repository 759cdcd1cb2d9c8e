"""A proxy model that shows a list of its source's rows: the base of the lists' filters.

Subclasses keep ``_shown`` (proxy row -> source row) up to date, in Python and in one go
per change (a sort, a filter), and tell the view with a layout change
(:meth:`_begin_layout_change` / :meth:`_end_layout_change`), which keeps the selection and
the current row where they still show; a subclass may show some of the source's columns
too (:meth:`_source_column`, :meth:`_shown_column`). Not a ``QSortFilterProxyModel``: that
one calls ``filterAcceptsRow`` and ``lessThan`` into Python from C++ once per row and
comparison, seconds at 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)

ModelIndex = QModelIndex | QPersistentModelIndex


class ShownRowsProxy(QAbstractProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._shown: list[int] = []  # proxy row -> source row
        self._place: list[int] | None = None  # source row -> proxy row (-1), when asked
        self._held: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []

    def _follow(self, model: QAbstractItemModel, refresh: Callable[[], None]) -> None:
        """Show ``model`` (in place of the one before): its signals connected to the slots
        :meth:`_connections` names, then ``refresh`` works out what is shown."""
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        super().setSourceModel(model)
        for signal, slot in self._connections(model):
            signal.connect(slot)
        refresh()
        self._place = None
        self.endResetModel()

    def _connections(self, model: Any) -> list[tuple[Any, Any]]:
        """(source signal, slot) pairs, connected while ``model`` is the source."""
        return []

    def _refresh(self) -> None:
        """Work out what is shown (``_shown``), e.g. when the source was reset."""

    @Slot()
    def _source_reset(self) -> None:
        """For the source's ``modelReset`` (its ``modelAboutToBeReset`` goes to
        ``beginResetModel``)."""
        self._refresh()
        self._place = None
        self.endResetModel()

    def shown_source_rows(self) -> list[int]:
        """The source rows shown, in the order shown (a copy)."""
        return list(self._shown)

    # --- layout changes ----------------------------------------------------------------

    def _begin_layout_change(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        # Hold each persistent index (selection, current row) by its source row, which the
        # source keeps up to date through its own changes.
        self._held = [(QPersistentModelIndex(i), QPersistentModelIndex(self.mapToSource(i)))
                      for i in self.persistentIndexList()]

    def _end_layout_change(self, *_args: object) -> None:
        self._place = None
        held, self._held = self._held, []
        source = self.sourceModel()
        if held and source is not None:
            self.changePersistentIndexList(
                [self.createIndex(mine.row(), mine.column()) for mine, _ in held],
                [self.mapFromSource(source.index(at.row(), at.column())) if at.isValid()
                 else QModelIndex() for _, at in held],
            )
        self.layoutChanged.emit()

    # --- mapping -----------------------------------------------------------------------

    def _source_column(self, column: int) -> int:
        """The source's column shown as ``column`` (-1: none); a subclass that shows some
        of the columns maps them (with :meth:`_shown_column`)."""
        return column

    def _shown_column(self, source_column: int) -> int:
        """Where the source's column shows (-1: not shown)."""
        return source_column

    def _row_place(self) -> list[int]:
        """Source row -> proxy row (-1: not shown), made when first asked after a change."""
        place = self._place
        if place is None:
            source = self.sourceModel()
            place = self._place = [-1] * (0 if source is None else source.rowCount())
            for n, source_row in enumerate(self._shown):
                if source_row < len(place):
                    place[source_row] = n
        return place

    def mapToSource(self, proxyIndex: ModelIndex) -> QModelIndex:
        source = self.sourceModel()
        if not proxyIndex.isValid() or source is None or not (
                0 <= proxyIndex.row() < len(self._shown)):
            return QModelIndex()
        column = self._source_column(proxyIndex.column())
        return source.index(self._shown[proxyIndex.row()], column) if column >= 0 \
            else QModelIndex()

    def mapFromSource(self, sourceIndex: ModelIndex) -> QModelIndex:
        if not sourceIndex.isValid() or self.sourceModel() is None:
            return QModelIndex()
        place = self._row_place()
        row = place[sourceIndex.row()] if sourceIndex.row() < len(place) else -1
        column = self._shown_column(sourceIndex.column())
        return self.createIndex(row, column) if row >= 0 and column >= 0 else QModelIndex()

    # --- Qt interface ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._shown) or not (
                0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, idx: ModelIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._shown)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self.sourceModel()
        if orientation != Qt.Orientation.Horizontal or source is None:
            return None
        column = self._source_column(section)
        return source.headerData(column, orientation, role) if column >= 0 else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        source = self.sourceModel()
        if source is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return source.flags(self.mapToSource(index))


__all__ = ["ShownRowsProxy"]
