"""Applicant organizations: list them, read one as a form, save a form."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.form_problems import FieldProblem, FormInvalid
from licenseapp.domain.organization_form import (
    ORGANIZATION_LABELS,
    OrganizationForm,
    check_organization,
)
from licenseapp.errors import NotFoundError
from licenseapp.services.drafts.form_saving import ChangedMeanwhile, changes, save_update
from licenseapp.services.screening.dto import Subject
from licenseapp.services.screening.runs import screen_saved
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import Organization, Person

ENTITY = "organization"
_FIELDS = [f.name for f in dataclasses.fields(OrganizationForm) if f.name not in ("id",
                                                                                   "version")]


@dataclass(frozen=True)
class OrganizationSummary:
    id: int
    legal_name: str
    city: str
    country: str
    contact_name: str
    signatory_name: str
    people: int


def _form(o: Organization) -> OrganizationForm:
    return OrganizationForm(id=o.id, version=o.version,
                            **{name: getattr(o, name) for name in _FIELDS})


def _load(session: Session, org_id: int) -> Organization:
    org = session.get(Organization, org_id, populate_existing=True)
    if org is None:
        raise NotFoundError(f"organization #{org_id} is not in the database (deleted?)")
    return org


def load_organization(db: Database, org_id: int) -> OrganizationForm:
    with db.reading() as session:
        return _form(_load(session, org_id))


def list_organizations(db: Database, search: str = "") -> list[OrganizationSummary]:
    counts = (select(Person.employer_id, func.count().label("n"))
              .group_by(Person.employer_id).subquery())
    query = (select(Organization, func.coalesce(counts.c.n, 0))
             .outerjoin(counts, counts.c.employer_id == Organization.id)
             .order_by(func.lower(Organization.legal_name)))
    text = search.strip().lower()
    if text:
        like = f"%{text}%"
        query = query.where(or_(func.lower(Organization.legal_name).like(like),
                                func.lower(Organization.city).like(like),
                                func.lower(Organization.contact_name).like(like)))
    with db.reading() as session:
        return [OrganizationSummary(o.id, o.legal_name, o.city, o.country, o.contact_name,
                                    o.signatory_name, int(n))
                for o, n in session.execute(query).all()]


def _apply(org: Organization, form: OrganizationForm) -> None:
    for name in _FIELDS:
        value = getattr(form, name)
        setattr(org, name, value.strip() if name not in ("default_loe_template",
                                                          "default_tcp_template") else value)
    org.country = form.country.strip().upper()
    org.snapr_cin = form.snapr_cin.strip().upper()


def save_organization(db: Database, form: OrganizationForm, *,
                      base: OrganizationForm | None = None,
                      actor: str | None = None) -> OrganizationForm:
    """Create (``form.id`` is None) or update an organization; returns it as stored."""
    problems = check_organization(form)
    if problems:
        raise FormInvalid(problems, ORGANIZATION_LABELS)
    actor = actor or db.actor
    try:
        with db.unit_of_work() as session:
            taken = session.execute(select(Organization.id).where(
                func.lower(Organization.legal_name) == form.legal_name.strip().lower(),
                Organization.id != (form.id or -1))).first()
            if taken:
                raise FormInvalid([FieldProblem(
                    "legal_name", f"{form.legal_name.strip()!r} already exists; open that one "
                                  "instead")], ORGANIZATION_LABELS)
            if form.id is None:
                org = Organization(legal_name="")
                session.add(org)
                _apply(org, form)
                session.flush()
                _, after = changes(None, form)
                audit.record(session, actor=actor, action="create", entity=ENTITY,
                             entity_id=org.id, summary=f"organization {org.legal_name} created",
                             after=after)
                screen_saved(session, Subject.ORGANIZATION, [org.id])
                return _form(org)
            org = _load(session, form.id)
            save_update(session, org, form=form, stored=_form(org), base=base,
                        what=org.legal_name, entity=ENTITY, entity_id=str(org.id),
                        labels=ORGANIZATION_LABELS, apply=lambda: _apply(org, form),
                        actor=actor, summary=f"organization {org.legal_name} edited")
            screen_saved(session, Subject.ORGANIZATION, [org.id])
            return _form(org)
    except ChangedMeanwhile:
        assert form.id is not None
        theirs = load_organization(db, form.id)
        raise EditConflict(theirs.legal_name, base or theirs, form, theirs,
                           labels=ORGANIZATION_LABELS) from None
    except IntegrityError:
        raise FormInvalid([FieldProblem("legal_name", f"{form.legal_name.strip()!r} already "
                                        "exists; open that one instead")],
                          ORGANIZATION_LABELS) from None


__all__ = ["OrganizationSummary", "list_organizations", "load_organization",
           "save_organization"]
