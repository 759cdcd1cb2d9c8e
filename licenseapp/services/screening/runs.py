"""Screening runs: a name ad hoc (nothing stored), one record, the records just saved or
imported (in the same unit of work, batched), and everyone against a new list snapshot.

A re-screen keeps each hit's row (its decisions hang on it): a hit found again with the
same record data and list entry is unchanged and a decision on it still applies; one whose
entry or record changed, or that is found again after it was gone, comes back to attention.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain.screening.matching import Match, NameIndex, Query
from licenseapp.domain.settings import SCREENING_THRESHOLD
from licenseapp.errors import NotFoundError, ValidationError
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.screening.dto import (
    Hit,
    RescreenResult,
    ScoreFactor,
    ScreeningState,
    Subject,
)
from licenseapp.services.screening.entry_data import hit_json
from licenseapp.services.screening.index_cache import index_for
from licenseapp.services.screening.results import state_in
from licenseapp.services.screening.snapshots import current_row, ensure_snapshot
from licenseapp.services.screening.subjects import Screened, all_ids, screened
from licenseapp.services.team_settings import team_value
from licenseapp.store.database import Database, clock_of
from licenseapp.store.models import ScreenedSubject, ScreeningHit, ScreeningSnapshot

_CHUNK = 500


def as_hit(match: Match) -> Hit:
    e = match.entry
    return Hit(score=match.score, list_code=e.list_code, list_name=e.list_name,
               entry_id=e.entry_id, entry_name=e.name, matched_name=match.matched_name,
               query_name=match.query_name, programs=e.programs, countries=e.countries,
               source_url=e.source_url,
               explanation=tuple(ScoreFactor(f.label, f.effect) for f in match.factors))


def _threshold(session: Session) -> float:
    return float(team_value(session, SCREENING_THRESHOLD))


def screen_name(db: Database, name: str, *, country: str | None = None,
                dob: date | None = None) -> list[Hit]:
    """Screen a name that is not a record (a visitor, a prospective hire): the hits, best
    first. Nothing is stored."""
    if not name.strip():
        raise ValidationError("name", "give a name to screen")
    ensure_snapshot(db)
    with db.reading() as session:
        snapshot = current_row(session)
        assert snapshot is not None
        index = index_for(session, snapshot)
        query = Query((name.strip(),), "", (country.strip().upper(),) if country else (), dob)
        return [as_hit(m) for m in index.search(query, _threshold(session))]


@dataclass
class _Tally:
    screened: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    gone: int = 0
    hits: set[int] = field(default_factory=set)
    records: dict[Subject, set[int]] = field(default_factory=lambda: defaultdict(set))

    def touched(self, hit: ScreeningHit) -> None:
        self.hits.add(hit.id)
        self.records[Subject(hit.subject)].add(hit.subject_id)

    def changes(self) -> Changes:
        found = Changes.of(Kind.SCREENING, self.hits)
        found |= Changes.of(Kind.PEOPLE, self.records.get(Subject.PERSON, ()))
        return found | Changes.of(Kind.ORGANIZATIONS, self.records.get(Subject.ORGANIZATION, ()))


def _screen(session: Session, snapshot: ScreeningSnapshot, index: NameIndex,
            records: Sequence[Screened], tally: _Tally) -> None:
    """Screen ``records`` (all of one kind) against ``snapshot`` and store the results."""
    if not records:
        return
    subject = records[0].subject
    ids = [r.subject_id for r in records]
    now = clock_of(session).now().replace(microsecond=0)
    threshold = _threshold(session)
    stored: dict[int, dict[tuple[str, str], ScreeningHit]] = defaultdict(dict)
    for row in session.execute(select(ScreeningHit).where(
            ScreeningHit.subject == subject.value, ScreeningHit.subject_id.in_(ids))).scalars():
        stored[row.subject_id][(row.list_code, row.entry_id)] = row
    marks = {s.subject_id: s for s in session.execute(select(ScreenedSubject).where(
        ScreenedSubject.subject == subject.value, ScreenedSubject.subject_id.in_(ids))).scalars()}
    new_rows: list[ScreeningHit] = []
    for record in records:
        fingerprint = record.fingerprint
        found = {(m.entry.list_code, m.entry.entry_id): m
                 for m in index.search(record.query, threshold)}
        before = stored.get(record.subject_id, {})
        for key, match in found.items():
            hit = before.get(key)
            data = hit_json(as_hit(match))
            if hit is None:
                hit = ScreeningHit(
                    subject=subject.value, subject_id=record.subject_id, list_code=key[0],
                    entry_id=key[1], snapshot_id=snapshot.id, score=match.score,
                    subject_fingerprint=fingerprint, entry_fingerprint=match.entry.fingerprint,
                    data=data, first_found_at=now, screened_at=now, current=True)
                new_rows.append(hit)
                tally.new += 1
                continue
            if not hit.current or hit.subject_fingerprint != fingerprint \
                    or hit.entry_fingerprint != match.entry.fingerprint:
                tally.changed += 1
                tally.touched(hit)
            else:
                tally.unchanged += 1
            hit.snapshot_id, hit.score, hit.data = snapshot.id, match.score, data
            hit.subject_fingerprint, hit.entry_fingerprint = fingerprint, match.entry.fingerprint
            hit.screened_at, hit.current = now, True
        for key, hit in before.items():
            if key not in found and hit.current:
                hit.current = False
                hit.screened_at = now
                tally.gone += 1
                tally.touched(hit)
        mark = marks.get(record.subject_id)
        if mark is None:
            session.add(ScreenedSubject(subject=subject.value, subject_id=record.subject_id,
                                        snapshot_id=snapshot.id, screened_at=now,
                                        fingerprint=fingerprint))
        else:
            mark.snapshot_id, mark.screened_at, mark.fingerprint = snapshot.id, now, fingerprint
        tally.screened += 1
    session.add_all(new_rows)
    session.flush()
    for hit in new_rows:
        tally.touched(hit)


def screen_saved(session: Session, subject: Subject, ids: Collection[int]) -> None:
    """Screen records just created, changed or imported, in the caller's unit of work —
    when a list is loaded (before any is, nothing is screened: the checker says so)."""
    if not ids:
        return
    snapshot = current_row(session)
    if snapshot is None:
        return
    index = index_for(session, snapshot)
    id_list = sorted(set(ids))
    tally = _Tally()
    for start in range(0, len(id_list), _CHUNK):
        _screen(session, snapshot, index, screened(session, subject,
                                                   id_list[start:start + _CHUNK]), tally)


def screen_subject(db: Database, subject: Subject, subject_id: int) -> ScreeningState:
    """Screen one person or organization against the current list now; where it stands."""
    ensure_snapshot(db)
    with db.unit_of_work() as session:
        snapshot = current_row(session)
        assert snapshot is not None
        records = screened(session, subject, [subject_id])
        if not records:
            raise NotFoundError(f"{subject.value} #{subject_id} is not in the database")
        _screen(session, snapshot, index_for(session, snapshot), records, _Tally())
        return state_in(session, subject, subject_id)


def rescreen_everyone(
    db: Database, progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RescreenResult:
    """Screen every person and organization against the current list (loading the shipped
    one first if none is), in batches, each its own unit of work: a cancelled run keeps
    what it did. Only new and changed hits need a person's attention."""
    ensure_snapshot(db)
    with db.reading() as session:
        todo = [(subject, i) for subject in (Subject.ORGANIZATION, Subject.PERSON)
                for i in all_ids(session, subject)]
    tally = _Tally()
    total, done, stopped = len(todo), 0, False
    if progress:
        progress(0, total)
    for start in range(0, total, _CHUNK):
        if cancelled is not None and cancelled():
            stopped = True
            break
        chunk = todo[start:start + _CHUNK]
        with db.unit_of_work() as session:
            snapshot = current_row(session)
            assert snapshot is not None
            index = index_for(session, snapshot)
            for subject in (Subject.ORGANIZATION, Subject.PERSON):
                ids = [i for s, i in chunk if s is subject]
                if ids:
                    _screen(session, snapshot, index, screened(session, subject, ids), tally)
        done += len(chunk)
        if progress:
            progress(done, total)
    return RescreenResult(tally.screened, tally.new, tally.changed, tally.unchanged,
                          tally.gone, stopped, tally.changes())


__all__ = ["as_hit", "rescreen_everyone", "screen_name", "screen_saved", "screen_subject"]
