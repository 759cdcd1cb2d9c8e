"""The persistent records (see "Data" in DESIGN.md)."""

from licenseapp.store.base import Base
from licenseapp.store.models.applications import (
    Application,
    ApplicationItem,
    ApplicationParty,
    StatusEvent,
)
from licenseapp.store.models.catalog import ControlledItem, FormTypeRow, RegulatorRow, RuleSetRef
from licenseapp.store.models.determinations import RuleSetVersion, StoredDetermination
from licenseapp.store.models.directive_orders import DirectiveOrder, DirectiveSuspension
from licenseapp.store.models.licenses import License, LicenseCondition
from licenseapp.store.models.organizations import Organization
from licenseapp.store.models.people import (
    AccessGrant,
    Citizenship,
    Person,
    PersonDocument,
    ResumeEntry,
)
from licenseapp.store.models.records import (
    AppMeta,
    Attachment,
    AttachmentSafety,
    AuditEntry,
    MarkedDeadline,
    RecordSeal,
)
from licenseapp.store.models.screening import (
    ScreenedSubject,
    ScreeningDecision,
    ScreeningEntry,
    ScreeningHit,
    ScreeningSnapshot,
)
from licenseapp.store.models.settings import TeamSetting

__all__ = [
    "AccessGrant",
    "AppMeta",
    "Application",
    "ApplicationItem",
    "ApplicationParty",
    "Attachment",
    "AttachmentSafety",
    "AuditEntry",
    "Base",
    "Citizenship",
    "ControlledItem",
    "DirectiveOrder",
    "DirectiveSuspension",
    "FormTypeRow",
    "License",
    "LicenseCondition",
    "MarkedDeadline",
    "Organization",
    "Person",
    "PersonDocument",
    "RecordSeal",
    "RegulatorRow",
    "ResumeEntry",
    "RuleSetRef",
    "RuleSetVersion",
    "ScreenedSubject",
    "ScreeningDecision",
    "ScreeningEntry",
    "ScreeningHit",
    "ScreeningSnapshot",
    "StatusEvent",
    "StoredDetermination",
    "TeamSetting",
]
