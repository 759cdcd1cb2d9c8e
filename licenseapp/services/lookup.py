"""Finding an application by the reference a user typed, or saying it is not there.

One rule for every use case: the reference is matched without regard to case or the spaces
around it (``la-2026-0042 `` finds ``LA-2026-0042``), and a reference that matches nothing
is refused with one message, :func:`no_application`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.base import ExecutableOption

from licenseapp.errors import NotFoundError
from licenseapp.store.models import Application


def application_key(ref: str) -> str:
    """The stored form of a typed reference (references are stored upper case)."""
    return ref.strip().upper()


def no_application(ref: str) -> NotFoundError:
    """The refusal for a reference that names no application."""
    return NotFoundError(f"no application {ref.strip()!r} in this database")


def application_by_ref(session: Session, ref: str, *options: ExecutableOption,
                       refresh: bool = False) -> Application:
    """The application ``ref`` names, loaded with ``options`` (e.g. ``selectinload``);
    ``refresh`` reloads an instance the session already holds. Refused with
    :func:`no_application` if there is none."""
    query = select(Application).where(Application.ref == application_key(ref)).options(*options)
    if refresh:
        query = query.execution_options(populate_existing=True)
    app = session.execute(query).scalar_one_or_none()
    if app is None:
        raise no_application(ref)
    return app


def no_person(text: str) -> NotFoundError:
    """The refusal for a reference, e-mail or employee number that names nobody."""
    return NotFoundError(f"no person {text.strip()!r} in this database; name them by "
                         "reference (e.g. P-0001) or e-mail")


def no_item(text: str, hint: str = "") -> NotFoundError:
    """The refusal for a reference or name that names no controlled item; ``hint`` adds
    e.g. the names it comes close to."""
    return NotFoundError(f"no controlled item {text.strip()!r} in this database{hint}")
