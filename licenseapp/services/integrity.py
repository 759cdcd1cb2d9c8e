"""``verify``: is the database whole, and has anything changed behind the app's back?

Checks, in order: the database engine's own integrity check (SQLite), the audit trail's hash
chain up to the recorded head, every sealed record against its seal, and every attachment's
bytes against its SHA-256.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from licenseapp.store import audit, seals
from licenseapp.store.database import Database
from licenseapp.store.models import Attachment, AuditEntry, RecordSeal

log = logging.getLogger(__name__)

#: Columns that give a record a name a person recognises.
_LABELS = {"applications": "ref", "people": "ref", "controlled_items": "ref",
           "licenses": "number", "organizations": "legal_name"}
_SINGULAR = {
    "organizations": "organization", "people": "person", "citizenships": "citizenship",
    "person_documents": "person document", "resume_entries": "resume entry",
    "controlled_items": "item", "access_grants": "access grant", "rule_sets": "rule set",
    "applications": "application", "application_items": "application item",
    "application_parties": "application party", "status_events": "status event",
    "licenses": "license", "license_conditions": "license condition",
    "attachments": "attachment", "deadlines": "deadline",
}


@dataclass(frozen=True)
class Finding:
    check: str  # engine, audit, record, attachment
    table: str
    row_id: str
    message: str


@dataclass
class IntegrityReport:
    records_checked: int = 0
    audit_entries_checked: int = 0
    attachments_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def _name(table: str, row: object | None, row_id: str) -> str:
    kind = _SINGULAR.get(table, table)
    label_col = _LABELS.get(table)
    label = getattr(row, label_col, None) if (row is not None and label_col) else None
    return f"{kind} {label} ({table} #{row_id})" if label else f"{kind} #{row_id} ({table})"


def _check_engine(session: Session, report: IntegrityReport) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return
    result = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
    if result != ["ok"]:
        for line in result[:20]:
            report.findings.append(Finding("engine", "", "", f"SQLite integrity: {line}"))
    for row in session.execute(text("PRAGMA foreign_key_check")).fetchall()[:20]:
        report.findings.append(
            Finding("engine", str(row[0]), str(row[1]),
                    f"{row[0]} #{row[1]} refers to a missing {row[2]} row")
        )


def _check_audit(session: Session, report: IntegrityReport) -> None:
    prev = audit.GENESIS
    query = select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5000)
    for entry in session.execute(query).scalars():
        report.audit_entries_checked += 1
        where = (f"audit entry #{entry.id} ({entry.occurred_at:%Y-%m-%d %H:%M} UTC, "
                 f"{entry.actor}: {entry.action} {entry.entity} {entry.entity_id})")
        if entry.prev_hash != prev:
            report.findings.append(Finding(
                "audit", "audit_entries", str(entry.id),
                f"the audit chain is broken at {where}: an entry before it was removed or "
                "replaced"))
            return
        expected = audit.entry_hash(
            entry.prev_hash, entry.occurred_at, entry.actor, entry.action, entry.entity,
            entry.entity_id, entry.summary, entry.before_json, entry.after_json)
        if entry.hash != expected:
            report.findings.append(Finding(
                "audit", "audit_entries", str(entry.id),
                f"the audit chain is broken at {where}: it was changed after it was written"))
            return
        prev = entry.hash
    head = session.execute(
        text("SELECT value FROM licenseapp_meta WHERE key = :k"), {"k": audit.HEAD_KEY}
    ).scalar()
    if (head or audit.GENESIS) != prev:
        report.findings.append(Finding(
            "audit", "audit_entries", "",
            "the audit chain ends before its recorded head: its newest entries were deleted"))


def _check_records(session: Session, report: IntegrityReport,
                   progress: Callable[[str], None] | None) -> None:
    for name in seals.SEALED_TABLES:
        if progress:
            progress(name)
        tbl = seals.table(name)
        sealed = dict(
            session.execute(
                select(RecordSeal.row_id, RecordSeal.row_hash).where(RecordSeal.table_name == name)
            ).all()
        )
        for row in seals.iter_rows(session, tbl):
            report.records_checked += 1
            rid = seals.row_id(tbl, row)
            expected = sealed.pop(rid, None)
            if expected is None:
                report.findings.append(Finding("record", name, rid,
                    f"{_name(name, row, rid)} was added outside LicenseApp"))
            elif expected != seals.row_hash(tbl, row):
                report.findings.append(Finding("record", name, rid,
                    f"{_name(name, row, rid)} was changed outside LicenseApp"))
        for rid in sorted(sealed):
            report.findings.append(Finding("record", name, rid,
                f"{_name(name, None, rid)} was deleted outside LicenseApp"))


def _check_attachments(session: Session, report: IntegrityReport) -> None:
    query = select(Attachment.id, Attachment.sha256, Attachment.content).execution_options(
        yield_per=100)
    for att_id, digest, content in session.execute(query):
        report.attachments_checked += 1
        if hashlib.sha256(bytes(content)).hexdigest() != digest:
            report.findings.append(Finding("attachment", "attachments", str(att_id),
                f"attachment #{att_id}: its bytes no longer match the SHA-256 recorded"))


def verify(db: Database, progress: Callable[[str], None] | None = None) -> IntegrityReport:
    report = IntegrityReport()
    with db.reading() as session:
        _check_engine(session, report)
        _check_audit(session, report)
        _check_records(session, report, progress)
        _check_attachments(session, report)
    log.info("verify: %d records, %d audit entries, %d attachments, %d finding(s)",
             report.records_checked, report.audit_entries_checked,
             report.attachments_checked, len(report.findings))
    return report
