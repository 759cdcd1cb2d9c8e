"""Access modes in the rules (#14, 1): 4E091 controls a model's parameters; the ordinary rule
reaches their release only, the 2026 directive every way of reaching the model."""

from __future__ import annotations

from datetime import date

import pytest
from rules_support import AFTER, BEFORE

from licenseapp.domain.enums import ItemKind
from licenseapp.domain.rules import (
    DataFileError,
    ItemFacts,
    PersonFacts,
    determine,
    load_rulesets,
    parse_ruleset,
)

H1B = PersonFacts.of("IN", status="h1b", name="Ravi Kumar")
LPR = PersonFacts.of("CN", status="lpr", name="Li Wei")
CITIZEN = PersonFacts.of("US", name="Ann Lee")
MODEL = ItemFacts.from_eccn("4E091", ItemKind.AI_MODEL_ACCESS)


def _decide(person: PersonFacts, mode: str | None, on: date) -> tuple[bool | None, str | None]:
    d = determine(person, MODEL.in_mode(mode), on, load_rulesets())
    return d.license_required, d.ruleset


def test_the_ordinary_rule_reaches_the_parameters_only() -> None:
    assert _decide(H1B, "parameters", BEFORE) == (True, "ear-baseline")
    required, ruleset = _decide(H1B, "use", BEFORE)
    assert (required, ruleset) == (False, "ear-baseline")
    d = determine(H1B, MODEL.in_mode("fine_tuning"), BEFORE, load_rulesets())
    assert "does not control 4E091 (fine-tuning)" in d.reason
    assert "no license is required" in d.reason


def test_the_directive_reaches_every_mode_for_everyone_but_us_citizens() -> None:
    for mode in ("parameters", "use", "fine_tuning", None):
        assert _decide(H1B, mode, AFTER)[0] is True
        assert _decide(LPR, mode, AFTER)[0] is True
        assert _decide(CITIZEN, mode, AFTER)[0] is False
    assert _decide(H1B, "use", AFTER)[1] == "ai-access-directive-2026"
    assert _decide(LPR, "parameters", BEFORE)[0] is False  # an LPR is no foreign person


def test_a_rule_set_file_names_modes_and_is_checked() -> None:
    base = ('{"id": "x-modes", "title": "T", "authority": "A", "regulator": "BIS", '
            '"form": "BIS-748P", "effective_from": "2026-01-01", "citations": [], '
            '"covered_persons": {"description": "d", "not_covered": []}, '
            '"deciding_country": {"rule": "most_recent_citizenship_or_residency"}, '
            '"licensing": {"method": "all_destinations", "policy": "p"}, '
            '"items": {"regimes": ["EAR"], "eccns": ["4E091"], %s}}')
    ruleset = parse_ruleset(base % '"modes": ["use"]', "x-modes.json")
    assert ruleset.items.covers(MODEL.in_mode("use"))
    assert not ruleset.items.covers(MODEL.in_mode("parameters"))
    assert ruleset.items.covers(MODEL)  # recorded as a whole: in scope
    with pytest.raises(DataFileError) as err:
        parse_ruleset(base % '"modes": ["weights"]', "x-modes.json")
    assert "'weights' is not one of parameters, use, fine_tuning" in str(err.value)
    with pytest.raises(DataFileError) as err:
        parse_ruleset(base % '"eccn_modes": {"4E091": []}', "x-modes.json")
    assert "list the access modes" in str(err.value)
