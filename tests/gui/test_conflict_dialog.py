"""A save over someone else's newer change: refused, both versions shown, and the user keeps
theirs, takes the other, or merges field by field — with two real database sessions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from factories import make_person_form
from PySide6.QtCore import Qt

from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.person_form import (
    PERSON_LABELS,
    CitizenshipForm,
    DocumentForm,
    PersonForm,
)
from licenseapp.gui.conflict_dialog import (
    EMPTY,
    KEEP_MINE,
    TAKE_THEIRS,
    ConflictDialog,
    describe_value,
    header_text,
)
from licenseapp.gui.people.dialog import PersonDialog
from licenseapp.services.catalog.people import load_person, save_person
from licenseapp.store.database import Database, open_database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def sessions(db_url: str) -> Iterator[tuple[Database, Database]]:
    """Two independent connections to one database: mine (A) and a colleague's (B)."""
    mine, theirs = open_database(db_url), open_database(db_url)
    try:
        yield mine, theirs
    finally:
        mine.dispose()
        theirs.dispose()


def open_person(qtbot, runner, db: Database, person_id: int) -> PersonDialog:
    dialog = PersonDialog(runner, db, load_person(db, person_id))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def retype(qtbot, dialog: PersonDialog, field: str, text: str) -> None:
    edit = dialog.person_editor.text_edits[field]
    edit.clear()
    qtbot.keyClicks(edit, text)


def save_and_get_conflict(qtbot, dialog: PersonDialog) -> ConflictDialog:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.conflict_dialog is not None, timeout=10_000)
    conflict = dialog.conflict_dialog
    assert conflict is not None
    qtbot.waitExposed(conflict)
    return conflict


def rows_of(conflict: ConflictDialog) -> dict[str, tuple[str, str, str]]:
    """Field label -> (theirs, mine, choice) as the table shows them."""
    table = conflict.table
    out = {}
    for n, diff in enumerate(conflict.diffs):
        out[diff.label] = (table.item(n, 1).text(), table.item(n, 2).text(),
                           conflict.choice_combos[diff.name].currentText())
    return out


@pytest.fixture
def clash(qtbot, runner, sessions):
    """I (session A) open the person; a colleague (session B) saves a new job title and
    supervisor; I change the job title and the work site and press Save."""
    mine_db, their_db = sessions
    person = make_person_form(mine_db)
    dialog = open_person(qtbot, runner, mine_db, person.id)
    save_person(their_db, dataclasses.replace(
        load_person(their_db, person.id), job_title="Principal Scientist",
        supervisor="Grace Hopper"), actor="bob")
    retype(qtbot, dialog, "job_title", "Staff Scientist")
    retype(qtbot, dialog, "work_site", "Building 4")
    return person, dialog, save_and_get_conflict(qtbot, dialog)


def test_the_refused_save_shows_both_versions_and_who_changed_it(clash, sessions) -> None:
    person, dialog, conflict = clash
    heading = header_text(conflict.conflict)
    assert heading.startswith("Wei Zhang (P-0001) was changed by bob at ")
    assert heading.endswith("after you opened it.")
    assert rows_of(conflict) == {
        "Job title": ("Principal Scientist", "Staff Scientist", KEEP_MINE),
        "Supervisor": ("Grace Hopper", "Ada Byron", TAKE_THEIRS),
        "Work site": ("San Francisco HQ", "Building 4", KEEP_MINE),
    }
    assert conflict.table.item(0, 0).text() == "⚠ Job title"  # both changed it
    # nothing was written by the refused save; my typing is still in the editor
    assert load_person(sessions[1], person.id).job_title == "Principal Scientist"
    assert dialog.person_editor.text_edits["job_title"].text() == "Staff Scientist"


def test_keep_all_mine_saves_what_i_typed_over_theirs(qtbot, clash, sessions) -> None:
    person, dialog, conflict = clash
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(conflict.keep_mine_button, Qt.MouseButton.LeftButton)
    stored = load_person(sessions[1], person.id)
    assert (stored.job_title, stored.supervisor, stored.work_site) == (
        "Staff Scientist", "Ada Byron", "Building 4")
    assert stored.version == person.version + 2
    assert not dialog.isVisible()


