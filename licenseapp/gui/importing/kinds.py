"""What can be imported from a spreadsheet, and how the dialog calls its service.

Each :class:`ImportKind` names the service module, its import function and its columns
(:class:`~licenseapp.domain.column_mapping.ColumnSpec`), and says which options the service
takes (match key, creating unknown organizations, confirming name matches). The services
are imported when first used, on a worker thread.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licenseapp.domain.column_mapping import ColumnSpec
    from licenseapp.domain.import_outcomes import ImportReport
    from licenseapp.store.database import Database


@dataclass(frozen=True)
class ImportOptions:
    """How one run of an import is asked for (a dry run or the import itself)."""

    sheet: str | None = None
    mapping: Mapping[str, str | None] | None = None  # file header → our column or None
    match_on: str | None = None
    create_organizations: bool = False
    confirm_name_matches: bool = False
    all_or_nothing: bool = False
    dry_run: bool = True


@dataclass(frozen=True)
class ImportKind:
    """One kind of record imported from a file."""

    key: str  # "people": also where its mappings are remembered
    title: str  # the dialog's title: "Import people"
    noun: str  # "person"
    plural: str  # "people"
    module: str  # "licenseapp.services.exchange.roster"
    function: str  # "import_people"
    columns_name: str  # "PEOPLE_COLUMNS"
    #: (our column, label) pairs records can be matched on, the first by default; () none.
    match_keys: tuple[tuple[str, str], ...] = ()
    creates_organizations: bool = False
    confirms_name_matches: bool = False
    hint: str = ""  # what the file holds, for the file chooser's action

    def available(self) -> bool:
        """Whether the service is there (items and access imports came later)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False

    def _service(self) -> ModuleType:
        return importlib.import_module(self.module)

    def columns(self) -> Sequence[ColumnSpec]:
        columns: Sequence[ColumnSpec] = getattr(self._service(), self.columns_name)
        return columns

    def labels(self) -> dict[str, str]:
        """Our column → its label ("given_name" → "Given name")."""
        return {c.name: c.label for c in self.columns()}

    def run(self, db: Database, path: Path, options: ImportOptions, *,
            errors_file: Path | None = None) -> ImportReport:
        """The service's import (or dry run) with the options it takes; on a worker thread."""
        kwargs: dict[str, object] = {
            "dry_run": options.dry_run, "sheet": options.sheet,
            "mapping": dict(options.mapping) if options.mapping is not None else None,
            "all_or_nothing": options.all_or_nothing, "errors_file": errors_file,
        }
        if self.match_keys:
            kwargs["match_on"] = options.match_on
        if self.creates_organizations:
            kwargs["create_organizations"] = options.create_organizations
        if self.confirms_name_matches:
            kwargs["confirm_name_matches"] = options.confirm_name_matches
        report: ImportReport = getattr(self._service(), self.function)(db, path, **kwargs)
        return report


PEOPLE = ImportKind(
    "people", "Import people", "person", "people", "licenseapp.services.exchange.roster",
    "import_people", "PEOPLE_COLUMNS",
    match_keys=(("employee_number", "Employee number"), ("email", "E-mail")),
    creates_organizations=True, confirms_name_matches=True,
    hint="Add or update people from a spreadsheet (CSV or XLSX, one person a row, the first "
         "row naming the columns); you see what each row would do first")
ITEMS = ImportKind(
    "items", "Import items", "item", "items", "licenseapp.services.exchange.item_import",
    "import_items", "ITEM_COLUMNS",
    hint="Add or update controlled items from a spreadsheet (CSV or XLSX, one item a row); "
         "you see what each row would do first")
GRANTS = ImportKind(
    "grants", "Import access", "access record", "access records",
    "licenseapp.services.exchange.grant_import", "import_grants", "GRANT_COLUMNS",
    hint="Record who has access to which item from a spreadsheet (CSV or XLSX, one person, "
         "item and mode a row); you see what each row would do first")


__all__ = ["GRANTS", "ITEMS", "PEOPLE", "ImportKind", "ImportOptions"]
