"""Small building blocks: formatted dates, label/value tables, ruled tables of user text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from licenseapp.pdf import fonts, richtext
from licenseapp.pdf.styles import grid, styles

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

Cell: TypeAlias = "str | Flowable | list[Flowable]"

#: Long rows: a row that does not fit is split across pages when at least this much of it
#: (points) fits on the page, else it moves whole to the next page. Tables try that first
#: (``splitByRow=0``): splitting between rows first would leave the rest of a page empty, or
#: start the rest of the table, header and all, in the gap below.
SPLIT_IN_ROW = 100
SPLITTING = {"splitByRow": 0, "splitInRow": SPLIT_IN_ROW}
#: A table longer than twice this many rows has its heights measured over its first rows
#: only, at least this many (:meth:`SplittingTable._calc_height`).
_MEASURED_ROWS = 200
#: A table of more than three times this many rows is given to ReportLab this many at a
#: time (:func:`headed_table`).
_WINDOW_ROWS = 300


class SplittingTable(Table):  # type: ignore[misc]  # ReportLab is untyped
    """A table whose rows split across pages (:data:`SPLITTING`), never a dead end.

    ReportLab refuses a split that would leave less than ``splitInRow`` points for the next
    page, and moves the table on instead; a row just taller than a whole page then fits
    nowhere (LayoutError: a 4,000-character résumé entry did it). When this page has room
    for a real part of the row, the short rest is allowed on the next page.
    """

    splitInRow: int
    repeatRows: int
    # ReportLab's own state, read and set below.
    _argH: list[float | None]
    _cellvalues: list[list[Any]]
    _cellStyles: list[list[Any]]
    _rowHeights: list[float | None]
    _height: float
    _width: float
    #: Rows of a long table not given to ReportLab yet (:func:`headed_table`), and the
    #: styles to give the table again when some of them are added.
    _pending: list[list[Any]] = []
    _styles: list[Any] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        if self._pending:  # more rows follow: never drawn whole, always split
            height = max(height, availHeight + 1)
        return width, height

    def _calc_height(self, availHeight: float, availWidth: float, H: object = None,
                     W: object = None) -> None:
        """Row heights measured for the rows that can be on this page, not for all of them.

        ReportLab 5 (``longTableOptimize``) stops measuring once a page is full only for
        tables with row spans; ours have none, so every row of a long table was measured
        again at every page it was split over — a 100,000-row report took minutes (the time
        grew with the square of the rows). A long table is measured over its first rows,
        twice as many again until they are taller than the page (and the rest unknown, as
        ReportLab leaves them when it stops)."""
        rows = len(self._argH)
        if (rows <= 2 * _MEASURED_ROWS or self._spanCmds or self._nosplitCmds
                or not self._longTableOptimize or None not in self._argH):
            super()._calc_height(availHeight, availWidth, H, W)
            return
        full = self._argH, self._cellvalues, self._cellStyles
        enough = availHeight + 2 * max(self.splitInRow, SPLIT_IN_ROW)
        take = _MEASURED_ROWS
        try:
            while True:
                self._argH, self._cellvalues, self._cellStyles = (
                    full[0][:take], full[1][:take], full[2][:take])
                super()._calc_height(availHeight, availWidth, H, W)
                if self._height > enough or take >= rows:
                    break
                take = min(rows, 2 * take)
        finally:
            self._argH, self._cellvalues, self._cellStyles = full
        self._rowHeights = list(self._rowHeights) + [None] * (rows - take)

    def split(self, availWidth: float, availHeight: float) -> list[Table]:
        if self._pending and len(self._cellvalues) < 2 * _WINDOW_ROWS:
            return self._topped_up().split(availWidth, availHeight)
        parts = self._split(availWidth, availHeight)
        if self._pending and parts:  # the rest goes on with the rows still to come
            parts[-1]._pending, parts[-1]._styles = self._pending, self._styles
        return parts

    def _topped_up(self) -> SplittingTable:
        """This table with the next window of its pending rows added (a new table: a
        ReportLab table's rows are fixed when it is made)."""
        more = self._pending[:_WINDOW_ROWS]
        table = SplittingTable(
            self._cellvalues + more, colWidths=self._colWidths, repeatRows=self.repeatRows,
            hAlign=self.hAlign, splitByRow=self.splitByRow, splitInRow=self.splitInRow)
        for style in self._styles:
            table.setStyle(style)
        table._styles, table._pending = self._styles, self._pending[_WINDOW_ROWS:]
        return table

    def _split(self, availWidth: float, availHeight: float) -> list[Table]:
        parts: list[Table] | None = self._between_rows(availWidth, availHeight)
        if parts is None:
            parts = super().split(availWidth, availHeight)
        if parts or not self.splitInRow:
            return parts
        header = sum(h or 0.0 for h in self._rowHeights[:self.repeatRows])
        if availHeight - header < self.splitInRow:
            return parts  # little room here: the table moves to the next page
        minimum, self.splitInRow = self.splitInRow, 1
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = minimum
        for part in parts:
            part.__class__ = SplittingTable  # the rest may need the same again
            part.splitInRow = minimum
        return parts

    def _between_rows(self, availWidth: float, availHeight: float) -> list[Table] | None:
        """The split between rows when no row could be split here anyway; None to let
        ReportLab decide.

        ReportLab tries a split inside a row first (``splitByRow=0``) and, to do so, copies
        every cell of the table — at every page. A report of 100,000 rows took minutes for
        it (the time grew with the square of the rows). Its attempt fails whenever less than
        ``splitInRow`` points are left below the last whole row (the row cannot be split
        here); then it splits between rows, as this does without the copy."""
        if self.splitByRow or not self.splitInRow or self._spanCmds or self._nosplitCmds:
            return None
        self._calc(availWidth, availHeight)
        if self._width > availWidth:
            return None
        heights = self._rowHeights
        n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        if n >= len(heights) or availHeight - sum(h or 0.0 for h in heights[:n]) + 1 \
                >= self.splitInRow:
            return None  # the whole table fits, or a row may be split here
        parts: list[Table] = self._splitRows(availHeight, doInRowSplit=0)
        for part in parts:
            part.__class__ = SplittingTable
        return parts or None


def iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def long_date(d: date, *, day_first: bool = False) -> str:
    """``September 1, 2026`` (or ``1 September 2026``), independent of the locale."""
    month = _MONTHS[d.month - 1]
    return f"{d.day} {month} {d.year}" if day_first else f"{month} {d.day}, {d.year}"


def month_year(year: int | None, month: int | None) -> str:
    if year is None:
        return "present"
    return f"{month:02d}/{year:04d}" if month else f"{year:04d}"


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def text(value: str, style: ParagraphStyle | None = None) -> Flowable:
    """User text as one flowable (line ends kept)."""
    return richtext.paragraph(value, style or styles().cell)


def label(value: str) -> Paragraph:
    """Our own fixed wording (never user text) in bold."""
    return Paragraph(escape(value), styles().cell_bold)


def muted(value: str) -> Flowable:
    return richtext.paragraph(value, styles().cell_small)


def dash() -> Flowable:
    return muted("—")


def _cell(value: Cell, style: ParagraphStyle) -> Flowable | list[Flowable]:
    if isinstance(value, str):
        return richtext.paragraph(value, style) if value.strip() else dash()
    return value


def headed_table(data: list[list[Any]], widths: Sequence[float], styles_: Sequence[Any]
                 ) -> SplittingTable:
    """A table with one header row repeated on every page, styled with ``styles_``. A long
    one is given to ReportLab a window of rows at a time (the rest added as pages are
    filled): ReportLab makes a new table of every remaining row at each page it splits a
    table over, so a report of 100,000 rows took time growing with the square of its rows."""
    window = len(data) > 1 + 3 * _WINDOW_ROWS
    table = SplittingTable(data[:1 + 2 * _WINDOW_ROWS] if window else data,
                           colWidths=list(widths), repeatRows=1, hAlign="LEFT", **SPLITTING)
    for style in styles_:
        table.setStyle(style)
    if window:
        table._styles, table._pending = list(styles_), data[1 + 2 * _WINDOW_ROWS:]
    return table


def ruled_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    zebra: bool = True,
) -> Table:
    """A table with a repeated header row; string cells are user text, escaped."""
    s = styles()
    data: list[list[Flowable | list[Flowable]]] = [
        [Paragraph(escape(h), s.cell_bold) for h in header]
    ]
    data += [[_cell(value, s.cell) for value in row] for row in rows]
    return headed_table(data, widths, [grid(1, zebra=zebra, rows=len(data))])


