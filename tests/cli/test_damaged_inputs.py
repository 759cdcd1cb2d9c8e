"""Damaged, odd or hostile inputs get one clear line naming what is wrong, never an
internal error: a damaged or read-only database, a mistyped --db, dates out of range, an
empty ECCN, a 20-digit id, a full disk or a folder that cannot be written; and text from
the database cannot drive the terminal."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbsupport import postgres_url, reset_postgres

from licenseapp.cli.main import main
from licenseapp.cli.output import safe_text
from licenseapp.services.failures import explain
from licenseapp.store import file_checks


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str, *needles: str) -> str:
    assert code not in (0, 70), err
    assert "internal error" not in err and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small SQLite demo database, copied by the tests that damage it."""
    path = tmp_path_factory.mktemp("damaged") / "demo.db"
    assert main(["--db", str(path), "demo", "--size", "20"]) == 0
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[str]:
    """The demo database on the backend under test (a fresh copy on SQLite)."""
    url = postgres_url()
    if url:
        reset_postgres(url)
        assert main(["--db", url, "demo", "--size", "20"]) == 0
        yield url
    else:
        copy = tmp_path / "demo.db"
        shutil.copyfile(demo_file, copy)
        yield str(copy)


def _damage(source: Path, target: Path, offset: int, data: bytes) -> Path:
    content = bytearray(source.read_bytes())
    content[offset:offset + len(data)] = data
    target.write_bytes(bytes(content))
    return target


# --- a damaged database -----------------------------------------------------------------

