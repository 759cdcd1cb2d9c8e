"""Rule sets and determinations as records (#14, point 6).

A rule set in use is stored with its content and SHA-256 the first time it is used with
that content (:func:`stamp_rulesets`); a changed file becomes the next version of the same
id, and the earlier version stays. A determination that matters is stored as answered
(:func:`record_determination`): the facts it was given, its answer, reason and citations,
every rule set's answer, the rule-set versions and hashes, the reference-data date, who and
when. Stored answers are never recomputed: :func:`application_determinations` reads them and
says whether the rules in force today still are the ones they were answered under.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from licenseapp.domain.rules import (
    CitizenshipFacts,
    Determination,
    ItemFacts,
    PersonFacts,
    RuleSet,
)
from licenseapp.domain.rules.determination import strictness
from licenseapp.domain.rules.reference import load_reference
from licenseapp.errors import NotFoundError
from licenseapp.services.catalog.access_data import Determiner, personal, rulesets_in_use
from licenseapp.services.catalog.items import item_facts
from licenseapp.store.base import utcnow
from licenseapp.store.database import Database, actor_of
from licenseapp.store.models import (
    AccessGrant,
    Application,
    Citizenship,
    ControlledItem,
    Person,
    RuleSetVersion,
    StoredDetermination,
)

#: Why a determination was stored.
PURPOSES = ("application", "impact", "suspension", "memo")


@dataclass(frozen=True, slots=True)
class RuleSetStamp:
    """A rule set as a determination used it: its id, stored version number and hash."""

    id: str
    version_no: int
    sha256: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.title} ({self.id}, version {self.version_no}, SHA-256 {self.sha256[:12]}…)"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version_no": self.version_no, "sha256": self.sha256,
                "title": self.title}


@dataclass(frozen=True, slots=True)
class RecordedDetermination:
    """A stored determination, exactly as it was answered."""

    id: int
    purpose: str
    application_ref: str
    person_id: int | None
    item_id: int | None
    person_name: str
    item_label: str
    access_mode: str | None
    on: date
    license_required: bool | None
    answer: str
    deciding_ruleset: str | None
    reason: str
    citations: tuple[str, ...]
    inputs: dict[str, Any]
    results: tuple[dict[str, Any], ...]
    rulesets: tuple[RuleSetStamp, ...]
    reference_date: date
    recorded_at: datetime
    recorded_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "purpose": self.purpose, "application": self.application_ref,
            "person": self.person_name, "item": self.item_label,
            "access_mode": self.access_mode, "date": self.on.isoformat(),
            "license_required": self.license_required, "answer": self.answer,
            "ruleset": self.deciding_ruleset, "reason": self.reason,
            "citations": list(self.citations), "inputs": self.inputs,
            "results": list(self.results), "rulesets": [r.to_json() for r in self.rulesets],
            "reference_date": self.reference_date.isoformat(),
            "recorded_at": self.recorded_at.isoformat(), "recorded_by": self.recorded_by,
        }


@dataclass(frozen=True, slots=True)
class ApplicationDeterminations:
    """An application's stored determinations (one per item) and whether today's rules
    would be a different basis: ``changes`` says what differs, in the user's words."""

    ref: str
    recorded: tuple[RecordedDetermination, ...]
    changes: tuple[str, ...]

    @property
    def out_of_date(self) -> bool:
        return bool(self.changes)


# --- rule-set versions ----------------------------------------------------------------------


def ruleset_content(ruleset: RuleSet) -> bytes:
    """The bytes of the file a rule set was loaded from (what its hash is taken of)."""
    return Path(ruleset.source).read_bytes()


