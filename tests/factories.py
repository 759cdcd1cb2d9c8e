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
