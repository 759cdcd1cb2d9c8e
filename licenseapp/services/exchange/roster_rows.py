"""The columns of a people roster and one row of it read into a :class:`PersonRow`.

Every cell is read leniently (:mod:`licenseapp.domain.lenient_values`) and every text is
checked against the store's limits (:mod:`licenseapp.domain.text_limits`), so a row the
import accepts is one both SQLite and PostgreSQL store as it is. An empty cell means "not
given": an update keeps what is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from licenseapp.domain import lenient_values as lv
from licenseapp.domain.column_mapping import ColumnSpec
from licenseapp.domain.import_outcomes import CellProblem, RowCheck
from licenseapp.domain.table_reading import SourceRow
from licenseapp.domain.text_limits import (
    check_columns,
    clean_problem,
    column_problem,
    is_multi_line,
    limit,
)

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
#: A person reference as this database writes it.
REF = re.compile(r"P-\d{1,8}")
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
#: Where each kind of problem comes in a row's list (the order a user reads them in): the
#: store's limits on every text first, then the employer, the empty names, the reference,
#: then each value that cannot be read, column by column.
(_LIMITS, _EMPLOYER, _NO_GIVEN, _NO_FAMILY, _BAD_REF, _EMAIL, _BORN, _LPR, _VISA, _BIRTH,
 _CITIZENSHIPS, _RESIDENCY, _STATUS) = range(13)
_Problems = tuple[tuple[int, CellProblem], ...]
#: A cell read: its value for the row, and its problems with where each goes in the list.
_Read = tuple[Any, _Problems]


@lru_cache(maxsize=10_000)
def _employer_problems(name: str) -> tuple[tuple[str, str], ...]:
    """Why an employer's name cannot be an organization's (a roster repeats a few)."""
    return tuple((reason, fix or "correct it")
                 for p in check_columns("organizations", {"legal_name": name})
                 for reason, _, fix in [p.message.partition("; ")])


def _limit_problem(column: str, text: str) -> _Problems:
    """The store's refusal of a text, if any (the same on SQLite and PostgreSQL)."""
    message = column_problem("people", column, text)
    if message is None:
        return ()
    reason, _, fix = message.partition("; ")
    return ((_LIMITS, CellProblem(column, lv.cell_text(text), reason, fix or "correct it")),)


def _read_text(column: str) -> Callable[[Any, date], _Read]:
    def read(cell: Any, _today: date) -> _Read:
        text = lv.cell_text(cell)
        if column == "ref":
            text = text.upper()
        problems = _limit_problem(column, text)
        if not text and column in _REQUIRED:
            problems += ((_REQUIRED[column], CellProblem(
                column, "", "is empty", f"write the {column.replace('_', ' ')}")),)
        if column == "ref" and text and not REF.fullmatch(text):
            problems += ((_BAD_REF, CellProblem(
                "ref", text, f"{text} is not a person reference here",
                "leave it empty, or write one such as P-0042")),)
        return text, problems
    return read


_REQUIRED = {"given_name": _NO_GIVEN, "family_name": _NO_FAMILY}


def _parsed(column: str, at: int, parse: Callable[[Any], Any], cell: Any) -> _Read:
    """``parse`` of a filled cell (None when empty), or its refusal."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, ()
    try:
        return parse(cell), ()
    except lv.ValueRejected as exc:
        return None, ((at, CellProblem(column, lv.cell_text(cell), exc.reason, exc.fix)),)


def _read_email(cell: Any, _today: date) -> _Read:
    problems = _limit_problem("email", lv.cell_text(cell))
    if problems:  # too long or a control character: not read as an e-mail too
        return "", problems
    found, problems = _parsed("email", _EMAIL, lv.email, cell)
    return found or "", problems


def _read_employer(cell: Any, _today: date) -> _Read:
    name = lv.cell_text(cell)
    return name, tuple((_EMPLOYER, CellProblem("employer", lv.cell_text(name), reason, fix))
                       for reason, fix in (_employer_problems(name) if name else ()))


def _read_date(column: str, at: int, earliest: date, latest: date | None,
               reason: str, fix: str) -> Callable[[Any, date], _Read]:
    """A date between ``earliest`` and ``latest`` (None: today); ``reason`` says the range."""
    def read(cell: Any, today: date) -> _Read:
        found, problems = _parsed(column, at, lv.parse_date, cell)
        if found is not None and not earliest <= found <= (latest or today):
            return None, ((at, CellProblem(column, lv.cell_text(cell),
                                           f"{found.isoformat()} {reason}", fix)),)
        return found, problems
    return read


def _read_value(column: str, at: int, parse: Callable[[Any], Any],
                empty: Any = None) -> Callable[[Any, date], _Read]:
    def read(cell: Any, _today: date) -> _Read:
        found, problems = _parsed(column, at, parse, cell)
        return empty if found is None else found, problems
    return read


#: Each column's reader, in the order of PersonRow's fields after ``row`` and ``line``.
_READERS: dict[str, Callable[[Any, date], _Read]] = {
    "ref": _read_text("ref"),
    "given_name": _read_text("given_name"),
    "family_name": _read_text("family_name"),
    "native_name": _read_text("native_name"),
    "other_names": _read_text("other_names"),
    "date_of_birth": _read_date("date_of_birth", _BORN, _EARLIEST_BIRTH, None,
                                "is not a past date after 1900", "check the year"),
    "birth_country": _read_value("birth_country", _BIRTH, lv.country_code),
    "citizenships": _read_value("citizenships", _CITIZENSHIPS, lv.country_codes, ()),
    "residency_country": _read_value("residency_country", _RESIDENCY, lv.country_code),
    "immigration_status": _read_value("immigration_status", _STATUS, lv.immigration_status),
    "lpr_since": _read_date("lpr_since", _LPR, _EARLIEST, None, "is not a past date",
                            "check the year"),
    "visa_expiry": _read_date("visa_expiry", _VISA, _EARLIEST, _LATEST,
                              "is not a plausible expiry date", "check the year"),
    "email": _read_email,
    "job_title": _read_text("job_title"),
    "employer": _read_employer,
    "employee_number": _read_text("employee_number"),
}
#: The order of a row's limit problems: the texts in this order (as the store checks them).
_LIMIT_ORDER = {name: n for n, name in enumerate(_TEXT_COLUMNS)}


#: Per row, the problems of a column's cells where it has any (most rows have none).
_Found = tuple[list[Any], dict[int, _Problems]]
_PLAIN = {str, type(None)}
_FAST_TEXTS = frozenset(_TEXT_COLUMNS) - {"ref", "email"}


def _read_column(column: str, cells: list[Any], today: date) -> _Found:
    """Every cell of one column read: each distinct value once (a roster repeats its
    nationalities, dates and employers thousands of times), a column of plain text checked
    against the store's limits in one pass."""
    kinds = set(map(type, cells))
    if kinds == {str} and column in _FAST_TEXTS:
        found = _plain_texts(column, cells)
        if found is not None:
            return found
    read = _READERS[column]
    if kinds <= _PLAIN:
        done = {cell: read(cell, today) for cell in set(cells)}
        values = list(map({cell: v for cell, (v, _) in done.items()}.__getitem__, cells))
        bad = {cell: problems for cell, (_, problems) in done.items() if problems}
        return values, ({n: bad[c] for n, c in enumerate(cells) if c in bad} if bad else {})
    # Cells of an XLSX sheet: True == 1 == 1.0 in a dict, so the type is part of the key.
    values, problems = [], {}
    known: dict[Any, _Read] = {}
    for n, cell in enumerate(cells):
        key = cell if cell is None or type(cell) is str else (type(cell), cell)
        result = known.get(key)
        if result is None:
            result = known[key] = read(cell, today)
        values.append(result[0])
        if result[1]:
            problems[n] = result[1]
    return values, problems


