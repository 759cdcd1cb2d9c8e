"""The wizard's documents page marks an unsafe attachment with the reason; "Accept…" asks
for a note, records the acceptance and the file no longer blocks the packet."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.gui.wizard.page_documents import SAFETY_COLUMN, DocumentsPage
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.output.attachments import attach, list_attachments
from licenseapp.store.models import Application, AuditEntry

SHOTS = Path("/tmp/shots")


def _shot(name: str) -> None:
    """The whole screen (the wizard and its dialog), when LICENSEAPP_SHOTS is set."""
    if os.environ.get("LICENSEAPP_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(SHOTS / f"{name}.png"))


def _pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('hi');")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def demo_db(db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    return db


def test_an_unsafe_file_is_marked_and_accepted_with_a_note(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as s:
        ref = s.execute(select(Application.ref).where(Application.status == "draft")
                        .order_by(Application.ref)).scalars().first()
    unsafe = attach(demo_db, ref, _pdf_with_javascript(), "other",
                    file_name="scan\u202efdp.exe.pdf", actor="alice")
    wizard = DraftWizard(demo_db, runner, today=DEMO_TODAY, form=load_draft(demo_db, ref))
    qtbot.addWidget(wizard)
    wizard.resize(1300, 780)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.choices is not None)
    try:
        docs = next(wizard.page(i) for i in wizard.pageIds()
                    if isinstance(wizard.page(i), DocumentsPage))
        assert isinstance(docs, DocumentsPage)
        for _ in range(12):
            if wizard.currentPage() is docs:
                break
            current = wizard.currentId()
            wizard.next()
            qtbot.waitUntil(lambda c=current: wizard.currentId() != c and not wizard.busy,
                            timeout=10_000)
        assert wizard.currentPage() is docs
        qtbot.waitUntil(lambda: any(a.id == unsafe.id for a in docs.attachments),
                        timeout=10_000)
        row = next(i for i, a in enumerate(docs.attachments) if a.id == unsafe.id)
        shown = docs.table.item(row, 1).text()
        assert shown == "scan[U+202E]fdp.exe.pdf" and "\u202e" not in shown
        safety = docs.table.item(row, SAFETY_COLUMN).text()
        assert safety.startswith("⚠ Unsafe") and "JavaScript" in safety
        assert not docs.accept_button.isEnabled()
        docs.table.selectRow(row)
        assert docs.accept_button.isEnabled()
        qtbot.waitUntil(lambda: any("is unsafe" in t for t in docs.findings.texts()),
                        timeout=10_000)
        qtbot.wait(300)
        _shot("unsafe_attachment_1_marked")
        docs.accept_button.click()
        dialog = docs.accept_dialog
        assert isinstance(dialog, ReasonDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert "JavaScript" in dialog.question.text()
        dialog.reason_edit.setText("opened in a sandbox; the script only shows a message")
        qtbot.wait(200)
        _shot("unsafe_attachment_2_accept_dialog")
        dialog.action_button.click()
        qtbot.waitUntil(lambda: "Accepted" in docs.status.text(), timeout=10_000)
        qtbot.waitUntil(lambda: docs.table.item(row, SAFETY_COLUMN) is not None
                        and docs.table.item(row, SAFETY_COLUMN).text().startswith("Accepted by"),
                        timeout=10_000)
        qtbot.waitUntil(lambda: not any("is unsafe" in t for t in docs.findings.texts()),
                        timeout=10_000)
        qtbot.wait(300)
        _shot("unsafe_attachment_3_accepted")
        [view] = [a for a in list_attachments(demo_db, ref) if a.id == unsafe.id]
        assert not view.blocks and view.accepted_by
        with demo_db.reading() as s:
            entry = s.execute(select(AuditEntry).where(AuditEntry.action == "accept")
                              ).scalar_one()
        assert "sandbox" in entry.summary
    finally:
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
        if shiboken6.isValid(wizard):
            wizard.hide()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
