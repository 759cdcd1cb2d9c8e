"""The vocabularies of the domain, as the command line and JSON spell them."""

from __future__ import annotations

from enum import StrEnum


class ApplicationStatus(StrEnum):
    """Application statuses (BIS names; other regulators map onto these)."""

    DRAFT = "draft"
    INTERNAL_REVIEW = "internal_review"
    READY = "ready"
    SUBMITTED = "submitted"
    RETURNED_UNREGISTERED = "returned_unregistered"
    REGISTERED = "registered"
    INFO_REQUESTED = "info_requested"
    REFERRED = "referred"
    ESCALATED = "escalated"
    INTENT_TO_DENY = "intent_to_deny"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    PARTIALLY_APPROVED = "partially_approved"
    DENIED = "denied"
    APPEALED = "appealed"
    RETURNED_WITHOUT_ACTION = "returned_without_action"
    LICENSE_NOT_REQUIRED = "license_not_required"
    WITHDRAWN = "withdrawn"
    # The clock-stopping periods of 15 CFR 750.4(b) besides an information request.
    PRE_LICENSE_CHECK = "pre_license_check"
    AWAITING_ASSURANCES = "awaiting_assurances"
    APPLICANT_DELAY = "applicant_delay"
    MULTILATERAL_REVIEW = "multilateral_review"
    GOVERNMENT_CONSULTATION = "government_consultation"
    # Other regulators' own steps (DDTC: 22 CFR 126.7; ECJU: LITE's case statuses).
    RECONSIDERATION = "reconsideration"
    CLOSED = "closed"
    APPLICANT_EDITING = "applicant_editing"
    FINAL_REVIEW = "final_review"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    SURRENDERED = "surrendered"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS: dict[ApplicationStatus, str] = {
    ApplicationStatus.DRAFT: "Draft",
    ApplicationStatus.INTERNAL_REVIEW: "Internal review",
    ApplicationStatus.READY: "Ready to file",
    ApplicationStatus.SUBMITTED: "Submitted",
    ApplicationStatus.RETURNED_UNREGISTERED: "Returned unregistered",
    ApplicationStatus.REGISTERED: "Registered",
    ApplicationStatus.INFO_REQUESTED: "Information requested",
    ApplicationStatus.REFERRED: "Referred to agencies",
    ApplicationStatus.ESCALATED: "Escalated",
    ApplicationStatus.INTENT_TO_DENY: "Intent to deny",
    ApplicationStatus.APPROVED: "Approved",
    ApplicationStatus.APPROVED_WITH_CONDITIONS: "Approved with conditions",
    ApplicationStatus.PARTIALLY_APPROVED: "Partially approved",
    ApplicationStatus.DENIED: "Denied",
    ApplicationStatus.APPEALED: "Appealed",
    ApplicationStatus.RETURNED_WITHOUT_ACTION: "Returned without action",
    ApplicationStatus.LICENSE_NOT_REQUIRED: "License not required",
    ApplicationStatus.WITHDRAWN: "Withdrawn",
    ApplicationStatus.PRE_LICENSE_CHECK: "Pre-license check",
    ApplicationStatus.AWAITING_ASSURANCES: "Awaiting government assurances",
    ApplicationStatus.APPLICANT_DELAY: "Delay agreed by the applicant",
    ApplicationStatus.MULTILATERAL_REVIEW: "Multilateral review",
    ApplicationStatus.GOVERNMENT_CONSULTATION: "Consulting other governments",
    ApplicationStatus.RECONSIDERATION: "Reconsideration requested",
    ApplicationStatus.CLOSED: "Closed",
    ApplicationStatus.APPLICANT_EDITING: "Applicant editing",
    ApplicationStatus.FINAL_REVIEW: "Under final review",
    ApplicationStatus.SUSPENDED: "License suspended",
    ApplicationStatus.REVOKED: "License revoked",
    ApplicationStatus.SURRENDERED: "License surrendered",
}

#: Statuses after which the regulator has nothing more to decide.
CLOSED_STATUSES: frozenset[ApplicationStatus] = frozenset(
    {
        ApplicationStatus.APPROVED,
        ApplicationStatus.APPROVED_WITH_CONDITIONS,
        ApplicationStatus.PARTIALLY_APPROVED,
        ApplicationStatus.DENIED,
        ApplicationStatus.RETURNED_WITHOUT_ACTION,
        ApplicationStatus.LICENSE_NOT_REQUIRED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.CLOSED,
        ApplicationStatus.SUSPENDED,
        ApplicationStatus.REVOKED,
        ApplicationStatus.SURRENDERED,
    }
)

#: Statuses that end in a license being issued.
LICENSED_STATUSES: frozenset[ApplicationStatus] = frozenset(
    {
        ApplicationStatus.APPROVED,
        ApplicationStatus.APPROVED_WITH_CONDITIONS,
        ApplicationStatus.PARTIALLY_APPROVED,
    }
)

