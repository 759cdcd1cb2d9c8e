"""The applications list as the database holds it: its query, its items and citizenships,
and its values for what writes the whole list out (``list --json``, the export).

The screen's rows (:func:`licenseapp.services.drafts.applications.list_applications`) are
built from the same query and lists; what writes every row out once reads the values
straight from the database's tuples instead, with no row object made only to be taken
apart (at 100,000 applications, most of the time of both commands).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, DateTime, Select, select, type_coerce

from licenseapp.domain.enums import ApplicationStatus, Regulator
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.services.collector import collector_paused
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    ApplicationItem,
    Citizenship,
    ControlledItem,
    Organization,
    Person,
)


def status_label(regulator: str, status: str) -> str:
    """The status as the regulator's lifecycle names it (the code itself if unknown)."""
    try:
        return lifecycle(regulator).label(status)
    except (ValueError, KeyError):
        return status


def list_query(*, stored_moments: bool = False) -> Select[*tuple[Any, ...]]:
    """``(id, ref, status, regulator, form, applicant, person_id, given_name, family_name,
    native_name, regulator_ref, owner, updated_at, status_changed_at, submitted_on)`` of
    every application. ``stored_moments``: the two moments as stored, UTC without a zone
    (what writes them as text needs nothing more)."""
    updated_at: Any = Application.updated_at
    status_changed_at: Any = Application.status_changed_at
    if stored_moments:
        updated_at = type_coerce(updated_at, DateTime).label("updated_at")
        status_changed_at = type_coerce(status_changed_at, DateTime).label("status_changed_at")
    return (
        select(
            Application.id,
            Application.ref,
            Application.status,
            Application.regulator_code,
            Application.form_code,
            Organization.legal_name.label("applicant"),
            Person.id.label("person_id"),
            Person.given_name,
            Person.family_name,
            Person.native_name,
            Application.regulator_ref,
            Application.owner,
            updated_at,
            status_changed_at,
            Application.submitted_on,
        )
        .join(Organization, Organization.id == Application.organization_id)
        .outerjoin(Person, Person.id == Application.person_id)
    )


def filtered_list_query(
    status: ApplicationStatus | None, regulator: Regulator | None, owner: str | None, *,
    stored_moments: bool = False,
) -> Select[*tuple[Any, ...]]:
    """The list's query, newest reference first, filtered by what is given."""
    query = list_query(stored_moments=stored_moments).order_by(Application.ref.desc())
    if status is not None:
        query = query.where(Application.status == status.value)
    if regulator is not None:
        query = query.where(Application.regulator_code == regulator.value)
    if owner is not None:
        query = query.where(Application.owner == owner)
    return query


Lists = dict[int, list[str]]


def item_and_country_lists(
    connection: Connection, query: Select[*tuple[Any, ...]], paged: bool
) -> tuple[Lists, Lists, Lists]:
    """The item names and ECCNs of the applications ``query`` finds (by application id)
    and the current citizenships of their people (by person id), each in its order.

    Restricted by the query as a subquery (no list of ids sent back); an unfiltered,
    unpaged query reads the tables whole (every application is in it, and a person
    without one is never asked for).
    """
    chosen = query if paged else query.order_by(None)  # a page needs its order and limit
    items = (
        select(ApplicationItem.application_id, ControlledItem.name, ApplicationItem.eccn)
        .join(ControlledItem, ControlledItem.id == ApplicationItem.item_id)
        .order_by(ApplicationItem.application_id, ApplicationItem.position)
    )
    countries = (
        select(Citizenship.person_id, Citizenship.country)
        .where(Citizenship.ended_on.is_(None))
        .order_by(Citizenship.person_id, Citizenship.id)
    )
    if paged or chosen.whereclause is not None:
        app_ids = chosen.with_only_columns(Application.id).subquery()
        person_ids = chosen.with_only_columns(Application.person_id).subquery()
        items = items.where(ApplicationItem.application_id.in_(select(app_ids.c.id)))
        countries = countries.where(Citizenship.person_id.in_(select(person_ids.c.person_id)))
    names: Lists = defaultdict(list)
    eccns: Lists = defaultdict(list)
    for app_id, name, eccn in connection.execute(items).all():
        names[app_id].append(name)
        eccns[app_id].append(eccn)
    citizenships: Lists = defaultdict(list)
    for person_id, country in connection.execute(countries).all():
        citizenships[person_id].append(country)
    return names, eccns, citizenships


