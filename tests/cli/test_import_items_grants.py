"""``licenseapp import items`` and ``import grants``, run as a user runs them, on both
databases: printed as ``import people`` prints, with the same exit statuses (0 all in, 1
some rows not, 2 the file refused); ``export items`` then ``import items`` changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))


def _write(path: Path, *lines: str, encoding: str = "cp1252") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def test_items_then_people_then_grants(db_url: str, tmp_path: Path) -> None:
    items = _write(tmp_path / "items.csv",
                   "Bezeichnung;Art;Modes;ECCN;Beschreibung",
                   "Mythos 5;AI model;parameters, use, fine-tuning;4E091;Frontier-Modell",
                   "Fable 5;AI model;use;4e091;Multimodal (Müller)",
                   "Orakel;Technologie;;4X999;")
    errors = tmp_path / "item-errors.csv"
    dry = run("--db", db_url, "import", "items", str(items), "--dry-run")
    assert dry.returncode == 1, dry.stderr
    assert "Dry run, nothing written. Would be: 2 added, 0 updated" in dry.stdout
    done = run("--db", db_url, "import", "items", str(items), "--errors", str(errors))
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert out.startswith("Read items.csv (CSV, semicolon-separated, Windows-1252); items "
                          "matched on reference, then name.")
    assert "Bezeichnung → name" in out and "Art → kind" in out
    assert ("Imported: 2 added, 0 updated, 0 unchanged, 1 rejected, 0 to confirm." in out)
    assert "  row 4, Art 'Technologie': 'Technologie' is not a kind of item; choose " in out
    assert "  row 4, ECCN '4X999': '4X999' is not an ECCN; write a digit" in out
    assert f"Rows not imported written to {errors}." in out
    assert "1 row(s) not imported; correct them and import the file again" in out
    assert errors.read_text(encoding="utf-8-sig").count("\n") == 3

    exported = tmp_path / "export.xlsx"
    assert run("--db", db_url, "export", "items", str(exported)).returncode == 0
    back = run("--db", db_url, "import", "items", str(exported))
    assert back.returncode == 0, back.stdout + back.stderr
    assert "Imported: 0 added, 0 updated, 2 unchanged, 0 rejected, 0 to confirm." in back.stdout

    people = _write(tmp_path / "people.csv",
                    "Employee ID,Given name,Family name,E-mail,Nationality",
                    "E1,Wei,Zhang,wei@acme.example,China",
                    "E2,Olga,Ivanova,olga@acme.example,Russia",
                    "E3,Anaïs,Moreau,anais@acme.example,France", encoding="utf-8")
    assert run("--db", db_url, "import", "people", str(people)).returncode == 0

    grants = _write(tmp_path / "grants.csv",
                    "E-mail,Item,Access mode,Granted on,Status",
                    "wei@acme.example,Mythos 5,parameters,15.01.2026,Active",
                    "E2,ITM-001,use,,on",
                    "P-0003,fable 5,use,,pending",
                    "P-0003,Fable 5,parameters,,active",
                    "nobody@acme.example,Mythos 5,use,,active")
    dry = run("--db", db_url, "import", "grants", str(grants), "--dry-run")
    assert dry.returncode == 1
    assert "Would be: 3 added, 0 updated, 0 unchanged, 2 rejected" in dry.stdout
    refused = run("--db", db_url, "import", "grants", str(grants), "--all-or-nothing")
    assert refused.returncode == 1
    assert "Nothing imported (all or nothing). Would have been: 3 added" in refused.stdout
    done = run("--db", db_url, "import", "grants", str(grants))
    assert done.returncode == 1
    out = done.stdout
    assert "E-mail → person" in out and "Granted on → since" in out
    assert "Imported: 3 added, 0 updated, 0 unchanged, 2 rejected, 0 to confirm." in out
    assert ("  row 5, Access mode 'parameters': Fable 5 is not offered for parameters; it is "
            "offered for use (add the mode to the item first) (rejected)") in out
    assert "People not in the database: nobody@acme.example" in out
    listed = run("--db", db_url, "access", "list")
    assert listed.returncode == 0
    assert "3 access record(s)" in listed.stdout
    assert "2026-01-15" in listed.stdout and "requested" in listed.stdout

    revoke = _write(tmp_path / "revoke.csv", "Person;Item;Mode;State",
                    "P-0002;Mythos 5;use;revoked")
    done = run("--db", db_url, "import", "grants", str(revoke))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Imported: 0 added, 1 updated, 0 unchanged, 0 rejected" in done.stdout
    again = run("--db", db_url, "import", "grants", str(revoke))
    assert again.returncode == 0 and "0 updated, 1 unchanged" in again.stdout


def test_refusals_of_the_whole_file_exit_2_on_one_line(db_url: str, tmp_path: Path) -> None:
    no_item = _write(tmp_path / "g.csv", "E-mail,Mode", "a@x.example,use")
    refused = run("--db", db_url, "import", "grants", str(no_item))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "item are missing" in refused.stderr
    items = _write(tmp_path / "i.csv", "Name,Kind,ECCN", "GaN,technology,3E001")
    same = run("--db", db_url, "import", "items", str(items), "--errors", str(items))
    assert same.returncode == 2 and "is the file being imported" in same.stderr
    people_only = run("--db", db_url, "import", "items", str(items),
                      "--create-organizations")
    assert people_only.returncode == 2
    assert people_only.stderr.strip() == ("licenseapp: error: --create-organizations: for "
                                          "import people only, not import items")
    ok = run("--db", db_url, "import", "items", str(items))
    assert ok.returncode == 0 and "Imported: 1 added" in ok.stdout