#: Statuses that record the regulator's action on an issued license (LITE's suspended,
#: revoked, surrendered), and the license state each leaves.
LICENSE_ACTION_STATUSES: dict[ApplicationStatus, str] = {
    ApplicationStatus.SUSPENDED: "suspended",
    ApplicationStatus.REVOKED: "revoked",
    ApplicationStatus.SURRENDERED: "surrendered",
}

#: Statuses where the application sits with the regulator.
PENDING_STATUSES: frozenset[ApplicationStatus] = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REGISTERED,
        ApplicationStatus.INFO_REQUESTED,
        ApplicationStatus.REFERRED,
        ApplicationStatus.ESCALATED,
        ApplicationStatus.INTENT_TO_DENY,
        ApplicationStatus.APPEALED,
        ApplicationStatus.PRE_LICENSE_CHECK,
        ApplicationStatus.AWAITING_ASSURANCES,
        ApplicationStatus.APPLICANT_DELAY,
        ApplicationStatus.MULTILATERAL_REVIEW,
        ApplicationStatus.GOVERNMENT_CONSULTATION,
        ApplicationStatus.RECONSIDERATION,
        ApplicationStatus.APPLICANT_EDITING,
        ApplicationStatus.FINAL_REVIEW,
    }
)


class ImmigrationStatus(StrEnum):
    """A person's U.S. immigration status."""

    CITIZEN = "citizen"
    LPR = "lpr"
    PROTECTED = "protected"
    H1B = "h1b"
    L1 = "l1"
    O1 = "o1"
    F1 = "f1"
    J1 = "j1"
    TN = "tn"
    E3 = "e3"
    B1B2 = "b1b2"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _IMMIGRATION_LABELS[self]


_IMMIGRATION_LABELS: dict[ImmigrationStatus, str] = {
    ImmigrationStatus.CITIZEN: "U.S. citizen",
    ImmigrationStatus.LPR: "Lawful permanent resident",
    ImmigrationStatus.PROTECTED: "Protected individual (asylee/refugee)",
    ImmigrationStatus.H1B: "H-1B",
    ImmigrationStatus.L1: "L-1",
    ImmigrationStatus.O1: "O-1",
    ImmigrationStatus.F1: "F-1",
    ImmigrationStatus.J1: "J-1",
    ImmigrationStatus.TN: "TN",
    ImmigrationStatus.E3: "E-3",
    ImmigrationStatus.B1B2: "B-1/B-2",
    ImmigrationStatus.OTHER: "Other",
}


class Regulator(StrEnum):
    BIS = "BIS"
    DDTC = "DDTC"
    ECJU = "ECJU"


class FormType(StrEnum):
    BIS_748P = "BIS-748P"
    DSP_5 = "DSP-5"
    SIEL = "SIEL"


#: Which form each regulator takes for a foreign-national access application.
FORM_OF_REGULATOR: dict[Regulator, FormType] = {
    Regulator.BIS: FormType.BIS_748P,
    Regulator.DDTC: FormType.DSP_5,
    Regulator.ECJU: FormType.SIEL,
}


class Regime(StrEnum):
    EAR = "EAR"
    ITAR = "ITAR"
    UK = "UK"
    EU = "EU"


class ItemKind(StrEnum):
    TECHNOLOGY = "technology"
    SOURCE_CODE = "source_code"
    AI_MODEL_ACCESS = "ai_model_access"
    TECHNICAL_DATA = "technical_data"
    DEFENSE_SERVICE = "defense_service"


class DocumentKind(StrEnum):
    """Immigration and identity documents a person holds."""

    PASSPORT = "passport"
    VISA = "visa"
    I94 = "i94"
    EAD = "ead"
    I797 = "i797"
    GREEN_CARD = "green_card"
    DS2019 = "ds2019"
    I20 = "i20"


class AttachmentKind(StrEnum):
    PASSPORT = "passport"
    VISA = "visa"
    WORK_AUTHORIZATION = "work_authorization"
    RESUME = "resume"
    LOE = "loe"
    TCP = "tcp"
    NDA = "nda"  # the employee's non-disclosure agreement (DDTC)
    OTHER = "other"


class ResumeKind(StrEnum):
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    OTHER = "other"


class GrantState(StrEnum):
    """What was recorded about a person's access to an item (the authorization is derived)."""

    REQUESTED = "requested"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class LicenseState(StrEnum):
    """An issued license as a user sees it on a day (see :mod:`licenseapp.domain.licenses`)."""

    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    SURRENDERED = "surrendered"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PartyRole(StrEnum):
    APPLICANT = "applicant"
    OTHER_PARTY = "other_party"
    PURCHASER = "purchaser"
    INTERMEDIATE_CONSIGNEE = "intermediate_consignee"
    ULTIMATE_CONSIGNEE = "ultimate_consignee"
    END_USER = "end_user"
    ORIGINAL_ULTIMATE_CONSIGNEE = "original_ultimate_consignee"


class AccessMode(StrEnum):
    """How a person reaches an AI model: the release of its weights, its use, or tuning it."""

    PARAMETERS = "parameters"  # release of the parameters (weights)
    USE = "use"  # use of the model, e.g. inference through an API or chat
    FINE_TUNING = "fine_tuning"

