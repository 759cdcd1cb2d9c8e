"""Rule-set files: the shipped ones load; broken ones fail naming file, line and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from licenseapp.domain.rules import (
    DataFileError,
    find_ruleset,
    load_ruleset_file,
    load_rulesets,
    shipped_rulesets_dir,
)
from licenseapp.domain.rules.json_positions import parse
from licenseapp.domain.rules.ruleset import LicensingMethod, PersonCategory
from licenseapp.errors import LicenseAppError, ValidationError

DIRECTIVE = "ai-access-directive-2026"


def directive_text() -> str:
    return (shipped_rulesets_dir() / f"{DIRECTIVE}.json").read_text("utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_rule_sets_load_with_their_facts() -> None:
    rulesets = load_rulesets()
    assert [r.id for r in rulesets] == ["ear-baseline", "itar-technical-data-2016",
                                        "itar-technical-data", DIRECTIVE]
    base = find_ruleset(rulesets, "ear-baseline")
    assert base.covered.not_covered == {PersonCategory.US_CITIZEN, PersonCategory.LPR,
                                        PersonCategory.PROTECTED}
    assert base.licensing.method is LicensingMethod.COMMERCE_COUNTRY_CHART
    assert set(base.licensing.embargoes) == {"CU", "IR", "KP", "SY"}
    assert all(e.citations for e in base.licensing.embargoes.values())
    directive = find_ruleset(rulesets, DIRECTIVE)
    assert directive.effective_from.isoformat() == "2026-11-20"
    assert directive.covered.not_covered == {PersonCategory.US_CITIZEN}
    assert directive.items.eccns == {"4E091"}
    assert directive.citations[0].user_editable
    assert directive.citations[0].unconfirmed
    assert (directive.regulator, directive.form) == ("BIS", "BIS-748P")


def test_loading_is_cached_per_directory_list() -> None:
    assert load_rulesets() is load_rulesets()
    assert load_rulesets([shipped_rulesets_dir()]) is load_rulesets()


def test_unknown_rule_set_id_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="known rule sets: ear-baseline"):
        find_ruleset(load_rulesets(), "ear-2099")


def test_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    lines = directive_text().splitlines()
    assert lines[6].strip().startswith('"regulator"')
    lines[6] = '  "regulator": BIS,'
    path = write(tmp_path, f"{DIRECTIVE}.json", "\n".join(lines))
    with pytest.raises(DataFileError) as info:
        load_ruleset_file(path)
    err = info.value
    assert (err.file, err.line, err.field) == (str(path), 7, "(syntax)")
    assert str(err).startswith(f"{path}, line 7: (syntax): not valid JSON")
    assert isinstance(err, LicenseAppError)


def test_an_effective_date_that_is_not_a_date(tmp_path: Path) -> None:
    text = directive_text().replace('"effective_from": "2026-11-20"',
                                    '"effective_from": "2026-11-31"')
    path = write(tmp_path, f"{DIRECTIVE}.json", text)
    with pytest.raises(DataFileError) as info:
        load_ruleset_file(path)
    expected_line = next(i for i, line in enumerate(text.splitlines(), 1)
                         if '"effective_from"' in line)
    assert (info.value.line, info.value.field) == (expected_line, "effective_from")
    assert "'2026-11-31' is not a date" in str(info.value)


def test_an_unknown_covered_person_category(tmp_path: Path) -> None:
    text = directive_text().replace('"not_covered": ["us_citizen"]',
                                    '"not_covered": ["us_citizen",\n      "green_card"]')
    path = write(tmp_path, f"{DIRECTIVE}.json", text)
    with pytest.raises(DataFileError) as info:
        load_ruleset_file(path)
    expected_line = next(i for i, line in enumerate(text.splitlines(), 1) if "green_card" in line)
    assert info.value.line == expected_line
    assert info.value.field == "covered_persons.not_covered[1]"
    assert "'green_card' is not one of us_citizen, lpr, protected" in str(info.value)


@pytest.mark.parametrize(("old", "new", "field", "words"), [
    ('"regulator": "BIS"', '"regulator": "FAA"', "regulator", "is not one of BIS"),
    ('"eccns": ["4E091"]', '"eccns": ["4E09"]', "items.eccns[0]", "is not an ECCN"),
    ('"format": 1', '"format": 2', "format", "not supported"),
    ('"title": "Directive', '"titel": "Directive', "titel", "unknown field"),
    ('"effective_to": null', '"effective_to": "2026-01-01"', "effective_to", "is before"),
    ('"method": "all_destinations"', '"method": "sometimes"', "licensing.method", "not one of"),
    ('"id": "ai-access-directive-2026"', '"id": "other-id"', "id", "does not match"),
    ('"version": "1",', '"version": "1", "version": "2",', "(syntax)", "duplicate field"),
])
def test_validation_errors_name_the_field(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    text = directive_text()
    assert old in text
    path = write(tmp_path, f"{DIRECTIVE}.json", text.replace(old, new, 1))
    with pytest.raises(DataFileError) as info:
        load_ruleset_file(path)
    assert info.value.field == field
    assert words in str(info.value)
    assert info.value.line is not None


def test_a_user_directory_adds_and_replaces_rule_sets(tmp_path: Path) -> None:
    user = tmp_path / "user"
    data = json.loads(directive_text())
    data["citations"][0]["cite"] = "Directive 2026-17, 91 FR 12345"
    write(user, f"{DIRECTIVE}.json", json.dumps(data, indent=2))
    data["id"] = "my-extra-rule"
    data["effective_from"] = "2027-01-01"
    write(user, "my-extra-rule.json", json.dumps(data, indent=2))
    write(user, "README.md", "not a rule set")
    rulesets = load_rulesets([shipped_rulesets_dir(), user, tmp_path / "absent"])
    assert [r.id for r in rulesets] == ["ear-baseline", "itar-technical-data-2016",
                                        "itar-technical-data", DIRECTIVE, "my-extra-rule"]
    replaced = find_ruleset(rulesets, DIRECTIVE)
    assert replaced.citations[0].cite == "Directive 2026-17, 91 FR 12345"
    assert replaced.source == str(user / f"{DIRECTIVE}.json")


def test_a_broken_user_file_stops_loading_with_its_name(tmp_path: Path) -> None:
    shutil.copy(shipped_rulesets_dir() / "ear-baseline.json", tmp_path / "ear-baseline.json")
    write(tmp_path, "broken.json", "{\n  \"id\": \"broken\",\n}\n")
    with pytest.raises(DataFileError, match=r"broken\.json, line 3"):
        load_rulesets([tmp_path])


def test_json_positions_track_keys_and_array_items() -> None:
    doc, lines = parse('{\n "a": 1,\n "b": [\n  "x",\n  {"c": true}\n ]\n}')
    assert doc == {"a": 1, "b": ["x", {"c": True}]}
    assert lines[("a",)] == 2
    assert lines[("b",)] == 3
    assert lines[("b", 0)] == 4
    assert lines[("b", 1, "c")] == 5


def test_a_rule_set_may_control_items_by_kind() -> None:
    from datetime import date

    from licenseapp.domain.enums import ItemKind
    from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, parse_ruleset

    data = json.loads(directive_text())
    data["items"] = {"regimes": ["EAR"], "item_kinds": ["ai_model_access"]}
    ruleset = parse_ruleset(json.dumps(data), "kinds.json")
    model = ItemFacts(eccn=None, kind=ItemKind.AI_MODEL_ACCESS, name="Mythos 5")
    d = determine(PersonFacts.of("CA", status="lpr"), model, date(2026, 12, 1), [ruleset])
    assert d.license_required is True
    assert "Mythos 5" in d.reason
    other = ItemFacts(eccn=None, kind=ItemKind.TECHNOLOGY, name="Widget know-how")
    d = determine(PersonFacts.of("CA", status="lpr"), other, date(2026, 12, 1), [ruleset])
    assert d.license_required is None  # no rule set controls it: said, not guessed
