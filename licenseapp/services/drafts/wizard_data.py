"""What the drafting wizard offers to choose from, and the determination it shows.

Plain values only (the wizard runs these off the GUI thread and keeps the results).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from licenseapp.domain.person_form import PersonForm
from licenseapp.domain.recipient_location import for_recipient_location
from licenseapp.domain.rules import CitizenshipFacts, Determination, PersonFacts, determine
from licenseapp.domain.validators import immigration_status
from licenseapp.errors import ValidationError
from licenseapp.services.catalog.access_data import rulesets_in_use
from licenseapp.services.catalog.items import item_facts
from licenseapp.services.catalog.people import PersonSummary, list_people
from licenseapp.store.database import Database
from licenseapp.store.models import ControlledItem, Organization


@dataclass(frozen=True)
class OrganizationChoice:
    id: int
    legal_name: str
    address: str
    contact: str
    signatory: str
    has_loe_template: bool
    has_tcp_template: bool


@dataclass(frozen=True)
class ItemChoice:
    id: int
    ref: str
    name: str
    kind: str
    regime: str
    classification: str
    ccats: str
    description: str


@dataclass(frozen=True)
class WizardChoices:
    organizations: tuple[OrganizationChoice, ...]
    items: tuple[ItemChoice, ...]
    people: tuple[PersonSummary, ...]


def wizard_choices(db: Database) -> WizardChoices:
    with db.reading() as session:
        orgs = tuple(
            OrganizationChoice(
                o.id, o.legal_name,
                ", ".join(x for x in (o.street, o.city, o.state, o.postal_code, o.country) if x),
                " · ".join(x for x in (o.contact_name, o.contact_email, o.contact_phone) if x),
                ", ".join(x for x in (o.signatory_name, o.signatory_title) if x),
                bool(o.default_loe_template.strip()), bool(o.default_tcp_template.strip()))
            for o in session.execute(select(Organization).order_by(Organization.legal_name))
            .scalars())
        # A retired item stays choosable (a draft that names it must not lose it), marked
        # and listed last.
        items = tuple(
            ItemChoice(i.id, i.ref, f"{i.name} (retired)" if i.retired_at else i.name, i.kind,
                       i.regime, i.classification, i.ccats, i.description)
            for i in session.execute(select(ControlledItem).order_by(
                ControlledItem.retired_at.is_not(None), ControlledItem.ref)).scalars())
    return WizardChoices(orgs, items, tuple(list_people(db)))


@dataclass(frozen=True)
class ItemDetermination:
    item_id: int
    item: str  # "Mythos 5 (4E091)"
    determination: Determination


def person_facts(form: PersonForm) -> PersonFacts:
    try:
        status = immigration_status(form.immigration_status) if form.immigration_status \
            else None
    except ValidationError:
        status = None
    return PersonFacts(
        citizenships=tuple(CitizenshipFacts(c.country, c.acquired_on, c.ended_on, c.basis)
                           for c in form.citizenships),
        residency_country=form.residency_country, residency_since=form.lpr_since,
        immigration_status=status, birth_country=form.birth_country,
        date_of_birth=form.date_of_birth, name=form.full_name)


def determine_release(db: Database, person: PersonForm, item_ids: tuple[int, ...],
                      on: date, location: str = "") -> list[ItemDetermination]:
    """For each item: whether releasing it to ``person`` on ``on`` needs a license, and why;
    for a form whose need turns on where the recipient is (a SIEL), at ``location`` as typed
    in its block (7(a)): abroad a transfer out of the UK, in the UK no licence."""
    facts = person_facts(person)
    rulesets = rulesets_in_use(db)
    with db.reading() as session:
        rows = {r.id: r for r in session.execute(
            select(ControlledItem).where(ControlledItem.id.in_(item_ids))).scalars()}
        return [ItemDetermination(i, f"{rows[i].name} ({rows[i].classification})",
                                  for_recipient_location(
                                      determine(facts, item_facts(rows[i]), on, rulesets),
                                      location, person.full_name))
                for i in item_ids if i in rows]


__all__ = ["ItemChoice", "ItemDetermination", "OrganizationChoice", "WizardChoices",
           "determine_release", "person_facts", "wizard_choices"]
