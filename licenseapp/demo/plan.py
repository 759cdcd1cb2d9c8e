"""Planning the demo's applications: outcomes, histories, links, dates and people.

Each :class:`AppPlan` gets a regulator and a target status (every status of every lifecycle
first, then a realistic mix), a history through the lifecycle, a place in time, a person and
items. Returned applications are resubmitted and expiring licenses renewed by later plans.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

from licenseapp.demo.catalog import (
    DIRECTIVE_DATE,
    ITEM_INDEX,
    ITEMS,
    NO_LICENSE_CLASSES,
    REGIME_OF_REGULATOR,
)
from licenseapp.demo.history import compress, history, pace
from licenseapp.demo.people import PersonPlan
from licenseapp.demo.rand import pick, rb, ri
from licenseapp.demo.records import stamp
from licenseapp.domain.enums import LICENSED_STATUSES
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle

REGULATORS = ("BIS", "DDTC", "ECJU")
VALIDITY_DAYS = {"BIS": 1461, "DDTC": 1461, "ECJU": 730}
_REGULATOR_WEIGHTS = (("BIS", 70), ("DDTC", 14), ("ECJU", 16))
#: Statuses a case reaches after its licence was issued, and the licence's state then.
ISSUED_THEN = {S.SUSPENDED: "suspended", S.REVOKED: "revoked", S.SURRENDERED: "surrendered"}
_STATUS_WEIGHTS: dict[S, int] = {
    S.DRAFT: 6, S.INTERNAL_REVIEW: 3, S.READY: 2, S.SUBMITTED: 3, S.RETURNED_UNREGISTERED: 1,
    S.REGISTERED: 4, S.INFO_REQUESTED: 3, S.REFERRED: 5, S.ESCALATED: 1, S.INTENT_TO_DENY: 1,
    S.APPROVED: 16, S.APPROVED_WITH_CONDITIONS: 24, S.PARTIALLY_APPROVED: 3, S.DENIED: 3,
    S.APPEALED: 1, S.RETURNED_WITHOUT_ACTION: 3, S.LICENSE_NOT_REQUIRED: 2, S.WITHDRAWN: 4,
}
#: How long (days) an application may have sat in an open status.
_OPEN_AGE: dict[S, int] = {
    S.DRAFT: 25, S.INTERNAL_REVIEW: 10, S.READY: 6, S.SUBMITTED: 4,
    S.RETURNED_UNREGISTERED: 8, S.REGISTERED: 8, S.INFO_REQUESTED: 25, S.REFERRED: 40,
    S.ESCALATED: 30, S.INTENT_TO_DENY: 18, S.APPEALED: 60,
}
_EARLY = (S.DRAFT, S.DRAFT, S.DRAFT, S.INTERNAL_REVIEW, S.READY, S.SUBMITTED)
_RENEWABLE_INTO = frozenset({S.DRAFT, S.INTERNAL_REVIEW, S.READY, S.SUBMITTED, S.REGISTERED,
                             S.INFO_REQUESTED, S.REFERRED})


@dataclass(slots=True, eq=False)
class AppPlan:
    regulator: str
    target: S
    path: list[S] = field(default_factory=list)
    days: list[int] = field(default_factory=list)
    directive: bool = False
    category: str = ""  # for a license: soon (expires within 60 days), expired, normal
    license_state: str = "active"
    pred: AppPlan | None = None
    link: str = ""  # resubmission or renewal (of pred)
    has_succ: bool = False
    end: date | None = None
    times: list[datetime] = field(default_factory=list)
    person: PersonPlan | None = None
    items: tuple[str, ...] = ()
    problem: str = ""
    issued: date | None = None
    expires: date | None = None
    changed: date | None = None  # when a license was suspended or revoked
    pinned: bool = False  # its license's fate is one every demo must show
    id: int = 0

    @property
    def start(self) -> date:
        assert self.end is not None
        if self.times:
            return self.times[0].date()
        return self.end - timedelta(days=sum(self.days))


_T = TypeVar("_T")


def _weighted(rng: random.Random, pairs: list[tuple[_T, int]]) -> _T:
    total = sum(w for _, w in pairs)
    pick = rng.random() * total
    for value, weight in pairs:
        pick -= weight
        if pick < 0:
            return value
    return pairs[-1][0]


def plan_targets(rng: random.Random, size: int, today: date, ai_people: int) -> list[AppPlan]:
    """``size`` plans: every status of every lifecycle first, then a realistic mix."""
    mandatory = [AppPlan(reg, s) for reg in REGULATORS for s in lifecycle(reg).statuses]
    rng.shuffle(mandatory)
    plans = mandatory[:size]
    directive = 0
    if today > DIRECTIVE_DATE + timedelta(days=1) and size >= 20:
        directive = min(max(3, size * 4 // 100), ai_people)
    by_reg = {reg: [(s, _STATUS_WEIGHTS.get(s, 1)) for s in lifecycle(reg).statuses]
              for reg in REGULATORS}
    while len(plans) < size:
        if directive > 0:
            plans.append(AppPlan("BIS", pick(rng, _EARLY), directive=True))
            directive -= 1
            continue
        reg = _weighted(rng, list(_REGULATOR_WEIGHTS))
        plans.append(AppPlan(reg, _weighted(rng, by_reg[reg])))
    rng.shuffle(plans)
    for plan in plans:
        plan.path = history(plan.regulator, plan.target, rng, plain=plan.directive)
        plan.days = pace(plan.path, rng)
    _license_fates(rng, plans)
    _link(rng, plans)
    return plans


def _license_fates(rng: random.Random, plans: list[AppPlan]) -> None:
    """Which licenses expire soon or have expired, and which were suspended or revoked."""
    licensed = [p for p in plans if p.target in LICENSED_STATUSES]
    for i, plan in enumerate(licensed):
        roll = rng.random()
        plan.category = ("soon" if i == 0 else "expired" if i == 1 else "normal" if i < 4
                         else "soon" if roll < 0.12 else "expired" if roll < 0.22 else "normal")
        plan.pinned = i < 4
        if i in (2, 3):
            plan.license_state = "suspended" if i == 2 else "revoked"
        elif i > 3 and plan.category == "normal":
            roll = rng.random()
            plan.license_state = ("suspended" if roll < 0.04 else "revoked" if roll < 0.07
                                  else "active")
    for plan in plans:  # a UK licence suspended, revoked or surrendered: the case says so
        if plan.target in ISSUED_THEN:
            plan.license_state, plan.category = ISSUED_THEN[plan.target], "normal"


def _link(rng: random.Random, plans: list[AppPlan]) -> None:
    """Resubmissions of returned applications and renewals of expiring licenses."""
    def free(p: AppPlan) -> bool:
        return (p.pred is None and not p.has_succ and not p.directive and not p.pinned
                and p.target not in (S.RETURNED_WITHOUT_ACTION, S.WITHDRAWN))

    def take(queue: list[AppPlan], cursor: list[int]) -> AppPlan | None:
        while cursor[0] < len(queue):
            candidate = queue[cursor[0]]
            cursor[0] += 1
            if free(candidate):
                return candidate
        return None

    resubmit = {reg: [p for p in plans if p.regulator == reg and free(p)] for reg in REGULATORS}
    renew = {reg: [p for p in q if p.target in _RENEWABLE_INTO] for reg, q in resubmit.items()}
    cursors = {(kind, reg): [0] for kind in ("resubmit", "renew") for reg in REGULATORS}
    forced = True
    for plan in plans:
        if plan.target is not S.RETURNED_WITHOUT_ACTION or (not forced and rng.random() > 0.7):
            continue
        succ = take(resubmit[plan.regulator], cursors["resubmit", plan.regulator])
        if succ is not None:
            succ.pred, succ.link, plan.has_succ = plan, "resubmission", True
            forced = False
    for plan in plans:
        if plan.pinned or plan.category not in ("soon", "expired") \
                or plan.regulator == "ECJU" or plan.pred is not None or rng.random() > 0.5:
            continue
        succ = take(renew[plan.regulator], cursors["renew", plan.regulator])
        if succ is not None:
            succ.pred, succ.link, plan.has_succ = plan, "renewal", True


def place(rng: random.Random, plans: list[AppPlan], today: date) -> None:
    """Give every plan its dates: successors first, their predecessors before them."""
    for plan in plans:
        if not plan.has_succ:
            _place_alone(rng, plan, today)
    for plan in plans:
        pred = plan.pred
        if pred is None:
            continue
        if plan.link == "resubmission":
            pred.end = plan.start - timedelta(days=ri(rng, 7, 40))
        else:
            validity = VALIDITY_DAYS[pred.regulator]
            pred.end = plan.start + timedelta(days=ri(rng, 60, 150) - validity)
            _license_dates(pred, pred.end, today)
    for plan in plans:
        _times(rng, plan)


def _license_dates(plan: AppPlan, issued: date, today: date) -> None:
    plan.issued = issued
    plan.expires = issued + timedelta(days=VALIDITY_DAYS[plan.regulator])
    if plan.license_state != "active":
        span = max(1, (min(today, plan.expires) - issued).days)
        plan.changed = issued + timedelta(days=span // 2)


def _place_alone(rng: random.Random, plan: AppPlan, today: date) -> None:
    if plan.directive:
        window = (today - DIRECTIVE_DATE).days
        plan.days = compress(plan.days, window)
        first = DIRECTIVE_DATE + timedelta(days=ri(rng, 0, window - sum(plan.days)))
        plan.end = first + timedelta(days=sum(plan.days))
        return
    if plan.target in LICENSED_STATUSES:
        validity = VALIDITY_DAYS[plan.regulator]
        if plan.category == "soon":
            issued = today + timedelta(days=ri(rng, 5, 60) - validity)
        elif plan.category == "expired":
            issued = today - timedelta(days=ri(rng, 1, 300) + validity)
        else:
            issued = today - timedelta(days=ri(rng, 10, validity - 90))
        plan.end = issued
        _license_dates(plan, issued, today)
    elif plan.target in _OPEN_AGE:
        plan.end = today - timedelta(days=ri(rng, 0, _OPEN_AGE[plan.target]))
    else:
        plan.end = today - timedelta(days=3 + int(rng.random() * rng.random() * 1100))
        if plan.target in ISSUED_THEN:  # issued at the approval, changed on the last step
            _license_dates(plan, plan.end - timedelta(days=plan.days[-1]), today)
            plan.changed = plan.end


def _times(rng: random.Random, plan: AppPlan) -> None:
    assert plan.end is not None
    day = plan.start
    previous: datetime | None = None
    times = []
    for gap in plan.days:
        day += timedelta(days=gap)
        moment = stamp(day, rng)
        if plan.regulator == "ECJU":
            moment -= timedelta(hours=5)  # the UK business day
        if previous is not None and moment <= previous:
            moment = previous + timedelta(minutes=ri(rng, 7, 95))
        times.append(moment)
        previous = moment
    plan.times = times


def assign_people(rng: random.Random, plans: list[AppPlan], people: list[PersonPlan],
                  today: date) -> None:
    """Who each application is for, and which of their items it asks for."""
    def pool(key: str) -> list[PersonPlan]:
        if key == "directive":
            found = [p for p in people if "mythos" in p.items or "fable" in p.items]
            rng.shuffle(found)
            return sorted(found, key=lambda p: p.foreign_person)  # permanent residents first
        if key == "BIS-lpr":
            found = [p for p in people if not p.foreign_person and _regime_items(p, "BIS")]
        else:
            found = [p for p in people if p.foreign_person and _regime_items(p, key)]
        rng.shuffle(found)
        return found

    pools = {key: pool(key) for key in ("BIS", "DDTC", "ECJU", "BIS-lpr", "directive")}
    cursor = dict.fromkeys(pools, 0)
    recent = today - timedelta(days=700)
    for plan in sorted(plans, key=lambda p: p.pred is not None):
        if plan.pred is not None:
            plan.person, plan.items = plan.pred.person, plan.pred.items
            continue
        key = ("directive" if plan.directive else
               "BIS-lpr" if plan.target is S.LICENSE_NOT_REQUIRED and plan.regulator == "BIS"
                   and pools["BIS-lpr"]
               else plan.regulator)
        candidates = pools[key] or pools[plan.regulator]
        if key == "directive":  # one directive application per person
            plan.person = candidates[cursor[key] % len(candidates)]
            cursor[key] += 1
        else:
            for attempt in range(len(candidates)):
                person = candidates[(cursor[key] + attempt) % len(candidates)]
                if (person.status not in ("f1", "j1") or plan.start >= recent) and not (
                        plan.regulator == "DDTC" and plan.target in LICENSED_STATUSES
                        and _proscribed(person)) and not (
                        "gap" in person.flags and plan.target not in _UNFILED):
                    break
            cursor[key] += attempt + 1
            plan.person = person
        options = _regime_items(plan.person, plan.regulator)
        if plan.directive:
            options = [i for i in options if i in ("mythos", "fable")]
        if len(options) > 1 and rng.random() < 0.35:
            plan.items = tuple(options[:2])
        else:
            plan.items = (options[rb(rng, len(options))],)
    _pin_expired_visa(plans, people)
    problems = iter(("missing_end_use", "vague"))
    for plan in plans:
        if plan.target in (S.DRAFT, S.INTERNAL_REVIEW) and not plan.directive:
            plan.problem = next(problems, "")
            if not plan.problem and rng.random() < 0.2:
                plan.problem = pick(rng, ("missing_end_use", "vague"))


#: Targets that never passed the ready-to-file gate: only these may name a person whose
#: résumé has a gap (the gate refuses it, so a filed application never does).
_UNFILED = frozenset({S.DRAFT, S.INTERNAL_REVIEW, S.RETURNED_WITHOUT_ACTION,
                      S.RETURNED_UNREGISTERED, S.WITHDRAWN})


#: Countries under a policy of denial in 22 CFR 126.1 (a subset): DDTC approves no one born
#: in or a citizen of one of them in the demo.
_PROSCRIBED = frozenset({"BY", "CN", "CU", "IR", "KP", "MM", "RU", "SY", "VE"})


def _proscribed(person: PersonPlan) -> bool:
    countries = {c.country for c in person.citizenships} | {person.birth_country or ""}
    return bool(countries & _PROSCRIBED)


def _regime_items(person: PersonPlan, regulator: str) -> list[str]:
    regime = REGIME_OF_REGULATOR[regulator]
    return [i for i in person.items
            if ITEMS[ITEM_INDEX[i]].regime == regime
            and ITEMS[ITEM_INDEX[i]].classification not in NO_LICENSE_CLASSES]


def _pin_expired_visa(plans: list[AppPlan], people: list[PersonPlan]) -> None:
    """A draft for the person whose visa has expired, for the checker to catch."""
    flagged = [p for p in people if "expired_visa" in p.flags]
    drafts = [p for p in plans if p.target is S.DRAFT and p.regulator == "BIS"
              and not p.directive and p.pred is None and not p.has_succ]
    if flagged and drafts and _regime_items(flagged[0], "BIS"):
        drafts[0].person = flagged[0]
        drafts[0].items = (_regime_items(flagged[0], "BIS")[0],)


__all__ = ["REGULATORS", "VALIDITY_DAYS", "AppPlan", "assign_people", "place", "plan_targets"]