def stamp_rulesets(session: Session, rulesets: Iterable[RuleSet]) -> dict[str, RuleSetStamp]:
    """The stored version of each rule set, storing a new one for content not seen before."""
    out: dict[str, RuleSetStamp] = {}
    for ruleset in rulesets:
        data = ruleset_content(ruleset)
        digest = hashlib.sha256(data).hexdigest()
        row = session.execute(select(RuleSetVersion).where(
            RuleSetVersion.ruleset_id == ruleset.id, RuleSetVersion.sha256 == digest)
        ).scalar_one_or_none()
        if row is None:
            last = session.execute(select(func.max(RuleSetVersion.version_no)).where(
                RuleSetVersion.ruleset_id == ruleset.id)).scalar_one()
            row = RuleSetVersion(
                ruleset_id=ruleset.id, version_no=(last or 0) + 1,
                declared_version=ruleset.version[:40], title=ruleset.title[:300],
                sha256=digest, source_name=Path(ruleset.source).name[:200],
                content=data.decode("utf-8"), recorded_by=actor_of(session))
            session.add(row)
            session.flush()
        out[ruleset.id] = RuleSetStamp(row.ruleset_id, row.version_no, row.sha256, row.title)
    return out


def ruleset_versions(db: Database, ruleset_id: str | None = None
                     ) -> tuple[RuleSetStamp, ...]:
    """Every stored version (of one rule set, or of all), oldest first."""
    query = select(RuleSetVersion).order_by(RuleSetVersion.ruleset_id, RuleSetVersion.version_no)
    if ruleset_id:
        query = query.where(RuleSetVersion.ruleset_id == ruleset_id)
    with db.reading() as session:
        return tuple(RuleSetStamp(r.ruleset_id, r.version_no, r.sha256, r.title)
                     for r in session.execute(query).scalars())


# --- the facts a determination is given -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeterminedPerson:
    """A person's facts for the engine, with where they came from."""

    id: int
    ref: str
    name: str
    facts: PersonFacts
    inputs: dict[str, Any]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def person_record(session: Session, person_id: int) -> DeterminedPerson:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"person #{person_id} no longer exists")
    cits = session.execute(select(Citizenship).where(Citizenship.person_id == person_id)
                           .order_by(Citizenship.id)).scalars().all()
    _ref, name, facts = _people_facts(session, {person_id})[person_id]
    source = (f"person record {person.ref}, version {person.version}, last changed "
              f"{person.updated_at.date().isoformat()}")
    inputs = {
        "person_ref": person.ref, "name": name, "source": source,
        "citizenships": [{"country": c.country, "acquired": _iso(c.acquired_on),
                          "ended": _iso(c.ended_on), "basis": c.basis or ""} for c in cits],
        "residency_country": person.residency_country,
        "residency_since": _iso(person.lpr_since),
        "immigration_status": person.immigration_status,
        "birth_country": person.birth_country,
        "date_of_birth": _iso(person.date_of_birth),
    }
    return DeterminedPerson(person.id, person.ref, name, facts, inputs)


def _status(value: str | None) -> Any:
    from licenseapp.domain.enums import ImmigrationStatus

    try:
        return ImmigrationStatus(value) if value else None
    except ValueError:
        return None


def item_inputs(row: ControlledItem) -> dict[str, Any]:
    return {"item_ref": row.ref, "name": row.name, "classification": row.classification,
            "kind": row.kind, "regime": row.regime, "access_modes": row.access_modes,
            "source": f"item record {row.ref}, version {row.version}, last changed "
                      f"{row.updated_at.date().isoformat()}"}


# --- storing and reading ------------------------------------------------------------------


