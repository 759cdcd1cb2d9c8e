"""The roster import on the files HR departments really send, on both databases.

Every encoding and delimiter gives the same people; our own export imports back unchanged;
good rows go in while bad ones are listed by the row number the spreadsheet shows; two
people who share a name and a birthday are never merged; a dry run counts exactly what the
import then does.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbsupport import postgres_url, reset_postgres
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.import_outcomes import Outcome
from licenseapp.errors import LicenseAppError
from licenseapp.services.exchange.exports import export
from licenseapp.services.exchange.roster import import_people, people_mapping
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import AuditEntry, Organization, Person

TODAY = date(2026, 11, 27)
HEADERS = ["Employee ID", "Given Name", "Last name", "Date of birth", "Nationality",
           "E-mail", "Company", "Immigration status", "Job title"]
#: Twenty people; names with ü, é, ñ; values holding each delimiter; countries as people
#: write them.
PEOPLE: list[tuple[str, str, str, date, str, str, str, str, str]] = [
    ("E100", "Jürgen", "Müller", date(1984, 2, 29), "Germany", "juergen@acme.example",
     "Acme Müller GmbH", "H-1B", "Engineer, ML"),
    ("E101", "Zoë", "Dubois", date(1990, 3, 5), "France; Canada", "zoe@acme.example",
     "Acme Müller GmbH", "Green card", "Research; Safety"),
    ("E102", "José", "Núñez", date(1975, 12, 31), "Mexico", "jose@acme.example",
     "Acme Müller GmbH", "US citizen", "Lead; Data, Platform"),
    ("E103", "Wei", "Zhang", date(1992, 7, 14), "China", "wei@acme.example", "Nordlicht AG",
     "F-1", "Intern"),
    ("E104", "Hyun-woo", "Kim", date(1988, 1, 9), "Korea, Republic of", "hyun@acme.example",
     "Nordlicht AG", "L-1", "Scientist"),
    ("E105", "Olga", "Ivanova", date(1979, 5, 23), "Russia", "olga@acme.example",
     "Nordlicht AG", "O-1", "Researcher"),
    ("E106", "Parisa", "Rahimi", date(1995, 10, 2), "Iran", "parisa@acme.example",
     "Nordlicht AG", "J-1", "Postdoc"),
    ("E107", "Mei", "Lin", date(1991, 4, 18), "Taiwan", "mei@acme.example", "Nordlicht AG",
     "H1B", "Engineer"),
    ("E108", "Minh", "Nguyen", date(1993, 8, 8), "Vietnam", "minh@acme.example",
     "Acme Müller GmbH", "TN", "Engineer"),
    ("E109", "Oliver", "Smith", date(1980, 11, 11), "UK", "oliver@acme.example",
     "Acme Müller GmbH", "E-3", "Manager"),
    ("E110", "Emily", "Brown", date(1987, 6, 1), "USA", "emily@acme.example",
     "Acme Müller GmbH", "US citizen", "Counsel"),
    ("E111", "Renée", "Lefèvre", date(1983, 9, 30), "Federal Republic of Germany",
     "renee@acme.example", "Acme Müller GmbH", "Permanent resident", "Analyst"),
    ("E112", "Ñuño", "Peña", date(1998, 1, 1), "Spain / Portugal", "nuno@acme.example",
     "Nordlicht AG", "F-1", "Student"),
    ("E113", "Björn", "Åström", date(1970, 2, 2), "Sweden", "bjorn@acme.example",
     "Nordlicht AG", "H-1B", "Architect"),
    ("E114", "Søren", "Kierkegaard", date(1985, 5, 5), "DK", "soren@acme.example",
     "Nordlicht AG", "Other", "Philosopher"),
    ("E115", "Françoise", "Gérard", date(1977, 7, 7), "FRA", "francoise@acme.example",
     "Acme Müller GmbH", "B-1/B-2", "Visitor"),
    ("E116", "Aylin", "Yilmaz", date(1994, 3, 3), "Turkey", "aylin@acme.example",
     "Nordlicht AG", "H-1B", "Engineer"),
    ("E117", "Raúl", "Castaño", date(1989, 12, 12), "Argentina | Italy", "raul@acme.example",
     "Acme Müller GmbH", "Asylee", "Technician"),
    ("E118", "Anaïs", "Moreau", date(1996, 6, 16), "Belgium", "anais@acme.example",
     "Acme Müller GmbH", "F-1", "Intern"),
    ("E119", "Günther", "Groß", date(1968, 8, 18), "Austria", "guenther@acme.example",
     "Nordlicht AG", "Green card", "Director"),
]
EXPECTED_CITIZENSHIPS = {
    "E100": ["DE"], "E101": ["CA", "FR"], "E102": ["MX"], "E103": ["CN"], "E104": ["KR"],
    "E105": ["RU"], "E106": ["IR"], "E107": ["TW"], "E108": ["VN"], "E109": ["GB"],
    "E110": ["US"], "E111": ["DE"], "E112": ["ES", "PT"], "E113": ["SE"], "E114": ["DK"],
    "E115": ["FR"], "E116": ["TR"], "E117": ["AR", "IT"], "E118": ["BE"], "E119": ["AT"],
}
STATUSES = {"H-1B": "h1b", "H1B": "h1b", "Green card": "lpr", "US citizen": "citizen",
            "F-1": "f1", "L-1": "l1", "O-1": "o1", "J-1": "j1", "TN": "tn", "E-3": "e3",
            "Permanent resident": "lpr", "Other": "other", "B-1/B-2": "b1b2",
            "Asylee": "protected"}


def _expected() -> dict[str, tuple[Any, ...]]:
    return {p[0]: (p[1], p[2], p[3], EXPECTED_CITIZENSHIPS[p[0]], p[5], p[6], STATUSES[p[7]],
                   p[8]) for p in PEOPLE}


def _people(db: Database) -> dict[str, tuple[Any, ...]]:
    """Everyone by employee number: what the roster says about them."""
    with db.reading() as s:
        orgs = dict(s.execute(select(Organization.id, Organization.legal_name)).all())
        return {p.employee_number: (p.given_name, p.family_name, p.date_of_birth,
                                    sorted(c.country for c in p.citizenships), p.email,
                                    orgs.get(p.employer_id), p.immigration_status, p.job_title)
                for p in s.execute(select(Person).options(
                    selectinload(Person.citizenships))).scalars()}


def _text(delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for p in PEOPLE:
        writer.writerow([*p[:3], p[3].strftime("%d.%m.%Y"), *p[4:]])
    return out.getvalue()


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "windows-1252": lambda t: t.encode("cp1252"),
}
READ_AS = {"utf-8": "UTF-8", "utf-8-bom": "UTF-8 with BOM", "utf-16le-bom": "UTF-16 LE",
           "utf-16be-bom": "UTF-16 BE", "windows-1252": "Windows-1252"}
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
VARIANTS = [f"{e}/{d}" for e in ENCODINGS for d in DELIMITERS] + ["xlsx"]


def _write_roster(tmp_path: Path, variant: str) -> Path:
    if variant == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(HEADERS)
        for p in PEOPLE:
            sheet.append([*p[:3], p[3], *p[4:]])  # the date as a date cell
        path = tmp_path / "roster.xlsx"
        book.save(path)
        return path
    encoding, delimiter = variant.split("/")
    path = tmp_path / "roster.csv"
    path.write_bytes(ENCODINGS[encoding](_text(DELIMITERS[delimiter])))
    return path


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_same_roster_in_every_encoding_and_delimiter_gives_the_same_people(
        db: Database, tmp_path: Path, variant: str) -> None:
    path = _write_roster(tmp_path, variant)
    report = import_people(db, path, create_organizations=True, today=TODAY)
    assert report.counts[Outcome.ADDED] == 20 and report.ok, report.not_imported
    if variant != "xlsx":
        encoding, delimiter = variant.split("/")
        assert report.read_as == f"CSV, {delimiter}-separated, {READ_AS[encoding]}"
    assert report.match_on == "employee_number"
    assert report.created["employer"] == ("Acme Müller GmbH", "Nordlicht AG")
    assert _people(db) == _expected()
    assert verify(db).ok


def test_the_mapping_is_shown_and_can_be_given(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text("Personalnummer;Vorname;Nachname;Abteilung;Kostenstelle\n"
                    "7;Jörg;Maier;R&D;4711\n", encoding="utf-8")
    mapping = people_mapping(path)
    assert mapping.as_dict() == {"Personalnummer": "employee_number", "Vorname": "given_name",
                                 "Nachname": "family_name", "Abteilung": None,
                                 "Kostenstelle": None}
    # The user's edit: the cost centre is the employee number here, not the personnel no.
    edited = {**mapping.as_dict(), "Personalnummer": None, "Kostenstelle": "employee_number"}
    report = import_people(db, path, mapping=edited, today=TODAY)
    assert report.unknown_headers == ("Personalnummer", "Abteilung")
    assert report.ok and list(_people(db)) == ["4711"]


def test_export_then_import_changes_nothing_and_rebuilds_a_fresh_database(
        db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    try:
        generate_demo(db, size=60)
        with db.unit_of_work() as s:  # some employee numbers too, so they travel as well
            for p in s.execute(select(Person).where(Person.id % 3 == 0)).scalars():
                p.employee_number = f"N-{p.id:05d}"
        before = _everything(db)
        for suffix in (".csv", ".xlsx"):
            exported = tmp_path / f"people{suffix}"
            export(db, "people", exported)
            report = import_people(db, exported, today=TODAY)
            assert report.counts[Outcome.UNCHANGED] == len(before) and report.ok, \
                report.not_imported
        assert _everything(db) == before
    finally:
        db.dispose()
    target = _fresh(db_url, tmp_path)
    fresh = open_database(target)
    try:
        report = import_people(fresh, tmp_path / "people.csv", create_organizations=True,
                               today=TODAY)
        assert report.counts[Outcome.ADDED] == len(before) and report.ok
        assert _everything(fresh) == before
        assert verify(fresh).ok
    finally:
        fresh.dispose()


def _fresh(db_url: str, tmp_path: Path) -> str:
    if postgres_url():
        reset_postgres(db_url)
        return db_url
    return str(tmp_path / "fresh.db")


def _everything(db: Database) -> dict[str, tuple[Any, ...]]:
    """Each person as the export carries them, by reference."""
    with db.reading() as s:
        orgs = dict(s.execute(select(Organization.id, Organization.legal_name)).all())
        return {p.ref: (p.given_name, p.family_name, p.native_name, p.other_names,
                        p.date_of_birth, p.birth_country,
                        sorted(c.country for c in p.citizenships if not c.ended_on),
                        p.residency_country, p.immigration_status,
                        min((d.expires_on for d in p.documents
                             if d.kind == "visa" and d.expires_on), default=None),
                        p.email, p.job_title, orgs.get(p.employer_id), p.employee_number)
                for p in s.execute(select(Person).options(
                    selectinload(Person.citizenships),
                    selectinload(Person.documents))).scalars()}


def _european_roster(path: Path) -> None:
    """200 people, ;-separated Windows-1252 as Excel writes it in Germany, with a line break
    inside a quoted cell (row 10) and a blank line (row 51); three bad rows."""
    lines = ["Personalnummer;Vorname;Nachname;Geburtsdatum;Staatsangehörigkeit;E-Mail;Firma;"
             "Funktion;Bemerkung"]
    for i in range(200):
        born = "03/04/1990" if i == 28 else f"{1 + i % 28:02d}.{1 + i % 12:02d}.19{60 + i % 40}"
        country = "Atlantis" if i == 118 else "Deutschland"
        mail = "p199 at firma.example" if i == 199 else f"p{i}@firma.example"
        note = '"seit 2019;\nvorher Praktikant"' if i == 8 else ""
        lines.append(f"E{i:03d};Jürgen;Müller-{i};{born};{country};{mail};Müller & Söhne GmbH;"
                     f"Ingenieur;{note}")
        if i == 48:
            lines.append("")
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")


def test_a_european_roster_with_three_bad_rows_on_a_fresh_database(
        db: Database, tmp_path: Path) -> None:
    path = tmp_path / "mitarbeiter.csv"
    _european_roster(path)
    # Spreadsheet rows: the header is row 1, data 0 is row 2, the blank row 51 counts.
    bad = {30: "Geburtsdatum", 121: "Staatsangehörigkeit", 202: "E-Mail"}  # as the file names them
    errors = tmp_path / "errors.csv"
    report = import_people(db, path, create_organizations=True, errors_file=errors,
                           today=TODAY)
    assert report.read_as == "CSV, semicolon-separated, Windows-1252"
    assert report.unknown_headers == ("Bemerkung",)
    counts = report.counts
    assert (counts[Outcome.ADDED], counts[Outcome.REJECTED]) == (197, 3)
    rejected = {r.row: r.problems[0].column for r in report.not_imported}
    assert rejected == bad
    # The text line differs after the quoted line break (and the blank line).
    assert {r.row: r.line for r in report.not_imported} == {30: 31, 121: 122, 202: 203}
    assert report.rows[8].outcome is Outcome.ADDED
    lines = list(csv.reader(errors.open(encoding="utf-8-sig")))
    assert lines[0] == ["row", "column", "value", "problem", "fix"]
    assert [(int(x[0]), x[1]) for x in lines[1:]] == sorted(bad.items())
    assert "could be 3 April or 4 March" in lines[1][3]
    with db.reading() as s:
        assert s.execute(select(func.count(Person.id))).scalar_one() == 197
        eighth = s.execute(select(Person).where(Person.employee_number == "E008")).scalar_one()
        assert eighth.family_name == "Müller-8"
        audits = s.execute(select(AuditEntry).where(AuditEntry.action == "import")).scalars()
        assert [a.summary for a in audits] == [
            "roster import from mitarbeiter.csv: 197 added, 0 updated, 0 unchanged, "
            "3 rejected, 0 to confirm"]
    again = import_people(db, path, create_organizations=True, today=TODAY)
    assert (again.counts[Outcome.UNCHANGED], again.counts[Outcome.REJECTED]) == (197, 3)
    assert not again.created
    assert verify(db).ok


def _roster(tmp_path: Path, *rows: str, header: str = "given_name,family_name,date_of_birth,"
            "email", name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def _emails(db: Database) -> dict[str, str]:
    with db.reading() as s:
        return {p.email: p.ref for p in s.execute(select(Person)).scalars()}


def test_two_people_with_the_same_name_and_birthday_are_never_merged(
        db: Database, tmp_path: Path) -> None:
    path = _roster(tmp_path, "Anna,Schmidt,1990-05-01,anna.s@a.example",
                   "Anna,Schmidt,1990-05-01,anna.schmidt@b.example")
    report = import_people(db, path, today=TODAY)
    assert [r.outcome for r in report.rows] == [Outcome.ADDED, Outcome.ADDED]
    assert "whose e-mail differs" in report.rows[1].note
    assert _emails(db) == {"anna.s@a.example": "P-0001", "anna.schmidt@b.example": "P-0002"}
    # A later file with a third e-mail: a third person, the others' e-mails untouched.
    later = _roster(tmp_path, "Anna,Schmidt,1990-05-01,anna@c.example", name="later.csv")
    assert import_people(db, later, today=TODAY).rows[0].outcome is Outcome.ADDED
    assert set(_emails(db)) == {"anna.s@a.example", "anna.schmidt@b.example",
                                "anna@c.example"}


def test_a_name_and_birthday_match_without_a_key_waits_for_confirmation(
        db: Database, tmp_path: Path) -> None:
    first = _roster(tmp_path, "Lars,Berg,1985-02-03,")
    assert import_people(db, first, today=TODAY).counts[Outcome.ADDED] == 1
    second = _roster(tmp_path, "Lars,Berg,1985-02-03,lars@x.example", name="second.csv")
    dry = import_people(db, second, dry_run=True, today=TODAY)
    report = import_people(db, second, today=TODAY)
    for r in (dry, report):
        row = r.rows[0]
        assert row.outcome is Outcome.NEEDS_CONFIRMATION and not r.ok
        assert row.candidate == "P-0001 Lars Berg, born 1985-02-03"
        assert "confirm" in row.problems[0].fix
    assert _emails(db) == {"": "P-0001"}  # not applied
    confirmed = import_people(db, second, confirm_name_matches=True, today=TODAY)
    assert confirmed.rows[0].outcome is Outcome.UPDATED and confirmed.ok
    assert [(c.field, c.old, c.new) for c in confirmed.rows[0].changes] == [
        ("email", "", "lars@x.example")]
    assert _emails(db) == {"lars@x.example": "P-0001"}
    assert verify(db).ok


def test_duplicates_in_one_file_are_one_person(db: Database, tmp_path: Path) -> None:
    path = _roster(tmp_path, "Kai,Ito,1990-01-01,kai@x.example",
                   "Kai,Ito,1990-01-01,kai@x.example",
                   "Kai,Itō,1990-01-01,KAI@x.example",
                   "Ben,Ng,,",
                   "Ben,Ng,,",
                   header="given_name,family_name,date_of_birth,email")
    report = import_people(db, path, today=TODAY)
    assert [r.outcome for r in report.rows] == [Outcome.ADDED, Outcome.UNCHANGED,
                                                Outcome.UPDATED, Outcome.ADDED,
                                                Outcome.UNCHANGED]
    assert [(c.field, c.old, c.new) for c in report.rows[2].changes] == [
        ("family_name", "Ito", "Itō")]
    assert report.rows[4].note == "the same as row 5"
    assert len(_emails(db)) == 2
    # Again: still two people (rows 2 and 4 disagree on the name, so each updates it).
    again = import_people(db, path, today=TODAY)
    assert again.counts[Outcome.ADDED] == 0 and len(_emails(db)) == 2


def test_keys_never_move_between_people(db: Database, tmp_path: Path) -> None:
    header = "employee_number,given_name,family_name,email"
    first = _roster(tmp_path, "1,Ada,Lovelace,ada@x.example", "2,Alan,Turing,alan@x.example",
                    header=header)
    assert import_people(db, first, today=TODAY).counts[Outcome.ADDED] == 2
    second = _roster(
        tmp_path,
        "3,Grace,Hopper,ada@x.example",  # someone else's e-mail
        "1,Ada,Lovelace,alan@x.example",  # the employee number and e-mail of two people
        "9,Alan,Turing,alan@x.example",  # a different employee number for Alan
        "2,Alan,Turing,turing@x.example",  # Alan's new e-mail: fine
        header=header, name="second.csv")
    report = import_people(db, second, match_on="employee_number", today=TODAY)
    assert [r.outcome for r in report.rows] == [Outcome.REJECTED, Outcome.REJECTED,
                                                Outcome.REJECTED, Outcome.UPDATED]
    assert [r.problems[0].column for r in report.rows[:3]] == ["email", "email", "email"]
    assert "P-0001 Ada Lovelace" in report.rows[0].problems[0].reason
    assert "employee number is 2" in report.rows[2].problems[0].reason
    assert _emails(db) == {"ada@x.example": "P-0001", "turing@x.example": "P-0002"}
    # Matched on the e-mail, a row cannot give Ada another employee number either.
    third = _roster(tmp_path, "5,Ada,Lovelace,ada@x.example", header=header, name="3.csv")
    report = import_people(db, third, match_on="email", today=TODAY)
    assert report.rows[0].problems[0].column == "employee_number"
    with pytest.raises(LicenseAppError, match="no employee number column"):
        import_people(db, _roster(tmp_path, "A,B,,a@b.example", name="n.csv"),
                      match_on="employee_number", today=TODAY)


def test_a_reference_from_another_database_does_not_take_over_someone(
        db: Database, tmp_path: Path) -> None:
    header = "ref,given_name,family_name"
    assert import_people(db, _roster(tmp_path, "P-0001,Ada,Lovelace", header=header),
                         today=TODAY).counts[Outcome.ADDED] == 1
    other = _roster(tmp_path, "P-0001,Bob,Other", "P-0077,Carl,New", "X-1,Dan,Bad",
                    header=header, name="other.csv")
    report = import_people(db, other, today=TODAY)
    assert [r.outcome for r in report.rows] == [Outcome.REJECTED, Outcome.ADDED,
                                                Outcome.REJECTED]
    assert "P-0001 is Ada Lovelace in this database" in report.rows[0].problems[0].reason
    assert report.rows[1].record == "P-0077 Carl New"


def test_values_people_write_and_values_that_cannot_be_stored(
        db: Database, tmp_path: Path) -> None:
    header = "given_name,family_name,date_of_birth,citizenships,other_names,email"
    path = _roster(
        tmp_path,
        "Ok,Germany,1990-01-02,Germany,,ok1@x.example",
        "Ok,UK,02.01.1990,UK,,ok2@x.example",
        "Bad,Date,03/04/1990,DE,,bad1@x.example",
        "Bad,Nul,1990-01-02,DE,a\x00b,bad2@x.example",
        f"Bad,Long,1990-01-02,DE,{'x' * 10_000},bad3@x.example",
        "Bad\u202e,Bidi,1990-01-02,DE,,bad4@x.example",
        header=header)
    dry = import_people(db, path, dry_run=True, today=TODAY)
    report = import_people(db, path, today=TODAY)
    assert dry.counts == report.counts
    assert [r.outcome for r in dry.rows] == [r.outcome for r in report.rows]
    assert report.counts[Outcome.ADDED] == 2 and report.counts[Outcome.REJECTED] == 4
    problems = {r.row: (r.problems[0].column, r.problems[0].reason)
                for r in report.not_imported}
    assert problems[4] == ("date_of_birth", "03/04/1990 could be 3 April or 4 March")
    assert problems[5][0] == "other_names" and "NUL" in problems[5][1]
    assert problems[6] == ("other_names", "is 10,000 characters long")
    assert problems[7][0] == "given_name" and "text-direction" in problems[7][1]
    with db.reading() as s:
        stored = {p.family_name: [c.country for c in p.citizenships]
                  for p in s.execute(select(Person).options(
                      selectinload(Person.citizenships))).scalars()}
    assert stored == {"Germany": ["DE"], "UK": ["GB"]}


def test_unknown_employers_are_listed_or_created(db: Database, tmp_path: Path) -> None:
    path = _roster(tmp_path, "A,One,,a@x.example,Acme Corp", "B,Two,,b@x.example,ACME corp.",
                   "C,Three,,c@x.example,", header="given_name,family_name,date_of_birth,"
                   "email,employer")
    report = import_people(db, path, today=TODAY)
    assert report.unknown_employers == ("Acme Corp",)
    assert [r.outcome for r in report.rows] == [Outcome.REJECTED, Outcome.REJECTED,
                                                Outcome.ADDED]
    assert report.rows[0].problems[0].fix == ("add the organization first, or let the "
                                              "import create it")
    created = import_people(db, path, create_organizations=True, today=TODAY)
    assert created.created == {"employer": ("Acme Corp",)} and created.ok
    with db.reading() as s:
        assert s.execute(select(Organization.legal_name)).scalars().all() == ["Acme Corp"]
        assert s.execute(select(AuditEntry.summary).where(
            AuditEntry.entity == "organization")).scalars().all() == [
            "organization Acme Corp created by the import of r.csv"]
    assert verify(db).ok


def test_the_errors_file_is_never_the_file_imported(db: Database, tmp_path: Path) -> None:
    path = _roster(tmp_path, "A,B,,a@x.example")
    with pytest.raises(LicenseAppError, match="is the file being imported"):
        import_people(db, path, errors_file=tmp_path / "." / "r.csv", today=TODAY)
    assert path.read_text(encoding="utf-8").startswith("given_name")
    with pytest.raises(LicenseAppError, match=r"must end in \.csv or \.xlsx"):
        import_people(db, path, errors_file=tmp_path / "errors.txt", today=TODAY)


def test_updates_carry_their_changes_and_keep_seals(db: Database, tmp_path: Path) -> None:
    header = ("employee_number,given_name,family_name,citizenships,visa_expiry,"
              "immigration_status,job_title")
    first = _roster(tmp_path, "7,Ada,King,GB,2027-01-31,H-1B,Engineer", header=header)
    import_people(db, first, today=TODAY)
    second = _roster(tmp_path, "7,Ada,King,GB; US,2028-01-31,Green card,", header=header,
                     name="second.csv")
    report = import_people(db, second, today=TODAY)
    assert report.rows[0].outcome is Outcome.UPDATED
    assert {(c.field, c.old, c.new) for c in report.rows[0].changes} == {
        ("immigration_status", "h1b", "lpr"), ("citizenships", "GB", "GB; US"),
        ("visa_expiry", "2027-01-31", "2028-01-31")}
    with db.reading() as s:
        person = s.execute(select(Person).options(selectinload(Person.citizenships),
                                                  selectinload(Person.documents))).scalar_one()
        assert person.version == 2 and person.job_title == "Engineer"  # empty: kept
        assert [d.expires_on for d in person.documents] == [date(2028, 1, 31)]
        assert sorted(c.country for c in person.citizenships) == ["GB", "US"]
    assert verify(db).ok


@pytest.fixture
def two_sheets(tmp_path: Path) -> Iterator[Path]:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Read me"
    notes.append(["This workbook lists our staff"])
    staff = book.create_sheet("Staff")
    staff.append(["First name", "Surname", "DOB", "Employee number"])
    staff.append(["Ingrid", "Berg", date(1980, 1, 2), 501])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    yield path


def test_a_chosen_sheet(db: Database, two_sheets: Path) -> None:
    with pytest.raises(LicenseAppError, match="given_name, family_name are missing"):
        import_people(db, two_sheets, today=TODAY)
    report = import_people(db, two_sheets, sheet="Staff", today=TODAY)
    assert report.ok and report.read_as == "XLSX, sheet 'Staff'"
    assert _people(db)["501"][:3] == ("Ingrid", "Berg", date(1980, 1, 2))


def test_a_green_card_date_comes_in_and_the_person_can_be_edited_at_once(
        db: Database, tmp_path: Path) -> None:
    """A permanent resident needs the date on the green card before any save in the People
    editor; a roster can carry it ("Green card since"), and it round-trips through export."""
    from licenseapp.services.catalog.people import load_person, save_person

    path = _roster(tmp_path, "Olga,Ivanova,1990-05-01,olga@x.example,Green card,2021-07-01",
                   header="Given Name,Last name,Date of birth,E-mail,Immigration status,"
                          "Green card since")
    report = import_people(db, path, today=TODAY)
    assert report.counts[Outcome.ADDED] == 1
    with db.reading() as s:
        person = s.execute(select(Person)).scalar_one()
        assert (person.immigration_status, person.lpr_since) == ("lpr", date(2021, 7, 1))
        person_id = person.id
    form = load_person(db, person_id)
    save_person(db, form.__class__(**{**form.__dict__, "job_title": "Researcher"}))
    exported = tmp_path / "people.csv"
    export(db, "people", exported)
    again = import_people(db, exported, today=TODAY)
    assert again.counts[Outcome.UNCHANGED] == 1