def test_random_bytes_in_the_middle_say_damaged_on_every_command(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    size = demo_file.stat().st_size
    noise = bytes((i * 97 + 13) % 256 for i in range(8192))
    broken = _damage(demo_file, tmp_path / "broken.db", size // 2 - 4096, noise)
    for command in (["list"], ["verify"], ["verify", "--json"], ["deadlines"]):
        code, _, err = run(capsys, "--db", str(broken), *command)
        if code == 0 and command[0] in ("list", "deadlines"):
            continue  # read nothing from the damaged pages
        line = one_line_error(code, err, str(broken), "is damaged",
                              "restore your last backup", "restore BACKUP")
        assert "not a LicenseApp database" not in line


def test_text_that_is_not_utf8_in_the_schema_says_damaged(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes that are not UTF-8 in a table's name once made every command a
    UnicodeDecodeError."""
    content = demo_file.read_bytes()
    at = content.index(b"CREATE TABLE applications")
    broken = _damage(demo_file, tmp_path / "broken.db", at + 13, b"\x90\xff")
    for command in ("list", "verify"):
        code, _, err = run(capsys, "--db", str(broken), command)
        one_line_error(code, err, "is damaged")
    assert broken.read_bytes()[at + 13:at + 15] == b"\x90\xff"  # left untouched


def test_a_damaged_page_met_during_a_command_says_damaged() -> None:
    from sqlalchemy.exc import DatabaseError as SADatabaseError

    failure = SADatabaseError("SELECT", {}, sqlite3.DatabaseError(
        "database disk image is malformed"))
    message = explain(failure)
    assert message is not None and message.startswith("the database file is damaged")
    text = sqlite3.OperationalError("Could not decode to UTF-8 column 'name' with text 'Ann'")
    said = explain(SADatabaseError("SELECT", {}, text))
    assert said is not None and "damaged" in said and "Ann" not in said


def test_a_foreign_sqlite_file_is_still_not_ours(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    code, _, err = run(capsys, "--db", str(other), "list")
    one_line_error(code, err, "not a LicenseApp database")


# --- read-only ------------------------------------------------------------------------

def test_a_read_only_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "ro" / "x.db"
    db.parent.mkdir()
    db.write_bytes(b"")
    real_access = os.access
    monkeypatch.setattr(file_checks.os, "access",
                        lambda p, mode: Path(p) != db.parent and real_access(p, mode))
    error = file_checks.read_failure(db, sqlite3.OperationalError(
        "attempt to write a readonly database"))
    assert "read-only folder" in error.message
    assert f"the folder {db.parent} cannot be written" in error.message


def test_a_read_only_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"")
    monkeypatch.setattr(file_checks.os, "access", lambda p, mode: Path(p) != db)
    error = file_checks.read_failure(db, sqlite3.OperationalError(
        "attempt to write a readonly database"))
    assert error.message.startswith(f"{db} is read-only")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_database_in_a_read_only_folder_for_real(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copyfile(demo_file, folder / "x.db")
    folder.chmod(0o555)
    try:
        code, _, err = run(capsys, "--db", str(folder / "x.db"), "list")
        one_line_error(code, err, "read-only", str(folder))
    finally:
        folder.chmod(0o755)


# --- a mistyped --db ------------------------------------------------------------------

def test_a_db_in_a_missing_folder_is_refused_but_init_creates_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "typo" / "deeper" / "x.db"
    code, _, err = run(capsys, "--db", str(target), "list")
    one_line_error(code, err, f"the folder {target.parent} does not exist",
                   "check the path", "create the database with init")
    assert not (tmp_path / "typo").exists()
    code, _, _ = run(capsys, "--db", str(target), "init")
    assert code == 0 and target.exists()
    code, _, _ = run(capsys, "--db", str(target), "list")
    assert code == 0


def test_a_db_naming_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path), "list")
    one_line_error(code, err, f"{tmp_path} is a folder, not a database file")


@pytest.mark.parametrize("name", ["a" * 5000, "/".join(["b" * 200] * 25)])
def test_a_db_path_too_long(tmp_path: Path, name: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / name), "list")
    line = one_line_error(code, err, "too long")
    assert len(line) < 300


# --- values out of range --------------------------------------------------------------

@pytest.mark.parametrize("argv, field", [
    (["status", "LA-2026-0001", "submitted", "--date", "0001-01-01"], "--date"),
    (["status", "LA-2026-0001", "approved", "--valid-until", "9999-12-31"], "--valid-until"),
    (["determine", "--eccn", "4E091", "--citizenship", "CN", "--date", "0001-01-01"],
     "--date"),
    (["determine", "--eccn", "4E091", "--citizenship", "CN:0001-01-01"], "--citizenship"),
    (["determine", "--eccn", "4E091", "--residency", "CA:9999-12-31"], "--residency"),
    (["deadlines", "--snooze", "x", "--until", "0001-01-01"], "--until"),
    (["impact", "--rules", "ear-baseline", "--date", "0001-01-01"], "--date"),
    (["access", "grant", "P-0001", "I-0001", "--since", "0001-01-01"], "--since"),
])
def test_dates_out_of_range(demo_db: str, capsys: pytest.CaptureFixture[str],
                            argv: list[str], field: str) -> None:
    code, _, err = run(capsys, "--db", demo_db, *argv)
    one_line_error(code, err, f"{field}:", "out of range", "1900-01-01")


def test_an_empty_eccn(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", demo_db, "determine", "--eccn", "")
    one_line_error(code, err, "--eccn:", "is not an ECCN")


@pytest.mark.parametrize("number", ["12345678901234567890", "2147483648", "-5", "#0"])
def test_detach_a_number_too_large(demo_db: str, capsys: pytest.CaptureFixture[str],
                                   number: str) -> None:
    code, _, err = run(capsys, "--db", demo_db, "detach", number)
    one_line_error(code, err, "ID:", "is not an attachment number")


def test_detach_the_largest_id_is_simply_not_found(
        demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", demo_db, "detach", "2147483647")
    one_line_error(code, err, "no attachment #2147483647")


# --- files that cannot be written -----------------------------------------------------

@pytest.mark.parametrize("code, words", [
    (errno.EACCES, "permission denied"),
    (errno.EROFS, "read-only disk"),
    (errno.ENOSPC, "the disk is full"),
    (errno.ENAMETOOLONG, "too long"),
    (errno.EISDIR, "is a folder"),
])
def test_operating_system_failures_name_the_path(code: int, words: str) -> None:
    message = explain(OSError(code, os.strerror(code), "/srv/out/errors.csv"))
    assert message is not None
    assert message.startswith("/srv/out/errors.csv ") and words in message


def test_a_full_disk_while_copying_a_database() -> None:
    message = explain(sqlite3.OperationalError("database or disk is full"))
    assert message is not None and "disk is full" in message and "nothing was saved" in message


def test_import_errors_into_an_unwritable_folder(
        demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from licenseapp.services.output import output_files

    roster = tmp_path / "people.csv"
    roster.write_text("given_name,family_name\nAnn,\n", encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    monkeypatch.setattr(output_files.tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, "--db", demo_db, "import", "people", str(roster),
                       "--errors", str(folder / "rejected.csv"))
    one_line_error(code, err, str(folder / "rejected.csv"), "Permission denied")


def test_an_unexpected_permission_error_is_still_one_line(
        demo_db: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from licenseapp.cli import records

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/locked/file")

    monkeypatch.setattr(records, "print_table", refuse)
    code, _, err = run(capsys, "--db", demo_db, "list")
    one_line_error(code, err, "/srv/locked/file", "permission denied")


# --- the terminal ---------------------------------------------------------------------

HOSTILE = "x\x1b[2J\x1b[31mAPPROVED\x1b[0m\u202eevil\x85\x07"


def test_safe_text_escapes_controls_and_bidi_visibly() -> None:
    assert safe_text(HOSTILE) == (
        "x\\x1b[2J\\x1b[31mAPPROVED\\x1b[0m\\u202eevil\\x85\\x07")
    assert safe_text("Nguyễn Thị\tHương\n") == "Nguyễn Thị\tHương\n"
    assert safe_text(safe_text(HOSTILE)) == safe_text(HOSTILE)


def test_a_hostile_owner_cannot_drive_the_terminal(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "hostile.db"
    shutil.copyfile(demo_file, db)
    with sqlite3.connect(db) as conn:  # written behind the app's back
        conn.execute("UPDATE applications SET owner = ? WHERE ref = 'LA-2026-0001'",
                     (HOSTILE,))
    conn.close()
    for argv in (["list"], ["show", "LA-2026-0001"], ["list", "--owner", HOSTILE]):
        code, out, err = run(capsys, "--db", str(db), *argv)
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out and "\x85" not in out
        assert "\\x1b[31mAPPROVED" in out
    code, out, _ = run(capsys, "--db", str(db), "list", "--json")
    assert code == 0 and "\x1b" not in out and "\u202e" not in out and "\x85" not in out
    owners = [row.get("owner") for row in json.loads(out)]
    assert HOSTILE in owners  # the JSON value is exact, only written escaped
    code, _, err = run(capsys, "--db", str(db), "show", HOSTILE)
    assert code != 0 and "\x1b" not in err and "\u202e" not in err


def test_a_db_naming_a_pipe_does_not_hang(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    code, _, err = run(capsys, "--db", str(pipe), "list")
    one_line_error(code, err, f"{pipe} is not an ordinary file")


def test_a_usage_error_quoting_control_characters_stays_one_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["list", "--json", "\x1e0\x1b[31m"])
    _, err = capsys.readouterr()
    assert exit_.value.code == 2
    assert err.count("\n") == 1 and "\x1b" not in err and "\\x1e0\\x1b[31m" in err