def record_determination(
    session: Session, *, purpose: str, person: DeterminedPerson, item: ControlledItem,
    found: Determination, stamps: dict[str, RuleSetStamp], access_mode: str | None = None,
    application: Application | None = None,
) -> StoredDetermination:
    """Store ``found`` as answered for ``person`` and ``item`` (in ``session``'s unit of work)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    considered = [stamps[r.ruleset] for r in found.results if r.ruleset in stamps]
    inputs = {"person": person.inputs, "item": item_inputs(item), "access_mode": access_mode,
              "date": found.on.isoformat()}
    row = StoredDetermination(
        purpose=purpose, application_id=application.id if application else None,
        application_ref=application.ref if application else "", person_id=person.id,
        item_id=item.id, access_mode=access_mode, on_date=found.on,
        license_required=found.license_required, answer=found.answer,
        deciding_ruleset=found.ruleset, reason=personal(found.reason, person.name),
        citations=json.dumps(list(found.citations)),
        inputs=json.dumps(inputs, ensure_ascii=False, sort_keys=True),
        results=json.dumps([r.to_json() for r in found.results], ensure_ascii=False),
        rulesets=json.dumps([s.to_json() for s in considered]),
        reference_date=load_reference().issue_date, recorded_by=actor_of(session))
    session.add(row)
    session.flush()
    return row


def recorded(row: StoredDetermination) -> RecordedDetermination:
    inputs = json.loads(row.inputs)
    item = inputs.get("item", {})
    return RecordedDetermination(
        row.id, row.purpose, row.application_ref, row.person_id, row.item_id,
        str(inputs.get("person", {}).get("name", "")),
        f"{item.get('name', '')} ({item.get('classification', '')})",
        row.access_mode, row.on_date, row.license_required, row.answer, row.deciding_ruleset,
        row.reason, tuple(json.loads(row.citations)), inputs, tuple(json.loads(row.results)),
        tuple(RuleSetStamp(**s) for s in json.loads(row.rulesets)), row.reference_date,
        row.recorded_at, row.recorded_by)


def access_modes_of(session: Session, person_id: int, item_id: int) -> tuple[str, ...]:
    """The access modes of the person's records for the item (none: the item as a whole)."""
    return tuple(sorted({m for m in session.execute(select(AccessGrant.mode).where(
        AccessGrant.person_id == person_id, AccessGrant.item_id == item_id)).scalars() if m}))


def strictest_mode(determiner: Determiner, person: PersonFacts, item: ItemFacts,
                   modes: Sequence[str]) -> tuple[Determination, str | None]:
    """The answer for the mode that needs the most (a license before unknown before none),
    and that mode; the item as a whole when no mode is recorded."""
    if not modes:
        return determiner(person, item.in_mode(None)), None
    answers = [(determiner(person, item.in_mode(m)), m) for m in modes]
    return max(answers, key=lambda a: strictness(a[0].license_required))  # first of the strictest


def determine_and_record(session: Session, *, purpose: str, person_id: int, item_id: int,
                         on: date, rulesets: Sequence[RuleSet] | None = None,
                         application: Application | None = None) -> StoredDetermination:
    """Answer for one person and item with the rule sets in use, and store the answer."""
    rulesets = rulesets if rulesets is not None else rulesets_in_use()
    determiner = Determiner(rulesets, on)
    stamps = stamp_rulesets(session, determiner.rulesets)
    person = person_record(session, person_id)
    item = session.get(ControlledItem, item_id)
    if item is None:
        raise NotFoundError(f"item #{item_id} no longer exists")
    found, mode = strictest_mode(determiner, person.facts, item_facts(item),
                                 access_modes_of(session, person_id, item_id))
    return record_determination(
        session, purpose=purpose, person=person, item=item, found=found, stamps=stamps,
        access_mode=mode, application=application)


@dataclass(frozen=True, slots=True)
class _Subject:
    """One person × item to store an answer for, with what it is for."""

    person_id: int
    item_id: int
    modes: tuple[str, ...]
    grant_id: int | None = None
    application_id: int | None = None
    application_ref: str = ""


def record_for_grants(session: Session, purpose: str, grant_ids: Iterable[int],
                      rulesets: Sequence[RuleSet], on: date) -> int:
    """Store the determination each access grant was acted on with (e.g. a suspension), in
    the caller's unit of work: read in a few queries, answered once per distinct facts,
    written in one insert. Returns the number stored."""
    ids = sorted(set(grant_ids))
    if not ids:
        return 0
    grants = session.execute(select(AccessGrant.id, AccessGrant.person_id, AccessGrant.item_id,
                                    AccessGrant.mode).where(AccessGrant.id.in_(ids))).all()
    return _record_many(session, purpose, [
        _Subject(g.person_id, g.item_id, (g.mode,) if g.mode else (), grant_id=g.id)
        for g in grants], rulesets, on)