def field_table(rows: Sequence[tuple[str, Cell]], widths: tuple[float, float]) -> Table:
    """Label / value rows (labels are our wording, values user text)."""
    s = styles()
    data = [[Paragraph(escape(k), s.cell_bold), _cell(v, s.cell)] for k, v in rows]
    table = SplittingTable(data, colWidths=list(widths), hAlign="LEFT", **SPLITTING)
    table.setStyle(grid(0))
    return table


#: Cell padding left and right (:func:`licenseapp.pdf.styles.grid`) and a hair for rounding.
_CELL_PADDING = 4 + 4 + 0.5
#: The smallest type a table of whole words shrinks to before its columns may overflow.
SMALLEST_CELL_SIZE = 4.5


def word_width(word: str, size: float, weight: str = "regular") -> float:
    """The width of ``word`` at ``size`` points, each character in the font it prints in."""
    total = 0.0
    for ch in word:
        family = fonts.family_for(ch) or fonts.BASE_FAMILY
        total += stringWidth(ch, fonts.face(family, weight), size)
    return total


def _widest_word(value: str, size: float, weight: str) -> float:
    return max((word_width(w, size, weight) for w in value.split()), default=0.0)


@cache
def _whole_word_styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
    """Cell and header styles at ``size`` that wrap only at spaces: a reference or a code
    is never split inside (ReportLab splits a word longer than the column by default)."""
    s = styles()
    scale = size / s.cell.fontSize
    cell = ParagraphStyle(f"la-cell-whole-{size:.2f}", s.cell, fontSize=size,
                          leading=s.cell.leading * scale, splitLongWords=0)
    bold = ParagraphStyle(f"la-cell-bold-whole-{size:.2f}", s.cell_bold, fontSize=size,
                          leading=s.cell_bold.leading * scale, splitLongWords=0)
    return cell, bold


