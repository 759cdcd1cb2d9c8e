"""The case record: one application's full record on paper — what it is, the regulator's
clock, its history, its documents, the packet filed (with its SHA-256), the license and its
conditions, and its deadlines (those the deadlines screen shows, the documents of its
foreign national while it is pending, and the regulator's open steps).

The sections are a list (:data:`CASE_SECTIONS`): a new section (screening evidence, say)
joins it with :func:`case_section` and is printed in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from licenseapp.domain import deadlines as dl
from licenseapp.domain.clock_words import clock_lines
from licenseapp.domain.enums import PENDING_STATUSES
from licenseapp.domain.forms import recipient_label
from licenseapp.domain.item_form import kind_label
from licenseapp.domain.record import ApplicationRecord
from licenseapp.pdf.report_model import Report, ReportSection, ReportTable
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.drafts.record_reading import FILED_PACKET_KIND
from licenseapp.services.dto import ApplicationDetail
from licenseapp.services.lookup import application_key
from licenseapp.services.output.packets import application_record
from licenseapp.services.reports.expiring import WATCHED_DOCUMENTS
from licenseapp.services.reports.wording import (
    days,
    days_left,
    report_moment,
    status_label,
    when,
)
from licenseapp.services.screening_evidence import application_evidence
from licenseapp.services.team.review_record import review_section
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Attachment

#: What each kind of attached document is called on paper.
DOCUMENT_KINDS = {
    "passport": "Passport", "visa": "Visa", "work_authorization": "Work authorization",
    "resume": "Résumé", "loe": "Letter of explanation", "tcp": "Technology control plan",
    "nda": "Employee's non-disclosure agreement", "other": "Other",
}


@dataclass(frozen=True)
class FiledPacket:
    sha256: str
    size: int
    kept_at: datetime | None


@dataclass(frozen=True)
class CaseFacts:
    """What the sections print from, read once."""

    detail: ApplicationDetail
    record: ApplicationRecord
    filed: FiledPacket | None
    today: date
    #: The restricted-party screening evidence, the very section the packet prints.
    screening: ReportSection | None = None

    @property
    def pending(self) -> bool:
        return self.detail.row.status in PENDING_STATUSES


Section = Callable[[CaseFacts], ReportSection | None]


def _first_upper(text: str) -> str:
    """"ECJU case reference" stays so ("Ecju" is what ``capitalize`` makes of it)."""
    return text[:1].upper() + text[1:]


def _application(facts: CaseFacts) -> ReportSection:
    d, r = facts.detail, facts.detail.row
    lines = [
        f"Status: {r.status_label} ({r.regulator}, {r.form}) since {when(r.status_changed_at)}",
        f"{_first_upper(facts.record.regulator_ref_name)}: {r.acn or 'not yet assigned'}",
        f"Applicant: {d.organization}",
        f"Owner: {r.owner or '-'}",
    ]
    if d.person:
        native = f" ({d.person.native_name})" if d.person.native_name else ""
        lines.append(f"{recipient_label(r.form)}: {d.person.full_name}{native} "
                     f"[{d.person.ref}]")
    lines += [f"Item: {i.name} ({i.eccn}, {kind_label(i.kind)})" for i in d.items]
    if d.resubmission_of:
        lines.append(f"Resubmits: {d.resubmission_of}")
    if d.license:
        lic = d.license
        lines.append(f"License {lic.number}: issued {lic.issued_on}, expires {lic.expires_on} "
                     f"({lic.state.capitalize()})")
    return ReportSection("Application", lines=tuple(lines))


def _clock(facts: CaseFacts) -> ReportSection | None:
    """The regulator's clock by its own rule: what it means, where it stands."""
    clock = facts.detail.clock
    if clock is None:
        return None
    lines = [f"{line.label}: {line.text}" for line in clock_lines(clock, facts.today)]
    return ReportSection("Regulator's clock", lines=tuple(lines))


def _history(facts: CaseFacts) -> ReportSection:
    regulator = facts.detail.row.regulator
    return ReportSection("History", table=ReportTable(
        ("When (local time)", "From", "To", "By", "Reference", "Note"),
        tuple((when(e.occurred_at), status_label(regulator, e.from_status), e.to_label,
               e.actor, e.reference, e.note) for e in facts.detail.events),
        (1.1, 1.1, 1.3, 0.9, 1.1, 3.5),
    ))


def _documents(facts: CaseFacts) -> ReportSection:
    return ReportSection("Documents", table=ReportTable(
        ("Kind", "File name", "Type", "Size (bytes)", "SHA-256"),
        tuple((DOCUMENT_KINDS.get(a.kind, a.kind.replace("_", " ").capitalize()), a.file_name,
               a.media_type, f"{a.size:,}", a.sha256) for a in facts.record.attachments),
        (1.1, 2.2, 1.3, 0.8, 3.6), empty="No documents attached.",
    ))


