"""The demo data in a database file of its own, never in the user's.

:func:`create_demo_database` writes the standard demo data set into a new file the user
chose and refuses the database in use; :func:`suggested_demo_path` proposes a free name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from licenseapp.demo.dataset import DemoSummary
from licenseapp.errors import LicenseAppError
from licenseapp.store.engine import DatabaseLocation

DEMO_FILE_NAME = "licenseapp-demo.db"


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
    from licenseapp.demo.dataset import DEFAULT_SIZE, generate_demo, screen_demo
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
        summary = screen_demo(db, generate_demo(db, size=DEFAULT_SIZE, progress=progress))
    finally:
        db.dispose()
    return DemoDatabase(target, summary)
