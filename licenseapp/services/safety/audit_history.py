"""The audit trail of a record, or of an application with its child records, for display.

Each entry becomes an :class:`AuditHistoryEntry`: when (UTC), who, what action, on which
record, and the changes field by field (``before → after``), computed from the entry's
before/after JSON. Passport and other document numbers are masked in everything returned
(by field name, and wherever a known document number of the person concerned appears in a
value or a summary), so the view can be shown on a shared screen.

Newest entries come first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.privacy import mask_number
from licenseapp.domain.value_labels import (
    ATTACHMENT_KINDS,
    CITIZENSHIP_BASES,
    DOCUMENT_KINDS,
    PARTY_ROLES,
    label,
)
from licenseapp.services.lookup import application_by_ref, no_application
from licenseapp.services.safety.audit_references import References, references
from licenseapp.store.database import Database
from licenseapp.store.models import (
    AccessGrant,
    Application,
    ApplicationItem,
    ApplicationParty,
    Attachment,
    AuditEntry,
    License,
    LicenseCondition,
    PersonDocument,
    StatusEvent,
)

#: Characters of the entry hash shown (enough to tell entries apart and to quote them).
SHORT_HASH = 12
#: Field values longer than this are shortened (the whole value is in ``full_before/after``).
_LONG = 160

_ENTITY_NAMES: dict[str, str] = {
    "applications": "application", "attachments": "attachment",
    "access_grants": "access_grant", "application_items": "application_item",
    "application_parties": "application_party", "status_events": "status_event",
    "licenses": "license", "license_conditions": "license_condition", "people": "person",
    "person_documents": "person_document", "controlled_items": "item",
    "organizations": "organization", "deadlines": "deadline", "determinations": "determination",
    "packets": "packet",
}
_PLURALS = {singular: plural for plural, singular in _ENTITY_NAMES.items()}

_ACTION_LABELS = {
    "create": "Created", "status": "Status changed", "reassign": "Reassigned",
    "fill": "Letter filled in", "attach": "Document attached", "replace": "Document replaced",
    "remove": "Document removed", "suspend": "Access suspended", "import": "Roster imported",
    "demo": "Demo data loaded", "packet": "Packet generated", "determine": "Determination",
    "update": "Changed", "delete": "Deleted", "retire": "Retired", "reinstate": "Reinstated",
    "grant": "Access granted", "revoke": "Access revoked",
}
_RECORD_LABELS = {
    "application": "application", "attachment": "document", "access_grant": "access",
    "application_item": "item line", "application_party": "party",
    "status_event": "status event", "license": "license", "license_condition": "condition",
    "person": "person", "person_document": "document", "item": "item",
    "determination": "determination", "packet": "packet", "people": "people",
    "database": "database",
}
_FIELD_LABELS = {
    "status": "Status", "from_status": "From status", "to_status": "To status",
    "regulator_ref": "Regulator reference", "license_no": "License number",
    "note": "Note", "owner": "Owner", "acknowledged_warnings": "Warnings acknowledged",
    "packet_sha256": "Packet SHA-256", "sha256": "SHA-256", "file_name": "File name",
    "media_type": "Type", "size": "Size (bytes)", "kind": "Kind", "replaces_id": "Replaces",
    "removed_at": "Removed at", "removed_by": "Removed by", "application": "Application",
    "person_id": "Person", "items": "Items", "ruleset": "Rule set", "regulator": "Regulator",
    "form": "Form", "loe_text": "Letter of explanation", "tcp_text": "Technology control plan",
    "state": "State", "suspended_at": "Suspended at", "by": "By", "reason": "Reason",
    "rows": "Rows", "file": "File", "organization_id": "Applicant", "employer_id": "Employer",
    "item_id": "Item", "application_id": "Application", "license_id": "License",
}
_STATUS_FIELDS = frozenset({"status", "from_status", "to_status"})
#: Fields holding a value of a set, shown by its label ("Kind: Work authorization").
_VALUE_SETS = {"kind": {**ATTACHMENT_KINDS, **DOCUMENT_KINDS}, "basis": CITIZENSHIP_BASES,
               "role": PARTY_ROLES}
#: Field names that hold a passport or other identity-document number.
_SECRET_FIELD = re.compile(
    r"(^|_)(passport|document|doc|visa|i_?94|ead|green_?card|alien)_?(no|num|number)$"
    r"|^passport$",
    re.IGNORECASE,
)
_DOCUMENT_KINDS = frozenset({"passport", "visa", "i94", "ead", "i797", "green_card", "ds2019",
                             "i20", "work_authorization"})
_DOCUMENT_ENTITIES = frozenset({"person_document", "person_documents", "document"})


@dataclass(frozen=True)
class FieldChange:
    """One field of a record: its value before and after (masked, shortened, '' if none)."""

    field: str  # the stored name, e.g. "regulator_ref"
    label: str  # what a user calls it, e.g. "Regulator reference"
    before: str
    after: str

    def text(self) -> str:
        return f"{self.label}: {self.before or '—'} → {self.after or '—'}"


@dataclass(frozen=True)
class AuditHistoryEntry:
    """One audit entry as a user reads it."""

    id: int
    occurred_at: datetime  # UTC
    actor: str
    action: str  # as recorded, e.g. "status"
    action_label: str  # e.g. "Status changed"
    entity: str
    entity_id: str
    record: str  # e.g. "application LA-2026-0001", "document #3"
    summary: str
    changes: tuple[FieldChange, ...]
    hash: str  # the entry's chain hash, short form

    @property
    def changes_text(self) -> str:
        """Every change on its own line, or the summary when nothing was itemised."""
        if self.changes:
            return "\n".join(c.text() for c in self.changes)
        return self.summary


# --- public API --------------------------------------------------------------------------


def record_history(db: Database, table: str, record: str | int) -> list[AuditHistoryEntry]:
    """The audit entries of one record: ``table`` is a table or entity name
    (``applications``/``application``, ``attachments``...), ``record`` its id or, for an
    application, its reference (``LA-2026-0042``). Newest first."""
    entity = _entity(table)
    with db.reading() as session:
        secrets: list[str] = []
        if entity == "application":
            app = _application(session, record)
            ids = [app.ref, str(app.id)]
            secrets = _document_numbers(session, _people_of(session, app))
        else:
            ids = [str(record).strip()]
            if entity in ("person", "person_document"):
                secrets = _document_numbers(session, _person_ids(session, entity, ids[0]))
        rows = session.execute(
            select(AuditEntry)
            .where(AuditEntry.entity.in_(_names(entity)), AuditEntry.entity_id.in_(ids))
            .order_by(AuditEntry.id.desc())
        ).scalars().all()
        refs = references(session, rows)
        return [_entry(row, _Masker(secrets), refs=refs) for row in rows]


def application_audit(db: Database, ref: str) -> list[AuditHistoryEntry]:
    """Every audit entry about application ``ref`` and its child records (items, parties,
    status events, documents, license and conditions, packets, determinations, and the
    suspension of its foreign national's access to its items). Newest first."""
    with db.reading() as session:
        app = _application(session, ref)
        wanted: list[ColumnElement[bool]] = [
            and_(AuditEntry.entity.in_(_names("application")),
                 AuditEntry.entity_id.in_([app.ref, str(app.id)])),
            # Packets, determinations and whatever else is recorded under the reference.
            AuditEntry.entity_id == app.ref,
        ]
        for entity, ids in _children(session, app):
            if ids:
                wanted.append(and_(AuditEntry.entity.in_(_names(entity)),
                                   AuditEntry.entity_id.in_([str(i) for i in ids])))
        mention = f'%"application":"{_like_escape(app.ref)}"%'
        wanted.append(AuditEntry.after_json.like(mention, escape="\\"))
        wanted.append(AuditEntry.before_json.like(mention, escape="\\"))
        rows = session.execute(
            select(AuditEntry).where(or_(*wanted)).order_by(AuditEntry.id.desc())
        ).scalars().all()
        masker = _Masker(_document_numbers(session, _people_of(session, app)))
        labels = _StatusLabels(app.regulator_code)
        refs = references(session, rows)
        return [_without_own_ref(_entry(row, masker, labels, refs), app.ref) for row in rows]


def _without_own_ref(entry: AuditHistoryEntry, ref: str) -> AuditHistoryEntry:
    """A child record's "Application: — → LA-…" says nothing in that application's view."""
    changes = tuple(c for c in entry.changes if not (c.field == "application" and
                                                     ref in (c.after, c.before)))
    return entry if changes == entry.changes else replace(entry, changes=changes)


# --- finding the records -----------------------------------------------------------------


def _entity(table: str) -> str:
    name = table.strip().lower().replace(" ", "_").replace("-", "_")
    return _ENTITY_NAMES.get(name, name)


def _names(entity: str) -> list[str]:
    return [entity, _PLURALS[entity]] if entity in _PLURALS else [entity]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _application(session: Session, record: str | int) -> Application:
    text = str(record).strip()
    if not text.isdigit():
        return application_by_ref(session, text)
    app = session.get(Application, int(text))
    if app is None:
        raise no_application(text)
    return app


def _ids(session: Session, column: Any, *where: ColumnElement[bool]) -> list[int]:
    return [int(i) for i in session.execute(select(column).where(*where)).scalars()]


def _children(session: Session, app: Application) -> list[tuple[str, list[int]]]:
    licenses = _ids(session, License.id, License.application_id == app.id)
    item_ids = _ids(session, ApplicationItem.item_id, ApplicationItem.application_id == app.id)
    grants = (
        _ids(session, AccessGrant.id, AccessGrant.person_id == app.person_id,
             AccessGrant.item_id.in_(item_ids))
        if app.person_id is not None and item_ids else []
    )
    return [
        ("attachment", _ids(session, Attachment.id, Attachment.application_id == app.id)),
        ("application_item",
         _ids(session, ApplicationItem.id, ApplicationItem.application_id == app.id)),
        ("application_party",
         _ids(session, ApplicationParty.id, ApplicationParty.application_id == app.id)),
        ("status_event", _ids(session, StatusEvent.id, StatusEvent.application_id == app.id)),
        ("license", licenses),
        ("license_condition",
         _ids(session, LicenseCondition.id, LicenseCondition.license_id.in_(licenses))
         if licenses else []),
        ("access_grant", grants),
    ]


def _people_of(session: Session, app: Application) -> list[int]:
    people = {app.person_id} if app.person_id is not None else set()
    people.update(
        pid for pid in session.execute(
            select(ApplicationParty.person_id).where(ApplicationParty.application_id == app.id)
        ).scalars() if pid is not None
    )
    return sorted(people)


def _person_ids(session: Session, entity: str, record: str) -> list[int]:
    if not record.isdigit():
        return []
    if entity == "person":
        return [int(record)]
    doc = session.get(PersonDocument, int(record))
    return [doc.person_id] if doc is not None else []


def _document_numbers(session: Session, people: Sequence[int]) -> list[str]:
    if not people:
        return []
    numbers = session.execute(
        select(PersonDocument.number).where(PersonDocument.person_id.in_(people))
    ).scalars()
    return [n.strip() for n in numbers if n and len(n.strip()) >= 4]


# --- turning an entry into what a user reads ----------------------------------------------


class _Masker:
    """Hides document numbers: by field name, and known numbers wherever they appear."""

    def __init__(self, numbers: Iterable[str]) -> None:
        known = sorted(set(numbers), key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(n) for n in known), re.IGNORECASE) if known else None
        )

    def text(self, value: str) -> str:
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(lambda m: mask_number(m.group(0)), value)

    def value(self, key: str, value: Any, *, document: bool = False) -> Any:
        """``value`` with every secret in it masked (recursively for lists and objects)."""
        if isinstance(value, Mapping):
            is_doc = document or str(value.get("kind", "")).lower() in _DOCUMENT_KINDS
            return {k: self.value(str(k), v, document=is_doc) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(key, v, document=document) for v in value]
        if isinstance(value, str):
            if _SECRET_FIELD.search(key) or (document and key.lower() == "number"):
                return mask_number(value)
            return self.text(value)
        return value


