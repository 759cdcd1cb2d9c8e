"""What the authorization matrix and the directive impact work from, read in a few queries.

People (with their citizenships), controlled items, access grants, and every application
that names a person and one of their granted items (with its license) are read with Core
selects into plain frozen objects: a snapshot that a service can reason about without a
session. :class:`Determiner` answers "does this pair need a license?" once per distinct
(person facts, item): the facts are kept without the person's name, so people with the same
citizenships, residency, status and dates share one answer, and the name is put back into
the reason afterwards (:func:`personal`); items are keyed by ECCN, kind and regime.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from licenseapp import paths
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.rules import (
    CitizenshipFacts,
    Determination,
    ItemFacts,
    PersonFacts,
    RuleSet,
    decide,
    determine,
    load_rulesets,
    shipped_rulesets_dir,
)
from licenseapp.domain.rules.ruleset_evaluation import forget_person_views
from licenseapp.services.catalog.facts_key import answer_key
from licenseapp.services.catalog.items import item_facts
from licenseapp.services.catalog.team_rulesets import sync_team_rulesets
from licenseapp.services.shared_values import SharedValues
from licenseapp.store.database import Database
from licenseapp.store.models import (
    AccessGrant,
    Application,
    ApplicationItem,
    Citizenship,
    ControlledItem,
    License,
    Person,
)


def rulesets_in_use(db: Database | None = None) -> tuple[RuleSet, ...]:
    """The shipped rule sets and the user's own (a user file replaces a shipped one); with
    ``db``, also the team's: those a colleague stored in the database that this user has no
    file of (:mod:`licenseapp.services.catalog.team_rulesets`)."""
    dirs = [shipped_rulesets_dir()]
    if db is not None:
        team = sync_team_rulesets(db, shipped_rulesets_dir(), paths.user_rulesets_dir())
        if team is not None:
            dirs.append(team)
    if paths.user_rulesets_dir().is_dir():
        dirs.append(paths.user_rulesets_dir())
    return load_rulesets(dirs)


@dataclass(frozen=True, slots=True)
class GrantPerson:
    """A person who holds or requested access, as the matrix and the impact reason about
    them (the packet's person is :class:`licenseapp.domain.record.PersonInfo`)."""

    id: int
    ref: str
    name: str
    native_name: str
    email: str
    employer_id: int | None
    facts: PersonFacts  # without the name: shared by people with the same facts


@dataclass(frozen=True, slots=True)
class GrantItem:
    """A controlled item someone holds or requested access to, with its facts."""

    id: int
    ref: str
    name: str
    classification: str
    facts: ItemFacts


class GrantInfo(NamedTuple):  # a tuple: one per grant, built fast
    id: int
    person_id: int
    item_id: int
    state: str  # requested, active, suspended, revoked
    suspended_at: datetime | None
    suspended_by: str
    suspended_reason: str
    suspended_ruleset_id: str | None
    mode: str | None = None  # an AI model's access mode (AccessMode value), None: as a whole


class CaseInfo(NamedTuple):
    """An application that names a person and covers one of their items."""

    application_id: int
    ref: str
    status: str
    regulator: str
    ruleset_id: str | None
    status_changed_at: datetime
    license_number: str
    license_expires: date | None
    license_state: str


@dataclass
class Snapshot:
    people: dict[int, GrantPerson]
    items: dict[int, GrantItem]
    grants: list[GrantInfo]
    #: (person id, item id) -> the applications for that pair, oldest first.
    cases: dict[tuple[int, int], list[CaseInfo]] = field(default_factory=dict)


def _status(value: str | None) -> ImmigrationStatus | None:
    try:
        return ImmigrationStatus(value) if value else None
    except ValueError:
        return None


def load_snapshot(session: Session, grant_filter: ColumnElement[bool] | None = None, *,
                  applicants: ColumnElement[bool] | None = None) -> Snapshot:
    """The grants matching ``grant_filter`` (all if None), with their people, items and cases.

    ``applicants``: the cases are those of the applications this condition (on
    ``Application.person_id``) picks, for a caller whose ``grant_filter`` picks people (a
    range of ids: a join to the grants made SQLite read an item's every application per
    grant), rather than those joined to the grants; cases of a pair without a grant are
    then in :attr:`Snapshot.cases` too."""
    where = grant_filter if grant_filter is not None else true()
    core = session.connection()  # plain rows: no ORM loading machinery per row
    # Row by row (not all rows and then the grants: both at once were the load's peak).
    grants = [GrantInfo._make(row) for row in core.execute(
        select(AccessGrant.id, AccessGrant.person_id, AccessGrant.item_id, AccessGrant.state,
               AccessGrant.suspended_at, AccessGrant.suspended_by, AccessGrant.suspended_reason,
               AccessGrant.suspended_ruleset_id, AccessGrant.mode)
        .where(where).order_by(AccessGrant.person_id, AccessGrant.item_id))]
    granted = select(AccessGrant.person_id).where(where)
    cits: dict[int, list[CitizenshipFacts]] = defaultdict(list)
    for pid, country, acquired, ended, basis in core.execute(
        select(Citizenship.person_id, Citizenship.country, Citizenship.acquired_on,
               Citizenship.ended_on, Citizenship.basis)
        .where(Citizenship.person_id.in_(granted)).order_by(Citizenship.id)
    ):
        cits[pid].append(CitizenshipFacts(country, acquired, ended, basis or ""))
    people: dict[int, GrantPerson] = {}
    shared: dict[PersonFacts, PersonFacts] = {}  # equal facts, one object (see Determiner)
    for p in core.execute(
        select(Person.id, Person.ref, Person.given_name, Person.family_name, Person.native_name,
               Person.email, Person.employer_id, Person.date_of_birth, Person.birth_country,
               Person.residency_country, Person.lpr_since, Person.immigration_status)
        .where(Person.id.in_(granted))
    ):
        facts = PersonFacts(
            citizenships=tuple(cits.get(p.id, ())), residency_country=p.residency_country,
            residency_since=p.lpr_since, immigration_status=_status(p.immigration_status),
            birth_country=p.birth_country, date_of_birth=p.date_of_birth)
        facts = shared.setdefault(facts, facts)
        name = f"{p.given_name} {p.family_name}".strip()
        people[p.id] = GrantPerson(p.id, p.ref, name, p.native_name, p.email, p.employer_id, facts)
    items = {
        row.id: GrantItem(row.id, row.ref, row.name, row.classification, item_facts(row))
        for row in session.execute(select(ControlledItem)).scalars()
    }
    return Snapshot(people, items, grants, _cases(session, where, applicants))


def _cases(session: Session, where: ColumnElement[bool],
           applicants: ColumnElement[bool] | None = None
           ) -> dict[tuple[int, int], list[CaseInfo]]:
    query = (
        select(Application.person_id, ApplicationItem.item_id, Application.id, Application.ref,
               Application.status, Application.regulator_code, Application.ruleset_id,
               Application.status_changed_at, License.number, License.expires_on, License.state)
        .join(Application, Application.id == ApplicationItem.application_id)
        .outerjoin(License, License.application_id == Application.id)
        .order_by(Application.status_changed_at, Application.id)
    )
    if applicants is not None:  # the applications of these people, whatever their grants
        query = query.where(applicants)
    else:
        query = query.join(AccessGrant, and_(AccessGrant.person_id == Application.person_id,
                                             AccessGrant.item_id == ApplicationItem.item_id)
                           ).where(where)
    out: dict[tuple[int, int], list[CaseInfo]] = defaultdict(list)
    shared = SharedValues()  # statuses, regulators, license states: one object each
    for row in session.connection().execute(query):
        key = (int(row[0] or 0), int(row[1]))  # person_id is set: joined to the grant
        cases = out[key]  # a pair's few applications
        if any(c.application_id == row[2] for c in cases):  # an item listed twice on one
            continue
        cases.append(CaseInfo(row[2], row[3], shared(row[4]), shared(row[5]), shared(row[6]),
                                 row[7], row[8] or "", row[9], shared(row[10] or "")))
    return dict(out)


class Determiner:
    """``determine()`` with the rule sets and date fixed, memoized per (facts, item): a
    person's facts as far as the answer can tell them apart (:func:`answer_key`).

    People with equal facts share one :class:`PersonFacts` object (the snapshot interns
    them), so the memo is looked up by the objects' identities first and by value only for
    objects not seen before; each entry keeps its objects alive, so an identity is never
    reused for another while the determiner lives."""

    def __init__(self, rulesets: Sequence[RuleSet], on: date, *,
                 pairs_remembered: bool = True, reasons_remembered: bool = True) -> None:
        """``pairs_remembered=False``: no fast path by the objects' identities, for a caller
        that asks about each pair once (the matrix: an entry per access record, 17 MB at
        100,000, that nothing would read again). ``reasons_remembered=False``, until
        :meth:`forget`: an answer given again from the memo has no reasons (its ``reason``
        empty, no ``results``, citations or notes), for a caller that reads only the
        answer, its rule set, country and what is missing, and the reasons of a few pairs
        after :meth:`forget` (the matrix: 31,000 answers' texts held to the end of its
        load were 33 MB more at its peak, at 100,000 access records)."""
        self.on = on
        self._pairs_remembered = pairs_remembered
        self._reasons_remembered = reasons_remembered
        self.rulesets = tuple(r for r in rulesets if r.in_force(on))
        self._cache: dict[tuple[PersonFacts, ItemFacts], Determination] = {}
        self._by_id: dict[tuple[int, int], tuple[PersonFacts, ItemFacts, Determination]] = {}
        self._items: dict[int, tuple[ItemFacts, ItemFacts]] = {}
        self._people: dict[int, tuple[PersonFacts, PersonFacts]] = {}
        self._without: dict[tuple[PersonFacts, ItemFacts, str], Determination] = {}
        self.calls = 0

    def answer_item(self, item: ItemFacts) -> ItemFacts:
        """What the answer reads of ``item``: items with equal keys get equal answers."""
        return self._item(item)

    def _item(self, item: ItemFacts) -> ItemFacts:
        hit = self._items.get(id(item))
        if hit is not None and hit[0] is item:
            return hit[1]
        key = item
        if item.eccn is not None and (item.name or item.ref):
            # The answer names a classified item by its ECCN only: items sharing an ECCN
            # (two 4E091 models) share it.
            key = ItemFacts(item.eccn, item.kind, item.regime, mode=item.mode)
        self._items[id(item)] = (item, key)
        return key

    def _person(self, person: PersonFacts) -> PersonFacts:
        hit = self._people.get(id(person))
        if hit is not None and hit[0] is person:
            return hit[1]
        key = answer_key(person, self.on)
        self._people[id(person)] = (person, key)
        return key

    def __call__(self, person: PersonFacts, item: ItemFacts) -> Determination:
        fast = self._by_id.get((id(person), id(item)))
        if fast is not None and fast[0] is person and fast[1] is item:
            return fast[2]
        facts = self._item(item)
        key = (self._person(person), facts)
        hit = self._cache.get(key)
        if hit is None:
            self.calls += 1
            hit = determine(person, facts, self.on, self.rulesets)
            self._cache[key] = hit if self._reasons_remembered else replace(
                hit, reason="", citations=(), results=(), notes=())
        if self._pairs_remembered:
            self._by_id[(id(person), id(item))] = (person, item, hit)
        return hit

    def without(self, person: PersonFacts, item: ItemFacts, ruleset_id: str) -> Determination:
        """The determination had ``ruleset_id`` not been in force: the other rule sets'
        answers, as already worked out for :meth:`__call__`, decided again."""
        full = self(person, item)
        who, what = self._person(person), self._item(item)
        memo = (who, what, ruleset_id)
        hit = self._without.get(memo)
        if hit is not None:
            return hit
        others = [r for r in self.rulesets if r.id != ruleset_id]
        results = tuple(r for r in full.results if r.ruleset != ruleset_id)
        if len(results) != len(others):  # no answers to reuse (e.g. no rule set in force)
            hit = determine(who, what, self.on, others)
        else:
            hit = decide(who, what, self.on, others, results)
        self._without[memo] = hit
        return hit

    def key(self, person: PersonFacts, item: ItemFacts) -> tuple[PersonFacts, ItemFacts]:
        """What the memo tells pairs apart by: pairs with equal keys get the same answer
        and reason (the name aside)."""
        return self._person(person), self._item(item)

    def forget_people(self) -> None:
        """Let go of what was kept to find the people asked about so far (each person's
        facts and the rules' views of them), keeping the answers: for a caller done with
        those people (the matrix, a batch of people at a time)."""
        self._people.clear()
        self._by_id.clear()
        forget_person_views()

    @property
    def distinct(self) -> int:
        return len(self._cache)

    def forget(self) -> None:
        """Let go of every answer worked out: a list that keeps the determiner for the
        reasons of the few pairs a person reads (:class:`PairReason`) need not keep an
        entry per pair (tens of megabytes at 100,000 access records); an answer asked for
        again is worked out again, the same."""
        for memo in (self._cache, self._by_id, self._items, self._people, self._without):
            memo.clear()
        forget_person_views()
        self._reasons_remembered = True  # the reasons read from now on are whole


class PairReason(NamedTuple):  # a tuple: one per access record, made fast
    """A pair's plain-language reasons, written when first read.

    The matrix and the impact hold one per access record (100,000 at a large company) and
    show or print the reasons of the few a person looks at: each reason is ~800 bytes once
    the name is in, and an answer found through stand-in facts (``decision_facts``) has no
    reason of its own. ``now`` is the determination under every rule set in force;
    ``before`` is the one had ``left_out`` not been in force."""

    determiner: Determiner
    person: PersonFacts
    item: ItemFacts
    name: str
    left_out: str | None = None

    @property
    def now(self) -> str:
        return personal(self.determiner(self.person, self.item).reason, self.name)

    @property
    def before(self) -> str:
        if self.left_out is None:
            return self.now
        found = self.determiner.without(self.person, self.item, self.left_out)
        return personal(found.reason, self.name)


def personal(text: str, name: str) -> str:
    """A reason written for "this person" (facts without a name) with the name put back."""
    if not name:
        return text
    return text.replace("This person", name).replace("this person", name)


__all__ = [
    "CaseInfo", "Determiner", "GrantInfo", "GrantItem", "GrantPerson", "PairReason", "Snapshot",
    "load_snapshot", "personal", "rulesets_in_use",
]
