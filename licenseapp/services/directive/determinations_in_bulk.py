"""Storing the determinations of many accesses or applications at once (a suspension of
hundreds, a bulk draft): read in a few queries, answered once per distinct facts, written in
one insert, in the caller's unit of work."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from licenseapp.domain.rules import RuleSet
from licenseapp.domain.rules.reference import load_reference
from licenseapp.services.catalog.access_data import Determiner, personal
from licenseapp.services.catalog.items import item_facts
from licenseapp.services.directive.determination_facts import iso_day, item_inputs, people_facts
from licenseapp.services.directive.determination_records import strictest_mode
from licenseapp.services.directive.ruleset_versions import stamp_rulesets
from licenseapp.store.base import utcnow
from licenseapp.store.database import actor_of
from licenseapp.store.models import AccessGrant, ControlledItem, StoredDetermination


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
    people = people_facts(session, {s.person_id for s in subjects})
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
                       "citizenships": [{"country": c.country, "acquired": iso_day(c.acquired),
                                         "ended": iso_day(c.ended), "basis": c.basis}
                                        for c in facts.citizenships],
                       "residency_country": facts.residency_country,
                       "residency_since": iso_day(facts.residency_since),
                       "immigration_status": (facts.immigration_status.value
                                              if facts.immigration_status else None),
                       "birth_country": facts.birth_country,
                       "date_of_birth": iso_day(facts.date_of_birth)},
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


__all__ = ["record_for_applications", "record_for_grants"]
