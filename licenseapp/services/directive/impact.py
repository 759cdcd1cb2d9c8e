"""Directive impact: who a rule set newly affects, and suspending their access.

**Newly affected** (the rule used everywhere here): an access grant that is active or
requested (or already suspended under this very rule set, so the list stays the same after
suspending) whose pair *needs a license with the rule set* — every rule set in force on the
date, this one included — and *did not without it* — the other rule sets in force on the
date said "not required", or could not tell ("unknown"; each pair says which). A pair that
already needed a license without it is not newly affected: an H-1B holder needs a license for
4E091 under ``ear-baseline`` (RS, worldwide) whatever the directive says. A pair for which the
rule set leaves the answer unknown while it was "not required" before is listed apart as
*undetermined*: data is missing to tell, and nothing is done to it.

A pair already covered by a valid license is still newly affected (and listed with the
license), but is neither suspended nor drafted for.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from licenseapp.domain.countries import country_name
from licenseapp.domain.rules import RuleSet, find_ruleset
from licenseapp.domain.tabular import write_table
from licenseapp.errors import ValidationError
from licenseapp.services.catalog.access_data import (
    Determiner,
    load_snapshot,
    personal,
    rulesets_in_use,
)
from licenseapp.services.changes import NOTHING, Changes, Kind
from licenseapp.services.collector import collector_paused
from licenseapp.services.directive.authorization import case_standing
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, ControlledItem, Person

_LIVE = ("active", "requested")
_CHUNK = 5_000  # ids per IN (...): well under every driver's bound-parameter limit


@dataclass(frozen=True, slots=True)
class AffectedPair:
    grant_id: int
    person_id: int
    person_ref: str
    person_name: str
    native_name: str
    email: str
    employer_id: int | None
    item_id: int
    item_ref: str
    item_name: str
    eccn: str
    access: str  # the grant as recorded: active, requested or suspended (under this rule set)
    country: str | None  # the deciding country with the rule set
    regulator: str
    form: str
    before: str  # "not_required" or "unknown": the answer without the rule set
    reason: str  # why a license is needed with the rule set
    before_reason: str
    license_number: str = ""  # a valid license that already covers the pair
    license_expires: date | None = None
    open_application: str = ""  # an application in progress for the pair (any rule set)
    open_ruleset_id: str | None = None
    suspended_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "person_ref": self.person_ref, "name": self.person_name,
            "native_name": self.native_name, "email": self.email, "item_ref": self.item_ref,
            "item": self.item_name, "eccn": self.eccn, "access": self.access,
            "country": self.country, "before": self.before, "reason": self.reason,
            "license_number": self.license_number or None,
            "license_expires": self.license_expires, "open_application": self.open_application
            or None, "suspended_at": self.suspended_at,
        }


@dataclass(frozen=True, slots=True)
class Count:
    key: str  # item ref, or country code ("" when not known)
    label: str
    count: int


@dataclass(frozen=True)
class ImpactReport:
    ruleset_id: str
    title: str
    on: date
    pairs: tuple[AffectedPair, ...]
    undetermined: tuple[AffectedPair, ...]
    by_item: tuple[Count, ...]
    by_country: tuple[Count, ...]

    @property
    def people(self) -> int:
        return len({p.person_id for p in self.pairs})

    def to_json(self) -> dict[str, Any]:
        return {
            "ruleset": self.ruleset_id, "title": self.title, "date": self.on.isoformat(),
            "count": len(self.pairs), "people": self.people,
            "by_item": [{"item_ref": c.key, "item": c.label, "count": c.count}
                        for c in self.by_item],
            "by_country": [{"country": c.key or None, "name": c.label, "count": c.count}
                           for c in self.by_country],
            "affected": [p.to_json() for p in self.pairs],
            "undetermined": [p.to_json() for p in self.undetermined],
        }


def resolve(ruleset_id: str, on: date | None, rulesets: tuple[RuleSet, ...] | None = None
            ) -> tuple[RuleSet, tuple[RuleSet, ...], date]:
    """The rule set (``ruleset_id``), all rule sets, and the date: by default today, or the
    effective date if the rule set is not in force yet (its impact when it takes effect)."""
    known = rulesets if rulesets is not None else rulesets_in_use()
    target = find_ruleset(known, ruleset_id)
    if on is None:
        today = date.today()
        on = target.effective_from if today < target.effective_from else today
    if not target.in_force(on):
        raise ValidationError("impact_date", f"the rule set {target.id} is in force "
                              f"{target.period}, not on {on.isoformat()}; give a date within "
                              "that period")
    return target, known, on


def compute(session: Session, target: RuleSet, rulesets: tuple[RuleSet, ...],
            on: date) -> ImpactReport:
    """The impact report, read in the caller's session (so an action acts on what it read)."""
    grant_filter = or_(AccessGrant.state.in_(_LIVE),
                       and_(AccessGrant.state == "suspended",
                            AccessGrant.suspended_ruleset_id == target.id))
    with collector_paused():
        return _compute(session, target, rulesets, on, grant_filter)


