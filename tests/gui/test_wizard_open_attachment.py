"""The wizard's documents page opens the selected file with the system viewer: a read-only
copy of the exact stored bytes (the viewer recorded here, never launched)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl
from sqlalchemy import select

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.gui.wizard.page_documents import DocumentsPage
from licenseapp.gui.wizard.pages import all_pages
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.output.attachments import attach
from licenseapp.store.models import Application

from .test_backup_restore_dialogs import blank_pdf


def test_open_on_the_documents_page_hands_a_copy_of_the_bytes_to_the_viewer(
    qtbot, db, runner
) -> None:
    generate_demo(db)
    with db.reading() as s:
        ref = s.execute(select(Application.ref).where(Application.status == "draft")
                        .order_by(Application.ref)).scalars().first()
    content = blank_pdf()
    view = attach(db, ref, content, "visa", file_name="visa stamp.pdf", actor="alice")
    pages = all_pages()
    documents_page = next(n for n, page in enumerate(pages) if isinstance(page, DocumentsPage))
    for page in pages:  # only asked where the page is: gone before anything else
        shiboken6.delete(page)
    wizard = DraftWizard(db, runner, today=DEMO_TODAY, form=load_draft(db, ref),
                         start_page=documents_page)
    qtbot.addWidget(wizard)
    wizard.resize(1280, 780)
    wizard.show()
    try:
        docs = wizard.pages[documents_page]
        assert isinstance(docs, DocumentsPage)
        qtbot.waitUntil(lambda: wizard.currentPage() is docs, timeout=10_000)
        qtbot.waitUntil(lambda: any(a.id == view.id for a in docs.attachments),
                        timeout=10_000)
        opened: list[QUrl] = []
        docs.open_url = lambda url: opened.append(url) or True
        assert docs.open_button.isEnabled()
        qtbot.mouseClick(docs.open_button, Qt.MouseButton.LeftButton)
        assert docs.status.text() == "Select the document to open first."
        docs.table.selectRow(next(i for i, a in enumerate(docs.attachments)
                                  if a.id == view.id))
        qtbot.mouseClick(docs.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
        copy = Path(opened[0].toLocalFile())
        assert copy.read_bytes() == content and copy.name == "visa stamp.pdf"
        assert copy.stat().st_mode & 0o777 == 0o400
        assert "Opened a read-only copy" in docs.status.text()
    finally:
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
        if shiboken6.isValid(wizard):
            wizard.hide()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
