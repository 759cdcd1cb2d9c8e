"""A column as wide as the rows it shows need — what ``QTableView.resizeColumnToContents``
gives with a sampling precision — for a fraction of its cost.

Qt sizes a column by asking the item delegate for the size of every sampled cell: a style
option filled from eight or so ``data()`` calls into Python, then the text laid out, about
70 µs a cell. At 200 rows that is 10–25 ms a column: fitting the two queues of Review &
sign-off froze the window ~150 ms, longer when a worker held the GIL between those calls.

Here each sampled cell's text is read once and measured with the font's metrics (a few
microseconds), and the delegate is asked only about the widest few: the same answer, since
a cell's width is its text's plus the same margins, and a cell in another font (bold, from
``FontRole``) is within :data:`_NEAR` of the widest if it can beat it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView

#: Rows sampled a column, as ``QHeaderView.setResizeContentsPrecision`` (Qt's own count).
SAMPLED_ROWS = 200
#: Texts measured this close to the widest (a bold font is ~10 % wider) go to the delegate.
_NEAR = 0.8
#: At most this many of them (the widest first).
_MOST_MEASURED = 8


def sampled_rows(table: QTableView, most: int = SAMPLED_ROWS) -> range:
    """The rows Qt's sampling looks at: from the first row on view down, then up, ``most``
    in all (every row of a shorter table)."""
    count = table.model().rowCount()
    if count <= most:
        return range(count)
    top = max(table.rowAt(0), 0)
    start = min(top, count - most)
    return range(start, start + most)


def content_width(table: QTableView, column: int, most: int = SAMPLED_ROWS) -> int:
    """What ``table.sizeHintForColumn(column)`` gives with a precision of ``most`` rows."""
    model = table.model()
    rows = sampled_rows(table, most)
    if not rows:
        return 1 if table.showGrid() else 0
    table.ensurePolished()  # its style's font, as Qt's own sizing does
    advance = table.fontMetrics().horizontalAdvance
    display = Qt.ItemDataRole.DisplayRole
    widths: list[tuple[int, int]] = []  # (the text's advance, row)
    for row in rows:
        text = model.data(model.index(row, column), display)
        if text is not None and text != "":
            widths.append((advance(str(text)), row))
    if not widths:
        candidates = [rows[0]]  # no text: the delegate's size of an empty cell
    else:
        widths.sort(key=lambda pair: -pair[0])
        near = widths[0][0] * _NEAR
        candidates = [row for width, row in widths[:_MOST_MEASURED] if width >= near]
    hint = max(table.sizeHintForIndex(model.index(row, column)).width() for row in candidates)
    return hint + 1 if table.showGrid() else hint


def fit_column(table: QTableView, column: int, limit_px: int | None = None) -> None:
    """``table.resizeColumnToContents(column)`` sampling :data:`SAMPLED_ROWS` rows, at most
    ``limit_px`` wide."""
    header = table.horizontalHeader()
    width = content_width(table, column)
    if not header.isHidden():
        width = max(width, header.sectionSizeHint(column))
    table.setColumnWidth(column, width if limit_px is None else min(width, limit_px))


class FitInSteps(QObject):
    """Fits ``table``'s columns but the last (which stretches) one per turn of the event
    loop, each at most its ``limits`` entry or ``limit_px``: the window paints and answers
    between two columns (a screen showing two lists of thousands of rows at once)."""

    def __init__(self, table: QTableView, limits: Mapping[int, int] | None = None,
                 limit_px: int = 280) -> None:
        super().__init__(table)
        self._table = table
        self._limits = dict(limits or {})
        self._limit_px = limit_px
        self._columns: deque[int] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(1)  # a timer, not a posted call: a paint comes between
        self._timer.timeout.connect(self._next)

    @property
    def done(self) -> bool:
        return not self._columns

    def start(self) -> None:
        """Fit every column again, from the first (a fit under way starts over)."""
        self._columns = deque(range(self._table.model().columnCount() - 1))
        self._timer.start()

    def _next(self) -> None:
        if not self._columns:
            return
        column = self._columns.popleft()
        fit_column(self._table, column, self._limits.get(column, self._limit_px))
        if self._columns:
            self._timer.start()
