"""``licenseapp packet REF -o FILE --full-document-numbers``, run in a subprocess as a user
runs it; refused together with ``--filed``."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factories import make_application

REF = "LA-2026-0042"
VISA = "V12345678"  # the number factories.make_application stores


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", *args],
        capture_output=True, timeout=300, env=dict(os.environ),
    )


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


@pytest.fixture
def database(db_url: str) -> Iterator[str]:
    from licenseapp.store.database import open_database

    db = open_database(db_url)
    try:
        make_application(db, REF)
    finally:
        db.dispose()
    yield db_url


def test_numbers_are_masked_without_the_flag(database: str, tmp_path: Path) -> None:
    target = tmp_path / "masked.pdf"
    result = run("--db", database, "packet", REF, "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    text = _text(target)
    assert VISA not in text and "••••••678" in text
    assert "Document numbers masked" in text
    assert "document numbers in full" not in result.stdout.decode()


def test_the_flag_prints_numbers_in_full(database: str, tmp_path: Path) -> None:
    target = tmp_path / "full.pdf"
    result = run("--db", database, "packet", REF, "-o", str(target), "--full-document-numbers")
    assert result.returncode == 0, result.stderr.decode()
    text = _text(target)
    assert VISA in text
    assert "Document numbers printed in full — handle as personal data" in text
    out = result.stdout.decode()
    assert "document numbers in full" in out
    assert f"SHA-256 {hashlib.sha256(target.read_bytes()).hexdigest()}" in out


def test_the_flag_with_filed_is_refused_in_one_line(database: str, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    result = run("--db", database, "packet", REF, "-o", str(target), "--filed",
                 "--full-document-numbers")
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert "--full-document-numbers" in err and "--filed" in err
    assert "exactly as it was filed" in err
    assert result.stdout == b""
    assert not target.exists()


def test_the_flag_is_in_the_help() -> None:
    result = run("packet", "--help")
    assert result.returncode == 0
    assert b"--full-document-numbers" in result.stdout
