"""Determinations as records (#14, point 6).

Rule sets are stored by version (:mod:`.ruleset_versions`), the facts come with their
sources (:mod:`.determination_facts`), and many are stored at once by
:mod:`.determinations_in_bulk`. A determination that matters is stored as answered
(:func:`record_determination`): the facts it was given, its answer, reason and citations,
every rule set's answer, the rule-set versions and hashes, the reference-data date, who and
when. Stored answers are never recomputed: :func:`application_determinations` reads them and
says whether the rules in force today still are the ones they were answered under.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain.rules import Determination, ItemFacts, PersonFacts, RuleSet
from licenseapp.domain.rules.determination import strictness
from licenseapp.domain.rules.reference import load_reference
from licenseapp.errors import NotFoundError
from licenseapp.services.catalog.access_data import Determiner, personal, rulesets_in_use
from licenseapp.services.catalog.items import item_facts
from licenseapp.services.directive.determination_facts import (
    DeterminedPerson,
    item_inputs,
    person_record,
)
from licenseapp.services.directive.ruleset_versions import RuleSetStamp, stamp_rulesets
from licenseapp.store.database import Database, actor_of
from licenseapp.store.models import (
    AccessGrant,
    Application,
    ControlledItem,
    StoredDetermination,
)

#: Why a determination was stored.
PURPOSES = ("application", "impact", "suspension", "memo")


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
    rulesets = rulesets_in_use(db)
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
    "ApplicationDeterminations", "RecordedDetermination", "application_determinations",
    "determine_and_record", "record_determination", "recorded", "strictest_mode",
]
