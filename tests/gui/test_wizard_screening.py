"""The wizard says where the applicant and the foreign national stand against the
restricted-party lists (#23), and a hit reviewed from it changes the checks at once: a
confirmed match is an error on the person's page and "ready to file" is refused with it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from screening_samples import load_and_screen

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.pages_start import ApplicantPage
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.changes import Kind
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.follow_up.tracking import NotReadyToFile, StatusChange, change_status
from licenseapp.services.screening.dto import Decision

from .conftest import add_sample_applications

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")
WAIT = 20_000


@pytest.fixture
def wizard(qtbot, db, runner, tmp_path):  # type: ignore[no-untyped-def]
    """The draft LA-2026-0001 (Wei Zhang for Northwind) open on the applicant page, everyone
    screened against a list on which Wei Zhang resembles an SDN entry."""
    add_sample_applications(db)
    load_and_screen(db, tmp_path)
    wiz = DraftWizard(db, runner, form=load_draft(db, "LA-2026-0001"), start_page=1)
    qtbot.addWidget(wiz)
    wiz.resize(1100, 780)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.currentId() == 1, timeout=WAIT)
    yield wiz
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    if shiboken6.isValid(wiz):
        wiz.hide()


def test_the_applicant_and_the_person_show_their_screening_and_a_confirmed_match_blocks(  # type: ignore[no-untyped-def]
        qtbot, wizard, db) -> None:
    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    line = applicant.screening
    assert line is not None
    qtbot.waitUntil(lambda: line.state is not None, timeout=WAIT)
    assert line.label.text().startswith("Screening: clear as of ")
    assert line.label.text().endswith("against the list of 2026-07-31.")
    assert not line.review_button.isVisible()

    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=WAIT)
    person = wizard.currentPage()
    assert isinstance(person, ForeignNationalPage)
    line = person.screening
    assert line is not None
    qtbot.waitUntil(lambda: line.state is not None and line.state.subject_id == 1, timeout=WAIT)
    assert line.label.text().startswith("Screening: 1 open hit to review (screened ")
    assert line.review_button.isVisible() and line.review_button.text() == "Re&view hits…"
    qtbot.waitUntil(lambda: any("screening hit" in t for t in person.findings.texts()),
                    timeout=WAIT)
    [open_finding] = [t for t in person.findings.texts() if "screening" in t]
    assert open_finding.startswith("Error — ")
    assert ("Wei Zhang, the foreign national, has an unreviewed screening hit: the SDN entry "
            "“ZHANG, Wei”") in open_finding
    assert "Fix: Review the hit on the Screening screen" in open_finding
    if os.environ.get("LICENSEAPP_SHOTS"):
        wizard.grab().save(str(Path("/tmp/shots/screenfront/wizard_open_hit.png")))

    # Reviewed from the wizard: confirmed, with a note.
    qtbot.mouseClick(line.review_button, Qt.MouseButton.LeftButton)
    dialog = line.review_dialog
    assert dialog is not None and dialog.review.view is not None
    assert dialog.review.view.hit.entry_name == "ZHANG, Wei"
    qtbot.mouseClick(dialog.review.decision_buttons[Decision.CONFIRMED],
                     Qt.MouseButton.LeftButton)
    decision = dialog.review.decision_dialog
    assert decision is not None
    qtbot.keyClicks(decision.reason_edit, "Same passport number as the SDN entry's")
    with qtbot.waitSignal(wizard.changed, timeout=WAIT) as announced:
        qtbot.mouseClick(decision.action_button, Qt.MouseButton.LeftButton)
    assert announced.args[0].touches(Kind.SCREENING)
    qtbot.waitUntil(lambda: line.state is not None and bool(line.state.confirmed),
                    timeout=WAIT)
    assert line.label.text().startswith("Screening: CONFIRMED MATCH (SDN ZHANG, Wei)")
    assert dialog.review.view.decision is Decision.CONFIRMED
    qtbot.waitUntil(lambda: any("confirmed match" in t for t in person.findings.texts()),
                    timeout=WAIT)
    [confirmed] = [t for t in person.findings.texts() if "screening" in t or "match" in t]
    assert ("Wei Zhang, the foreign national, is a confirmed match of the SDN entry "
            "“ZHANG, Wei”") in confirmed
    assert "Same passport number" in confirmed
    if os.environ.get("LICENSEAPP_SHOTS"):
        dialog.grab().save(str(Path("/tmp/shots/screenfront/wizard_review_dialog.png")))
        wizard.grab().save(str(Path("/tmp/shots/screenfront/wizard_confirmed.png")))
    dialog.close()

    with pytest.raises(NotReadyToFile) as refused:
        change_status(db, StatusChange("LA-2026-0001", ApplicationStatus.READY))
    assert any("is a confirmed match of the SDN entry “ZHANG, Wei”" in error
               for error in refused.value.errors)
