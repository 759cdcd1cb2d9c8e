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

A file of any length is read, decided and written a batch of rows at a time
(:mod:`licenseapp.services.exchange.import_batches`), in the one unit of work: the report
counts every row and lists every row that does not go in, but only the first rows that go in
(``ImportReport.left_out`` says how many more); all or nothing takes back the batches already
written when a later row is refused. Where the batches end changes no outcome: the file's
references are collected before the first batch, and a person a batch wrote is loaded again
when a later row names them (one change: a person added and then changed by rows in two
batches is written twice, so their version counter is 2 where one batch writes 1; a person
changed and changed back by two batches is written, where one batch writes nothing).

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

from licenseapp.domain.column_mapping import ColumnMapping, resolve_mapping
from licenseapp.domain.import_outcomes import CellProblem, ImportReport, Outcome, RowOutcome
from licenseapp.domain.lenient_values import cell_text
from licenseapp.domain.table_reading import SourceRow, stream_source
from licenseapp.errors import LicenseAppError
from licenseapp.services.collector import collector_paused
from licenseapp.services.exchange.import_batches import BATCH_ROWS, KeptOutcomes, batched
from licenseapp.services.exchange.importing import (
    MappedSource,
    check_errors_file,
    write_errors,
)
from licenseapp.services.exchange.roster_lookups import Employers, RefCounter, unknown_employer
from licenseapp.services.exchange.roster_matching import PeopleMatcher, PersonRecord
from licenseapp.services.exchange.roster_rows import (
    LABELS,
    MATCH_KEYS,
    PEOPLE_COLUMNS,
    REF,
    read_person_rows,
)
from licenseapp.services.exchange.roster_writing import (
    BatchWriter,
    load_employers,
    load_people,
    load_people_keys,
)
from licenseapp.store import audit
from licenseapp.store.database import Database

MappingGiven = ColumnMapping | Mapping[str, str | None] | None


def people_mapping(path: Path, *, sheet: str | None = None,
                   mapping: MappingGiven = None) -> ColumnMapping:
    """How the file's columns map to a person's fields (``mapping`` where it says)."""
    with stream_source(path, sheet=sheet) as (table, _rows):  # the header alone
        return resolve_mapping(table.headers, PEOPLE_COLUMNS, mapping, file_name=path.name)


def _match_key(source: MappedSource, match_on: str | None, employee_numbers: bool) -> str:
    if match_on is None:  # an employee number column left empty is no key
        return "employee_number" if employee_numbers else "email"
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
                  actor: str | None = None, batch_rows: int = BATCH_ROWS) -> ImportReport:
    """Import a roster; returns what each row did (see the module's docstring).

    ``match_on``: ``"employee_number"`` or ``"email"`` (default: the employee number when
    the file has that column with values in it, else the e-mail). ``create_organizations``:
    an employer not in the database is created; otherwise its rows are rejected and it is
    listed in the report's ``unknown_employers``. ``batch_rows``: how many rows are read,
    decided and written at a time (the outcome does not depend on it). Raises
    :class:`~licenseapp.errors.LicenseAppError` when the whole file is refused (unreadable,
    a required column missing, the errors file being the file itself).
    """
    today = today or db.clock.today()
    check_errors_file(path, errors_file, database=db, replace=replace_errors)
    with collector_paused():  # a roster's many small objects: no cycles
        report = _import(db, path, dry_run=dry_run, sheet=sheet, mapping=mapping,
                         match_on=match_on, create_organizations=create_organizations,
                         all_or_nothing=all_or_nothing,
                         confirm_name_matches=confirm_name_matches, today=today, actor=actor,
                         batch_rows=max(1, batch_rows))
    if errors_file is not None:
        write_errors(errors_file, report)
    return report


def _first_look(path: Path, sheet: str | None, at: dict[str, int],
                want_number: bool) -> tuple[bool, set[str]]:
    """Before any row is decided (a pass that keeps two small things): whether some row has
    an employee number (``want_number``), and the person references the file gives, which a
    new person is never numbered with."""
    number_at, ref_at = at.get("employee_number") if want_number else None, at.get("ref")
    if number_at is None and ref_at is None:
        return False, set()
    filled, refs = False, set()
    with stream_source(path, sheet=sheet) as (_table, rows):
        for row in rows:
            cells = row.cells
            if number_at is not None and not filled and number_at < len(cells):
                cell = cells[number_at]
                filled = cell is not None and (not isinstance(cell, str) or bool(cell.strip()))
            if ref_at is None:
                if filled:
                    break  # no references to collect: the first employee number says it
            elif ref_at < len(cells):
                ref = cell_text(cells[ref_at]).upper()
                if REF.fullmatch(ref):
                    refs.add(ref)
    return filled, refs


