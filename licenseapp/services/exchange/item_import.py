"""Importing controlled items from CSV or XLSX, row by row.

``import_items(db, path, ...) -> ImportReport`` is the user action (the ``import items``
command). Each row is read leniently ("AI model", "fine tuning", "4e091", "xi(d)"), checked
as the item form checks it (:func:`~licenseapp.domain.item_form.check_item`, every problem
at once, named by the file's own column header with the value, the reason and the fix) and
matched to an item already in the database by its reference, else by its name (any case).
It ends added, updated (with each change), unchanged or rejected. A second row for the same
item in the file finds the item the first one added or changed, so it is never added twice;
importing the same file again, or a file ``export items`` wrote, changes nothing.

An empty cell means "not given": an update keeps what is stored. Reasons for control left
empty are filled from the reference data (and follow a changed classification when they
were so filled), as the item form does. A new item takes the file's reference when it is a
free one (``ITM-042``), else the next. The regime, when not given, is that of the stored
item, or ITAR for a USML category (a "USML" value or column), else EAR.

Good rows go in and the others are listed (and written to ``errors_file``);
``all_or_nothing=True`` writes nothing unless every row can go in. ``dry_run=True`` decides
the same outcomes and writes nothing. Everything is one unit of work with one audit entry
(action ``import``, entity ``items``) summarising the counts.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from licenseapp.domain.column_mapping import ColumnMapping, ColumnSpec, header_key, mapped_values
from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.import_outcomes import (
    CellProblem,
    Change,
    ImportReport,
    Outcome,
    RowCheck,
    RowOutcome,
)
from licenseapp.domain.item_form import (
    ItemForm,
    check_item,
    kind_of,
    modes_of,
    normal_classification,
    reasons_for,
    regime_of,
)
from licenseapp.domain.lenient_values import cell_text
from licenseapp.domain.table_reading import SourceRow
from licenseapp.errors import ConflictError
from licenseapp.services.catalog.items import REF_PREFIX, normalized
from licenseapp.services.exchange.importing import (
    MappedSource,
    check_errors_file,
    named_as_in_file,
    open_source,
    write_errors,
)
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import ControlledItem

MappingGiven = ColumnMapping | Mapping[str, str | None] | None

ITEM_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("ref", "Item reference",
               ("ref", "reference", "item ref", "item reference", "item id", "item number",
                "licenseapp ref")),
    ColumnSpec("name", "Name",
               ("item", "item name", "name of item", "model", "model name", "ai model",
                "product", "product name", "controlled item", "title", "bezeichnung"),
               required=True),
    ColumnSpec("kind", "Kind",
               ("type", "item kind", "item type", "kind of item", "type of item", "art")),
    ColumnSpec("access_modes", "Access modes",
               ("modes", "mode", "access mode", "access", "modes offered", "offered modes",
                "access modes offered")),
    ColumnSpec("regime", "Regime",
               ("jurisdiction", "export regime", "control regime", "regulation",
                "export control regime", "regulations")),
    ColumnSpec("classification", "Classification",
               ("eccn", "usml category", "usml", "usml cat", "classification number",
                "export classification", "control list entry", "control list number",
                "eccn / usml", "eccn or usml category", "eccn/usml category", "ausfuhrliste",
                "rating", "export control classification number")),
    ColumnSpec("reasons_for_control", "Reasons for control",
               ("reasons", "reason for control", "control reasons", "reasons of control",
                "rfc")),
    ColumnSpec("ccats", "CCATS", ("ccats number", "ccats no", "ccats #")),
    ColumnSpec("description", "Description",
               ("details", "notes", "remarks", "item description", "beschreibung")),
)
LABELS = {c.name: c.label for c in ITEM_COLUMNS}
#: The columns ``export items`` writes, in this order (the import reads them all back).
EXPORT_COLUMNS = tuple(c.name for c in ITEM_COLUMNS)
_FIELDS = ("name", "kind", "access_modes", "regime", "classification", "reasons_for_control",
           "ccats", "description")
_REF = re.compile(rf"{REF_PREFIX}\d{{1,8}}")
_MODE_SEPARATORS = re.compile(r"\s*(?:[/|+&]|\band\b)\s*", re.IGNORECASE)


@dataclass(slots=True)
class _ItemRow:
    """One row read: each column's text ("" where the file gives nothing)."""

    row: int
    line: int | None
    texts: dict[str, str]


