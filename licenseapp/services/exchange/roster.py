"""Importing a roster of people from CSV or XLSX, row by row.

``import_people(db, path, ...) -> ImportReport`` is the user action (the ``import people``
command, the GUI's import dialog). Every data row ends in exactly one outcome
(:class:`~licenseapp.domain.import_outcomes.Outcome`): added, updated (with each change, old
and new), unchanged, rejected (row, column, value, reason, fix) or needs_confirmation (it
matched someone only by name and date of birth; applied only with
``confirm_name_matches=True``). Good rows go in and the others are listed (and written to
``errors_file``); ``all_or_nothing=True`` writes nothing unless every row can go in.
``dry_run=True`` decides the same outcomes and writes nothing, so its counts are exactly what
the import then does, on SQLite and PostgreSQL alike.

How rows are read, mapped and matched: :mod:`licenseapp.domain.table_reading` (encodings,
delimiters, sheets, row numbers), :mod:`licenseapp.services.exchange.roster_rows` (our columns and
the names a file may give them; every value and text limit),
:mod:`licenseapp.services.exchange.roster_matching` (who each row is); written by
:mod:`licenseapp.services.exchange.roster_writing` in one unit of work with one audit entry.

``people_mapping(path, ...)`` gives the column mapping alone, for the GUI to show and let
the user edit before importing (pass it back as ``mapping``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from licenseapp.domain.column_mapping import ColumnMapping
from licenseapp.domain.import_outcomes import ImportReport, Outcome, RowOutcome
from licenseapp.domain.lenient_values import cell_text
from licenseapp.domain.table_reading import SourceRow
from licenseapp.errors import LicenseAppError
from licenseapp.services.collector import collector_paused
from licenseapp.services.exchange.importing import (
    MappedSource,
    check_errors_file,
    named_as_in_file,
    open_source,
    write_errors,
)
from licenseapp.services.exchange.roster_matching import (
    PeopleMatcher,
    PersonRecord,
    RefCounter,
    unknown_employer,
)
from licenseapp.services.exchange.roster_rows import (
    LABELS,
    MATCH_KEYS,
    PEOPLE_COLUMNS,
    PersonRow,
    read_person_row,
)
from licenseapp.services.exchange.roster_writing import (
    create_organizations as create_new_organizations,
)
from licenseapp.services.exchange.roster_writing import load_employers, load_people, write_people
from licenseapp.services.screening.dto import Subject
from licenseapp.services.screening.runs import screen_saved
from licenseapp.store import audit
from licenseapp.store.database import Database

MappingGiven = ColumnMapping | Mapping[str, str | None] | None


def people_mapping(path: Path, *, sheet: str | None = None,
                   mapping: MappingGiven = None) -> ColumnMapping:
    """How the file's columns map to a person's fields (``mapping`` where it says)."""
    return open_source(path, PEOPLE_COLUMNS, sheet=sheet, mapping=mapping).mapping


def _match_key(source: MappedSource, match_on: str | None) -> str:
    if match_on is None:  # an employee number column left empty is no key
        return "employee_number" if source.filled("employee_number") else "email"
    if match_on not in MATCH_KEYS:
        raise LicenseAppError(f"people are matched on the employee number or the e-mail, "
                              f"not {match_on!r}")
    if not source.has(match_on):
        raise LicenseAppError(
            f"{source.table.name} has no {LABELS[match_on].lower()} column to match people "
            "on; choose the other key or map a column to it")
    return match_on


def import_people(db: Database, path: Path, *, dry_run: bool = False,
                  errors_file: Path | None = None, replace_errors: bool = False,
                  sheet: str | None = None,
                  mapping: MappingGiven = None, match_on: str | None = None,
                  create_organizations: bool = False, all_or_nothing: bool = False,
                  confirm_name_matches: bool = False, today: date | None = None,
                  actor: str | None = None) -> ImportReport:
    """Import a roster; returns every row's outcome (see the module's docstring).

    ``match_on``: ``"employee_number"`` or ``"email"`` (default: the employee number when
    the file has that column with values in it, else the e-mail). ``create_organizations``:
    an employer not in the database is created; otherwise its rows are rejected and it is
    listed in the report's ``unknown_employers``. Raises
    :class:`~licenseapp.errors.LicenseAppError` when the whole file is refused (unreadable,
    a required column missing, the errors file being the file itself).
    """
    today = today or db.clock.today()
    check_errors_file(path, errors_file, database=db, replace=replace_errors)
    with collector_paused():  # a roster's many small objects: no cycles
        report = _import(db, path, dry_run=dry_run, sheet=sheet, mapping=mapping,
                         match_on=match_on, create_organizations=create_organizations,
                         all_or_nothing=all_or_nothing,
                         confirm_name_matches=confirm_name_matches, today=today, actor=actor)
    if errors_file is not None:
        write_errors(errors_file, report)
    return report


def _import(db: Database, path: Path, *, dry_run: bool, sheet: str | None,
            mapping: MappingGiven, match_on: str | None, create_organizations: bool,
            all_or_nothing: bool, confirm_name_matches: bool, today: date,
            actor: str | None) -> ImportReport:
    source = open_source(path, PEOPLE_COLUMNS, sheet=sheet, mapping=mapping)
    key = _match_key(source, match_on)
    other = next((k for k in MATCH_KEYS if k != key and source.has(k)), None)
    indexes = source.indexes
    # CSV: more filled cells than headers means shifted values; XLSX: cells without header.
    width = len(source.table.headers) if source.table.kind == "csv" else None
    employer_at = dict(indexes).get("employer")
    with db.unit_of_work() as session:
        records = load_people(session)
        employers = load_employers(session, create=create_organizations)
        read: list[PersonRow | RowOutcome] = []
        for row in source.table.rows:
            person, problems = read_person_row(row, indexes, today, width)
            if person is not None:
                read.append(person)
                continue
            if employer_at is not None and employer_at < len(row.cells):
                # A rejected row names its unknown employer too: every problem at once.
                name = cell_text(row.cells[employer_at])
                if (name and not any(p.column == "employer" for p in problems)
                        and not create_organizations and employers.resolve(name) is None):
                    problems.append(unknown_employer(name))
            read.append(RowOutcome(row.number, Outcome.REJECTED, _row_name(row, indexes),
                                   problems=tuple(problems), line=row.line))
        stored_refs = {r.ref for r in records}
        matcher = PeopleMatcher(
            records, match_on=key, other_key=other, use_ref=source.has("ref"),
            confirm_name_matches=confirm_name_matches, employers=employers,
            refs=RefCounter(stored_refs, {r.ref for r in read
                                          if isinstance(r, PersonRow) and r.ref}))
        outcomes = tuple(matcher.process(r) if isinstance(r, PersonRow) else r for r in read)
        # Problems name the column as the user's file names it ("Date of Birth").
        outcomes = tuple(replace(o, problems=named_as_in_file(o.problems, source.mapping, LABELS))
                         if o.problems else o for o in outcomes)
        touched = [r for r in matcher.records if _touched(r)]
        used_orgs = {r.employer_id for r in touched
                     if r.employer_id is not None and r.employer_id < 0}
        report = ImportReport(
            what="people", source=path.name, read_as=source.table.describe(), rows=outcomes,
            mapping=source.mapping, match_on=key, unknown_headers=source.mapping.ignored,
            unknown={"employer": tuple(employers.unknown)} if employers.unknown else {},
            created={"employer": tuple(employers.new[p] for p in sorted(used_orgs,
                                                                        reverse=True))}
            if used_orgs else {},
            dry_run=dry_run, all_or_nothing=all_or_nothing)
        if dry_run or (all_or_nothing and not report.ok):
            session.rollback()
        else:
            if touched:
                who = actor or db.actor
                audit.record(session, actor=who, action="import", entity="people",
                             entity_id=path.name, summary=_summary(report),
                             after=_audit_after(report, touched))
                org_ids = create_new_organizations(session, employers, used_orgs)
                for placeholder, org_id in org_ids.items():
                    audit.record(session, actor=who, action="create", entity="organization",
                                 entity_id=org_id,
                                 summary=f"organization {employers.new[placeholder]} created "
                                         f"by the import of {path.name}",
                                 after={"legal_name": employers.new[placeholder]})
                write_people(session, touched, org_ids)
                screen_saved(session, Subject.ORGANIZATION, org_ids.values())
                screen_saved(session, Subject.PERSON, [r.id for r in touched if r.id])
            report = replace(report, applied=True)
    return report


def _row_name(row: SourceRow, indexes: list[tuple[str, int]]) -> str:
    """Who a refused row is about, as the file names them ("Amélie Ivanova"), for the list."""
    at = dict(indexes)
    parts = [cell_text(row.cells[at[c]]) for c in ("given_name", "family_name")
             if c in at and at[c] < len(row.cells)]
    return " ".join(p for p in parts if p)


def _touched(r: PersonRecord) -> bool:
    """A person to write: new, or different from what is stored (two rows of a file may
    change a name and change it back)."""
    if r.id is None or r.new_citizenships or r.visa_change:
        return True
    return any(getattr(r, name) != r.before[name] for name in r.changed)


def _summary(report: ImportReport) -> str:
    counts = report.counts
    return (f"roster import from {report.source}: "
            + ", ".join(f"{counts[o]} {o.label}" for o in Outcome))


def _audit_after(report: ImportReport, touched: list[PersonRecord]) -> dict[str, Any]:
    updated: dict[str, dict[str, list[str]]] = {}
    for r in report.rows:
        if r.outcome is Outcome.UPDATED:
            fields = updated.setdefault(r.record, {})
            for c in r.changes:
                fields[c.field] = [fields[c.field][0] if c.field in fields else c.old, c.new]
    return {
        "file": report.source, "read_as": report.read_as, "match_on": report.match_on,
        "counts": {o.value: n for o, n in report.counts.items()},
        "mapping": report.mapping.as_dict(),
        "added": [r.ref for r in touched if r.id is None],  # references: 100,000 stay small
        "updated": updated,
        "organizations_created": list(report.created.get("employer", ())),
    }


__all__ = ["PEOPLE_COLUMNS", "ImportReport", "import_people", "people_mapping"]
