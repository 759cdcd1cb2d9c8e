"""A person as the user edits them, and the checks every save goes through.

The same form and the same checks serve the People screen, the wizard's foreign-national
page and any other place a person is typed in, so a value refused in one is refused in all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from licenseapp.domain.countries import is_country_code
from licenseapp.domain.enums import DocumentKind, ImmigrationStatus, ResumeKind
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.text_limits import check_columns


@dataclass(frozen=True)
class CitizenshipForm:
    country: str
    basis: str = "birth"  # birth, naturalization, descent
    acquired_on: date | None = None
    ended_on: date | None = None


@dataclass(frozen=True)
class DocumentForm:
    kind: str  # a DocumentKind value
    number: str = ""
    issuing_country: str | None = None
    document_class: str = ""
    issued_on: date | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class ResumeForm:
    kind: str  # a ResumeKind value
    organization: str
    start_year: int
    start_month: int
    end_year: int | None = None  # None: to the present
    end_month: int | None = None
    title: str = ""
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class PersonForm:
    given_name: str = ""
    family_name: str = ""
    native_name: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    birth_city: str = ""
    birth_country: str | None = None
    residency_country: str | None = None
    lpr_since: date | None = None
    immigration_status: str | None = None
    email: str = ""
    phone: str = ""
    employer_id: int | None = None
    job_title: str = ""
    duties: str = ""
    supervisor: str = ""
    work_site: str = ""
    notes: str = ""
    employee_number: str = ""
    citizenships: tuple[CitizenshipForm, ...] = ()
    documents: tuple[DocumentForm, ...] = ()
    resume: tuple[ResumeForm, ...] = ()
    id: int | None = None
    ref: str = ""
    version: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


PERSON_LABELS: dict[str, str] = {
    "given_name": "Given name(s)",
    "family_name": "Family name",
    "native_name": "Name in native script",
    "other_names": "Other names used",
    "date_of_birth": "Date of birth",
    "birth_city": "City of birth",
    "birth_country": "Country of birth",
    "residency_country": "Country of permanent residence",
    "lpr_since": "U.S. permanent resident since",
    "immigration_status": "Immigration status (U.S. cases)",
    "email": "E-mail",
    "phone": "Phone",
    "employer_id": "Employer",
    "job_title": "Job title",
    "duties": "Duties",
    "supervisor": "Supervisor",
    "work_site": "Work site",
    "notes": "Notes",
    "employee_number": "Employee number",
    "citizenships": "Citizenships",
    "documents": "Immigration and identity documents",
    "resume": "Résumé",
}


def _country(problems: list[FieldProblem], field: str, code: str | None,
             required: bool = False) -> None:
    if not code:
        if required:
            problems.append(FieldProblem(field, "choose a country"))
        return
    if not is_country_code(code.upper()):
        problems.append(FieldProblem(field, f"{code!r} is not an ISO 3166-1 country code "
                                            "(e.g. CN, IN, DE)"))


def _check_citizenships(form: PersonForm, problems: list[FieldProblem]) -> None:
    seen: set[str] = set()
    for n, c in enumerate(form.citizenships, 1):
        field = f"citizenships[{n}]"
        _country(problems, field, c.country, required=True)
        if c.country in seen:
            problems.append(FieldProblem(field, f"{c.country} is listed twice; remove one"))
        seen.add(c.country)
        if c.basis not in ("birth", "naturalization", "descent"):
            problems.append(FieldProblem(field, "basis must be birth, naturalization or "
                                                "descent"))
        if c.acquired_on and c.ended_on and c.ended_on < c.acquired_on:
            problems.append(FieldProblem(field, "ended before it was acquired; check the "
                                                "dates"))


def _check_documents(form: PersonForm, problems: list[FieldProblem]) -> None:
    kinds = {k.value for k in DocumentKind}
    for n, d in enumerate(form.documents, 1):
        field = f"documents[{n}]"
        if d.kind not in kinds:
            problems.append(FieldProblem(field, f"unknown document kind {d.kind!r}; use one "
                                                f"of {', '.join(sorted(kinds))}"))
        if d.kind == DocumentKind.PASSPORT and not d.number.strip():
            problems.append(FieldProblem(field, "a passport needs its number"))
        _country(problems, field, d.issuing_country)
        if d.issued_on and d.expires_on and d.expires_on < d.issued_on:
            problems.append(FieldProblem(field, "expires before it was issued; check the "
                                                "dates"))


def _check_resume(form: PersonForm, problems: list[FieldProblem]) -> None:
    kinds = {k.value for k in ResumeKind}
    for n, r in enumerate(form.resume, 1):
        field = f"resume[{n}]"
        if r.kind not in kinds:
            problems.append(FieldProblem(field, "kind must be education, employment or other"))
        if not r.organization.strip():
            problems.append(FieldProblem(field, "name the school or employer"))
        if not 1 <= r.start_month <= 12 or (r.end_month is not None
                                            and not 1 <= r.end_month <= 12):
            problems.append(FieldProblem(field, "months are 1 to 12"))
            continue
        if (r.end_year is None) != (r.end_month is None):
            problems.append(FieldProblem(field, "give both the end month and year, or "
                                                "neither for 'to the present'"))
        elif r.end_year is not None and r.end_month is not None and \
                (r.end_year, r.end_month) < (r.start_year, r.start_month):
            problems.append(FieldProblem(field, "ends before it starts; check the months"))


def check_person(form: PersonForm, today: date) -> list[FieldProblem]:
    """What stops this person from being saved: each problem names the field and the fix."""
    problems: list[FieldProblem] = []
    if not form.given_name.strip():
        problems.append(FieldProblem("given_name", "type the given name(s) as in the passport"))
    if not form.family_name.strip():
        problems.append(FieldProblem("family_name", "type the family name as in the passport"))
    if form.date_of_birth is not None:
        if form.date_of_birth > today:
            problems.append(FieldProblem("date_of_birth", "is in the future"))
        elif form.date_of_birth.year < today.year - 120:
            problems.append(FieldProblem("date_of_birth", "is more than 120 years ago"))
    _country(problems, "birth_country", form.birth_country)
    _country(problems, "residency_country", form.residency_country)
    if form.immigration_status:
        statuses = {s.value for s in ImmigrationStatus}
        if form.immigration_status not in statuses:
            problems.append(FieldProblem("immigration_status",
                                         f"use one of {', '.join(sorted(statuses))}"))
    if form.immigration_status == ImmigrationStatus.LPR and form.lpr_since is None:
        problems.append(FieldProblem("lpr_since", "a permanent resident needs the date on "
                                                  "the green card"))
    if form.lpr_since and form.lpr_since > today:
        problems.append(FieldProblem("lpr_since", "is in the future"))
    if form.email and ("@" not in form.email or " " in form.email.strip()):
        problems.append(FieldProblem("email", f"{form.email!r} is not an e-mail address"))
    _check_citizenships(form, problems)
    _check_documents(form, problems)
    _check_resume(form, problems)
    _check_text(form, problems)
    return problems


_PERSON_TEXT = ("given_name", "family_name", "native_name", "other_names", "birth_city",
                "email", "phone", "job_title", "duties", "supervisor", "work_site", "notes",
                "employee_number")


def _check_text(form: PersonForm, problems: list[FieldProblem]) -> None:
    """Lengths and characters, as both databases can store them (domain/text_limits)."""
    problems += check_columns("people", {f: getattr(form, f) for f in _PERSON_TEXT})
    rows: list[tuple[str, str, dict[str, str]]] = [
        (f"documents[{n}]", "person_documents",
         {"number": d.number, "document_class": d.document_class})
        for n, d in enumerate(form.documents, 1)]
    rows += [(f"resume[{n}]", "resume_entries",
              {"organization": r.organization, "location": r.location, "title": r.title,
               "description": r.description}) for n, r in enumerate(form.resume, 1)]
    for field, table, values in rows:  # the row is the field; the message names the part
        problems += [FieldProblem(field, f"{p.field.replace('_', ' ')} {p.message}")
                     for p in check_columns(table, values)]


__all__ = ["PERSON_LABELS", "CitizenshipForm", "DocumentForm", "PersonForm", "ResumeForm",
           "check_person"]
