"""The columns of a people roster and one row of it read into a :class:`PersonRow`.

Every cell is read leniently (:mod:`licenseapp.domain.lenient_values`) and every text is
checked against the store's limits (:mod:`licenseapp.domain.text_limits`), so a row the
import accepts is one both SQLite and PostgreSQL store as it is. An empty cell means "not
given": an update keeps what is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from licenseapp.domain import lenient_values as lv
from licenseapp.domain.column_mapping import ColumnSpec, mapped_values
from licenseapp.domain.import_outcomes import CellProblem, RowCheck
from licenseapp.domain.table_reading import SourceRow
from licenseapp.domain.text_limits import check_columns

PEOPLE_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("ref", "Person reference", ("person ref", "person reference", "licenseapp ref")),
    ColumnSpec("given_name", "Given name",
               ("given names", "first name", "first names", "firstname", "forename",
                "forenames", "christian name", "vorname", "prénom"), required=True),
    ColumnSpec("family_name", "Family name",
               ("last name", "lastname", "surname", "family names", "nachname",
                "familienname", "nom", "nom de famille"), required=True),
    ColumnSpec("native_name", "Native name",
               ("name in native script", "native script name", "native-script name",
                "name native script", "local name", "native")),
    ColumnSpec("other_names", "Other names",
               ("other names used", "aliases", "alias", "aka", "also known as",
                "previous names", "former names", "maiden name")),
    ColumnSpec("date_of_birth", "Date of birth",
               ("dob", "d.o.b.", "birth date", "birthdate", "birthday", "born", "geburtsdatum",
                "date de naissance")),
    ColumnSpec("birth_country", "Country of birth",
               ("birth country", "country of birth", "birth country code", "geburtsland")),
    ColumnSpec("citizenships", "Citizenships",
               ("citizenship", "citizenship(s)", "nationality", "nationalities",
                "nationality(ies)", "country of citizenship", "countries of citizenship",
                "staatsangehörigkeit", "nationalité")),
    ColumnSpec("residency_country", "Country of residence",
               ("residency country", "residence country", "country of residence",
                "permanent residency", "residency", "permanent residence")),
    ColumnSpec("immigration_status", "Immigration status",
               ("us immigration status", "u.s. immigration status", "visa status",
                "visa type", "visa class", "work authorization", "work authorisation",
                "work permit type")),
    ColumnSpec("lpr_since", "Permanent resident since",
               ("lpr since", "green card since", "green card date", "resident since",
                "permanent resident since", "lawful permanent resident since",
                "green card issued", "lpr date")),
    ColumnSpec("visa_expiry", "Visa expiry",
               ("visa expiry date", "visa expiration", "visa expiration date", "visa expires",
                "visa expires on", "visa valid until", "visa end date", "visa end")),
    ColumnSpec("email", "E-mail",
               ("email address", "e-mail address", "work email", "work e-mail", "mail",
                "business email", "email id", "e mail")),
    ColumnSpec("job_title", "Job title",
               ("position", "position title", "job", "role", "job role", "designation",
                "funktion")),
    ColumnSpec("employer", "Employer",
               ("company", "company name", "employer name", "organization", "organisation",
                "employing company", "employing entity", "legal entity", "firma")),
    ColumnSpec("employee_number", "Employee number",
               ("employee id", "employee no", "employee #", "emp id", "emp no", "empid",
                "personnel number", "personnel no", "personnel id", "personalnummer",
                "staff id", "staff number", "staff no", "worker id", "badge number")),
)
LABELS = {c.name: c.label for c in PEOPLE_COLUMNS}
#: Our keys to match people on.
MATCH_KEYS = ("employee_number", "email")
_REF = re.compile(r"P-\d{1,8}")
_EARLIEST_BIRTH = date(1900, 1, 1)
_EARLIEST, _LATEST = date(1900, 1, 1), date(2200, 12, 31)


@dataclass(slots=True)
class PersonRow:
    """One roster row, read and checked: "" or None where the file gives nothing."""

    row: int
    line: int | None
    ref: str
    given_name: str
    family_name: str
    native_name: str
    other_names: str
    date_of_birth: date | None
    birth_country: str | None
    citizenships: tuple[str, ...]
    residency_country: str | None
    immigration_status: str | None
    lpr_since: date | None
    visa_expiry: date | None
    email: str
    job_title: str
    employer: str
    employee_number: str

    def key(self, name: str) -> str:
        """The value of a match key (``employee_number`` or ``email``), or ""."""
        value: str = getattr(self, name)
        return value


_TEXT_COLUMNS = ("given_name", "family_name", "native_name", "other_names", "email",
                 "job_title", "employee_number", "ref")


@lru_cache(maxsize=10_000)
def _employer_problems(name: str) -> tuple[tuple[str, str], ...]:
    """Why an employer's name cannot be an organization's (a roster repeats a few)."""
    return tuple((reason, fix or "correct it")
                 for p in check_columns("organizations", {"legal_name": name})
                 for reason, _, fix in [p.message.partition("; ")])


def read_person_row(source: SourceRow, indexes: list[tuple[str, int]], today: date,
                    width: int | None = None) -> tuple[PersonRow | None, list[CellProblem]]:
    """The row read, or None with each problem found (``width``: the header's columns)."""
    check = RowCheck(mapped_values(source.cells, indexes), source.cells, width)
    get = check.values.get
    texts = {name: lv.cell_text(get(name)) for name in _TEXT_COLUMNS}
    texts["ref"] = texts["ref"].upper()
    employer = lv.cell_text(get("employer"))
    # Every text against the store's limits: the same refusals on SQLite and PostgreSQL.
    check.limits("people", {k: v for k, v in texts.items() if v})
    if employer:
        for reason, fix in _employer_problems(employer):
            check.reject("employer", employer, reason, fix)
    if not texts["given_name"]:
        check.reject("given_name", "", "is empty", "write the given name")
    if not texts["family_name"]:
        check.reject("family_name", "", "is empty", "write the family name")
    if texts["ref"] and not _REF.fullmatch(texts["ref"]):
        check.reject("ref", texts["ref"], f"{texts['ref']} is not a person reference here",
                     "leave it empty, or write one such as P-0042")
    email = check.parsed("email", lv.email) or ""
    born = check.parsed("date_of_birth", lv.parse_date)
    if born is not None and not _EARLIEST_BIRTH <= born <= today:
        check.reject("date_of_birth", get("date_of_birth"),
                     f"{born.isoformat()} is not a past date after 1900", "check the year")
        born = None
    lpr_since = check.parsed("lpr_since", lv.parse_date)
    if lpr_since is not None and not _EARLIEST <= lpr_since <= today:
        check.reject("lpr_since", get("lpr_since"),
                     f"{lpr_since.isoformat()} is not a past date", "check the year")
        lpr_since = None
    visa = check.parsed("visa_expiry", lv.parse_date)
    if visa is not None and not _EARLIEST <= visa <= _LATEST:
        check.reject("visa_expiry", get("visa_expiry"),
                     f"{visa.isoformat()} is not a plausible expiry date", "check the year")
    birth_country = check.parsed("birth_country", lv.country_code)
    citizenships = check.parsed("citizenships", lv.country_codes) or ()
    residency = check.parsed("residency_country", lv.country_code)
    status = check.parsed("immigration_status", lv.immigration_status)
    if not check.ok():
        return None, check.problems
    return PersonRow(
        row=source.number, line=source.line, ref=texts["ref"],
        given_name=texts["given_name"], family_name=texts["family_name"],
        native_name=texts["native_name"], other_names=texts["other_names"],
        date_of_birth=born, birth_country=birth_country, citizenships=citizenships,
        residency_country=residency, immigration_status=status, lpr_since=lpr_since,
        visa_expiry=visa,
        email=email, job_title=texts["job_title"], employer=employer,
        employee_number=texts["employee_number"]), []


def row_signature(row: PersonRow) -> tuple[Any, ...]:
    """What a row says, without where it is: two rows alike say the same."""
    return (row.ref, row.given_name.casefold(), row.family_name.casefold(), row.native_name,
            row.other_names, row.date_of_birth, row.birth_country, row.citizenships,
            row.residency_country, row.immigration_status, row.lpr_since, row.visa_expiry,
            row.email,
            row.job_title, row.employer.casefold(), row.employee_number)


__all__ = ["LABELS", "MATCH_KEYS", "PEOPLE_COLUMNS", "PersonRow", "read_person_row",
           "row_signature"]
