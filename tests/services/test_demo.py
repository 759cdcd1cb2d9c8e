"""The demo data set: realistic, complete enough to show every feature, and deterministic."""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from licenseapp.demo.catalog import DIRECTIVE_DATE, DIRECTIVE_RULESET
from licenseapp.demo.dataset import DEFAULT_SIZE, DEMO_TODAY, DemoSummary, generate_demo
from licenseapp.demo.plan import ISSUED_THEN
from licenseapp.demo.pools import VAGUE_DUTIES
from licenseapp.domain.enums import LICENSED_STATUSES
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.validators import acn, application_ref, ccats
from licenseapp.errors import LicenseAppError
from licenseapp.services.drafts.applications import get_application, list_applications
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import (
    AccessGrant,
    Application,
    ApplicationItem,
    ApplicationParty,
    Citizenship,
    ControlledItem,
    License,
    LicenseCondition,
    Organization,
    Person,
    PersonDocument,
    ResumeEntry,
    StatusEvent,
)

EVERYTHING = {"regulator_ref", "license_no", "valid_until"}
SCRIPTS = {
    "Latin with diacritics": re.compile(r"[\u00C0-\u024F\u1E00-\u1EFF]"),
    "Han": re.compile(r"[\u4E00-\u9FFF]"),
    "Arabic": re.compile(r"[\u0600-\u06FF]"),
    "Cyrillic": re.compile(r"[\u0400-\u04FF]"),
    "Devanagari": re.compile(r"[\u0900-\u097F]"),
}


@pytest.fixture
def demo(db: Database) -> Iterator[tuple[Database, DemoSummary]]:
    yield db, generate_demo(db)


def _all(db: Database, model: Any) -> list[Any]:
    with db.reading() as s:
        return list(s.execute(select(model).order_by(model.id)).scalars())


def _count(db: Database, model: Any) -> int:
    with db.reading() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _events(db: Database) -> dict[int, list[StatusEvent]]:
    found: dict[int, list[StatusEvent]] = defaultdict(list)
    for event in _all(db, StatusEvent):
        found[event.application_id].append(event)
    return found


def assert_histories_are_valid(db: Database, today: date = DEMO_TODAY) -> None:
    """Every history is a path through its regulator's lifecycle, consistent with the row."""
    events = _events(db)
    licenses = {lic.application_id: lic for lic in _all(db, License)}
    end_of_today = datetime(today.year, today.month, today.day, tzinfo=UTC) + timedelta(days=1)
    for app in _all(db, Application):
        lc = lifecycle(app.regulator_code)
        history = events[app.id]
        assert history, app.ref
        assert history[0].from_status is None and history[0].to_status == lc.initial.value
        for before, after in pairwise(history):
            assert after.from_status == before.to_status, app.ref
            lc.check(before.to_status, after.to_status, provided=EVERYTHING)
            assert after.occurred_at > before.occurred_at, app.ref
        for event in history:
            assert event.occurred_at.tzinfo is not None and event.occurred_at < end_of_today
            assert event.recorded_at >= event.occurred_at and event.actor
            if event.to_status == "registered":
                assert event.reference == app.regulator_ref != "", app.ref
        statuses = [e.to_status for e in history]
        assert app.status == statuses[-1] and app.status_changed_at == history[-1].occurred_at
        assert app.created_at == history[0].occurred_at and app.updated_at >= app.created_at
        assert (app.regulator_ref != "") == ("registered" in statuses), app.ref
        if app.regulator_code == "BIS" and app.regulator_ref:
            acn(app.regulator_ref)
        if "submitted" in statuses:
            last = max(e.occurred_at for e in history if e.to_status == "submitted")
            assert app.submitted_on == last.date()
        else:
            assert app.submitted_on is None
        if "registered" in statuses:
            first = min(e.occurred_at for e in history if e.to_status == "registered")
            assert app.registered_on == first.date()
        assert application_ref(app.ref) == app.ref
        assert app.ref.startswith(f"LA-{app.created_at.year}-")
        lic = licenses.get(app.id)
        # A licence is issued on approval; a UK case whose licence was later suspended,
        # revoked or surrendered keeps it (the licence's state says what became of it).
        granted = [e for e in history if e.to_status in LICENSED_STATUSES]
        after = S(app.status) in ISSUED_THEN and bool(granted)
        assert (lic is not None) == (app.status in LICENSED_STATUSES or after), app.ref
        if after:
            assert lic is not None and lic.state == ISSUED_THEN[S(app.status)], app.ref
        if lic is not None:
            grant = granted[-1]
            assert grant.reference == lic.number and lic.number in grant.note
            assert lic.issued_on == app.decided_on == grant.occurred_at.date()
            assert lic.expires_on > lic.issued_on


