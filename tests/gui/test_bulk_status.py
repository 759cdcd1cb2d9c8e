"""Application › Change status of selected… (Ctrl+Shift+B): three applications selected with
clicks, one status chosen by keyboard, two changed and one refused by the lifecycle, each
through the single-change service (history and audit), the list brought up to date."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from sqlalchemy import select

from licenseapp.domain.bulk_status import SelectedApplication, bulk_targets
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.gui.applications.model import ApplicationColumn
from licenseapp.gui.main_window import MainWindow
from licenseapp.services.follow_up.bulk_status import change_statuses
from licenseapp.store.models import Application, AuditEntry, StatusEvent

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")

DRAFT, SUBMITTED, DENIED = "LA-2026-0001", "LA-2026-0002", "LA-2026-0006"


def _click_ref(qtbot, win: MainWindow, ref: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    proxy, table = win.applications.proxy, win.applications.table
    row = next(r for r in range(proxy.rowCount())
               if proxy.index(r, ApplicationColumn.REF).data() == ref)
    rect = table.visualRect(proxy.index(row, ApplicationColumn.STATUS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _status_in_list(win: MainWindow, ref: str) -> str:
    proxy = win.applications.proxy
    row = next(r for r in range(proxy.rowCount())
               if proxy.index(r, ApplicationColumn.REF).data() == ref)
    return str(proxy.index(row, ApplicationColumn.STATUS).data())


def test_three_selected_two_changed_one_refused(qtbot, window, db, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0, timeout=30_000)
    window.show_page(window.applications)
    action = window.bulk_status.action
    assert not action.isEnabled()
    _click_ref(qtbot, window, DRAFT)
    for ref in (SUBMITTED, DENIED):
        _click_ref(qtbot, window, ref, Qt.KeyboardModifier.ControlModifier)
    assert action.isEnabled() and "3 selected" in action.statusTip()

    QTest.keySequence(window, QKeySequence("Ctrl+Shift+B"))
    dialog = window.bulk_status.dialog
    assert dialog is not None and dialog.isVisible()
    assert [r.ref for r in dialog.rows] == sorted([DRAFT, SUBMITTED, DENIED], reverse=True)
    assert not dialog.change_button.isEnabled()  # nothing chosen yet: no default status
    combo = dialog.status_combo
    qtbot.waitUntil(combo.hasFocus)  # typing goes to the status first
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Withdrawn — 2 of 3" in labels
    while combo.currentText() != "Withdrawn — 2 of 3":
        QTest.keyClick(combo, Qt.Key.Key_Down)
    outcome_texts = {dialog.rows[n].ref: dialog.table.topLevelItem(n).text(2)
                     for n in range(len(dialog.rows))}
    assert outcome_texts[DENIED] == "Stays: denied cannot become withdrawn (BIS lifecycle)"
    assert outcome_texts[DRAFT] == outcome_texts[SUBMITTED] == "Becomes withdrawn"
    assert dialog.change_button.text() == "&Change 2"
    QTest.keyClicks(dialog.note_edit, "Programme stopped by the board")

    with qtbot.waitSignal(dialog.finishedChanges, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert outcome.summary() == "2 changed, 1 refused"
    assert [r.ref for r in outcome.changed] == [SUBMITTED, DRAFT]
    assert [ref for ref, _why in outcome.refused] == [DENIED]
    assert "cannot become withdrawn" in outcome.refused[0][1]
    assert "2 changed, 1 refused" in dialog.heading.text()
    assert dialog.table.topLevelItem(0).text(2).startswith("Refused: An application that is "
                                                           "denied cannot become withdrawn")

    with db.reading() as s:
        statuses = dict(s.execute(select(Application.ref, Application.status)).all())
        events = s.execute(select(Application.ref, StatusEvent.note).join(
            Application, Application.id == StatusEvent.application_id).where(
            StatusEvent.to_status == "withdrawn")).all()
        audited = s.execute(select(AuditEntry.entity_id).where(
            AuditEntry.action == "status", AuditEntry.summary == "draft → withdrawn")).all()
    assert statuses[DRAFT] == statuses[SUBMITTED] == "withdrawn"
    assert statuses[DENIED] == "denied"
    assert sorted(events) == [(DRAFT, "Programme stopped by the board"),
                              (SUBMITTED, "Programme stopped by the board")]
    assert [a for (a,) in audited] == [DRAFT]
    qtbot.waitUntil(lambda: _status_in_list(window, DRAFT) == "Withdrawn", timeout=10_000)
    assert _status_in_list(window, SUBMITTED) == "Withdrawn"
    assert _status_in_list(window, DENIED) == "Denied"
    assert dialog.status_label.text().startswith(f"Refused, {DENIED}: An application that is")
    assert not dialog.change_button.isVisible()
    qtbot.wait(100)  # the layout settles around the longer text before the click
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.bulk_status.dialog is None)


def test_cancel_stops_before_the_next_application(db, sample_db_url) -> None:
    stop = threading.Event()
    seen: list[str] = []

    def progress(done: int, total: int, ref: str) -> None:
        seen.append(ref)
        if done == 1:
            stop.set()  # the user pressed Cancel while the second one was changing

    outcome = change_statuses(db, [DRAFT, SUBMITTED, DENIED], "withdrawn",
                              progress=progress, cancelled=stop.is_set)
    assert [r.ref for r in outcome.changed] == [DRAFT, SUBMITTED]
    assert outcome.not_tried == (DENIED,) and outcome.cancelled
    assert outcome.summary() == "2 changed, 0 refused, 1 not tried (cancelled)"
    assert seen == [DRAFT, SUBMITTED]


def test_statuses_needing_values_of_their_own_are_not_offered() -> None:
    selected = [SelectedApplication("A", "BIS", "registered", True),
                SelectedApplication("B", "BIS", "registered", True)]
    offered = {t.status for t in bulk_targets(selected)}
    assert ApplicationStatus.APPROVED not in offered  # each needs its own license number
    assert ApplicationStatus.INFO_REQUESTED in offered
    unregistered = [SelectedApplication("A", "BIS", "submitted", True),
                    SelectedApplication("B", "BIS", "submitted", False)]
    registered = next(t for t in bulk_targets(unregistered)
                      if t.status is ApplicationStatus.REGISTERED)
    assert registered.able == ("A",)
    assert "needs" in registered.unable["B"] and "on its own" in registered.unable["B"]