def record_for_applications(session: Session, applications: Sequence[tuple[int, str, int,
                                                                           Sequence[int]]],
                            rulesets: Sequence[RuleSet], on: date) -> int:
    """Store the determination of each item of new applications, given as (id, reference,
    person id, item ids), as answered when they were drafted (the caller's unit of work)."""
    people = {a[2] for a in applications}
    if not people:
        return 0
    modes: dict[tuple[int, int], set[str]] = {}
    for pid, iid, mode in session.execute(select(
            AccessGrant.person_id, AccessGrant.item_id, AccessGrant.mode)
            .where(AccessGrant.person_id.in_(people))):
        modes.setdefault((pid, iid), set()).update([mode] if mode else [])
    return _record_many(session, "application", [
        _Subject(person_id, item_id, tuple(sorted(modes.get((person_id, item_id), ()))),
                 application_id=app_id, application_ref=ref)
        for app_id, ref, person_id, item_ids in applications
        for item_id in dict.fromkeys(item_ids)], rulesets, on)


_TABLE = cast(Table, StoredDetermination.__table__)


def _record_many(session: Session, purpose: str, subjects: Sequence[_Subject],
                 rulesets: Sequence[RuleSet], on: date) -> int:
    from sqlalchemy import insert

    if not subjects:
        return 0
    people = _people_facts(session, {s.person_id for s in subjects})
    items = {row.id: row for row in session.execute(select(ControlledItem).where(
        ControlledItem.id.in_({s.item_id for s in subjects}))).scalars()}
    determiner = _determiner(tuple(rulesets), on)
    stamps = stamp_rulesets(session, determiner.rulesets)
    reference_date = load_reference().issue_date
    actor = actor_of(session)
    at = utcnow()
    rows = []
    for subject in subjects:
        (ref, name, facts), item = people[subject.person_id], items[subject.item_id]
        found, mode = strictest_mode(determiner, facts, item_facts(item), subject.modes)
        inputs: dict[str, Any] = {
            "person": {"person_ref": ref, "name": name, "source": f"person record {ref}",
                       "citizenships": [{"country": c.country, "acquired": _iso(c.acquired),
                                         "ended": _iso(c.ended), "basis": c.basis}
                                        for c in facts.citizenships],
                       "residency_country": facts.residency_country,
                       "residency_since": _iso(facts.residency_since),
                       "immigration_status": (facts.immigration_status.value
                                              if facts.immigration_status else None),
                       "birth_country": facts.birth_country,
                       "date_of_birth": _iso(facts.date_of_birth)},
            "item": item_inputs(item), "access_mode": mode, "date": on.isoformat()}
        if subject.grant_id is not None:
            inputs["grant_id"] = subject.grant_id
        rows.append({
            "purpose": purpose, "application_id": subject.application_id,
            "application_ref": subject.application_ref, "person_id": subject.person_id,
            "item_id": item.id, "access_mode": mode, "on_date": on,
            "license_required": found.license_required, "answer": found.answer,
            "deciding_ruleset": found.ruleset, "reason": personal(found.reason, name),
            "citations": json.dumps(list(found.citations)),
            "inputs": json.dumps(inputs, ensure_ascii=False, sort_keys=True),
            "results": json.dumps([r.to_json() for r in found.results], ensure_ascii=False),
            "rulesets": json.dumps([stamps[r.ruleset].to_json() for r in found.results
                                    if r.ruleset in stamps]),
            "reference_date": reference_date, "recorded_by": actor, "recorded_at": at})
    # Core, not the ORM's bulk insert: no mapper work per row
    session.execute(insert(_TABLE), rows)
    return len(rows)


#: The last Determiner used for grants, with the rule sets it holds (kept alive, so the ids in
#: its key cannot be reused): a suspension in batches answers each distinct facts once.
_LAST: list[tuple[tuple[int, ...], date, tuple[RuleSet, ...], Determiner]] = []


def _determiner(rulesets: tuple[RuleSet, ...], on: date) -> Determiner:
    key = tuple(id(r) for r in rulesets)
    if _LAST and _LAST[0][0] == key and _LAST[0][1] == on:
        return _LAST[0][3]
    found = Determiner(rulesets, on)
    _LAST[:] = [(key, on, rulesets, found)]
    return found


