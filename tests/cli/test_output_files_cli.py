"""Every command that writes a file refuses the database, its working files, an input, a
folder and a device, refuses an existing file without --force (one line, exit 2), leaves the
target byte-identical when it refuses, and writes 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbsupport import postgres_url, reset_postgres

REF = "LA-2026-0051"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args],
                          capture_output=True, text=True, timeout=300, env={**os.environ})


def refused(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert needle in lines[0], lines[0]


def writers(target: Path | str, roster: Path) -> dict[str, list[str]]:
    """Each command, writing ``target``."""
    t = str(target)
    return {
        "packet": ["packet", REF, "-o", t],
        "report": ["report", "pending", "-o", t],
        "ics": ["deadlines", "--ics", t],
        "export": ["export", "people", t],
        "errors": ["import", "people", str(roster), "--dry-run", "--errors", t],
        "backup": ["backup", t],
        "list": ["suspend", "--rules", "ai-access-directive-2026", "--date", "2026-11-27",
                 "--list", t],
    }


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = postgres_url()
    if url:
        reset_postgres(url)
        target = url
    else:
        target = str(tmp_path_factory.mktemp("out") / "demo.db")
    assert run("--db", target, "demo").returncode == 0
    yield target


@pytest.fixture(scope="module")
def sqlite_db(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite demo database (the database-file cases need a file)."""
    if "://" not in demo_db:
        return demo_db
    target = str(tmp_path_factory.mktemp("sqlite") / "demo.db")
    assert run("--db", target, "demo").returncode == 0
    return target


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("given_name,family_name,email\nAda,,ada@x.example\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["packet", "report", "ics", "export", "errors", "backup"])
def test_the_database_and_its_wal_are_never_written(
    kind: str, sqlite_db: str, roster: Path, tmp_path: Path
) -> None:
    database = Path(sqlite_db)
    before = database.read_bytes()
    for target in (database, Path(f"{database}-wal")):
        if kind in ("export", "errors"):  # those need a .csv name: one linked to the file
            link = tmp_path / f"link-{target.name}.csv"
            link.symlink_to(target)
            target = link
        refused(run("--db", sqlite_db, *writers(target, roster)[kind], "--force"),
                "open database")
    assert database.read_bytes() == before


def test_an_input_a_folder_and_a_device_are_refused(
    demo_db: str, roster: Path, tmp_path: Path
) -> None:
    before = roster.read_bytes()
    refused(run("--db", demo_db, *writers(roster, roster)["errors"], "--force"),
            "the file being imported")
    assert roster.read_bytes() == before
    for kind in ("packet", "report", "ics", "export", "backup", "list"):
        refused(run("--db", demo_db, *writers(tmp_path, roster)[kind], "--force"), "folder")
    device = Path("/dev/null")
    linked = tmp_path / "null.csv"
    linked.symlink_to(device)
    for kind in ("packet", "ics", "export", "errors", "backup"):
        target = linked if kind in ("export", "errors") else device
        refused(run("--db", demo_db, *writers(target, roster)[kind], "--force"),
                "not an ordinary file")
        assert stat.S_ISCHR(device.stat().st_mode)


@pytest.mark.parametrize("kind,name", [
    ("packet", "p.pdf"), ("report", "r.pdf"), ("ics", "d.ics"), ("export", "people.xlsx"),
    ("errors", "errors.csv"), ("backup", "b.zip"),
])
def test_an_existing_file_needs_force_and_every_output_is_private(
    kind: str, name: str, demo_db: str, roster: Path, tmp_path: Path
) -> None:
    target = tmp_path / name
    target.write_bytes(b"keep me")
    target.chmod(0o644)
    refused(run("--db", demo_db, *writers(target, roster)[kind]),
            "already exists; choose another name, or allow replacing it (--force replaces it)")
    assert target.read_bytes() == b"keep me"
    result = run("--db", demo_db, *writers(target, roster)[kind], "--force")
    assert result.returncode in (0, 1), result.stderr  # 1: the roster's rows not imported
    assert target.read_bytes() != b"keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "roster.csv"])
    fresh = tmp_path / f"new-{name}"
    result = run("--db", demo_db, *writers(fresh, roster)[kind])
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_force_alone_is_refused(demo_db: str) -> None:
    refused(run("--db", demo_db, "deadlines", "--force"), "--ics")
