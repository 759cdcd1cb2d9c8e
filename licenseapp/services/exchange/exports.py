"""Exports: people, items, applications, licenses and deadlines to CSV, XLSX or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from licenseapp.domain.licenses import license_state
from licenseapp.domain.tabular import TABLE_SUFFIXES, Progress, write_table
from licenseapp.errors import LicenseAppError
from licenseapp.services.collector import collector_paused
from licenseapp.services.drafts.list_values import NONE, listed_applications, utc_text
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.store.database import Database
from licenseapp.store.models import Application, ControlledItem, License, Organization, Person

Table = tuple[list[str], Sequence[Sequence[Any]]]


def _people(db: Database) -> Table:
    # The columns ``import people`` reads back (ref and employee_number match people).
    headers = ["ref", "given_name", "family_name", "native_name", "other_names",
               "date_of_birth", "birth_country", "citizenships", "residency_country",
               "immigration_status", "lpr_since", "visa_expiry", "email", "job_title",
               "employer", "employee_number"]
    rows: list[list[Any]] = []
    with db.reading() as s:
        employers = dict(s.execute(select(Organization.id, Organization.legal_name)).all())
        for p in s.execute(select(Person).order_by(Person.ref).options(
                selectinload(Person.citizenships), selectinload(Person.documents))).scalars():
            visa = min((d.expires_on for d in p.documents if d.kind == "visa" and d.expires_on),
                       default=None)
            rows.append([p.ref, p.given_name, p.family_name, p.native_name, p.other_names,
                         p.date_of_birth, p.birth_country,
                         [c.country for c in p.citizenships if not c.ended_on],
                         p.residency_country, p.immigration_status, p.lpr_since, visa, p.email,
                         p.job_title,
                         employers.get(p.employer_id, "") if p.employer_id else "",
                         p.employee_number or ""])
    return headers, rows


def _items(db: Database) -> Table:
    # The columns ``import items`` reads back (matched by ref), retired items too.
    from licenseapp.services.exchange.item_import import EXPORT_COLUMNS

    rows: list[list[Any]] = []
    with db.reading() as s:
        for item in s.execute(select(ControlledItem).order_by(ControlledItem.ref)).scalars():
            modes = [m for m in (item.access_modes or "").split(",") if m]
            values = {"ref": item.ref, "name": item.name, "kind": item.kind,
                      "access_modes": modes, "regime": item.regime,
                      "classification": item.classification,
                      "reasons_for_control": item.reasons_for_control, "ccats": item.ccats,
                      "description": item.description}
            rows.append([values[c] for c in EXPORT_COLUMNS])
    return list(EXPORT_COLUMNS), rows


def _applications(db: Database) -> Table:
    # The applications list's columns, straight from the database's values a column at a
    # time (the screen's row objects made only to be taken apart were most of the time).
    headers = ["ref", "status", "regulator", "form", "applicant", "foreign_national",
               "native_name", "citizenships", "items", "eccns", "acn", "owner", "submitted_on",
               "updated_at"]
    listed = listed_applications(db)
    if not listed.rows:
        return headers, []
    (app_ids, refs, statuses, regulators, forms, applicants, person_ids, given, family, native,
     regulator_refs, owners, updated_at, _, submitted_on) = zip(*listed.rows, strict=True)
    return headers, list(zip(
        refs, statuses, regulators, forms, applicants,
        [f"{g} {f}" if p else "" for p, g, f in zip(person_ids, given, family, strict=True)],
        [n or "" for n in native],
        list(map(listed.citizenships.get, person_ids, repeat(NONE))),
        list(map(listed.names.get, app_ids, repeat(NONE))),
        list(map(listed.eccns.get, app_ids, repeat(NONE))),
        [r or "" for r in regulator_refs], [o or "" for o in owners], submitted_on,
        list(map(utc_text, updated_at)), strict=True))


def _licenses(db: Database) -> Table:
    headers = ["number", "application_ref", "regulator", "state", "issued_on", "expires_on",
               "conditions"]
    rows: list[list[Any]] = []
    today = db.clock.today()  # the state on the day, as the Licenses screen shows it
    with db.reading() as s:
        for lic, ref, regulator in s.execute(
            select(License, Application.ref, Application.regulator_code)
            .join(Application, Application.id == License.application_id)
            .order_by(License.expires_on)
            .options(selectinload(License.conditions))
        ):
            state = license_state(lic.state, lic.expires_on, today).value
            rows.append([lic.number, ref, regulator, state, lic.issued_on, lic.expires_on,
                         " | ".join(c.text for c in lic.conditions)])
    return headers, rows


def _deadlines(db: Database) -> Table:
    today = db.clock.today()
    headers = ["due_on", "days_left", "kind", "title", "application_ref"]
    return headers, [
        [d.due_on, d.days_left(today), d.kind, d.title, d.application_ref]
        for d in upcoming_deadlines(db, within_days=365, today=today)
    ]


EXPORTS: dict[str, Callable[[Database], Table]] = {
    "people": _people, "items": _items, "applications": _applications, "licenses": _licenses,
    "deadlines": _deadlines,
}


def export(db: Database, what: str, path: Path, *, replace: bool = False) -> int:
    """Write one kind of record to ``path`` (.csv, .xlsx or .json); returns the row count.

    The file is checked and written by :mod:`licenseapp.services.output.output_files`: never the
    database, an existing file only with ``replace``, whole or not at all, 0600.
    """
    from licenseapp.services.output.output_files import check_output

    if what not in EXPORTS:
        raise LicenseAppError(f"cannot export {what!r}; choose {', '.join(EXPORTS)}")
    check_output(path, database=db, replace=replace)
    # 100,000 rows of small lists with no cycles: a collection on the way finds nothing
    # to free, and the rows are freed (by count) before the collector comes back.
    with collector_paused():
        return _export(db, what, path, replace)


def _export(db: Database, what: str, path: Path, replace: bool) -> int:
    from licenseapp.services.output.output_files import write_text_atomically

    headers, rows = EXPORTS[what](db)
    if path.suffix.lower() == ".json":
        write_text_atomically(path, json.dumps(_objects(headers, rows), ensure_ascii=False,
                                               indent=2, default=str))
        return len(rows)
    return export_table(db, path, headers, rows, replace=replace)


def export_table(db: Database | None, path: Path, headers: Sequence[str],
                 rows: Sequence[Sequence[Any]], *, replace: bool = False,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> int:
    """Write a table (what a screen shows, or a kind of record) to ``path``, CSV or XLSX by
    its extension (:func:`~licenseapp.domain.tabular.write_table`); returns the row count.

    Checked first: never the open database or its working files, an existing file only
    with ``replace``; written whole or not at all (a cancel leaves nothing behind).
    """
    from licenseapp.services.output.output_files import check_output, write_atomically

    check_output(path, database=db, replace=replace)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise LicenseAppError(f"{path.name}: save as .csv or .xlsx")
    return write_atomically(path, lambda tmp: write_table(
        tmp, headers, rows, progress=progress, cancelled=cancelled))


def _objects(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    return [
        {h: (v.isoformat() if isinstance(v, date) else v) for h, v in zip(headers, r, strict=True)}
        for r in rows
    ]
