"""``verify``: is the database whole, and has anything changed behind the app's back?

Checks, in order: the database engine's own integrity check (SQLite), the append-only
triggers against the definitions migration 0002 made, the audit trail's keyed hash chain up to
the recorded head and against this computer's witness of it, every sealed record against its
keyed seal, and every attachment's bytes against its SHA-256. What it cannot vouch for (a
missing key, no witness, someone holding both the database and the key) it says.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.store import audit, keys, seals, team_roles
from licenseapp.store.database import Database
from licenseapp.store.models import Attachment, AuditEntry

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
    "attachment_safety": "attachment safety finding", "team_settings": "team setting",
    "screening_snapshots": "restricted-party list snapshot", "screening_hits": "screening hit",
    "screening_decisions": "screening decision",
    "directive_orders": "directive order", "directive_suspensions": "directive suspension",
}


@dataclass(frozen=True)
class IntegrityFinding:
    """Something the database check found wrong (the application checker's are `Finding`)."""

    check: str  # engine, trigger, key, audit, record, attachment
    table: str
    row_id: str
    message: str


@dataclass
class IntegrityReport:
    records_checked: int = 0
    audit_entries_checked: int = 0
    attachments_checked: int = 0
    findings: list[IntegrityFinding] = field(default_factory=list)
    #: What this check could not vouch for here (a missing key, no witness).
    unvouched: list[str] = field(default_factory=list)
    #: The newest audit entry's hash (the genesis value when there is none).
    chain_head: str = audit.GENESIS
    key_missing: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings and not self.key_missing


#: Said by every ``verify``: what no check inside one computer can rule out.
LIMITS = (
    "Someone holding both the database and its seal key (e.g. an administrator of the "
    "database server who also has the key file) could rewrite the history and re-seal it; "
    "a change made and undone between two checks leaves no trace; a record deleted together "
    "with its seal is not named (its audit entries remain); this computer's witness only "
    "shows what was written from here.")

#: The append-only guards migrations 0002 and 0009 create: (table, action, message).
_GUARDS = (
    ("status_events", "UPDATE", "the status history is append-only; record a correction"),
    ("audit_entries", "UPDATE", "the audit trail is append-only"),
    ("audit_entries", "DELETE", "the audit trail is append-only"),
    ("screening_decisions", "UPDATE", "screening decisions are append-only; record a new one"),
    ("screening_decisions", "DELETE", "screening decisions are append-only; record a new one"),
    ("rule_set_versions", "UPDATE",
     "rule-set versions are kept as recorded; a change is a new version"),
    ("rule_set_versions", "DELETE",
     "rule-set versions are kept as recorded; a change is a new version"),
    ("determinations", "UPDATE", "determinations are kept as answered; record a new one"),
    ("determinations", "DELETE", "determinations are kept as answered; record a new one"),
)
_REFUSE_FUNCTION_BODY = "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END;"


def _name(table: str, label: object | None, row_id: str) -> str:
    """A record as a person recognises it: its kind and label (reference, number or name)."""
    kind = _SINGULAR.get(table, table)
    return f"{kind} {label} ({table} #{row_id})" if label else f"{kind} #{row_id} ({table})"


def _engine_findings(connection: Connection | Session) -> list[IntegrityFinding]:
    """SQLite's own checks: the file's integrity and the foreign keys."""
    findings = []
    result = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
    if result != ["ok"]:
        for line in result[:20]:
            findings.append(IntegrityFinding("engine", "", "", f"SQLite integrity: {line}"))
    for row in connection.execute(text("PRAGMA foreign_key_check")).fetchall()[:20]:
        findings.append(
            IntegrityFinding("engine", str(row[0]), str(row[1]),
                             f"{row[0]} #{row[1]} refers to a missing {row[2]} row")
        )
    return findings


def _engine_findings_apart(db: Database) -> list[IntegrityFinding]:
    with db.engine.connect() as connection:
        return _engine_findings(connection)


def _start_engine_check(db: Database, pool: ThreadPoolExecutor
                        ) -> Future[list[IntegrityFinding]] | None:
    """A SQLite file's own checks on a connection of their own, in a thread, while the
    rest is checked (SQLite runs them without holding Python's lock: a second core does
    them); None for an in-memory database (checked in line) or PostgreSQL (none)."""
    if db.dialect != "sqlite" or db.location.sqlite_path is None:
        return None
    return pool.submit(_engine_findings_apart, db)


def _expected_triggers(dialect: str) -> dict[str, str]:
    out = {}
    for table, action, message in _GUARDS:
        name = f"trg_{table}_no_{action.lower()}"
        if dialect == "sqlite":
            out[name] = (f"CREATE TRIGGER {name} BEFORE {action} ON {table} "
                         f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
        else:
            out[name] = (f"CREATE TRIGGER {name} BEFORE {action} ON {table} FOR EACH ROW "
                         f"EXECUTE FUNCTION licenseapp_refuse_change('{message}')")
    return out


def _check_triggers(session: Session, report: IntegrityReport) -> None:
    """The append-only triggers are there, as made, and no other trigger was added."""
    dialect = session.get_bind().dialect.name
    expected = _expected_triggers(dialect)
    if dialect == "postgresql" and team_roles.is_team_database(session.connection()):
        expected |= team_roles.TEAM_TRIGGERS  # identity and four eyes (admin setup)
    if dialect == "sqlite":
        found = {str(n): " ".join(str(sql).split()) for n, sql in session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))}
    elif dialect == "postgresql":
        found = {}
        for name, enabled, definition in session.execute(text(
                "SELECT t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
                "AND pg_table_is_visible(c.oid)")):
            shown = " ".join(str(definition).split()).replace(" ON public.", " ON ")
            found[str(name)] = shown if enabled != "D" else f"(disabled) {shown}"
        bodies = [" ".join(str(b).split()) for b in session.execute(text(
            "SELECT prosrc FROM pg_proc WHERE proname = 'licenseapp_refuse_change'")).scalars()]
        if bodies != [_REFUSE_FUNCTION_BODY]:
            report.findings.append(IntegrityFinding(
                "trigger", "", "licenseapp_refuse_change",
                "the function behind the append-only triggers (licenseapp_refuse_change) was "
                "changed or dropped outside LicenseApp"))
    else:
        return
    for name, definition in expected.items():
        table = name.removeprefix("trg_").rsplit("_no_", 1)[0]
        what = f"the trigger {name} that keeps {table} append-only"
        if name not in found:
            report.findings.append(IntegrityFinding("trigger", table, name,
                                                    f"{what} was dropped outside LicenseApp"))
        elif found[name] != definition:
            report.findings.append(IntegrityFinding("trigger", table, name,
                                                    f"{what} was altered outside LicenseApp"))
    for name in sorted(set(found) - set(expected)):
        report.findings.append(IntegrityFinding("trigger", "", name,
            f"a trigger LicenseApp did not create ({name}) was added outside LicenseApp"))