@dataclass(frozen=True)
class ListedApplications:
    """The list's applications as the database holds them.

    ``rows``: the tuples of :func:`list_query` with ``stored_moments`` (the moments UTC
    without a zone), in the list's order; ``names``, ``eccns``: each application's items
    by its id; ``citizenships``: each person's current ones by the person's id. The lists
    are read, never changed; an application without items, or without a person, is not in
    them (:data:`NONE`).
    """

    rows: Sequence[Sequence[Any]]
    names: Lists
    eccns: Lists
    citizenships: Lists


#: What :class:`ListedApplications` gives for an application without items or a person.
NONE: list[str] = []


def listed_applications(
    db: Database,
    *,
    status: ApplicationStatus | None = None,
    regulator: Regulator | None = None,
    owner: str | None = None,
) -> ListedApplications:
    """The applications of the list (same order, same filters as the screen's rows), as
    plain values straight from the database, for what writes them out whole."""
    query = filtered_list_query(status, regulator, owner, stored_moments=True)
    with db.reading() as session, collector_paused():
        connection = session.connection()
        names, eccns, citizenships = item_and_country_lists(connection, query, False)
        # All at once: the driver's rows fetched one by one cost half as much again.
        return ListedApplications(connection.execute(query).all(), names, eccns, citizenships)


def list_applications_json(
    db: Database,
    *,
    status: ApplicationStatus | None = None,
    regulator: Regulator | None = None,
    owner: str | None = None,
) -> list[dict[str, Any]]:
    """What :meth:`~licenseapp.services.dto.ApplicationRow.to_json` gives for each row of
    the list (same order, same filters), made straight from the database's values."""
    listed = listed_applications(db, status=status, regulator=regulator, owner=owner)
    names, eccns, citizenships = listed.names, listed.eccns, listed.citizenships
    labels: dict[tuple[str, str], str] = {}
    result: list[dict[str, Any]] = []
    append = result.append
    with collector_paused():  # 100,000 dicts and lists, no cycles: nothing to collect
        for (app_id, ref, status_, regulator_, form, applicant, person_id, given, family,
             native, regulator_ref, owner_, updated_at, status_changed_at,
             submitted_on) in listed.rows:
            label = labels.get((regulator_, status_))
            if label is None:
                label = labels[regulator_, status_] = status_label(regulator_, status_)
            append({
                "id": app_id, "ref": ref, "status": status_, "status_label": label,
                "regulator": regulator_, "form": form, "applicant": applicant,
                "foreign_national": f"{given} {family}" if person_id else "",
                "native_name": native or "",
                "citizenships": citizenships.get(person_id, NONE),
                "items": names.get(app_id, NONE), "eccns": eccns.get(app_id, NONE),
                "acn": regulator_ref or "", "owner": owner_ or "",
                "updated_at": utc_text(updated_at),
                "status_changed_at": utc_text(status_changed_at),
                "submitted_on": submitted_on.isoformat() if submitted_on is not None else None,
            })
    return result


def utc_text(stored: Any) -> str:
    """A stored moment (UTC without a zone) as ISO text with its zone, as a zone-aware
    ``datetime.isoformat()`` writes it: ``2026-03-04T05:06:07+00:00``."""
    return f"{stored.isoformat()}+00:00"


__all__ = ["NONE", "ListedApplications", "filtered_list_query", "item_and_country_lists",
           "list_applications_json", "list_query", "listed_applications", "status_label",
           "utc_text"]
