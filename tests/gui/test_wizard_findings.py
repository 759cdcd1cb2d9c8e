"""The wizard's findings stay current and lead to their fix (issue #18 point 2).

After *Edit person…* fills a résumé gap, Review no longer shows it and "ready" is allowed,
with no Save draft; Enter or a double-click on a finding goes to the page and field that fix
it, or opens the record's editor there; a slow, stale check never overwrites a newer one.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from factories import complete_for_filing, make_application
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from licenseapp.domain.checker import FIX_FIELDS, Finding, Severity, Target
from licenseapp.domain.forms import SOURCES, form_spec
from licenseapp.gui.wizard.finding_jumps import focusable
from licenseapp.gui.wizard.finding_places import (
    PLACES,
    ElsewherePlace,
    PagePlace,
    RecordPlace,
    place_of,
)
from licenseapp.gui.wizard.page_items import DraftItemsPage
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.page_review import ReviewPage
from licenseapp.gui.wizard.pages_text import EndUsePage
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.catalog.people import load_person, save_person
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.drafts.checking import draft_findings
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.store.database import Database

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")
REF = "LA-2026-0001"
TODAY = date(2026, 12, 1)
WAIT = 20_000
REVIEW, PERSON_PAGE = 7, 2
SHOTS = Path("/tmp/shots/wizard")


def _with_resume_gap(db: Database) -> int:
    """A draft with nothing missing but a gap in the person's résumé (2012-07 to 2012-12)."""
    from licenseapp.domain.person_form import ResumeForm

    make_application(db, REF)
    complete_for_filing(db, REF)
    person_id = load_draft(db, REF).person_id
    assert person_id is not None
    person = load_person(db, person_id)
    save_person(db, dataclasses.replace(person, resume=(
        ResumeForm("education", "Tsinghua University", 2008, 9, 2012, 6,
                   "B.Eng., Computer Science", "Beijing, China"),
        ResumeForm("employment", "Northwind Frontier AI", 2013, 1, None, None,
                   "Research Scientist", "100 Market St, San Jose, CA",
                   "Evaluates the model's safety."))), base=person)
    return person_id


@pytest.fixture
def wizard(qtbot, db, runner):  # type: ignore[no-untyped-def]
    """The draft open on its Review page, its findings checked."""
    _with_resume_gap(db)
    wiz = DraftWizard(db, runner, form=load_draft(db, REF), start_page=REVIEW, today=TODAY)
    qtbot.addWidget(wiz)
    wiz.resize(1280, 800)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.currentId() >= 1 and not wiz.busy, timeout=WAIT)
    while wiz.currentId() < REVIEW:  # a page that stores the draft on leaving stops the walk
        qtbot.waitUntil(lambda: not wiz.busy, timeout=WAIT)
        wiz.next()
        qtbot.waitUntil(lambda: not wiz.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: "resume-gap" in _rules(wiz), timeout=WAIT)
    qtbot.waitUntil(lambda: not wiz.check_due and runner.pending == 0, timeout=WAIT)
    yield wiz
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    if shiboken6.isValid(wiz):
        wiz.hide()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)


def _rules(wizard: DraftWizard) -> list[str]:
    return [f.rule for f in wizard.findings]


def _errors(wizard: DraftWizard) -> list[str]:
    return [f.rule for f in wizard.findings if f.severity is Severity.ERROR]


