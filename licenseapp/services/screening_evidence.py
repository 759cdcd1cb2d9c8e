"""The screening evidence an application carries: for the foreign national and the
applicant, the list snapshot (source, published date, SHA-256), when they were screened,
the result, and every hit with its decision, reviewer, date and note.

Built once, as a plain report section, and printed by both the filing packet
(:mod:`licenseapp.pdf.packet.screening`) and the case record, so the two always agree.
Times are in UTC: the same record gives the same bytes on any machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from licenseapp.domain.forms import recipient_label
from licenseapp.pdf.report_model import ReportSection, ReportTable
from licenseapp.services.screening.dto import (
    Decision,
    HitView,
    ScreeningState,
    SnapshotInfo,
    Subject,
)

if TYPE_CHECKING:
    from licenseapp.store.database import Database

SECTION_TITLE = "Restricted-party screening"
HIT_COLUMNS = ("Party", "Possible match", "Score", "Decision", "Note")
HIT_WIDTHS = (1.2, 3.4, 0.6, 1.9, 2.4)
_DECISIONS = {
    Decision.OPEN: "Unreviewed",
    Decision.ESCALATED: "Escalated",
    Decision.CLEARED: "Cleared (not the same party)",
    Decision.CONFIRMED: "Confirmed match",
}


@dataclass(frozen=True)
class ScreenedParty:
    """One party of an application and where it stands."""

    role: str  # "Foreign national", "Applicant"
    name: str
    ref: str
    state: ScreeningState


def utc(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def result_text(state: ScreeningState) -> str:
    """The result in words: what a reader of the packet needs to know first."""
    if state.screened_at is None:
        return "Not screened."
    if state.confirmed:
        return (f"CONFIRMED MATCH ({len(state.confirmed)}): this party is on a restricted-"
                "party list; the application may not be filed.")
    if state.open_hits:
        n = len(state.open_hits)
        return (f"{n} possible match{'' if n == 1 else 'es'} awaiting a reviewer's decision "
                "(unreviewed or escalated): not ready to file.")
    if state.hits:
        n = len(state.hits)
        return (f"Clear: {n} possible match{'' if n == 1 else 'es'}, each cleared by a "
                "reviewer as not the same party.")
    return "Clear: no possible match on any list."


def _snapshot_lines(snap: SnapshotInfo, whose: str = "") -> list[str]:
    return [f"List snapshot{whose}: {snap.source}, published {snap.published_on:%Y-%m-%d}, "
            f"{snap.entries:,} entries, loaded {utc(snap.loaded_at)}",
            f"Snapshot SHA-256{whose}: {snap.sha256}"]


def _who(party: ScreenedParty) -> str:
    return f"{party.name} ({party.ref})" if party.ref and party.ref != party.name else party.name


def _hit_row(party: ScreenedParty, view: HitView) -> tuple[str, ...]:
    hit = view.hit
    entry = (f"{hit.entry_name}: {hit.list_name} ({hit.list_code}), entry {hit.entry_id}"
             + (f"; programs {', '.join(hit.programs)}" if hit.programs else "")
             + f". Matched {hit.query_name} ~ {hit.matched_name}.")
    decision = _DECISIONS[view.decision]
    if view.decision is not Decision.OPEN:
        decision += f" by {view.decided_by or 'unknown'}, {utc(view.decided_at)}"
    return (f"{party.role}: {party.name}", entry, f"{hit.score:.0f}", decision, view.note)


def evidence_section(parties: Sequence[ScreenedParty]) -> ReportSection | None:
    """One section for the application's parties: the snapshot (once if they share it),
    each party's result, and every possible match with its decision. None without parties."""
    if not parties:
        return None
    snapshots = {p.state.snapshot for p in parties if p.state.snapshot is not None}
    lines: list[str] = []
    if len(snapshots) == 1:
        lines += _snapshot_lines(next(iter(snapshots)))
    for p in parties:
        state = p.state
        if len(snapshots) > 1 and state.snapshot is not None:
            lines += _snapshot_lines(state.snapshot, f" for {p.name}")
        if state.screened_at:  # "not screened" is the whole result of a party never screened
            lines.append(f"{p.role} {_who(p)}: screened {utc(state.screened_at)}. "
                         f"{result_text(state)}")
        else:
            lines.append(f"{p.role} {_who(p)}: not screened.")
    rows = tuple(_hit_row(p, h) for p in parties
                 for h in sorted(p.state.hits, key=lambda h: (-h.hit.score, h.id)))
    table = ReportTable(HIT_COLUMNS, rows, HIT_WIDTHS,
                        empty="No possible match on any list for any party.")
    return ReportSection(SECTION_TITLE, table, tuple(lines))


def application_parties(db: Database, ref: str) -> tuple[ScreenedParty, ...]:
    """The foreign national and the applicant of application ``ref``, with their states."""
    from licenseapp.services.lookup import application_by_ref
    from licenseapp.services.screening.results import screening_state
    from licenseapp.store.models import Organization, Person

    with db.reading() as session:
        app = application_by_ref(session, ref)
        subjects: list[tuple[str, Subject, int, str, str]] = []
        if app.person_id is not None:
            person = session.get(Person, app.person_id)
            if person is not None:
                subjects.append((recipient_label(app.form_code), Subject.PERSON, person.id,
                                 f"{person.given_name} {person.family_name}".strip(),
                                 person.ref))
        org = session.get(Organization, app.organization_id)
        if org is not None:
            subjects.append(("Applicant", Subject.ORGANIZATION, org.id, org.legal_name, ""))
    return tuple(ScreenedParty(role, name, ref_, screening_state(db, subject, subject_id))
                 for role, subject, subject_id, name, ref_ in subjects)


def application_evidence(db: Database, ref: str) -> ReportSection | None:
    """The screening evidence of application ``ref`` (None if it has no parties)."""
    return evidence_section(application_parties(db, ref))
