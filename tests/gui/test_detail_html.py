"""The details pane's text: what a compliance officer reads about one application."""

from __future__ import annotations

from datetime import UTC, date, datetime

from licenseapp.gui.applications.detail_html import render_detail
from licenseapp.services.dto import ApplicationDetail, DeadlineView, EventView


def _detail(make_row, **changes) -> ApplicationDetail:
    values = dict(
        row=make_row(0), organization="Northwind", person=None, items=(), parties=(),
        events=(), license=None, end_use="", justification="", additional_info="",
        ruleset_id=None, resubmission_of=None,
    )
    values.update(changes)
    return ApplicationDetail(**values)


def test_user_text_is_escaped_not_interpreted(make_row) -> None:
    html = render_detail(_detail(make_row, end_use="<b>training</b> & evaluation"))
    assert "&lt;b&gt;training&lt;/b&gt; &amp; evaluation" in html
    assert "<b>training</b>" not in html


def test_overdue_deadline_says_so(make_row) -> None:
    deadline = DeadlineView("appeal_window", date(2026, 3, 1), "LA-2026-0001: last day to appeal")
    html = render_detail(_detail(make_row, deadlines=(deadline,)), today=date(2026, 3, 4))
    assert "3 days overdue" in html
    assert "Last day to appeal" in html  # the pane's own reference is not repeated


def test_history_lists_every_event_with_who_and_note(make_row) -> None:
    moment = datetime(2026, 2, 3, 9, 15, tzinfo=UTC)
    events = (
        EventView(1, "status", None, "draft", "Draft", moment, moment, "alice", "Created", ""),
        EventView(2, "status", "draft", "submitted", "Submitted", moment, moment, "bob",
                  "Filed in SNAP-R", "Z123456"),
    )
    html = render_detail(_detail(make_row, events=events))
    assert html.index("Draft") < html.index("Submitted")
    assert "Filed in SNAP-R" in html and "Z123456" in html and "bob" in html
