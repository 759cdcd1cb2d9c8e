"""Directive impact: everyone who must lose access now, and suspending their access.

For a rule set on a date, every live access (active or requested, or already suspended under
this very rule set, so the list stays the same after suspending) whose person, item and
access mode *need a license under the rule sets in force* falls in one of three groups:

* **newly required** (:attr:`ImpactReport.pairs`): a license is needed with the rule set and
  was not without it (the other rule sets said "not required", or could not tell: each pair
  says which). A pair already covered by a valid license is listed with the license, but is
  neither suspended nor drafted for.
* **already required** (:attr:`ImpactReport.already_required`): a license was needed under
  the rule sets in force without this one (an H-1B holder given 4E091's parameters needs
  one under the ordinary rule) and no valid license covers the pair: a possible violation,
  to stop now whatever the directive says.
* **undetermined** (:attr:`ImpactReport.undetermined`): the answer is unknown (facts are
  missing; each pair names them) and no valid license covers the pair.

A U.S. citizen or national is never listed: no rule set requires a license for them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from licenseapp.domain.countries import country_name
from licenseapp.domain.rules import ItemFacts, PersonFacts, RuleSet, find_ruleset
from licenseapp.domain.tabular import write_table
from licenseapp.errors import ValidationError
from licenseapp.services.catalog.access_data import (
    Determiner,
    PairReason,
    load_snapshot,
    rulesets_in_use,
)
from licenseapp.services.catalog.facts_key import decision_facts, decision_signature
from licenseapp.services.collector import collector_paused
from licenseapp.services.directive.authorization import CaseStanding, case_standing
from licenseapp.services.directive.suspend_result import SuspendResult, default_reason
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, ControlledItem, Person

LIVE = ("active", "requested")
NO_CASE = CaseStanding()


@dataclass(slots=True, unsafe_hash=True)
class AffectedPair:
    """One access that must stop (or is covered), with what the report says of it.

    Never changed once made (equal and hashable by its fields, like a frozen one): it is not
    declared frozen only because a frozen dataclass is made field by field through
    ``object.__setattr__``: ~8 µs a pair, a fifth of an impact over 60,000 pairs."""

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
    #: Why a license is needed with the rule set, and the answer without it (written when
    #: read: see :attr:`reason`, :attr:`before_reason`).
    why: PairReason = field(compare=False, repr=False)
    license_number: str = ""  # a valid license that already covers the pair
    license_expires: date | None = None
    open_application: str = ""  # an application in progress for the pair (any rule set)
    open_ruleset_id: str | None = None
    suspended_at: datetime | None = None
    #: NEWLY_REQUIRED, ALREADY_REQUIRED or UNDETERMINED (see the module docstring).
    group: str = "newly_required"
    mode: str | None = None  # the access mode of an AI model's record (None: as a whole)
    missing: tuple[str, ...] = ()  # the facts an undetermined pair lacks
    before_ruleset: str | None = None  # the rule set that decided without this one

    @property
    def reason(self) -> str:
        """Why a license is needed with the rule set."""
        return self.why.now

    @property
    def before_reason(self) -> str:
        """The answer's reason without the rule set."""
        return self.why.before

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group, "mode": self.mode, "missing": list(self.missing),
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


NEWLY_REQUIRED = "newly_required"
ALREADY_REQUIRED = "already_required"
UNDETERMINED = "undetermined"
#: The groups in the order they are shown; suspension acts on all of them by default.
GROUPS = (NEWLY_REQUIRED, ALREADY_REQUIRED, UNDETERMINED)
GROUP_TITLES = {NEWLY_REQUIRED: "Newly required by this directive",
                ALREADY_REQUIRED: "Already required and unlicensed (possible violation)",
                UNDETERMINED: "Undetermined (facts missing)"}


