"""A UK licence's deadlines say "licence" in the deadlines screen's Kind column (and in the
calendar's titles without names), as their What text already does; a U.S. license's say
"license". The word is the form spec's ``license`` term, not a test of the regulator."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import make_application
from PySide6.QtCore import Qt

from licenseapp.domain.deadlines import license_deadlines
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.gui.tracking.deadlines_model import DeadlineColumn, DeadlinesTableModel
from licenseapp.services.follow_up.calendar_feed import FeedOptions, calendar_feed
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.store.database import Database

TODAY = date(2027, 1, 6)
NOW = datetime(2027, 1, 6, 16, 0, tzinfo=UTC)


def _approve(db: Database, ref: str, regulator: str, case: str, number: str) -> None:
    make_application(db, ref, regulator=regulator, status="submitted")
    for target, on, extra in (
            (S.REGISTERED, date(2026, 10, 1), {"regulator_ref": case}),
            (S.APPROVED, date(2026, 11, 2), {"license_no": number,
                                             "valid_until": date(2027, 2, 1)})):
        change_status(db, StatusChange(ref, target, on=on, **extra),  # type: ignore[arg-type]
                      actor="mchen", now=NOW)


@pytest.fixture
def licences(db: Database) -> Database:
    _approve(db, "LA-2026-0001", "ECJU", "GBSIEL/2026/0000001/P", "GBSIEL/2026/0000001/P")
    _approve(db, "LA-2026-0002", "BIS", "Z1234567", "D1234567")
    return db


def test_the_kind_column_says_licence_for_a_uk_licence(  # type: ignore[no-untyped-def]
        qapp, licences: Database) -> None:
    model = DeadlinesTableModel(today=TODAY)
    model.set_deadlines(upcoming_deadlines(licences, within_days=120, today=TODAY))
    kinds = {}
    for row in range(model.rowCount()):
        what = model.index(row, DeadlineColumn.WHAT).data(Qt.ItemDataRole.DisplayRole)
        app = model.index(row, DeadlineColumn.APPLICATION).data(Qt.ItemDataRole.DisplayRole)
        kind = model.index(row, DeadlineColumn.KIND).data(Qt.ItemDataRole.DisplayRole)
        kinds[app, what.split()[0]] = kind
    assert kinds["LA-2026-0001", "Licence"] == "Licence expiry"
    assert kinds["LA-2026-0002", "License"] == "License expiry"
    uk = {k for (app, _), k in kinds.items() if app == "LA-2026-0001"}
    assert uk and not any("License" in k for k in uk)


def test_the_calendar_without_names_says_licence_too(licences: Database) -> None:
    private = calendar_feed(licences, FeedOptions(no_personal_data=True), today=TODAY).text
    assert "SUMMARY:LA-2026-0001: Licence expiry" in private
    assert "SUMMARY:LA-2026-0002: License expiry" in private


def test_a_licences_deadlines_carry_the_word_they_are_given() -> None:
    uk = license_deadlines("LA-1", "GBSIEL/1", date(2028, 1, 1), word="licence")
    us = license_deadlines("LA-2", "D1", date(2028, 1, 1))
    assert [d.label for d in uk] == ["Licence renewal", "Licence expiry"]
    assert [d.label for d in us] == ["License renewal", "License expiry"]
    assert [d.kind for d in uk] == [d.kind for d in us]  # filters still group them
