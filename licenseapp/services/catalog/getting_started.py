"""Getting started: what a database holds yet.

The first screens ask :func:`setup_state` what is missing (no company profile, nobody,
no controlled items, no access recorded, no application) to say what to do next. The demo
data goes into a database of its own (:mod:`licenseapp.demo.new_database`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, Application, ControlledItem, Organization, Person


@dataclass(frozen=True)
class SetupState:
    """How many of each record the database holds (items and access: not retired/revoked
    ones too; a count only says whether there is anything yet)."""

    organizations: int
    people: int
    items: int
    grants: int
    applications: int
    #: The legal name of the first organization recorded ("" while there is none).
    company: str = ""

    @property
    def has_profile(self) -> bool:
        return self.organizations > 0

    @property
    def is_empty(self) -> bool:
        return not (self.organizations or self.people or self.items or self.grants
                    or self.applications)


def setup_state(db: Database) -> SetupState:
    """Five counts in one query, and the first organization's name."""
    counts = [select(func.count()).select_from(model).scalar_subquery()
              for model in (Organization, Person, ControlledItem, AccessGrant, Application)]
    first = select(Organization.legal_name).order_by(Organization.id).limit(1)
    with db.reading() as session:
        row = session.execute(select(*counts)).one()
        company = session.execute(first).scalar() or ""
    organizations, people, items, grants, applications = (int(n) for n in row)
    return SetupState(organizations, people, items, grants, applications, company)


__all__ = ["SetupState", "setup_state"]
