"""Application › Audit history… and File › Verify database… as a user sees them."""

from __future__ import annotations

import pytest
from factories import make_application
from sqlalchemy import text

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.gui.audit.history import local_moment
from licenseapp.gui.main_window import MainWindow
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.services.output import attachments
from licenseapp.store.database import Database
from licenseapp.store.models import PersonDocument

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

PASSPORT = "XK7731945"


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def window(qtbot, runner, errors):
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()
    assert errors == []


@pytest.fixture
def audited(db: Database, db_url: str) -> str:
    make_application(db)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad", native="ليلى حداد",
                     citizenship="JO")
    with db.unit_of_work() as s:
        s.add(PersonDocument(person_id=1, kind="passport", number=PASSPORT,
                             issuing_country="CN"))
    change_status(db, StatusChange("LA-2026-0001", S.INTERNAL_REVIEW, note="Legal review"),
                  actor="mchen")
    return db_url


def _open(qtbot, window: MainWindow, db_url: str, ref: str = "LA-2026-0001") -> None:
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() == 2)
    window.show_application(ref)
    qtbot.waitUntil(lambda: window.audit.history_action.isEnabled()
                    and window.details.current_ref == ref)


def _history(qtbot, window: MainWindow):
    window.audit.history_action.trigger()
    dialog = window.audit.history_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def test_the_audit_history_shows_a_status_change(qtbot, window, audited, db) -> None:
    assert not window.audit.history_action.isEnabled()  # nothing open, nothing selected
    _open(qtbot, window, audited)
    dialog = _history(qtbot, window)
    assert dialog.title_label.text() == "LA-2026-0001 — Wei Zhang (张伟)"
    ((when, who, action, changed),) = dialog.visible_rows()
    entry = dialog.model.entry(0)
    assert when == local_moment(entry.occurred_at)  # local time, from the stored UTC
    assert (who, action) == ("mchen", "Status changed")
    assert changed.splitlines() == ["Status: Draft → Internal review", "Note: — → Legal review"]

    # A change recorded meanwhile shows up at once, newest first.
    result = change_status(db, StatusChange("LA-2026-0001", S.WITHDRAWN), actor="dpatel")
    window.operations.announce(result.changes)
    qtbot.waitUntil(lambda: len(dialog.visible_rows()) == 2)
    newest = dialog.visible_rows()[0]
    assert newest[1] == "dpatel"
    assert newest[3].splitlines()[0] == "Status: Internal review → Withdrawn"


def test_a_passport_number_is_masked(qtbot, window, audited, db) -> None:
    attachments.attach(db, "LA-2026-0001", b"%PDF-1.4\n%%EOF\n", "passport",
                       file_name=f"passport {PASSPORT}.pdf", actor="mchen")
    _open(qtbot, window, audited)
    dialog = _history(qtbot, window)
    rows = dialog.visible_rows()
    assert rows[0][2] == "Document attached\ndocument passport ••••••945.pdf"
    assert "File name: — → passport ••••••945.pdf" in rows[0][3]
    tips = [dialog.proxy.index(r, c).data(3) for r in range(len(rows)) for c in range(4)]
    assert all(PASSPORT not in cell for row in rows for cell in row)
    assert all(PASSPORT not in tip for tip in tips)


def test_an_application_without_entries_says_so(qtbot, window, audited) -> None:
    _open(qtbot, window, audited, "LA-2026-0002")
    dialog = _history(qtbot, window)
    assert dialog.visible_rows() == []
    assert "No audit entries are recorded for LA-2026-0002" in dialog.message_label.text()


def test_verify_database_says_ok_with_counts(qtbot, window, audited) -> None:
    _open(qtbot, window, audited)
    assert window.audit.verify_action in _file_menu_actions(window)
    window.audit.verify_action.trigger()
    dialog = window.audit.verify_dialog
    assert dialog is not None and dialog.running  # the check runs off the GUI thread
    assert dialog.busy.bar.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert not dialog.busy.isVisible()
    said = dialog.result_text()
    assert "The database is intact" in said
    assert "1 audit entry and 0 attachments" in said and "OK:" in said


def test_verify_database_names_a_row_changed_behind_the_apps_back(
    qtbot, window, audited, db
) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE applications SET end_use = 'changed' WHERE ref = 'LA-2026-0002'"))
    _open(qtbot, window, audited)
    window.audit.verify_action.trigger()
    dialog = window.audit.verify_dialog
    qtbot.waitUntil(lambda: dialog.report is not None)
    said = dialog.result_text()
    assert "Problem found:" in said
    assert "Application LA-2026-0002 (applications #2) was changed outside LicenseApp" in said
    assert dialog.findings_edit.isVisible()


def _file_menu_actions(window: MainWindow):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return menu.actions()


def test_the_history_action_is_in_the_application_menu(qtbot, window) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Application")
    assert window.audit.history_action in menu.actions()
    assert window.audit.history_action.shortcut().toString() == "Ctrl+Shift+H"


def test_verify_database_says_plainly_when_the_seal_key_is_missing(
    qtbot, window, audited, db
) -> None:
    from licenseapp.store import keys

    with db.reading() as s:
        path = keys.context(s).key_path
    assert path is not None
    path.unlink()
    _open(qtbot, window, audited)
    window.audit.verify_action.trigger()
    dialog = window.audit.verify_dialog
    qtbot.waitUntil(lambda: dialog.report is not None)
    said = dialog.result_text()
    assert "cannot be vouched for: the seal key is missing" in said
    assert "is missing, so the record seals and the audit chain cannot be checked" in said