def _people_facts(session: Session, ids: set[int]
                  ) -> dict[int, tuple[str, str, PersonFacts]]:
    """(reference, name, facts) of each person, in two queries."""
    cits: dict[int, list[CitizenshipFacts]] = {i: [] for i in ids}
    for pid, country, acquired, ended, basis in session.execute(
            select(Citizenship.person_id, Citizenship.country, Citizenship.acquired_on,
                   Citizenship.ended_on, Citizenship.basis)
            .where(Citizenship.person_id.in_(ids)).order_by(Citizenship.id)):
        cits[pid].append(CitizenshipFacts(country, acquired, ended, basis or ""))
    out = {}
    for p in session.execute(select(
            Person.id, Person.ref, Person.given_name, Person.family_name, Person.date_of_birth,
            Person.birth_country, Person.residency_country, Person.lpr_since,
            Person.immigration_status).where(Person.id.in_(ids))):
        out[p.id] = (p.ref, f"{p.given_name} {p.family_name}".strip(), PersonFacts(
            citizenships=tuple(cits[p.id]), residency_country=p.residency_country,
            residency_since=p.lpr_since, immigration_status=_status(p.immigration_status),
            birth_country=p.birth_country, date_of_birth=p.date_of_birth))
    return out


def _application(session: Session, ref: str) -> Application:
    app = session.execute(select(Application).where(Application.ref == ref)).scalar_one_or_none()
    if app is None:
        raise NotFoundError(f"no application {ref}")
    return app


def _stored_for(session: Session, application_id: int) -> list[StoredDetermination]:
    """The latest stored determination of each item of the application."""
    rows = session.execute(select(StoredDetermination).where(
        StoredDetermination.application_id == application_id,
        StoredDetermination.purpose == "application").order_by(StoredDetermination.id)
    ).scalars().all()
    latest: dict[int | None, StoredDetermination] = {}
    for row in rows:
        latest[row.item_id] = row
    return list(latest.values())


def application_determinations(db: Database, ref: str, on: date | None = None
                               ) -> ApplicationDeterminations:
    """The determinations stored for application ``ref`` (stored now if it has none: shown
    for an application is one that matters), and what differs under the rules of ``on``."""
    on = on or db.clock.today()
    rulesets = rulesets_in_use()
    with db.unit_of_work() as session:
        app = _application(session, ref)
        rows = _stored_for(session, app.id)
        if not rows and app.person_id is not None:
            rows = [determine_and_record(session, purpose="application",
                                         person_id=app.person_id, item_id=line.item_id,
                                         on=on, rulesets=rulesets, application=app)
                    for line in app.items]
        stored = tuple(recorded(r) for r in rows)
        current = stamp_rulesets(session, [r for r in rulesets if r.in_force(on)])
        changes = _changes(session, stored, current, rulesets, on)
    return ApplicationDeterminations(ref, stored, changes)


def _changes(session: Session, stored: Sequence[RecordedDetermination],
             current: dict[str, RuleSetStamp], rulesets: Sequence[RuleSet], on: date
             ) -> tuple[str, ...]:
    out: list[str] = []
    determiner = Determiner(rulesets, on)
    for det in stored:
        used = {s.id: s for s in det.rulesets}
        for rid, stamp in current.items():
            before = used.get(rid)
            if before is None:
                out.append(f"{stamp.title} ({rid}) is now in force and was not considered.")
            elif before.sha256 != stamp.sha256:
                out.append(f"{stamp.title} ({rid}) has changed since: version "
                           f"{before.version_no} was used, version {stamp.version_no} is "
                           "in force now.")
        for rid, stamp in used.items():
            if rid not in current:
                out.append(f"{stamp.title} ({rid}) was used and is no longer in force.")
        if det.person_id is None or det.item_id is None:
            continue
        item = session.get(ControlledItem, det.item_id)
        if item is None:
            continue
        try:
            person = person_record(session, det.person_id)
        except NotFoundError:
            continue
        now = determiner(person.facts, item_facts(item).in_mode(det.access_mode))
        if now.answer != det.answer:
            out.append(f"For {det.item_label} the answer recorded is “{det.answer}”; under "
                       f"the rules in force now it is “{now.answer}”.")
    return tuple(dict.fromkeys(out))  # once each, in order


__all__ = [
    "ApplicationDeterminations", "DeterminedPerson", "RecordedDetermination", "RuleSetStamp",
    "application_determinations", "determine_and_record", "person_record", "record_determination",
    "record_for_applications", "record_for_grants", "recorded", "ruleset_versions",
    "stamp_rulesets",
]
