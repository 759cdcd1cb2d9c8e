"""Importing a roster of people from CSV or XLSX: every row checked, all or nothing.

A row with a problem is never dropped silently: the whole import is refused and each problem
is reported with its line, column and fix, so the user corrects the file and imports again.
Existing people are matched by e-mail, else by name and date of birth, and updated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from licenseapp.config import current_user
from licenseapp.domain import validators
from licenseapp.domain.tabular import read_table, write_table
from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.services.people import next_person_number, person_ref
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import Citizenship, Organization, Person, PersonDocument

COLUMNS = (
    "given_name", "family_name", "native_name", "other_names", "date_of_birth", "birth_country",
    "citizenships", "residency_country", "immigration_status", "visa_expiry", "email",
    "job_title", "employer",
)
REQUIRED = ("given_name", "family_name")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class RosterRow:
    line: int
    given_name: str
    family_name: str
    native_name: str
    other_names: str
    date_of_birth: date | None
    birth_country: str | None
    citizenships: tuple[str, ...]
    residency_country: str | None
    immigration_status: str | None
    visa_expiry: date | None
    email: str
    job_title: str
    employer: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _parse_row(line: int, raw: dict[str, str], today: date,
               problems: list[RowProblem]) -> RosterRow | None:
    before = len(problems)

    def check(column: str, parse):  # type: ignore[no-untyped-def]
        value = raw.get(column, "")
        if not value:
            return None
        try:
            return parse(value, column)
        except ValidationError as exc:
            problems.append(RowProblem(line, column, value, exc.message.split(": ", 1)[-1]))
            return None

    for column in REQUIRED:
        if not raw.get(column):
            problems.append(RowProblem(line, column, "", "required; fill it in"))
    dob = check("date_of_birth", validators.iso_date)
    if dob is not None and not (date(1900, 1, 1) <= dob <= today):
        problems.append(RowProblem(line, "date_of_birth", raw["date_of_birth"],
                                   "must be a past date after 1900"))
    citizenships = check("citizenships", lambda v, f: validators.countries(v, f, sep=";")) or []
    email = raw.get("email", "")
    if email and not _EMAIL.match(email):
        problems.append(RowProblem(line, "email", email, "is not an e-mail address"))
    status = check("immigration_status", validators.immigration_status)
    row = RosterRow(
        line=line,
        given_name=raw.get("given_name", ""),
        family_name=raw.get("family_name", ""),
        native_name=raw.get("native_name", ""),
        other_names=raw.get("other_names", ""),
        date_of_birth=dob,
        birth_country=check("birth_country", validators.country),
        citizenships=tuple(citizenships),
        residency_country=check("residency_country", validators.country),
        immigration_status=status.value if status else None,
        visa_expiry=check("visa_expiry", validators.iso_date),
        email=email.lower(),
        job_title=raw.get("job_title", ""),
        employer=raw.get("employer", ""),
    )
    return row if len(problems) == before else None


def read_roster(path: Path, today: date) -> tuple[list[RosterRow], list[RowProblem]]:
    headers, raw_rows = read_table(path)
    unknown = [h for h in headers if h and h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        raise LicenseAppError(
            f"{path.name}: the column(s) {', '.join(missing)} are missing; the first row must "
            f"name the columns ({', '.join(COLUMNS)})")
    problems: list[RowProblem] = [
        RowProblem(1, h, h, f"unknown column; use {', '.join(COLUMNS)}") for h in unknown
    ]
    rows = [r for n, raw in raw_rows if (r := _parse_row(n, raw, today, problems))]
    seen: dict[str, int] = {}
    for r in rows:
        if r.email:
            if r.email in seen:
                problems.append(RowProblem(r.line, "email", r.email,
                                           f"the same person as line {seen[r.email]}"))
            seen.setdefault(r.email, r.line)
    return rows, problems


def _org_key(name: str) -> str:
    """Names match ignoring case, punctuation and spacing ("Acme, Inc." = "ACME Inc")."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def import_people(db: Database, path: Path, *, dry_run: bool = False,
                  errors_file: Path | None = None, today: date | None = None) -> ImportReport:
    """Import a roster; with problems nothing is written and each is reported."""
    today = today or date.today()
    rows, problems = read_roster(path, today)
    report = ImportReport(rows=len(rows) + len({p.line for p in problems if p.line > 1}),
                          dry_run=dry_run)
    with db.unit_of_work() as session:
        orgs = list(session.execute(select(Organization)).scalars())
        employers = {_org_key(o.legal_name): o.id for o in orgs}
        for r in rows:
            if r.employer and _org_key(r.employer) not in employers:
                known = "; ".join(sorted(o.legal_name for o in orgs)) or "none yet"
                problems.append(RowProblem(r.line, "employer", r.employer,
                                           f"no such organization; known: {known}"))
        report.problems = sorted(problems, key=lambda p: (p.line, p.column))
        if report.problems:
            if errors_file is not None:
                write_table(errors_file, ["line", "column", "value", "problem"],
                            [(p.line, p.column, p.value, p.message) for p in report.problems])
            session.rollback()
            return report
        next_ref = next_person_number(session)
        index = _PeopleIndex(session)
        for r in rows:
            person = index.match(r)
            if person is None:
                person = Person(ref=person_ref(next_ref), given_name=r.given_name,
                                family_name=r.family_name)
                next_ref += 1
                session.add(person)
                report.created += 1
            else:
                report.updated += 1
            _apply(person, r, employers)
            index.add(person, r)
        if dry_run:
            session.rollback()
            return report
        session.flush()
        audit.record(session, actor=current_user(), action="import", entity="people",
                     entity_id=path.name,
                     summary=f"roster import: {report.created} created, {report.updated} updated",
                     after={"file": path.name, "rows": report.rows})
    return report


