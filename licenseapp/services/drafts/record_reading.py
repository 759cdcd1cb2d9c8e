"""An application's record as read from the database: the one read model of an application.

Everything the packet prints (:class:`~licenseapp.domain.record.ApplicationRecord`), read in
the caller's session by one mapper. The filing packet renders it whole; the details pane
and ``show`` project it (:mod:`licenseapp.services.drafts.applications`), adding what only
tracking has (history, license, deadlines), so the two never disagree about a person, an
item or a party.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload, undefer

from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.privacy import mask_number
from licenseapp.domain.record import (
    Address,
    ApplicationRecord,
    AttachmentInfo,
    CitizenshipInfo,
    DocumentInfo,
    ItemInfo,
    OrganizationInfo,
    PartyInfo,
    PersonInfo,
    ResumeInfo,
)
from licenseapp.domain.recorded import recorded_values
from licenseapp.services.output.attachments import blocking, hazards_of, safety_rows
from licenseapp.store.models import (
    Application,
    Attachment,
    ControlledItem,
    License,
    Organization,
    Person,
)


def _address(street: str, city: str, state: str, postal: str, country: str | None) -> Address:
    return Address(street, city, state, postal, country, country_name(country))


def _organization(org: Organization) -> OrganizationInfo:
    return OrganizationInfo(
        legal_name=org.legal_name,
        address=_address(org.street, org.city, org.state, org.postal_code, org.country),
        phone=org.phone, fax=org.fax, ein=org.ein, snapr_cin=org.snapr_cin,
        ddtc_code=org.ddtc_code, contact_name=org.contact_name,
        contact_phone=org.contact_phone, contact_email=org.contact_email,
        signatory_name=org.signatory_name, signatory_title=org.signatory_title,
    )


def _immigration_label(status: str | None) -> str:
    if not status:
        return ""
    try:
        return ImmigrationStatus(status).label
    except ValueError:
        return status


def read_person(session: Session, person_id: int, full_document_numbers: bool = False
                ) -> PersonInfo:
    """A person as the packet prints them (document numbers masked unless asked for)."""
    person = session.execute(
        select(Person).where(Person.id == person_id).options(
            selectinload(Person.citizenships), selectinload(Person.documents),
            selectinload(Person.resume),
        )
    ).scalar_one()
    employer = session.get(Organization, person.employer_id) if person.employer_id else None
    return PersonInfo(
        ref=person.ref, given_name=person.given_name, family_name=person.family_name,
        native_name=person.native_name, other_names=person.other_names,
        date_of_birth=person.date_of_birth, birth_city=person.birth_city,
        birth_country=person.birth_country, birth_country_name=country_name(person.birth_country),
        residency_country=person.residency_country,
        residency_country_name=country_name(person.residency_country),
        lpr_since=person.lpr_since, immigration_status=person.immigration_status,
        immigration_status_label=_immigration_label(person.immigration_status),
        email=person.email, phone=person.phone,
        employer=employer.legal_name if employer else "",
        job_title=person.job_title, duties=person.duties, supervisor=person.supervisor,
        work_site=person.work_site,
        citizenships=tuple(
            CitizenshipInfo(c.country, country_name(c.country), c.acquired_on, c.ended_on, c.basis)
            for c in person.citizenships
        ),
        documents=tuple(
            DocumentInfo(d.kind, mask_number(d.number), d.issuing_country,
                         country_name(d.issuing_country), d.document_class, d.issued_on,
                         d.expires_on, number=d.number.strip() if full_document_numbers else "")
            for d in person.documents
        ),
        resume=tuple(
            ResumeInfo(r.kind, r.organization, r.start_year, r.start_month, r.end_year,
                       r.end_month, r.location, r.title, r.description)
            for r in person.resume
        ),
    )


def _dollars(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def _items(session: Session, app: Application) -> tuple[ItemInfo, ...]:
    catalog = {
        i.id: i for i in session.execute(
            select(ControlledItem).where(ControlledItem.id.in_([x.item_id for x in app.items]))
        ).scalars()
    }
    lines = []
    for line in app.items:
        item = catalog[line.item_id]
        lines.append(ItemInfo(
            position=line.position, item_ref=item.ref, name=item.name, kind=item.kind,
            regime=item.regime, classification=item.classification,
            reasons_for_control=item.reasons_for_control, eccn=line.eccn,
            model_number=line.model_number, ccats=line.ccats or item.ccats,
            quantity=line.quantity, units=line.units, unit_price=_dollars(line.unit_price_cents),
            total_price=_dollars(line.total_price_cents), manufacturer=line.manufacturer,
            technical_description=line.technical_description or item.description,
            form_values=recorded_values(line.form_values),
        ))
    return tuple(lines)


#: The packet as filed, kept as an attachment of its own (never printed inside a packet).
FILED_PACKET_KIND = "filed_packet"


def _attachments(session: Session, app: Application) -> tuple[AttachmentInfo, ...]:
    owners = [Attachment.application_id == app.id]
    if app.person_id is not None:
        owners.append(Attachment.person_id == app.person_id)
    rows = session.execute(
        select(Attachment).where(or_(*owners), Attachment.removed_at.is_(None),
                                 Attachment.kind != FILED_PACKET_KIND)
        .options(undefer(Attachment.content)).order_by(Attachment.id)
    ).scalars().all()
    replaced = {r.replaces_id for r in rows if r.replaces_id is not None}
    current = [r for r in rows if r.id not in replaced]
    safety = safety_rows(session, [r.id for r in current])
    return tuple(
        AttachmentInfo(r.kind, r.file_name, r.media_type, r.sha256, bytes(r.content or b""),
                       hazards_of(safety.get(r.id)) if blocking(safety.get(r.id)) else ())
        for r in current
    )


def _renewal_chain_licenses(session: Session, app: Application) -> list[str]:
    """The precedent licenses (the DSP-5's block): those of every application this one
    renews, directly or through earlier renewals, newest first; then those granted on
    earlier applications for the same person to the same regulator. Each number once."""
    numbers: list[str] = []
    seen = {app.id}
    renews = app.renewal_of_id
    while renews is not None and renews not in seen:
        seen.add(renews)
        numbers += [n for n in session.execute(
            select(License.number).where(License.application_id == renews)
            .order_by(License.id)).scalars() if n and n not in numbers]
        renews = session.execute(select(Application.renewal_of_id)
                                 .where(Application.id == renews)).scalar_one_or_none()
    if app.person_id is not None:
        numbers += [n for n in session.execute(
            select(License.number).join(Application, License.application_id == Application.id)
            .where(Application.person_id == app.person_id, Application.id < app.id,
                   Application.regulator_code == app.regulator_code)
            .order_by(License.issued_on.desc(), License.id.desc())).scalars()
            if n and n not in numbers]
    return numbers


def read_record(
    session: Session, app: Application, *, full_document_numbers: bool = False,
    with_attachments: bool = True,
) -> ApplicationRecord:
    """The record of ``app`` (loaded with its items and parties) in ``session``.

    Document numbers are read masked only, unless ``full_document_numbers`` asks for them
    in full as well (:attr:`DocumentInfo.number`); ``with_attachments`` reads the files'
    content (the packet merges them; a screen does not need them)."""
    org = session.get(Organization, app.organization_id)
    assert org is not None
    resubmits = session.get(Application, app.resubmission_of_id) \
        if app.resubmission_of_id else None
    prior = _renewal_chain_licenses(session, app)
    cycle = lifecycle(app.regulator_code)
    return ApplicationRecord(
        ref=app.ref, regulator=app.regulator_code, form=app.form_code, status=app.status,
        status_label=cycle.label(app.status), updated_at=app.updated_at,
        organization=_organization(org), regulator_ref=app.regulator_ref,
        regulator_ref_name=cycle.regulator_ref_name, transaction_no=app.transaction_no,
        application_type=app.application_type, special_purpose=app.special_purpose,
        documents_submitted=app.documents_submitted, end_use=app.end_use,
        justification=app.justification, additional_info=app.additional_info,
        loe_text=app.loe_text, tcp_text=app.tcp_text, submitted_on=app.submitted_on,
        version=app.version,
        resubmission_of_ref=resubmits.ref if resubmits else "",
        resubmission_of_regulator_ref=resubmits.regulator_ref if resubmits else "",
        prior_license_numbers=tuple(prior),
        person=read_person(session, app.person_id, full_document_numbers)
        if app.person_id is not None else None,
        items=_items(session, app),
        parties=tuple(
            PartyInfo(p.role, p.name,
                      _address(p.street, p.city, p.state, p.postal_code, p.country), p.phone)
            for p in app.parties
        ),
        attachments=_attachments(session, app) if with_attachments else (),
        form_values=recorded_values(app.form_values),
    )
