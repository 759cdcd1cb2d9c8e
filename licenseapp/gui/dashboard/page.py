"""The Dashboard: the pipeline at a glance, with every number one click from its list.

Counts come from ``services.dashboard`` (counted by the database, off the GUI thread); the
deadline counts come from the deadlines screen, so both screens always agree. A bar or a
table row asks the main window to show the matching applications (``filterRequested``) or
deadlines (``deadlinesRequested``).

The page shows at once, its cards saying "Counting…"; each card's table and chart are made
and filled once its numbers arrive, one step per turn of the event loop (a chart takes
~17 ms to make), so the window keeps answering while they are drawn.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import PENDING_STATUSES, ApplicationStatus
from licenseapp.gui.dashboard.card_data import BarSet, CardData, count_rows
from licenseapp.gui.dashboard.charts import ChartCard
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import ink_style, make_hint
from licenseapp.gui.tracking.deadlines_model import kind_label

if TYPE_CHECKING:
    from licenseapp.services.follow_up.dashboard import DashboardSummary, DeadlineCounts
    from licenseapp.store.database import Database

#: The pending statuses as the applications list's "With the regulator" filter has them.
PENDING = tuple(s.value for s in ApplicationStatus if s in PENDING_STATUSES)
_REGULATOR_NAMES = {"BIS": "BIS (EAR)", "DDTC": "DDTC (ITAR)", "ECJU": "ECJU (UK)"}


def load_summary(db: Database, today: date) -> DashboardSummary:
    """Runs off the GUI thread."""
    from licenseapp.services.follow_up.dashboard import dashboard_summary

    return dashboard_summary(db, today=today)


class Tile(QPushButton):
    """A big number with its caption; a button, so the keyboard reaches it too."""

    def __init__(self, caption: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.number_label = QLabel("–")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number_label.setFont(font)
        self.caption_label = QLabel(caption)
        for label in (self.number_label, self.caption_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label)
        self.setToolTip(tooltip)
        self.setAccessibleName(caption)
        self.setMinimumHeight(layout.sizeHint().height() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_number(self, value: int | None, *, alarm: bool = False) -> None:
        self.number_label.setText("–" if value is None else f"{value:,}")
        ink_style(self.number_label, Ink.LATE if alarm and value else None)
        self.setAccessibleName(f"{self.caption}: {value if value is not None else 'not known'}")


class DashboardPage(QWidget):
    """Signals: ``filterRequested(statuses or None, regulator or None)``,
    ``deadlinesRequested(kind or None, within_days)``, ``loadFailed(exception)``."""

    filterRequested = Signal(object, object)
    deadlinesRequested = Signal(object, int)
    loadFailed = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._today = today
        self._db: Database | None = None
        self.summary: DashboardSummary | None = None
        self.counts: DeadlineCounts | None = None

        self.total_tile = Tile("applications", "Show every application")
        self.pending_tile = Tile("with the regulator", "Show the applications with the regulator")
        self.overdue_tile = Tile("deadlines overdue", "Show the deadlines, overdue first")
        self.week_tile = Tile("due within 7 days", "Show the deadlines due within 7 days")
        self.month_tile = Tile("due within 30 days", "Show the deadlines due within 30 days")
        self.total_tile.clicked.connect(lambda: self.filterRequested.emit(None, None))
        self.pending_tile.clicked.connect(lambda: self.filterRequested.emit(PENDING, None))
        self.overdue_tile.clicked.connect(lambda: self.deadlinesRequested.emit(None, 7))
        self.week_tile.clicked.connect(lambda: self.deadlinesRequested.emit(None, 7))
        self.month_tile.clicked.connect(lambda: self.deadlinesRequested.emit(None, 30))
        self.as_of_label = QLabel()
        make_hint(self.as_of_label)

        apps_hint = "Click a bar to list those applications"
        no_applications = "No applications yet"
        self.status_card = ChartCard("Applications by status and regulator", horizontal=True,
                                     click_hint=apps_hint, chart_min_width=380,
                                     empty_text=no_applications, row_height=18)
        self.regulator_card = ChartCard("Applications by regulator", click_hint=apps_hint,
                                        empty_text=no_applications, chart_min_height=200)
        self.ageing_card = ChartCard("Pending applications: days since submission",
                                     click_hint="Click to list the applications with the "
                                                "regulator",
                                     empty_text="No pending application with a submission "
                                                "date", chart_min_height=200)
        self.decision_card = ChartCard("Median days to decision",
                                       click_hint="Click to list the regulator's applications",
                                       empty_text="No decision recorded yet",
                                       chart_min_height=200)
        self.deadlines_card = ChartCard("Due within 30 days (with overdue), by kind",
                                        horizontal=True,
                                        click_hint="Click to list those deadlines",
                                        empty_text="Nothing is due within 30 days",
                                        chart_min_height=200)
        #: Cards whose numbers arrived and are not drawn yet, in the order they are drawn.
        self._to_draw: dict[ChartCard, CardData] = {}
        self._steps: deque[Callable[[], None]] = deque()  # of the card being drawn
        self._drawing = False
        self.status_card.barClicked.connect(self._status_clicked)
        self.regulator_card.barClicked.connect(self._regulator_clicked)
        self.ageing_card.barClicked.connect(
            lambda *_: self.filterRequested.emit(PENDING, None))
        self.decision_card.barClicked.connect(self._regulator_clicked)
        self.deadlines_card.barClicked.connect(self._kind_clicked)

        tiles = QHBoxLayout()
        for tile in (self.total_tile, self.pending_tile, self.overdue_tile, self.week_tile,
                     self.month_tile):
            tiles.addWidget(tile)
        self.message_label = QLabel("No database is open.")
        make_hint(self.message_label)
        content = QWidget()
        grid = QGridLayout(content)
        #: Above the numbers: what to do next in a database still being set up.
        self.banner_area = QVBoxLayout()
        grid.addLayout(self.banner_area, 0, 0, 1, 2)
        grid.addLayout(tiles, 1, 0, 1, 2)
        grid.addWidget(self.as_of_label, 2, 0, 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.message_label, 2, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.status_card, 3, 0, 1, 2)
        grid.setRowStretch(8, 1)
        self._grid = grid
        #: The smaller cards, two a row when there is room, else one under the other (at
        #: 125 % on a 1440×900 screen two did not fit: the page scrolled sideways).
        self.pairs = ((self.regulator_card, self.ageing_card),
                      (self.decision_card, self.deadlines_card))
        self.two_columns: bool | None = None
        self._arrange()
        self.content = content
        content.installEventFilter(self)  # a card's table grew: its smallest width changed
        scroll = QScrollArea()
        scroll.setAccessibleName("Dashboard")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # --- arranging the cards -----------------------------------------------------------

    def _room(self) -> int:
        """The width the cards can have: the page's, less a vertical scroll bar and the
        grid's margins."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self._grid.contentsMargins()
        return self.width() - bar - margins.left() - margins.right()

    def _arrange(self) -> None:
        """Two cards a row if both fit side by side at their smallest, else one a row."""
        spacing = max(self._grid.horizontalSpacing(), 0)
        needed = max(left.minimumSizeHint().width() + spacing + right.minimumSizeHint().width()
                     for left, right in self.pairs)
        two = self._room() >= needed
        if two == self.two_columns:
            return
        self.two_columns = two
        for n, (left, right) in enumerate(self.pairs):
            for card in (left, right):
                self._grid.removeWidget(card)
            if two:
                self._grid.addWidget(left, 4 + n, 0)
                self._grid.addWidget(right, 4 + n, 1)
            else:
                self._grid.addWidget(left, 4 + 2 * n, 0, 1, 2)
                self._grid.addWidget(right, 5 + 2 * n, 0, 1, 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            self._arrange()
        return super().eventFilter(watched, event)

    def add_banner(self, widget: QWidget) -> None:
        """Show ``widget`` above the numbers (e.g. the next steps of a new database)."""
        self.banner_area.addWidget(widget)

    # --- drawing the cards, one step per turn of the event loop -------------------------

    @property
    def is_drawn(self) -> bool:
        """Every number has arrived and every card shows it."""
        return (self.summary is not None and self.counts is not None and not self._to_draw
                and not self._steps)

    def _draw_later(self, card: ChartCard, data: CardData) -> None:
        self._to_draw[card] = data  # newer numbers replace any not drawn yet
        if not self._drawing:
            self._drawing = True
            self._draw_next_soon()

    def _draw_next_soon(self) -> None:
        # A timer, not a posted call: what the last step changed is laid out and painted,
        # and the window answers input, before the next step runs.
        QTimer.singleShot(1, self, self._draw_next)

    def _draw_next(self) -> None:
        """One step of drawing a card (:meth:`ChartCard.drawing_steps`), then the next
        one a turn later, until every card that has numbers shows them."""
        if not self._steps:
            if not self._to_draw:
                self._drawing = False
                return
            card = next(iter(self._to_draw))
            self._steps.extend(card.drawing_steps(self._to_draw.pop(card)))
        self._steps.popleft()()
        self._draw_next_soon()

    # --- loading -----------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.reload()

    def reload(self) -> None:
        db = self._db
        if db is None:
            return
        if self.summary is None:
            self.message_label.setText("Counting…")
        self._runner.submit(partial(load_summary, db, self._today()), self._loaded,
                            self._failed, latest="summary")

    def _failed(self, exc: BaseException) -> None:
        self.message_label.setText("The dashboard could not be counted.")
        self.loadFailed.emit(exc)

    def _loaded(self, summary: DashboardSummary) -> None:
        self.summary = summary
        self.message_label.setText("")
        self.as_of_label.setText(f"As of {summary.today.isoformat()}")
        self.total_tile.set_number(summary.total)
        self.pending_tile.set_number(summary.pending)
        regulators = summary.regulators
        names = [_REGULATOR_NAMES.get(r, r) for r in regulators]

        labels = tuple(s.label for s in summary.by_status)
        sets = tuple(BarSet(r, tuple(float(s.counts[n]) for s in summary.by_status))
                     for n, r in enumerate(regulators))
        self._draw_later(self.status_card, CardData(
            labels, sets, ("Status", *regulators, "Total"), count_rows(labels, sets)))

        counts = BarSet("Applications", tuple(float(n) for _, n in summary.by_regulator))
        self._draw_later(self.regulator_card, CardData(
            tuple(regulators), (counts,), ("Regulator", "Applications"),
            count_rows(names, (counts,))))

        ages = tuple(b.label for b in summary.ageing)
        pending = BarSet("Pending", tuple(float(b.count) for b in summary.ageing))
        undated = summary.pending_without_date
        self._draw_later(self.ageing_card, CardData(
            ages, (pending,), ("Since submission", "Pending"), count_rows(ages, (pending,)),
            note=f"{undated:,} pending without a submission date "
                 f"{'is' if undated == 1 else 'are'} not shown." if undated
            else ""))

        times = summary.decision_times
        medians = BarSet("Median days", tuple(t.median_days or 0.0 for t in times))
        self._draw_later(self.decision_card, CardData(
            tuple(regulators), (medians,), ("Regulator", "Median days", "Decided"),
            tuple((name, _days(t.median_days), f"{t.decided:,}")
                  for name, t in zip(names, times, strict=True)),
            note="Calendar days from the first submission to the first decision "
                 "(approval, denial, return without action, license not required)."))

    def set_deadline_counts(self, counts: DeadlineCounts) -> None:
        """What is due, as the deadlines screen counted it."""
        self.counts = counts
        self.overdue_tile.set_number(counts.overdue, alarm=True)
        self.week_tile.set_number(counts.due_this_week)
        self.month_tile.set_number(counts.due_this_month)
        kinds = tuple(kind_label(k) for k, _ in counts.by_kind)
        due = BarSet("Deadlines", tuple(float(n) for _, n in counts.by_kind))
        self._draw_later(self.deadlines_card, CardData(
            kinds, (due,), ("Kind", "Deadlines"), count_rows(kinds, (due,))))

    # --- jumping into the lists --------------------------------------------------------

    def _status_clicked(self, category: int, set_index: int) -> None:
        if self.summary is None:
            return
        status = self.summary.by_status[category].status
        regulator = self.summary.regulators[set_index] if set_index >= 0 else None
        self.filterRequested.emit((status,), regulator)

    def _regulator_clicked(self, category: int, _set_index: int) -> None:
        if self.summary is not None:
            self.filterRequested.emit(None, self.summary.regulators[category])

    def _kind_clicked(self, category: int, _set_index: int) -> None:
        if self.counts is not None:
            self.deadlinesRequested.emit(self.counts.by_kind[category][0], 30)


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".removesuffix(".0")
