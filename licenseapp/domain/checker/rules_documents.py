"""The documents the case's regulator expects with an application for a person, and their
dates: each citation and word comes from the form's terms (resources/forms), so a DDTC or UK
case is never told what BIS expects."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.checker.status_documents import (
    GREEN_CARD,
    Wanted,
    needs_visa,
    status_documents,
)
from licenseapp.domain.forms import form_spec
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.record import ApplicationRecord, PersonInfo
from licenseapp.domain.sniffing import display_name
from licenseapp.domain.value_labels import ATTACHMENT_KINDS, DOCUMENT_KINDS, in_sentence
from licenseapp.domain.value_labels import label as value_label

#: BIS's list (the BIS-748P's ``documents_source`` term), for rules that concern BIS only.
GUIDELINES = "BIS deemed export licensing guidelines (September 2024)"
DOCUMENTS = Target("person.documents")
CITIZENSHIPS = Target("person.citizenships")


def _attached(record: ApplicationRecord, kind: str) -> bool:
    return any(a.kind == kind for a in record.attachments)


def _term(record: ApplicationRecord, key: str) -> str:
    return form_spec(record.form).term(key)


def required_documents(record: ApplicationRecord) -> Iterator[Finding]:
    """Passport, visa and work authorization copies, letter of explanation, résumé, TCP, and
    the employee's agreement where the regulator asks for one."""
    source = _term(record, "documents_source")
    person = record.person
    if person is None:
        recipient = _term(record, "recipient")
        yield Finding(Severity.ERROR, "foreign_national", recipient, "no-person",
                      f"no {recipient} is named", source,
                      "choose or create the person the application is for",
                      Target("application.person"))
        return
    yield from _status_documents(record, person, source)
    if not (record.loe_text.strip() or _attached(record, "loe")):
        yield Finding(Severity.ERROR, "documents", "letter of explanation", "loe-missing",
                      "there is no letter of explanation", _term(record, "letter_source"),
                      "write the letter (a template is offered) or attach it",
                      Target("application.loe_text"))
    if not (person.resume or _attached(record, "resume")):
        yield Finding(Severity.ERROR, "documents", "résumé", "resume-missing",
                      "there is no résumé", source,
                      "enter the education and employment history or attach the résumé",
                      Target("person.resume"))
    if record.regulator == "BIS" and not (record.tcp_text.strip() or _attached(record, "tcp")):
        yield Finding(Severity.ERROR, "tcp", "technology control plan", "tcp-missing",
                      "there is no technology control plan", GUIDELINES,
                      "write the TCP (a template is offered) or attach it",
                      Target("application.tcp_text"))
    yield from _employee_agreement(record, source)


def _filed_as(doc: Wanted) -> str:
    """" as the work authorization": the attachment kind to choose, when its name differs."""
    kind = in_sentence(value_label(ATTACHMENT_KINDS, doc.attachment))
    return "" if kind in doc.label else f" as the {kind}"


def _status_documents(record: ApplicationRecord, person: PersonInfo,
                      source: str) -> Iterator[Finding]:
    """Passport, visa and the documents the person's status calls for (status_documents)."""
    status = person.immigration_status or ""
    wanted = [Wanted("passport", frozenset({"passport"}), "passport")]
    if needs_visa(status, {c.country for c in person.citizenships}):
        wanted.append(Wanted("visa", frozenset({"visa"}), "visa"))
    wanted += status_documents(status)
    if status == "lpr" and record.regulator == "BIS":
        wanted.append(GREEN_CARD)  # a permanent resident is applied for only under a directive
    held = {d.kind for d in person.documents}
    name = f"{person.given_name} {person.family_name}"
    for doc in wanted:
        if not held & doc.kinds:
            why = f" ({doc.why})" if doc.why else ""
            yield Finding(Severity.ERROR if doc.required else Severity.WARNING, "documents",
                          doc.label, "document-missing",
                          f"no {doc.label} is recorded for {name}{why}", source,
                          f"record the {doc.label.split(' (')[0]} with its number and expiry "
                          "date",
                          DOCUMENTS)
        elif not _attached(record, doc.attachment):
            yield Finding(Severity.WARNING, "documents", doc.label, "copy-missing",
                          f"no legible copy of the {doc.label} is attached", source,
                          f"attach a scan of the {doc.label}{_filed_as(doc)} (PDF, PNG or "
                          "JPEG)", Target("application.attachments"))
    if status == "b1b2":
        yield Finding(Severity.WARNING, "documents", "work authorization", "no-work-authorization",
                      f"{name} is a B-1/B-2 visitor: a visitor has no U.S. work authorization, "
                      "so the release must not be part of employment", source,
                      "confirm the visit's purpose (meetings, training received) and that no "
                      "work is done, or record the status that authorizes the work",
                      DOCUMENTS)