def test_take_all_theirs_drops_my_changes_and_writes_nothing(qtbot, clash, sessions) -> None:
    person, dialog, conflict = clash
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(conflict.take_theirs_button, Qt.MouseButton.LeftButton)
    stored = load_person(sessions[0], person.id)
    assert saved.args[0] == stored
    assert (stored.job_title, stored.supervisor, stored.work_site) == (
        "Principal Scientist", "Grace Hopper", "San Francisco HQ")
    assert stored.version == person.version + 1  # only their save


def test_merge_by_field_takes_the_chosen_fields_from_each(qtbot, clash, sessions) -> None:
    person, dialog, conflict = clash
    conflict.set_choice("job_title", take_theirs=True)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(conflict.save_merged_button, Qt.MouseButton.LeftButton)
    stored = load_person(sessions[1], person.id)
    assert (stored.job_title, stored.supervisor, stored.work_site) == (
        "Principal Scientist", "Grace Hopper", "Building 4")


def test_cancel_goes_back_to_the_editor_with_everything_typed(qtbot, clash, sessions) -> None:
    _person, dialog, conflict = clash
    qtbot.mouseClick(conflict.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.conflict_dialog is None)
    assert dialog.isVisible()
    form = dialog.person_editor.form()
    assert (form.job_title, form.work_site) == ("Staff Scientist", "Building 4")
    # saving again is refused again: the choice is still the user's
    again = save_and_get_conflict(qtbot, dialog)
    assert "Job title" in rows_of(again)


def test_a_merge_that_conflicts_again_asks_again(qtbot, clash, sessions) -> None:
    person, dialog, conflict = clash
    their_db = sessions[1]
    save_person(their_db, dataclasses.replace(load_person(their_db, person.id),
                                              phone="+1 415 555 0100"), actor="carol")
    qtbot.mouseClick(conflict.save_merged_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.conflict_dialog is not None
                    and dialog.conflict_dialog is not conflict, timeout=10_000)
    second = dialog.conflict_dialog
    assert second is not None
    assert second.conflict.changed_by == "carol"
    assert rows_of(second)["Phone"] == ("+1 415 555 0100", EMPTY, TAKE_THEIRS)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(second.save_merged_button, Qt.MouseButton.LeftButton)
    stored = load_person(their_db, person.id)
    assert (stored.job_title, stored.supervisor, stored.work_site, stored.phone) == (
        "Staff Scientist", "Grace Hopper", "Building 4", "+1 415 555 0100")


def test_values_are_shown_readably(qtbot) -> None:
    base = PersonForm(given_name="Wei", family_name="Zhang", id=1, ref="P-0001", version=1)
    mine = dataclasses.replace(
        base, date_of_birth=date(1990, 2, 28),
        documents=(DocumentForm("passport", "E12345678", "CN", "", None, date(2030, 1, 1)),))
    theirs = dataclasses.replace(
        base, version=2, citizenships=(CitizenshipForm("CN", acquired_on=date(1990, 2, 28)),
                                       CitizenshipForm("CA", "naturalization")))
    conflict = EditConflict("Wei Zhang (P-0001)", base, mine, theirs, labels=PERSON_LABELS,
                            changed_by="bob", changed_at=datetime(2026, 11, 27, 14, 5,
                                                                  tzinfo=UTC))
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    rows = rows_of(dialog)
    assert rows["Date of birth"] == ("—", "1990-02-28", KEEP_MINE)
    assert rows["Citizenships"][0] == ("CN (China), birth, since 1990-02-28\n"
                                       "CA (Canada), naturalization")
    theirs_docs, mine_docs, _ = rows["Immigration and identity documents"]
    assert "E12345678" not in mine_docs and "••••••678" in mine_docs
    assert "expires 2030-01-01" in mine_docs and theirs_docs == EMPTY
    assert describe_value(None) == describe_value("") == EMPTY
    assert datetime(2026, 11, 27, 14, 5, tzinfo=UTC).astimezone().strftime(
        "%Y-%m-%d %H:%M") in header_text(conflict)
