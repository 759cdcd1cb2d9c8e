"""What a table shows, taken from it on the GUI thread cheaply and written off it.

Decided: an export writes the rows the view holds, not a second query. The models keep
plain, immutable rows (service DTOs); on the GUI thread only the list of those rows in view
order is copied (the proxy's own list of rows shown, or one mapping per row), with the
visible columns in their current order and their headers: tens of milliseconds at 100,000
rows. The cells are made off the GUI thread by the model's ``export_value(record, column)``,
the same functions that draw the cells (typed where a cell has a type). So the file is the
view at the moment of the export, whatever was filtered, sorted, moved or hidden, with no
second copy of the filters to keep in step, and no row the view has not loaded.

A model without ``export_value`` is read through its display role on the GUI thread (fine
for the short tables that have one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, Qt
from PySide6.QtWidgets import QTableView

from licenseapp.domain.tabular import ExportCancelled

#: Rows made between two looks at the cancel flag (and two progress notes).
CHUNK = 1000


@runtime_checkable
class ExportingModel(Protocol):
    """A model whose rows are plain records and which says how each cell exports."""

    def record_at(self, row: int) -> Any: ...

    def export_value(self, record: Any, column: int) -> Any: ...


@dataclass(frozen=True)
class ViewTable:
    """A table as shown: ``headers`` of the visible ``columns`` in their order, the
    ``records`` in view order, and ``value(record, column)``, the cell as exported."""

    name: str
    headers: tuple[str, ...]
    columns: tuple[int, ...]
    records: Sequence[Any]
    value: Callable[[Any, int], Any]

    def __len__(self) -> int:
        return len(self.records)

    def rows(self, *, progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[list[Any]]:
        """The cells, row by row (run off the GUI thread); stops with
        :class:`ExportCancelled` once ``cancelled()`` is true."""
        value, columns, total = self.value, self.columns, len(self.records)
        out: list[list[Any]] = []
        for start in range(0, total, CHUNK):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if progress is not None:
                progress(start, total)
            out.extend([value(record, c) for c in columns]
                       for record in self.records[start:start + CHUNK])
        if progress is not None:
            progress(total, total)
        return out


def _source(model: QAbstractItemModel) -> tuple[ExportingModel, list[int]] | None:
    """The exporting model under ``model`` and its rows in ``model``'s order, if any."""
    if isinstance(model, ExportingModel):
        return model, list(range(model.rowCount()))
    if isinstance(model, QAbstractProxyModel):
        source = model.sourceModel()
        if isinstance(source, ExportingModel):
            shown = getattr(model, "shown_source_rows", None)
            rows = shown() if callable(shown) else [
                model.mapToSource(model.index(row, 0)).row() for row in range(model.rowCount())]
            return source, list(rows)
    return None


def exportable(table: QTableView) -> bool:
    """Whether ``table``'s rows can be taken cheaply (its model says how cells export)."""
    return _source(table.model()) is not None


def take_view(table: QTableView, name: str = "") -> ViewTable:
    """What ``table`` shows now (see the module); cheap on the GUI thread."""
    model = table.model()
    header = table.horizontalHeader()
    columns = tuple(c for c in (header.logicalIndex(v) for v in range(header.count()))
                    if c >= 0 and not header.isSectionHidden(c))
    headers = tuple(str(model.headerData(c, Qt.Orientation.Horizontal,
                                         Qt.ItemDataRole.DisplayRole) or "") for c in columns)
    name = name or table.accessibleName() or "Export"
    found = _source(model)
    if found is not None:
        source, rows = found
        record_at = source.record_at
        return ViewTable(name, headers, columns, [record_at(r) for r in rows],
                         source.export_value)
    texts = [{c: model.index(row, c).data(Qt.ItemDataRole.DisplayRole) for c in columns}
             for row in range(model.rowCount())]
    return ViewTable(name, headers, columns, texts, _text_of)


def _text_of(record: dict[int, Any], column: int) -> Any:
    value = record.get(column)
    return "" if value is None else value
