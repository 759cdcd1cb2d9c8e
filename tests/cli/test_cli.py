"""The command line, run as a user runs it: in a subprocess, on both databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbsupport import postgres_url, reset_postgres

CONTRACT_FIELDS = {
    "ref", "status", "regulator", "form", "applicant", "foreign_national", "items", "acn",
    "updated_at",
}

def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )

def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = postgres_url()
    if url:
        reset_postgres(url)
        target = url
    else:
        target = str(tmp_path_factory.mktemp("cli") / "demo.db")
    result = run("--db", target, "demo")
    assert result.returncode == 0, result.stderr
    assert "applications" in result.stdout
    yield target

def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("licenseapp 0.")

def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "licenseapp"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "licenseapp" in result.stdout

def test_init_creates_the_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    result = run("--db", str(path), "init")
    assert result.returncode == 0, result.stderr
    assert "Database ready" in result.stdout and path.exists()

def test_env_var_names_the_database(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    result = run("init", env={"LICENSEAPP_DB": str(path)})
    assert result.returncode == 0 and path.exists()

def test_list_json_has_the_contract_fields(demo_db: str) -> None:
    result = run("--db", demo_db, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 60
    for row in rows:
        assert set(row) >= CONTRACT_FIELDS
    assert {r["regulator"] for r in rows} == {"BIS", "DDTC", "ECJU"}
    assert {r["form"] for r in rows} == {"BIS-748P", "DSP-5", "SIEL"}

def test_list_filters_by_status_and_regulator(demo_db: str) -> None:
    rows = json.loads(run("--db", demo_db, "list", "--status", "registered", "--json").stdout)
    assert rows and {r["status"] for r in rows} == {"registered"}
    rows = json.loads(run("list", "--regulator", "ddtc", "--json", "--db", demo_db).stdout)
    assert rows and {r["regulator"] for r in rows} == {"DDTC"}

def test_list_as_text_shows_native_script_names(demo_db: str) -> None:
    result = run("--db", demo_db, "list")
    assert result.returncode == 0
    assert "Reference" in result.stdout.splitlines()[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout)  # a Chinese name

def test_show_json_has_history_parties_items(demo_db: str) -> None:
    rows = json.loads(run("--db", demo_db, "list", "--status", "approved_with_conditions",
                          "--json").stdout)
    ref = rows[0]["ref"]
    result = run("--db", demo_db, "show", ref, "--json")
    assert result.returncode == 0, result.stderr
    detail = json.loads(result.stdout)
    assert detail["ref"] == ref
    assert detail["events"][0]["to_status"] == "draft"
    assert detail["events"][-1]["to_status"] == "approved_with_conditions"
    assert {p["role"] for p in detail["parties"]} >= {"applicant", "ultimate_consignee"}
    assert detail["items"] and detail["license"]["conditions"]
    assert any(d["kind"] == "license_expiry" for d in detail["deadlines"])
    text = run("--db", demo_db, "show", ref)
    assert "History:" in text.stdout and ref in text.stdout

def test_unknown_reference_is_one_line(demo_db: str) -> None:
    assert_one_line_error(run("--db", demo_db, "show", "LA-1999-9999"), "LA-1999-9999")

def test_bad_status_names_the_option(demo_db: str) -> None:
    assert_one_line_error(run("--db", demo_db, "list", "--status", "pending"), "--status")

def test_demo_twice_is_refused(demo_db: str) -> None:
    assert_one_line_error(run("--db", demo_db, "demo"), "already holds")

def test_not_a_database_is_one_line_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "letter.db"
    path.write_text("Dear BIS,")
    assert_one_line_error(run("--db", str(path), "list"), "not a LicenseApp database")
    assert path.read_text() == "Dear BIS,"

def test_unreachable_server_is_one_line() -> None:
    result = run("--db", "postgresql+psycopg://app@127.0.0.1:9/nothing", "list")
    assert_one_line_error(result, "cannot open the database")


def test_check_lists_findings_and_exits_1_on_errors(demo_db: str) -> None:
    rows = json.loads(run("--db", demo_db, "list", "--json").stdout)
    drafts = [r["ref"] for r in rows if r["status"] in ("draft", "internal_review", "ready")]
    results = {ref: run("--db", demo_db, "check", ref, "--json") for ref in drafts}
    with_errors = [ref for ref, r in results.items() if r.returncode == 1]
    clean = [ref for ref, r in results.items() if r.returncode == 0]
    assert with_errors and clean  # the demo has drafts with typical problems, and good ones
    findings = json.loads(results[with_errors[0]].stdout)
    assert any(f["severity"] == "error" for f in findings)
    for f in findings:
        assert {"severity", "field", "rule", "message"} <= set(f)
        assert f["severity"] in ("error", "warning")
    text = run("--db", demo_db, "check", with_errors[0])
    assert "[error]" in text.stdout and "fix:" in text.stdout
