"""Notices of a directive (#14, point 4): to each affected person and to their supervisor,
one RFC 5322 ``.eml`` file per recipient (UTF-8, ready to open and send from the user's mail
program), each recorded in the person's history.

The people are those the directive's impact lists (a license needed with it, none held); a
notice never replaces a file: a name in use gets `` (2)``, `` (3)``... A supervisor is named
in the person's record as free text ("Dana Whitfield, Head of Pretraining"); their address is
the one in that text, or the e-mail of the one person of that name in the database; when
neither is known the notice is written without an address and the result says so.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from licenseapp.domain.notice_templates import PERSON_NOTICE, SUPERVISOR_NOTICE, fill_notice
from licenseapp.domain.templates import long_date
from licenseapp.errors import LicenseAppError
from licenseapp.services.directive.impact import AffectedPair, impact, resolve
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import Organization, Person

_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class NoticeFile:
    person_ref: str
    person_name: str
    recipient: str  # "person" or "supervisor"
    to: str  # the address line, "" when no address is known
    path: Path


@dataclass(frozen=True, slots=True)
class NoticeResult:
    ruleset_id: str
    folder: Path
    files: tuple[NoticeFile, ...]
    without_address: tuple[str, ...]  # "Wei Zhang's supervisor (Dana Whitfield)"

    @property
    def people(self) -> int:
        return len({f.person_ref for f in self.files})


def _supervisor(session: Session, text: str) -> tuple[str, str]:
    """(name, address) of a supervisor named as free text."""
    name = text.split(",")[0].strip()
    found = _ADDRESS.search(text)
    if found:
        return name.replace(found.group(0), "").strip(" <>") or found.group(0), found.group(0)
    if not name:
        return "", ""
    full = func.trim(Person.given_name + " " + Person.family_name)
    emails = session.execute(select(Person.email).where(
        func.lower(full) == name.lower(), Person.email != "")).scalars().all()
    return name, emails[0] if len(emails) == 1 else ""


def _new_path(folder: Path, stem: str) -> Path:
    """A file name not in use (an output never replaces a file)."""
    stem = _UNSAFE.sub("-", stem).strip("-") or "notice"
    for n in range(1, 10_000):
        path = folder / (f"{stem}.eml" if n == 1 else f"{stem} ({n}).eml")
        if not path.exists():
            return path
    raise LicenseAppError(f"too many notices named {stem} in {folder}")


def _message(sender: tuple[str, str], to: tuple[str, str], subject: str, body: str,
             when: datetime) -> bytes:
    msg = EmailMessage(policy=email.policy.SMTP)  # CRLF line ends, as RFC 5322 has them
    msg["From"] = formataddr(sender) if sender[1] else sender[0]
    msg["To"] = formataddr(to) if to[1] else f"{_quoted(to[0] or 'recipient')}:;"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    domain = sender[1].rpartition("@")[2] or "licenseapp.invalid"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["X-Unsent"] = "1"  # opened as a message to send, not one received
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_new(path: Path, data: bytes) -> None:
    with path.open("xb") as out:  # "x": refused if it exists
        out.write(data)


def write_notices(db: Database, ruleset_id: str, folder: Path | str, on: date | None = None,
                  *, person_template: str = PERSON_NOTICE,
                  supervisor_template: str = SUPERVISOR_NOTICE) -> NoticeResult:
    """Write the notices of ``ruleset_id`` into ``folder`` and record each in the person's
    history. Refused (nothing written) when a template has an unknown placeholder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LicenseAppError(f"{folder} is not a folder; choose an existing folder for the "
                              "notices")
    target, _known, on = resolve(ruleset_id, on, None, db)
    report = impact(db, ruleset_id, on)
    pairs: list[AffectedPair] = [*report.pairs, *getattr(report, "already_required", ())]
    by_person: dict[int, list[AffectedPair]] = defaultdict(list)
    for pair in pairs:
        if not pair.license_number:
            by_person[pair.person_id].append(pair)
    citation = "; ".join(c.cite for c in target.citations) or target.title
    now = db.clock.now()
    files: list[NoticeFile] = []
    unaddressed: list[str] = []
    with db.unit_of_work() as session:
        orgs = {o.id: o for o in session.execute(select(Organization)).scalars()}
        people = {p.id: p for p in session.execute(
            select(Person).where(Person.id.in_(list(by_person)))).scalars()}
        planned: list[tuple[Person, list[tuple[str, tuple[str, str], str, str]]]] = []
        for person_id in sorted(by_person, key=lambda i: people[i].ref):
            person = people[person_id]
            items = sorted({f"{p.item_name} ({p.eccn})" for p in by_person[person_id]})
            org = orgs.get(person.employer_id) if person.employer_id is not None else None
            sup_name, sup_address = _supervisor(session, person.supervisor)
            values = _values(person, org, sup_name, items, target.title, citation,
                             target.effective_from, now.date())
            mail = []
            for kind, template, to in (
                    ("person", person_template, (_name(person), person.email)),
                    ("supervisor", supervisor_template, (sup_name, sup_address))):
                if kind == "supervisor" and not sup_name:
                    unaddressed.append(f"{_name(person)}'s supervisor (none recorded)")
                    continue
                text = fill_notice(template, values)
                if not text.problems.ok:
                    raise LicenseAppError("the notice template cannot be used: "
                                          + "; ".join(p.message for p in text.problems.unknown))
                if not to[1]:
                    unaddressed.append(f"{_name(person)}" + (
                        f"'s supervisor ({sup_name})" if kind == "supervisor" else ""))
                mail.append((kind, to, text.subject, text.body))
            planned.append((person, mail))
        sender = _sender(orgs)
        for person, mail in planned:
            written = []
            for kind, to, subject, body in mail:
                data = _message(sender, to, subject, body, now)
                path = _new_path(folder, f"{person.ref}-{kind}")
                _write_new(path, data)
                files.append(NoticeFile(person.ref, _name(person), kind,
                                        formataddr(to) if to[1] else "", path))
                written.append({"recipient": kind, "to": to[1], "file": path.name,
                                "sha256": hashlib.sha256(data).hexdigest()})
            audit.record(
                session, actor=db.actor, action="notice", entity="person",
                entity_id=person.id,
                summary=f"Notice of {target.title} written for {_name(person)}"
                        + (" and their supervisor" if len(written) > 1 else ""),
                after={"ruleset": target.id, "folder": str(folder), "notices": written})
    return NoticeResult(target.id, folder, tuple(files), tuple(unaddressed))


