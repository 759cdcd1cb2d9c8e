"""The Authorization screen after a change: the rows of the people it names are worked out
again and put in place in the columns the screen holds (each where it stands), and what the
screen shows is then what a whole new matrix shows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from licenseapp.demo.dataset import generate_demo
from licenseapp.gui.authorization.page import AuthorizationPage
from licenseapp.services.catalog.access import access_changes, revoke_access
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.store.models import Person

from .test_authorization_impact import FakePrompts

ON = date(2026, 11, 27)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, runner, db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    widget = AuthorizationPage(runner, FakePrompts())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.date_edit.set_value(ON)
    widget.show()
    with qtbot.waitSignal(widget.matrixLoaded, timeout=20_000):
        widget.set_database(db)
    return widget


def shown(page: AuthorizationPage) -> dict[tuple[str, str], tuple[str, str]]:
    return {(c.person_ref, c.item_ref): (c.state.value, c.detail)
            for row in page.model.rows for c in row.cells if c is not None}


def test_a_revoked_access_shows_in_its_row_in_place(qtbot, page, db) -> None:
    active = next(c for c in authorization_matrix(db, ON).cells if c.access == "active")
    position = page.model.index_of(active.person_id, active.item_id).row()
    legend_before = dict(page._counts)
    outcome = revoke_access(db, active.grant_id, reason="left the project")
    with qtbot.waitSignal(page.matrixLoaded, timeout=20_000):
        page.apply_changes(access_changes([outcome.record]))
    index = page.model.index_of(active.person_id, active.item_id)
    assert index.row() == position  # where it stood
    cell = page.model.cell_at(index.row(), index.column())
    assert cell is not None and cell.state == AuthState.REVOKED
    assert "left the project" in cell.detail
    assert page._counts[AuthState.REVOKED.value] == legend_before[AuthState.REVOKED.value] + 1
    assert sum(page._counts.values()) == sum(legend_before.values())
    expected = authorization_matrix(db, ON)
    assert shown(page) == {(c.person_ref, c.item_ref): (c.state.value, c.detail)
                           for c in expected.cells}
    assert page._counts == {s.value: n for s, n in expected.counts().items()}


def test_a_renamed_person_keeps_their_row_until_sorted_again(qtbot, page, db) -> None:
    first = page.model.person_at(0)
    with db.unit_of_work() as session:
        person = session.get(Person, first)
        assert person is not None
        person.given_name, person.family_name = "Zygmunt", "Zzyzx"
    with qtbot.waitSignal(page.matrixLoaded, timeout=20_000):
        page.apply_changes(Changes.of(Kind.PEOPLE, [first]))
    assert page.model.person_at(0) == first
    assert page.model.headerData(0, Qt.Orientation.Vertical).startswith("Zygmunt Zzyzx")
    page.filter_edit.setText("zzyzx")  # the filter reads the new name
    assert page.proxy.rowCount() == 1
    page.filter_edit.setText("")
    page.sort_by_person()
    names = [page.model.texts_at(r) for r in range(page.model.rowCount())]
    assert names == sorted(names, key=lambda t: (t[1].casefold(), t[0]))  # by the new name
    assert ("Zygmunt Zzyzx" in {name for _ref, name, _native in names})