@dataclass(frozen=True)
class ImpactReport:
    ruleset_id: str
    title: str
    on: date
    pairs: tuple[AffectedPair, ...]  # newly required
    undetermined: tuple[AffectedPair, ...]
    by_item: tuple[Count, ...]  # counted over every access that must stop
    by_country: tuple[Count, ...]
    already_required: tuple[AffectedPair, ...] = ()
    by_mode: tuple[Count, ...] = ()

    @property
    def people(self) -> int:
        return len({p.person_id for p in self.pairs})

    def group(self, name: str) -> tuple[AffectedPair, ...]:
        return {NEWLY_REQUIRED: self.pairs, ALREADY_REQUIRED: self.already_required,
                UNDETERMINED: self.undetermined}[name]

    def must_stop(self, groups: Iterable[str] = GROUPS) -> tuple[AffectedPair, ...]:
        """The accesses of ``groups`` to suspend: not covered by a valid license."""
        return tuple(p for g in groups for p in self.group(g) if not p.license_number)

    def to_json(self) -> dict[str, Any]:
        return {
            "ruleset": self.ruleset_id, "title": self.title, "date": self.on.isoformat(),
            "count": len(self.pairs), "people": self.people,
            "by_item": [{"item_ref": c.key, "item": c.label, "count": c.count}
                        for c in self.by_item],
            "by_country": [{"country": c.key or None, "name": c.label, "count": c.count}
                           for c in self.by_country],
            "by_mode": [{"mode": c.key or None, "name": c.label, "count": c.count}
                        for c in self.by_mode],
            "affected": [p.to_json() for p in self.pairs],
            "already_required": [p.to_json() for p in self.already_required],
            "undetermined": [p.to_json() for p in self.undetermined],
        }


def resolve(ruleset_id: str, on: date | None, rulesets: tuple[RuleSet, ...] | None = None,
            db: Database | None = None) -> tuple[RuleSet, tuple[RuleSet, ...], date]:
    """The rule set (``ruleset_id``), all rule sets, and the date: by default today, or the
    effective date if the rule set is not in force yet (its impact when it takes effect)."""
    known = rulesets if rulesets is not None else rulesets_in_use(db)
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
    grant_filter = or_(AccessGrant.state.in_(LIVE),
                       and_(AccessGrant.state == "suspended",
                            AccessGrant.suspended_ruleset_id == target.id))
    with collector_paused():
        return _compute(session, target, rulesets, on, grant_filter)


class _Verdict(NamedTuple):
    """What every pair with the same decision facts, item and mode shares."""

    group: str
    country: str | None
    regulator: str
    form: str
    before: str
    missing: tuple[str, ...]
    before_ruleset: str | None


def _verdict(with_it: Determiner, target: RuleSet, stand_in: PersonFacts, item: ItemFacts
             ) -> _Verdict | None:
    """The pair's group and the rest of its answer, or None when nothing has to stop;
    ``stand_in``: the person's :func:`decision_facts` (the same answer, not the same reason)."""
    after = with_it(stand_in, item)
    if after.license_required is False or after.ruleset is None:
        return None  # no license needed, or no rule set in force controls the item at all
    before = with_it.without(stand_in, item, target.id)
    if after.license_required is None:
        group = UNDETERMINED
    elif before.license_required is True:
        group = ALREADY_REQUIRED
    else:
        group = NEWLY_REQUIRED
    return _Verdict(group, after.country, after.regulator or target.regulator,
                    after.form or target.form, _answer(before.license_required), after.missing,
                    before.ruleset)


class _Classes:
    """Numbers for the people and the items whose answers cannot differ: a person by
    :func:`decision_signature` (with one stand-in per number), an item in a mode by what the
    answer reads of it (the ECCN, kind, regime and mode, not the name)."""

    def __init__(self, determiner: Determiner) -> None:
        self._determiner = determiner
        self._signatures: dict[Hashable, tuple[int, PersonFacts]] = {}
        self.people: dict[int, tuple[int, PersonFacts]] = {}  # by person id
        self._answers: dict[ItemFacts, int] = {}
        self.items: dict[tuple[int, str | None], tuple[int, ItemFacts]] = {}  # (id, mode)

    def person(self, person_id: int, facts: PersonFacts) -> tuple[int, PersonFacts]:
        on = self._determiner.on
        signature = decision_signature(facts, on)
        found = self._signatures.get(signature)
        if found is None:
            found = self._signatures[signature] = (len(self._signatures),
                                                   decision_facts(facts, on))
        self.people[person_id] = found
        return found

    def item(self, item_id: int, mode: str | None, facts: ItemFacts) -> tuple[int, ItemFacts]:
        moded = facts.in_mode(mode)
        number = self._answers.setdefault(self._determiner.answer_item(moded), len(self._answers))
        found = self.items[(item_id, mode)] = (number, moded)
        return found


