"""Writing a view to a file, off the GUI thread: the cells, then the file (one writer for
every export, :func:`licenseapp.services.exchange.exports.export_table`), and the checks
that refuse a target before any work starts."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.domain.tabular import TABLE_SUFFIXES
from licenseapp.errors import LicenseAppError
from licenseapp.gui.exporting.view_table import ViewTable
from licenseapp.services.output.output_files import check_output

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: The folders the attachment opener (gui/safety/attachment_opener.py) writes the read-only
#: copies of attachments into, in the temporary folder.
VIEWING_FOLDER_PREFIX = "licenseapp-view-"

#: ``progress(phase, done, total)``: "Reading" the rows shown, then "Writing" the file.
PhaseProgress = Callable[[str, int, int], None]


def _in_viewing_copies(path: Path) -> bool:
    temp = Path(tempfile.gettempdir()).resolve()
    resolved = path.expanduser().resolve()
    return any(parent.parent == temp and parent.name.startswith(VIEWING_FOLDER_PREFIX)
               for parent in resolved.parents)


def check_target(path: Path, db: Database | None) -> Path:
    """Refuse, with the fix, a file an export must not write: the open database (or one of
    its working files), the copy of an attachment opened for viewing, a folder, a device.
    a file that is not .csv or .xlsx. An existing table file passes (the user is asked)."""
    if _in_viewing_copies(path):
        raise LicenseAppError(
            f"{path} is the copy of an attachment opened for viewing; choose another file "
            "name, e.g. in your documents folder")
    checked = check_output(path, database=db, replace=True)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise LicenseAppError(f"{path.name} is not a table file; save as .xlsx (Excel) or "
                              ".csv")
    return checked


def write_view(db: Database | None, path: Path, view: ViewTable, *,
               progress: PhaseProgress | None = None,
               cancelled: Callable[[], bool] | None = None) -> int:
    """Write ``view`` to ``path`` (CSV or XLSX by its suffix); returns the rows written.
    Runs off the GUI thread; a cancel leaves no file behind and an existing one untouched."""
    from licenseapp.services.exchange.exports import export_table  # (openpyxl when needed)

    check_target(path, db)

    def phase(name: str) -> Callable[[int, int], None] | None:
        if progress is None:
            return None
        report = progress
        return lambda done, total: report(name, done, total)

    rows = view.rows(progress=phase("Reading"), cancelled=cancelled)
    return export_table(db, path, view.headers, rows, replace=True,
                        progress=phase("Writing"), cancelled=cancelled)