def _name(person: Person) -> str:
    return f"{person.given_name} {person.family_name}".strip()


def _sender(orgs: dict[int, Organization]) -> tuple[str, str]:
    for org in orgs.values():
        if org.contact_email:
            return (org.contact_name or org.legal_name, org.contact_email)
    first = next(iter(orgs.values()), None)
    return ((first.signatory_name or first.legal_name) if first else "LicenseApp", "")


def _values(person: Person, org: Organization | None, supervisor: str, items: list[str],
            title: str, citation: str, effective: date, today: date) -> dict[str, str]:
    return {
        "person.full_name": _name(person), "person.given_name": person.given_name,
        "person.family_name": person.family_name, "person.native_name": person.native_name,
        "person.job_title": person.job_title, "person.supervisor": person.supervisor,
        "person.email": person.email,
        "applicant.legal_name": org.legal_name if org else "",
        "applicant.contact_name": org.contact_name if org else "",
        "applicant.contact_email": org.contact_email if org else "",
        "signatory.name": org.signatory_name if org else "",
        "signatory.title": org.signatory_title if org else "",
        "supervisor.name": supervisor, "access.items": ", ".join(items),
        "directive.title": title, "directive.citation": citation,
        "directive.reference": title if citation in ("", title) else f"{title} ({citation})",
        "directive.effective": long_date(effective), "today": long_date(today),
    }


__all__ = ["NoticeFile", "NoticeResult", "write_notices"]
