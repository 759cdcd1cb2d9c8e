"""The application details pane tells open deadlines from those the team dealt with: a
deadline marked done leaves the open list and is shown apart, with who, when and the note;
a snoozed one says until when. On a real database, through the deadlines screen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_application, make_license
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from licenseapp.gui.applications.detail_html import render_detail
from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
from licenseapp.services.dto import ApplicationDetail, DeadlineView
from licenseapp.services.follow_up.deadline_completion import snooze_deadline

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# The page's clock, a few days off the real one: the details pane must count from the page's
# clock (it once used the real date, and a run that crossed midnight saw 12 days, not 11).
TODAY = date.today() + timedelta(days=3)
EXPIRES = TODAY + timedelta(days=49)  # renewal due 11 days ago: overdue


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def page(qtbot, runner, db):
    app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
    make_license(db, app_id, "D1200001", issued_on=TODAY - timedelta(days=1000),
                 expires_on=EXPIRES)
    p = DeadlinesPage(runner, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1100, 600)
    p.show()
    p.set_database(db)
    qtbot.waitUntil(lambda: p.counts is not None)
    return p


def _sections(text: str) -> tuple[str, str]:
    """The pane's open deadlines and its done ones, as text."""
    deadlines = text.split("Deadlines", 1)[1].split("Status history", 1)[0]
    pending, _, done = deadlines.partition("Done (")
    return pending, done


def _shown(qtbot, page: DeadlinesPage, key: str) -> tuple[str, str]:
    assert page.select_deadline(key)
    qtbot.waitUntil(lambda: page.details.detail is not None
                    and page.details.current_ref == "LA-2026-0001", timeout=10_000)
    return _sections(page.details.plain_text())


def test_marking_done_moves_the_deadline_out_of_the_open_list(qtbot, page) -> None:
    pending, done = _shown(qtbot, page, "renewal:D1200001")
    assert "File the renewal of license D1200001" in pending
    assert "11 days overdue" in pending
    assert "License D1200001 expires" in pending
    assert done == ""

    page.done_button.click()
    qtbot.waitUntil(lambda: page.marker.dialog is not None and page.marker.dialog.isVisible())
    dialog = page.marker.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.note_edit, "Renewal filed in SNAP-R")
    with qtbot.waitSignal(page.details.detailShown, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "Done (" in page.details.plain_text(), timeout=10_000)

    pending, done = _sections(page.details.plain_text())
    assert "File the renewal" not in pending
    assert "License D1200001 expires" in pending  # still open
    assert "File the renewal of license D1200001" in done
    assert "by tester" in done and "Renewal filed in SNAP-R" in done
    states = {d.key: d.state for d in page.details.detail.deadlines}
    assert states == {"renewal:D1200001": "done", "expiry:D1200001": "open"}


def test_a_snoozed_deadline_says_until_when(qtbot, page, db) -> None:
    until = TODAY + timedelta(days=5)
    snooze_deadline(db, "renewal:D1200001", until, note="Waiting for HR")
    page.reload()
    qtbot.waitUntil(lambda: page.counts is not None and page.counts.overdue == 0)
    page.include_done_check.setChecked(True)  # a snoozed one is off the list until then
    pending, done = _shown(qtbot, page, "renewal:D1200001")
    assert f"snoozed until {until.isoformat()}" in pending
    assert "File the renewal of license D1200001" in pending and "Waiting for HR" in pending
    assert "overdue" not in pending and done == ""


def _detail(make_row, *deadlines: DeadlineView) -> ApplicationDetail:
    return ApplicationDetail(
        row=make_row(0), organization="Northwind", person=None, items=(), parties=(),
        events=(), license=None, end_use="", justification="", additional_info="",
        ruleset_id=None, resubmission_of=None, deadlines=deadlines)


def test_done_ones_are_listed_apart_with_who_when_and_the_note(make_row) -> None:
    moment = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
    html = render_detail(_detail(
        make_row,
        DeadlineView("license_renewal", date(2026, 11, 16), "LA-2026-0001: file the renewal",
                     "LA-2026-0001", "renewal:D1", "done", moment, "alice", None,
                     "<filed> & confirmed"),
        DeadlineView("license_expiry", date(2027, 1, 15), "LA-2026-0001: license expires",
                     "LA-2026-0001", "expiry:D1"),
    ), today=date(2026, 11, 27))
    pending, done = html.split("<b>Done</b>")
    assert "License expires" in pending and "File the renewal" not in pending
    assert "File the renewal" in done and "by alice" in done
    assert moment.astimezone().strftime("%Y-%m-%d %H:%M") in done
    assert "&lt;filed&gt; &amp; confirmed" in done  # the note is the user's text: escaped


def test_nothing_open_but_something_done(make_row) -> None:
    html = render_detail(_detail(
        make_row,
        DeadlineView("appeal_window", date(2026, 3, 1), "LA-2026-0001: last day to appeal",
                     "LA-2026-0001", "appeal:LA-2026-0001", "done",
                     datetime(2026, 2, 20, 9, tzinfo=UTC), "bob"),
    ), today=date(2026, 3, 4))
    assert "Nothing due." in html and "(1)" in html and "overdue" not in html


def test_the_applications_screen_shows_a_deadline_marked_on_the_deadlines_screen(
        qtbot, runner, db, db_url) -> None:
    from licenseapp.gui.main_window import MainWindow

    app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
    make_license(db, app_id, "D1200001", issued_on=TODAY - timedelta(days=1000),
                 expires_on=EXPIRES)
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded, timeout=10_000)
    window.show_application("LA-2026-0001")
    details = window.details
    qtbot.waitUntil(lambda: details.detail is not None
                    and details.current_ref == "LA-2026-0001", timeout=10_000)
    assert _sections(details.plain_text())[1] == ""

    page = window.deadlines
    window.show_page(page)
    qtbot.waitUntil(lambda: page.counts is not None, timeout=10_000)
    assert page.select_deadline("renewal:D1200001")
    page.done_button.click()
    qtbot.waitUntil(lambda: page.marker.dialog is not None and page.marker.dialog.isVisible())
    dialog = page.marker.dialog
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    # Without going back to the application, its details pane already lists it as done.
    qtbot.waitUntil(lambda: "File the renewal" in _sections(details.plain_text())[1],
                    timeout=10_000)
    window.close()