def fit_columns(minimums: Sequence[float], weights: Sequence[float], width: float
                ) -> list[float]:
    """Column widths in proportion to ``weights`` across ``width``, each at least its
    minimum: a column too narrow for its longest word takes that room from the others."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = width - sum(fixed.values())
        total = sum(weights[i] for i in free) or 1.0
        short = [i for i in free if room * weights[i] / total < minimums[i]]
        if not short or not free:
            break
        for i in short:
            fixed[i] = minimums[i]
    return [fixed[i] if i in fixed else room * weights[i] / total
            for i in range(len(weights))]


def whole_word_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    weights: Sequence[float],
    width: float,
    *,
    zebra: bool = True,
) -> Table:
    """A ruled table of user text whose cells wrap only at spaces.

    Each column is at least as wide as its longest word (a reference such as
    ``GBSIEL/2026/0004269/P`` prints whole, so it copies out whole); when the longest words
    together are wider than the page, the type shrinks until they fit (not below
    :data:`SMALLEST_CELL_SIZE`)."""
    size = styles().cell.fontSize
    weights = list(weights) or [1.0] * len(header)
    while True:
        minimums = [
            max([_widest_word(header[c], size, "bold")]
                + [_widest_word(row[c], size, "regular") for row in rows]) + _CELL_PADDING
            for c in range(len(header))
        ]
        if sum(minimums) <= width or size <= SMALLEST_CELL_SIZE:
            break
        size = max(SMALLEST_CELL_SIZE, round(size * width / sum(minimums) - 0.05, 1))
    cell, bold = _whole_word_styles(size)
    data: list[list[Flowable | list[Flowable]]] = [
        [Paragraph(escape(h), bold) for h in header]
    ]
    data += [[_cell(value, cell) for value in row] for row in rows]
    smaller = [[("FONTSIZE", (0, 0), (-1, -1), size)]] if size != styles().cell.fontSize else []
    return headed_table(data, fit_columns(minimums, weights, width),
                        [grid(1, zebra=zebra, rows=len(data)), *smaller])


#: Room kept below a heading besides what it needs (spacing, rounding).
_HEADING_SLACK = 12.0


def kept_with_first_rows(head: Sequence[Flowable], table: Table, width: float,
                         rows: int = 2) -> list[Flowable]:
    """``head`` (a heading and any lines under it) then ``table``, the heading never left
    alone at the foot of a page: it moves to the next page unless the table's first ``rows``
    (its header row and first row) fit below it. ReportLab's ``keepWithNext`` cannot do it
    for a table longer than a page (it keeps the heading with the whole table)."""
    needed = _HEADING_SLACK
    for flowable in head:
        needed += float(flowable.wrap(width, 10_000)[1])
        needed += float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())
    table.wrap(width, 10_000)
    needed += sum(table._rowHeights[:rows])
    return [CondPageBreak(needed), *head, table]