def test_the_default_demo_has_companies_people_items_and_applications(
        demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert summary == DemoSummary(
        organizations=_count(db, Organization), people=_count(db, Person),
        items=_count(db, ControlledItem), applications=_count(db, Application),
        licenses=_count(db, License), events=_count(db, StatusEvent),
        grants=_count(db, AccessGrant),
    )
    orgs = {o.legal_name: o for o in _all(db, Organization)}
    assert len(orgs) >= 3 and "Northwind Frontier AI, Inc." in orgs
    assert any(o.ddtc_code for o in orgs.values())
    assert any(o.country == "GB" for o in orgs.values())
    for org in orgs.values():
        assert org.street and org.city and org.contact_name and org.signatory_name
        assert org.contact_email and org.signatory_title
        if org.country == "US":
            assert re.fullmatch(r"\d{2}-\d{7}", org.ein) and org.snapr_cin
    assert summary.people == 40 and summary.applications == DEFAULT_SIZE >= 60
    people = _all(db, Person)
    assert [p.ref for p in people] == [f"P-{i:04d}" for i in range(1, 41)]
    for script, pattern in SCRIPTS.items():
        assert any(pattern.search(p.native_name) for p in people), script
    for person in people:
        assert person.given_name and person.family_name and person.employer_id
        assert person.job_title and person.duties and person.supervisor and person.work_site
        assert not SCRIPTS["Han"].search(person.given_name + person.family_name)


def test_every_status_of_every_lifecycle_occurs(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    seen: dict[str, set[str]] = defaultdict(set)
    for app in _all(db, Application):
        seen[app.regulator_code].add(app.status)
    for regulator in ("BIS", "DDTC", "ECJU"):
        assert seen[regulator] == {s.value for s in lifecycle(regulator).statuses}, regulator
    forms = {(a.regulator_code, a.form_code) for a in _all(db, Application)}
    assert forms == {("BIS", "BIS-748P"), ("DDTC", "DSP-5"), ("ECJU", "SIEL")}


def test_every_history_follows_its_lifecycle(demo: tuple[Database, DemoSummary]) -> None:
    assert_histories_are_valid(demo[0])


def test_people_have_plausible_citizenships_statuses_and_documents(
        demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    people = _all(db, Person)
    citizenships: dict[int, list[Citizenship]] = defaultdict(list)
    for c in _all(db, Citizenship):
        citizenships[c.person_id].append(c)
    documents: dict[int, list[PersonDocument]] = defaultdict(list)
    for d in _all(db, PersonDocument):
        documents[d.person_id].append(d)
    statuses = Counter(p.immigration_status for p in people)
    for status in ("lpr", "h1b", "f1", "l1", "o1", "tn", "e3", "j1", "protected"):
        assert statuses[status], status
    duals = {tuple(sorted(c.country for c in cs if c.ended_on is None))
             for cs in citizenships.values()}
    assert {("CA", "CN"), ("GB", "IN"), ("IL", "RU")} <= duals
    assert any(c.basis == "naturalization" and c.acquired_on for cs in citizenships.values()
               for c in cs)
    assert any(p.birth_country is None for p in people)
    for person in people:
        assert citizenships[person.id], person.ref
        passports = [d for d in documents[person.id] if d.kind == "passport"]
        assert passports and all(d.number and d.issuing_country and d.expires_on
                                 for d in passports)
        if person.immigration_status == "lpr":
            assert person.residency_country == "US" and person.lpr_since is not None
        if person.immigration_status == "f1":
            assert any(d.kind == "ead" and d.expires_on for d in documents[person.id])
        if person.immigration_status in ("h1b", "l1", "o1"):
            assert any(d.kind == "visa" and d.document_class for d in documents[person.id])
            assert any(d.kind == "i94" for d in documents[person.id])
    visas = [d for d in _all(db, PersonDocument) if d.kind == "visa" and d.expires_on]
    soon = [d for d in visas if DEMO_TODAY <= d.expires_on <= DEMO_TODAY + timedelta(days=90)]
    assert len(soon) >= 3
    assert any(d.expires_on < DEMO_TODAY for d in visas)


def _months(year: int, month: int) -> int:
    return year * 12 + month - 1


def test_resumes_cover_the_time_since_secondary_school(
        demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    entries: dict[int, list[ResumeEntry]] = defaultdict(list)
    for entry in _all(db, ResumeEntry):
        entries[entry.person_id].append(entry)
    gaps = vague = 0
    for person in _all(db, Person):
        resume = sorted(entries[person.id], key=lambda e: _months(e.start_year, e.start_month))
        assert resume[0].kind == "education" and "Secondary" in resume[0].title
        assert resume[-1].end_year is None and resume[-1].kind == "employment"
        assert resume[-1].title == person.job_title
        for entry in resume:
            assert 1 <= entry.start_month <= 12 and entry.organization
            if entry.end_year is not None:
                assert entry.end_month is not None
                assert _months(entry.end_year, entry.end_month) >= _months(
                    entry.start_year, entry.start_month)
        for before, after in pairwise(resume):
            assert before.end_year is not None and before.end_month is not None
            missing = _months(after.start_year, after.start_month) - _months(
                before.end_year, before.end_month) - 1
            assert missing >= 0, person.ref
            gaps += missing > 0
        vague += any(e.description in VAGUE_DUTIES for e in resume)
    assert 1 <= gaps <= 10 and 1 <= vague <= 10


def test_items_and_access_grants(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    items = {i.name: i for i in _all(db, ControlledItem)}
    assert [i.ref for i in items.values()] == [f"ITM-{n:03d}" for n in range(1, len(items) + 1)]
    for name in ("Mythos 5", "Fable 5"):
        model = items[name]
        assert (model.kind, model.regime, model.classification, model.reasons_for_control) == (
            "ai_model_access", "EAR", "4E091", "RS, AT")
    by_class = {i.classification: i for i in items.values()}
    assert by_class["3E001"].reasons_for_control == "NS, MT, NP, RS, AT"
    assert by_class["5E002"].reasons_for_control == "NS, RS, AT, EI"
    assert by_class["9E003"].reasons_for_control == "NS, SI, AT"
    assert by_class["3D001"].kind == "source_code"
    # Published open weights are not subject to the EAR (15 CFR 734.7): recorded so, with no
    # reasons for control, and every grant of them is active without an application.
    halcyon = items["Halcyon 3 (published weights)"]
    assert (halcyon.classification, halcyon.reasons_for_control) == (
        "not subject (published)", "")
    assert {i.regime for i in items.values()} == {"EAR", "ITAR", "UK"}
    for item in items.values():
        if item.ccats:
            ccats(item.ccats)
    models = {items["Mythos 5"].id, items["Fable 5"].id}
    grants: dict[int, list[AccessGrant]] = defaultdict(list)
    for grant in _all(db, AccessGrant):
        grants[grant.person_id].append(grant)
        assert grant.state in ("active", "requested", "suspended", "revoked")
        assert grant.requested_at is not None or grant.granted_at is not None
    northwind = next(o.id for o in _all(db, Organization) if o.legal_name.startswith("Northwind"))
    ai_people = [p for p in _all(db, Person) if p.employer_id == northwind]
    for person in ai_people:
        assert any(g.item_id in models for g in grants[person.id]), person.ref
    assert sum(p.immigration_status == "lpr" for p in ai_people) >= 3
    assert sum(1 <= len(g) <= 3 for g in grants.values()) >= 0.9 * len(grants)
    assert {g.state for gs in grants.values() for g in gs if g.item_id == halcyon.id} <= {
        "active"}


def test_links_problems_and_the_directive(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    apps = {a.id: a for a in _all(db, Application)}
    resubmitted = [a for a in apps.values() if a.resubmission_of_id]
    assert resubmitted
    for app in resubmitted:
        old = apps[app.resubmission_of_id]  # type: ignore[index]
        assert old.status == "returned_without_action" and old.created_at < app.created_at
        assert old.person_id == app.person_id
        assert get_application(db, app.ref).resubmission_of == old.ref
    directive = [a for a in apps.values() if a.ruleset_id == DIRECTIVE_RULESET]
    assert len(directive) >= 3
    lines: dict[int, list[ApplicationItem]] = defaultdict(list)
    for line in _all(db, ApplicationItem):
        lines[line.application_id].append(line)
    for app in directive:
        assert app.created_at.date() >= DIRECTIVE_DATE
        assert all(line.eccn == "4E091" for line in lines[app.id])
    drafts = [a for a in apps.values() if a.status in ("draft", "internal_review")]
    assert any(not a.end_use for a in drafts)
    assert any("including but not limited to" in a.end_use for a in drafts)
    expired_visa = {d.person_id for d in _all(db, PersonDocument)
                    if d.kind == "visa" and d.expires_on and d.expires_on < DEMO_TODAY}
    assert any(a.person_id in expired_visa for a in drafts if a.status == "draft")
    filled = [a for a in apps.values() if a.end_use and a.justification and a.loe_text
              and a.tcp_text and a.additional_info]
    assert len(filled) >= 0.75 * len(apps)
    for app in apps.values():
        assert lines[app.id], app.ref
        for line in lines[app.id]:
            assert line.eccn and line.technical_description
            assert line.quantity == "" and line.manufacturer == ""
    roles: dict[int, list[ApplicationParty]] = defaultdict(list)
    for party in _all(db, ApplicationParty):
        roles[party.application_id].append(party)
    for app in apps.values():
        by_role = {p.role: p for p in roles[app.id]}
        assert set(by_role) == {"applicant", "ultimate_consignee", "end_user"}
        assert by_role["applicant"].organization_id == app.organization_id
        assert by_role["ultimate_consignee"].person_id == app.person_id
        assert by_role["ultimate_consignee"].street and by_role["ultimate_consignee"].country


def test_licenses_expire_carry_conditions_and_change_state(
        demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    licenses = _all(db, License)
    apps = {a.id: a for a in _all(db, Application)}
    assert licenses
    for lic in licenses:
        regulator = apps[lic.application_id].regulator_code
        pattern = {"BIS": r"D\d{7}", "DDTC": r"05\d{7}", "ECJU": r"GBSIEL/\d{4}/\d{7}/P"}
        assert re.fullmatch(pattern[regulator], lic.number), lic.number
        if lic.state != "active":
            assert lic.state_reason
    soon = [lic for lic in licenses
            if DEMO_TODAY <= lic.expires_on <= DEMO_TODAY + timedelta(days=60)]
    assert soon and any(lic.expires_on < DEMO_TODAY for lic in licenses)
    assert {"active", "suspended", "revoked"} <= {lic.state for lic in licenses}
    conditions = _all(db, LicenseCondition)
    assert any(c.anniversary_report for c in conditions)
    assert {c.kind for c in conditions} == {"condition", "rider"}


def _dump(db: Database) -> str:
    rows = [r.to_json() for r in list_applications(db)]
    people = []
    with db.reading() as s:
        for model in (Person, Citizenship, PersonDocument, ResumeEntry, AccessGrant, License,
                      LicenseCondition, StatusEvent, ApplicationParty, ApplicationItem):
            for row in s.execute(select(model).order_by(model.id)).scalars():
                people.append({c.name: getattr(row, c.name) for c in model.__table__.columns})
    details = [get_application(db, r["ref"]).to_json() for r in rows[:5]]
    return json.dumps([rows, people, details], default=str, ensure_ascii=False)


def _fresh(db_url: str, n: int, tmp_path: Path) -> Database:
    """An empty database: another file on SQLite, the same (emptied) one on PostgreSQL."""
    if not db_url.startswith("postgresql"):
        return open_database(str(tmp_path / f"again-{n}.db"))
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return open_database(db_url)


def test_the_same_seed_gives_the_same_data(db_url: str, tmp_path: Path) -> None:
    dumps = []
    for n in range(2):
        database = _fresh(db_url, n, tmp_path)
        try:
            generate_demo(database, seed=7)
            dumps.append(_dump(database))
        finally:
            database.dispose()
    assert dumps[0] == dumps[1]
    database = _fresh(db_url, 2, tmp_path)
    try:
        generate_demo(database, seed=8)
        assert _dump(database) != dumps[0]
    finally:
        database.dispose()


def test_a_database_with_applications_is_refused(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with pytest.raises(LicenseAppError, match=rf"already holds {summary.applications} "
                                              r"applications; use an empty database"):
        generate_demo(db)
    assert _count(db, Application) == summary.applications


def test_demo_rows_are_sealed_and_the_app_can_add_more(
        demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert verify(db).ok
    with db.unit_of_work() as s:
        person = Person(ref="P-9001", given_name="New", family_name="Hire")
        s.add(person)
        s.flush()
        assert person.id == summary.people + 1  # the id sequences moved past the demo's ids
    assert verify(db).ok


def test_small_sizes_progress_and_bad_sizes(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    summary = generate_demo(db, size=5, progress=lambda done, total: calls.append((done, total)))
    assert summary.applications == 5 and summary.people == 40
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert all(done <= total for done, total in calls)
    with pytest.raises(LicenseAppError, match="at least 1"):
        generate_demo(db, size=0)


@pytest.mark.slow
def test_a_larger_demo_is_fast_and_consistent(db: Database) -> None:
    started = time.perf_counter()
    summary = generate_demo(db, size=2000, seed=3)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{elapsed:.1f} s for 2000 applications"
    assert (summary.applications, summary.people) == (2000, 1000)
    rows = list_applications(db)
    assert len(rows) == 2000 == len({r.ref for r in rows})
    assert [r.ref for r in rows] == sorted((r.ref for r in rows), reverse=True)
    people = _all(db, Person)
    assert len({(p.given_name, p.family_name) for p in people}) == len(people)
    assert_histories_are_valid(db)
    assert verify(db).ok
