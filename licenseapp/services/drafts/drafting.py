"""Creating applications: the one way an application comes into being.

:func:`insert_drafts` writes draft applications from plain inputs (:class:`NewApplication`) in
the caller's unit of work: the application with its reference, items, parties, the first
status event (none -> draft) and an audit entry each. It writes with Core bulk inserts and
seals the rows it wrote, so one draft and a thousand take the same path: the wizard calls
:func:`create_draft`, bulk drafting (:mod:`licenseapp.services.drafts.bulk_drafts`) calls
:func:`insert_drafts` batch by batch.

References are ``LA-<year>-<NNNN>``, continuing after the highest number of that year
(:func:`next_application_ref`); the year is the local calendar year of the moment of creation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from licenseapp.domain.enums import FORM_OF_REGULATOR, ApplicationStatus, FormType, Regulator
from licenseapp.domain.recorded import FormValues, as_mapping
from licenseapp.errors import ValidationError
from licenseapp.store import audit, seals
from licenseapp.store.database import Database
from licenseapp.store.models import Application, ApplicationItem, ApplicationParty, StatusEvent

if TYPE_CHECKING:
    from licenseapp.domain.rules import RuleSet

REF_PREFIX = "LA"


@dataclass(frozen=True)
class DraftItem:
    """One line of block 22."""

    item_id: int
    eccn: str
    technical_description: str = ""
    ccats: str = ""
    model_number: str = ""
    form_values: FormValues = ()  # per-item blocks without a column, e.g. 22(b) CTP


@dataclass(frozen=True)
class DraftParty:
    role: str  # a PartyRole value: applicant, ultimate_consignee, end_user...
    name: str
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str | None = None
    phone: str = ""
    person_id: int | None = None
    organization_id: int | None = None


@dataclass(frozen=True)
class NewApplication:
    """Everything a new draft is made of, as plain values."""

    organization_id: int
    regulator: str
    form: str
    person_id: int | None
    items: tuple[DraftItem, ...]
    parties: tuple[DraftParty, ...]
    ruleset_id: str | None = None
    application_type: str = "export"
    special_purpose: str = ""
    documents_submitted: str = ""
    end_use: str = ""
    justification: str = ""
    additional_info: str = ""
    loe_text: str = ""
    tcp_text: str = ""
    note: str = ""  # on the first status event
    owner: str = ""  # default: whoever creates it
    form_values: FormValues = ()  # blocks without a column, by the form spec's field id


@dataclass(frozen=True)
class CreatedDraft:
    id: int
    ref: str
    person_id: int | None
    item_ids: tuple[int, ...]


_REF = re.compile(rf"^{REF_PREFIX}-(\d{{4}})-(\d+)$")


def last_number(session: Session, year: int) -> int:
    """The highest ``NNNN`` among ``LA-<year>-NNNN`` references (0 if none)."""
    refs = session.execute(
        select(Application.ref).where(Application.ref.like(f"{REF_PREFIX}-{year:04d}-%"))
    ).scalars()
    numbers = [int(m.group(2)) for r in refs if (m := _REF.match(r))]
    return max(numbers, default=0)


def format_ref(year: int, number: int) -> str:
    return f"{REF_PREFIX}-{year:04d}-{number:04d}"


def next_application_ref(session: Session, year: int) -> str:
    """The reference the next application created in ``year`` gets."""
    return format_ref(year, last_number(session, year) + 1)


def _check(draft: NewApplication) -> None:
    try:
        regulator = Regulator(draft.regulator)
        form = FormType(draft.form)
    except ValueError:
        raise ValidationError("regulator", f"unknown regulator or form {draft.regulator} "
                              f"{draft.form}") from None
    if FORM_OF_REGULATOR[regulator] is not form:
        raise ValidationError("form", f"{regulator.value} applications use "
                              f"{FORM_OF_REGULATOR[regulator].value}, not {form.value}")
    if not draft.items:
        raise ValidationError("items", "an application needs at least one item")


def _table(model: Any) -> Table:
    tbl = model.__table__
    assert isinstance(tbl, Table)
    return tbl


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows (Core, one round of executemany) and return their ids, in order."""
    if not rows:
        return []
    tbl = _table(model)
    result = session.execute(insert(tbl).returning(tbl.c.id, sort_by_parameter_order=True), rows)
    return [int(i) for i in result.scalars().all()]


