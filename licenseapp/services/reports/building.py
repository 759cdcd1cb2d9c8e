"""Build the report a request asks for and render it: one call for the command line and the
desktop app's Reports screen alike (off the GUI thread there)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from licenseapp.pdf.report_model import Report
from licenseapp.services.reports.request import ReportKind, ReportRequest
from licenseapp.store.database import Database

Progress = Callable[[str], None]
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@dataclass(frozen=True)
class ReportFile:
    """A rendered report: its PDF bytes and what to say about them."""

    request: ReportRequest
    report: Report
    pdf: bytes
    file_name: str

    @property
    def pages(self) -> int:
        return len(_PAGE.findall(self.pdf))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def build_report(db: Database, request: ReportRequest) -> Report:
    """What the report says (not yet laid out); the request is checked first."""
    request = request.checked()
    if request.kind is ReportKind.PENDING:
        from licenseapp.services.reports.pending import pending_report

        return pending_report(db)
    if request.kind is ReportKind.EXPIRING:
        from licenseapp.services.reports.expiring import expiring_report

        return expiring_report(db, request.within_days)
    from licenseapp.services.reports.case_record import case_report

    return case_report(db, request.ref)


def _quiet(_text: str) -> None:
    return None


def make_report(db: Database, request: ReportRequest, progress: Progress = _quiet
                ) -> ReportFile:
    """The report as a PDF. ``progress`` hears each step ("Reading the records…", "Laying
    out the pages…"); it may raise to stop the work between steps (a cancelled build)."""
    request = request.checked()
    progress(f"Reading the records for the {request.kind.label.lower()} report…")
    report = build_report(db, request)
    progress("Laying out the pages…")
    from licenseapp.pdf.reports import render_report

    pdf = render_report(report)
    progress("Done.")
    return ReportFile(request, report, pdf, request.file_name(db.clock.today().isoformat()))