def _check_audit(session: Session, report: IntegrityReport, found: keys.KeyContext) -> None:
    key = found.key
    legacy_through = 0
    if key is not None and found.database_id is not None:
        mark = session.execute(text("SELECT value FROM licenseapp_meta WHERE key = :k"),
                               {"k": keys.CHAIN_KEYED_KEY}).scalar()
        through = keys.last_legacy_audit_id(mark, key, found.database_id)
        if through is None:
            report.findings.append(IntegrityFinding(
                "audit", "licenseapp_meta", keys.CHAIN_KEYED_KEY,
                "the mark of where the keyed audit chain begins was changed or removed "
                "outside LicenseApp"))
        legacy_through = through or 0
    prev = audit.GENESIS
    chain: dict[int, str] = {}
    broken = False
    query = select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5000)
    for entry in session.execute(query).scalars():
        report.audit_entries_checked += 1
        where = (f"audit entry #{entry.id} ({entry.occurred_at:%Y-%m-%d %H:%M} UTC, "
                 f"{entry.actor}: {entry.action} {entry.entity} {entry.entity_id})")
        if entry.prev_hash != prev:
            report.findings.append(IntegrityFinding(
                "audit", "audit_entries", str(entry.id),
                f"the audit chain is broken at {where}: an entry before it was removed or "
                "replaced"))
            broken = True
            break
        fields = (entry.prev_hash, entry.occurred_at, entry.actor, entry.action, entry.entity,
                  entry.entity_id, entry.summary, entry.before_json, entry.after_json)
        if key is not None:
            valid = entry.hash == audit.entry_hash(*fields, key) or (
                entry.id <= legacy_through and entry.hash == audit.entry_hash(*fields))
            if not valid:
                report.findings.append(IntegrityFinding(
                    "audit", "audit_entries", str(entry.id),
                    f"the audit chain is broken at {where}: it was changed after it was "
                    "written (or written without the seal key)"))
                broken = True
                break
        prev = entry.hash
        chain[entry.id] = entry.hash
    report.chain_head = prev
    if broken:
        return
    head = session.execute(
        text("SELECT value FROM licenseapp_meta WHERE key = :k"), {"k": audit.HEAD_KEY}
    ).scalar()
    if (head or audit.GENESIS) != prev:
        report.findings.append(IntegrityFinding(
            "audit", "audit_entries", "",
            "the audit chain ends before its recorded head: its newest entries were deleted"))
        return
    if found.database_id is None:
        return
    witness = keys.read_witness(found.database_id)
    if witness is None:
        if chain:
            report.unvouched.append(
                "this computer holds no witness of the audit trail (nothing was written from "
                "here yet): deleting its newest entries inside the database could go unnoticed")
        return
    if chain.get(witness.last_id) != witness.hash:
        report.findings.append(IntegrityFinding(
            "audit", "audit_entries", str(witness.last_id),
            f"the audit trail no longer holds entry #{witness.last_id} as this computer saw it "
            f"written ({witness.written_at}, {witness.hash[:12]}): entries were deleted or the "
            "chain rewritten (or this is an older copy of the database)"))


