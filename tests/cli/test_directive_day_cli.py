"""``rules new``, ``order new/show/suspend/record`` and ``determine --mode``, run as a user
runs them: in a subprocess."""

from __future__ import annotations

import subprocess
from pathlib import Path

from test_impact import one_line_error, run

SPEC = """# the order as it reads
title: Emergency directive on model use
authority: U.S. Department of Commerce, Bureau of Industry and Security
citation: 91 FR 70001 (Dec. 1, 2026)
received: 2026-12-01 09:00
zone: America/New_York
deadline_minutes: 90
eccns: 4E091
modes: [use, fine-tuning]
"""


def test_a_new_directive_its_order_suspension_and_record(db_url: str, tmp_path: Path) -> None:
    assert run("--db", db_url, "demo").returncode == 0
    spec = tmp_path / "order.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    made = run("--db", db_url, "rules", "new", str(spec))
    assert made.returncode == 0, made.stderr
    assert "Directive emergency-directive-on-model-use" in made.stdout
    assert "received 2026-12-01 09:00 EST, deadline 10:30 EST (90 min)" in made.stdout
    shown = run("--db", db_url, "order", "show")
    assert "0 of " in shown.stdout and "deadline passed" in shown.stdout
    done = run("--db", db_url, "order", "suspend", "1", "--groups", "newly,already")
    assert done.returncode == 0, done.stderr
    assert "All " in done.stdout and "minutes after the order, after the deadline." in done.stdout
    pdf = tmp_path / "record.pdf"
    out = run("--db", db_url, "order", "record", "1", str(pdf))
    assert out.returncode == 0, out.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Directive compliance record" in text and "91 FR 70001 (Dec. 1, 2026)" in text
    again = run("--db", db_url, "rules", "new", str(spec))
    one_line_error(again, "exists already")
    one_line_error(run("--db", db_url, "order", "suspend", "1", "--groups", "all"), "--groups")


def test_determine_takes_the_access_mode(db_url: str) -> None:
    args = ("--db", db_url, "determine", "--citizenship", "IN", "--status", "h1b", "--eccn",
            "4E091", "--date", "2026-11-01")
    weights = run(*args, "--mode", "weights")
    assert weights.stdout.startswith("LICENSE REQUIRED"), weights.stderr
    use = run(*args, "--mode", "use")
    assert use.stdout.startswith("No license required") and "4E091 (use)" in use.stdout
    one_line_error(run(*args, "--mode", "reading"), "--mode", "not an access mode")
