"""The authorization matrix model and its filters on their own (no database, no widgets)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from licenseapp.gui.authorization.model import (
    BY_PERSON,
    CELL_ROLE,
    SORT_ROLE,
    MatrixModel,
    prepare,
)
from licenseapp.gui.authorization.proxy import MatrixFilterProxy
from licenseapp.gui.authorization.states import LOOKS, cell_text
from licenseapp.gui.theme import current
from licenseapp.services.directive.authorization import AuthorizationMatrix, AuthState, MatrixCell

ON = date(2026, 11, 27)
ITEMS = ((1, "ITM-001", "Mythos 5", "4E091"), (2, "ITM-002", "Fable 5", "4E091"),
         (3, "ITM-003", "Photon lithography process", "3E001"))
PEOPLE = ((1, "P-0001", "Wei Zhang", "张伟"), (2, "P-0002", "Layla Haddad", "ليلى حداد"),
          (3, "P-0003", "Dmitri Ivanov", "Дмитрий Иванов"),
          (4, "P-0004", "Priya Sharma", "प्रिया शर्मा"), (5, "P-0005", "José Núñez", "José Núñez"))


def cell(person: int, item: int, state: AuthState, access: str = "active",
         **extra: object) -> MatrixCell:
    pid, pref, name, native = PEOPLE[person - 1]
    iid, iref, iname, eccn = ITEMS[item - 1]
    return MatrixCell(
        grant_id=person * 10 + item, person_id=pid, person_ref=pref, person_name=name,
        native_name=native, item_id=iid, item_ref=iref, item_name=iname, eccn=eccn,
        access=access, state=state, detail=f"{state.label} detail",
        why=f"Why {name} and {iname}", ruleset="ear-baseline", country="CN", **extra)  # type: ignore[arg-type]


def sample_cells() -> list[MatrixCell]:
    return [
        cell(1, 1, AuthState.LICENSED, license_number="D1197332",
             license_expires=date(2027, 12, 1), application_ref="LA-2023-0005"),
        cell(1, 2, AuthState.LICENSE_NEEDED),  # access on without a license: a problem
        cell(2, 1, AuthState.PENDING, "requested", application_ref="LA-2026-0025"),
        cell(2, 3, AuthState.NOT_REQUIRED),
        cell(3, 3, AuthState.SUSPENDED, "suspended",
             suspended_at=datetime(2026, 11, 27, 15, 30, tzinfo=UTC), suspended_by="alice"),
        cell(4, 1, AuthState.APPLICATION_DRAFTED, application_ref="LA-2026-0047"),
        cell(5, 2, AuthState.UNKNOWN, "requested", missing=("citizenship",)),
    ]


def matrix(cells: list[MatrixCell]) -> AuthorizationMatrix:
    people = sorted({(c.person_id, c.person_ref, c.person_name) for c in cells},
                    key=lambda p: (p[2].casefold(), p[1]))
    items = sorted({(c.item_id, c.item_ref, c.item_name) for c in cells}, key=lambda i: i[1])
    return AuthorizationMatrix(ON, tuple(cells), tuple(people), tuple(items))


@pytest.fixture
def model() -> MatrixModel:
    m = MatrixModel()
    m.set_matrix(prepare(matrix(sample_cells())))
    return m


@pytest.fixture
def proxy(model: MatrixModel) -> MatrixFilterProxy:
    p = MatrixFilterProxy()
    p.setSourceModel(model)
    return p


def names(proxy: MatrixFilterProxy) -> list[str]:
    return [proxy.headerData(r, Qt.Orientation.Vertical) for r in range(proxy.rowCount())]


def headers(proxy: MatrixFilterProxy) -> list[str]:
    return [proxy.headerData(c, Qt.Orientation.Horizontal).split("\n")[0]
            for c in range(proxy.columnCount())]


def test_model_and_proxy_pass_qt_model_tester(qtmodeltester, model, proxy) -> None:
    qtmodeltester.check(model, force_py=True)
    proxy.set_state_filter(["license_needed", "pending"])
    proxy.set_text_filter("zhang")
    qtmodeltester.check(proxy, force_py=True)


def test_empty_model_passes_qt_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(MatrixModel(), force_py=True)


def test_rows_are_people_in_both_scripts_and_columns_items_with_eccn(model) -> None:
    people = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert people == ["Dmitri Ivanov (Дмитрий Иванов)", "José Núñez", "Layla Haddad (ليلى حداد)",
                      "Priya Sharma (प्रिया शर्मा)", "Wei Zhang (张伟)"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mythos 5\n4E091"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Photon lithography\nprocess\n3E001"


def test_every_state_is_in_words_not_colour_alone(model) -> None:
    wei = model.rowCount() - 1
    assert model.index(wei, 0).data() == "Licensed D1197332 · exp. 2027-12-01"
    assert model.index(wei, 1).data() == "License needed — access on"
    assert model.index(wei, 2).data() == "—"  # no access at all
    assert model.index(wei, 1).data(Qt.ItemDataRole.FontRole).bold()
    dmitri = 0
    local_day = datetime(2026, 11, 27, 15, 30, tzinfo=UTC).astimezone().date().isoformat()
    assert model.index(dmitri, 2).data() == f"Suspended {local_day}"
    assert model.index(1, 1).data() == "Unknown (data missing) (requested)"
    assert model.index(2, 0).data() == "Pending LA-2026-0025 (requested)"
    assert model.index(3, 0).data() == "Drafted LA-2026-0047 — access on"
    for state, look in LOOKS.items():  # every colour goes with a label of its own
        badge = current().badge(look.tone)
        assert look.label and badge.background != badge.text, state
    labels = [look.label for look in LOOKS.values()]
    assert len(set(labels)) == len(labels) == len(AuthState)


def test_cells_carry_the_matrix_cell_and_sort_problems_first(model) -> None:
    found = model.index(model.rowCount() - 1, 1).data(CELL_ROLE)
    assert isinstance(found, MatrixCell) and found.state == AuthState.LICENSE_NEEDED
    model.sort(1, Qt.SortOrder.AscendingOrder)  # Fable 5: the problem first, no access last
    column = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert column[0] == "License needed — access on"
    assert column[1] == "Unknown (data missing) (requested)"
    assert column[-1] == "—"
    assert model.index(0, 1).data(SORT_ROLE) < model.index(4, 1).data(SORT_ROLE)
    model.sort(BY_PERSON, Qt.SortOrder.DescendingOrder)
    assert model.headerData(0, Qt.Orientation.Vertical) == "Wei Zhang (张伟)"


def test_text_filter_matches_people_in_any_script_and_reference(proxy) -> None:
    proxy.set_text_filter("zhang")
    assert names(proxy) == ["Wei Zhang (张伟)"]
    assert proxy.columnCount() == 3  # a person's whole row
    proxy.set_text_filter("ليلى")
    assert names(proxy) == ["Layla Haddad (ليلى حداد)"]
    proxy.set_text_filter("jose nunez")  # accents optional
    assert names(proxy) == ["José Núñez"]
    proxy.set_text_filter("p-0004")
    assert names(proxy) == ["Priya Sharma (प्रिया शर्मा)"]


def test_text_filter_on_an_item_or_eccn_narrows_the_columns(proxy) -> None:
    proxy.set_text_filter("4e091")
    assert headers(proxy) == ["Mythos 5", "Fable 5"]
    assert "Dmitri Ivanov (Дмитрий Иванов)" not in names(proxy)  # no 4E091 access
    proxy.set_text_filter("Fable 5")  # a phrase naming an item, not a person
    assert headers(proxy) == ["Fable 5"]
    assert names(proxy) == ["José Núñez", "Wei Zhang (张伟)"]
    proxy.set_text_filter("wei mythos")  # a person and an item
    assert names(proxy) == ["Wei Zhang (张伟)"] and headers(proxy) == ["Mythos 5"]
    proxy.set_text_filter("nobody-like-this")
    assert proxy.rowCount() == 0


def test_state_filter_and_only_problems(proxy) -> None:
    proxy.set_state_filter(["licensed"])
    assert names(proxy) == ["Wei Zhang (张伟)"] and headers(proxy) == ["Mythos 5"]
    assert [c.state for c in proxy.shown_cells()] == [AuthState.LICENSED]
    proxy.set_state_filter(None)
    proxy.set_problems_only(True)
    shown = proxy.shown_cells()
    assert {(c.person_name, c.item_name) for c in shown} == {
        ("Wei Zhang", "Fable 5"), ("Priya Sharma", "Mythos 5")}
    assert all(c.unauthorized_access for c in shown)
    # Wei's licensed Mythos 5 stays in view, greyed: the row still reads as his whole picture.
    wei = names(proxy).index("Wei Zhang (张伟)")
    mythos = headers(proxy).index("Mythos 5")
    greyed = proxy.index(wei, mythos)
    assert greyed.data() == "Licensed D1197332 · exp. 2027-12-01"
    assert greyed.data(Qt.ItemDataRole.BackgroundRole) is None
    proxy.set_problems_only(False)
    assert proxy.rowCount() == 5 and proxy.columnCount() == 3
    assert len(proxy.shown_cells()) == len(sample_cells())


def test_sorting_through_the_filtered_columns_sorts_the_right_item(proxy, model) -> None:
    proxy.set_text_filter("fable")
    proxy.sort(0, Qt.SortOrder.AscendingOrder)  # the only column shown: Fable 5
    assert model.sort_column == 1
    assert names(proxy)[0] == "Wei Zhang (张伟)"  # his Fable 5 access is the problem


def many_cells(people: int) -> list[MatrixCell]:
    """``people`` people by ten items, a third of the pairs with a cell, in every state."""
    states = list(AuthState)
    cells = []
    for p in range(1, people + 1):
        for i in range(1, 11):
            if (p + i) % 3:
                continue
            cells.append(MatrixCell(
                grant_id=p * 100 + i, person_id=p, person_ref=f"P-{p:05d}",
                person_name=f"Person {p}", native_name="", item_id=i, item_ref=f"ITM-{i:03d}",
                item_name=f"Model {i}", eccn="4E091", access="active",
                state=states[(p * i) % len(states)], detail="", why="", ruleset=None,
                country=None))
    return cells


def test_a_filter_change_asks_the_model_nothing_row_by_row(qapp) -> None:
    """Which rows pass is worked out in one go: Qt does not call into the model for each
    row (thousands of calls into Python per key typed at 50,000 people)."""
    asked: list[int] = []

    class Counted(MatrixModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            asked.append(role)
            return super().data(index, role)

        def index(self, row, column, parent=QModelIndex()):  # type: ignore[no-untyped-def]  # noqa: B008
            asked.append(-1)
            return super().index(row, column, parent)

    model = Counted()
    model.set_matrix(prepare(matrix(many_cells(2_000))))
    proxy = MatrixFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setCurrentIndex(proxy.index(5, 2))
    asked.clear()
    proxy.set_text_filter("person 1")
    proxy.set_problems_only(True)
    proxy.set_state_filter(["pending"])
    rows = proxy.rowCount()
    proxy.set_text_filter("")
    proxy.set_problems_only(False)
    proxy.set_state_filter(None)
    assert 0 < rows < 2_000 and proxy.rowCount() == 2_000
    assert len(asked) < 100, len(asked)


def test_ten_thousand_people_by_ten_items_stay_usable() -> None:
    cells = many_cells(10_000)
    start = time.perf_counter()
    loaded = prepare(matrix(cells))
    model = MatrixModel()
    model.set_matrix(loaded)
    proxy = MatrixFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_problems_only(True)
    proxy.set_text_filter("person 99")
    rows = proxy.rowCount()
    model.sort(3, Qt.SortOrder.AscendingOrder)
    elapsed = time.perf_counter() - start
    assert model.rowCount() == 10_000 and model.columnCount() == 10
    assert 0 < rows < 10_000
    assert all(cell_text(c) for c in proxy.shown_cells())
    assert elapsed < 10, f"{elapsed:.1f} s"  # about 0.5 s here; a gross regression only