def _check_records(session: Session, report: IntegrityReport,
                   progress: Callable[[str], None] | None, key: bytes) -> None:
    for name in seals.SEALED_TABLES:
        if progress:
            progress(name)
        seal = seals.TableSeal(seals.table(name), key)
        unchanged = _unchanged_rows(session, seal)
        if unchanged is not None:
            report.records_checked += unchanged
        else:
            _check_table(session, report, seal)


def _unchanged_rows(session: Session, seal: seals.TableSeal) -> int | None:
    """The number of rows when each row of the table matches the seal stored for it and no
    other seal is stored, compared as text in the ids' order (the usual case); None when
    not (or the table is not keyed by an integer): then :func:`_check_table` names them."""
    stored = seals.seals_in_order(session, seal.table)
    if stored is None:
        return None
    with closing(seal.batches(session)) as batches:
        for _rows, ids, digests in batches:
            if not stored.match(ids, digests):
                return None
    return stored.rows if stored.complete() else None


def _check_table(session: Session, report: IntegrityReport, seal: seals.TableSeal) -> None:
    """Each row of one table against the seal stored for its id, and the seals of rows
    gone: what was changed, added or deleted outside LicenseApp, by name."""
    name = seal.name
    sealed = seals.stored_seals(session, name)
    label = seal.names.index(_LABELS[name]) if name in _LABELS else None
    found = 0  # stored seals met
    for rows, ids, digests in seal.batches(session):
        report.records_checked += len(ids)
        expected = list(map(sealed.get, ids))
        if expected == digests:  # the usual case, compared in C
            found += len(ids)
            continue
        found += len(ids) - expected.count(None)
        for i, (stored, digest) in enumerate(zip(expected, digests, strict=True)):
            if stored == digest:
                continue
            rid, shown = ids[i], rows[i][label] if label is not None else None
            what = "added outside LicenseApp" if stored is None else \
                "changed outside LicenseApp"
            report.findings.append(IntegrityFinding(
                "record", name, rid, f"{_name(name, shown, rid)} was {what}"))
    if found < len(sealed):  # rare: find which rows have gone
        for ids in seal.row_ids(session):
            for rid in ids:
                sealed.pop(rid, None)
        for rid in sorted(sealed):
            report.findings.append(IntegrityFinding("record", name, rid,
                f"{_name(name, None, rid)} was deleted outside LicenseApp"))