class _PeopleIndex:
    """Everyone already in the database, found by e-mail or by name and date of birth.

    Loaded once, so an import of thousands of rows runs no query per row.
    """

    def __init__(self, session: Session) -> None:
        self.by_email: dict[str, Person] = {}
        self.by_name: dict[tuple[str, str, date], Person] = {}
        people = session.execute(
            select(Person).options(selectinload(Person.citizenships),
                                   selectinload(Person.documents))
        ).scalars()
        for person in people:
            self._index(person, person.email, person.given_name, person.family_name,
                        person.date_of_birth)

    def _index(self, person: Person, email: str, given: str, family: str,
               born: date | None) -> None:
        if email:
            self.by_email.setdefault(email.lower(), person)
        if born is not None:
            self.by_name.setdefault((given.lower(), family.lower(), born), person)

    def match(self, r: RosterRow) -> Person | None:
        if r.email and r.email in self.by_email:
            return self.by_email[r.email]
        if r.date_of_birth is not None:
            return self.by_name.get((r.given_name.lower(), r.family_name.lower(),
                                     r.date_of_birth))
        return None

    def add(self, person: Person, r: RosterRow) -> None:
        self._index(person, r.email, r.given_name, r.family_name, r.date_of_birth)


def _apply(person: Person, r: RosterRow, employers: dict[str, int]) -> None:
    person.given_name, person.family_name = r.given_name, r.family_name
    for attr in ("native_name", "other_names", "email", "job_title"):
        if getattr(r, attr):
            setattr(person, attr, getattr(r, attr))
    for attr in ("date_of_birth", "birth_country", "residency_country", "immigration_status"):
        if getattr(r, attr) is not None:
            setattr(person, attr, getattr(r, attr))
    if r.employer:
        person.employer_id = employers[_org_key(r.employer)]
    have = {c.country for c in person.citizenships}
    for code in r.citizenships:
        if code not in have:
            person.citizenships.append(Citizenship(country=code))
    if r.visa_expiry is not None:
        visa = next((d for d in person.documents if d.kind == "visa"), None)
        if visa is None:
            person.documents.append(PersonDocument(kind="visa", expires_on=r.visa_expiry))
        else:
            visa.expires_on = r.visa_expiry
