"""Small, explicit records for tests that need a few rows (the demo set is for bigger ones)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from licenseapp.store.database import Database
from licenseapp.store.models import (
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
    StatusEvent,
)

T0 = datetime(2026, 9, 1, 15, 0, tzinfo=UTC)


def make_application(
    db: Database,
    ref: str = "LA-2026-0001",
    *,
    regulator: str = "BIS",
    status: str = "draft",
    given: str = "Wei",
    family: str = "Zhang",
    native: str = "张伟",
    citizenship: str = "CN",
    visa_expires: date | None = date(2027, 3, 31),
) -> int:
    form = {"BIS": "BIS-748P", "DDTC": "DSP-5", "ECJU": "SIEL"}[regulator]
    with db.unit_of_work() as s:
        org = s.query(Organization).filter_by(legal_name="Northwind Frontier AI, Inc.").first()
        if org is None:
            org = Organization(legal_name="Northwind Frontier AI, Inc.", city="San Jose",
                               state="CA", signatory_name="Dana Whitfield",
                               signatory_title="Empowered Official")
            s.add(org)
        item = s.query(ControlledItem).filter_by(ref="ITM-001").first()
        if item is None:
            item = ControlledItem(ref="ITM-001", name="Mythos 5", kind="ai_model_access",
                                  regime="EAR", classification="4E091",
                                  reasons_for_control="RS, AT")
            s.add(item)
        s.flush()
        person = Person(ref=f"P-{ref[-4:]}", given_name=given, family_name=family,
                        native_name=native, birth_country=citizenship,
                        immigration_status="h1b", employer_id=org.id)
        person.citizenships.append(Citizenship(country=citizenship, acquired_on=date(1990, 1, 1)))
        if visa_expires:
            person.documents.append(PersonDocument(kind="visa", number="V12345678",
                                                   issuing_country="US", document_class="H-1B",
                                                   expires_on=visa_expires))
        s.add(person)
        s.flush()
        app = Application(ref=ref, organization_id=org.id, regulator_code=regulator,
                          form_code=form, person_id=person.id, owner="tester", status=status,
                          status_changed_at=T0)
        app.items.append(ApplicationItem(item_id=item.id, eccn="4E091", position=1,
                                         technical_description="Access to model weights"))
        app.parties.append(ApplicationParty(role="applicant", name=org.legal_name, country="US"))
        app.parties.append(ApplicationParty(role="ultimate_consignee",
                                            name=f"{given} {family}", country="US",
                                            person_id=person.id))
        s.add(app)
        s.flush()
        s.add(StatusEvent(application_id=app.id, from_status=None, to_status="draft",
                          occurred_at=T0, recorded_at=T0, actor="tester"))
        if status != "draft":
            s.add(StatusEvent(application_id=app.id, from_status="draft", to_status=status,
                              occurred_at=T0, recorded_at=T0, actor="tester"))
        return app.id


def make_license(
    db: Database,
    application_id: int,
    number: str,
    *,
    issued_on: date,
    expires_on: date,
    state: str = "active",
    reason: str = "",
    conditions: tuple[tuple[str, str, bool], ...] = (),
) -> int:
    """A license issued on the application; ``conditions`` are (kind, text, anniversary
    report) with kind "condition" or "rider"."""
    with db.unit_of_work() as s:
        lic = License(application_id=application_id, number=number, issued_on=issued_on,
                      valid_from=issued_on, expires_on=expires_on, state=state,
                      state_reason=reason)
        lic.conditions = [
            LicenseCondition(kind=kind, position=n, text=text, anniversary_report=report)
            for n, (kind, text, report) in enumerate(conditions, start=1)
        ]
        s.add(lic)
        s.flush()
        return lic.id


def make_older_database(path: str, ref: str = "LA-2026-0001") -> None:
    """A SQLite database at the first schema revision holding one application, as an older
    LicenseApp would have left it (opening it upgrades it and keeps a dated .bak beside it)."""
    from sqlalchemy import insert

    from licenseapp.store import migrate
    from licenseapp.store.engine import make_engine, resolve
    from licenseapp.store.models import Base

    engine = make_engine(resolve(path))
    tables = Base.metadata.tables
    try:
        migrate.upgrade(engine, "0001_initial")
        with engine.begin() as conn:
            conn.execute(insert(tables["organizations"]), [
                {"id": 1, "legal_name": "Northwind Frontier AI, Inc.", "created_at": T0,
                 "updated_at": T0}])
            conn.execute(insert(tables["people"]), [
                {"id": 1, "ref": "P-0001", "given_name": "Wei", "family_name": "Zhang",
                 "native_name": "张伟", "created_at": T0, "updated_at": T0}])
            conn.execute(insert(tables["applications"]), [
                {"id": 1, "ref": ref, "organization_id": 1, "regulator_code": "BIS",
                 "form_code": "BIS-748P", "person_id": 1, "status": "draft",
                 "status_changed_at": T0, "created_at": T0, "updated_at": T0}])
            conn.execute(insert(tables["status_events"]), [
                {"id": 1, "application_id": 1, "from_status": None, "to_status": "draft",
                 "occurred_at": T0, "recorded_at": T0, "actor": "mchen"}])
    finally:
        engine.dispose()


def seal_as_an_older_version_did(engine) -> None:  # type: ignore[no-untyped-def]
    """Seal every row of a database at an older schema revision (0003 or later) as that
    LicenseApp version did: over the columns it had (those added since, flagged
    ``SEALED_IF_SET``, do not count while NULL)."""
    from types import SimpleNamespace

    from sqlalchemy import insert, inspect, select

    from licenseapp.store import seals
    from licenseapp.store.base import SEALED_IF_SET
    from licenseapp.store.models import RecordSeal

    with engine.begin() as conn:
        present = set(inspect(conn).get_table_names())
        for name in seals.SEALED_TABLES:
            if name not in present:  # sealed from a later revision on
                continue
            tbl = seals.table(name)
            later = [c.name for c in tbl.columns if c.info.get(SEALED_IF_SET)]
            rows = [SimpleNamespace(**r._mapping, **dict.fromkeys(later)) for r in conn.execute(
                select(*[c for c in tbl.columns if c.name not in later]))]
            if rows:
                conn.execute(insert(RecordSeal), [
                    {"table_name": name, "row_id": seals.row_id(tbl, r),
                     "row_hash": seals.row_hash(tbl, r)} for r in rows])


def make_person_form(db: Database, **changes: object):  # type: ignore[no-untyped-def]
    """An organization and one person working there, saved through the services (audited,
    version 1); returns the person's form as stored. ``changes`` alter the person."""
    import dataclasses

    from licenseapp.domain.organization_form import OrganizationForm
    from licenseapp.domain.person_form import (
        CitizenshipForm,
        DocumentForm,
        PersonForm,
        ResumeForm,
    )
    from licenseapp.services.catalog.organizations import list_organizations, save_organization
    from licenseapp.services.catalog.people import save_person

    orgs = [o for o in list_organizations(db) if o.legal_name == "Frontier Models, Inc."]
    org_id = orgs[0].id if orgs else save_organization(db, OrganizationForm(
        legal_name="Frontier Models, Inc.", city="San Francisco", country="US",
        signatory_name="Ada Byron", signatory_title="Export Compliance Officer")).id
    form = PersonForm(
        given_name="Wei", family_name="Zhang", native_name="张伟",
        date_of_birth=date(1990, 2, 28), birth_country="CN", immigration_status="h1b",
        employer_id=org_id, job_title="Research Scientist", supervisor="Ada Byron",
        work_site="San Francisco HQ",
        citizenships=(CitizenshipForm("CN", acquired_on=date(1990, 2, 28)),),
        documents=(DocumentForm("passport", "E12345678", "CN", "", date(2020, 1, 2),
                                date(2030, 1, 1)),),
        resume=(ResumeForm("education", "Tsinghua University", 2008, 9, 2012, 6),
                ResumeForm("employment", "Frontier Models", 2012, 7)))
    return save_person(db, dataclasses.replace(form, **changes))  # type: ignore[arg-type]


