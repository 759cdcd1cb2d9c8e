"""The matrix's table view and its column widths."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QTableView,
)

from licenseapp.gui.authorization.model import BY_PERSON, FitSample, MatrixModel
from licenseapp.gui.authorization.proxy import MatrixFilterProxy

_PERSON_CHARS = (22, 40)
_ITEM_CHARS = (14, 36)
_PADDING = 18


def make_matrix_table(proxy: MatrixFilterProxy) -> QTableView:
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName("Authorization matrix")
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the state and "access on"
    table.setTabKeyNavigation(False)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    people = table.verticalHeader()  # the names stay in view when the items scroll sideways
    people.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    people.setDefaultSectionSize(table.fontMetrics().height() + 10)
    people.setDefaultAlignment(left)
    people.setTextElideMode(Qt.TextElideMode.ElideRight)
    people.setHighlightSections(True)
    people.setSectionsClickable(True)
    header = table.horizontalHeader()
    header.setHighlightSections(True)
    header.setDefaultAlignment(left)
    header.setStretchLastSection(False)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    corner = corner_button(table)  # the top-left corner, above the names
    if corner is not None:
        corner.setToolTip("People: click to sort by name")
    return table


def corner_button(table: QTableView) -> QAbstractButton | None:
    return table.findChild(QAbstractButton)


def fit_columns(table: QTableView, model: MatrixModel, sample: FitSample) -> None:
    """Size every column to its widest text in ``sample`` (bold where a cell is bold),
    within bounds."""
    plain = table.fontMetrics()
    bold_font = QFont(table.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    char = plain.averageCharWidth()
    header = table.horizontalHeader().fontMetrics()
    low, high = _PERSON_CHARS
    names = max((plain.horizontalAdvance(text) for text in sample.people), default=0) + _PADDING
    table.verticalHeader().setFixedWidth(max(low * char, min(names, high * char)))
    low, high = _ITEM_CHARS
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        widths = [header.horizontalAdvance(line) + 20 for line in title.splitlines()]
        texts = sample.cells[column] if column < len(sample.cells) else frozenset()
        widths.extend((bold if is_bold else plain).horizontalAdvance(text)
                      for text, is_bold in texts)
        width = max(widths, default=0) + _PADDING
        table.setColumnWidth(column, max(low * char, min(width, high * char)))


class ItemWidths(QObject):
    """Keeps each item's column width through the filters: the header keeps widths by
    position (or, across a change, by its first row's cells, gone when that row is filtered
    out), so an item hidden before it would hand a column the width of another."""

    def __init__(self, table: QTableView, proxy: MatrixFilterProxy) -> None:
        super().__init__(table)
        self._table, self._proxy = table, proxy
        self._widths: dict[int, int] = {}  # model column -> width
        proxy.layoutAboutToBeChanged.connect(self._remember)
        proxy.layoutChanged.connect(self._restore)
        proxy.modelAboutToBeReset.connect(self._widths.clear)

    def _remember(self) -> None:
        header = self._table.horizontalHeader()
        for column in range(header.count()):
            self._widths[self._proxy.source_column(column)] = header.sectionSize(column)

    def _restore(self) -> None:
        for column in range(self._proxy.columnCount()):
            width = self._widths.get(self._proxy.source_column(column))
            if width is not None:
                self._table.setColumnWidth(column, width)


class CornerTitle(QObject):
    """Paints "Person" (with the sort arrow when sorted by name) on the table's corner
    button, which Qt leaves blank; clicking it sorts by name."""

    def __init__(self, table: QTableView, model: MatrixModel) -> None:
        super().__init__(table)
        self._model = model
        self._button = corner_button(table)
        if self._button is not None:
            self._button.installEventFilter(self)
            model.layoutChanged.connect(self._button.update)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._button and event.type() == QEvent.Type.Paint:
            button = self._button
            option = QStyleOptionHeader()
            option.initFrom(button)
            option.text = "Person"
            option.textAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            option.position = QStyleOptionHeader.SectionPosition.OnlyOneSection
            option.rect = button.rect()
            if self._model.sort_column == BY_PERSON:
                option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
            painter = QPainter(button)
            button.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, button)
            painter.end()
            return True
        return super().eventFilter(watched, event)