def _compute(session: Session, target: RuleSet, rulesets: tuple[RuleSet, ...], on: date,
             grant_filter: ColumnElement[bool]) -> ImpactReport:
    snap = load_snapshot(session, grant_filter)
    without = Determiner([r for r in rulesets if r is not target], on)
    with_it = Determiner(rulesets, on)
    scope = {i.id for i in snap.items.values() if target.items.covers(i.facts)}
    pairs: list[AffectedPair] = []
    undetermined: list[AffectedPair] = []
    for g in snap.grants:
        if g.item_id not in scope:  # the rule set cannot change this pair's answer
            continue
        person, item = snap.people[g.person_id], snap.items[g.item_id]
        after = with_it(person.facts, item.facts)
        if after.license_required is False:
            continue
        before = without(person.facts, item.facts)
        if before.license_required is True or (after.license_required is None
                                               and before.license_required is None):
            continue
        standing = case_standing(snap.cases.get((g.person_id, g.item_id), []), on)
        lic, open_case = standing.licensed, standing.open
        pair = AffectedPair(
            grant_id=g.id, person_id=person.id, person_ref=person.ref, person_name=person.name,
            native_name=person.native_name, email=person.email, employer_id=person.employer_id,
            item_id=item.id, item_ref=item.ref, item_name=item.name, eccn=item.classification,
            access=g.state, country=after.country, regulator=after.regulator or target.regulator,
            form=after.form or target.form,
            before="unknown" if before.license_required is None else "not_required",
            reason=personal(after.reason, person.name),
            before_reason=personal(before.reason, person.name),
            license_number=lic.license_number if lic else "",
            license_expires=lic.license_expires if lic else None,
            open_application=open_case.ref if open_case else "",
            open_ruleset_id=open_case.ruleset_id if open_case else None,
            suspended_at=g.suspended_at,
        )
        (pairs if after.license_required else undetermined).append(pair)
    pairs.sort(key=lambda p: (p.person_ref, p.item_ref))
    undetermined.sort(key=lambda p: (p.person_ref, p.item_ref))
    items = Counter((p.item_ref, p.item_name) for p in pairs)
    countries = Counter(p.country or "" for p in pairs)
    return ImpactReport(
        target.id, target.title, on, tuple(pairs), tuple(undetermined),
        tuple(Count(ref, name, n) for (ref, name), n in
              sorted(items.items(), key=lambda kv: (-kv[1], kv[0][0]))),
        tuple(Count(code, country_name(code) or "not known", n) for code, n in
              sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def impact(db: Database, ruleset_id: str, on: date | None = None, *,
           rulesets: tuple[RuleSet, ...] | None = None) -> ImpactReport:
    """Who activating ``ruleset_id`` newly affects on ``on`` (see the module docstring)."""
    target, known, on = resolve(ruleset_id, on, rulesets)
    with db.reading() as session:
        return compute(session, target, known, on)


@dataclass(frozen=True)
class SuspendResult:
    ruleset_id: str
    at: datetime  # UTC
    suspended: tuple[int, ...]  # grant ids suspended now
    already_suspended: int
    licensed: int  # affected pairs left alone: a valid license covers them
    not_affected: int  # asked for, but not (or no longer) newly affected
    #: The people whose access was suspended.
    changes: Changes = NOTHING


def default_reason(target: RuleSet) -> str:
    return (f"{target.title} ({target.id}), in force {target.period}: a license is now "
            "required for this access.")


def suspend_access(
    db: Database, ruleset_id: str, pairs: Iterable[AffectedPair | int] | None = None,
    reason: str = "", actor: str | None = None, *, on: date | None = None,
    now: datetime | None = None, rulesets: tuple[RuleSet, ...] | None = None,
) -> SuspendResult:
    """Mark the accesses the rule set newly affects (``pairs``: some of them, by pair or grant
    id; default all) suspended now, by ``actor``, with the reason and the rule set, in one
    unit of work with an audit entry each. Already suspended ones are left as they are."""
    target, known, on = resolve(ruleset_id, on, rulesets)
    actor = actor or db.actor
    at = (now or db.clock.now()).replace(microsecond=0)
    reason = reason.strip() or default_reason(target)
    wanted = None if pairs is None else {p if isinstance(p, int) else p.grant_id for p in pairs}
    with db.unit_of_work() as session:
        report = compute(session, target, known, on)
        chosen = [p for p in report.pairs if wanted is None or p.grant_id in wanted]
        not_affected = len(wanted - {p.grant_id for p in chosen}) if wanted is not None else 0
        already = sum(1 for p in chosen if p.access == "suspended")
        licensed = sum(1 for p in chosen if p.access != "suspended" and p.license_number)
        todo = {p.grant_id: p for p in chosen if p.access != "suspended" and not p.license_number}
        ids = sorted(todo)
        grants = [g for start in range(0, len(ids), _CHUNK) for g in session.execute(
            select(AccessGrant).where(AccessGrant.id.in_(ids[start:start + _CHUNK]))
            .order_by(AccessGrant.id)).scalars()]
        befores = {}
        for g in grants:
            befores[g.id] = {"state": g.state, "suspended_at": g.suspended_at,
                             "suspended_by": g.suspended_by, "reason": g.suspended_reason,
                             "ruleset": g.suspended_ruleset_id}
            g.state, g.suspended_at, g.suspended_by = "suspended", at, actor
            g.suspended_reason, g.suspended_ruleset_id = reason, target.id
        session.flush()
        for g in grants:
            p = todo[g.id]
            audit.record(
                session, actor=actor, action="suspend", entity="access_grant", entity_id=g.id,
                summary=f"{p.person_ref} {p.person_name}: access to {p.item_name} suspended "
                        f"under {target.id}",
                before=befores[g.id],
                after={"state": "suspended", "suspended_at": at.isoformat(), "by": actor,
                       "reason": reason, "ruleset": target.id},
                at=at)
        return SuspendResult(target.id, at, tuple(g.id for g in grants), already, licensed,
                             not_affected,
                             Changes.of(Kind.ACCESS, {g.person_id for g in grants}))


SUSPENSION_HEADERS = ("person_ref", "person", "native_name", "email", "item_ref",
                      "system_or_model", "classification", "suspended_at_local",
                      "suspended_at_utc", "suspended_by", "reason", "rule_set")


def suspension_list(db: Database, ruleset_id: str) -> list[list[Any]]:
    """Every access suspended under the rule set, for the IT team (rows of SUSPENSION_HEADERS)."""
    target = find_ruleset(rulesets_in_use(), ruleset_id)
    with db.reading() as session:
        rows = session.execute(
            select(Person.ref, Person.given_name, Person.family_name, Person.native_name,
                   Person.email, ControlledItem.ref, ControlledItem.name,
                   ControlledItem.classification, AccessGrant.suspended_at,
                   AccessGrant.suspended_by, AccessGrant.suspended_reason)
            .join(Person, Person.id == AccessGrant.person_id)
            .join(ControlledItem, ControlledItem.id == AccessGrant.item_id)
            .where(AccessGrant.state == "suspended",
                   AccessGrant.suspended_ruleset_id == target.id)
            .order_by(Person.family_name, Person.given_name, Person.ref, ControlledItem.ref)
        ).all()
    out: list[list[Any]] = []
    for ref, given, family, native, email, iref, iname, cls, at, by, why in rows:
        local = at.astimezone().isoformat(timespec="seconds") if at else ""
        utc = at.isoformat(timespec="seconds").replace("+00:00", "Z") if at else ""
        out.append([ref, f"{given} {family}".strip(), native, email, iref, iname, cls, local,
                    utc, by, why, target.id])
    return out


def export_suspension_list(db: Database, ruleset_id: str, path: Path, *,
                           replace: bool = False) -> int:
    """Write the suspension list as CSV, XLSX or JSON (by extension); returns the row count.

    Checked and written by :mod:`licenseapp.services.output.output_files` (never the database, an
    existing file only with ``replace``, whole or not at all, 0600).
    """
    from licenseapp.services.output.output_files import (
        check_output,
        write_atomically,
        write_text_atomically,
    )

    check_output(path, database=db, replace=replace)
    rows = suspension_list(db, ruleset_id)
    if path.suffix.lower() == ".json":
        objects = [dict(zip(SUSPENSION_HEADERS, r, strict=True)) for r in rows]
        write_text_atomically(path, json.dumps(objects, ensure_ascii=False, indent=2))
        return len(rows)
    return write_atomically(path, lambda tmp: write_table(tmp, SUSPENSION_HEADERS, rows))


__all__ = [
    "AffectedPair", "Count", "ImpactReport", "SuspendResult", "compute", "default_reason",
    "export_suspension_list", "impact", "resolve", "suspend_access", "suspension_list",
]
