"""People and organizations are created and edited through forms: checked, audited, and a
save over someone else's newer change is refused with both versions — two real sessions."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.domain.organization_form import OrganizationForm
from licenseapp.domain.person_form import CitizenshipForm, DocumentForm, PersonForm, ResumeForm
from licenseapp.services.catalog.organizations import (
    list_organizations,
    load_organization,
    save_organization,
)
from licenseapp.services.catalog.people import list_people, load_person, save_person
from licenseapp.store.database import open_database
from licenseapp.store.models import AuditEntry

TODAY = date(2026, 11, 27)


def _org(db) -> OrganizationForm:  # type: ignore[no-untyped-def]
    return save_organization(db, OrganizationForm(
        legal_name="Frontier Models, Inc.", city="San Francisco", country="US",
        signatory_name="Ada Byron", signatory_title="Export Compliance Officer"))


def _person(db, org_id: int) -> PersonForm:  # type: ignore[no-untyped-def]
    return save_person(db, PersonForm(
        given_name="Wei", family_name="Zhang", native_name="张伟",
        date_of_birth=date(1990, 2, 28), birth_country="cn", immigration_status="h1b",
        employer_id=org_id, job_title="Research Scientist",
        citizenships=(CitizenshipForm("CN"),),
        documents=(DocumentForm("passport", "E12345678", "CN", "", date(2020, 1, 2),
                                date(2030, 1, 1)),),
        resume=(ResumeForm("education", "Tsinghua University", 2008, 9, 2012, 6),
                ResumeForm("employment", "Frontier Models", 2012, 7))), today=TODAY)


def test_a_new_person_is_stored_with_every_list_and_audited(db) -> None:  # type: ignore[no-untyped-def]
    org = _org(db)
    saved = _person(db, org.id)
    assert saved.ref == "P-0001" and saved.version == 1
    again = load_person(db, saved.id)
    assert again == saved
    assert again.birth_country == "CN"
    assert again.documents[0].number == "E12345678"
    assert [r.organization for r in again.resume] == ["Tsinghua University", "Frontier Models"]
    people = list_people(db, "张")
    assert [p.ref for p in people] == ["P-0001"] and people[0].employer == org.legal_name
    assert list_people(db, "zhang")[0].citizenships == ("CN",)
    assert list_organizations(db)[0].people == 1
    with db.reading() as s:
        actions = [(a.action, a.entity) for a in s.execute(select(AuditEntry)).scalars()]
    assert ("create", "person") in actions and ("create", "organization") in actions


def test_problems_name_the_field_and_nothing_is_written(db) -> None:  # type: ignore[no-untyped-def]
    bad = PersonForm(given_name="", family_name="Ivanov", birth_country="XX",
                     citizenships=(CitizenshipForm("RU"), CitizenshipForm("RU")),
                     resume=(ResumeForm("employment", "Acme", 2020, 5, 2019, 1),))
    with pytest.raises(FormInvalid) as err:
        save_person(db, bad, today=TODAY)
    fields = {p.field for p in err.value.problems}
    assert {"given_name", "birth_country", "citizenships[2]", "resume[1]"} <= fields
    assert "Given name" in str(err.value)
    assert list_people(db) == []


def test_an_edit_bumps_the_version_and_records_before_and_after(db) -> None:  # type: ignore[no-untyped-def]
    org = _org(db)
    first = _person(db, org.id)
    edited = save_person(db, dataclasses.replace(first, job_title="Member of Technical Staff",
                                                 citizenships=(CitizenshipForm("CN"),
                                                               CitizenshipForm("CA"))),
                         today=TODAY)
    assert edited.version > first.version
    assert [c.country for c in load_person(db, first.id).citizenships] == ["CN", "CA"]
    with db.reading() as s:
        last = s.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()
    assert last is not None and last.action == "update"
    assert "Research Scientist" in last.before_json
    assert "Member of Technical Staff" in last.after_json


def test_two_sessions_the_second_save_is_refused_with_both_versions(db_url: str) -> None:
    alice, bob = open_database(db_url), open_database(db_url)
    try:
        org = _org(alice)
        start = _person(alice, org.id)
        seen_by_bob = load_person(bob, start.id)
        save_person(alice, dataclasses.replace(start, job_title="Principal Scientist",
                                               supervisor="Grace Hopper"),
                    actor="alice", today=TODAY)
        mine = dataclasses.replace(seen_by_bob, job_title="Staff Scientist",
                                   work_site="Building 4")
        with pytest.raises(EditConflict) as err:
            save_person(bob, mine, base=seen_by_bob, actor="bob", today=TODAY)
        c = err.value
        assert c.changed_by == "alice"
        by_name = {d.name: d for d in c.diffs()}
        assert by_name["job_title"].clash
        assert by_name["supervisor"].default_theirs and not by_name["work_site"].default_theirs
        # nothing was written by the refused save
        assert load_person(alice, start.id).job_title == "Principal Scientist"
        merged = c.merged()  # mine, plus the supervisor only alice changed
        saved = save_person(bob, merged, actor="bob", today=TODAY)
        assert (saved.job_title, saved.supervisor, saved.work_site) == (
            "Staff Scientist", "Grace Hopper", "Building 4")
        taken = c.merged({"job_title", "supervisor"})
        assert taken.job_title == "Principal Scientist"
    finally:
        alice.dispose()
        bob.dispose()


def test_organization_conflict_and_duplicate_name(db_url: str) -> None:
    one, two = open_database(db_url), open_database(db_url)
    try:
        org = _org(one)
        copy = load_organization(two, org.id)
        save_organization(one, dataclasses.replace(org, city="Oakland"))
        with pytest.raises(EditConflict) as err:
            save_organization(two, dataclasses.replace(copy, phone="+1 415 555 0100"),
                              base=copy)
        assert [d.name for d in err.value.diffs()] == ["city", "phone"]
        saved = save_organization(two, err.value.merged())
        assert (saved.city, saved.phone) == ("Oakland", "+1 415 555 0100")
        with pytest.raises(FormInvalid, match="already exists"):
            save_organization(one, OrganizationForm(legal_name="frontier models, inc."))
    finally:
        one.dispose()
        two.dispose()
