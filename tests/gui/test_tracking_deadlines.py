"""The deadlines screen: most urgent first, overdue said in words, filters, calendar export."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.tracking.deadlines_model import (
    DAYS_LEFT_ROLE,
    REF_ROLE,
    DeadlineColumn,
    DeadlinesFilterProxy,
    DeadlinesTableModel,
)
from licenseapp.gui.tracking.deadlines_page import DeadlinesPage

from .conftest import add_sample_applications

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _deadline(n: int, days: int, kind: str = "license_expiry", ref: str = "") -> Deadline:
    ref = ref or f"LA-2026-{n:04d}"
    return Deadline(f"k{n}", kind, TODAY + timedelta(days=days), f"{ref}: thing {n}", ref)


SAMPLE = [
    _deadline(1, 40),
    _deadline(2, -3, "intent_to_deny_response"),
    _deadline(3, 0, "info_request_due"),
    _deadline(4, 5, "license_renewal"),
    _deadline(5, -12, "appeal_window"),
    _deadline(6, 200, "visa_expiry"),
]


@pytest.fixture
def model(qapp):
    from licenseapp.gui.theme import apply_theme

    apply_theme(qapp, "light")  # the colours asserted are the light look's, run alone too
    m = DeadlinesTableModel(today=TODAY)
    m.set_deadlines(SAMPLE)
    return m


def _column(model, column: DeadlineColumn, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def test_model_and_proxy_pass_the_qt_model_tester(qtmodeltester, model) -> None:
    qtmodeltester.check(model, force_py=True)
    proxy = DeadlinesFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_within_days(30)
    qtmodeltester.check(proxy, force_py=True)


def test_most_urgent_first_with_days_left_in_words(model) -> None:
    assert _column(model, DeadlineColumn.APPLICATION) == [
        "LA-2026-0005", "LA-2026-0002", "LA-2026-0003", "LA-2026-0004", "LA-2026-0001",
        "LA-2026-0006"]
    assert _column(model, DeadlineColumn.DAYS_LEFT) == [
        "12 days overdue", "3 days overdue", "due today", "in 5 days", "in 40 days",
        "in 200 days"]
    assert _column(model, DeadlineColumn.DAYS_LEFT, DAYS_LEFT_ROLE) == [-12, -3, 0, 5, 40, 200]
    assert _column(model, DeadlineColumn.KIND)[:2] == ["Appeal window", "Intent-to-deny response"]
    assert _column(model, DeadlineColumn.WHAT)[0] == "Thing 5"  # the reference has its own column


def test_overdue_is_red_and_bold_and_says_overdue(model) -> None:
    overdue = model.index(0, DeadlineColumn.DAYS_LEFT)
    assert "overdue" in overdue.data()
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    later = model.index(5, DeadlineColumn.DAYS_LEFT)
    assert later.data(Qt.ItemDataRole.ForegroundRole) is None


def test_sorting_by_another_column_and_back_to_urgency(model) -> None:
    model.sort(DeadlineColumn.KIND, Qt.SortOrder.AscendingOrder)
    assert _column(model, DeadlineColumn.KIND)[0] == "Appeal window"
    assert _column(model, DeadlineColumn.KIND)[-1] == "Visa expiry"
    model.sort(DeadlineColumn.DUE, Qt.SortOrder.DescendingOrder)
    assert _column(model, DeadlineColumn.DAYS_LEFT, DAYS_LEFT_ROLE) == [200, 40, 5, 0, -3, -12]
    model.sort(DeadlineColumn.DAYS_LEFT, Qt.SortOrder.AscendingOrder)
    assert _column(model, DeadlineColumn.DAYS_LEFT, DAYS_LEFT_ROLE) == [-12, -3, 0, 5, 40, 200]


def test_filters_by_kind_and_horizon_keep_overdue(model) -> None:
    proxy = DeadlinesFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_within_days(7)
    assert [d.key for d in proxy.shown()] == ["k5", "k2", "k3", "k4"]
    proxy.set_kind("license_expiry")
    assert proxy.shown() == []
    proxy.set_within_days(60)
    assert [d.key for d in proxy.shown()] == ["k1"]
    proxy.set_kind(None)
    proxy.set_within_days(None)
    assert proxy.rowCount() == len(SAMPLE)


@pytest.fixture
def page(qtbot, runner, db):
    add_sample_applications(db)
    p = DeadlinesPage(runner, today=lambda: date(2026, 1, 20))  # an RFI and an appeal due
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.show()
    p.set_database(db)
    qtbot.waitUntil(lambda: p.counts is not None)
    return p


def _unfold(text: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def test_ics_export_writes_a_calendar_of_what_is_shown(qtbot, page, tmp_path) -> None:
    assert page.model.rowCount() > 0
    page.within_spin.setValue(365)
    shown = page.proxy.rowCount()
    target = tmp_path / "deadlines.ics"
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        page.export_ics(str(target))
    assert said.args == [f"Exported {shown} deadline{'s' if shown != 1 else ''} to deadlines.ics."]
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = _unfold(raw.decode("utf-8"))
    assert all(len(line.encode()) <= 75 for line in raw.decode().split("\r\n"))
    stack: list[str] = []
    for line in lines[:-1]:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            assert stack.pop() == value
    assert stack == []
    events = [n for n, line in enumerate(lines) if line == "BEGIN:VEVENT"]
    assert len(events) == shown
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == shown
    assert sum(line.startswith("DTSTART;VALUE=DATE:") for line in lines) == shown
    import icalendar

    calendar = icalendar.Calendar.from_ical(raw)
    assert len(calendar.walk("VEVENT")) == shown


def test_export_of_a_filtered_view_writes_only_those(qtbot, page, tmp_path) -> None:
    page.within_spin.setValue(365)
    kinds = {page.kind_combo.itemData(i) for i in range(1, page.kind_combo.count())}
    assert len(kinds) > 1
    page.kind_combo.setCurrentIndex(1)
    kind = page.kind_combo.currentData()
    target = tmp_path / "one-kind.ics"
    with qtbot.waitSignal(page.message, timeout=10_000):
        page.export_ics(str(target))
    text = target.read_bytes().decode("utf-8")
    assert text.count("BEGIN:VEVENT") == page.proxy.rowCount() > 0
    assert text.count(f"CATEGORIES:{kind}\r\n") == page.proxy.rowCount()
    assert not any(f"CATEGORIES:{other}\r\n" in text for other in kinds - {kind})


def test_an_export_that_cannot_be_written_is_told(qtbot, page, tmp_path) -> None:
    from licenseapp.errors import LicenseAppError

    with qtbot.waitSignal(page.loadFailed, timeout=10_000) as failed:
        page.export_ics(str(tmp_path / "no" / "such" / "folder" / "x.ics"))
    assert isinstance(failed.args[0], LicenseAppError)
    assert "does not exist" in failed.args[0].message
    assert page.export_button.isEnabled()


def test_selecting_shows_the_application_and_double_click_asks_to_open_it(qtbot, page) -> None:
    page.table.selectRow(0)
    ref = page.proxy.index(0, 0).data(REF_ROLE)
    qtbot.waitUntil(lambda: page.details.detail is not None)
    assert page.details.detail.row.ref == ref
    rect = page.table.visualRect(page.proxy.index(0, DeadlineColumn.WHAT))
    with qtbot.waitSignal(page.applicationRequested) as asked:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [ref]


def test_what_is_due_this_week_is_in_the_status_bar_at_start(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.due_label.text() != "")
    counts = window.deadlines.counts
    assert counts is not None
    text = window.due_label.text()
    if counts.overdue:
        assert f"{counts.overdue} overdue" in text
    if counts.due_this_week:
        assert f"{counts.due_this_week} due this week" in text
    if not (counts.overdue or counts.due_this_week):
        assert text == "Nothing due this week"


def test_ctrl_3_and_a_double_click_jump_to_the_application(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded and window.deadlines.counts is not None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.deadlines
    page = window.deadlines
    page.within_spin.setValue(365)
    assert page.proxy.rowCount() > 0
    ref = page.proxy.index(0, 0).data(REF_ROLE)
    page.applicationRequested.emit(ref)
    assert window.pages.currentWidget() is window.applications
    assert window.applications.selected_ref() == ref


def test_the_renewal_window_setting_moves_the_renewal_deadline(qtbot, runner, db) -> None:
    from licenseapp.services.team_settings import change_team_setting

    add_sample_applications(db)  # one license, expiring 2030-01-31
    page = DeadlinesPage(runner, today=lambda: date(2029, 11, 1))
    qtbot.addWidget(page)
    page.set_database(db)
    assert page.counts is None  # not computed while nobody looks
    page.show()
    qtbot.waitUntil(lambda: page.counts is not None)
    renewal = [d for d in page.model.deadlines() if d.kind == "license_renewal"]
    assert [d.due_on for d in renewal] == [date(2029, 12, 2)]  # 60 days before
    change_team_setting(db, "renewal_window_days", 90)  # the team's, in the database
    page.counts = None
    page.reload()
    qtbot.waitUntil(lambda: page.counts is not None)
    renewal = [d for d in page.model.deadlines() if d.kind == "license_renewal"]
    assert [d.due_on for d in renewal] == [date(2029, 11, 2)]
