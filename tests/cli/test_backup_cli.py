"""``backup [--encrypt]`` and ``restore`` on the command line, and a backup killed at random
points: never a file under the final name unless it is complete and valid."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbsupport import postgres_url, reset_postgres

from licenseapp.services.safety.archive_checking import open_zip, read_manifest, validate
from licenseapp.services.safety.archive_encryption import MAGIC, PASSPHRASE_ENV
from licenseapp.store import migrate

PASSPHRASE = "correct horse battery"


def run(*args: str, env: dict[str, str] | None = None,
        stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})},
                          stdin=stdin)


def one_line_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert needle in lines[0], lines[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo database of 3000 applications on the backend under test."""
    url = postgres_url()
    if url:
        reset_postgres(url)
        target = url
    else:
        target = str(tmp_path_factory.mktemp("demo") / "demo.db")
    result = run("--db", target, "demo", "--size", "3000")
    assert result.returncode == 0, result.stderr
    yield target


def test_an_encrypted_backup_from_the_command_line(demo_db: str, tmp_path: Path) -> None:
    target = tmp_path / "secret.zip"
    env = {PASSPHRASE_ENV: PASSPHRASE}
    done = run("--db", demo_db, "backup", str(target), "--encrypt", env=env)
    assert done.returncode == 0, done.stderr
    assert "encrypted portable archive" in done.stdout
    assert target.read_bytes().startswith(MAGIC)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    into = str(tmp_path / "restored.db")
    one_line_error(run("--db", into, "restore", str(target),
                       env={PASSPHRASE_ENV: "not the passphrase"}),
                   "wrong passphrase for secret.zip")
    # No passphrase and no terminal to ask at: one sentence, not a hang.
    no_env = {k: v for k, v in os.environ.items() if k != PASSPHRASE_ENV}
    result = subprocess.run([sys.executable, "-m", "licenseapp", "--db", into, "restore",
                             str(target)], capture_output=True, text=True, timeout=300,
                            env=no_env, stdin=subprocess.DEVNULL)
    one_line_error(result, "set LICENSEAPP_BACKUP_PASSPHRASE")
    restored = run("--db", into, "restore", str(target), env=env)
    assert "Restored" in restored.stdout and "Traceback" not in restored.stderr, restored.stderr


def test_encrypt_without_a_passphrase_writes_nothing(demo_db: str, tmp_path: Path) -> None:
    no_env = {k: v for k, v in os.environ.items() if k != PASSPHRASE_ENV}
    result = subprocess.run([sys.executable, "-m", "licenseapp", "--db", demo_db, "backup",
                             str(tmp_path / "b.zip"), "--encrypt"], capture_output=True,
                            text=True, timeout=300, env=no_env, stdin=subprocess.DEVNULL)
    one_line_error(result, "set LICENSEAPP_BACKUP_PASSPHRASE")
    assert list(tmp_path.iterdir()) == []


def _valid(target: Path, passphrase: str | None) -> None:
    """A complete backup: every check restore makes before writing passes."""
    if target.suffix == ".db":
        assert migrate.inspect_sqlite_file(target).state is migrate.SchemaState.CURRENT
        return
    zf, underneath = open_zip(target, passphrase)
    try:
        arc = read_manifest(target, zf)
        validate(arc, None)
        assert arc.tables["applications"]["rows"] == 3000
    finally:
        zf.close()
        if underneath is not None:
            underneath.close()


KILLS = [("b.zip", None, 1.0), ("b.zip", None, 2.0), ("b.zip", None, 3.5),
         ("e.zip", PASSPHRASE, 2.5), ("snap.db", None, 1.2)]


@pytest.mark.parametrize(("name", "passphrase", "delay"), KILLS)
def test_a_killed_backup_leaves_no_file_under_its_name_unless_complete(
        demo_db: str, tmp_path: Path, name: str, passphrase: str | None, delay: float) -> None:
    if name.endswith(".db") and "://" in demo_db:
        pytest.skip("a .db snapshot is of a SQLite database")
    target = tmp_path / name
    args = ["--db", demo_db, "backup", str(target)] + (["--encrypt"] if passphrase else [])
    env = {**os.environ}
    if passphrase:
        env[PASSPHRASE_ENV] = passphrase
    proc = subprocess.Popen([sys.executable, "-m", "licenseapp", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for leftover in tmp_path.iterdir():  # a killed writer's temporary is hidden and private
        if leftover != target:
            assert leftover.name.startswith("."), leftover
            assert stat.S_IMODE(leftover.stat().st_mode) == 0o600
    if target.exists():  # the rename happened: the file must be whole
        _valid(target, passphrase)
    # A retry is not blocked by what the killed one left.
    retry = run(*args, *(["--force"] if target.exists() else []),
                env={PASSPHRASE_ENV: passphrase or ""})
    assert retry.returncode == 0, retry.stderr
    _valid(target, passphrase)
