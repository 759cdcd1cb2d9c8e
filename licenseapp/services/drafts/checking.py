"""Checking an application before filing: the findings, and the "ready to file" gate."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.checker import Finding, check
from licenseapp.domain.checker.findings import Severity
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord
from licenseapp.services.output.packets import application_record
from licenseapp.store.database import Database


def findings_for(record: ApplicationRecord, today: date | None = None) -> list[Finding]:
    return check(record, form_spec(record.form), today or date.today())


def check_application(db: Database, ref: str, today: date | None = None) -> list[Finding]:
    """Everything missing or wrong in application ``ref``, errors first (screening's with
    the others: an open hit or a confirmed match blocks "ready to file")."""
    from licenseapp.services.screening.checking import screening_findings

    found = findings_for(application_record(db, ref), today) + screening_findings(db, ref)
    return sorted(found, key=lambda f: f.severity is not Severity.ERROR)