def _check_attachments(session: Session, report: IntegrityReport) -> None:
    query = select(Attachment.id, Attachment.sha256, Attachment.content).execution_options(
        yield_per=100)
    for att_id, digest, content in session.execute(query):
        report.attachments_checked += 1
        if hashlib.sha256(bytes(content)).hexdigest() != digest:
            report.findings.append(IntegrityFinding("attachment", "attachments", str(att_id),
                f"attachment #{att_id}: its bytes no longer match the SHA-256 recorded"))


def verify(db: Database, progress: Callable[[str], None] | None = None) -> IntegrityReport:
    report = IntegrityReport()
    with ThreadPoolExecutor(max_workers=1) as pool:
        engine_check = _start_engine_check(db, pool)
        _check_database(db, report, progress, engine_check is None)
        if engine_check is not None:  # first, as when checked in line
            report.findings[:0] = engine_check.result()
    log.info("verify: %d records, %d audit entries, %d attachments, %d finding(s)%s",
             report.records_checked, report.audit_entries_checked,
             report.attachments_checked, len(report.findings),
             ", seal key missing" if report.key_missing else "")
    return report


def _check_database(db: Database, report: IntegrityReport,
                    progress: Callable[[str], None] | None, engine_in_line: bool) -> None:
    with db.reading() as session:
        found = keys.context(session)
        if engine_in_line and db.dialect == "sqlite":
            report.findings.extend(_engine_findings(session))
        _check_triggers(session, report)
        if found.key is None:
            report.key_missing = True
            where = found.key_path or "(this database has no id)"
            report.unvouched.append(
                f"the seal key {where} is missing, so the record seals and the audit chain "
                "cannot be checked: changes made outside LicenseApp would not show (restore "
                "the key file, or for PostgreSQL set LICENSEAPP_SEAL_KEY_FILE)")
        _check_audit(session, report, found)
        if found.key is not None:
            _check_records(session, report, progress, found.key)
        _check_attachments(session, report)


@dataclass(frozen=True)
class ResealResult:
    records: int
    changed: tuple[str, ...]  # what verify named before re-sealing
    audit_id: int


def reseal(db: Database, reason: str, actor: str) -> ResealResult:
    """Accept every record as it is now: re-seal all of them, in one unit of work with an
    audit entry that says who, why and what verify named before. Needs the seal key."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "say why the records are re-sealed")
    before = IntegrityReport()
    with db.reading() as session:
        found = keys.context(session)
        if found.key is None:
            raise LicenseAppError(
                f"the seal key {found.key_path} is missing; without it nothing can be sealed")
        _check_records(session, before, None, found.key)
    changed = tuple(f.message for f in before.findings)
    with db.unit_of_work() as session:
        count = seals.seal_tables(session)
        entry = audit.record(
            session, actor=actor, action="reseal", entity="database",
            entity_id=found.database_id or "", summary=reason,
            after={"records_sealed": count, "changed_outside": list(changed[:500]),
                   "changed_outside_total": len(changed)})
        session.flush()
        audit_id = entry.id
    log.info("re-sealed %d records (%d named by verify): %s", count, len(changed), reason)
    return ResealResult(count, changed, audit_id)
