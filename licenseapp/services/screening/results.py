"""Stored screening results: where a record stands, the hits to review, and decisions.

A decision applies while the record's screened data and the list entry stay as they were
when it was made (both fingerprints are kept with it); then the hit is open again, with
the reason (:attr:`HitView.lapsed`). Decisions are never edited: a new one is added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from licenseapp.domain.days import local_day
from licenseapp.errors import NotFoundError, ValidationError
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.screening.dto import (
    Decision,
    HitView,
    ScreeningState,
    SnapshotInfo,
    Subject,
)
from licenseapp.services.screening.entry_data import hit_from_json
from licenseapp.services.screening.snapshots import snapshot_info
from licenseapp.services.screening.subjects import labels
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import (
    ScreenedSubject,
    ScreeningDecision,
    ScreeningHit,
    ScreeningSnapshot,
)

#: Decisions that need a note saying why.
NOTE_REQUIRED = frozenset({Decision.CLEARED, Decision.CONFIRMED})
_WORDS = {Decision.OPEN: "re-opened", Decision.CLEARED: "cleared",
          Decision.ESCALATED: "escalated", Decision.CONFIRMED: "confirmed as a match"}


def latest_decisions(session: Session, hit_ids: Collection[int]) -> dict[int, ScreeningDecision]:
    if not hit_ids:
        return {}
    newest = (select(func.max(ScreeningDecision.id))
              .where(ScreeningDecision.hit_id.in_(list(hit_ids)))
              .group_by(ScreeningDecision.hit_id))
    return {d.hit_id: d for d in session.execute(
        select(ScreeningDecision).where(ScreeningDecision.id.in_(newest))).scalars()}


def standing(hit: ScreeningHit, decided: ScreeningDecision | None) -> tuple[Decision, str]:
    """The decision that applies to ``hit`` now, and why an earlier one lapsed ("" if not)."""
    if decided is None:
        return Decision.OPEN, ""
    decision = Decision(decided.decision)
    if decided.subject_fingerprint == hit.subject_fingerprint \
            and decided.entry_fingerprint == hit.entry_fingerprint:
        return decision, ""
    if decision is Decision.OPEN:
        return Decision.OPEN, ""
    what = "our record" if decided.subject_fingerprint != hit.subject_fingerprint \
        else "the list entry"
    if what == "our record" and decided.entry_fingerprint != hit.entry_fingerprint:
        what = "our record and the list entry"
    return Decision.OPEN, (f"{_WORDS[decision]} by {decided.decided_by} on "
                           f"{local_day(decided.decided_at).isoformat()}; {what} changed since")


def _views(session: Session, hits: Iterable[ScreeningHit]) -> list[HitView]:
    hits = list(hits)
    decided = latest_decisions(session, [h.id for h in hits])
    names: dict[Subject, dict[int, tuple[str, str]]] = {}
    by_subject: dict[Subject, set[int]] = defaultdict(set)
    for h in hits:
        by_subject[Subject(h.subject)].add(h.subject_id)
    for subject, ids in by_subject.items():
        names[subject] = labels(session, subject, ids)
    out = []
    for h in hits:
        subject = Subject(h.subject)
        label = names[subject].get(h.subject_id)
        if label is None:
            continue  # the record was deleted
        decision, lapsed = standing(h, decided.get(h.id))
        d = decided.get(h.id) if not lapsed and decision is not Decision.OPEN else None
        out.append(HitView(
            id=h.id, subject=subject, subject_id=h.subject_id, subject_ref=label[0],
            subject_name=label[1], hit=hit_from_json(h.data), decision=decision,
            decided_by=d.decided_by if d else None, decided_at=d.decided_at if d else None,
            note=d.note if d else "", snapshot_id=h.snapshot_id, screened_at=h.screened_at,
            lapsed=lapsed, current=h.current))
    return out


def _order(views: list[HitView]) -> list[HitView]:
    return sorted(views, key=lambda v: (-v.hit.score, v.subject_ref, v.hit.list_code,
                                        v.hit.entry_id))


def screening_state(db: Database, subject: Subject, subject_id: int) -> ScreeningState:
    """Where one person or organization stands: when screened, against which list, and
    the hits found by that screening with their decisions."""
    with db.reading() as session:
        return state_in(session, subject, subject_id)


def state_in(session: Session, subject: Subject, subject_id: int) -> ScreeningState:
    row = session.get(ScreenedSubject, (subject.value, subject_id))
    if row is None:
        return ScreeningState(subject, subject_id, None, None, ())
    snapshot = session.get(ScreeningSnapshot, row.snapshot_id)
    info: SnapshotInfo | None = snapshot_info(snapshot) if snapshot else None
    hits = session.execute(select(ScreeningHit).where(
        ScreeningHit.subject == subject.value, ScreeningHit.subject_id == subject_id,
        ScreeningHit.current)).scalars()
    return ScreeningState(subject, subject_id, row.screened_at, info,
                          tuple(_order(_views(session, hits))))


def open_hits(db: Database) -> list[HitView]:
    """Every hit someone must still look at (unreviewed or escalated), every record."""
    with db.reading() as session:
        hits = session.execute(select(ScreeningHit).where(ScreeningHit.current)).scalars()
        return _order([v for v in _views(session, hits)
                       if v.decision in (Decision.OPEN, Decision.ESCALATED)])


def all_hits(db: Database, *, subject: Subject | None = None,
             subject_id: int | None = None) -> list[HitView]:
    """Every hit, decided or not, still found or not; of one kind or one record if given."""
    query = select(ScreeningHit)
    if subject is not None:
        query = query.where(ScreeningHit.subject == subject.value)
    if subject_id is not None:
        query = query.where(ScreeningHit.subject_id == subject_id)
    with db.reading() as session:
        return _order(_views(session, session.execute(query).scalars()))


def decide(db: Database, hit_id: int, decision: Decision, note: str) -> Changes:
    """Record a reviewer's decision on a hit (audited; the actor is the database user)."""
    decision = Decision(decision)
    note = (note or "").strip()
    if decision in NOTE_REQUIRED and not note:
        raise ValidationError("note", f"say why the hit is {_WORDS[decision]}: a note is "
                                      "required (it is kept with the decision)")
    if len(note) > 2000:
        raise ValidationError("note", f"the note is {len(note):,} characters; at most "
                                      "2,000 are kept")
    now = db.clock.now().replace(microsecond=0)
    with db.unit_of_work() as session:
        hit = session.get(ScreeningHit, hit_id)
        if hit is None:
            raise NotFoundError(f"there is no screening hit #{hit_id}")
        before, _lapsed = standing(hit, latest_decisions(session, [hit_id]).get(hit_id))
        subject, subject_id = Subject(hit.subject), hit.subject_id
        ref, _name = labels(session, subject, [hit.subject_id]).get(
            hit.subject_id, (f"#{hit.subject_id}", ""))
        shown = hit_from_json(hit.data)
        session.add(ScreeningDecision(
            hit_id=hit.id, decision=decision.value, note=note, decided_by=db.actor,
            decided_at=now, subject_fingerprint=hit.subject_fingerprint,
            entry_fingerprint=hit.entry_fingerprint))
        session.flush()
        audit.record(session, actor=db.actor, action="screening_decision",
                     entity="screening_hit", entity_id=hit.id,
                     summary=f"{ref} ~ {shown.list_code} {shown.entry_name}: "
                             f"{_WORDS[decision]}",
                     before={"decision": before.value},
                     after={"decision": decision.value, "note": note}, at=now)
    kind = Kind.PEOPLE if subject is Subject.PERSON else Kind.ORGANIZATIONS
    return Changes.of(Kind.SCREENING, [hit_id]) | Changes.of(kind, [subject_id])


__all__ = ["NOTE_REQUIRED", "all_hits", "decide", "open_hits", "screening_state", "standing",
           "state_in"]
