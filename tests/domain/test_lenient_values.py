"""Values as people type them: dates, countries, statuses; never a guess."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from licenseapp.domain import lenient_values as lv
from licenseapp.domain.column_mapping import ColumnSpec, header_key, resolve_mapping
from licenseapp.errors import LicenseAppError


@pytest.mark.parametrize("text", [
    "1990-03-05", "1990-3-5", "1990-03-05T00:00:00", "1990/03/05", "05.03.1990", "5.3.1990",
    "5 March 1990", "5 Mar 1990", "March 5, 1990", "Mar 5 1990", "05-Mar-1990", "5th March 1990",
    " 05.03.1990 ",
])
def test_dates_in_unambiguous_forms(text: str) -> None:
    assert lv.parse_date(text) == date(1990, 3, 5)


def test_day_and_month_by_slash_only_when_one_is_over_12() -> None:
    assert lv.parse_date("25/03/1990") == date(1990, 3, 25)  # day first
    assert lv.parse_date("03/25/1990") == date(1990, 3, 25)  # month first
    assert lv.parse_date("04/04/1990") == date(1990, 4, 4)  # the same either way
    with pytest.raises(lv.ValueRejected) as err:
        lv.parse_date("03/04/1990")
    assert err.value.reason == "03/04/1990 could be 3 April or 4 March"
    assert "1990-04-03" in err.value.fix and "1990-03-04" in err.value.fix


@pytest.mark.parametrize(("text", "reason"), [
    ("31.02.1990", "not a day of the calendar"), ("05.03.90", "two-digit year"),
    ("yesterday", "not a date"), (32937, "a number, not a date"),
])
def test_dates_refused_with_the_reason(text: object, reason: str) -> None:
    with pytest.raises(lv.ValueRejected, match=reason):
        lv.parse_date(text)


def test_spreadsheet_date_cells_are_dates() -> None:
    assert lv.parse_date(datetime(1990, 3, 5)) == date(1990, 3, 5)
    assert lv.parse_date(date(1990, 3, 5)) == date(1990, 3, 5)


@pytest.mark.parametrize(("text", "code"), [
    ("DE", "DE"), ("deu", "DE"), ("Germany", "DE"), ("Federal Republic of Germany", "DE"),
    ("China", "CN"), ("People's Republic of China", "CN"), ("Korea, Republic of", "KR"),
    ("Republic of Korea", "KR"), ("South Korea", "KR"), ("North Korea", "KP"), ("Russia", "RU"),
    ("Russian Federation", "RU"), ("Iran", "IR"), ("Iran, Islamic Republic of", "IR"),
    ("Taiwan", "TW"), ("Vietnam", "VN"), ("Viet Nam", "VN"), ("UK", "GB"), ("U.K.", "GB"),
    ("Great Britain", "GB"), ("England", "GB"), ("United Kingdom", "GB"), ("USA", "US"),
    ("U.S.", "US"), ("United States of America", "US"), ("the Netherlands", "NL"),
    ("Côte d'Ivoire", "CI"), ("Cote d’Ivoire", "CI"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("Czech Republic", "CZ"), ("Kosovo", "XK"), ("german", "DE"), ("British", "GB"),
    ("  india ", "IN"),
])
def test_countries_by_code_or_english_name(text: str, code: str) -> None:
    assert lv.country_code(text) == code


def test_countries_refused_with_the_reason() -> None:
    with pytest.raises(lv.ValueRejected, match="could be South Korea"):
        lv.country_code("Korea")
    with pytest.raises(lv.ValueRejected, match="not a country we know") as err:
        lv.country_code("Atlantis")
    assert "ISO code" in err.value.fix
    with pytest.raises(lv.ValueRejected) as err:  # a typo: suggested, not guessed
        lv.country_code("Germnay")
    assert err.value.fix.startswith("did you mean Germany (DE)?")


@pytest.mark.parametrize(("text", "codes"), [
    ("DE; FR", ("DE", "FR")), ("DE,FR", ("DE", "FR")), ("Germany / France", ("DE", "FR")),
    ("CN|CA", ("CN", "CA")), ("Korea, Republic of; Germany", ("KR", "DE")),
    ("Korea, Republic of, Iran, Islamic Republic of", ("KR", "IR")), ("DE; de; ", ("DE",)),
])
def test_several_citizenships(text: str, codes: tuple[str, ...]) -> None:
    assert lv.country_codes(text) == codes


@pytest.mark.parametrize(("text", "status"), [
    ("H-1B", "h1b"), ("H1B", "h1b"), ("h1b", "h1b"), ("Green card", "lpr"),
    ("Permanent resident", "lpr"), ("Lawful permanent resident", "lpr"), ("LPR", "lpr"),
    ("US citizen", "citizen"), ("U.S. citizen", "citizen"), ("Asylee", "protected"),
    ("F-1", "f1"), ("OPT", "f1"), ("L-1A", "l1"), ("B-1/B-2", "b1b2"), ("TN", "tn"),
    ("E-3", "e3"), ("Other", "other"),
])
def test_immigration_statuses_leniently(text: str, status: str) -> None:
    assert lv.immigration_status(text) == status


def test_an_unknown_status_lists_the_known_ones() -> None:
    with pytest.raises(lv.ValueRejected) as err:
        lv.immigration_status("H-4")
    assert "H-1B" in err.value.fix and "Lawful permanent resident" in err.value.fix


def test_cells_as_text_and_values_as_shown() -> None:
    assert lv.cell_text(12345.0) == "12345" and lv.cell_text(" x ") == "x"
    assert lv.cell_text("'=SUM(A1)") == "=SUM(A1)"  # our exports' guard, taken off again
    assert lv.cell_text("'quoted'") == "'quoted'"
    assert lv.shown("a\x00b") == "a\\x00b"
    assert lv.shown("x" * 10_000).endswith("… (10,000 characters)")
    assert lv.email(" Anna.Muller@Example.COM ") == "anna.muller@example.com"
    with pytest.raises(lv.ValueRejected):
        lv.email("anna at example.com")


SPECS = (ColumnSpec("given_name", "Given name", ("first name", "forename"), required=True),
         ColumnSpec("family_name", "Family name", ("last name", "surname"), required=True),
         ColumnSpec("employee_number", "Employee number", ("employee id",)),
         ColumnSpec("email", "E-mail", ("email address",)))


def test_headers_match_leniently_and_unknown_ones_are_listed() -> None:
    assert header_key("Employee No.") == header_key("employee #") == "employeenumber"
    mapping = resolve_mapping(["First Name", "SURNAME", "E-mail Address", "Employee_ID",
                               "Cost centre", ""], SPECS)
    assert mapping.as_dict() == {"First Name": "given_name", "SURNAME": "family_name",
                                 "E-mail Address": "email", "Employee_ID": "employee_number",
                                 "Cost centre": None}
    assert mapping.ignored == ("Cost centre",)
    assert mapping.indexes() == [("given_name", 0), ("family_name", 1), ("email", 2),
                                 ("employee_number", 3)]


def test_a_given_mapping_wins_and_two_headers_for_one_column_are_handled() -> None:
    mapping = resolve_mapping(["Vorname", "Nachname", "Email", "E-mail"], SPECS,
                              {"Vorname": "given_name", "Nachname": "family_name"})
    assert mapping.columns == ("given_name", "family_name", "email")
    assert mapping.ignored == ("E-mail",)  # the first header for a column counts
    with pytest.raises(LicenseAppError, match="both 'A' and 'B' are mapped to given name"):
        resolve_mapping(["A", "B", "Surname"], SPECS, {"A": "given_name", "B": "given_name"})
    with pytest.raises(LicenseAppError, match="not a column here"):
        resolve_mapping(["A"], SPECS, {"A": "salary"})
    with pytest.raises(LicenseAppError, match="given_name, family_name are missing"):
        resolve_mapping(["name", "age"], SPECS)
