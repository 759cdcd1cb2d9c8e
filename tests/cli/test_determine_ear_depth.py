"""``licenseapp determine`` for the EAR cases of issue #16 point 2: 3E001/3D001 read from
their own lines, SI with its Canada exception, EAR99 to a Cuban national since 2015."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_determine import run_json


@pytest.mark.parametrize(("citizenship", "eccn", "required", "cite"), [
    # Supp. 1 to Part 774, 3E001: RS worldwide for technology for 3A090 (742.6(a)(6)(ii)).
    ("CA", "3E001", None, "15 CFR 742.6(a)(6)(ii)"),
    # 3D001: every line naming its part covers China (NS1, worldwide, D:1/D:4/D:5, D:5).
    ("CN", "3D001", True, "15 CFR 742.6(a)(6)(iii)(A)"),
    # 742.14(a): SI licenses for all destinations except Canada.
    ("CA", "9E003.a.1", False, "15 CFR 742.14"),
    ("AU", "9E003.a.1", True, "15 CFR 742.14"),
    # 80 FR 56898 (2015): EAR99 technology to a Cuban national needs no license.
    ("CU", "EAR99", False, "80 FR 56898 (2015)"),
])
def test_ear_depth_cases(citizenship: str, eccn: str, required: bool | None,
                         cite: str) -> None:
    doc = run_json("--citizenship", citizenship, "--status", "h1b", "--eccn", eccn,
                   "--date", "2026-12-01")
    assert (doc["license_required"], doc["country"]) == (required, citizenship)
    assert cite in doc["citations"]


def test_enc_offered_on_the_command_line() -> None:
    doc = run_json("--citizenship", "IN", "--status", "h1b", "--eccn", "5E002",
                   "--date", "2026-12-01")
    assert doc["license_required"] is True
    assert "unless a license exception applies: License Exception ENC" in doc["reason"]
    assert "15 CFR 740.17(a)(2)" in doc["citations"]


def test_published_item_needs_no_license_for_a_north_korean(tmp_path: Path) -> None:
    db = str(tmp_path / "ns.db")
    for args in (("init",), ("item", "add", "--name", "Halcyon 3 weights", "--kind",
                             "technology", "--classification", "published")):
        done = subprocess.run([sys.executable, "-m", "licenseapp", "--db", db, *args],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    doc = run_json("--db", db, "--citizenship", "KP", "--status", "h1b", "--item",
                   "Halcyon 3 weights", "--date", "2026-12-01")
    assert doc["license_required"] is False
    assert "15 CFR 734.7" in doc["citations"]


@pytest.mark.parametrize(("typed", "cite"), [
    ("not subject (published)", "15 CFR 734.7"),
    ("not subject (fundamental research)", "15 CFR 734.8"),
    ("not subject (educational)", "15 CFR 734.3(b)(3)(iii)")])
def test_not_subject_typed_for_eccn(typed: str, cite: str) -> None:
    doc = run_json("--citizenship", "KP", "--status", "h1b", "--eccn", typed,
                   "--date", "2026-12-01")
    assert doc["license_required"] is False
    assert cite in doc["citations"]
    assert doc["reason"].startswith("This item is not subject to the EAR")
