"""``impact``, ``suspend`` and ``draft-bulk`` run as a user runs them: in a subprocess."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ},
    )


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def demo_db(db_url: str) -> str:
    result = run("--db", db_url, "demo")
    assert result.returncode == 0, result.stderr
    return db_url


def _expected(url: str) -> tuple[int, int, int, int]:
    """(newly affected pairs, people, drafts, accesses that must stop in all groups) as the
    services compute them, in this process."""
    from licenseapp.services.directive.impact import impact
    from licenseapp.services.drafts.bulk_drafts import draft_bulk
    from licenseapp.store.database import open_database

    db = open_database(url)
    try:
        report = impact(db, DIRECTIVE, ON)
        drafts = draft_bulk(db, DIRECTIVE, on=ON, dry_run=True)
        return len(report.pairs), report.people, len(drafts.drafts), len(report.must_stop())
    finally:
        db.dispose()


def test_impact_as_json(demo_db: str) -> None:
    pairs, people, _, stop = _expected(demo_db)
    assert pairs and people and stop > pairs
    result = run("--db", demo_db, "impact", "--rules", DIRECTIVE, "--date", "2026-11-27",
                 "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["ruleset"] == DIRECTIVE and doc["date"] == "2026-11-27"
    assert doc["count"] == len(doc["affected"]) == pairs and doc["people"] == people
    groups = len(doc["affected"]) + len(doc["already_required"]) + len(doc["undetermined"])
    assert sum(c["count"] for c in doc["by_item"]) == groups
    assert sum(c["count"] for c in doc["by_country"]) == groups
    assert sum(c["count"] for c in doc["by_mode"]) == groups
    for pair in doc["affected"]:
        assert {"person_ref", "name", "item", "country", "reason"} <= set(pair)
        assert pair["name"] in pair["reason"]
    text = run("--db", demo_db, "impact", "--rules", DIRECTIVE, "--date", "2026-11-27")
    assert text.returncode == 0
    assert f"{stop} access(es) must stop: {pairs} newly need a license ({people} person(s))" \
        in text.stdout
    assert "Already required and unlicensed (possible violation)" in text.stdout


def test_expected_failures_are_one_line(demo_db: str) -> None:
    one_line_error(run("--db", demo_db, "impact", "--rules", "nope"), "--rules", "nope")
    one_line_error(run("--db", demo_db, "impact", "--rules", DIRECTIVE, "--date", "2026-11-01"),
                   "--date")
    one_line_error(run("--db", demo_db, "impact", "--rules", DIRECTIVE, "--date", "27/11/2026"),
                   "--date")
    one_line_error(run("--db", demo_db, "draft-bulk"), "--rules")
    one_line_error(run("--db", demo_db, "suspend", "--rules", DIRECTIVE, "--date",
                       "2026-11-27", "--list", "/nonexistent/dir/list.csv"),
                   "/nonexistent/dir does not exist")
    one_line_error(run("--db", demo_db, "suspend", "--rules", DIRECTIVE, "--list", "x.txt"),
                   "--list")
    assert "0 already suspended" in run("--db", demo_db, "suspend", "--rules", DIRECTIVE,
                                        "--date", "2026-11-27").stdout


def test_suspend_then_draft_bulk_twice(demo_db: str, tmp_path: Path) -> None:
    _newly, people, drafts, pairs = _expected(demo_db)
    listing = tmp_path / "suspended.csv"
    result = run("--db", demo_db, "suspend", "--rules", DIRECTIVE, "--date", "2026-11-27",
                 "--reason", "Directive received 09:12, ticket SEC-114", "--list", str(listing))
    assert result.returncode == 0, result.stderr
    assert f"Suspended {pairs} access(es)" in result.stdout
    with listing.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == pairs and {r["reason"] for r in rows} == {
        "Directive received 09:12, ticket SEC-114"}
    again = run("--db", demo_db, "suspend", "--rules", DIRECTIVE, "--date", "2026-11-27")
    assert "Suspended 0 access(es)" in again.stdout and f"{pairs} already suspended" in again.stdout

    dry = run("--db", demo_db, "draft-bulk", "--rules", DIRECTIVE, "--date", "2026-11-27",
              "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    planned = json.loads(dry.stdout)
    assert planned["dry_run"] and planned["created"] == 0 and planned["would_create"] == drafts
    first = run("--db", demo_db, "draft-bulk", "--rules", DIRECTIVE, "--date", "2026-11-27")
    assert first.returncode == 0, first.stderr
    assert f"Created {drafts} draft application(s)" in first.stdout
    for draft in planned["drafts"]:
        assert draft["ref"] in first.stdout
    second = run("--db", demo_db, "draft-bulk", "--rules", DIRECTIVE, "--date", "2026-11-27")
    assert "Created 0 draft application(s)" in second.stdout
    assert f"Skipped {people} person(s)" in second.stdout
    listed = json.loads(run("--db", demo_db, "list", "--json").stdout)
    mine = [a for a in listed if a["ref"] in {d["ref"] for d in planned["drafts"]}]
    assert len(mine) == drafts and {a["status"] for a in mine} == {"draft"}
    verify = run("--db", demo_db, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
