"""``determine --citizenship CN:birth,CA:2018-06-01``: the engine's dated answer on the
command line (issue #16 point 2), run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _determine(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", "determine", "--eccn", "4E091",
         "--date", "2026-11-01", "--status", "h1b", *args],
        capture_output=True, text=True, timeout=120, env=dict(os.environ))


def test_born_chinese_naturalized_canadian_on_the_command_line() -> None:
    done = _determine("--citizenship", "CN:birth,CA:2018-06-01", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["license_required"], doc["country"]) == (True, "CA")
    assert "Canada is the most recent citizenship (acquired 2018)" in doc["reason"]
    assert "15 CFR 734.13(b)" in doc["citations"]
    undated = json.loads(_determine("--citizenship", "CN,CA:2018-06-01", "--json").stdout)
    assert undated["country"] is None and "most recent is not recorded" in undated["reason"]


def test_a_basis_typed_wrong_is_one_line_naming_the_option() -> None:
    done = _determine("--citizenship", "CN:born")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "--citizenship" in line and "CN:birth" in line
