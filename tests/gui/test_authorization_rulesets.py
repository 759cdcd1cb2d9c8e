"""Importing a rule-set file: checked by the loader first, copied only when valid, then
offered in the directive impact dialog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licenseapp import paths
from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.rules import DataFileError, shipped_rulesets_dir
from licenseapp.gui.authorization.page import AuthorizationPage
from licenseapp.services.directive.rulesets import available_rulesets, import_ruleset

from .test_authorization_impact import FakePrompts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def directive_text(**changes: object) -> str:
    data = json.loads((shipped_rulesets_dir() / "ai-access-directive-2026.json")
                      .read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data, indent=2, ensure_ascii=False)


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    path = tmp_path / "downloaded directive.json"  # any name: it is copied as <id>.json
    path.write_text(directive_text(id="quantum-access-rule-2027",
                                   title="Quantum Model Access Rule (2027)",
                                   effective_from="2027-01-01"), encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    text = directive_text(id="broken-rule").replace('"4E091"', '"4E09X"')
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    return path


def user_files() -> list[Path]:
    folder = paths.user_rulesets_dir()
    return sorted(folder.glob("*")) if folder.exists() else []


def test_an_invalid_file_is_refused_with_file_line_and_field(broken_file: Path) -> None:
    line = next(n for n, text in enumerate(broken_file.read_text().splitlines(), start=1)
                if "4E09X" in text)
    with pytest.raises(DataFileError) as refused:
        import_ruleset(broken_file)
    assert refused.value.file == str(broken_file)
    assert refused.value.line == line
    assert "eccns" in refused.value.field
    assert "4E09X" in refused.value.message and f"line {line}" in refused.value.message
    assert user_files() == []


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"id": "x",\n  oops\n}', encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        import_ruleset(path)
    assert user_files() == []


def test_a_valid_file_is_copied_as_its_id_and_used(valid_file: Path) -> None:
    imported = import_ruleset(valid_file)
    assert imported.path == paths.user_rulesets_dir() / "quantum-access-rule-2027.json"
    assert imported.path.read_bytes() == valid_file.read_bytes()
    assert imported.replaced == ""
    info = {r.id: r for r in available_rulesets()}["quantum-access-rule-2027"]
    assert info.title == "Quantum Model Access Rule (2027)" and info.user_file
    assert not {r.id: r for r in available_rulesets()}["ear-baseline"].user_file


def test_a_file_with_a_shipped_id_says_it_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "edited.json"
    path.write_text(directive_text(title="Directive (our citation)"), encoding="utf-8")
    assert import_ruleset(path).replaced == "shipped"
    assert import_ruleset(path).replaced == "user"
    titles = [r.title for r in available_rulesets() if r.id == "ai-access-directive-2026"]
    assert titles == ["Directive (our citation)"]


@pytest.fixture
def page(qtbot, runner, db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    widget = AuthorizationPage(runner, FakePrompts())
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.matrixLoaded, timeout=20_000):
        widget.set_database(db)
    return widget


def test_importing_an_invalid_file_in_the_gui_shows_why_and_copies_nothing(
        qtbot, page, broken_file) -> None:
    prompts = page.prompts
    prompts.open = broken_file
    page.import_action.trigger()
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")))
    (message,) = prompts.texts("warn")
    assert str(broken_file) in message and "line" in message and "4E09X" in message
    assert user_files() == []


def test_an_imported_rule_set_appears_in_the_impact_dialogs_chooser(
        qtbot, page, valid_file) -> None:
    page.impact_action.trigger()
    dialog = page.impact_dialog
    qtbot.waitUntil(lambda: dialog.ruleset_combo.count() >= 2)
    before = [dialog.ruleset_combo.itemData(i) for i in range(dialog.ruleset_combo.count())]
    assert "quantum-access-rule-2027" not in before
    prompts = page.prompts
    prompts.open = valid_file
    with qtbot.waitSignal(dialog.rulesetsLoaded, timeout=10_000):
        page.import_action.trigger()
    assert "Quantum Model Access Rule (2027)" in prompts.texts("inform")[0]
    texts = [dialog.ruleset_combo.itemText(i) for i in range(dialog.ruleset_combo.count())]
    assert "Quantum Model Access Rule (2027) — from 2027-01-01" in texts
    dialog.choose("quantum-access-rule-2027")
    qtbot.waitUntil(lambda: "(imported by you)" in dialog.ruleset_label.text())
