"""Letter templates: placeholders filled from the record, unknown ones reported by line."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from licenseapp.domain.record import (
    Address,
    ApplicationRecord,
    CitizenshipInfo,
    ItemInfo,
    OrganizationInfo,
    PersonInfo,
)
from licenseapp.domain.templates import (
    EMPTY,
    SYNTAX,
    UNKNOWN,
    fill,
    fill_record,
    placeholder_values,
    placeholders,
)

TODAY = date(2026, 9, 1)


def _record(**person: object) -> ApplicationRecord:
    fields: dict[str, object] = {
        "ref": "P-0001", "given_name": "Wei", "family_name": "Zhang", "native_name": "张伟",
        "work_site": "2100 Orchard Pkwy, San Jose, CA",
        "citizenships": (CitizenshipInfo("CN", "China"), CitizenshipInfo("CA", "Canada")),
        **person,
    }
    return ApplicationRecord(
        ref="LA-2026-0001", regulator="BIS", form="BIS-748P", status="draft",
        status_label="Draft", updated_at=datetime(2026, 9, 1, tzinfo=UTC),
        organization=OrganizationInfo(
            "Northwind Frontier AI, Inc.", Address(city="San Jose", state="CA", country="US",
                                                   country_name="United States"),
            signatory_name="Dana Whitfield", signatory_title="Empowered Official"),
        person=PersonInfo(**fields),  # type: ignore[arg-type]
        items=(ItemInfo(1, "ITM-001", "Mythos 5", eccn="4E091"),
               ItemInfo(2, "ITM-002", "Atlas compiler", eccn="3D001")),
    )


def test_placeholders_are_filled_from_the_record() -> None:
    text = ("{applicant.legal_name} / {person.full_name} ({person.native_name})\n"
            "{person.citizenships}; {items.names}; {items.eccns}\n"
            "{work_site} {today}\n{signatory.name}, {signatory.title}")
    result = fill_record(text, _record(), TODAY)
    assert result.ok and result.problems == ()
    assert result.text == (
        "Northwind Frontier AI, Inc. / Wei Zhang (张伟)\n"
        "China and Canada; Mythos 5 and Atlas compiler; 4E091 and 3D001\n"
        "2100 Orchard Pkwy, San Jose, CA September 1, 2026\n"
        "Dana Whitfield, Empowered Official")


def test_an_unknown_placeholder_is_reported_with_its_line_and_not_filled() -> None:
    text = "Dear officer,\n\nWe employ {unknown.thing} since {today}.\n{person.ful_name}"
    result = fill_record(text, _record(), TODAY)
    assert not result.ok
    assert [(p.line, p.placeholder, p.kind) for p in result.unknown] == [
        (3, "unknown.thing", UNKNOWN), (4, "person.ful_name", UNKNOWN)]
    assert "{unknown.thing}" in result.text  # left as written, never silently blanked
    assert "did you mean {person.full_name}" in result.unknown[1].message
    assert "September 1, 2026" in result.text


def test_literal_braces_are_escaped_by_doubling() -> None:
    result = fill("{{not a field}} and {{{today}}}", {"today": "now"})
    assert result.ok
    assert result.text == "{not a field} and {now}"


def test_a_lone_brace_is_a_syntax_problem() -> None:
    result = fill("one\ntwo } three\n{ four", {})
    assert [(p.line, p.kind) for p in result.problems] == [(2, SYNTAX), (3, SYNTAX)]
    assert not result.ok


def test_a_known_placeholder_without_a_value_is_only_a_warning() -> None:
    result = fill_record("Born in {person.birth_country}.", _record(), TODAY)
    assert result.ok
    assert [(p.placeholder, p.kind) for p in result.problems] == [
        ("person.birth_country", EMPTY)]
    assert result.text == "Born in ."


def test_ended_citizenships_are_left_out_and_a_missing_work_site_falls_back() -> None:
    record = _record(work_site="", citizenships=(
        CitizenshipInfo("CN", "China"), CitizenshipInfo("RU", "Russia", ended_on=date(2001, 1, 1))))
    values = placeholder_values(record, TODAY)
    assert values["person.citizenships"] == "China"
    assert values["work_site"] == "San Jose, CA, United States"


def test_placeholders_lists_names_with_lines() -> None:
    assert placeholders("a {x}\n{{y}}\n{ z.w }") == [(1, "x"), (3, "z.w")]


@given(st.text(max_size=300))
def test_fill_never_crashes_and_plain_text_survives(text: str) -> None:
    result = fill(text, {"today": "T"})
    if "{" not in text and "}" not in text:
        assert result.text == text and result.problems == ()
    for problem in result.problems:
        assert 1 <= problem.line <= text.count("\n") + 1
