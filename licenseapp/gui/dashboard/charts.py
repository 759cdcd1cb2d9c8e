"""A dashboard card: a bar chart (QtCharts) with its numbers in a small table beside it.

A chart alone is not enough: the table says the exact numbers, in words a screen reader
reads, and its rows are a keyboard way to do what clicking a bar does. Colours follow the
sets (one per regulator); the legend and the table's headers name them.

A card is made light, a "Counting…" in a group box; its table (:meth:`ChartCard.make_parts`)
and its chart (a QChart in a QChartView, ~17 ms: :meth:`ChartCard.make_chart`) are made when
it is first given data, or asked for them, so a page of cards shows at once and makes them
one at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.dashboard.card_data import (
    SMALLEST_TOP,
    BarSet,
    CardData,
    count_rows,
    whole_number_scale,
)
from licenseapp.gui.tables import ListWithMessage
from licenseapp.gui.theme import current
from licenseapp.gui.theme_follow import make_hint, on_theme

#: Qt's "no maximum" for a widget's size.
QWIDGETSIZE_MAX = (1 << 24) - 1



_Part = TypeVar("_Part")


def _made(part: _Part | None) -> _Part:
    assert part is not None, "a card's part, made when first needed"
    return part


class ChartCard(QGroupBox):
    """``barClicked(category_index, set_index)``: a bar (or a table row: set -1) was chosen."""

    barClicked = Signal(int, int)

    def __init__(
        self,
        title: str,
        *,
        horizontal: bool = False,
        click_hint: str = "",
        chart_min_width: int = 260,
        empty_text: str = "Nothing to show yet",
        row_height: int = 0,
        chart_min_height: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        """``row_height``: the chart is this many pixels tall per category (bar), plus its
        axis and legend, instead of a fixed height (a few bars are not drawn fat)."""
        super().__init__(title, parent)
        self._title = title
        self._horizontal = horizontal
        self._row_height = row_height
        self._click_hint = click_hint
        self._empty_text = empty_text
        self._chart_min_size = (chart_min_width, chart_min_height)
        self.data: CardData | None = None
        self.bar_sets: list[QBarSet] = []
        self.series: QAbstractBarSeries | None = None
        self._chart: QChart | None = None
        self._view: QChartView | None = None

        self._parts_made = False
        self._stack: ListWithMessage | None = None
        self._table: QTableWidget | None = None
        self._note_label: QLabel | None = None
        #: "Counting…" in the card until its parts are made (a light stand-in, as big as
        #: the chart will be, so the page does not jump much when they come).
        self.placeholder = QLabel("Counting…")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        make_hint(self.placeholder)
        self.placeholder.setMinimumSize(chart_min_width, max(chart_min_height, 60))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.placeholder, 1)

    # --- the parts, made when first needed ---------------------------------------------

    @property
    def chart_stack(self) -> ListWithMessage:
        """The chart, or in its place the empty text while every bar would be zero (no axes
        counting nothing)."""
        self.make_parts()
        return _made(self._stack)

    @property
    def empty_label(self) -> QLabel:
        return self.chart_stack.message_label

    @property
    def table(self) -> QTableWidget:
        self.make_parts()
        return _made(self._table)

    @property
    def note_label(self) -> QLabel:
        self.make_parts()
        return _made(self._note_label)

    def make_parts(self) -> None:
        """Make the card's table and the place of its chart, in place of "Counting…" (once)."""
        if self._parts_made:
            return
        self._parts_made = True
        #: Where the chart goes once made; as big as it will be, so nothing moves then.
        self.chart_place = QWidget()
        self.chart_place.setMinimumSize(*self._chart_min_size)
        self.chart_place.setSizePolicy(QSizePolicy.Policy.Expanding,
                                       QSizePolicy.Policy.Expanding)
        QVBoxLayout(self.chart_place).setContentsMargins(0, 0, 0, 0)
        stack = self._stack = ListWithMessage(self.chart_place, "Counting…", summary=False)
        stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        table = self._table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        table.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if self._click_hint:
            table.setToolTip(f"{self._click_hint} (double-click or Enter on a row)")
        table.activated.connect(lambda index: self._row_chosen(index.row()))
        note = self._note_label = QLabel()
        note.setWordWrap(True)
        make_hint(note)
        note.hide()

        side = QVBoxLayout()
        side.addWidget(table)
        side.addWidget(note)
        side.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.removeWidget(self.placeholder)
        self.placeholder.hide()
        layout.addWidget(stack, 1)
        layout.addLayout(side)

    # --- the chart, made when first needed -----------------------------------------------

    @property
    def parts_made(self) -> bool:
        return self._parts_made

    @property
    def chart_made(self) -> bool:
        return self._view is not None

    @property
    def chart(self) -> QChart:
        self.make_chart()
        return _made(self._chart)

    @property
    def view(self) -> QChartView:
        self.make_chart()
        return _made(self._view)

    def make_chart(self) -> None:
        """Make the chart and its view in their place (once; the costly part of a card)."""
        if self._view is not None:
            return
        self.make_parts()
        chart = self._chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(10, 4, 6, 2))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view = self._view = QChartView(chart)
        view.setAccessibleName(f"{self._title.replace('&', '')} chart")
        on_theme(view, self._paint_chart, "chart")
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(*self._chart_min_size)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if self._click_hint:
            view.setToolTip(self._click_hint)
            view.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = self.chart_place.layout()
        assert layout is not None
        layout.addWidget(view)

    # --- filling -----------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        """Nothing to chart: the empty text is shown instead."""
        return self.chart_stack.showing_message

    def set_data(self, data: CardData) -> None:
        for step in self.drawing_steps(data):
            step()

    def drawing_steps(self, data: CardData) -> list[Callable[[], None]]:
        """:meth:`set_data` in steps of a few milliseconds each, to be run in this order
        (a page runs one per turn of the event loop): the parts and the chart made if not
        yet, the table filled, then the chart."""
        made = [make for make, done in ((self.make_parts, self._parts_made),
                                        (self.make_chart, self._view is not None)) if not done]
        return [*made, partial(self._fill_table, data), partial(self._show_data, data)]

    def _show_data(self, data: CardData) -> None:
        self.data = data
        if self._row_height:
            height = max(160, self._row_height * len(data.categories) + 100)
            self.view.setMinimumHeight(height)
            self.chart_place.setMinimumHeight(height)
        self._fill_chart(data)
        self.note_label.setText(data.note)
        self.note_label.setVisible(bool(data.note))
        empty = not any(v for s in data.sets for v in s.values)
        if empty:
            self.chart_stack.show_message(self._empty_text)
        else:
            self.chart_stack.show_list()
        # Empty, the card is only as tall as its table: no blank chart-sized box.
        self.chart_stack.setMaximumHeight(max(self.table.height(), 60) if empty
                                          else QWIDGETSIZE_MAX)

    def _fill_chart(self, data: CardData) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        stacked = len(data.sets) > 1
        series: QAbstractBarSeries
        if self._horizontal:
            series = QHorizontalStackedBarSeries() if stacked else QHorizontalBarSeries()
        else:
            series = QStackedBarSeries() if stacked else QBarSeries()
        # Horizontal bars are drawn bottom-up: reversed, the first category is on top.
        order = list(range(len(data.categories)))
        if self._horizontal:
            order.reverse()
        self.bar_sets = []
        for n, bar_set_data in enumerate(data.sets):
            bar_set = QBarSet(bar_set_data.name)
            bar_set.append([float(bar_set_data.values[i]) for i in order])
            bar_set.clicked.connect(partial(self._bar_clicked, n))
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        series.setBarWidth(0.7)
        if not stacked:
            series.setLabelsVisible(True)
            series.setLabelsFormat("@value")
            series.setLabelsPrecision(6)
            series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        self.series = series
        categories = QBarCategoryAxis()
        categories.append([data.categories[i] for i in order])
        categories.setTruncateLabels(False)  # "Approved with conditions", never "…"
        values = QValueAxis()
        values.setLabelFormat("%d")
        highest = max(
            (sum(s.values[i] for s in data.sets) for i in range(len(data.categories))),
            default=0,
        )
        # Room above a single bar for its label; whole numbers only on the axis.
        top, step = whole_number_scale(max(highest * (1.0 if stacked else 1.18), SMALLEST_TOP))
        values.setRange(0, top)
        values.setTickType(QValueAxis.TickType.TicksFixed)
        values.setTickCount(top // step + 1)
        values.setMinorTickCount(0)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        categories.setLabelsFont(small)
        values.setLabelsFont(small)
        if self._horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().setVisible(stacked)
        chart.legend().setFont(small)
        self._paint_chart()

    def _paint_chart(self) -> None:
        """The chart in the theme's colours: background, axes, text and one colour per set
        (told apart by the legend and the table too, not by colour alone)."""
        colors = current().chart
        chart = self.chart
        chart.setBackgroundBrush(QBrush(colors.background))
        chart.setBackgroundPen(QPen(colors.background))
        chart.setPlotAreaBackgroundVisible(False)
        chart.legend().setLabelColor(colors.text)
        for axis in chart.axes():
            axis.setLabelsColor(colors.text)
            axis.setLinePenColor(colors.axis)
            axis.setGridLineColor(colors.grid)
        for n, bar_set in enumerate(self.bar_sets):
            color = colors.series[n % len(colors.series)]
            bar_set.setColor(color)
            bar_set.setBorderColor(color)
            bar_set.setLabelColor(colors.text)
        self.view.setBackgroundBrush(QBrush(colors.background))

    def _fill_table(self, data: CardData) -> None:
        table = self.table
        table.clear()
        table.setColumnCount(len(data.headers))
        table.setRowCount(len(data.rows))
        table.setHorizontalHeaderLabels(list(data.headers))
        bold = QFont(table.font())
        bold.setBold(True)
        categories = len(data.categories)
        for r, row in enumerate(data.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if r >= categories:  # a total
                    item.setFont(bold)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        table.resizeColumnsToContents()
        width = sum(table.columnWidth(c) for c in range(table.columnCount()))
        height = header.height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
        frame = table.frameWidth() * 2
        table.setFixedSize(width + frame + 2, height + frame + 2)

    # --- choosing ----------------------------------------------------------------------

    def _bar_clicked(self, set_index: int, bar_index: int) -> None:
        count = len(self.data.categories) if self.data else 0
        category = count - 1 - bar_index if self._horizontal else bar_index
        if 0 <= category < count:
            self.barClicked.emit(category, set_index)

    @Slot(int)
    def _row_chosen(self, row: int) -> None:
        if self.data is not None and 0 <= row < len(self.data.categories):
            self.barClicked.emit(row, -1)

    def bar_center(self, category: int, set_index: int = 0) -> tuple[int, int]:
        """Where bar ``category`` of set ``set_index`` is drawn, in the view's coordinates
        (the middle of its segment; for tests and screenshots)."""
        assert self.data is not None and self.series is not None
        values = [s.values[category] for s in self.data.sets]
        start = sum(values[:set_index])
        middle = start + values[set_index] / 2
        position = len(self.data.categories) - 1 - category if self._horizontal else category
        point = QPointF(middle, position) if self._horizontal else QPointF(position, middle)
        scene = self.chart.mapToScene(self.chart.mapToPosition(point, self.series))
        view_point = self.view.mapFromScene(scene)
        return view_point.x(), view_point.y()


__all__ = ["BarSet", "CardData", "ChartCard", "count_rows", "whole_number_scale"]
