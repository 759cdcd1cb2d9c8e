"""Dashboard charts on an empty database and with a few applications: no axis counting in
fractions ("0 0 0 0 0 1"), a plain "No applications yet" where there is nothing to chart."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QSettings

from licenseapp.gui.dashboard.charts import ChartCard, whole_number_scale

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def axis_labels(card: ChartCard) -> list[str]:
    """The value axis's tick labels as the chart prints them ("%d" of each tick value)."""
    [axis] = [a for a in card.chart.axes() if isinstance(a, QValueAxis)]
    low, high, ticks = axis.min(), axis.max(), axis.tickCount()
    values = [low + n * (high - low) / (ticks - 1) for n in range(ticks)]
    assert all(v == int(v) for v in values), values  # whole numbers only
    return [axis.labelFormat() % v for v in values]


@pytest.mark.parametrize(("highest", "top", "step"), [
    (0, 1, 1), (1, 1, 1), (1.18, 2, 1), (3.54, 4, 1), (6, 6, 1), (7, 8, 2), (47.2, 50, 10),
    (118, 120, 20), (1234.5, 1500, 500)])
def test_value_axes_count_in_whole_steps(highest, top, step) -> None:
    assert whole_number_scale(highest) == (top, step)


def dashboard_of(qtbot, runner, db_url):
    from licenseapp.gui.dashboard.page import DashboardPage
    from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
    from licenseapp.store.database import open_database

    page = DashboardPage(runner)
    deadlines = DeadlinesPage(runner)
    deadlines.countsChanged.connect(page.set_deadline_counts)
    for widget in (page, deadlines):
        qtbot.addWidget(widget)
    page.resize(1100, 900)
    page.show()
    db = open_database(db_url)
    page.set_database(db)
    deadlines.set_database(db)
    deadlines.reload()
    qtbot.waitUntil(lambda: page.is_drawn, timeout=10_000)
    return page, db


def test_an_empty_database_says_no_applications_yet_instead_of_empty_axes(
        qtbot, runner, db, db_url) -> None:
    page, opened = dashboard_of(qtbot, runner, db_url)
    try:
        cards = (page.status_card, page.regulator_card, page.ageing_card, page.decision_card,
                 page.deadlines_card)
        for card in cards:
            assert card.is_empty and card.empty_label.isVisible(), card.title()
            assert not card.view.isVisible()
            labels = axis_labels(card)
            assert len(set(labels)) == len(labels)  # never "0 0 0 0 0 1"
        assert page.status_card.empty_label.text() == "No applications yet"
        assert page.regulator_card.empty_label.text() == "No applications yet"
        assert page.deadlines_card.empty_label.text() == "Nothing is due within 30 days"
        # a chart-sized blank box is not kept for nothing
        assert page.status_card.chart_stack.height() < 200
    finally:
        opened.dispose()


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_few_applications_chart_with_whole_number_axes(qtbot, runner, db, db_url,
                                                         count) -> None:
    from .conftest import add_sample_applications

    add_sample_applications(db, count)
    page, opened = dashboard_of(qtbot, runner, db_url)
    try:
        assert page.total_tile.number_label.text() == str(count)
        for card in (page.status_card, page.regulator_card):
            assert not card.is_empty and card.view.isVisible()
            labels = axis_labels(card)
            assert labels[0] == "0" and len(set(labels)) == len(labels)
            assert labels == ["0", "1", "2", "3", "4"]  # one application: not a full bar
        regulator = page.regulator_card
        bars = regulator.bar_sets[0]
        assert [int(bars.at(n)) for n in range(bars.count())] == \
            [int(r[1]) for r in regulator.data.rows[:-1]]
    finally:
        opened.dispose()