def _employee_agreement(record: ApplicationRecord, source: str) -> Iterator[Finding]:
    """The agreement the regulator asks the employee to sign (DDTC: a non-disclosure
    agreement citing the case number), from the form's ``employee_agreement`` term. A
    warning: it cites a case number DDTC assigns on filing and may be kept on file."""
    wanted = _term(record, "employee_agreement")
    if wanted and record.person is not None and not _attached(record, "nda"):
        yield Finding(Severity.WARNING, "documents", "non-disclosure agreement", "nda-missing",
                      f"no {wanted} is attached", source,
                      "have the employee sign it before any access and attach it as the "
                      "employee's non-disclosure agreement, or acknowledge that it is kept on "
                      "file", Target("application.attachments"))


UPLOAD_SAFETY = "LicenseApp upload safety check (active content, polyglots, deceptive names)"


def unsafe_attachments(record: ApplicationRecord) -> Iterator[Finding]:
    """An attached file found unsafe that no person has reviewed and accepted yet."""
    for attached in record.attachments:
        if attached.unsafe:
            name = display_name(attached.file_name)
            yield Finding(Severity.ERROR, "documents", f"document {name}", "attachment-unsafe",
                          f"{name} is unsafe: {'; '.join(attached.unsafe)}", UPLOAD_SAFETY,
                          "review the file and accept it, or replace it",
                          Target("application.attachments"))


def document_dates(record: ApplicationRecord, today: date) -> Iterator[Finding]:
    person = record.person
    if person is None:
        return
    source = _term(record, "documents_source")
    # Visas expiring this soon may lapse before the regulator decides (BIS: its limit, 15 CFR
    # 750.4(a)); a regulator without a time limit (DDTC) gives no "soon".
    limits = lifecycle(record.regulator).clock.limits
    limit = limits[0] if limits else None
    soon = today + timedelta(days=limit.days) if limit else today
    for doc in person.documents:
        label = in_sentence(value_label(DOCUMENT_KINDS, doc.kind))
        if doc.expires_on is None:
            if doc.kind in ("passport", "visa", "ead"):
                yield Finding(Severity.WARNING, "foreign_national", f"{label} expiry",
                              "expiry-missing", f"the {label} has no expiry date",
                              source, "enter the expiry date printed on the document",
                              DOCUMENTS)
            continue
        if doc.issued_on and doc.issued_on > doc.expires_on:
            yield Finding(Severity.ERROR, "foreign_national", f"{label} dates", "dates-order",
                          f"the {label} expires before it was issued", source,
                          "check the issue and expiry dates", DOCUMENTS)
        if doc.expires_on < today:
            yield Finding(Severity.ERROR, "foreign_national", f"{label} expiry", "expired",
                          f"the {label} expired on {doc.expires_on.isoformat()}", source,
                          f"record the renewed {label}, or hold the application",
                          DOCUMENTS)
        elif limit and doc.expires_on <= soon and doc.kind in ("visa", "ead", "i94"):
            yield Finding(Severity.WARNING, "foreign_national", f"{label} expiry",
                          "expires-soon",
                          f"the {label} expires on {doc.expires_on.isoformat()}, possibly "
                          f"before {record.regulator} decides (up to {limit.days} days)",
                          limit.citation,
                          "note the pending extension with the additional information, or "
                          "file after it",
                          DOCUMENTS)
    if person.date_of_birth and person.date_of_birth >= today:
        yield Finding(Severity.ERROR, "foreign_national", "date of birth", "dates-order",
                      "the date of birth is not in the past", source,
                      "enter the date of birth from the passport",
                      Target("person.date_of_birth"))
    for cit in person.citizenships:
        if cit.acquired_on and cit.acquired_on > today:
            yield Finding(Severity.ERROR, "foreign_national", f"citizenship {cit.country}",
                          "dates-order", "a citizenship is acquired in the future",
                          _term(record, "citizenship_source"), "check the acquisition date",
                          CITIZENSHIPS)
        elif (cit.basis == "birth" and cit.acquired_on and person.date_of_birth
              and cit.acquired_on.year > person.date_of_birth.year):
            yield Finding(Severity.ERROR, "foreign_national", f"citizenship {cit.country}",
                          "dates-order",
                          f"the citizenship of {cit.country} is by birth but acquired on "
                          f"{cit.acquired_on.isoformat()}, after the birth on "
                          f"{person.date_of_birth.isoformat()}",
                          _term(record, "citizenship_source"),
                          "set the acquisition date to the date of birth, or change the "
                          "basis to naturalization or descent", CITIZENSHIPS)
