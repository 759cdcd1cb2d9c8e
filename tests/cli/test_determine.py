"""``licenseapp determine``, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

CONTRACT = {"license_required", "country", "regulator", "form", "ruleset", "reason", "citations"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", "determine", *args],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    assert set(doc) >= CONTRACT
    assert isinstance(doc["citations"], list)
    return doc


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_acceptance_canadian_permanent_resident_and_4e091_around_the_directive() -> None:
    after = run_json("--citizenship", "CA", "--status", "lpr", "--eccn", "4E091",
                     "--date", "2026-11-27")
    assert after["license_required"] is True
    assert after["ruleset"] == "ai-access-directive-2026"
    assert (after["regulator"], after["form"], after["country"]) == ("BIS", "BIS-748P", "CA")
    assert "Directive on Frontier AI Model Access (2026)" in after["reason"]
    assert after["citations"]
    before = run_json("--citizenship", "CA", "--status", "lpr", "--eccn", "4E091",
                      "--date", "2026-11-01")
    assert before["license_required"] is False
    assert before["ruleset"] == "ear-baseline"
    assert "lawful permanent resident" in before["reason"]
    assert "15 CFR 772.1" in before["citations"]


def test_3e001_for_a_chinese_national_with_dates_and_name() -> None:
    doc = run_json("--citizenship", "CN:1990-01-01", "--status", "h1b", "--eccn", "3E001",
                   "--date", "2026-08-01", "--name", "Wei Zhang")
    assert doc["license_required"] is True
    assert doc["country"] == "CN"
    assert doc["reason"].startswith("Wei Zhang is a national of China (most recent citizenship")
    assert "15 CFR 734.13(b)" in doc["citations"]


def test_dual_national_with_acquisition_dates() -> None:
    doc = run_json("--citizenship", "CN:1980-01-01,GB:2016-03-01", "--status", "h1b",
                   "--eccn", "3E002", "--date", "2026-08-01")
    assert (doc["license_required"], doc["country"]) == (False, "GB")


def test_missing_status_is_unknown_and_says_so() -> None:
    doc = run_json("--citizenship", "CN", "--eccn", "3E001", "--date", "2026-08-01")
    assert doc["license_required"] is None
    assert any("immigration status" in m for m in doc["missing"])


def test_only_one_rule_set() -> None:
    doc = run_json("--citizenship", "FR", "--status", "h1b", "--eccn", "4E091",
                   "--date", "2026-12-01", "--rules", "ai-access-directive-2026")
    assert doc["ruleset"] == "ai-access-directive-2026"
    assert [r["ruleset"] for r in doc["results"]] == ["ai-access-directive-2026"]


def test_readable_summary_without_json() -> None:
    result = run("--citizenship", "GB", "--status", "h1b", "--eccn", "3E002",
                 "--date", "2026-08-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No license required (deemed export to the United Kingdom")
    assert "Reason" in result.stdout and "Citations" in result.stdout


def test_default_date_is_today() -> None:
    from datetime import date

    doc = run_json("--citizenship", "JP", "--status", "o1", "--eccn", "EAR99")
    assert doc["date"] == date.today().isoformat()
    assert doc["license_required"] is False


@pytest.mark.parametrize(("args", "needles"), [
    (("--citizenship", "XX", "--eccn", "3E001"), ("--citizenship", "'XX'")),
    (("--citizenship", "CN", "--residency", "ZZ", "--eccn", "3E001"), ("--residency",)),
    (("--citizenship", "CN", "--eccn", "3E999"), ("--eccn", "Commerce Control List")),
    (("--citizenship", "CN", "--eccn", "hello"), ("--eccn", "not an ECCN")),
    (("--citizenship", "CN", "--status", "martian", "--eccn", "3E001"), ("--status",)),
    (("--citizenship", "CN", "--eccn", "3E001", "--rules", "nope"), ("--rules", "ear-baseline")),
    (("--citizenship", "CN", "--eccn", "3E001", "--date", "27/11/2026"), ("--date",)),
    (("--citizenship", "CN", "--eccn", "4E091", "--rules", "ai-access-directive-2026",
      "--date", "2026-01-01"), ("--rules", "2026-11-20")),
])
def test_bad_input_is_one_line_and_non_zero(args: tuple[str, ...],
                                            needles: tuple[str, ...]) -> None:
    assert_one_line_error(run(*args), *needles)


def test_eccn_or_item_is_required() -> None:
    result = run("--citizenship", "CN")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_eccn_needs_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "none.db"
    result = run("--db", str(missing), "--citizenship", "CN", "--status", "h1b",
                 "--eccn", "3E001", "--json")
    assert result.returncode == 0, result.stderr
    assert not missing.exists()


def test_a_user_rule_set_directory(tmp_path: Path) -> None:
    from licenseapp.domain.rules import shipped_rulesets_dir

    data = json.loads((shipped_rulesets_dir() / "ai-access-directive-2026.json").read_text())
    data["id"] = "early-directive"
    data["effective_from"] = "2026-01-01"
    (tmp_path / "early-directive.json").write_text(json.dumps(data), encoding="utf-8")
    doc = run_json("--citizenship", "CA", "--status", "lpr", "--eccn", "4E091",
                   "--date", "2026-06-01", "--rules-dir", str(tmp_path))
    assert (doc["license_required"], doc["ruleset"]) == (True, "early-directive")
    (tmp_path / "broken.json").write_text("{\n\n  oops\n}", encoding="utf-8")
    assert_one_line_error(run("--citizenship", "CA", "--eccn", "4E091", "--rules-dir",
                              str(tmp_path)), "broken.json, line 3")


def _add_items(db_url: str) -> None:
    from licenseapp.store.database import open_database
    from licenseapp.store.models import ControlledItem

    db = open_database(db_url)
    try:
        with db.unit_of_work() as session:
            session.add_all([
                ControlledItem(ref="IT-0001", name="Mythos 5", kind="ai_model_access",
                               regime="EAR", classification="4E091"),
                ControlledItem(ref="IT-0002", name="Guidance data", kind="technical_data",
                               regime="ITAR", classification="XII(f)"),
            ])
    finally:
        db.dispose()


def test_item_from_the_database(db_url: str) -> None:
    _add_items(db_url)
    doc = run_json("--db", db_url, "--citizenship", "CA", "--status", "lpr",
                   "--item", "it-0001", "--date", "2026-11-27")
    assert (doc["license_required"], doc["eccn"]) == (True, "4E091")
    itar = run_json("--db", db_url, "--citizenship", "CA", "--status", "lpr",
                    "--item", "IT-0002", "--date", "2026-11-27")
    # A lawful permanent resident is a U.S. person under the ITAR (22 CFR 120.62).
    assert (itar["license_required"], itar["ruleset"]) == (False, "itar-technical-data")
    itar = run_json("--db", db_url, "--citizenship", "CA", "--status", "h1b",
                    "--item", "IT-0002", "--date", "2026-11-27")
    assert (itar["license_required"], itar["country"], itar["form"]) == (True, "CA", "DSP-5")
    assert_one_line_error(run("--db", db_url, "--citizenship", "CA", "--item", "IT-9999"),
                          "IT-9999")


def test_find_item_service(db_url: str) -> None:
    from licenseapp.domain.enums import ItemKind, Regime
    from licenseapp.errors import NotFoundError
    from licenseapp.services.catalog.items import find_item
    from licenseapp.store.database import open_database

    _add_items(db_url)
    db = open_database(db_url)
    try:
        item = find_item(db, "IT-0001")
        assert (item.eccn, item.kind, item.regime, item.name) == (
            "4E091", ItemKind.AI_MODEL_ACCESS, Regime.EAR, "Mythos 5")
        assert find_item(db, "IT-0002").eccn is None
        with pytest.raises(NotFoundError):
            find_item(db, "IT-0404")
    finally:
        db.dispose()


def test_a_rule_set_in_the_user_directory_is_used(tmp_path: Path) -> None:
    """A user adds a rule-set file to their data directory; determine applies it."""
    import json as _json

    from licenseapp import paths as _paths

    shipped = _paths.resource_path("rulesets", "ai-access-directive-2026.json")
    data = _json.loads(shipped.read_text(encoding="utf-8"))
    data["id"] = "house-policy-2026"
    data["title"] = "House policy: frontier models"
    data["effective_from"] = "2026-01-01"
    user_dir = tmp_path / "data" / "rulesets"
    user_dir.mkdir(parents=True)
    (user_dir / "house-policy-2026.json").write_text(_json.dumps(data), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "licenseapp", "determine", "--citizenship", "CA", "--status",
         "lpr", "--eccn", "4E091", "--date", "2026-06-01", "--rules", "house-policy-2026",
         "--json"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "LICENSEAPP_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 0, result.stderr
    out = _json.loads(result.stdout)
    assert out["ruleset"] == "house-policy-2026" and out["license_required"] is True