class _StatusLabels:
    def __init__(self, regulator: str | None = None) -> None:
        self._regulator = regulator

    def __call__(self, value: str) -> str:
        try:
            status = ApplicationStatus(value)
        except ValueError:
            return value
        if self._regulator:
            try:
                from licenseapp.domain.lifecycle import lifecycle

                return lifecycle(self._regulator).label(status)
            except Exception:  # an unknown regulator: the plain name will do
                pass
        return status.label


def _loads(raw: str) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _as_fields(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    return {"value": value}


def _label(key: str) -> str:
    return _FIELD_LABELS.get(key) or key.replace("_", " ").strip().capitalize()


def _shown(key: str, value: Any, statuses: _StatusLabels, refs: References) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return "; ".join(f"{_label(str(k))}: {_shown(str(k), v, statuses, refs)}"
                         for k, v in value.items() if _shown(str(k), v, statuses, refs))
    if isinstance(value, list | tuple):
        return ", ".join(s for s in (_shown(key, v, statuses, refs) for v in value) if s)
    named = refs.name(key, value)
    if named is not None:
        return named
    text = str(value)
    if key in _VALUE_SETS:
        return label(_VALUE_SETS[key], text)
    if key in _STATUS_FIELDS:
        return statuses(text)
    if key.endswith(("sha256", "hash")) and len(text) > SHORT_HASH:
        return text[:SHORT_HASH] + "…"
    if key.endswith("_at"):
        text = _moment(text)
    text = " ".join(text.split()) if len(text) > _LONG else text
    return text if len(text) <= _LONG else text[: _LONG - 1] + "…"


def _moment(text: str) -> str:
    """An ISO moment as 'YYYY-MM-DD HH:MM UTC' (other text unchanged)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _changes(before: Any, after: Any, masker: _Masker, document: bool,
             statuses: _StatusLabels, refs: References) -> tuple[FieldChange, ...]:
    old = masker.value("", _as_fields(before), document=document)
    new = masker.value("", _as_fields(after), document=document)
    keys = sorted(new, key=lambda k: (k != "status", k not in old, list(new).index(k)))
    if before is not None and after is None:  # removed: what it was
        keys = list(old)
    changes = []
    for key in keys:
        if before is not None and after is not None and key not in new:
            continue
        was = _shown(key, old.get(key), statuses, refs)
        now = _shown(key, new.get(key), statuses, refs)
        if was != now:
            changes.append(FieldChange(key, _label(key), was, now))
    return tuple(changes)


def _record(entity: str, entity_id: str) -> str:
    name = _RECORD_LABELS.get(entity) or _RECORD_LABELS.get(_ENTITY_NAMES.get(entity, ""), "")
    name = name or entity.replace("_", " ")
    return f"{name} #{entity_id}" if entity_id.isdigit() else f"{name} {entity_id}".strip()


def _entry(row: AuditEntry, masker: _Masker, statuses: _StatusLabels | None = None,
           refs: References | None = None) -> AuditHistoryEntry:
    refs = refs or References({})
    document = row.entity in _DOCUMENT_ENTITIES
    return AuditHistoryEntry(
        id=row.id,
        occurred_at=row.occurred_at,
        actor=row.actor,
        action=row.action,
        action_label=_ACTION_LABELS.get(row.action)
        or row.action.replace("_", " ").strip().capitalize(),
        entity=row.entity,
        entity_id=masker.text(row.entity_id),
        record=masker.text(refs.record(row.entity, row.entity_id)
                           or _record(row.entity, row.entity_id)),
        summary=masker.text(row.summary),
        changes=_changes(_loads(row.before_json), _loads(row.after_json), masker, document,
                         statuses or _StatusLabels(), refs),
        hash=row.hash[:SHORT_HASH],
    )
