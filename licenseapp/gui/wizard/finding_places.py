"""Where each finding is fixed: the one table from the checker's field ids (a form spec's
source key or one of the checker's own, see ``domain/checker/findings.py``) to the wizard page
and widget that holds the field, the record editor that does (the person, the applicant), or,
for a value set outside drafting, what the user does instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.page_documents import DocumentsPage
from licenseapp.gui.wizard.page_items import CCATS, DESCRIPTION, ECCN, NAME, DraftItemsPage
from licenseapp.gui.wizard.page_person import ForeignNationalPage
from licenseapp.gui.wizard.pages_start import ApplicantPage
from licenseapp.gui.wizard.pages_text import EndUsePage, LettersPage


@dataclass(frozen=True)
class PagePlace:
    """A field on a wizard page: the page's attribute that holds it; on the items page, the
    column of the item line (-1: the column of the finding's block recorded by id)."""

    page: type[DraftPage]
    widget: str
    column: int | None = None


@dataclass(frozen=True)
class RecordPlace:
    """A field of a record the draft is built from, fixed in that record's editor: ``record``
    is "person" or "organization", ``field`` the editor's name for the field."""

    record: str
    field: str


@dataclass(frozen=True)
class ElsewherePlace:
    """A value set outside drafting: where the user sets it, in words."""

    text: str


Place = PagePlace | RecordPlace | ElsewherePlace

_STATUS = ("It is recorded with Change status… on the Applications screen once the regulator "
           "gives it; the wizard has no field for it.")
_DERIVED = ("LicenseApp fills it in from the application's record; the wizard has no field "
            "for it.")
_PARTIES = ("LicenseApp names the parties from the applicant and the foreign national: fix "
            "their records (Applicant and Foreign national pages).")

#: Every field id the checker can name, and where it is fixed.
PLACES: dict[str, Place] = {
    # the application: the wizard's own pages
    "application.person": PagePlace(ForeignNationalPage, "people"),
    "application.special_purpose": PagePlace(EndUsePage, "special_purpose"),
    "application.end_use": PagePlace(EndUsePage, "end_use"),
    "application.justification": PagePlace(EndUsePage, "justification"),
    "application.additional_info": PagePlace(EndUsePage, "additional"),
    "application.form_values": PagePlace(EndUsePage, "other_blocks"),
    "application.loe_text": PagePlace(LettersPage, "loe"),
    "application.tcp_text": PagePlace(LettersPage, "tcp"),
    "application.attachments": PagePlace(DocumentsPage, "table"),
    "application.resubmission_acn": ElsewherePlace(
        "It is the Application Control Number of the application this one resubmits: "
        "record it on that application with Change status…"),
    "application.prior_licenses": ElsewherePlace(
        "They are the license numbers of the application this one renews: record them on "
        "that application with Change status…"),
    "application.destination_country": RecordPlace("person", "citizenships"),
    "application.total_value": PagePlace(DraftItemsPage, "table", NAME),
    "application.regulator_ref": ElsewherePlace(_STATUS),
    "application.transaction_no": ElsewherePlace(_STATUS),
    "application.ref": ElsewherePlace(_DERIVED),
    "application.date": ElsewherePlace(_DERIVED),
    "application.type": ElsewherePlace(_DERIVED),
    "application.documents_submitted": ElsewherePlace(_DERIVED),
    "application.parties": ElsewherePlace(_PARTIES),
    # the item lines: a cell of the items page
    "item.eccn": PagePlace(DraftItemsPage, "table", ECCN),
    "item.ccats": PagePlace(DraftItemsPage, "table", CCATS),
    "item.technical_description": PagePlace(DraftItemsPage, "table", DESCRIPTION),
    "item.form_values": PagePlace(DraftItemsPage, "table", -1),
    **{f"item.{name}": PagePlace(DraftItemsPage, "table", NAME) for name in (
        "name", "classification", "model_number", "quantity", "units", "unit_price",
        "total_price", "manufacturer")},
    # the foreign national: the person's editor
    "person": RecordPlace("person", "given_name"),
    "person.resume": RecordPlace("person", "resume"),
    "person.documents": RecordPlace("person", "documents"),
    "person.citizenships": RecordPlace("person", "citizenships"),
    "person.date_of_birth": RecordPlace("person", "date_of_birth"),
    "screening.person": PagePlace(ForeignNationalPage, "screening"),
    # the applicant: the organization's editor
    "organization": RecordPlace("organization", "legal_name"),
    "organization.signatory": RecordPlace("organization", "signatory_name"),
    **{f"organization.{name}": RecordPlace("organization", name) for name in (
        "legal_name", "contact_name", "contact_phone", "contact_email", "phone", "fax", "ein",
        "snapr_cin", "ddtc_code")},
    "screening.organization": PagePlace(ApplicantPage, "screening"),
    # the other parties
    **{f"party.{role}": ElsewherePlace(_PARTIES) for role in (
        "other_party", "purchaser", "intermediate_consignee", "ultimate_consignee",
        "end_user", "original_ultimate_consignee")},
}


def place_of(field: str) -> Place | None:
    """Where the field with id ``field`` is fixed (None: a field id the table lacks)."""
    return PLACES.get(field)
