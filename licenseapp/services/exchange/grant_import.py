"""Importing access records (who holds or has requested access to which item) from CSV or
XLSX, row by row.

``import_grants(db, path, ...) -> ImportReport`` is the user action (the ``import grants``
command). Each row names a person (by reference, e-mail or employee number), an item (by
reference or name), for an AI model the access mode, and optionally the day access began and
its state (active, requested, suspended or revoked, read leniently: "Active", "on",
"pending", "on hold", "ended"...). It ends:

- added: a new access record (active, or requested);
- updated: a record's state or since-day changed (a requested record made active, a revoked
  one granted again, an active one revoked...), with each change;
- unchanged: the record already says so;
- rejected, with the reason and the fix: a person or item not in the database, a mode the
  item is not offered in, a mode for an item that is not an AI model, a retired item, or
  revoking a record that does not exist.

"revoked" or "suspended" on an existing record revokes it (the reason recorded: ``import``;
without a mode, every mode's record of that person and item); a record already suspended
stays so when the file says suspended. An import never lifts a suspension (a directive's
above all): "active" or "requested" for a suspended record is rejected, so a list exported
before the suspension cannot undo it. An empty state grants access to a new record and
leaves an existing one in its state. A second row for the same record finds it.

People, items and records are read once (:class:`~licenseapp.services.catalog.access.AccessBook`),
so 10,000 rows need no query each. Good rows go in and the others are listed (and written
to ``errors_file``); ``all_or_nothing=True`` writes nothing unless every row can go in;
``dry_run=True`` decides the same outcomes and writes nothing. One unit of work with one
audit entry (action ``import``, entity ``grants``) summarising the counts.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from licenseapp.domain import lenient_values as lv
from licenseapp.domain.column_mapping import ColumnMapping, mapped_values
from licenseapp.domain.days import local_day
from licenseapp.domain.enums import AccessMode, GrantState, ItemKind
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.domain.import_outcomes import (
    CellProblem,
    Change,
    ImportReport,
    Outcome,
    RowCheck,
    RowOutcome,
)
from licenseapp.domain.item_form import mode_of
from licenseapp.domain.table_reading import SourceRow
from licenseapp.errors import ConflictError, LicenseAppError, NotFoundError
from licenseapp.services.catalog.access import (
    AccessBook,
    RecordKey,
    grant_in_session,
    revoke_in_session,
)
from licenseapp.services.collector import collector_paused
from licenseapp.services.exchange.grant_columns import GRANT_COLUMNS, LABELS, grant_state
from licenseapp.services.exchange.grant_writing import insert_grants, update_grants
from licenseapp.services.exchange.importing import (
    check_errors_file,
    named_as_in_file,
    open_source,
    write_errors,
)
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant

MappingGiven = ColumnMapping | Mapping[str, str | None] | None

#: The reason recorded on a record the import revokes.
REVOKE_REASON = "import"
_EARLIEST, _LATEST = date(1900, 1, 1), date(2200, 12, 31)


@dataclass(frozen=True, slots=True)
class _GrantRow:
    row: int
    line: int | None
    person: RecordKey
    item: RecordKey
    person_text: str  # as written
    item_text: str
    mode: str  # as written ("" when not given)
    since: date | None
    state: GrantState | None  # None: not given


def grants_mapping(path: Path, *, sheet: str | None = None,
                   mapping: MappingGiven = None) -> ColumnMapping:
    """How the file's columns map to an access record's fields (``mapping`` where it says)."""
    return open_source(path, GRANT_COLUMNS, sheet=sheet, mapping=mapping).mapping


def import_grants(db: Database, path: Path, *, dry_run: bool = False,
                  errors_file: Path | None = None, replace_errors: bool = False,
                  sheet: str | None = None,
                  mapping: MappingGiven = None, all_or_nothing: bool = False,
                  actor: str | None = None) -> ImportReport:
    """Import access records; returns every row's outcome (see the module's docstring).

    Raises :class:`~licenseapp.errors.LicenseAppError` when the whole file is refused
    (unreadable, no person or item column, the errors file being the file itself), and
    :class:`~licenseapp.errors.ConflictError` when someone changed access records the file
    touches while it was being imported (nothing is then written).
    """
    check_errors_file(path, errors_file, database=db, replace=replace_errors)
    with collector_paused():  # thousands of small acyclic objects
        report = _import(db, path, dry_run=dry_run, sheet=sheet, mapping=mapping,
                         all_or_nothing=all_or_nothing, actor=actor or db.actor)
    if errors_file is not None:
        write_errors(errors_file, report)
    return report


def _import(db: Database, path: Path, *, dry_run: bool, sheet: str | None,
            mapping: MappingGiven, all_or_nothing: bool, actor: str) -> ImportReport:
    source = open_source(path, GRANT_COLUMNS, sheet=sheet, mapping=mapping)
    indexes = source.indexes
    width = len(source.table.headers) if source.table.kind == "csv" else None
    try:
        with db.unit_of_work() as session:
            book = AccessBook.load(session)
            importer = _GrantImporter(session, book, actor,
                                      db.clock.now().replace(microsecond=0))
            read = [importer.read(row, indexes, width) for row in source.table.rows]
            _load_records(session, book, {(r.person.id, r.item.id) for r in read
                                          if isinstance(r, _GrantRow)})
            outcomes = tuple(importer.process(r) if isinstance(r, _GrantRow) else r
                             for r in read)
            outcomes = tuple(
                replace(o, problems=named_as_in_file(o.problems, source.mapping, LABELS))
                if o.problems else o for o in outcomes)
            unknown = {k: tuple(v) for k, v in importer.unknown.items() if v}
            report = ImportReport(
                what="grants", source=path.name, read_as=source.table.describe(),
                rows=outcomes, mapping=source.mapping, match_on="person, item and mode",
                unknown_headers=source.mapping.ignored, unknown=unknown, dry_run=dry_run,
                all_or_nothing=all_or_nothing)
            if dry_run or (all_or_nothing and not report.ok):
                session.rollback()
                return report
            if importer.added or importer.updated:
                with session.no_autoflush:
                    audit.record(session, actor=actor, action="import", entity="grants",
                                 entity_id=path.name, summary=_summary(report),
                                 after=_audit_after(report, importer), at=importer.now)
                    # The audit entry holds SQLite's write lock now, so the ids are ours.
                    insert_grants(session, importer.created, importer.now)
                    update_grants(session, list(importer.changed.values()), importer.now)
                session.flush()
            return replace(report, applied=True)
    except (StaleDataError, IntegrityError):
        raise ConflictError(
            "someone changed access records while the file was being imported; nothing was "
            "imported: import the file again") from None


def _load_records(session: Session, book: AccessBook, pairs: set[tuple[int, int]]) -> None:
    """The stored records of the people and items the file names, as objects, in a few
    queries (a record the book knows only by its id would be read with a query each)."""
    wanted = [gid for (pid, iid, _), gid in book.records.items()
              if (pid, iid) in pairs and isinstance(gid, int)]
    for i in range(0, len(wanted), 1_000):
        for grant in session.execute(select(AccessGrant).where(
                AccessGrant.id.in_(wanted[i:i + 1_000]))).scalars():
            book.records[(grant.person_id, grant.item_id, grant.mode or "")] = grant


def _split(message: str) -> tuple[str, str]:
    """A service's message as reason and fix."""
    for separator in ("; ", ": "):
        reason, found, fix = message.partition(separator)
        if found:
            return reason, fix
    return message, "correct it"


