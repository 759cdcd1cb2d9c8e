"""What screening says before an application is filed: an unreviewed or escalated hit, or
a confirmed match, on its foreign national or applicant is an error (it blocks "ready to
file"); a party not screened against the current list is a warning."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain.checker import Finding
from licenseapp.domain.checker.findings import Severity, Target
from licenseapp.services.screening.dto import Decision, ScreeningState, Subject
from licenseapp.services.screening.results import state_in
from licenseapp.services.screening.snapshots import current_row
from licenseapp.services.screening.subjects import labels
from licenseapp.store.database import Database
from licenseapp.store.models import Application

SOURCE = "15 CFR 744 (Entity List), 764 (Denied Persons), 31 CFR 501 (OFAC)"
_ROLES = {Subject.PERSON: ("foreign_national", "the foreign national"),
          Subject.ORGANIZATION: ("applicant", "the applicant")}
_TARGETS = {Subject.PERSON: Target("screening.person"),
            Subject.ORGANIZATION: Target("screening.organization")}


def _findings(state: ScreeningState, name: str, current_sha: str) -> list[Finding]:
    section, role = _ROLES[state.subject]
    found = []
    for view in state.hits:
        hit = view.hit
        entry = f"{hit.list_code} entry “{hit.entry_name}” ({hit.entry_id}, score {hit.score:.0f})"
        if view.decision is Decision.CONFIRMED:
            found.append(Finding(
                Severity.ERROR, section, "screening", "screening-confirmed-match",
                f"{name}, {role}, is a confirmed match of the {entry}"
                + (f": {view.note}" if view.note else ""), SOURCE,
                "Do not file: a confirmed restricted party needs the compliance officer's "
                "decision on the whole transaction", _TARGETS[state.subject]))
        elif view.decision in (Decision.OPEN, Decision.ESCALATED):
            what = "an escalated" if view.decision is Decision.ESCALATED else "an unreviewed"
            found.append(Finding(
                Severity.ERROR, section, "screening", "screening-open-hit",
                f"{name}, {role}, has {what} screening hit: the {entry}"
                + (f" ({view.lapsed})" if view.lapsed else ""), SOURCE,
                "Review the hit on the Screening screen: clear it with a note, or confirm it",
                _TARGETS[state.subject]))
    if state.snapshot is None or state.snapshot.sha256 != current_sha:
        found.append(Finding(
            Severity.WARNING, section, "screening", "screening-not-current",
            f"{name}, {role}, was not screened against the current restricted-party list"
            + (f" (last against the list of {state.snapshot.published_on.isoformat()})"
               if state.snapshot else ""), SOURCE, "Screen the record again",
            _TARGETS[state.subject]))
    return found


def findings_in(session: Session, ref: str) -> list[Finding]:
    """The screening findings of application ``ref`` (none while no list was ever loaded)."""
    current = current_row(session)
    app = session.execute(select(Application).where(Application.ref == ref)).scalar_one_or_none()
    if current is None or app is None:
        return []
    found = []
    parties = [(Subject.ORGANIZATION, app.organization_id)]
    if app.person_id is not None:
        parties.insert(0, (Subject.PERSON, app.person_id))
    for subject, subject_id in parties:
        state = state_in(session, subject, subject_id)
        name = next((h.subject_name for h in state.hits), "") or _name(session, subject,
                                                                        subject_id)
        found += _findings(state, name, current.sha256)
    return found


def _name(session: Session, subject: Subject, subject_id: int) -> str:

    return labels(session, subject, [subject_id]).get(subject_id, ("", f"#{subject_id}"))[1]


def screening_findings(db: Database, ref: str) -> list[Finding]:
    with db.reading() as session:
        return findings_in(session, ref)
