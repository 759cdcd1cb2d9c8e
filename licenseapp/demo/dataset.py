"""A realistic, deterministic demo data set (``licenseapp demo``).

Everything comes from one ``random.Random(seed)`` and a fixed ``today``: two runs with the
same seed, size and day on empty databases write identical rows. ``size`` is the number of
applications; at the default size every status of every regulator's lifecycle occurs. Rows
are written with Core bulk inserts in one transaction, ids assigned here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.orm import Session

from licenseapp.demo.catalog import (
    ITEMS,
    ORG_INDEX,
    ORGS,
    org_templates,
)
from licenseapp.demo.people import CORE_COUNT, NameCounter, core_people, generated_person
from licenseapp.demo.plan import AppPlan, assign_people, place, plan_targets
from licenseapp.demo.records import Row
from licenseapp.demo.rows import DemoWriter, table
from licenseapp.demo.store import BulkWriter
from licenseapp.demo.texts import recipient_location
from licenseapp.domain.enums import AccessMode, ApplicationStatus, ItemKind
from licenseapp.errors import LicenseAppError
from licenseapp.services.collector import collector_paused
from licenseapp.store import audit, seals
from licenseapp.store.database import Database
from licenseapp.store.models import (
    AccessGrant,
    Application,
    ControlledItem,
    Organization,
    Person,
)

DEMO_TODAY = date(2026, 11, 27)
#: Every status of every lifecycle (57) comes first, then a realistic mix.
DEFAULT_SIZE = 100
_CHUNK = 5_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """What a demo run wrote."""

    organizations: int
    people: int
    items: int
    applications: int
    licenses: int
    events: int
    grants: int = 0
    possible_matches: int = 0  # restricted-party hits to review, when the demo was screened


def people_for(size: int) -> int:
    """How many people a demo of ``size`` applications has (40 at the default size)."""
    return CORE_COUNT if size <= DEFAULT_SIZE else max(CORE_COUNT, size // 2)


def generate_demo(
    db: Database, *, size: int = DEFAULT_SIZE, seed: int = 1, today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with ``size`` applications and everything they rest on."""
    if size < 1:
        raise LicenseAppError(f"the demo size must be at least 1 application, not {size}")
    with collector_paused():  # millions of short-lived rows, no cycles
        return _generate(db, size, seed, today or DEMO_TODAY, progress)


def screen_demo(db: Database, summary: DemoSummary,
                progress: Progress | None = None) -> DemoSummary:
    """Screen the demo's people and organizations against the shipped restricted-party
    list, as a company's own records are screened when saved, so the demo shows possible
    matches to review; the summary then says how many."""
    from dataclasses import replace

    from licenseapp.services.screening.runs import rescreen_everyone

    found = rescreen_everyone(db, progress=progress)
    return replace(summary, possible_matches=found.new_hits + found.changed)


def _generate(
    db: Database, size: int, seed: int, today: date, progress: Progress | None
) -> DemoSummary:
    rng = random.Random(seed)
    report = progress or (lambda done, total: None)
    people = core_people()
    names = NameCounter({(p.given, p.family) for p in people})
    for person_id in range(CORE_COUNT + 1, people_for(size) + 1):
        people.append(generated_person(rng, person_id, names, today.year))
    ai_people = sum(1 for p in people if p.org == "ai")
    plans = plan_targets(rng, size, today, ai_people)
    place(rng, plans, today)
    assign_people(rng, plans, people, today)
    plans.sort(key=lambda p: (p.times[0], p.regulator, p.target.value))
    for number, plan in enumerate(plans, start=1):
        plan.id = number
        assert plan.person is not None
        plan.person.app_ids.append(number)
    total = len(people) + len(plans)
    report(0, total)
    with db.unit_of_work() as session:
        _refuse_if_not_empty(session.connection())
        with BulkWriter(session.connection()) as sink:
            writer = DemoWriter(rng, today, people, plans, sink)
            sink.add(table(Organization), [_org_row(i, today) for i in range(len(ORGS))])
            sink.add(table(ControlledItem), [_item_row(i, today) for i in range(len(ITEMS))])
            done = 0
            for chunk in _chunks(people):
                writer.write_people(chunk)
                done += len(chunk)
                report(done, total)
            for plan_chunk in _chunks(plans):
                writer.write_applications(plan_chunk)
                done += len(plan_chunk)
                report(done, total)
            grants = list(writer.grants())
            sink.add(table(AccessGrant), grants)
            sink.finish()
        sink.sync_sequences()
        _record_modes(session, grants)
        _recipient_locations(session, plans)
        audit.record(
            session, actor=db.actor, action="demo", entity="database",
            entity_id=f"seed {seed}", at=datetime.combine(today, time(23, 30), UTC),
            summary=f"demo data: {len(plans)} applications, {len(people)} people "
                    f"(size {size}, seed {seed})",
        )
    return DemoSummary(
        organizations=len(ORGS), people=len(people), items=len(ITEMS),
        applications=len(plans), licenses=writer.counts["licenses"],
        events=writer.counts["events"], grants=writer.counts["grants"],
    )


