"""The demo's rows for people, applications, licenses and access grants, chunk by chunk.

:class:`DemoWriter` turns planned people and applications (``demo_plan``) into rows and hands
them to a :class:`~licenseapp.demo.store.BulkWriter`, keeping what later rows need:
each person's dates, the regulators' references and license numbers already handed out.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table

from licenseapp.demo import texts as tx
from licenseapp.demo.catalog import (
    DIRECTIVE_RULESET,
    ITEM_INDEX,
    ITEMS,
    NO_LICENSE_CLASSES,
    ORG_INDEX,
    ORGS,
    Site,
)
from licenseapp.demo.history import DECISIONS
from licenseapp.demo.people import PersonPlan
from licenseapp.demo.plan import ISSUED_THEN, AppPlan
from licenseapp.demo.pools import TEAM
from licenseapp.demo.rand import rb, ri
from licenseapp.demo.records import Ids, Row, person_rows, stamp
from licenseapp.demo.store import BulkWriter
from licenseapp.domain.enums import CLOSED_STATUSES, LICENSED_STATUSES
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.store.models import (
    Application,
    ApplicationItem,
    ApplicationParty,
    Citizenship,
    License,
    LicenseCondition,
    Person,
    PersonDocument,
    ResumeEntry,
    StatusEvent,
)

_FORMS = {"BIS": "BIS-748P", "DDTC": "DSP-5", "ECJU": "SIEL"}
_VALUE = {s: s.value for s in S}
_DOCUMENTS = {
    "BIS": "Letter of explanation; Technical specifications; Other: passport, visa, work "
           "authorization, résumé, Technology Control Plan",
    "DDTC": "Non-disclosure agreement; résumé; passport and visa copies; Technology Control Plan",
    "ECJU": "End-user undertaking; technical specification; passport copy",
}


def table(model: Any) -> Table:
    found = model.__table__
    assert isinstance(found, Table)
    return found


class DemoWriter:
    """Turns plans into rows, chunk by chunk, keeping what later rows need."""

    def __init__(self, rng: random.Random, today: date, people: list[PersonPlan],
                 plans: list[AppPlan], sink: BulkWriter) -> None:
        self.rng, self.today, self.people, self.plans = rng, today, people, plans
        self.sink = sink
        self.ids = Ids()
        self.next_event = self.ids.of("status_events")
        per_year = Counter(plan.times[0].year for plan in plans)
        self.ref_digits = max(4, len(str(max(per_year.values(), default=0))))
        self.counts = {"licenses": 0, "events": 0, "grants": 0}
        self.facts: dict[int, tuple[date, date, date | None]] = {}  # dob, hire, visa expiry
        self.licenses: dict[int, str] = {}  # application id -> license number
        self.refs: dict[int, str] = {}  # application id -> regulator reference
        self.prior: dict[int, list[str]] = {}  # person id -> license numbers so far
        self.serial = {"acn": 1_204_000 + rb(rng, 90_000), "ddtc": 512_000,
                       "ecju": 4_100, "bis_license": 1_150_000 + rb(rng, 90_000)}
        self.per_year: dict[int, int] = {}

    def _hire(self, p: PersonPlan) -> date:
        if p.app_ids:
            first = self.plans[p.app_ids[0] - 1].start
            return first - timedelta(days=ri(self.rng, 0, 60))
        return self.today - timedelta(days=ri(self.rng, 30, 500 if p.status == "f1"
                                                            else 1400))

    def write_people(self, chunk: list[PersonPlan]) -> None:
        persons, cits, docs, resumes = [], [], [], []
        for p in chunk:
            hire = self._hire(p)
            person, c, d, r = person_rows(p, self.rng, self.today, hire, self.ids)
            visa = next((x["expires_on"] for x in d if x["kind"] == "visa"), None)
            self.facts[p.id] = (person["date_of_birth"], hire, visa)
            persons.append(person)
            cits += c
            docs += d
            resumes += r
        self.sink.add(table(Person), persons)
        self.sink.add(table(Citizenship), cits)
        self.sink.add(table(PersonDocument), docs)
        self.sink.add(table(ResumeEntry), resumes)

    def _next(self, key: str) -> int:
        self.serial[key] += ri(self.rng, 1, 60)
        return self.serial[key]

    def _regulator_ref(self, plan: AppPlan) -> str:
        if S.REGISTERED not in plan.path:
            return ""
        year = plan.times[plan.path.index(S.REGISTERED)].year
        if plan.regulator == "BIS":
            return f"Z{self._next('acn'):07d}"
        if plan.regulator == "DDTC":
            return f"05{self._next('ddtc'):07d}"
        return f"GBSIEL/{year}/{self._next('ecju'):07d}/P"

    def write_applications(self, chunk: list[AppPlan]) -> None:
        apps: list[Row] = []
        lines: list[Row] = []
        parties: list[Row] = []
        events: list[Row] = []
        licenses: list[Row] = []
        conditions: list[Row] = []
        for plan in chunk:
            apps.append(self._application(plan, lines, parties, events, licenses, conditions))
        self.sink.add(table(Application), apps)
        self.sink.add(table(ApplicationItem), lines)
        self.sink.add(table(ApplicationParty), parties)
        self.sink.add(table(StatusEvent), events)
        self.sink.add(table(License), licenses)
        self.sink.add(table(LicenseCondition), conditions)
        self.counts["events"] += len(events)
        self.counts["licenses"] += len(licenses)

    def _application(self, plan: AppPlan, lines: list[Row], parties: list[Row],
                     events: list[Row], licenses: list[Row], conditions: list[Row]) -> Row:
        rng, p = self.rng, plan.person
        assert p is not None
        org = ORGS[ORG_INDEX[p.org]]
        items = tuple(ITEMS[ITEM_INDEX[k]] for k in plan.items)
        ref = self._regulator_ref(plan)
        self.refs[plan.id] = ref
        status = plan.path[-1]
        license_no = ""
        if status in LICENSED_STATUSES or status in ISSUED_THEN:
            license_no = (f"D{self._next('bis_license'):07d}" if plan.regulator == "BIS"
                          else ref)
            self.licenses[plan.id] = license_no
        pred = plan.pred
        dob, hire, visa = self.facts[p.id]
        ctx = tx.ApplicationPlan(
            regulator=plan.regulator, org=org, person=p, items=items, directive=plan.directive,
            problem=plan.problem, dob=dob, hire=hire, visa_expires=visa,
            prior_licenses=tuple(self.prior.get(p.id, ())),
            resubmits=self.refs.get(pred.id, "") if pred and plan.link == "resubmission" else "",
            renews=self.licenses.get(pred.id, "") if pred and plan.link == "renewal" else "",
        )
        owner = TEAM[rb(rng, len(TEAM))]
        previous: S | None = None
        next_event, draw = self.next_event, rng.random
        for state, moment in zip(plan.path, plan.times, strict=True):
            note, reference = tx.event_note(
                plan.regulator, previous, state, rng, ref=ref, license_no=license_no,
                valid_until=plan.expires, directive=plan.directive)
            events.append({
                "id": next_event(), "application_id": plan.id, "kind": "status",
                "from_status": _VALUE[previous] if previous else None,
                "to_status": _VALUE[state], "occurred_at": moment,
                "recorded_at": moment + timedelta(minutes=1 + int(draw() * 180)),
                "actor": owner if draw() < 0.85 else TEAM[int(draw() * len(TEAM))],
                "note": note, "reference": reference, "corrects_event_id": None,
            })
            previous = state
        created, last = plan.times[0], events[-1]["recorded_at"]
        draft_only = status is S.DRAFT and rng.random() < 0.35
        for position, item in enumerate(items, start=1):
            lines.append({
                "id": self.ids.take("application_items"), "application_id": plan.id,
                "item_id": ITEM_INDEX[item.key] + 1, "position": position,
                "eccn": item.classification, "model_number": "", "ccats": item.ccats,
                "quantity": "", "units": "", "unit_price_cents": None, "total_price_cents": None,
                "manufacturer": "", "technical_description": item.release,
            })
        hq = org.sites[0]
        # A SIEL's recipient is abroad (the licence is for the transfer out of the UK).
        where = p.site
        if plan.regulator == "ECJU":
            country, city = tx.recipient_abroad(p)
            where = Site("Home office (remote access)", city, "", "", country)
        for role, name, site, person_id, org_id in (
            ("applicant", org.legal_name, hq, None, ORG_INDEX[p.org] + 1),
            ("ultimate_consignee", p.full_name, where, p.id, None),
            ("end_user", org.legal_name, p.site, None, ORG_INDEX[p.org] + 1),
        ):
            parties.append({
                "id": self.ids.take("application_parties"), "application_id": plan.id,
                "role": role, "name": name, "street": site.street, "city": site.city,
                "state": site.state, "postal_code": site.postal_code, "country": site.country,
                "phone": org.phone if person_id is None else "", "person_id": person_id,
                "organization_id": org_id,
            })
        if license_no:
            last = self._license(plan, license_no, ref, items, licenses, conditions, last)
            self.prior.setdefault(p.id, []).append(license_no)
        year = created.year
        self.per_year[year] = self.per_year.get(year, 0) + 1
        return {
            "id": plan.id, "ref": f"LA-{year}-{self.per_year[year]:0{self.ref_digits}d}",
            "organization_id": ORG_INDEX[p.org] + 1, "regulator_code": plan.regulator,
            "form_code": _FORMS[plan.regulator], "person_id": p.id, "owner": owner,
            "status": status.value, "status_changed_at": plan.times[-1],
            "regulator_ref": ref,
            "transaction_no": f"{org.short}-DSP5-{year}-{plan.id:05d}"
            if plan.regulator == "DDTC" else "",
            "ruleset_id": DIRECTIVE_RULESET if plan.directive else None,
            "resubmission_of_id": pred.id if pred and plan.link == "resubmission" else None,
            "renewal_of_id": pred.id if pred and plan.link == "renewal" else None,
            "application_type": "export",
            "special_purpose": "Technology" if plan.regulator == "BIS" else "",
            "documents_submitted": "" if draft_only else _DOCUMENTS[plan.regulator],
            "end_use": tx.end_use(ctx), "justification": tx.justification(ctx),
            "additional_info": tx.additional_info(ctx),
            "loe_text": "" if draft_only else tx.loe(ctx),
            "tcp_text": "" if draft_only else tx.tcp(ctx, 3 + year % 4),
            "submitted_on": _last_date(plan, {S.SUBMITTED}),
            "registered_on": _first_date(plan, S.REGISTERED),
            "decided_on": _last_date(plan, DECISIONS)
            if status in DECISIONS or status is S.APPEALED or status in ISSUED_THEN else None,
            "packet_sha256": "", "acknowledged_warnings": "", "version": 1,
            "created_at": created, "updated_at": last,
        }

    def _license(self, plan: AppPlan, number: str, case: str, items: tuple[Any, ...],
                 licenses: list[Row], conditions: list[Row], last: datetime) -> datetime:
        assert plan.issued is not None and plan.expires is not None and plan.person
        org = ORGS[ORG_INDEX[plan.person.org]]
        license_id = self.ids.take("licenses")
        created = last
        reason = ""
        if plan.license_state != "active" and plan.changed is not None:
            last = stamp(plan.changed, self.rng)
            reason = (f"Suspended on {plan.changed.isoformat()} by the regulator pending review "
                      "of an audit finding (15 CFR 750.8)." if plan.license_state == "suspended"
                      else f"Revoked on {plan.changed.isoformat()} at the applicant's request: "
                      "the foreign national left the company.")
            if plan.regulator != "BIS":  # the regulator's own notice, not BIS's rule
                reason = (f"{plan.license_state.capitalize()} on {plan.changed.isoformat()}, "
                          "as the regulator's notice records.")
        licenses.append({
            "id": license_id, "application_id": plan.id, "number": number,
            "issued_on": plan.issued, "valid_from": plan.issued, "expires_on": plan.expires,
            "state": plan.license_state, "state_reason": reason, "version": 1,
            "created_at": created, "updated_at": max(created, last),
        })
        must_report = plan.pinned and plan.regulator == "BIS"
        granted = next(s for s in reversed(plan.path) if s in LICENSED_STATUSES)
        found = tx.conditions(plan.regulator, granted, plan.person, org, items, self.rng,
                              case=case, must_report=must_report)
        for position, (kind, wording, report) in enumerate(found, start=1):
            conditions.append({
                "id": self.ids.take("license_conditions"), "license_id": license_id,
                "kind": kind, "position": position, "text": wording,
                "anniversary_report": report,
            })
        return max(created, last)

    def grants(self) -> Iterator[Row]:
        """Each person's access to each of their items, its state following the record."""
        for p in self.people:
            _, hire, _ = self.facts[p.id]
            for key in p.items:
                row = self._grant(p, key, hire)
                self.counts["grants"] += 1
                yield row

    def _grant(self, p: PersonPlan, key: str, hire: date) -> Row:
        item = ITEMS[ITEM_INDEX[key]]
        mine = [self.plans[i - 1] for i in p.app_ids if key in self.plans[i - 1].items]
        state, requested, granted = "requested", stamp(hire, self.rng), None
        suspended: datetime | None = None
        by = reason = ""
        licensed = [a for a in mine if a.path[-1] in LICENSED_STATUSES and a.expires
                    and a.expires > self.today]
        open_ = [a for a in mine if a.path[-1] not in CLOSED_STATUSES]
        if licensed:
            # A license whose fate every demo must show (suspended, revoked) decides the
            # access it gives, whatever other license the person holds for the item.
            lic = next((a for a in licensed if a.pinned and a.license_state != "active"),
                       licensed[-1])
            assert lic.issued is not None
            requested, granted = lic.times[0], stamp(lic.issued, self.rng)
            state = "active"
            if lic.license_state != "active" and lic.changed is not None:
                state = "suspended" if lic.license_state == "suspended" else "revoked"
                suspended, by = stamp(lic.changed, self.rng), TEAM[p.id % len(TEAM)]
                reason = f"License {self.licenses[lic.id]} {lic.license_state}."
        elif item.classification in NO_LICENSE_CLASSES or not p.foreign_person:
            state, granted = "active", stamp(hire, self.rng)
        elif open_:
            requested = open_[-1].times[0]
        created = min(requested, granted or requested)
        return {
            "id": self.ids.take("access_grants"), "person_id": p.id,
            "item_id": ITEM_INDEX[key] + 1, "state": state, "requested_at": requested,
            "granted_at": granted, "suspended_at": suspended, "suspended_by": by,
            "suspended_reason": reason, "suspended_ruleset_id": None, "version": 1,
            "created_at": created, "updated_at": max(created, granted or created,
                                                     suspended or created),
        }


def _first_date(plan: AppPlan, status: S) -> date | None:
    for state, moment in zip(plan.path, plan.times, strict=True):
        if state is status:
            return moment.date()
    return None


def _last_date(plan: AppPlan, statuses: Iterable[S]) -> date | None:
    wanted = set(statuses)
    found = None
    for state, moment in zip(plan.path, plan.times, strict=True):
        if state in wanted:
            found = moment.date()
    return found


__all__ = ["DemoWriter", "table"]
