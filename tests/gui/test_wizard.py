"""The drafting wizard, driven end to end as a user would: choosing, typing, attaching a
file, fixing a flagged error, finishing — then what was stored is checked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QRadioButton
from sqlalchemy import select

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.gui.wizard.actions import DraftingActions
from licenseapp.gui.wizard.findings_panel import FindingsPanel
from licenseapp.gui.wizard.page_documents import DocumentsPage
from licenseapp.gui.wizard.page_items import CHECK, ECCN, DraftItemsPage
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.page_review import ReviewPage
from licenseapp.gui.wizard.pages_start import ApplicantPage
from licenseapp.gui.wizard.pages_text import EndUsePage, LettersPage
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts import draft_recovery
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.output.attachments import list_attachments
from licenseapp.store.models import Application, AuditEntry

SHOTS = Path(os.environ.get("LICENSEAPP_SHOTS", "/tmp/shots/wizard"))


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("LICENSEAPP_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def demo_db(db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    return db


_OPEN: list[DraftWizard] = []


@pytest.fixture(autouse=True)
def _settle(qtbot, runner):  # type: ignore[no-untyped-def]
    """After each test, the wizards' last background work (a save, a check) finishes before
    the runner and the database go, and the wizards close: none answers into the next test."""
    yield
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    while _OPEN:
        wizard = _OPEN.pop()
        if shiboken6.isValid(wizard) and wizard.isVisible():
            wizard.hide()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)


def _wizard(qtbot, db, runner, *, crashes: bool = False, **kw) -> DraftWizard:  # type: ignore[no-untyped-def]
    """A wizard on screen; ``crashes``: the test deletes it itself (qtbot must not close it)."""
    wizard = DraftWizard(db, runner, today=DEMO_TODAY, **kw)
    _OPEN.append(wizard)
    if not crashes:
        qtbot.addWidget(wizard)
    wizard.resize(1100, 780)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.choices is not None)
    return wizard


def _next(qtbot, wizard: DraftWizard, expect: int) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == expect and not wizard.busy, timeout=10_000)


def _pick_person(qtbot, page: ForeignNationalPage, wizard: DraftWizard, text: str) -> None:  # type: ignore[no-untyped-def]
    page.search.setText(text)
    visible = [page.people.item(i) for i in range(page.people.count())
               if not page.people.item(i).isHidden()]
    assert len(visible) == 1, [v.text() for v in visible]
    page.people.setCurrentItem(visible[0])
    qtbot.waitUntil(lambda: wizard.person is not None)


def _check_item(page: DraftItemsPage, name: str) -> None:
    for row in range(page.table.rowCount()):
        if name in page.table.item(row, 1).text():
            page.table.item(row, CHECK).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(name)


def _tiny_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Passport copy")
    c.save()
    return path


def test_drafting_a_bis_deemed_export_from_nothing(qtbot, demo_db, runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = demo_db
    wizard = _wizard(qtbot, db, runner)
    wizard.findChild(QRadioButton, "form_BIS-748P").click()
    _shot(wizard, "1-regulator")
    _next(qtbot, wizard, 1)

    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    wizard.next()  # nothing chosen: refused, with the reason on the page
    assert wizard.currentId() == 1
    assert "choose the applicant organization" in " ".join(applicant.findings.texts())
    applicant.organization.setCurrentIndex(applicant.organization.findText(
        "Northwind Frontier AI, Inc."))
    assert "Signatory" in applicant.details.text()
    _shot(wizard, "2-applicant")
    _next(qtbot, wizard, 2)

    person_page = wizard.currentPage()
    assert isinstance(person_page, ForeignNationalPage)
    _pick_person(qtbot, person_page, wizard, "陳靜")
    qtbot.waitUntil(lambda: "Jing Chen" in person_page.summary.text())
    assert "Taiwan" in person_page.summary.text()
    _shot(wizard, "3-foreign-national")
    _next(qtbot, wizard, 3)

    items = wizard.currentPage()
    assert isinstance(items, DraftItemsPage)
    _check_item(items, "Mythos 5")
    qtbot.waitUntil(lambda: "License required" in items.determination.text())
    assert not items.no_license_needed
    _shot(wizard, "4-items")
    _next(qtbot, wizard, 4)  # leaving the items page stores the draft
    assert wizard.saved is not None
    ref = wizard.saved.ref

    end_use = wizard.currentPage()
    assert isinstance(end_use, EndUsePage)
    end_use.end_use.setPlainText("")
    _next(qtbot, wizard, 5)
    wizard.back()
    qtbot.waitUntil(lambda: any("block 21" in t.lower() for t in end_use.findings.texts()))
    _shot(wizard, "5-end-use-flagged")
    end_use.end_use.setPlainText("Evaluating Mythos 5 safety behaviour on the red-team "
                                 "benchmark suite, as a member of the evaluation team.")
    end_use.justification.setPlainText("The evaluation work cannot be done without "
                                       "access to the model.")
    _next(qtbot, wizard, 5)
    wizard.back()
    qtbot.waitUntil(lambda: not any("block 21" in t.lower() for t in end_use.findings.texts()))
    _next(qtbot, wizard, 5)

    letters = wizard.currentPage()
    assert isinstance(letters, LettersPage)
    letters.fill_buttons[next(iter(letters.fill_buttons))].click()
    qtbot.waitUntil(lambda: "Jing Chen" in letters.loe.toPlainText(), timeout=10_000)
    letters.tabs.setCurrentIndex(1)
    list(letters.fill_buttons.values())[1].click()
    qtbot.waitUntil(lambda: letters.tcp.toPlainText().strip() != "", timeout=10_000)
    _shot(wizard, "6-letters")
    _next(qtbot, wizard, 6)

    docs = wizard.currentPage()
    assert isinstance(docs, DocumentsPage)
    docs.kind.setCurrentIndex(docs.kind.findData("passport"))
    docs.attach_files([_tiny_pdf(tmp_path / "passport.pdf")])
    qtbot.waitUntil(lambda: docs.table.rowCount() == 1, timeout=10_000)
    # dropped like from a file manager: a PNG disguised as .pdf is typed by its content
    fake = tmp_path / "visa.pdf"
    fake.write_bytes(b"not a document at all")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fake))])
    docs.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: "Not attached" in docs.status.text(), timeout=10_000)
    assert "visa.pdf" in docs.status.text()
    _shot(wizard, "7-documents")
    _next(qtbot, wizard, 7)

    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    qtbot.waitUntil(lambda: review.findings.count() > 0)
    assert ref in review.summary.text()
    _shot(wizard, "8-review")
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        wizard.accept()

    stored = load_draft(db, ref)
    assert stored.person_id == wizard.form.person_id
    assert [i.eccn for i in stored.items] == ["4E091"]
    assert "red-team" in stored.end_use
    assert "Jing Chen" in stored.loe_text
    assert [a.kind for a in list_attachments(db, ref)] == ["passport"]
    with db.reading() as s:
        app = s.execute(select(Application).where(Application.ref == ref)).scalar_one()
        assert app.status == "draft"
        entries = s.execute(select(AuditEntry.action).where(
            AuditEntry.entity_id == ref)).scalars().all()
    assert "create" in entries and "update" in entries
    assert draft_recovery.recover() is None  # finished: nothing left to recover


def test_no_license_needed_is_said_before_any_work(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, demo_db, runner)
    _next(qtbot, wizard, 1)
    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    applicant.organization.setCurrentIndex(1)
    _next(qtbot, wizard, 2)
    page = wizard.currentPage()
    assert isinstance(page, ForeignNationalPage)
    _pick_person(qtbot, page, wizard, "فاطمة")  # a lawful permanent resident
    _next(qtbot, wizard, 3)
    items = wizard.currentPage()
    assert isinstance(items, DraftItemsPage)
    _check_item(items, "GaN-on-SiC")
    qtbot.waitUntil(lambda: items.no_license_needed, timeout=10_000)
    assert "No license is needed" in items.determination.text()
    assert "permanent resident" in items.determination.text().lower()
    _shot(wizard, "4-items-no-license")


def test_typed_work_survives_a_crash_and_is_offered_back(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, demo_db, runner, crashes=True)
    _next(qtbot, wizard, 1)
    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    applicant.organization.setCurrentIndex(2)
    chosen = applicant.organization.currentData()
    qtbot.waitUntil(lambda: (draft_recovery.recover() or None) is not None
                    and draft_recovery.recover().form.organization_id == chosen,  # type: ignore[union-attr]
                    timeout=5_000)
    wizard.hide()  # the "crash": the window is gone without finishing or cancelling
    wizard.deleteLater()

    actions = DraftingActions(runner, None)  # type: ignore[arg-type]
    actions.set_database(demo_db)
    actions.offer_recovery()
    qtbot.waitUntil(lambda: getattr(actions, "recovery_box", None) is not None)
    box: QMessageBox = actions.recovery_box
    assert "stopped while you were drafting" in box.text()
    box.button(QMessageBox.StandardButton.Open).click()
    qtbot.waitUntil(lambda: actions.wizard is not None
                    and actions.wizard.currentId() == 1, timeout=5_000)
    again = actions.wizard
    assert again is not None and again.form.organization_id == chosen
    qtbot.addWidget(again)
    page = again.currentPage()
    assert isinstance(page, ApplicantPage) and page.organization.currentData() == chosen
    # cancelling asks first; "Cancel" keeps everything
    again.reject()
    qtbot.waitUntil(lambda: getattr(again, "discard_box", None) is not None)
    again.discard_box.button(QMessageBox.StandardButton.Cancel).click()
    assert again.isVisible() and draft_recovery.recover() is not None
    again.reject()
    again.discard_box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: draft_recovery.recover() is None)


def test_editing_an_existing_draft_opens_its_values(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as s:
        ref = s.execute(select(Application.ref).where(Application.status == "draft")
                        .order_by(Application.ref)).scalars().first()
    form = load_draft(demo_db, ref)
    wizard = _wizard(qtbot, demo_db, runner, form=form)
    assert ref in wizard.windowTitle()
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    _next(qtbot, wizard, 3)
    _next(qtbot, wizard, 4)
    end_use = wizard.currentPage()
    assert isinstance(end_use, EndUsePage)
    assert end_use.end_use.toPlainText() == form.end_use
    assert end_use.findChild(QPlainTextEdit, "justification") is not None
    assert isinstance(end_use.findings, FindingsPanel)
    assert wizard.findChildren(QLabel)


def test_the_foreign_national_can_be_created_inside_the_wizard(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, demo_db, runner)
    _next(qtbot, wizard, 1)
    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    applicant.organization.setCurrentIndex(1)
    _next(qtbot, wizard, 2)
    page = wizard.currentPage()
    assert isinstance(page, ForeignNationalPage)
    page.new_button.click()
    qtbot.waitUntil(lambda: getattr(page, "person_dialog", None) is not None)
    dialog = page.person_dialog
    editor = dialog.person_editor
    qtbot.keyClicks(editor.text_edits["given_name"], "Layla")
    editor.text_edits["native_name"].setText("ليلى حداد")
    dialog.save_button.click()  # no family name: refused inline, nothing lost
    qtbot.waitUntil(lambda: bool(editor.shown_problems()))
    assert editor.text_edits["given_name"].text() == "Layla"
    qtbot.keyClicks(editor.text_edits["family_name"], "Haddad")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("h1b"))
    _shot(dialog, "3b-new-person")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: "Layla Haddad" in page.summary.text(), timeout=10_000)
    assert wizard.form.person_id is not None
    qtbot.waitUntil(lambda: page.people.currentItem() is not None
                    and "ليلى حداد" in page.people.currentItem().text())
    assert "Layla Haddad" in page.summary.text()  # still shown after the list reloaded


def test_an_item_can_be_created_inside_the_wizard(qtbot, demo_db, runner) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.gui.items.dialog import ItemDialog
    from licenseapp.services.catalog.items import list_items

    wizard = _wizard(qtbot, demo_db, runner)
    _next(qtbot, wizard, 1)
    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    applicant.organization.setCurrentIndex(1)
    _next(qtbot, wizard, 2)
    _pick_person(qtbot, wizard.currentPage(), wizard, "陳靜")
    _next(qtbot, wizard, 3)
    page = wizard.currentPage()
    assert isinstance(page, DraftItemsPage)
    _check_item(page, "Mythos 5")
    before = page.table.rowCount()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.item_dialog is not None)
    dialog = page.item_dialog
    assert isinstance(dialog, ItemDialog)
    editor = dialog.item_editor
    qtbot.keyClicks(editor.name_edit, "Photon lithography process 2")
    qtbot.keyClicks(editor.classification_edit, "3e001")
    qtbot.keyClicks(editor.description_edit, "EUV process recipes for the 2 nm node")
    _shot(dialog, "4b-new-item")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    item_id = saved.args[0].id
    assert any(i.id == item_id for i in list_items(demo_db))
    qtbot.waitUntil(lambda: page.table.rowCount() == before + 1, timeout=10_000)
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, CHECK).data(Qt.ItemDataRole.UserRole) == item_id)
    assert page.table.item(row, CHECK).checkState() == Qt.CheckState.Checked
    assert page.table.selectionModel().isRowSelected(row)
    assert page.table.item(row, page.column(ECCN)).text() == "3E001"
    # what was chosen before stays chosen, and both go into the draft
    chosen = {line.item_id for line in wizard.form.items}
    assert item_id in chosen and len(chosen) == 2
    qtbot.waitUntil(lambda: "Photon lithography process 2" in page.determination.text(),
                    timeout=10_000)
