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


def test_recorded_form_blocks_are_shown_with_their_block_numbers_in_form_order(
        make_row) -> None:
    from licenseapp.services.dto import ItemLine

    item = ItemLine("ITM-1", "Mythos 5", "ai_model_access", "4E091", "EAR", "",
                    form_values={"b22b": "0.75 WT"})
    html = render_detail(_detail(make_row, items=(item,), form_values={
        "b11": "D123456", "b7": "<Other> & more"}))
    assert "Other form blocks" in html
    seven = html.index("Documents on File with Applicant (block 7)")
    eleven = html.index("Replacement License Number (block 11)")
    assert seven < eleven  # the form's order, not "b11" < "b7"
    assert "&lt;Other&gt; &amp; more" in html and "D123456" in html
    assert "CTP (block 22(b)): 0.75 WT" in html


def test_no_other_blocks_section_when_none_are_recorded(make_row) -> None:
    html = render_detail(_detail(make_row))
    assert "Other form blocks" not in html and "Other blocks" not in html
