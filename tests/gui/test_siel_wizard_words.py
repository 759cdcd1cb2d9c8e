"""The SIEL wizard speaks the SIEL's words (#17 point 2): the applicant and items pages name
the chosen form's own blocks, not BIS-748P's, and a UK answer says "licence"."""

from __future__ import annotations

from datetime import date

import pytest

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets
from licenseapp.gui.wizard.page_items import DraftItemsPage, determination_html
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.pages_start import ApplicantPage
from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.drafts.wizard_data import ItemDetermination
from licenseapp.store.database import Database

from .test_wizard_other_blocks import _draft, _go, _leave, _shot, _wizard


@pytest.fixture
def demo_db(db: Database) -> Database:
    generate_demo(db)
    return db


def _visible_headers(page: DraftItemsPage) -> list[str]:
    table = page.table
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())
            if not table.isColumnHidden(c)]


def _page_index(wizard: DraftWizard, kind: type) -> int:
    return next(n for n, p in enumerate(wizard.pages) if isinstance(p, kind))


@pytest.mark.parametrize(("regulator", "blocks", "present", "absent"), [
    ("ECJU", "blocks 3, 4, 11 of SIEL", ["Description (5(d))"],
     ["ECCN", "CCATS", "22(j)"]),
    ("BIS", "blocks 1, 2, 3, 14, 25 of BIS-748P",
     ["ECCN (22(a))", "CCATS Number (22(d))", "Technical Description (22(j))"], []),
])
def test_the_applicant_and_items_pages_name_the_chosen_forms_blocks(  # type: ignore[no-untyped-def]
        qtbot, demo_db, runner, regulator, blocks, present, absent) -> None:
    wizard = _wizard(qtbot, demo_db, runner, _draft(demo_db, regulator))
    _go(qtbot, wizard, _page_index(wizard, ApplicantPage))
    subtitle = wizard.currentPage().subTitle()
    _shot(wizard, f"words-applicant-{regulator}")
    assert blocks in subtitle
    assert regulator == "BIS" or "BIS-748P" not in subtitle
    _go(qtbot, wizard, _page_index(wizard, ForeignNationalPage))
    person = wizard.currentPage()
    uk = regulator == "ECJU"
    assert person.title() == ("Recipient" if uk else "Foreign national")
    assert person.subTitle().startswith(
        "The person the technology would be transferred to (block 7)." if uk else
        "The person the technology would be released to (block 18).")
    _go(qtbot, wizard, _page_index(wizard, DraftItemsPage))
    page = wizard.currentPage()
    assert isinstance(page, DraftItemsPage)
    headers = _visible_headers(page)
    _shot(wizard, f"words-items-{regulator}")
    for word in present:
        assert word in headers
    for word in absent:
        assert not [h for h in headers if word in h], headers
        assert word not in page.subTitle()
    licence = "licence" if regulator == "ECJU" else "license"
    assert page.determination_heading.text() == f"<b>{licence.capitalize()} determination</b>"
    assert headers[0] == ("Transfer" if regulator == "ECJU" else "Release")
    _leave(qtbot, wizard, runner)


def test_a_uk_answer_on_the_items_page_says_licence() -> None:
    uk = determine(PersonFacts(name="Li Na"), ItemFacts(None, ItemKind.TECHNOLOGY, Regime.UK),
                   date(2026, 11, 27), load_rulesets())
    assert uk.form == "SIEL"
    text, _ = determination_html([ItemDetermination(1, "Radar data (ML22.a)", uk)], "Li Na")
    assert "No licence required" in text and "No license required" not in text
    assert DraftItemsPage.subtitle_for("SIEL").startswith("What to transfer (block 5).")