class _GrantImporter:
    """Reads each row against the book and applies it in the session."""

    def __init__(self, session: Session, book: AccessBook, actor: str, now: datetime) -> None:
        self.session, self.book, self.actor, self.now = session, book, actor, now
        self.unknown: dict[str, list[str]] = {"person": [], "item": []}
        self.added: list[str] = []
        self.created: list[AccessGrant] = []  # the new records, in the file's order
        self.changed: dict[int, AccessGrant] = {}  # stored records changed, by id
        self.first_rows: dict[tuple[int, int, str], int] = {}  # record → row that added it
        self.updated: dict[str, dict[str, list[str]]] = {}
        self._item_names = tuple(info.key.name for info in book.items.values())

    # ------------------------------------------------------------ reading

    def read(self, source: SourceRow, indexes: list[tuple[str, int]],
             width: int | None) -> _GrantRow | RowOutcome:
        check = RowCheck(mapped_values(source.cells, indexes), source.cells, width)
        person = self._person(check)
        item = self._item(check)
        mode = check.text("mode")
        if mode and mode_of(mode) is None:
            check.reject("mode", mode, f"{mode!r} is not an access mode",
                         "write parameters, use or fine-tuning (one mode per row)")
        since = check.parsed("since", lv.parse_date)
        if since is not None and not _EARLIEST <= since <= _LATEST:
            check.reject("since", check.raw("since"),
                         f"{since.isoformat()} is not a plausible day", "check the year")
            since = None
        state = check.parsed("state", grant_state)
        if not check.ok() or person is None or item is None:
            return RowOutcome(source.number, Outcome.REJECTED, problems=tuple(check.problems),
                              line=source.line)
        return _GrantRow(source.number, source.line, person, item, check.raw("person"),
                         check.raw("item"), mode, since, state)

    def _person(self, check: RowCheck) -> RecordKey | None:
        text = check.text("person", required="name the person by reference (e.g. P-0001), "
                                              "e-mail or employee number")
        if not text:
            return None
        try:
            return self.book.person(text)
        except NotFoundError:
            check.reject("person", text, f"no person {text!r} in this database",
                         "add the person first (e.g. by importing the roster), or name them "
                         "by reference (e.g. P-0001), e-mail or employee number")
            if text not in self.unknown["person"]:
                self.unknown["person"].append(text)
        except LicenseAppError as exc:  # the e-mail or number of several people
            check.reject("person", text, *_split(exc.message))
        return None

    def _item(self, check: RowCheck) -> RecordKey | None:
        text = check.text("item", required="name the item by reference (e.g. ITM-001) or name")
        if not text:
            return None
        try:
            return self.book.item(text)
        except NotFoundError:
            close = _close(text, self._item_names)
            check.reject("item", text, f"no controlled item {text!r} in this database",
                         f"did you mean {close}? Or add the item first" if close else
                         "add the item first (e.g. by importing the items), or correct the "
                         "reference or name")
            if text not in self.unknown["item"]:
                self.unknown["item"].append(text)
        except LicenseAppError as exc:  # a name several items have
            check.reject("item", text, *_split(exc.message))
        return None

    # ------------------------------------------------------------ applying

    def process(self, row: _GrantRow) -> RowOutcome:
        if row.state in (GrantState.REVOKED, GrantState.SUSPENDED):
            return self._revoke(row)
        found = mode_of(row.mode) if row.mode else None
        key = (row.person.id, row.item.id, found.value if found else "")
        before = self._record(key)
        state = (row.state.value if row.state is not None else
                 before.state if before is not None else GrantState.ACTIVE.value)
        label = _label(row.person, row.item, key[2])
        if state not in (GrantState.ACTIVE.value, GrantState.REQUESTED.value):
            # No state given and the record is suspended or revoked: it stays so.
            return RowOutcome(row.row, Outcome.UNCHANGED, label,
                              note=f"no state given: left {state}", line=row.line)
        if (before is not None and before.state == GrantState.SUSPENDED.value
                and row.state is not None):
            return self._reject(row, "state", row.state.value, _suspended(before, label),
                                "an import does not lift a suspension: grant the access again "
                                "on its own once it is allowed, or write suspended")
        was = (before.state, before.since) if before is not None else None
        try:
            outcome = grant_in_session(
                self.session, row.person.id, row.item.id, mode=row.mode or None, state=state,
                since=row.since, actor=self.actor, book=self.book, record_audit=False,
                at=self.now)
        except FormInvalid as exc:
            return RowOutcome(row.row, Outcome.REJECTED, line=row.line, problems=tuple(
                CellProblem(p.field if p.field in LABELS else "mode",
                            self._value(row, p.field), *_split(p.message))
                for p in exc.problems))
        if outcome.created:
            self.added.append(_key_text(row.person, row.item, key[2]))
            self.first_rows[key] = row.row
            created = self._record(key)
            assert created is not None
            self.created.append(created)
            return RowOutcome(row.row, Outcome.ADDED, label, line=row.line)
        note = (f"the record added by row {self.first_rows[key]}" if key in self.first_rows
                else "")
        if not outcome.changed or was is None:
            return RowOutcome(row.row, Outcome.UNCHANGED, label, note=note, line=row.line)
        grant = self._record(key)
        assert grant is not None
        if grant.id is not None:
            self.changed[grant.id] = grant
        changes = []
        if grant.state != was[0]:
            changes.append(Change("state", was[0], grant.state))
        if grant.since != was[1]:
            changes.append(Change("since", _day(was[1]), _day(grant.since)))
        self._note_update(row, key[2], changes)
        return RowOutcome(row.row, Outcome.UPDATED, label, tuple(changes), note=note,
                          line=row.line)

    def _revoke(self, row: _GrantRow) -> RowOutcome:
        assert row.state is not None
        is_model = self.book.items[row.item.id].kind == ItemKind.AI_MODEL_ACCESS.value
        found = mode_of(row.mode) if row.mode else None
        if found is not None and not is_model:
            return self._reject(row, "mode", row.mode,
                                f"{row.item.name} is not an AI model; it has no access modes",
                                "leave the mode out")
        modes = ([found.value] if found is not None
                 else ["", *(m.value for m in AccessMode)] if is_model else [""])
        keys = [(row.person.id, row.item.id, m) for m in modes]
        grants = [(k, g) for k in keys if (g := self._record(k)) is not None]
        if not grants:
            how = f" for {found.value.replace('_', '-')}" if found is not None else ""
            return self._reject(
                row, "state", row.state.value,
                f"{row.person.ref} {row.person.name} has no access record for "
                f"{row.item.ref} {row.item.name}{how}, so there is nothing to "
                f"{'revoke' if row.state is GrantState.REVOKED else 'suspend'}",
                "leave the row out, or write active or requested to record the access")
        changes: list[Change] = []
        for key, grant in grants:
            if row.state is GrantState.SUSPENDED and grant.state == GrantState.SUSPENDED.value:
                continue  # suspended already: it stays so, with when and why
            outcome = revoke_in_session(self.session, grant, reason=REVOKE_REASON,
                                        actor=self.actor, book=self.book, record_audit=False,
                                        at=self.now)
            if outcome.changed:
                if grant.id is not None:
                    self.changed[grant.id] = grant
                mine = [Change("state", outcome.previous or "", grant.state)]
                changes += [Change(f"state ({key[2].replace('_', '-')})", c.old, c.new)
                            if len(grants) > 1 and key[2] else c for c in mine]
                self._note_update(row, key[2], mine)
        label = _label(row.person, row.item, grants[0][0][2] if len(grants) == 1 else "")
        outcome_kind = Outcome.UPDATED if changes else Outcome.UNCHANGED
        return RowOutcome(row.row, outcome_kind, label, tuple(changes), line=row.line)

    def _record(self, key: tuple[int, int, str]) -> AccessGrant | None:
        found = self.book.records.get(key)
        if isinstance(found, int):  # not read yet (not expected: the file's were loaded)
            grant = self.session.get(AccessGrant, found)
            if grant is not None:
                self.book.records[key] = grant
            return grant
        return found

    def _note_update(self, row: _GrantRow, mode: str, changes: list[Change]) -> None:
        fields = self.updated.setdefault(_key_text(row.person, row.item, mode), {})
        for c in changes:
            fields[c.field] = [fields[c.field][0] if c.field in fields else c.old, c.new]

    @staticmethod
    def _value(row: _GrantRow, field: str) -> str:
        return {"person": row.person_text, "item": row.item_text, "mode": row.mode,
                "state": row.state.value if row.state else "",
                "since": _day(row.since)}.get(field, "")

    @staticmethod
    def _reject(row: _GrantRow, column: str, value: str, reason: str, fix: str) -> RowOutcome:
        return RowOutcome(row.row, Outcome.REJECTED, line=row.line,
                          problems=(CellProblem(column, value, reason, fix),))


