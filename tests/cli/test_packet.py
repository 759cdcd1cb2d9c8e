"""``licenseapp packet REF -o FILE``, run as a user runs it: in a subprocess."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factories import make_application


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "licenseapp", *args],
        capture_output=True, timeout=300, env=dict(os.environ),
    )


def one_line_error(result: subprocess.CompletedProcess[bytes], needle: str) -> None:
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err


@pytest.fixture
def database(db_url: str) -> Iterator[str]:
    from licenseapp.store.database import open_database

    db = open_database(db_url)
    try:
        make_application(db, "LA-2026-0042", native="محمد الفارسي", citizenship="SA")
        make_application(db, "LA-2026-0043", status="ready")
    finally:
        db.dispose()
    yield db_url


def test_packet_is_written_with_its_hash(database: str, tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    result = run("--db", database, "packet", "la-2026-0042", "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    content = target.read_bytes()
    assert content.startswith(b"%PDF-")
    out = result.stdout.decode()
    assert "LA-2026-0042" in out and str(target) in out
    assert f"SHA-256 {hashlib.sha256(content).hexdigest()}" in out


def test_the_same_record_prints_the_same_bytes(database: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run("--db", database, "packet", "LA-2026-0043", "-o", str(first)).returncode == 0
    assert run("--db", database, "packet", "LA-2026-0043", "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_packet_to_standard_output(database: str) -> None:
    result = run("--db", database, "packet", "LA-2026-0043", "-o", "-")
    assert result.returncode == 0
    assert result.stdout.startswith(b"%PDF-") and result.stdout.rstrip().endswith(b"%%EOF")
    assert b"SHA-256" in result.stderr


def test_unknown_reference(database: str, tmp_path: Path) -> None:
    result = run("--db", database, "packet", "LA-2026-0999", "-o", str(tmp_path / "x.pdf"))
    one_line_error(result, "LA-2026-0999")
    assert not (tmp_path / "x.pdf").exists()


def test_malformed_reference(database: str, tmp_path: Path) -> None:
    result = run("--db", database, "packet", "42", "-o", str(tmp_path / "x.pdf"))
    one_line_error(result, "REF")


def test_missing_output_folder(database: str, tmp_path: Path) -> None:
    result = run("--db", database, "packet", "LA-2026-0042", "-o",
                 str(tmp_path / "nowhere" / "x.pdf"))
    one_line_error(result, "does not exist")


def test_output_is_required(database: str) -> None:
    result = run("--db", database, "packet", "LA-2026-0042")
    assert result.returncode == 2 and b"-o" in result.stderr


def test_command_line_start_does_not_load_reportlab() -> None:
    code = ("import sys, licenseapp.cli.main as m, licenseapp.cli.printing\n"
            "assert m.build_parser()\n"
            "print(sorted(n for n in sys.modules if n.startswith('reportlab')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("kind", ["pending", "expiring"])
def test_reports_are_written(database: str, tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.pdf"
    result = run("--db", database, "report", kind, "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    assert target.read_bytes().startswith(b"%PDF-")


def test_case_report_has_history(database: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "case.pdf"
    result = run("--db", database, "report", "case", "LA-2026-0043", "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    text = "\n".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "LA-2026-0043" in text and "History" in text and "Ready to file" in text


def test_case_report_needs_a_reference(database: str, tmp_path: Path) -> None:
    one_line_error(run("--db", database, "report", "case", "-o", str(tmp_path / "x.pdf")),
                   "needs an application reference")
