"""The rows of an import as a table model, without a dialog: every outcome reads in the
user's words, and 100,000 rows filter without a Python call per row from the view."""

from __future__ import annotations

import time

from licenseapp.domain.column_mapping import ColumnMapping
from licenseapp.domain.import_outcomes import (
    CellProblem,
    Change,
    ImportReport,
    Outcome,
    RowOutcome,
)
from licenseapp.gui.importing.outcomes_model import Col, OutcomesModel, RowTexts

LABELS = {"job_title": "Job title", "citizenships": "Citizenships", "employer": "Employer"}


def report(rows: tuple[RowOutcome, ...]) -> ImportReport:
    return ImportReport("people", "roster.csv", "CSV, comma-separated, UTF-8", rows,
                        ColumnMapping((("Position", "job_title"),
                                       ("Nationality", "citizenships"))), dry_run=True)


SAMPLE = (
    RowOutcome(2, Outcome.ADDED, "P-0003 José Núñez"),
    RowOutcome(3, Outcome.UPDATED, "P-0001 Ana Souza",
               changes=(Change("job_title", "", "Analyst"),)),
    RowOutcome(5, Outcome.REJECTED, problems=(
        CellProblem("citizenships", "Atlantis", "'Atlantis' is not a country we know",
                    "write its ISO code"),
        CellProblem("employer", "Acme", "no organization is called 'Acme'",
                    "add the organization first"))),
    RowOutcome(6, Outcome.NEEDS_CONFIRMATION, candidate="P-0002 Wei Zhang, born 1988-01-10",
               problems=(CellProblem("given_name", "Wei Zhang", "may be P-0002 Wei Zhang, "
                                     "born 1988-01-10: the same name", "confirm"),)),
    RowOutcome(7, Outcome.UNCHANGED, "P-0002 Dmitri Ivanov", note="the same as row 2"),
)


def cells(model: OutcomesModel, col: Col) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_every_outcome_reads_in_the_users_words(qtmodeltester) -> None:
    model = OutcomesModel("Person")
    model.set_report(report(SAMPLE), RowTexts(LABELS, {"job_title": "Position",
                                                       "citizenships": "Nationality"}))
    qtmodeltester.check(model)
    assert cells(model, Col.ROW) == ["2", "3", "5", "6", "7"]
    assert cells(model, Col.OUTCOME) == ["Added", "Updated", "Rejected", "To confirm",
                                         "Unchanged"]
    assert cells(model, Col.DETAIL)[1] == "Job title: (empty) → Analyst"
    assert cells(model, Col.COLUMN)[2] == "Citizenships, Employer"
    assert cells(model, Col.DETAIL)[2] == "'Atlantis' is not a country we know (+1 more)"
    assert cells(model, Col.RECORD)[3] == "may be P-0002 Wei Zhang, born 1988-01-10"
    assert cells(model, Col.DETAIL)[4] == "the same as row 2"
    details = model.texts.details(SAMPLE[2]).splitlines()
    assert details == [
        "Row 5: rejected",
        "• Citizenships (file column Nationality) 'Atlantis': 'Atlantis' is not a country we "
        "know. Fix: write its ISO code.",
        "• Employer 'Acme': no organization is called 'Acme'. Fix: add the organization first."]

    model.set_shown({Outcome.REJECTED, Outcome.NEEDS_CONFIRMATION})
    qtmodeltester.check(model)
    assert cells(model, Col.ROW) == ["5", "6"]
    assert model.position_of(6) == 1 and model.position_of(2) == -1


def test_a_hundred_thousand_rows_filter_at_once() -> None:
    outcomes = list(Outcome)
    rows = tuple(RowOutcome(n + 2, outcomes[n % 5], f"P-{n:06d} Someone",
                            problems=(CellProblem("email", "x", "not an address", "fix it"),)
                            if outcomes[n % 5] is Outcome.REJECTED else ())
                 for n in range(100_000))
    model = OutcomesModel()
    started = time.perf_counter()
    model.set_report(report(rows))
    model.set_shown({Outcome.REJECTED})
    assert model.rowCount() == 20_000
    model.set_shown(set(Outcome))
    assert model.rowCount() == 100_000
    assert time.perf_counter() - started < 0.5
    assert model.index(99_999, Col.ROW).data() == "100001"
