"""Application › Checklist… shows the findings of ``licenseapp check`` for any application,
a filed one too; Application › Supporting documents… opens a read-only copy of the exact
stored bytes with the system viewer (recorded here, never launched), asking first for a
file flagged unsafe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from factories import make_application
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from licenseapp.domain.counted import counted
from licenseapp.gui.safety.attachment_opener import remove_copies, session_folder
from licenseapp.gui.wizard.findings_panel import finding_text
from licenseapp.services.output.attachments import attach
from licenseapp.store.database import Database

from .test_backup_restore_dialogs import blank_pdf, opened, shot
from .test_day_one_gui import menu_action
from .test_main_window import select
from .test_wizard_unsafe_attachment import _pdf_with_javascript

FILED = "LA-2026-0002"
WAIT = 60_000


@pytest.fixture
def filed(db: Database) -> Database:
    make_application(db)
    make_application(db, FILED, status="submitted", given="Алексей", family="Смирнов",
                     native="Алексей Смирнов", citizenship="RU")
    return db


def show_application(qtbot, window, db_url: str, ref: str) -> None:  # type: ignore[no-untyped-def]
    opened(qtbot, window, db_url)
    select(qtbot, window, ref)
    qtbot.waitUntil(lambda: window.safety.checklist_action.isEnabled()
                    and window.details.detail is not None
                    and window.details.detail.row.ref == ref, timeout=WAIT)


def cli_findings(db_url: str, ref: str) -> list[dict[str, object]]:
    done = subprocess.run([sys.executable, "-m", "licenseapp", "check", ref, "--json",
                           "--db", db_url], capture_output=True, text=True, timeout=300,
                          env={**os.environ})
    assert "Traceback" not in done.stderr
    found = json.loads(done.stdout)
    assert isinstance(found, list)
    return found


def test_the_checklist_of_a_filed_application_is_what_the_cli_finds(
    qtbot, window, filed, db_url
) -> None:
    show_application(qtbot, window, db_url, FILED)
    menu_action(window, "&Application", "Chec&klist…").trigger()
    dialog = window.safety.checklist_dialog
    assert dialog is not None and dialog.windowTitle() == f"Checklist — {FILED}"
    qtbot.waitUntil(lambda: dialog.findings is not None, timeout=WAIT)
    expected = cli_findings(db_url, FILED)
    assert expected, "the sample application should have findings to compare"
    assert [f.to_json() for f in dialog.findings] == expected
    assert dialog.texts() == [finding_text(f) for f in dialog.findings]
    assert "Read-only: this application is submitted" in dialog.note_label.text()
    errors = sum(f["severity"] == "error" for f in expected)
    assert f"{counted(errors, 'error')}, " in dialog.verdict_label.text()
    assert "(s)" not in dialog.verdict_label.text()
    assert dialog.panel.heading.isHidden()  # no "go to its field": nothing is edited here
    assert "go to" not in dialog.panel.list.item(0).toolTip()
    shot(dialog, "checklist-filed")
    qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    assert dialog.running
    qtbot.waitUntil(lambda: dialog.findings is not None, timeout=WAIT)
    assert [f.to_json() for f in dialog.findings] == expected


def test_the_checklist_needs_an_application(qtbot, window, filed, db_url) -> None:
    opened(qtbot, window, db_url)
    assert not window.safety.checklist_action.isEnabled()
    assert window.safety.checklist_action.statusTip() == "Select an application first"
    assert not window.safety.documents_action.isEnabled()


def test_supporting_documents_open_a_copy_of_the_stored_bytes(qtbot, window, filed,
                                                              db_url) -> None:
    safe, unsafe = blank_pdf(), _pdf_with_javascript()
    attach(filed, FILED, safe, "passport", file_name="passport.pdf")
    attach(filed, FILED, unsafe, "other", file_name="scan.pdf")
    opened_urls: list[QUrl] = []
    window.safety.open_url = lambda url: opened_urls.append(url) or True
    show_application(qtbot, window, db_url, FILED)
    menu_action(window, "&Application", "Supporting &documents…").trigger()
    dialog = window.safety.documents_dialog
    qtbot.waitUntil(lambda: dialog.attachments is not None, timeout=WAIT)
    names = [a.shown_name for a in dialog.attachments]
    assert sorted(names) == ["passport.pdf", "scan.pdf"]
    assert "1 flagged unsafe" in dialog.status_label.text()
    shot(dialog, "documents")

    table = dialog.table
    table.setFocus()
    table.setCurrentCell(names.index("passport.pdf"), 0)
    QTest.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(opened_urls) == 1, timeout=WAIT)
    copy = Path(opened_urls[0].toLocalFile())
    assert copy.read_bytes() == safe and copy.name == "passport.pdf"
    assert not os.access(copy, os.W_OK) or os.geteuid() == 0
    assert oct(copy.stat().st_mode & 0o777) == "0o400"
    assert "Opened a read-only copy" in dialog.status_label.text()

    table.setCurrentCell(names.index("scan.pdf"), 0)
    QTest.keyClick(table, Qt.Key.Key_Return)
    box = dialog.opener.question_box
    assert isinstance(box, QMessageBox) and "flagged unsafe" in box.text()
    shot(box, "documents-unsafe-question")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.opener.question_box is None)
    QTest.qWait(50)
    assert len(opened_urls) == 1  # cancelled: nothing written, nothing opened

    QTest.keyClick(table, Qt.Key.Key_Return)
    box = dialog.opener.question_box
    anyway = next(b for b in box.buttons() if b.text() == "&Open anyway")
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened_urls) == 2, timeout=WAIT)
    assert Path(opened_urls[1].toLocalFile()).read_bytes() == unsafe
    folder = session_folder()
    assert copy.parent.parent == folder and folder.stat().st_mode & 0o777 == 0o700
    remove_copies()
    assert not folder.exists()


def test_a_finding_of_a_draft_opens_the_wizard_at_its_page(qtbot, window, filed,
                                                           db_url) -> None:
    from licenseapp.gui.wizard.finding_places import PagePlace, place_of

    show_application(qtbot, window, db_url, "LA-2026-0001")
    menu_action(window, "&Application", "Chec&klist…").trigger()
    dialog = window.safety.checklist_dialog
    qtbot.waitUntil(lambda: dialog.findings is not None, timeout=WAIT)
    assert dialog.editable and "opens the draft in the wizard" in dialog.note_label.text()
    assert re.search(r"\d+ errors?, \d+ warnings?:", dialog.verdict_label.text())
    assert dialog.verdict_label.isVisible()
    row, place = next((n, place_of(f.target.field)) for n, f in enumerate(dialog.findings)
                      if isinstance(place_of(f.target.field), PagePlace))
    shot(dialog, "checklist-draft")
    dialog.panel.list.setFocus()
    dialog.panel.list.setCurrentRow(row)
    QTest.keyClick(dialog.panel.list, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.drafting.wizard is not None
                    and window.drafting.wizard.isVisible(), timeout=WAIT)
    wizard = window.drafting.wizard
    assert wizard.form.ref == "LA-2026-0001"
    assert not isinstance(wizard.page(wizard.startId()), place.page)  # it had to go there
    qtbot.waitUntil(lambda: isinstance(wizard.currentPage(), place.page), timeout=WAIT)
    qtbot.waitUntil(lambda: window._runner.pending == 0, timeout=WAIT)
    wizard.reject()
