"""Every output file: never the database, an input, a folder or a device; an existing file
only when replacing is allowed; written whole or not at all, readable by its owner only."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from licenseapp.errors import LicenseAppError
from licenseapp.services.exchange.exports import export
from licenseapp.services.output.output_files import (
    OutputExists,
    check_output,
    write_atomically,
    write_bytes_atomically,
)
from licenseapp.store.database import Database

DEVICE = Path("/dev/null")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_the_database_and_its_working_files_are_refused(tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    database.write_bytes(b"SQLite format 3\0")
    for target in (database, Path(f"{database}-wal"), Path(f"{database}-shm"),
                   Path(f"{database}-journal")):
        with pytest.raises(LicenseAppError, match="open database") as refused:
            check_output(target, database=database, replace=True)
        assert "--" not in refused.value.message
    assert database.read_bytes() == b"SQLite format 3\0"


def test_the_database_is_recognised_through_links_and_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "a.db"
    database.write_bytes(b"db")
    (tmp_path / "link.db").symlink_to(database)
    os.link(database, tmp_path / "hard.db")
    monkeypatch.chdir(tmp_path)
    for target in (Path("link.db"), Path("hard.db"), Path("./sub/../a.db")):
        with pytest.raises(LicenseAppError, match="open database"):
            check_output(target, database=database, replace=True)


def test_an_input_a_folder_a_device_and_a_dangling_link_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "roster.csv"
    source.write_text("given_name\n")
    with pytest.raises(LicenseAppError, match="file being read"):
        check_output(source, inputs=(source,), replace=True)
    with pytest.raises(LicenseAppError, match="is a folder"):
        check_output(tmp_path, replace=True)
    with pytest.raises(LicenseAppError, match="not an ordinary file"):
        check_output(DEVICE, replace=True)
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    with pytest.raises(LicenseAppError, match="link"):
        check_output(tmp_path / "dangling.csv")
    with pytest.raises(LicenseAppError, match="does not exist"):
        check_output(tmp_path / "no" / "x.csv")
    assert source.read_text() == "given_name\n"


def test_an_existing_file_is_refused_unless_replacing_is_allowed(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert check_output(target) == target
    target.write_text("keep")
    with pytest.raises(OutputExists) as refused:
        check_output(target)
    assert refused.value.message == (f"{target} already exists; choose another name, or "
                                     "allow replacing it")
    assert check_output(target, replace=True) == target


def test_the_file_is_private_from_the_first_byte_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o644)
    modes: list[int] = []

    def writer(tmp: Path) -> str:
        modes.append(_mode(tmp))
        assert tmp.parent == tmp_path and tmp.suffix == ".txt" and tmp != target
        assert target.read_text() == "old"  # untouched until complete
        tmp.write_text("new")
        return "done"

    assert write_atomically(target, writer) == "done"
    assert modes == [0o600]
    assert target.read_text() == "new" and _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failing_writer_leaves_no_partial_file_and_the_old_one_intact(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.csv"

    def fails(tmp: Path) -> None:
        tmp.write_text("half a ")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomically(target, fails)
    assert list(tmp_path.iterdir()) == []
    target.write_text("earlier")
    with pytest.raises(RuntimeError):
        write_atomically(target, fails)
    assert _snapshot(tmp_path) == {"out.csv": b"earlier"}

    def os_fails(tmp: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(LicenseAppError, match="No space left"):
        write_atomically(target, os_fails)
    assert _snapshot(tmp_path) == {"out.csv": b"earlier"}


def test_a_device_is_never_replaced_even_when_replacing(tmp_path: Path) -> None:
    with pytest.raises(LicenseAppError, match="not an ordinary file"):
        write_bytes_atomically(DEVICE, b"x")
    assert stat.S_ISCHR(DEVICE.stat().st_mode)


def test_an_export_is_refused_onto_the_database_and_written_private(
    db: Database, tmp_path: Path
) -> None:
    if db.location.sqlite_path is not None:
        before = db.location.sqlite_path.read_bytes()
        with pytest.raises(LicenseAppError, match="open database"):
            export(db, "people", db.location.sqlite_path, replace=True)
        assert db.location.sqlite_path.read_bytes() == before
    target = tmp_path / "people.csv"
    assert export(db, "people", target) == 0
    assert _mode(target) == 0o600
    with pytest.raises(OutputExists):
        export(db, "people", target)
    assert export(db, "people", target, replace=True) == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