@dataclass(eq=False, slots=True)
class _ItemRecord:
    """An item as the import sees it: stored (``id``) or added by this file (None)."""

    id: int | None
    ref: str
    form: ItemForm  # as it is (or, once imported, will be) stored
    stored: ItemForm | None  # as read from the database; None for a new item
    row: ControlledItem | None = None
    first_row: int | None = None
    retired: bool = False

    @property
    def label(self) -> str:
        return f"{self.ref} {self.form.name}".strip()


def items_mapping(path: Path, *, sheet: str | None = None,
                  mapping: MappingGiven = None) -> ColumnMapping:
    """How the file's columns map to an item's fields (``mapping`` where it says)."""
    return open_source(path, ITEM_COLUMNS, sheet=sheet, mapping=mapping).mapping


def import_items(db: Database, path: Path, *, dry_run: bool = False,
                 errors_file: Path | None = None, replace_errors: bool = False,
                 sheet: str | None = None,
                 mapping: MappingGiven = None, all_or_nothing: bool = False,
                 actor: str | None = None) -> ImportReport:
    """Import controlled items; returns every row's outcome (see the module's docstring).

    Raises :class:`~licenseapp.errors.LicenseAppError` when the whole file is refused
    (unreadable, no name column, the errors file being the file itself), and
    :class:`~licenseapp.errors.ConflictError` when someone changed an item the file updates
    while it was being imported (nothing is then written).
    """
    check_errors_file(path, errors_file, database=db, replace=replace_errors)
    source = open_source(path, ITEM_COLUMNS, sheet=sheet, mapping=mapping)
    report = _import(db, path, source, dry_run=dry_run, all_or_nothing=all_or_nothing,
                     actor=actor)
    if errors_file is not None:
        write_errors(errors_file, report)
    return report


def _import(db: Database, path: Path, source: MappedSource, *, dry_run: bool,
            all_or_nothing: bool, actor: str | None) -> ImportReport:
    indexes = source.indexes
    width = len(source.table.headers) if source.table.kind == "csv" else None
    header = source.mapping.header_for("classification") or ""
    usml_column = "usml" in header_key(header)
    try:
        with db.unit_of_work() as session:
            matcher = _ItemMatcher(_load(session), source.mapping, usml_column,
                                   _file_refs(source))
            outcomes = tuple(matcher.process(row, indexes, width)
                             for row in source.table.rows)
            report = ImportReport(
                what="items", source=path.name, read_as=source.table.describe(),
                rows=outcomes, mapping=source.mapping, match_on="reference, then name",
                unknown_headers=source.mapping.ignored, dry_run=dry_run,
                all_or_nothing=all_or_nothing)
            if dry_run or (all_or_nothing and not report.ok):
                session.rollback()
                return report
            touched = [r for r in matcher.records if r.stored is None or r.form != r.stored]
            if touched:
                _write(session, touched)
                audit.record(session, actor=actor or db.actor, action="import",
                             entity="items", entity_id=path.name, summary=_summary(report),
                             after=_audit_after(report, touched))
            return replace(report, applied=True)
    except (StaleDataError, IntegrityError):
        raise ConflictError(
            "someone changed controlled items while the file was being imported; nothing "
            "was imported: import the file again") from None


def _file_refs(source: MappedSource) -> set[str]:
    at = dict(source.indexes).get("ref")
    if at is None:
        return set()
    refs = (cell_text(r.cells[at]).upper() for r in source.table.rows if at < len(r.cells))
    return {ref for ref in refs if _REF.fullmatch(ref)}


def _form_of(row: ControlledItem) -> ItemForm:
    return ItemForm(name=row.name, kind=row.kind,
                    access_modes=tuple(m for m in (row.access_modes or "").split(",") if m),
                    regime=row.regime, classification=row.classification,
                    reasons_for_control=row.reasons_for_control, ccats=row.ccats,
                    description=row.description, id=row.id, ref=row.ref, version=row.version)


def _load(session: Session) -> list[_ItemRecord]:
    return [_ItemRecord(id=row.id, ref=row.ref, form=_form_of(row), stored=_form_of(row),
                        row=row, retired=row.retired_at is not None)
            for row in session.execute(select(ControlledItem).order_by(ControlledItem.id))
            .scalars()]


def _write(session: Session, records: list[_ItemRecord]) -> None:
    for r in records:
        row = r.row
        if row is None:
            row = r.row = ControlledItem(ref=r.ref)
            session.add(row)
        form = r.form
        row.name, row.kind, row.regime = form.name, form.kind, form.regime
        row.access_modes = ",".join(form.access_modes) or None  # as the item form stores it
        row.classification = form.classification
        row.reasons_for_control = form.reasons_for_control
        row.ccats = form.ccats
        row.description = form.description
    session.flush()


