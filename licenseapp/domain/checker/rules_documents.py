"""The documents BIS expects with a deemed-export application, and their dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from licenseapp.domain.checker.findings import Finding, Severity, Target
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.sniffing import display_name
from licenseapp.domain.value_labels import DOCUMENT_KINDS, in_sentence
from licenseapp.domain.value_labels import label as value_label

GUIDELINES = "BIS deemed export licensing guidelines (September 2024)"
DOCUMENTS = Target("person.documents")
CITIZENSHIPS = Target("person.citizenships")
_VISA_STATUSES = frozenset({"h1b", "l1", "o1", "f1", "j1", "tn", "e3", "b1b2", "other"})


def _attached(record: ApplicationRecord, kind: str) -> bool:
    return any(a.kind == kind for a in record.attachments)


def required_documents(record: ApplicationRecord) -> Iterator[Finding]:
    """Passport, visa and work authorization copies, letter of explanation, résumé, TCP."""
    person = record.person
    if person is None:
        yield Finding(Severity.ERROR, "foreign_national", "foreign national", "no-person",
                      "no foreign national is named", GUIDELINES,
                      "choose or create the person the application is for",
                      Target("application.person"))
        return
    held = {d.kind for d in person.documents}
    status = person.immigration_status or ""
    wanted = [("passport", "passport")]
    if status in _VISA_STATUSES:
        wanted.append(("visa", "visa"))
        wanted.append(("work_authorization", "work authorization (I-797, EAD or I-94)"))
    for kind, label in wanted:
        record_kind = {"work_authorization": {"ead", "i797", "i94"}}.get(kind, {kind})
        if not held & record_kind:
            yield Finding(Severity.ERROR, "documents", label, "document-missing",
                          f"no {label} is recorded for {person.given_name} {person.family_name}",
                          GUIDELINES, f"record the {label} with its number and expiry date",
                          Target("person.documents"))
        elif not _attached(record, kind):
            yield Finding(Severity.WARNING, "documents", label, "copy-missing",
                          f"no legible copy of the {label} is attached", GUIDELINES,
                          f"attach a scan of the {label} (PDF, PNG or JPEG)",
                          Target("application.attachments"))
    if not (record.loe_text.strip() or _attached(record, "loe")):
        yield Finding(Severity.ERROR, "documents", "letter of explanation", "loe-missing",
                      "there is no letter of explanation",
                      "Supp. 2 to 15 CFR Part 748, paragraph (o)",
                      "write the letter (a template is offered) or attach it",
                      Target("application.loe_text"))
    if not (person.resume or _attached(record, "resume")):
        yield Finding(Severity.ERROR, "documents", "résumé", "resume-missing",
                      "there is no résumé", GUIDELINES,
                      "enter the education and employment history or attach the résumé",
                      Target("person.resume"))
    if record.regulator == "BIS" and not (record.tcp_text.strip() or _attached(record, "tcp")):
        yield Finding(Severity.ERROR, "tcp", "technology control plan", "tcp-missing",
                      "there is no technology control plan", GUIDELINES,
                      "write the TCP (a template is offered) or attach it",
                      Target("application.tcp_text"))


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
    # Visas expiring this soon may lapse before BIS decides (its limit, 15 CFR 750.4(a)).
    limit = lifecycle("BIS").clock.limits[0]
    soon = today + timedelta(days=limit.days)
    for doc in person.documents:
        label = in_sentence(value_label(DOCUMENT_KINDS, doc.kind))
        if doc.expires_on is None:
            if doc.kind in ("passport", "visa", "ead"):
                yield Finding(Severity.WARNING, "foreign_national", f"{label} expiry",
                              "expiry-missing", f"the {label} has no expiry date",
                              GUIDELINES, "enter the expiry date printed on the document",
                              DOCUMENTS)
            continue
        if doc.issued_on and doc.issued_on > doc.expires_on:
            yield Finding(Severity.ERROR, "foreign_national", f"{label} dates", "dates-order",
                          f"the {label} expires before it was issued", GUIDELINES,
                          "check the issue and expiry dates", DOCUMENTS)
        if doc.expires_on < today:
            yield Finding(Severity.ERROR, "foreign_national", f"{label} expiry", "expired",
                          f"the {label} expired on {doc.expires_on.isoformat()}", GUIDELINES,
                          f"record the renewed {label}, or hold the application",
                          DOCUMENTS)
        elif doc.expires_on <= soon and doc.kind in ("visa", "ead", "i94"):
            yield Finding(Severity.WARNING, "foreign_national", f"{label} expiry",
                          "expires-soon",
                          f"the {label} expires on {doc.expires_on.isoformat()}, possibly "
                          f"before BIS decides (up to {limit.days} days)", limit.citation,
                          "note the pending extension in block 24, or file after it",
                          DOCUMENTS)
    if person.date_of_birth and person.date_of_birth >= today:
        yield Finding(Severity.ERROR, "foreign_national", "date of birth", "dates-order",
                      "the date of birth is not in the past", GUIDELINES,
                      "enter the date of birth from the passport",
                      Target("person.date_of_birth"))
    for cit in person.citizenships:
        if cit.acquired_on and cit.acquired_on > today:
            yield Finding(Severity.ERROR, "foreign_national", f"citizenship {cit.country}",
                          "dates-order", "a citizenship is acquired in the future",
                          "15 CFR 734.13(b)", "check the acquisition date", CITIZENSHIPS)
        elif (cit.basis == "birth" and cit.acquired_on and person.date_of_birth
              and cit.acquired_on.year > person.date_of_birth.year):
            yield Finding(Severity.ERROR, "foreign_national", f"citizenship {cit.country}",
                          "dates-order",
                          f"the citizenship of {cit.country} is by birth but acquired on "
                          f"{cit.acquired_on.isoformat()}, after the birth on "
                          f"{person.date_of_birth.isoformat()}", "15 CFR 734.13(b)",
                          "set the acquisition date to the date of birth, or change the "
                          "basis to naturalization or descent", CITIZENSHIPS)
