"""Day one on the command line, as a new user goes from an empty database to a packet:
``init``, ``org add``, ``import items``, ``import people``, ``import grants``, ``impact``,
``draft-bulk``, ``check``, ``packet`` — each in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import day_one
import pytest
from dbsupport import postgres_url, reset_postgres

DIRECTIVE = "ai-access-directive-2026"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))


@pytest.mark.slow
def test_from_an_empty_database_to_a_packet(tmp_path: Path) -> None:
    url = postgres_url()
    if url:
        reset_postgres(url)
    db = url or str(tmp_path / "mine.db")

    def ok(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        result = run("--db", db, *args)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        return result

    ok("init")
    ok("org", "add", "--legal-name", day_one.COMPANY, "--street", "2100 Orchard Parkway",
       "--city", "San Jose", "--state", "CA", "--postal-code", "95131", "--country", "US",
       "--ein", "12-3456789", "--signatory-name", "Dana Whitfield",
       "--signatory-title", "Empowered Official")

    items = ok("import", "items", str(day_one.write_items(tmp_path / "items.csv")))
    assert "2 added" in items.stdout
    listed = json.loads(ok("item", "list", "--json").stdout)
    assert sorted(i["name"] for i in listed) == sorted(day_one.ITEMS)

    errors = tmp_path / "rejected.csv"
    people = ok("import", "people", str(day_one.write_roster(tmp_path / "roster.csv")),
                "--errors", str(errors), code=1)  # some rows were not imported: exit 1
    assert f"{day_one.GOOD} added" in people.stdout
    assert "3 rejected" in people.stdout
    for row in day_one.BAD_ROWS:
        assert f"row {row}," in people.stdout
    assert errors.is_file() and len(errors.read_text(encoding="utf-8-sig").splitlines()) == 4

    grants = ok("import", "grants", str(day_one.write_grants(tmp_path / "grants.csv")))
    fable = sum(1 for n in range(1, day_one.PEOPLE + 1)
                if n % 3 == 0 and n + 1 not in day_one.BAD_ROWS)
    assert f"{day_one.GOOD + fable} added" in grants.stdout.replace(",", "")
    access = json.loads(ok("access", "list", "--json").stdout)
    assert len({a["person_ref"] for a in access}) == day_one.GOOD

    impact = json.loads(ok("impact", "--rules", DIRECTIVE, "--json").stdout)
    assert impact["people"] > 0 and impact["affected"], impact
    assert {a["item"] for a in impact["affected"]} <= set(day_one.ITEMS)

    drafted = json.loads(ok("draft-bulk", "--rules", DIRECTIVE, "--json").stdout)
    assert drafted["created"] > 0
    ref = drafted["drafts"][0]["ref"]

    check = run("--db", db, "check", ref, "--json")
    assert check.returncode in (0, 1), check.stderr  # errors to fix are findings, not failures
    findings = json.loads(check.stdout)
    assert all({"severity", "field", "rule", "message"} <= set(f) for f in findings)

    packet = tmp_path / "packet.pdf"
    ok("packet", ref, "-o", str(packet))
    assert packet.read_bytes().startswith(b"%PDF")
    ok("verify")
