"""Change sets reach the screen on view at once, a hidden one when it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget

from licenseapp.gui.screen_updates import ScreenUpdates
from licenseapp.services.changes import Changes, Kind


def test_on_view_now_hidden_later_merged_and_only_what_it_shows(qtbot) -> None:
    pages = QStackedWidget()
    qtbot.addWidget(pages)
    shown, hidden = QWidget(), QWidget()
    pages.addWidget(shown)
    pages.addWidget(hidden)
    updates = ScreenUpdates(pages)
    got: dict[str, list[Changes]] = {"shown": [], "hidden": [], "always": []}
    updates.add(shown, (Kind.APPLICATIONS,), got["shown"].append)
    updates.add(hidden, (Kind.APPLICATIONS, Kind.ACCESS), got["hidden"].append)
    updates.add(None, (Kind.PEOPLE,), got["always"].append, always=True)

    updates.deliver(Changes.of(Kind.APPLICATIONS, ["LA-2026-0001"]))
    updates.deliver(Changes.of(Kind.ACCESS, [4]))
    updates.deliver(Changes.of(Kind.PEOPLE, [9]))
    assert [c.refs(Kind.APPLICATIONS) for c in got["shown"]] == [{"LA-2026-0001"}]
    assert got["hidden"] == []  # not on view: it waits
    assert [c.ids(Kind.PEOPLE) for c in got["always"]] == [{9}]
    waiting = updates.waiting(hidden)
    assert waiting.refs(Kind.APPLICATIONS) == {"LA-2026-0001"} and waiting.ids(Kind.ACCESS) == {4}

    pages.setCurrentWidget(hidden)  # shown: one update with everything it missed
    assert len(got["hidden"]) == 1
    assert got["hidden"][0].ids(Kind.ACCESS) == {4}
    assert not updates.waiting(hidden)
    pages.setCurrentWidget(shown)
    assert len(got["shown"]) == 1  # nothing waited for it
