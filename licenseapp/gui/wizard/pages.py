"""The wizard's pages, in order."""

from __future__ import annotations

from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.page_documents import DocumentsPage
from licenseapp.gui.wizard.page_items import DraftItemsPage
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.page_review import ReviewPage
from licenseapp.gui.wizard.pages_start import ApplicantPage, RegulatorPage
from licenseapp.gui.wizard.pages_text import EndUsePage, LettersPage


def all_pages() -> list[DraftPage]:
    return [RegulatorPage(), ApplicantPage(), ForeignNationalPage(), DraftItemsPage(), EndUsePage(),
            LettersPage(), DocumentsPage(), ReviewPage()]
