"""Which section of the guide fits what is on screen: a screen of the main window (by its
title in the navigation list), a page of the drafting wizard (by its class) or a dialog (by
its class). The tests check every screen and wizard page maps to a heading of the guide, so
a renamed heading or a new screen without its section fails them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

#: The section for the guide as a whole.
TOP = "licenseapp-guide"

#: Screens of the main window, by their title in the navigation list.
SCREEN_SECTIONS: dict[str, str] = {
    "Dashboard": "dashboard",
    "Applications": "applications",
    "Authorization": "directive-day",
    "Licenses & deadlines": "licenses--deadlines",
    "People": "people",
    "Organizations": "organizations",
    "Items": "controlled-items",
    "Reports": "reports",
    "Screening": "screening",
    "Review & sign-off": "review--sign-off",
}

#: The welcome page of a new database.
WELCOME_SECTION = "getting-started"

#: The drafting wizard's pages, by class name.
WIZARD_SECTIONS: dict[str, str] = {
    "RegulatorPage": "regulator-and-form",
    "ApplicantPage": "applicant",
    "ForeignNationalPage": "foreign-national",
    "DraftItemsPage": "items",
    "EndUsePage": "end-use-and-justification",
    "LettersPage": "letter-of-explanation-and-technology-control-plan",
    "DocumentsPage": "supporting-documents",
    "ReviewPage": "review",
}

#: Dialogs opened for a task, by class name.
DIALOG_SECTIONS: dict[str, str] = {
    "StatusChangeDialog": "file",
    "ReassignDialog": "licenses--deadlines",
    "DeadlineMarkDialog": "licenses--deadlines",
    "DirectiveImpactDialog": "directive-day",
    "PacketPreviewDialog": "print-the-packet",
    "PacketBatchDialog": "print-the-packet",
    "HitReviewDialog": "screening",
    "DecisionDialog": "screening",
    "SettingsDialog": "settings",
    "ImportDialog": "people",
    "PersonDialog": "people",
    "OrganizationDialog": "organizations",
    "ItemDialog": "controlled-items",
    "GrantAccessDialog": "people",
    "VerifyDialog": "settings",
    "AuditHistoryDialog": "file",
    "BulkStatusDialog": "applications",
    "ExportDialog": "finding-your-way",
    "GlobalSearchDialog": "finding-your-way",
    "ChecklistDialog": "check",
    "SupportingDocumentsDialog": "check",
    "BackupDialog": "settings",
    "RestoreDialog": "settings",
}


def wizard_section(page: QWidget | None) -> str:
    """The section for a page of the wizard (the "Draft" section for one not listed)."""
    return WIZARD_SECTIONS.get(type(page).__name__, "draft") if page is not None else "draft"


def window_section(window: QWidget) -> str | None:
    """The section for a dialog or the wizard on view, None for a window the guide does not
    cover."""
    current_page = getattr(window, "currentPage", None)
    if type(window).__name__ == "DraftWizard" and callable(current_page):
        return wizard_section(current_page())
    return DIALOG_SECTIONS.get(type(window).__name__)