def _compute(session: Session, target: RuleSet, rulesets: tuple[RuleSet, ...], on: date,
             grant_filter: ColumnElement[bool]) -> ImpactReport:
    snap = load_snapshot(session, grant_filter)
    with_it = Determiner(rulesets, on)
    groups: dict[str, list[AffectedPair]] = {g: [] for g in GROUPS}
    classes = _Classes(with_it)
    verdicts: dict[tuple[int, int], _Verdict | None] = {}
    for g in snap.grants:
        person = snap.people[g.person_id]
        who = classes.people.get(g.person_id) or classes.person(g.person_id, person.facts)
        what = (classes.items.get((g.item_id, g.mode))
                or classes.item(g.item_id, g.mode, snap.items[g.item_id].facts))
        key = (who[0], what[0])
        if key in verdicts:
            verdict = verdicts[key]
        else:
            verdict = verdicts[key] = _verdict(with_it, target, who[1], what[1])
        if verdict is None:
            continue
        group = verdict.group
        cases = snap.cases.get((g.person_id, g.item_id))
        standing = case_standing(cases, on) if cases else NO_CASE
        lic, open_case = standing.licensed, standing.open
        if lic is not None and group != NEWLY_REQUIRED:
            continue  # a valid license covers it: nothing to stop
        item = snap.items[g.item_id]
        groups[group].append(AffectedPair(  # by position: keywords cost as much again
            g.id, person.id, person.ref, person.name, person.native_name, person.email,
            person.employer_id, item.id, item.ref, item.name, item.classification, g.state,
            verdict.country, verdict.regulator, verdict.form, verdict.before,
            PairReason(with_it, person.facts, what[1], person.name, target.id),
            lic.license_number if lic else "", lic.license_expires if lic else None,
            open_case.ref if open_case else "", open_case.ruleset_id if open_case else None,
            g.suspended_at, group, g.mode, verdict.missing, verdict.before_ruleset))
    for pairs in groups.values():
        pairs.sort(key=lambda p: (p.person_ref, p.item_ref, p.mode or ""))
    stop = [p for g in GROUPS for p in groups[g]]
    items = Counter((p.item_ref, p.item_name) for p in stop)
    countries = Counter(p.country or "" for p in stop)
    modes = Counter(p.mode or "" for p in stop)
    return ImpactReport(
        target.id, target.title, on, tuple(groups[NEWLY_REQUIRED]),
        tuple(groups[UNDETERMINED]),
        tuple(Count(ref, name, n) for (ref, name), n in
              sorted(items.items(), key=lambda kv: (-kv[1], kv[0][0]))),
        tuple(Count(code, country_name(code) or "not known", n) for code, n in
              sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(groups[ALREADY_REQUIRED]),
        tuple(Count(mode, MODE_WORDS.get(mode, "the item as a whole"), n) for mode, n in
              sorted(modes.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


MODE_WORDS = {"parameters": "parameters (weights)", "use": "use (inference)",
              "fine_tuning": "fine-tuning"}


def _answer(required: bool | None) -> str:
    return {True: "required", False: "not_required", None: "unknown"}[required]


def impact(db: Database, ruleset_id: str, on: date | None = None, *,
           rulesets: tuple[RuleSet, ...] | None = None) -> ImpactReport:
    """Who activating ``ruleset_id`` newly affects on ``on`` (see the module docstring)."""
    target, known, on = resolve(ruleset_id, on, rulesets, db)
    with db.reading() as session:
        return compute(session, target, known, on)


def suspend_access(
    db: Database, ruleset_id: str, pairs: Iterable[AffectedPair | int] | None = None,
    reason: str = "", actor: str | None = None, *, on: date | None = None,
    now: datetime | None = None, rulesets: tuple[RuleSet, ...] | None = None,
) -> SuspendResult:
    """Suspend the accesses that must stop (see :func:`suspension.suspend`)."""
    from licenseapp.services.directive.suspension import suspend

    return suspend(db, ruleset_id, pairs, reason, actor, on=on, now=now, rulesets=rulesets)


SUSPENSION_HEADERS = ("person_ref", "person", "native_name", "email", "item_ref",
                      "system_or_model", "classification", "suspended_at_local",
                      "suspended_at_utc", "suspended_by", "reason", "rule_set")


def suspension_list(db: Database, ruleset_id: str) -> list[list[Any]]:
    """Every access suspended under the rule set, for the IT team (rows of SUSPENSION_HEADERS)."""
    target = find_ruleset(rulesets_in_use(db), ruleset_id)
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
    "ALREADY_REQUIRED", "GROUPS", "GROUP_TITLES", "NEWLY_REQUIRED", "UNDETERMINED",
    "AffectedPair", "Count", "ImpactReport", "SuspendResult", "compute", "default_reason",
    "export_suspension_list", "impact", "resolve", "suspend_access", "suspension_list",
]