def _modes(text: str) -> tuple[str, ...]:
    """Access modes as people list them: "parameters, use", "weights / inference"."""
    return modes_of(_MODE_SEPARATORS.sub(",", text))


def _mode_words(modes: tuple[str, ...]) -> str:
    return ", ".join(m.replace("_", "-") for m in modes)


class _ItemMatcher:
    """Decides each row's outcome and applies it to the items in memory."""

    def __init__(self, records: list[_ItemRecord], mapping: ColumnMapping,
                 usml_column: bool, file_refs: set[str]) -> None:
        self.records: list[_ItemRecord] = []
        self.file_refs = file_refs  # references the file gives: never handed to another
        self.by_ref: dict[str, _ItemRecord] = {}
        self.by_name: dict[str, list[_ItemRecord]] = {}
        self.mapping = mapping
        self.usml_column = usml_column
        for r in records:
            self._index(r)
        self._next = max((int(r.ref[len(REF_PREFIX):]) for r in records
                          if r.ref.upper().startswith(REF_PREFIX)
                          and r.ref[len(REF_PREFIX):].isdigit()), default=0) + 1

    def _index(self, r: _ItemRecord) -> None:
        self.records.append(r)
        self.by_ref[r.ref.upper()] = r
        self.by_name.setdefault(r.form.name.strip().casefold(), []).append(r)

    def _rename(self, r: _ItemRecord, old: str) -> None:
        self.by_name[old.strip().casefold()].remove(r)
        self.by_name.setdefault(r.form.name.strip().casefold(), []).append(r)

    def _take_ref(self, reserved: set[str]) -> str:
        while True:
            ref = f"{REF_PREFIX}{self._next:03d}"
            self._next += 1
            if ref not in self.by_ref and ref not in reserved:
                return ref

    def process(self, source: SourceRow, indexes: list[tuple[str, int]],
                width: int | None) -> RowOutcome:
        check = RowCheck(mapped_values(source.cells, indexes), source.cells, width)
        row = _ItemRow(source.number, source.line,
                       {c.name: check.raw(c.name) for c in ITEM_COLUMNS})
        decided = self._decide(row, check)
        if isinstance(decided, RowOutcome):
            return decided
        return RowOutcome(row.row, Outcome.REJECTED, line=row.line,
                          problems=named_as_in_file(decided, self.mapping, LABELS))

    def _decide(self, row: _ItemRow, check: RowCheck) -> RowOutcome | list[CellProblem]:
        texts = row.texts
        problems = list(check.problems)
        ref = texts["ref"].upper()
        if ref and not _REF.fullmatch(ref):
            problems.append(CellProblem(
                "ref", texts["ref"], f"{texts['ref']} is not an item reference here",
                f"leave it empty, or write one such as {REF_PREFIX}001"))
            ref = ""
        by_ref = self.by_ref.get(ref) if ref else None
        named = self.by_name.get(texts["name"].casefold(), []) if texts["name"] else []
        record = by_ref
        if by_ref is not None and named and by_ref not in named:
            other = named[0]
            problems.append(CellProblem(
                "name", texts["name"],
                f"{other.ref} is called {other.form.name!r}, but the reference {by_ref.ref} "
                f"is {by_ref.form.name!r}",
                "correct one of them: two items cannot be one row"))
        elif record is None and len(named) > 1:
            refs = ", ".join(r.ref for r in named)
            problems.append(CellProblem(
                "name", texts["name"], f"{len(named)} items are called {texts['name']!r} "
                f"({refs})", "give the reference of the one meant"))
        elif record is None and named:
            record = named[0]
        form, given_empty = self._merged(row, record)
        problems += self._form_problems(form, row, given_empty, record)
        if problems:
            return problems
        stored = normalized(form)
        if record is None:
            record = _ItemRecord(id=None, ref=ref or self._take_ref(self.file_refs),
                                 form=stored, stored=None, first_row=row.row)
            record.form = dataclasses.replace(stored, ref=record.ref)
            self._index(record)
            return RowOutcome(row.row, Outcome.ADDED, record.label, line=row.line)
        new = dataclasses.replace(stored, id=record.form.id, ref=record.ref,
                                  version=record.form.version)
        changes = [Change(name, _shown(getattr(record.form, name)), _shown(getattr(new, name)))
                   for name in _FIELDS if getattr(record.form, name) != getattr(new, name)]
        old_name = record.form.name
        record.form = new
        if new.name != old_name:
            self._rename(record, old_name)
        notes = []
        if record.id is None and record.first_row is not None:
            notes.append(f"the item added by row {record.first_row}")
        if ref and ref != record.ref.upper():
            notes.append(f"matched by name: {ref} is not its reference in this database")
        if record.retired:
            notes.append("the item is retired")
        note = "; ".join(notes)
        outcome = Outcome.UPDATED if changes else Outcome.UNCHANGED
        return RowOutcome(row.row, outcome, record.label, tuple(changes), note=note,
                          line=row.line)

    def _merged(self, row: _ItemRow, record: _ItemRecord | None
                ) -> tuple[ItemForm, set[str]]:
        """The item as the row makes it, before normalizing; and the fields left empty in
        both the row and the stored item."""
        texts = row.texts
        base = record.form if record is not None else ItemForm(kind="", regime="")
        name = texts["name"] or base.name
        if record is not None and name.casefold() == base.name.casefold():
            name = base.name  # the same name in another case: not a rename
        kind = texts["kind"] or base.kind
        found_kind = kind_of(kind)
        if texts["access_modes"]:
            modes = _modes(texts["access_modes"])
        elif found_kind is not None and found_kind is not ItemKind.AI_MODEL_ACCESS:
            modes = ()  # no longer an AI model: its modes go
        else:
            modes = base.access_modes
        classification = texts["classification"] or base.classification
        regime = texts["regime"] or base.regime or self._regime_for(classification)
        reasons = texts["reasons_for_control"] or base.reasons_for_control
        if (record is not None and not texts["reasons_for_control"]
                and regime_of(regime) is Regime.EAR
                and normal_classification(regime, classification) != base.classification
                and base.reasons_for_control == reasons_for(base.classification)):
            reasons = ""  # filled from the reference data, so they follow the classification
        form = ItemForm(name=name, kind=kind, access_modes=modes, regime=regime,
                        classification=classification, reasons_for_control=reasons,
                        ccats=texts["ccats"] or base.ccats,
                        description=texts["description"] or base.description)
        empty = {f for f in ("name", "kind", "classification") if not getattr(form, f).strip()}
        return form, empty

    def _regime_for(self, classification: str) -> str:
        if self.usml_column or classification.strip().upper().startswith("USML"):
            return Regime.ITAR.value
        return Regime.EAR.value

    def _form_problems(self, form: ItemForm, row: _ItemRow, empty: set[str],
                       record: _ItemRecord | None) -> list[CellProblem]:
        problems: list[CellProblem] = []
        for p in check_item(form):
            if (p.field == "access_modes" and not form.access_modes and record is not None
                    and record.stored is not None and not record.stored.access_modes
                    and kind_of(record.stored.kind) is ItemKind.AI_MODEL_ACCESS):
                continue  # an AI model whose modes were never recorded stays so
            problems.append(_cell_problem(p, row.texts.get(p.field, ""), p.field in empty))
        return problems