def complete_for_filing(db: Database, ref: str = "LA-2026-0001") -> None:
    """Give an application from :func:`make_application` what the completeness checker asks
    for before filing (no errors left), so it may be marked ready or submitted."""
    from licenseapp.domain.countries import country_name
    from licenseapp.store.models import ResumeEntry

    with db.unit_of_work() as s:
        app = s.query(Application).filter_by(ref=ref).one()
        org = s.get(Organization, app.organization_id)
        person = s.get(Person, app.person_id)
        assert org is not None and person is not None
        org.contact_name = "Megan Chen"
        org.contact_phone = "+1 415 555 0142"
        app.end_use = "Research scientist on the alignment team; evaluates the model."
        app.additional_info = "Employed since 2026-01-05. No prior licenses."
        app.justification = "Needed for the core duties of the position."
        name = f"{person.given_name} {person.family_name}"
        country = country_name(person.citizenships[0].country) if person.citizenships else ""
        # A letter and plan that answer each element for the case (the checker reads content)
        app.loe_text = (
            f"(i) Northwind Frontier AI, Inc. employs {name}, a national of {country}; no "
            f"other party receives the technology. (ii) {name} works only at 100 Market St, "
            "San Jose, CA. (iii) Technology: Mythos 5 model weights (4E091). (iv) Release by "
            f"electronic access on company systems. (v) {name} uses Mythos 5 to evaluate the "
            f"model. (vi) The release to {name} is limited to Mythos 5 evaluation checkpoints. "
            f"(vii) Comparable technology is not available in {country} or elsewhere abroad: "
            "Mythos 5 is not sold or published.")
        app.tcp_text = (
            "Northwind Frontier AI, Inc. is committed to complying with the EAR. Technology: "
            f"Mythos 5 (4E091). Participant: {name}, a national of {country}. Badge-controlled "
            "areas; role-based IT access with logging; restricted-party screening and annual "
            "training; access revoked on departure.")
        person.documents.append(PersonDocument(kind="passport", number="E12345678",
                                               issuing_country=person.birth_country,
                                               expires_on=date(2031, 1, 1)))
        person.documents.append(PersonDocument(kind="ead", number="IOE0912345678",
                                               issuing_country="US",
                                               expires_on=date(2028, 1, 1)))
        if not any(d.kind == "visa" for d in person.documents):
            person.documents.append(PersonDocument(kind="visa", number="V12345678",
                                                   issuing_country="US", document_class="H-1B",
                                                   expires_on=date(2028, 3, 31)))
        person.resume.append(ResumeEntry(kind="employment", organization="Northwind Frontier AI",
                                         title="Research Scientist", start_year=2010,
                                         start_month=1, location="100 Market St, San Jose, CA",
                                         description="Evaluates the model's safety."))