def _shot(widget: QWidget, name: str) -> None:
    if os.environ.get("LICENSEAPP_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def _type_into_cell(qtbot, rows, row: int, col: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open the cell's editor like a user (F2), type ``text``, and Tab on."""
    rows.table.setCurrentIndex(rows.model.index(row, col))
    rows.table.setFocus()
    qtbot.keyClick(rows.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


# -- (a) the scenario of the issue -----------------------------------------------------------
def test_edit_person_filling_the_resume_gap_clears_review_without_save_draft(  # type: ignore[no-untyped-def]
        qtbot, wizard, db) -> None:
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    assert _errors(wizard) == ["resume-gap"]  # and warnings: no copies attached
    assert any("nothing is listed from 2012-07 to 2012-12" in t for t in review.findings.texts())
    assert not review.ready.isEnabled()
    _shot(wizard, "review_with_findings")
    version = load_draft(db, REF).version
    stored: list[str] = []
    wizard.stored.connect(stored.append)

    for _ in range(REVIEW - PERSON_PAGE):  # Back to the foreign national
        qtbot.mouseClick(wizard.button(wizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    page = wizard.currentPage()
    assert isinstance(page, ForeignNationalPage)
    qtbot.waitUntil(page.edit_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "person_dialog", None) is not None, timeout=WAIT)
    dialog = page.person_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    editor = dialog.person_editor
    editor.tabs.setCurrentWidget(editor.resume.parentWidget())
    qtbot.mouseClick(editor.resume.add_button, Qt.MouseButton.LeftButton)
    row = editor.resume.model.rowCount() - 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the kind as offered
    _type_into_cell(qtbot, editor.resume, row, 1, "Baidu Research")
    _type_into_cell(qtbot, editor.resume, row, 3, "Beijing, China")  # the job's address
    _type_into_cell(qtbot, editor.resume, row, 4, "2012-07")
    _type_into_cell(qtbot, editor.resume, row, 5, "2012-12")
    _type_into_cell(qtbot, editor.resume, row, 6, "Built speech data pipelines.")  # duties
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # the person's page already says so, and Review does, with no Save draft
    qtbot.waitUntil(lambda: "resume-gap" not in _rules(wizard), timeout=WAIT)
    assert not any("résumé" in t for t in page.findings.texts())
    for _ in range(REVIEW - PERSON_PAGE):
        qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    assert wizard.currentId() == REVIEW
    assert not any("résumé" in t for t in review.findings.texts())
    assert _errors(wizard) == []
    assert review.ready.isEnabled()
    assert "has no errors and 3 warnings to acknowledge" in review.summary.text()
    assert stored == [] and load_draft(db, REF).version == version  # nothing saved


def test_a_person_changed_elsewhere_in_the_app_rechecks_the_open_draft(  # type: ignore[no-untyped-def]
        qtbot, wizard, db) -> None:
    """The People screen saves the person: the change set the app delivers reaches the
    wizard (the main window feeds it every change set) and its findings follow."""
    from licenseapp.domain.person_form import ResumeForm

    person_id = wizard.form.person_id
    assert person_id is not None
    person = load_person(db, person_id)
    save_person(db, dataclasses.replace(person, resume=(*person.resume, ResumeForm(
        "employment", "Baidu Research", 2012, 7, 2012, 12, location="Beijing, China",
        description="Built speech data pipelines."))), base=person)
    assert "resume-gap" in _rules(wizard)
    wizard.apply_changes(Changes.of(Kind.ITEMS, [999]))  # not this draft's: nothing to do
    qtbot.wait(600)
    assert "resume-gap" in _rules(wizard)
    wizard.apply_changes(Changes.of(Kind.PEOPLE, [person_id]))
    qtbot.waitUntil(lambda: "resume-gap" not in _rules(wizard), timeout=WAIT)
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    assert review.ready.isEnabled()


def test_typing_in_the_wizard_is_checked_before_it_is_saved(qtbot, wizard, db) -> None:  # type: ignore[no-untyped-def]
    """A vague phrase typed into the end use shows as a warning on its page at once."""
    for _ in range(REVIEW - 4):
        wizard.back()
    page = wizard.currentPage()
    assert isinstance(page, EndUsePage)
    end_use = page.end_use
    end_use.setFocus()
    qtbot.keyClick(end_use, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(end_use, " and/or more")
    qtbot.waitUntil(lambda: "vague-phrase" in _rules(wizard), timeout=WAIT)
    assert load_draft(db, REF).end_use.endswith("evaluates the model.")  # not saved


# -- (b) each finding leads to its field ------------------------------------------------------
def test_every_field_id_the_checker_can_name_has_a_place() -> None:
    """A field id without a place would be a finding the wizard cannot take the user to."""
    named = set(SOURCES) | set(FIX_FIELDS)
    assert sorted(f for f in named if place_of(f) is None) == []
    spec_sources = {f.source for code in ("BIS-748P", "DSP-5", "SIEL")
                    for f in form_spec(code).walk() if f.source}
    assert spec_sources <= named


def _finding(field: str) -> Finding:
    block = next((f.id for f in form_spec("BIS-748P").walk()
                  if f.source == field and f.recorded), "")
    item = 1 if field.startswith("item.") else None
    return Finding(Severity.ERROR, "application", f"the field {field}", "test-rule",
                   f"{field} is wrong", "a test", "fix it", Target(field, item, block))


#: One finding per distinct place (the field ids that share a place go to the same one).
CASES = sorted({place: field for field, place in reversed(list(PLACES.items()))}.values())


def _expected_focus(wizard: DraftWizard, place: PagePlace, finding: Finding) -> QWidget:
    page = next(p for p in wizard.pages if isinstance(p, place.page))
    widget = getattr(page, place.widget)
    if place.widget == "other_blocks":
        return widget.inputs[finding.target.block]
    return focusable(widget)


@pytest.mark.parametrize("field", CASES)
def test_enter_on_a_finding_goes_to_its_field(qtbot, wizard, field: str) -> None:  # type: ignore[no-untyped-def]
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    finding = _finding(field)
    review.findings.show_findings([finding])
    place = PLACES[field]
    found = review.findings.list
    found.setFocus()
    found.setCurrentRow(0)
    if field == "application.end_use":  # the mouse: a double-click does the same
        where = found.visualItemRect(found.item(0)).center()
        qtbot.mouseClick(found.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(found.viewport(), Qt.MouseButton.LeftButton, pos=where)
    else:
        qtbot.keyClick(found, Qt.Key.Key_Return)

    if isinstance(place, PagePlace):
        qtbot.waitUntil(lambda: isinstance(wizard.currentPage(), place.page), timeout=WAIT)
        expected = _expected_focus(wizard, place, finding)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is expected, timeout=WAIT)
        if place.page is DraftItemsPage and finding.target.item is not None:
            page = wizard.currentPage()
            assert isinstance(page, DraftItemsPage)
            assert page.table.currentRow() == page.row_of(wizard.form.items[0].item_id)
            column = page.block_column(finding.target.block) if place.column == -1 \
                else page.column(place.column or 0)
            assert column is not None and page.table.currentColumn() == column
        if field == "application.tcp_text":
            _shot(wizard, "after_jump_to_tcp")
    elif isinstance(place, RecordPlace):
        assert wizard.jumps is not None
        if place.record == "person":
            page = next(p for p in wizard.pages if isinstance(p, ForeignNationalPage))
            qtbot.waitUntil(lambda: getattr(page, "person_dialog", None) is not None,
                            timeout=WAIT)
            editor = page.person_dialog.person_editor
            dialog: QWidget = page.person_dialog
        else:
            qtbot.waitUntil(lambda: wizard.jumps is not None
                            and wizard.jumps.organization_dialog is not None, timeout=WAIT)
            assert wizard.jumps.organization_dialog is not None
            dialog = wizard.jumps.organization_dialog
            editor = wizard.jumps.organization_dialog.organization_editor
        slot = editor.problems.slot(place.field)
        assert slot is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is slot.focus, timeout=WAIT)
        if field == "person.resume":
            _shot(dialog, "after_jump_to_resume")
        dialog.reject()
    else:
        assert isinstance(place, ElsewherePlace)
        assert wizard.jumps is not None
        box = wizard.jumps.told
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert place.text in box.text() and f"{field} is wrong" in box.text()
        box.accept()
        assert wizard.currentId() == REVIEW


def test_the_findings_are_reached_with_tab(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    review.ready.setFocus()
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert review.findings.list in seen


def test_the_real_resume_gap_opens_the_person_on_the_resume(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    found = review.findings.list
    found.setFocus()
    found.setCurrentRow(0)
    qtbot.keyClick(found, Qt.Key.Key_Return)
    page = next(p for p in wizard.pages if isinstance(p, ForeignNationalPage))
    qtbot.waitUntil(lambda: getattr(page, "person_dialog", None) is not None, timeout=WAIT)
    editor = page.person_dialog.person_editor
    assert editor.tabs.currentWidget() is editor.resume.parentWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.resume.table, timeout=WAIT)
    page.person_dialog.reject()


# -- (c) the newest check wins ------------------------------------------------------------------
def test_a_slow_stale_check_does_not_overwrite_a_newer_one(qtbot, wizard, db) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.domain.person_form import ResumeForm

    started, release = threading.Event(), threading.Event()
    calls = 0

    def slow_first(db_: Database, form, stored, today):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        found = draft_findings(db_, form, stored, today)
        if calls == 1:  # reads the draft with its gap, then takes its time
            started.set()
            release.wait(WAIT / 1000)
        return found

    wizard.check = slow_first
    wizard.run_check()
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    person_id = wizard.form.person_id
    assert person_id is not None
    person = load_person(db, person_id)
    save_person(db, dataclasses.replace(person, resume=(*person.resume, ResumeForm(
        "employment", "Baidu Research", 2012, 7, 2012, 12, location="Beijing, China",
        description="Built speech data pipelines."))), base=person)
    wizard.apply_changes(Changes.of(Kind.PEOPLE, [person_id]))
    qtbot.waitUntil(lambda: calls == 2 and "resume-gap" not in _rules(wizard), timeout=WAIT)
    release.set()  # the stale result arrives last
    qtbot.waitUntil(lambda: wizard.runner.pending == 0, timeout=WAIT)
    qtbot.wait(50)
    assert "resume-gap" not in _rules(wizard)
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    assert review.ready.isEnabled()


def test_the_main_window_hands_its_change_sets_to_the_open_wizard(  # type: ignore[no-untyped-def]
        qtbot, window, db, db_url, runner) -> None:
    """A person saved on the People screen is announced to every screen; the wizard open
    over the window is one of them (one line in the main window feeds it)."""
    from licenseapp.domain.person_form import ResumeForm

    person_id = _with_resume_gap(db)
    window.open_database(db_url)
    qtbot.waitUntil(window.drafting.new_action.isEnabled, timeout=WAIT)
    wiz = window.drafting.open_wizard(load_draft(db, REF))
    assert wiz is not None
    wiz.today = TODAY
    qtbot.waitUntil(lambda: "resume-gap" in _rules(wiz), timeout=WAIT)
    person = load_person(db, person_id)
    save_person(db, dataclasses.replace(person, resume=(*person.resume, ResumeForm(
        "employment", "Baidu Research", 2012, 7, 2012, 12, location="Beijing, China",
        description="Built speech data pipelines."))), base=person)
    window.operations.announce(Changes.of(Kind.PEOPLE, [person_id]))
    qtbot.waitUntil(lambda: "resume-gap" not in _rules(wiz), timeout=WAIT)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    wiz.hide()


def test_a_new_draft_says_what_to_do_before_it_can_be_checked(qtbot, db, runner) -> None:  # type: ignore[no-untyped-def]
    """Before a draft exists there is nothing stored to check: the heading says how one
    comes to exist, not "checked once the draft is saved"."""
    make_application(db, REF)  # an applicant, a person and an item to choose from
    wiz = DraftWizard(db, runner, today=TODAY)
    qtbot.addWidget(wiz)
    wiz.resize(1280, 800)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.choices is not None, timeout=WAIT)
    page = wiz.currentPage()
    assert page is not None
    heading = page.findings.heading.text()  # type: ignore[attr-defined]
    assert "not checked yet" in heading and "Items page" in heading and "Next" in heading
    assert "once the draft is saved" not in heading
    _shot(wiz, "new_draft_not_checked_yet")
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    wiz.hide()


def test_back_to_review_after_a_fix_stores_what_was_typed_on_the_way(  # type: ignore[no-untyped-def]
        qtbot, wizard, db) -> None:
    """From Review to a finding's field and back in one press each (not 5 Back, 5 Next)."""
    review = wizard.currentPage()
    assert isinstance(review, ReviewPage)
    back = wizard.button(wizard.WizardButton.CustomButton2)
    assert not back.isVisible()
    review.findings.show_findings([_finding("application.end_use")])
    review.findings.list.setCurrentRow(0)
    qtbot.keyClick(review.findings.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(wizard.currentPage(), EndUsePage), timeout=WAIT)
    page = wizard.currentPage()
    assert isinstance(page, EndUsePage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.end_use, timeout=WAIT)
    assert back.isVisible() and back.text() == "Back to &Review"
    _shot(wizard, "after_jump_to_end_use")
    qtbot.keyClick(page.end_use, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.end_use, " On site only.")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == REVIEW and not wizard.busy, timeout=WAIT)
    assert not back.isVisible()
    assert load_draft(db, REF).end_use.endswith("On site only.")  # stored on the way


def test_review_with_errors_opens_with_the_keyboard_on_the_findings(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    """Nothing can be typed on Review while it has errors: the keyboard went to Back; it now
    goes to the findings, where Enter leads to the field that fixes one."""
    wizard.back()
    qtbot.waitUntil(lambda: wizard.currentId() == REVIEW - 1 and not wizard.busy, timeout=WAIT)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == REVIEW and not wizard.busy, timeout=WAIT)
    review = wizard.currentPage()
    assert "resume-gap" in _errors(wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is review.findings.list, timeout=WAIT)
    qtbot.waitUntil(lambda: not wizard.check_due and not wizard.busy, timeout=WAIT)
    if review.findings.list.currentRow() < 0:  # refilled by a check since: Tab back in
        review.findings.list.clearFocus()
        review.findings.list.setFocus(Qt.FocusReason.TabFocusReason)
    assert review.findings.list.currentItem() is not None  # Enter has a finding to open
