"""What the authorization matrix reads, worked out and grouped off the GUI thread: the
whole matrix, or only the rows of the people a change set names."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from licenseapp.gui.authorization.model import LoadedMatrix, prepare
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.store.database import Database


def load_matrix(db: Database, on: date) -> LoadedMatrix:
    """Runs on a worker thread: the service, then the grouping into rows and columns."""
    from licenseapp.services.directive.authorization import authorization_matrix

    return prepare(authorization_matrix(db, on))


def load_rows(db: Database, on: date, changes: Changes) -> LoadedMatrix:
    """Runs on a worker thread: the rows of the people ``changes`` names — their access,
    their facts, or their applications and licenses."""
    from licenseapp.services.directive.authorization import (
        authorization_matrix,
        people_of_applications,
    )

    people = set(changes.ids(Kind.ACCESS)) | changes.ids(Kind.PEOPLE)
    people |= people_of_applications(db, changes.refs(Kind.APPLICATIONS)
                                     | changes.refs(Kind.LICENSES))
    return prepare(authorization_matrix(db, on, person_ids=people))
