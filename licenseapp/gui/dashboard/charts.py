"""A dashboard card: a bar chart (QtCharts) with its numbers in a small table beside it.

A chart alone is not enough: the table says the exact numbers, in words a screen reader
reads, and its rows are a keyboard way to do what clicking a bar does. Colours follow the
sets (one per regulator); the legend and the table's headers name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

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

from licenseapp.gui.tables import ListWithMessage
from licenseapp.gui.theme import current
from licenseapp.gui.theme_follow import make_hint, on_theme

#: Qt's "no maximum" for a widget's size.
QWIDGETSIZE_MAX = (1 << 24) - 1



@dataclass(frozen=True)
class BarSet:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class CardData:
    """What one card shows: categories (bars), sets (stacked), and the table's rows."""

    categories: tuple[str, ...]
    sets: tuple[BarSet, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # one per category, then any total rows
    note: str = ""


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
        parent: QWidget | None = None,
    ) -> None:
        """``row_height``: the chart is this many pixels tall per category (bar), plus its
        axis and legend, instead of a fixed height (a few bars are not drawn fat)."""
        super().__init__(title, parent)
        self._horizontal = horizontal
        self._row_height = row_height
        self._click_hint = click_hint
        self._empty_text = empty_text
        self.data: CardData | None = None
        self.bar_sets: list[QBarSet] = []
        self.series: QAbstractBarSeries | None = None

        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(10, 4, 6, 2))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setAccessibleName(f"{title.replace('&', '')} chart")
        on_theme(self.view, self._paint_chart, "chart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumWidth(chart_min_width)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if click_hint:
            self.view.setToolTip(click_hint)
            self.view.setCursor(Qt.CursorShape.PointingHandCursor)
        #: The empty text in the chart's place while every bar would be zero (no axes counting
        #: nothing).
        self.chart_stack = ListWithMessage(self.view, empty_text, summary=False)
        self.chart_stack.show_list()
        self.empty_label = self.chart_stack.message_label
        self.chart_stack.setSizePolicy(QSizePolicy.Policy.Expanding,
                                       QSizePolicy.Policy.Expanding)

        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if click_hint:
            self.table.setToolTip(f"{click_hint} (double-click or Enter on a row)")
        self.table.activated.connect(lambda index: self._row_chosen(index.row()))
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        make_hint(self.note_label)
        self.note_label.hide()

        side = QVBoxLayout()
        side.addWidget(self.table)
        side.addWidget(self.note_label)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.chart_stack, 1)
        layout.addLayout(side)

    # --- filling -----------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        """Nothing to chart: the empty text is shown instead."""
        return self.chart_stack.showing_message

    def set_data(self, data: CardData) -> None:
        self.data = data
        if self._row_height:
            self.view.setMinimumHeight(max(160, self._row_height * len(data.categories) + 100))
        self._fill_chart(data)
        self._fill_table(data)
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


#: A value axis reaches at least this far: one application is not drawn as a full bar.
SMALLEST_TOP = 4

#: Steps of a value axis, times a power of ten: 1, 2, 5, 10, 20, 50, …
_NICE_STEPS = (1, 2, 5)


def whole_number_scale(highest: float, most_ticks: int = 6) -> tuple[int, int]:
    """(top, step) of a value axis from 0 that reaches ``highest`` in whole-number steps of
    1, 2 or 5 times a power of ten, with at most ``most_ticks`` intervals (at least 1)."""
    target = max(highest, 1.0)
    magnitude = 1
    while True:
        for nice in _NICE_STEPS:
            step = nice * magnitude
            intervals = -(-target // step)  # ceiling
            if intervals <= most_ticks:
                return int(intervals * step), step
        magnitude *= 10


def count_rows(
    categories: Sequence[str], sets: Sequence[BarSet], total_label: str = "Total"
) -> tuple[tuple[str, ...], ...]:
    """Table rows: each category with its count per set (and a row total if several sets),
    then a total row."""
    several = len(sets) > 1
    rows = []
    for i, name in enumerate(categories):
        values = [int(s.values[i]) for s in sets]
        rows.append((name, *(f"{v:,}" for v in values), *((f"{sum(values):,}",) if several
                                                          else ())))
    totals = [int(sum(s.values)) for s in sets]
    rows.append((total_label, *(f"{v:,}" for v in totals),
                 *((f"{sum(totals):,}",) if several else ())))
    return tuple(rows)
