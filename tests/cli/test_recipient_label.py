"""The person of a UK or DDTC case is named in its regulator's word (#17 point 2): ``show``
and the case record said "Foreign national:" (BIS's word) on SIEL and DSP-5 cases too."""

from __future__ import annotations

import pytest
from factories import make_application

from licenseapp.cli.main import main
from licenseapp.services.reports.building import build_report
from licenseapp.services.reports.request import ReportKind, ReportRequest
from licenseapp.store.database import Database

CASES = [("LA-2026-0201", "ECJU", "Recipient"), ("LA-2026-0202", "DDTC", "Foreign person"),
         ("LA-2026-0203", "BIS", "Foreign national")]


@pytest.mark.parametrize(("ref", "regulator", "word"), CASES)
def test_show_and_the_case_record_name_the_person_in_the_forms_word(
        db: Database, db_url: str, capsys: pytest.CaptureFixture[str],
        ref: str, regulator: str, word: str) -> None:
    make_application(db, ref, regulator=regulator)
    capsys.readouterr()
    assert main(["--db", db_url, "show", ref]) == 0
    shown = capsys.readouterr().out
    (line,) = [x for x in shown.splitlines() if "[P-" in x]
    assert line.startswith(f"  {word}:") and line.index("[P-") > 20
    assert (word == "Foreign national") == ("Foreign national" in shown)
    record = build_report(db, ReportRequest(ReportKind.CASE, ref)).text()
    assert f"{word}: " in record
    assert (word == "Foreign national") == ("Foreign national" in record)