def _record_modes(session: Session, grants: list[Row]) -> None:
    """The demo's AI models are offered in every access mode and its grants are to the
    weights, since the day access began. The bulk writer leaves the columns that count in a
    seal only when set (added by later migrations) empty, so they are filled here and those
    two tables sealed again."""
    ai_items = [i + 1 for i, it in enumerate(ITEMS) if it.kind == ItemKind.AI_MODEL_ACCESS]
    items = table(ControlledItem)
    session.execute(update(items).where(items.c.id.in_(ai_items))
                    .values(access_modes=",".join(m.value for m in AccessMode),
                            updated_at=items.c.updated_at))  # as generated: deterministic
    access = table(AccessGrant)
    rows = [{"gid": g["id"], "mode": AccessMode.PARAMETERS.value if g["item_id"] in ai_items
             else None, "since": (g["granted_at"] or g["requested_at"]).date()} for g in grants]
    if rows:
        session.execute(update(access).where(access.c.id == bindparam("gid"))
                        .values(mode=bindparam("mode"), since=bindparam("since"),
                                updated_at=access.c.updated_at), rows)
    seals.seal_tables(session, ("controlled_items", "access_grants"))


def _recipient_locations(session: Session, plans: list[AppPlan]) -> None:
    """A SIEL is for technology leaving the UK: each UK case past its draft says where the
    recipient receives or accesses it (block 7(a)). Filled here, as :func:`_record_modes`
    fills its columns, and those rows sealed again; drafts are left to the user."""
    apps = table(Application)
    rows = [{"aid": plan.id, "values": {"s7a": recipient_location(plan.person)}}
            for plan in plans if plan.regulator == "ECJU" and plan.person is not None
            and plan.path[-1] is not ApplicationStatus.DRAFT]
    if rows:
        session.execute(update(apps).where(apps.c.id == bindparam("aid"))
                        .values(form_values=bindparam("values"),
                                updated_at=apps.c.updated_at), rows)
        seals.seal_rows(session, "applications", [(r["aid"],) for r in rows])


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start:start + _CHUNK]


_EMPTY_CHECKS = ((Application, "applications"), (Person, "people"),
                 (Organization, "organizations"), (ControlledItem, "controlled items"))


def _refuse_if_not_empty(conn: Connection) -> None:
    for model, label in _EMPTY_CHECKS:
        count = conn.execute(select(func.count()).select_from(table(model))).scalar_one()
        if count:
            raise LicenseAppError(
                f"the database already holds {count} {label}; use an empty database for the "
                "demo data"
            )


def _at(d: date, hour: int = 15) -> datetime:
    return datetime(d.year, d.month, d.day, hour, tzinfo=UTC)


def _org_row(index: int, today: date) -> Row:
    o = ORGS[index]
    hq = o.sites[0]
    created = _at(today - timedelta(days=5 * 365 + 30 * index))
    return {
        "id": index + 1, "legal_name": o.legal_name, "street": hq.street, "city": hq.city,
        "state": hq.state, "postal_code": hq.postal_code, "country": hq.country,
        "phone": o.phone, "fax": o.fax, "ein": o.ein, "snapr_cin": o.snapr_cin,
        "ddtc_code": o.ddtc_code, "contact_name": o.contact_name,
        "contact_phone": o.contact_phone, "contact_email": o.contact_email,
        "signatory_name": o.signatory_name, "signatory_title": o.signatory_title,
        "default_loe_template": org_templates(hq.country)[0],
        "default_tcp_template": org_templates(hq.country)[1],
        "version": 1, "created_at": created, "updated_at": created,
    }


def _item_row(index: int, today: date) -> Row:
    it = ITEMS[index]
    created = _at(today - timedelta(days=5 * 365 - 10 * index))
    return {
        "id": index + 1, "ref": f"ITM-{index + 1:03d}", "name": it.name, "kind": it.kind,
        "regime": it.regime, "classification": it.classification,
        "reasons_for_control": it.reasons, "ccats": it.ccats, "description": it.description,
        "owner_org_id": ORG_INDEX[it.org] + 1, "version": 1, "created_at": created,
        "updated_at": created,
    }


__all__ = ["DEFAULT_SIZE", "DEMO_TODAY", "DemoSummary", "generate_demo", "people_for"]
