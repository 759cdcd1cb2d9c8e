"""A directive's notices (#14, point 4): one RFC 5322 .eml file per recipient (the person
and their supervisor), UTF-8, never replacing a file, each recorded in the person's history."""

from __future__ import annotations

import email
import email.policy
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from licenseapp.cli.main import main
from licenseapp.demo.dataset import generate_demo
from licenseapp.errors import LicenseAppError
from licenseapp.services.directive.impact import impact
from licenseapp.services.directive.notices import write_notices
from licenseapp.services.safety.audit_history import record_history
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import Person

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db)
    return db


def _read(path: Path) -> email.message.EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_each_affected_person_and_supervisor_gets_a_notice_recorded_in_history(
        demo: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "notices"
    tmp_path.mkdir()
    report = impact(demo, DIRECTIVE, ON)
    pairs = [*report.pairs, *getattr(report, "already_required", ())]  # both groups
    affected = {p.person_ref for p in pairs if not p.license_number}
    result = write_notices(demo, DIRECTIVE, tmp_path, ON)
    assert {f.person_ref for f in result.files} == affected
    persons = [f for f in result.files if f.recipient == "person"]
    assert len(persons) == len(affected)
    assert {f.path.name for f in persons} == {f"{ref}-person.eml" for ref in affected}
    with demo.reading() as session:
        people = {p.ref: p for p in session.execute(select(Person)).scalars()}
    for notice in result.files:
        raw = notice.path.read_bytes()
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF, RFC 5322
        message = _read(notice.path)
        person = people[notice.person_ref]
        name = f"{person.given_name} {person.family_name}"
        assert "Directive on Frontier AI Model Access (2026)" in message["Subject"]
        assert message["From"] and message["Date"] and message["Message-ID"]
        assert message.get_content_charset() == "utf-8"
        body = message.get_content()
        assert name in body and "in force from November 20, 2026" in body
        assert "requires an individual export license for" in body
        assert "{" not in body
        if notice.recipient == "person":
            assert message["To"].addresses[0].addr_spec == person.email
            assert body.startswith(f"Dear {name},")
        else:
            supervisor = person.supervisor.split(",")[0]
            assert body.startswith(f"Dear {supervisor},") and "who reports to you" in body
    # Non-ASCII names survive the headers (RFC 2047) and the body (UTF-8).
    assert any(not f.person_name.isascii() for f in result.files)
    for notice in (f for f in result.files if not f.person_name.isascii()):
        assert notice.person_name in _read(notice.path).get_content()
    # Recorded in each person's history.
    some = persons[0]
    history = record_history(demo, "people", people[some.person_ref].id)
    assert any(e.summary.startswith("Notice of Directive on Frontier AI Model Access (2026) "
                                    f"written for {some.person_name}") for e in history)
    assert verify(demo).ok


def test_a_notice_never_replaces_a_file(demo: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "notices"
    tmp_path.mkdir()
    first = write_notices(demo, DIRECTIVE, tmp_path, ON)
    kept = {f.path: f.path.read_bytes() for f in first.files}
    second = write_notices(demo, DIRECTIVE, tmp_path, ON)
    assert all(path.read_bytes() == data for path, data in kept.items())
    assert {f.path.name for f in second.files} == {
        f"{p.stem} (2).eml" for p in kept}


def test_a_template_with_an_unknown_placeholder_writes_nothing(
        demo: Database, tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    with pytest.raises(LicenseAppError, match=r"\{person.fulname\}"):
        write_notices(demo, DIRECTIVE, folder, ON,
                      person_template="Subject: Hi\nDear {person.fulname},")
    assert list(folder.iterdir()) == []


def test_the_command_writes_the_notices_with_a_template_of_the_users(
        demo: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "notice.txt"
    template.write_text("Subject: Zugang gesperrt — {directive.title}\n"
                        "Liebe(r) {person.full_name},\nIhr Zugang zu {access.items} ist "
                        "gesperrt.\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code = main(["--db", db_url, "notices", "--rules", DIRECTIVE, "--dir", str(out_dir),
                 "--date", ON.isoformat(), "--person-template", str(template)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("Wrote ") and f"under {DIRECTIVE} to {out_dir}" in out
    notice = _read(next(out_dir.glob("*-person.eml")))
    assert notice["Subject"].startswith("Zugang gesperrt — Directive on Frontier AI")
    assert "ist gesperrt." in notice.get_content()
