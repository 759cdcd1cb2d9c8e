"""After the wizard's Finish, the new application is selected and shown on Applications
(#18 point 7: it was not; the user was left on whatever screen they were on, searching for
it in the list)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton, QWizard

from licenseapp.gui.wizard.page_items import CHECK, DraftItemsPage
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.pages_start import ApplicantPage

from .test_list_double_click import window  # noqa: F401 - the window on the sample database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _next(qtbot, wizard, expect: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == expect and not wizard.busy, timeout=10_000)


def test_finish_selects_and_shows_the_new_application(qtbot, window) -> None:  # noqa: F811
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # People
    assert window.pages.currentWidget() is not window.applications
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.drafting.wizard is not None
                    and window.drafting.wizard.choices is not None, timeout=10_000)
    wizard = window.drafting.wizard
    bis = wizard.findChild(QRadioButton, "form_BIS-748P")
    qtbot.mouseClick(bis, Qt.MouseButton.LeftButton, pos=QPoint(8, bis.height() // 2))
    _next(qtbot, wizard, 1)
    applicant = wizard.currentPage()
    assert isinstance(applicant, ApplicantPage)
    applicant.organization.setFocus()
    qtbot.keyClicks(applicant.organization, "Northwind")
    qtbot.waitUntil(lambda: applicant.organization.currentText().startswith("Northwind"))
    _next(qtbot, wizard, 2)
    person = wizard.currentPage()
    assert isinstance(person, ForeignNationalPage)
    qtbot.keyClicks(person.search, "Sharma")
    visible = [person.people.item(i) for i in range(person.people.count())
               if not person.people.item(i).isHidden()]
    assert len(visible) == 1
    rect = person.people.visualItemRect(visible[0])
    qtbot.mouseClick(person.people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: wizard.person is not None)
    _next(qtbot, wizard, 3)
    items = wizard.currentPage()
    assert isinstance(items, DraftItemsPage)
    items.table.item(0, CHECK).setCheckState(Qt.CheckState.Checked)
    _next(qtbot, wizard, 4)  # leaving the items page stores the draft
    assert wizard.saved is not None
    ref = wizard.saved.ref
    while wizard.currentId() != wizard.pageIds()[-1]:
        _next(qtbot, wizard, wizard.currentId() + 1)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)

    qtbot.waitUntil(lambda: window.applications.selected_ref() == ref, timeout=20_000)
    assert window.pages.currentWidget() is window.applications
    qtbot.waitUntil(lambda: window.details.detail is not None
                    and window.details.detail.row.ref == ref, timeout=20_000)
    current = window.applications.table.currentIndex()
    assert window.applications.row_shown_at(current).ref == ref


def test_an_application_not_listed_yet_is_selected_when_the_list_has_it(
        qtbot, window) -> None:  # noqa: F811
    """The list read again whole puts its previous selection back: the new application is
    selected after that, not before."""
    from dataclasses import replace

    from licenseapp.services.drafts.draft_editing import load_draft, save_draft

    apps = window.applications
    assert apps.select_ref("LA-2026-0002")
    db = window.database
    copy = replace(load_draft(db, "LA-2026-0001"), id=None, ref="", version=0)
    ref = save_draft(db, copy).ref  # not announced: the list does not have it yet
    assert apps.model.row_of(ref) < 0
    window.show_application(ref)
    assert apps.selected_ref() == "LA-2026-0002"
    apps.refresh()
    qtbot.waitUntil(lambda: apps.selected_ref() == ref, timeout=20_000)
    qtbot.wait(50)  # nothing takes the selection back afterwards
    assert apps.selected_ref() == ref
