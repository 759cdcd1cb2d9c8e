"""Marking a deadline done or snoozing it from the deadlines list: the dialog, the row
leaving the list (and staying gone on reload), a snoozed one coming back, the audit entry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_application, make_license
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from licenseapp.gui.tracking.deadlines_model import KEY_ROLE, DeadlineColumn
from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
from licenseapp.store.models import AuditEntry

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = date(2026, 11, 27)
EXPIRES = date(2027, 1, 15)  # renewal due 2026-11-16: 11 days overdue


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def licensed(db):
    app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
    make_license(db, app_id, "D1200001", issued_on=date(2023, 1, 15), expires_on=EXPIRES)
    return db


def _open_page(qtbot, runner, db, today: date = TODAY) -> DeadlinesPage:
    page = DeadlinesPage(runner, today=lambda: today)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.set_database(db)
    qtbot.waitUntil(lambda: page.counts is not None)
    return page


def _keys(page: DeadlinesPage) -> list[str]:
    return [page.proxy.index(r, 0).data(KEY_ROLE) for r in range(page.proxy.rowCount())]


def _accept(qtbot, page: DeadlinesPage, note: str = "") -> None:
    qtbot.waitUntil(lambda: page.marker.dialog is not None and page.marker.dialog.isVisible())
    dialog = page.marker.dialog
    assert dialog is not None
    if note:
        qtbot.keyClicks(dialog.note_edit, note)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_done_from_the_button_leaves_the_list_and_stays_done(qtbot, runner, licensed) -> None:
    page = _open_page(qtbot, runner, licensed)
    assert _keys(page) == ["renewal:D1200001", "expiry:D1200001"]
    assert page.counts is not None and page.counts.overdue == 1
    assert not page.done_button.isEnabled()  # nothing selected yet
    assert page.select_deadline("renewal:D1200001")
    assert page.done_button.isEnabled() and page.snooze_button.isEnabled()
    page.done_button.click()
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        _accept(qtbot, page, "Renewal filed in SNAP-R")
    assert said.args[0].startswith("Marked done: File the renewal of license D1200001")
    qtbot.waitUntil(lambda: _keys(page) == ["expiry:D1200001"])
    qtbot.waitUntil(lambda: page.counts is not None and page.counts.overdue == 0)
    assert "1 done or snoozed not shown" in page.summary_label.text()

    with licensed.reading() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.entity == "deadline")).scalar_one()
    assert entry.action == "deadline_done" and entry.actor == "tester"
    assert "Renewal filed in SNAP-R" in entry.summary

    again = _open_page(qtbot, runner, licensed)  # a reload, as after restarting the app
    assert _keys(again) == ["expiry:D1200001"]
    again.include_done_check.setChecked(True)
    assert _keys(again) == ["renewal:D1200001", "expiry:D1200001"]
    done = again.proxy.index(0, DeadlineColumn.DAYS_LEFT)
    assert done.data().startswith("done ")
    assert "Renewal filed in SNAP-R" in done.data(Qt.ItemDataRole.ToolTipRole)
    again.select_deadline("renewal:D1200001")
    assert not again.done_button.isEnabled()
    assert again.marker.reopen_action.isEnabled()


def test_snooze_from_the_context_menu_hides_it_until_the_date(qtbot, runner, licensed) -> None:
    page = _open_page(qtbot, runner, licensed)
    page.select_deadline("renewal:D1200001")
    menu = page.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["&Mark done…", "&Snooze…", "&Reopen", "Open application LA-2026-0001"]
    assert not menu.actions()[2].isEnabled()  # reopen: nothing to reopen
    menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: page.marker.dialog is not None and page.marker.dialog.isVisible())
    dialog = page.marker.dialog
    assert dialog is not None
    assert dialog.until == TODAY + timedelta(days=7)
    dialog.until_edit.selectAll()
    qtbot.keyClicks(dialog.until_edit, "2026-11-27")  # today: refused, kept as typed
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "after today" in dialog.until_problem()
    assert dialog.until_edit.text() == "2026-11-27"
    dialog.until_edit.selectAll()
    qtbot.keyClicks(dialog.until_edit, "2026-12-04")
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        _accept(qtbot, page, "Waiting for HR")
    assert said.args[0].startswith("Snoozed until 2026-12-04")
    qtbot.waitUntil(lambda: _keys(page) == ["expiry:D1200001"])

    assert _keys(_open_page(qtbot, runner, licensed, date(2026, 12, 3))) == ["expiry:D1200001"]
    back = _open_page(qtbot, runner, licensed, date(2026, 12, 4))
    assert _keys(back) == ["renewal:D1200001", "expiry:D1200001"]
    assert back.counts is not None and back.counts.overdue == 1


def test_reopen_puts_a_done_deadline_back(qtbot, runner, licensed) -> None:
    from licenseapp.services.follow_up.deadline_completion import complete_deadline

    complete_deadline(licensed, "renewal:D1200001")
    page = _open_page(qtbot, runner, licensed)
    page.include_done_check.setChecked(True)
    page.select_deadline("renewal:D1200001")
    with qtbot.waitSignal(page.message, timeout=10_000):
        page.marker.reopen_action.trigger()
    page.include_done_check.setChecked(False)
    qtbot.waitUntil(lambda: _keys(page) == ["renewal:D1200001", "expiry:D1200001"])


def test_cancel_records_nothing(qtbot, runner, licensed) -> None:
    page = _open_page(qtbot, runner, licensed)
    page.select_deadline("expiry:D1200001")
    page.marker.done_action.trigger()
    qtbot.waitUntil(lambda: page.marker.dialog is not None and page.marker.dialog.isVisible())
    dialog = page.marker.dialog
    assert dialog is not None
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    with licensed.reading() as s:
        assert s.execute(select(AuditEntry).where(AuditEntry.entity == "deadline")).all() == []
    assert _keys(page) == ["renewal:D1200001", "expiry:D1200001"]