def _plain_texts(column: str, cells: list[str]) -> _Found | None:
    """A column of text cells trimmed, when none of them is refused by the store's limits
    or begins with an apostrophe (else None: read cell by cell)."""
    texts = list(map(str.strip, cells))
    joined = "".join(texts)
    if "'" in joined and any(t[:1] == "'" for t in texts):
        return None  # "'=1+2": an export's guard against formulas, taken off cell by cell
    if (clean_problem(joined, multi_line=is_multi_line("people", column)) is not None
            or max(map(len, texts), default=0) > limit("people", column)):
        return None
    problems: dict[int, _Problems] = {}
    if column in _REQUIRED and not all(texts):
        empty = _read_text(column)("", date.min)[1]
        problems = {n: empty for n, t in enumerate(texts) if not t}
    return texts, problems


def read_person_rows(rows: Sequence[SourceRow], indexes: list[tuple[str, int]], today: date,
                     width: int | None = None
                     ) -> list[tuple[PersonRow | None, list[CellProblem]]]:
    """Each row read: a PersonRow, or None with each problem found (``width``: the
    header's columns). The rows are read column by column, each distinct value of a
    column once; a row's problems are listed as :func:`read_person_row` lists them."""
    at = dict(indexes)
    cells = [r.cells for r in rows]
    columns: list[list[Any]] = []
    problems: list[dict[int, _Problems]] = []
    for name in _READERS:
        i = at.get(name)
        values = ([c[i] if i < len(c) else None for c in cells] if i is not None
                  else [None] * len(cells))
        found, refused = _read_column(name, values, today)
        columns.append(found)
        problems.append(refused)
    bad: set[int] = set().union(*problems)
    if width is not None:
        bad.update(n for n, c in enumerate(cells) if len(c) > width)
    people = map(PersonRow, [r.number for r in rows], [r.line for r in rows], *columns)
    read: list[tuple[PersonRow | None, list[CellProblem]]] = [(p, []) for p in people]
    for n in bad:
        listed = _row_problems(rows[n], [column.get(n, ()) for column in problems], width)
        if listed:
            read[n] = (None, listed)
    return read


def _row_problems(source: SourceRow, found: list[_Problems],
                  width: int | None) -> list[CellProblem]:
    """A row's problems in the order a user reads them (see the order above)."""
    check = RowCheck({}, source.cells, width)  # a row with shifted values: "(row)" first
    listed = sorted(((at, _LIMIT_ORDER.get(p.column, 0) if at == _LIMITS else 0, n, j), p)
                    for n, problems in enumerate(found)
                    for j, (at, p) in enumerate(problems))
    return [*check.problems, *(p for _, p in listed)]


def read_person_row(source: SourceRow, indexes: list[tuple[str, int]], today: date,
                    width: int | None = None) -> tuple[PersonRow | None, list[CellProblem]]:
    """The row read, or None with each problem found (``width``: the header's columns)."""
    return read_person_rows([source], indexes, today, width)[0]


def row_signature(row: PersonRow) -> tuple[Any, ...]:
    """What a row says, without where it is: two rows alike say the same."""
    return (row.ref, row.given_name.casefold(), row.family_name.casefold(), row.native_name,
            row.other_names, row.date_of_birth, row.birth_country, row.citizenships,
            row.residency_country, row.immigration_status, row.lpr_since, row.visa_expiry,
            row.email,
            row.job_title, row.employer.casefold(), row.employee_number)


__all__ = ["LABELS", "MATCH_KEYS", "PEOPLE_COLUMNS", "REF", "PersonRow", "read_person_row",
           "read_person_rows", "row_signature"]
