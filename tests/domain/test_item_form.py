"""A controlled item's form: what each regime takes as a classification, access modes for AI
models only, and reasons for control from the reference data."""

from __future__ import annotations

import pytest

from licenseapp.domain.item_form import (
    ITEM_LABELS,
    NOT_SUBJECT,
    ItemForm,
    check_item,
    kind_of,
    mode_of,
    modes_of,
    normal_classification,
    reasons_for,
)

MODEL = ItemForm(name="Mythos 5", kind="ai_model_access", access_modes=("parameters", "use"),
                 regime="EAR", classification="4E091")


def fields(form: ItemForm) -> set[str]:
    return {p.field for p in check_item(form)}


def test_a_complete_ai_model_has_no_problems() -> None:
    assert check_item(MODEL) == []
    assert set(ITEM_LABELS) >= {"name", "kind", "access_modes", "regime", "classification",
                                "reasons_for_control", "ccats", "description"}


@pytest.mark.parametrize(("regime", "classification"), [
    ("EAR", "4E091"), ("EAR", "3e001"), ("EAR", "3A090.a"), ("EAR", "EAR99"),
    ("EAR", "not subject"), ("EAR", "Not subject to the EAR"), ("ITAR", "XI"),
    ("ITAR", "XI(d)"), ("ITAR", "xxi"), ("ITAR", "USML XII(f)"), ("ITAR", "Category XI(a)(3)"),
    ("UK", "PL5017"), ("UK", "ML22.a"), ("EU", "5D002"), ("ear", "4E091"),
])
def test_each_regime_takes_its_own_classification(regime: str, classification: str) -> None:
    form = ItemForm(name="X", kind="technology", regime=regime, classification=classification)
    assert check_item(form) == []


@pytest.mark.parametrize(("regime", "classification", "needle"), [
    ("EAR", "", "type the ECCN"),
    ("EAR", "4Z091", "is not an ECCN"),
    ("EAR", "4E999", "not on the Commerce Control List"),
    ("EAR", "XI(d)", "is not an ECCN"),
    ("ITAR", "XXII", "Roman numeral from I to XXI"),
    ("ITAR", "4E091", "is not a USML category"),
    ("ITAR", "", "USML category"),
    ("UK", "  ", "control List entry".lower()),
])
def test_a_wrong_classification_is_named_with_the_fix(regime: str, classification: str,
                                                        needle: str) -> None:
    problems = check_item(ItemForm(name="X", regime=regime, classification=classification))
    assert [p.field for p in problems] == ["classification"]
    assert needle.lower() in problems[0].message.lower()
    assert "--" not in problems[0].message  # the user's words, not command-line flags


def test_access_modes_belong_to_ai_models_only() -> None:
    assert fields(ItemForm(name="M", kind="ai_model_access", classification="4E091")) == {
        "access_modes"}
    problems = check_item(ItemForm(name="Chip", kind="technology", access_modes=("use",),
                                   classification="3E001"))
    assert [p.field for p in problems] == ["access_modes"]
    assert "only an AI model" in problems[0].message
    wrong = check_item(ItemForm(name="M", kind="ai_model_access", classification="4E091",
                                access_modes=("use", "telepathy")))
    assert [p.field for p in wrong] == ["access_modes"] and "'telepathy'" in wrong[0].message


def test_name_kind_regime_and_ccats() -> None:
    assert fields(ItemForm(name=" ", kind="widget", regime="XX", classification="x",
                           ccats="123")) == {"name", "kind", "regime", "ccats"}
    assert check_item(ItemForm(name="X", classification="3E001", ccats="g195530")) == []


def test_text_the_databases_cannot_store_is_refused_with_the_field() -> None:
    problems = check_item(ItemForm(name="Mythos\u202e 5", classification="3E001",
                                   description="x" * 20_001, reasons_for_control="NS\x00"))
    assert {p.field for p in problems} == {"name", "description", "reasons_for_control"}
    long_name = check_item(ItemForm(name="N" * 201, classification="3E001"))
    assert [p.field for p in long_name] == ["name"] and "at most 200" in long_name[0].message
    assert check_item(ItemForm(name="X", classification="3E001",
                               description="line one\nline two\ttab")) == []


def test_kinds_and_modes_as_users_type_them() -> None:
    for text in ("ai_model", "ai-model", "AI model", "AI_MODEL_ACCESS"):
        assert kind_of(text) is not None and kind_of(text).value == "ai_model_access"  # type: ignore[union-attr]
    assert kind_of("source code").value == "source_code"  # type: ignore[union-attr]
    assert kind_of("gizmo") is None
    assert mode_of("Fine-tuning").value == "fine_tuning"  # type: ignore[union-attr]
    assert mode_of("weights").value == "parameters"  # type: ignore[union-attr]
    assert modes_of("parameters, use;fine-tuning, use") == ("parameters", "use", "fine_tuning")
    assert modes_of("use, bogus") == ("use", "bogus")


def test_classifications_are_stored_in_one_spelling() -> None:
    assert normal_classification("EAR", " 4e091 ") == "4E091"
    assert normal_classification("EAR", "ear99") == "EAR99"
    assert normal_classification("EAR", "Not subject to the EAR") == NOT_SUBJECT
    assert normal_classification("ITAR", "xi(D)") == "USML XI(d)"
    assert normal_classification("ITAR", "USML Category XI(a)(3)") == "USML XI(a)(3)"
    assert normal_classification("UK", " ML22.a ") == "ML22.a"


def test_reasons_for_control_come_from_the_reference_data() -> None:
    assert reasons_for("4E091") == "RS, AT1"  # RS worldwide, AT Column 1
    assert reasons_for("3E002") == "NS1, AT1"
    assert reasons_for("3E001") == "NS1, MT1, NP1, RS, AT1"  # its own lines (ccl_corrections)
    assert reasons_for("0A501") == "NS1, RS1, FC1, UN, AT1"
    assert reasons_for("3a090.a") == reasons_for("3A090")
    for nothing in ("EAR99", "not subject", "4E999", "XI(d)", ""):
        assert reasons_for(nothing) == ""
