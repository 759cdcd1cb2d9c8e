"""``settings periods`` and ``settings correct-period``: the command line corrects an
unconfirmed period as the Settings dialog does, and ``show`` then counts with it and says
the team corrected it; a confirmed period is refused in words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from factories import make_application

from licenseapp.cli.main import main
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.period_corrections import install
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.store.database import Database


@pytest.fixture(autouse=True)
def _none_installed_after() -> Iterator[None]:
    yield
    install(())


def test_the_command_line_corrects_a_period_and_show_counts_with_it(
        db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    make_application(db, "LA-2026-0031", regulator="ECJU", status="submitted")
    now = datetime(2027, 1, 6, 16, 0, tzinfo=UTC)
    for target, on in ((S.REGISTERED, date(2026, 11, 2)), (S.DENIED, date(2026, 12, 20))):
        change_status(db, StatusChange("LA-2026-0031", target, on=on,
                                       regulator_ref="GBSIEL/2026/0000031/P"),
                      actor="mchen", now=now)
    assert main(["--db", db_url, "settings", "periods"]) == 0
    listed = capsys.readouterr().out
    assert "appeal_window" in listed and "the file's figure (unconfirmed)" in listed
    assert main(["--db", db_url, "settings", "correct-period", "ECJU", "appeal_window", "20",
                 "--working", "--source", "refusal letter of 20 December 2026"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "show", "LA-2026-0031"]) == 0
    shown = capsys.readouterr().out
    assert "2027-01-20" in shown and "corrected by the team" in shown
    assert main(["--db", db_url, "settings", "correct-period", "BIS", "appeal_window", "30",
                 "--source", "a letter"]) != 0
    assert "confirmed against its source" in capsys.readouterr().err
    assert main(["--db", db_url, "settings", "correct-period", "ECJU", "appeal_window",
                 "--use-file"]) == 0


def test_the_command_line_chooses_the_holidays_ecju_counts_by(
        db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "settings", "correct-calendar", "ECJU", "SCT",
                 "--source", "ECJU's letter of 2 March 2027"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "settings", "periods"]) == 0
    assert "ECJU working days skip: Scotland bank holidays (Corrected by the team" in (
        capsys.readouterr().out)
    assert main(["--db", db_url, "settings", "correct-calendar", "ECJU", "--use-file"]) == 0