def insert_drafts(session: Session, drafts: Sequence[NewApplication], *, actor: str,
                  now: datetime, rulesets: Sequence[RuleSet] | None = None
                  ) -> list[CreatedDraft]:
    """Create these draft applications in the caller's unit of work (see the module doc).
    ``rulesets``: the rules their determinations are recorded under (by default the shipped
    and the user's; a caller with the database passes the team's too)."""
    for draft in drafts:
        _check(draft)
    if not drafts:
        return []
    now = now.replace(microsecond=0)
    year = now.astimezone().year
    first = last_number(session, year) + 1
    refs = [format_ref(year, first + n) for n in range(len(drafts))]
    app_ids = _insert(session, Application, [
        {"ref": ref, "organization_id": d.organization_id, "regulator_code": d.regulator,
         "form_code": d.form, "person_id": d.person_id, "owner": d.owner or actor,
         "status": ApplicationStatus.DRAFT.value, "status_changed_at": now,
         "regulator_ref": "", "transaction_no": "", "ruleset_id": d.ruleset_id,
         "resubmission_of_id": None, "renewal_of_id": None,
         "application_type": d.application_type, "special_purpose": d.special_purpose,
         "documents_submitted": d.documents_submitted, "end_use": d.end_use,
         "justification": d.justification, "additional_info": d.additional_info,
         "loe_text": d.loe_text, "tcp_text": d.tcp_text, "submitted_on": None,
         "registered_on": None, "decided_on": None, "packet_sha256": "",
         "acknowledged_warnings": "", "form_values": as_mapping(d.form_values), "version": 1,
         "created_at": now, "updated_at": now}
        for ref, d in zip(refs, drafts, strict=True)
    ])
    lines = [
        {"application_id": app_id, "item_id": it.item_id, "position": pos, "eccn": it.eccn,
         "model_number": it.model_number, "ccats": it.ccats, "quantity": "", "units": "",
         "unit_price_cents": None, "total_price_cents": None, "manufacturer": "",
         "technical_description": it.technical_description,
         "form_values": as_mapping(it.form_values)}
        for app_id, d in zip(app_ids, drafts, strict=True)
        for pos, it in enumerate(d.items, start=1)
    ]
    parties = [
        {"application_id": app_id, "role": p.role, "name": p.name, "street": p.street,
         "city": p.city, "state": p.state, "postal_code": p.postal_code, "country": p.country,
         "phone": p.phone, "person_id": p.person_id, "organization_id": p.organization_id}
        for app_id, d in zip(app_ids, drafts, strict=True) for p in d.parties
    ]
    events = [
        {"application_id": app_id, "kind": "status", "from_status": None,
         "to_status": ApplicationStatus.DRAFT.value, "occurred_at": now, "recorded_at": now,
         "actor": actor, "note": d.note, "reference": "", "corrects_event_id": None}
        for app_id, d in zip(app_ids, drafts, strict=True)
    ]
    written = {
        "applications": app_ids,
        "application_items": _insert(session, ApplicationItem, lines),
        "application_parties": _insert(session, ApplicationParty, parties),
        "status_events": _insert(session, StatusEvent, events),
    }
    for name, ids in written.items():
        seals.seal_rows(session, name, [(i,) for i in ids])
    created = []
    for app_id, ref, d in zip(app_ids, refs, drafts, strict=True):
        audit.record(
            session, actor=actor, action="create", entity="application", entity_id=ref,
            summary=d.note or "drafted",
            after={"status": "draft", "regulator": d.regulator, "form": d.form,
                   "person_id": d.person_id, "items": [i.item_id for i in d.items],
                   "ruleset": d.ruleset_id, "owner": d.owner or actor},
            at=now)
        created.append(CreatedDraft(app_id, ref, d.person_id, tuple(i.item_id for i in d.items)))
    _record_determinations(session, created, now, rulesets)
    return created


def _record_determinations(session: Session, created: Sequence[CreatedDraft],
                           now: datetime, rulesets: Sequence[RuleSet] | None) -> None:
    """Each new draft's determination as answered now: a later change to the rules leaves it
    as it was and shows it out of date (#14, point 6)."""
    from licenseapp.services.catalog.access_data import rulesets_in_use
    from licenseapp.services.directive.determinations_in_bulk import record_for_applications

    record_for_applications(
        session, [(c.id, c.ref, c.person_id, c.item_ids) for c in created
                  if c.person_id is not None and c.item_ids],
        tuple(rulesets) if rulesets is not None else rulesets_in_use(),
        now.astimezone().date())


def create_draft(db: Database, draft: NewApplication, *, actor: str | None = None,
                 now: datetime | None = None) -> CreatedDraft:
    """One new draft application, as one user action (the wizard's "create")."""
    from licenseapp.services.catalog.access_data import rulesets_in_use

    rulesets = rulesets_in_use(db)  # a colleague's directive too
    with db.unit_of_work() as session:
        return insert_drafts(session, [draft], actor=actor or db.actor,
                             now=now or db.clock.now(), rulesets=rulesets)[0]


__all__ = [
    "CreatedDraft", "DraftItem", "DraftParty", "NewApplication", "create_draft", "format_ref",
    "insert_drafts", "last_number", "next_application_ref",
]
