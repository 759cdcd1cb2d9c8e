"""Checking an application before filing: the findings, and the "ready to file" gate."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.checker import Finding, check
from licenseapp.domain.checker.findings import Severity
from licenseapp.domain.draft_form import DraftForm, check_draft
from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.typed_record import as_typed, same_parties
from licenseapp.services.output.packets import application_record
from licenseapp.store.database import Database


def findings_for(record: ApplicationRecord, today: date | None = None) -> list[Finding]:
    return check(record, form_spec(record.form), today or date.today())


def record_findings(db: Database, record: ApplicationRecord,
                    today: date | None = None) -> list[Finding]:
    """Everything missing or wrong in one application's record, errors first: the form
    checker's and screening's (an open hit or a confirmed match blocks "ready to file").
    The one check behind the gate, the wizard, ``check`` and the packet's DRAFT mark."""
    from licenseapp.services.screening.checking import screening_findings

    found = findings_for(record, today) + screening_findings(db, record.ref)
    return sorted(found, key=lambda f: f.severity is not Severity.ERROR)


def check_application(db: Database, ref: str, today: date | None = None) -> list[Finding]:
    """Everything missing or wrong in application ``ref``, errors first."""
    return record_findings(db, application_record(db, ref), today)


def draft_findings(db: Database, form: DraftForm, stored: DraftForm,
                   today: date | None = None) -> list[Finding]:
    """The findings of the stored draft ``stored`` with what is typed in ``form`` (texts,
    blocks, item entries) as saving would store them — the same check, before Save. A form
    whose applicant, person or item lines differ from the stored ones, or that could not be
    stored as typed (an ECCN half typed), is judged as stored (the page says why on leaving)."""
    record = application_record(db, stored.ref)
    if form.ref == stored.ref and same_parties(form, stored) and not check_draft(form):
        record = as_typed(record, form)
    return record_findings(db, record, today)