@lru_cache(maxsize=1_000)
def _close(text: str, names: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(text, names, n=2, cutoff=0.6)
    return " or ".join(repr(c) for c in close)


def _suspended(grant: AccessGrant, label: str) -> str:
    when = f" on {local_day(grant.suspended_at).isoformat()}" if grant.suspended_at else ""
    why = f" ({grant.suspended_reason})" if grant.suspended_reason else ""
    return f"{label} was suspended{when}{why}"


def _label(person: RecordKey, item: RecordKey, mode: str) -> str:
    how = f" ({mode.replace('_', '-')})" if mode else ""
    return f"{person.ref} {person.name}: {item.ref} {item.name}{how}"


def _key_text(person: RecordKey, item: RecordKey, mode: str) -> str:
    return " ".join(p for p in (person.ref, item.ref, mode) if p)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _summary(report: ImportReport) -> str:
    counts = report.counts
    return (f"access import from {report.source}: "
            + ", ".join(f"{counts[o]} {o.label}" for o in Outcome
                        if o is not Outcome.NEEDS_CONFIRMATION))


def _audit_after(report: ImportReport, importer: _GrantImporter) -> dict[str, Any]:
    return {
        "file": report.source, "read_as": report.read_as,
        "counts": {o.value: n for o, n in report.counts.items()},
        "mapping": report.mapping.as_dict(),
        "added": importer.added,  # "P-0001 ITM-001 use": small at 10,000 rows
        "updated": importer.updated,
        "revoke_reason": REVOKE_REASON,
    }


__all__ = ["GRANT_COLUMNS", "REVOKE_REASON", "ImportReport", "grants_mapping", "import_grants"]
