"""The dashboard shows at once with "Counting…" in its cards, and draws each card's chart when
its numbers arrive, a step at a time: the window is never frozen while five charts are made.
Once drawn, every chart and table says the numbers of the database."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import QSettings

from licenseapp.services.follow_up.dashboard import dashboard_summary

from .conftest import add_sample_applications

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def page(qtbot, runner):  # type: ignore[no-untyped-def]
    from licenseapp.gui.dashboard.page import DashboardPage

    shown = DashboardPage(runner)
    qtbot.addWidget(shown)
    shown.resize(1100, 900)
    shown.show()
    return shown


def _cards(page):  # type: ignore[no-untyped-def]
    return (page.status_card, page.regulator_card, page.ageing_card, page.decision_card,
            page.deadlines_card)


def test_the_page_shows_counting_until_the_numbers_arrive(qtbot, page, db) -> None:  # type: ignore[no-untyped-def]
    add_sample_applications(db, 9)
    for card in _cards(page):
        assert card.placeholder.isVisible() and card.placeholder.text() == "Counting…"
        assert not card.parts_made and not card.chart_made
    page._loaded(dashboard_summary(db))  # the numbers arrive: nothing drawn yet
    assert not any(card.chart_made for card in _cards(page))
    assert page.total_tile.number_label.text() == "9"  # the tiles at once
    qtbot.waitUntil(lambda: all(card.chart_made for card in _cards(page)[:4]), timeout=5_000)
    assert not page.deadlines_card.chart_made  # its numbers come from the deadlines screen
    assert not page.is_drawn


def test_each_chart_shows_the_numbers_of_the_database(qtbot, runner, page, db) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
    from licenseapp.services.drafts.applications import list_applications

    add_sample_applications(db, 14)
    # when the sample license's first anniversary report is due within 30 days
    deadlines = DeadlinesPage(runner, today=lambda: date(2027, 1, 15))
    qtbot.addWidget(deadlines)
    deadlines.countsChanged.connect(page.set_deadline_counts)
    page.set_database(db)
    deadlines.set_database(db)
    deadlines.reload()
    qtbot.waitUntil(lambda: page.is_drawn, timeout=10_000)

    rows = list_applications(db)
    by_pair = Counter((r.status, r.regulator) for r in rows)
    by_regulator = Counter(r.regulator for r in rows)
    summary = page.summary
    assert summary is not None
    for card in _cards(page):
        assert card.chart_made and not card.placeholder.isVisible()
        assert card.view.isVisible() or card.is_empty
    status_sets = page.status_card.bar_sets  # one set a regulator, one bar a status
    assert [s.label() for s in status_sets] == list(summary.regulators)
    statuses = [s.status for s in summary.by_status]
    assert set(statuses) == {status for status, _ in by_pair}
    for n, regulator in enumerate(summary.regulators):
        drawn = status_sets[n]
        bars = [drawn.at(i) for i in range(drawn.count())][::-1]  # drawn bottom-up
        assert bars == [by_pair[status, regulator] for status in statuses], regulator
    regulator_bars = page.regulator_card.bar_sets[0]
    assert [regulator_bars.at(i) for i in range(regulator_bars.count())] == [
        by_regulator[r] for r in summary.regulators]
    table = page.regulator_card.table
    assert table.item(table.rowCount() - 1, 1).text() == f"{len(rows):,}"  # the total row
    assert page.total_tile.number_label.text() == f"{len(rows):,}"
    counts = deadlines.counts
    assert counts is not None and counts.by_kind
    due = page.deadlines_card.bar_sets[0]
    assert [int(due.at(i)) for i in range(due.count())][::-1] == [n for _, n in counts.by_kind]