def _cell_problem(p: FieldProblem, value: str, empty: bool) -> CellProblem:
    """A form's problem as a cell's: the value, the reason and the fix."""
    if empty:  # "'' is not a kind of item; choose one of ...": the fix alone
        return CellProblem(p.field, "", "is empty", p.message.partition("; ")[2] or p.message)
    reason, sep, fix = p.message.partition("; ")
    if not sep:
        return CellProblem(p.field, value, p.message, "correct it")
    return CellProblem(p.field, value, reason, fix)


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return _mode_words(value)
    return str(value)


def _summary(report: ImportReport) -> str:
    counts = report.counts
    return (f"items import from {report.source}: "
            + ", ".join(f"{counts[o]} {o.label}" for o in Outcome
                        if o is not Outcome.NEEDS_CONFIRMATION))


def _audit_after(report: ImportReport, touched: list[_ItemRecord]) -> dict[str, Any]:
    updated: dict[str, dict[str, list[str]]] = {}
    for r in report.rows:
        if r.outcome is Outcome.UPDATED:
            fields = updated.setdefault(r.record, {})
            for c in r.changes:
                fields[c.field] = [fields[c.field][0] if c.field in fields else c.old, c.new]
    return {
        "file": report.source, "read_as": report.read_as,
        "counts": {o.value: n for o, n in report.counts.items()},
        "mapping": report.mapping.as_dict(),
        "added": [r.ref for r in touched if r.id is None],
        "updated": updated,
    }


__all__ = ["EXPORT_COLUMNS", "ITEM_COLUMNS", "ImportReport", "import_items", "items_mapping"]
