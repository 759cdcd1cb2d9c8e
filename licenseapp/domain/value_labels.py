"""What users call the stored values of a set: one table per set, used wherever one is shown.

The database and the command line keep the short values (``green_card``, ``i94``,
``work_authorization``, ``naturalization``); screens, details panes and printed documents
show these labels. :func:`label` gives a value's label (an unknown value as words, never
with underscores), :func:`in_sentence` the same inside a sentence ("no legible copy of the
passport").
"""

from __future__ import annotations

from collections.abc import Mapping

from licenseapp.domain.enums import AttachmentKind, DocumentKind, PartyRole, ResumeKind

#: A person's immigration and identity documents.
DOCUMENT_KINDS: Mapping[str, str] = {
    DocumentKind.PASSPORT: "Passport",
    DocumentKind.VISA: "Visa",
    DocumentKind.I94: "I-94 arrival record",
    DocumentKind.EAD: "Work authorization (EAD)",
    DocumentKind.I797: "I-797 approval notice",
    DocumentKind.GREEN_CARD: "Permanent resident (green card)",
    DocumentKind.DS2019: "DS-2019",
    DocumentKind.I20: "I-20",
}
#: The files attached to an application.
ATTACHMENT_KINDS: Mapping[str, str] = {
    AttachmentKind.PASSPORT: "Passport",
    AttachmentKind.VISA: "Visa",
    AttachmentKind.WORK_AUTHORIZATION: "Work authorization",
    AttachmentKind.RESUME: "Résumé",
    AttachmentKind.LOE: "Letter of explanation",
    AttachmentKind.TCP: "Technology control plan",
    AttachmentKind.NDA: "Employee's non-disclosure agreement",
    AttachmentKind.OTHER: "Other",
}
#: How a citizenship was acquired.
CITIZENSHIP_BASES: Mapping[str, str] = {
    "birth": "By birth", "naturalization": "By naturalization", "descent": "By descent",
}
#: The parties to an application.
PARTY_ROLES: Mapping[str, str] = {
    PartyRole.APPLICANT: "Applicant",
    PartyRole.OTHER_PARTY: "Other party",
    PartyRole.PURCHASER: "Purchaser",
    PartyRole.INTERMEDIATE_CONSIGNEE: "Intermediate consignee",
    PartyRole.ULTIMATE_CONSIGNEE: "Ultimate consignee",
    PartyRole.END_USER: "End user",
    PartyRole.ORIGINAL_ULTIMATE_CONSIGNEE: "Original ultimate consignee",
}
#: What an entry of an application's history records.
EVENT_KINDS: Mapping[str, str] = {
    "status": "Status changed", "reassign": "Reassigned", "correction": "Correction",
}
#: The kinds of résumé entry.
RESUME_KINDS: Mapping[str, str] = {
    ResumeKind.EDUCATION: "Education", ResumeKind.EMPLOYMENT: "Employment",
    ResumeKind.OTHER: "Other",
}


def label(labels: Mapping[str, str], value: str | None) -> str:
    """``value``'s label in ``labels``; a value the table does not know, as words."""
    if not value:
        return ""
    found = labels.get(value)
    if found is not None:
        return found
    words = value.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def in_sentence(text: str) -> str:
    """A label inside a sentence: "passport", "work authorization (EAD)", but "I-94 …"."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
