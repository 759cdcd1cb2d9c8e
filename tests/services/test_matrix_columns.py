"""The authorization matrix kept as columns: a cell is made when read, a few people's rows
are put in place of theirs, and the distinct values the cells share are kept once."""

from __future__ import annotations

from datetime import date

from licenseapp.services.directive.matrix_cell import AuthState, MatrixCell
from licenseapp.services.directive.matrix_columns import AuthorizationMatrix, Shared

ON = date(2026, 11, 27)
PEOPLE = ((1, "P-0001", "Wei Zhang"), (2, "P-0002", "Ana Silva"))
ITEMS = ((10, "ITM-001", "Mythos 5"), (20, "ITM-002", "Radar data"))


def cell(person: int, item: int, state: AuthState, **extra: object) -> MatrixCell:
    pid, pref, name = PEOPLE[person]
    iid, iref, iname = ITEMS[item]
    return MatrixCell(grant_id=pid * 100 + iid, person_id=pid, person_ref=pref,
                      person_name=name, native_name="", item_id=iid, item_ref=iref,
                      item_name=iname, eccn="4E091", access="active", state=state,
                      detail=f"{state.value} detail", why=f"why {name}", ruleset="ear",
                      country="CN", **extra)  # type: ignore[arg-type]


def test_cells_read_back_as_they_went_in() -> None:
    cells = [cell(0, 0, AuthState.LICENSED, license_number="D1", application_ref="LA-1",
                  license_expires=date(2027, 1, 1)),
             cell(0, 1, AuthState.UNKNOWN, missing=("citizenship",), modes=("use: active",)),
             cell(1, 1, AuthState.LICENSE_NEEDED)]
    matrix = AuthorizationMatrix(ON, cells, PEOPLE, ITEMS)
    assert matrix.cells == tuple(cells)
    assert [c.reason for c in matrix.cells] == [c.reason for c in cells]
    assert matrix.cell(2, 10) is None and matrix.cell(2, 20) == cells[2]
    assert matrix.counts()[AuthState.LICENSE_NEEDED] == 1
    assert matrix.problems() == 2  # unknown and license needed, access on


def test_a_few_people_rows_are_put_in_place() -> None:
    matrix = AuthorizationMatrix(ON, [cell(0, 0, AuthState.LICENSE_NEEDED),
                                      cell(1, 1, AuthState.LICENSE_NEEDED)], PEOPLE, ITEMS)
    again = AuthorizationMatrix(ON, [cell(1, 0, AuthState.PENDING)], PEOPLE[1:], ITEMS)
    assert matrix.replace_people(again) == [1]
    assert matrix.cell(2, 10) == again.cells[0]
    assert matrix.cell(2, 20) is None  # no record any more
    assert matrix.cell(1, 10) is not None  # the other person untouched
    assert [(c.person_id, c.state) for c in matrix.cells] == [
        (1, AuthState.LICENSE_NEEDED), (2, AuthState.PENDING)]
    assert matrix.counts()[AuthState.PENDING] == 1
    assert matrix.counts()[AuthState.LICENSE_NEEDED] == 1


def test_someone_new_or_another_column_is_refused_unchanged() -> None:
    matrix = AuthorizationMatrix(ON, [cell(0, 0, AuthState.LICENSE_NEEDED)], PEOPLE, ITEMS)
    stranger = AuthorizationMatrix(ON, (), ((3, "P-0003", "New Person"),), ITEMS)
    fewer = AuthorizationMatrix(ON, (), PEOPLE, ITEMS[:1])
    assert matrix.replace_people(stranger) is None
    assert matrix.replace_people(fewer) is None
    assert len(matrix.cells) == 1


def test_shared_values_are_kept_once_while_made_then_appended() -> None:
    table: Shared[str] = Shared("")
    assert [table.add("a"), table.add("b"), table.add("a"), table.add("x", key="b")] == [
        1, 2, 1, 2]
    table.seal()
    assert table.add("a") == 3 and table[3] == "a"
