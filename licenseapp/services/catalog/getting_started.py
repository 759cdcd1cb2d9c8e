"""Getting started: what a database holds yet, and the demo data in a database of its own.

The first screens ask :func:`setup_state` what is missing (no company profile, nobody,
no controlled items, no access recorded, no application) to say what to do next. The demo
never goes into the user's own database: :func:`create_demo_database` writes it into a
new file the user chose, and refuses the database in use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from licenseapp.demo.dataset import DemoSummary
from licenseapp.errors import LicenseAppError
from licenseapp.store.database import Database
from licenseapp.store.engine import DatabaseLocation
from licenseapp.store.models import AccessGrant, Application, ControlledItem, Organization, Person

DEMO_FILE_NAME = "licenseapp-demo.db"


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


@dataclass(frozen=True)
class DemoDatabase:
    """The demo written: where it is (as it would be opened) and what it holds."""

    path: Path
    summary: DemoSummary


def suggested_demo_path(current: DatabaseLocation | None, default_folder: Path) -> Path:
    """Where the demo goes unless the user says otherwise: beside the current database file
    (or in ``default_folder`` for a server database), under a name no file has yet."""
    folder = (current.sqlite_path.parent if current is not None
              and current.sqlite_path is not None else default_folder)
    candidate = folder / DEMO_FILE_NAME
    number = 2
    while candidate.exists():
        candidate = folder / f"licenseapp-demo-{number}.db"
        number += 1
    return candidate


def create_demo_database(
    target: Path, current: DatabaseLocation | None = None, *,
    progress: Callable[[int, int], None] | None = None,
) -> DemoDatabase:
    """Write the standard demo data set into a new database file ``target``.

    Refused for the database in use (``current``) and for a file that already holds
    records; the user's own data is never touched.
    """
    from licenseapp.demo.dataset import DEFAULT_SIZE, generate_demo
    from licenseapp.store.database import open_database

    target = target.expanduser().resolve()
    if current is not None and current.sqlite_path is not None \
            and current.sqlite_path.resolve() == target:
        raise LicenseAppError(f"{target} is the database you are using; choose a new file "
                              "for the demo data so your own records stay as they are")
    if target.is_dir():
        raise LicenseAppError(f"{target} is a folder; choose a file name for the demo data")
    if not target.parent.is_dir():
        raise LicenseAppError(f"the folder {target.parent} does not exist")
    from licenseapp.store.migrate import SchemaState, inspect_sqlite_file

    if inspect_sqlite_file(target).state in (SchemaState.FOREIGN, SchemaState.NEWER):
        raise LicenseAppError(f"{target} already exists and is not a LicenseApp database; "
                              "choose a new file name for the demo data")
    db = open_database(str(target))
    try:
        summary = generate_demo(db, size=DEFAULT_SIZE, progress=progress)
    finally:
        db.dispose()
    return DemoDatabase(target, summary)


__all__ = ["DEMO_FILE_NAME", "DemoDatabase", "SetupState", "create_demo_database",
           "setup_state", "suggested_demo_path"]
