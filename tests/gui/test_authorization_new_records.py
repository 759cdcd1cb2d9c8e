"""A person or an item just added shows in the matrix at once, with empty cells."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from licenseapp.gui.authorization.detail_html import render_person
from licenseapp.gui.authorization.model import CELL_ROLE, MatrixModel, prepare
from licenseapp.services.directive.authorization import AuthorizationMatrix, AuthState, MatrixCell

ON = date(2026, 11, 27)


def test_people_and_items_without_access_get_a_row_and_a_column() -> None:
    cell = MatrixCell(
        grant_id=1, person_id=1, person_ref="P-0001", person_name="Wei Zhang",
        native_name="张伟", item_id=1, item_ref="ITM-001", item_name="Mythos 5",
        eccn="4E091", access="active", state=AuthState.LICENSE_NEEDED, detail="d",
        why="r", ruleset="x", country="CN", modes=("parameters: active", "use: revoked"))
    matrix = AuthorizationMatrix(
        ON, (cell,), ((2, "P-0002", "Ana Silva"), (1, "P-0001", "Wei Zhang")),
        ((1, "ITM-001", "Mythos 5"), (2, "ITM-002", "Radar data")),
        classifications={1: "4E091", 2: "USML XI(d)"}, native_names={2: "Ana"})
    loaded = prepare(matrix)
    assert [len(r.cells) for r in loaded.rows] == [2, 2]
    assert loaded.rows[0].cells == (None, None) and loaded.rows[0].native == "Ana"
    assert loaded.items[1].header.endswith("USML XI(d)")
    model = MatrixModel()
    model.set_matrix(loaded)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    shown = [model.index(r, c).data(CELL_ROLE) for r in range(2) for c in range(2)]
    assert shown.count(None) == 3
    for r in range(2):
        for c in range(2):
            model.index(r, c).data(Qt.ItemDataRole.DisplayRole)  # no error for empty cells
    assert "Ana Silva" in render_person(loaded.rows[0], loaded.items, ON)
