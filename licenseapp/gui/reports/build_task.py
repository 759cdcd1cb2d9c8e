"""One report build on a worker thread: its progress notes reach the GUI thread, and a
cancel stops it between its steps (reading the records, laying out the pages)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from licenseapp.errors import LicenseAppError
from licenseapp.gui.tasks import ProgressNotes

if TYPE_CHECKING:
    from licenseapp.services.reports.building import ReportFile
    from licenseapp.services.reports.request import ReportRequest
    from licenseapp.store.database import Database


class BuildCancelled(LicenseAppError):
    """The user cancelled the build."""


class ReportBuild:
    """What a worker needs to build one report, and the switch to stop it."""

    def __init__(self, db: Database, request: ReportRequest, notes: ProgressNotes) -> None:
        self.db = db
        self.request = request
        self.notes = notes
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _progress(self, text: str) -> None:
        if self._cancelled.is_set():
            raise BuildCancelled("The report was cancelled")
        self.notes.send(text)

    def run(self) -> ReportFile:
        """Runs on a worker thread."""
        from licenseapp.services.reports.building import make_report

        return make_report(self.db, self.request, self._progress)
