"""Form blocks without a column of their own (BIS-748P 7, 11, 12, 13, 22(b); SIEL 2): the spec
records them by field id, the checker judges them like any other block, the form keeps them
canonical."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from licenseapp.domain.checker import Severity, check
from licenseapp.domain.checker.rules_form import RECORDED_MAX_LENGTH
from licenseapp.domain.draft_form import DraftForm, DraftItemForm, normalized
from licenseapp.domain.form_values import field_entry, item_entry
from licenseapp.domain.forms import FormSpecError, form_spec, parse_form
from licenseapp.domain.record import ApplicationRecord, ItemInfo, OrganizationInfo
from licenseapp.domain.recorded import as_mapping, recorded_values, value_of, with_value
from licenseapp.paths import resource

TODAY = date(2026, 11, 27)


def _record(regulator: str = "BIS", form: str = "BIS-748P", **changes: object) -> ApplicationRecord:
    record = ApplicationRecord(
        ref="LA-2026-0042", regulator=regulator, form=form, status="draft",
        status_label="Draft", updated_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        organization=OrganizationInfo("Northwind Frontier AI, Inc."),
        items=(ItemInfo(1, "ITM-001", "Mythos 5", "ai_model_access", "EAR", "4E091",
                        eccn="4E091"),
               ItemInfo(2, "ITM-002", "Atlas cluster", "commodity", "EAR", "4A003",
                        eccn="4A003")),
    )
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


def _recorded(findings: list, rule_prefix: str = "entry-") -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule.startswith(rule_prefix)]


def test_the_specs_record_the_blocks_without_a_column_by_id() -> None:
    bis = form_spec("BIS-748P")
    assert [f.number for f in bis.recorded_fields()] == ["7", "11", "12", "13"]
    assert [f.number for f in bis.recorded_item_fields()] == ["22(b)"]
    assert bis.field("b22b").unit == "WT"
    assert bis.field("b8").source is None  # obsolete: still not recorded
    siel = form_spec("SIEL").field("s2")
    assert siel.recorded and siel.choices == ("Permanent", "Temporary")
    assert siel.default == "Permanent"
    assert form_spec("DSP-5").recorded_fields() == ()
    for code in ("BIS-748P", "SIEL", "DSP-5"):
        text = resource("forms", f"{code}.json").read_text(encoding="utf-8")
        assert "not recorded" not in text.lower(), code


def test_values_are_canonical_pairs() -> None:
    values = recorded_values({"b7": "  Other ", "b11": "D123456", "b12": "   "})
    assert values == (("b11", "D123456"), ("b7", "Other"))
    assert value_of(values, "b7") == "Other" and value_of(values, "b13") == ""
    assert with_value(values, "b11", "") == (("b7", "Other"),)
    assert as_mapping(values) == {"b11": "D123456", "b7": "Other"}
    assert as_mapping(()) is None  # stored as NULL, like rows from before the column
    assert recorded_values(values, keep={"b7"}) == (("b7", "Other"),)


def test_entries_resolve_like_any_other_block() -> None:
    spec = form_spec("BIS-748P")
    record = _record(form_values=(("b11", "D123456"),))
    assert field_entry(spec.field("b11"), record).lines == ("D123456",)
    assert field_entry(spec.field("b13"), record).blank
    item = dataclasses.replace(record.items[1], form_values=(("b22b", "0.75 WT"),))
    assert item_entry(spec.field("b22b"), item).lines == ("0.75 WT",)
    assert item_entry(spec.field("b22b"), record.items[0]).blank
    siel = form_spec("SIEL").field("s2")
    blank = field_entry(siel, _record("ECJU", "SIEL"))
    assert blank.lines == ("Permanent",) and blank.standard
    chosen = field_entry(siel, _record("ECJU", "SIEL", form_values=(("s2", "Temporary"),)))
    assert chosen.lines == ("Temporary",) and not chosen.standard


def test_valid_values_raise_nothing() -> None:
    record = _record(form_values=(("b11", "D123456"), ("b7", "Other")))
    record = dataclasses.replace(record, items=(
        record.items[0], dataclasses.replace(record.items[1], form_values=(("b22b", "0,75wt"),))))
    assert _recorded(check(record, form_spec("BIS-748P"), TODAY)) == []
    assert _recorded(check(_record(), form_spec("BIS-748P"), TODAY)) == []


def test_a_long_entry_is_a_warning_naming_the_block_and_the_fix() -> None:
    """The 250 characters are LicenseApp's own guide, not the form's limit (issue #16): a
    warning, citing LicenseApp rather than the form."""
    record = _record(form_values=(("b11", "D" * (RECORDED_MAX_LENGTH + 12)),))
    [found] = _recorded(check(record, form_spec("BIS-748P"), TODAY))
    assert found.severity is Severity.WARNING and found.rule == "entry-too-long"
    assert found.source.startswith("LicenseApp")
    assert found.field == "block 11 Replacement License Number"
    assert found.section == "end_use"  # the wizard page with the other blocks
    assert f"{RECORDED_MAX_LENGTH + 12} characters long" in found.message
    assert f"at most {RECORDED_MAX_LENGTH}" in found.message
    assert found.fix.startswith("shorten it to") and "block 24 Additional Information" in found.fix


def test_ctp_that_is_not_a_number_is_a_warning_per_item() -> None:
    record = _record()
    record = dataclasses.replace(record, items=(
        record.items[0],
        dataclasses.replace(record.items[1], form_values=(("b22b", "about a teraflop"),))))
    [found] = _recorded(check(record, form_spec("BIS-748P"), TODAY))
    assert found.severity is Severity.WARNING and found.rule == "entry-number"
    assert found.section == "items"
    assert found.field == "block 22(b) CTP (item 2: Atlas cluster)"
    assert "not a number in WT" in found.message
    assert "0.75 WT" in found.fix and "Supp. 2 to Part 748" in found.source


def test_an_entry_outside_the_choices_is_an_error() -> None:
    record = _record("ECJU", "SIEL", form_values=(("s2", "Perm"),))
    [found] = _recorded(check(record, form_spec("SIEL"), TODAY))
    assert found.severity is Severity.ERROR and found.rule == "entry-choice"
    assert "Perm" in found.message and "Permanent or Temporary" in found.message
    assert "empty means Permanent" in found.fix
    ok = _record("ECJU", "SIEL", form_values=(("s2", "Temporary"),))
    assert _recorded(check(ok, form_spec("SIEL"), TODAY)) == []


def test_the_draft_keeps_only_the_blocks_of_its_form() -> None:
    form = DraftForm(
        regulator="DDTC", form="DSP-5", organization_id=1,
        items=(DraftItemForm(1, "XII(f)", form_values=(("b22b", "1 WT"),)),),
        form_values=(("b11", "D123456"),))
    assert normalized(form).form_values == ()
    assert normalized(form).items[0].form_values == ()
    bis = dataclasses.replace(form, regulator="BIS", form="BIS-748P",
                              items=(DraftItemForm(1, "4a003", form_values=(
                                  ("b22b", " 1 WT "), ("zz", "x"))),),
                              form_values=(("b11", " D123456 "), ("s2", "Temporary")))
    kept = normalized(bis)
    assert kept.form_values == (("b11", "D123456"),)
    assert kept.items[0].form_values == (("b22b", "1 WT"),)


def _spec_text(code: str) -> str:
    return resource("forms", f"{code}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "change", "needle"),
    [
        ("DSP-5", ('"source": "application.end_use",',
                   '"source": "application.end_use", "choices": ["A"],'), "takes 'choices'"),
        ("DSP-5", ('"source": "application.end_use",',
                   '"source": "application.end_use", "unit": "WT",'), "takes a 'unit'"),
        ("SIEL", ('"choices": ["Permanent", "Temporary"]', '"choices": []'), "non-empty list"),
        ("SIEL", ('"choices": ["Permanent", "Temporary"]', '"choices": ["Temporary"]'),
         "default 'Permanent' is not one of the choices"),
    ],
)
def test_choices_and_units_are_checked_when_the_spec_loads(
        code: str, change: tuple[str, str], needle: str) -> None:
    text = _spec_text(code)
    assert change[0] in text
    with pytest.raises(FormSpecError, match=needle):
        parse_form(text.replace(*change, 1), f"forms/{code}.json")