def _import(db: Database, path: Path, *, dry_run: bool, sheet: str | None,
            mapping: MappingGiven, match_on: str | None, create_organizations: bool,
            all_or_nothing: bool, confirm_name_matches: bool, today: date,
            actor: str | None, batch_rows: int) -> ImportReport:
    with stream_source(path, sheet=sheet) as (table, rows):
        source = MappedSource(table, resolve_mapping(table.headers, PEOPLE_COLUMNS, mapping,
                                                     file_name=path.name))
        indexes = source.indexes
        at = dict(indexes)
        filled, file_refs = _first_look(path, sheet, at, match_on is None)
        key = _match_key(source, match_on, filled)
        other = next((k for k in MATCH_KEYS if k != key and source.has(k)), None)
        # CSV: more filled cells than headers means shifted values; XLSX: cells without header.
        width = len(table.headers) if table.kind == "csv" else None
        with db.unit_of_work() as session:
            employers = load_employers(session, create=create_organizations)
            people = load_people_keys(session)
            matcher = PeopleMatcher(
                people, match_on=key, other_key=other, use_ref=source.has("ref"),
                confirm_name_matches=confirm_name_matches, employers=employers,
                refs=RefCounter((p[1] for p in people), file_refs),
                load=lambda ids: load_people(session, ids))
            del people
            kept = KeptOutcomes(source.mapping, LABELS)
            writer = BatchWriter(session, employers, actor or db.actor, path.name)
            for batch in batched(rows, batch_rows):
                read = read_person_rows(batch, indexes, today, width)
                matcher.prepare(person for person, _ in read if person is not None)
                outcomes = [matcher.process(person) if person is not None
                            else _refused(row, problems, at, employers, create_organizations)
                            for row, (person, problems) in zip(batch, read, strict=True)]
                kept.add(outcomes)
                touched = [r for r in matcher.take_touched() if _touched(r)]
                writer.note(touched)
                if not dry_run and not (all_or_nothing and kept.refused):
                    writer.write(touched)
                matcher.evict()  # who is written: an id again, loaded when a row names them
            report = ImportReport(
                what="people", source=path.name, read_as=table.describe(),
                rows=tuple(kept.rows), tally=kept.counts,
                mapping=source.mapping, match_on=key, unknown_headers=source.mapping.ignored,
                unknown={"employer": tuple(employers.unknown)} if employers.unknown else {},
                created={"employer": writer.created_names()} if writer.used_orgs else {},
                dry_run=dry_run, all_or_nothing=all_or_nothing)
            if dry_run or (all_or_nothing and not report.ok):
                session.rollback()
            else:
                if writer.written:
                    audit.record(session, actor=writer.actor, action="import",
                                 entity="people", entity_id=path.name,
                                 summary=_summary(report),
                                 after=_audit_after(report, writer.added, kept.updated))
                writer.screen()
                report = replace(report, applied=True)
    return report


def _refused(row: SourceRow, problems: list[CellProblem], at: dict[str, int],
             employers: Employers, create_organizations: bool) -> RowOutcome:
    employer_at = at.get("employer")
    if employer_at is not None and employer_at < len(row.cells):
        # A rejected row names its unknown employer too: every problem at once.
        name = cell_text(row.cells[employer_at])
        if (name and not any(p.column == "employer" for p in problems)
                and not create_organizations and employers.resolve(name) is None):
            problems.append(unknown_employer(name))
    return RowOutcome(row.number, Outcome.REJECTED, _row_name(row, list(at.items())),
                      problems=tuple(problems), line=row.line)


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


def _audit_after(report: ImportReport, added: list[str],
                 updated: dict[str, dict[str, list[str]]]) -> dict[str, Any]:
    return {
        "file": report.source, "read_as": report.read_as, "match_on": report.match_on,
        "counts": {o.value: n for o, n in report.counts.items()},
        "mapping": report.mapping.as_dict(),
        "added": added,  # references: 100,000 stay small
        "updated": updated,
        "organizations_created": list(report.created.get("employer", ())),
    }


__all__ = ["PEOPLE_COLUMNS", "ImportReport", "import_people", "people_mapping"]