def _filed_packet(facts: CaseFacts) -> ReportSection:
    filed = facts.filed
    if filed is None:
        return ReportSection("Filed packet", lines=(
            "No packet filed through LicenseApp (the application was not marked submitted "
            "here).",))
    lines = [f"SHA-256: {filed.sha256}", f"Size: {filed.size:,} bytes"]
    if filed.kept_at is not None:
        lines.append(f"Kept: {when(filed.kept_at)}, when the application was marked submitted")
    return ReportSection("Filed packet", lines=tuple(lines))


def _conditions(facts: CaseFacts) -> ReportSection | None:
    lic = facts.detail.license
    if lic is None or not lic.conditions:
        return None
    return ReportSection("License conditions and riders", table=ReportTable(
        ("Kind", "Text", "Anniversary report"),
        tuple((c.kind.replace("_", " ").capitalize(), c.text,
               "yes" if c.anniversary_report else "") for c in lic.conditions), (0.8, 6, 1)))


def _step_rows(facts: CaseFacts) -> list[tuple[date, str, str]]:
    """The regulator's open steps and its limits or targets, by its own rule, as deadlines
    (past ones included); none for a regulator without a time limit (DDTC)."""
    clock = facts.detail.clock
    if clock is None or clock.ended_on is not None or clock.started_on is None:
        return []
    ref = facts.detail.row.ref
    stopped = f", {days(clock.stopped_days)} stopped" if clock.stopped_days else ""
    return [(r.due_on, f"{ref}: {r.period.what} ({r.period.label}, {r.period.source}"
             f"{stopped if r in clock.limits else ''})", "")
            for r in (*clock.steps, *clock.limits)]


def _person_documents(facts: CaseFacts) -> list[tuple[date, str, str]]:
    """While pending, the foreign national's visa, work authorization and I-94 expiry (the
    deadlines list follows them once a license is held)."""
    person = facts.detail.person
    if person is None or not facts.pending:
        return []
    ref = facts.detail.row.ref
    found = (dl.document_deadline(person.full_name, person.ref, doc.kind, doc.expires_on, ref)
             for doc in person.documents
             if doc.kind in WATCHED_DOCUMENTS and doc.expires_on is not None)
    return [(d.due_on, d.title, "") for d in found]


def _deadlines(facts: CaseFacts) -> ReportSection:
    found = [(x.due_on, x.title, x.state_words()) for x in facts.detail.deadlines]
    titles = {title for _, title, _ in found}
    found += [row for row in _person_documents(facts) if row[1] not in titles]
    found += _step_rows(facts)
    found.sort(key=lambda row: (row[0], row[1]))
    today = facts.today
    return ReportSection("Deadlines", table=ReportTable(
        ("Due", "Days left", "What", "Recorded"),
        tuple((due.isoformat(), days_left((due - today).days), title, state)
              for due, title, state in found),
        (1, 0.9, 6, 1.6), empty="No deadlines."))


def _screening(facts: CaseFacts) -> ReportSection | None:
    return facts.screening


#: The case record's sections, in print order; each returns None when it has nothing to say.
CASE_SECTIONS: list[Section] = [_application, _clock, _history, review_section, _documents,
                                _filed_packet, _conditions, _screening, _deadlines]


def case_section(section: Section, *, before: Section | None = None) -> Section:
    """Add ``section`` to the case record (before ``before``, by default last)."""
    if section not in CASE_SECTIONS:
        at = CASE_SECTIONS.index(before) if before in CASE_SECTIONS else len(CASE_SECTIONS)
        CASE_SECTIONS.insert(at, section)
    return section


def _filed(db: Database, ref: str) -> FiledPacket | None:
    with db.reading() as session:
        row = session.execute(
            select(Application.packet_sha256, Attachment.size, Attachment.created_at)
            .outerjoin(Attachment, (Attachment.application_id == Application.id)
                       & (Attachment.kind == FILED_PACKET_KIND)
                       & (Attachment.sha256 == Application.packet_sha256))
            .where(Application.ref == application_key(ref))
            .order_by(Attachment.id.desc())
        ).first()
    if row is None or not row[0]:
        return None
    return FiledPacket(row[0], row[1] or 0, row[2])


def case_report(db: Database, ref: str) -> Report:
    as_of = report_moment(db)
    detail = get_application(db, ref)
    ref = detail.row.ref
    facts = CaseFacts(detail, application_record(db, ref), _filed(db, ref), db.clock.today(),
                      application_evidence(db, ref))
    sections = tuple(s for s in (section(facts) for section in CASE_SECTIONS) if s is not None)
    return Report(
        "Case record", f"{ref}: the application's full history, documents and deadlines, on "
        f"{facts.today.isoformat()}.", as_of, sections, reference=ref,
        organization=detail.organization,
    )


__all__ = ["CASE_SECTIONS", "CaseFacts", "case_report", "case_section"]
