"""The hits table, the side-by-side and the wording, fed with the engine's plain values."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from screening_samples import SNAPSHOT, sample_state, sample_view

from licenseapp.gui.screening.hits_model import HitColumn, HitsModel, HitsProxy, HitsShown
from licenseapp.gui.screening.our_record import OurRecord
from licenseapp.gui.screening.side_by_side import side_by_side_html
from licenseapp.gui.screening.wording import snapshot_line, state_text
from licenseapp.services.screening.dto import Decision, Subject


def _shown(proxy: HitsProxy) -> list[int]:
    return [h.id for h in proxy.shown()]


def test_open_hits_come_first_and_the_filter_shows_open_decided_or_all(  # type: ignore[no-untyped-def]
        qtmodeltester) -> None:
    model = HitsModel()
    model.set_rows([
        sample_view(1, decision=Decision.CLEARED, score=99),
        sample_view(2, decision=Decision.ESCALATED, score=80),
        sample_view(3, decision=Decision.OPEN, score=70),
        sample_view(4, decision=Decision.OPEN, score=95),
        sample_view(5, decision=Decision.CONFIRMED, score=90),
    ])
    qtmodeltester.check(model)
    proxy = HitsProxy()
    proxy.setSourceModel(model)
    proxy.sort(HitColumn.DECISION, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy) == [4, 3, 2]  # unreviewed (highest score first), then escalated
    proxy.set_shown(HitsShown.DECIDED)
    assert _shown(proxy) == [5, 1]
    proxy.set_shown(HitsShown.ALL)
    assert _shown(proxy) == [4, 3, 2, 5, 1]
    proxy.sort(HitColumn.SCORE, Qt.SortOrder.DescendingOrder)
    assert _shown(proxy) == [1, 4, 5, 2, 3]
    proxy.set_text_filter("p-00002")
    assert _shown(proxy) == [2]


def test_cells_say_the_decision_and_the_score_explains_itself() -> None:
    model = HitsModel()
    model.set_rows([sample_view(1, decision=Decision.CONFIRMED, note="Same passport number")])
    decision = model.index(0, HitColumn.DECISION)
    assert decision.data() == "Confirmed match"
    assert "alice" in decision.data(Qt.ItemDataRole.ToolTipRole)
    assert "Same passport number" in decision.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, HitColumn.SCORE).data() == "91"
    tip = model.index(0, HitColumn.SCORE).data(Qt.ItemDataRole.ToolTipRole)
    assert "+88  name 'Wei Zhang' ~ 'ZHANG, Wei'" in tip and "-3  no date of birth" in tip
    assert model.index(0, HitColumn.OURS).data() == "Wei Zhang (P-00001)"
    assert model.index(0, HitColumn.LIST).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "Specially Designated Nationals")


def test_side_by_side_puts_our_record_beside_the_entry_with_its_link_and_reasons() -> None:
    ours = OurRecord(Subject.PERSON, 1, "P-00001", "Wei Zhang", native_name="张伟",
                     citizenships=("China",), address="Palo Alto lab, United States")
    page = side_by_side_html(sample_view(1), ours)
    for text in ("Our record — P-00001", "张伟", "China", "ZHANG, Wei", "CHINA-EO13959",
                 "China (CN)", "href='https://sanctionssearch.ofac.treas.gov/Details.aspx?id=1001'",
                 "Score 91 of 100", "nationality CN matches", "<b>-3</b>", "Not reviewed yet"):
        assert text in page, text
    cleared = side_by_side_html(sample_view(2, decision=Decision.CLEARED,
                                            note="Born 1991, the entry 1964 <b>"), None)
    assert "Cleared (not the same party)" in cleared and "by alice" in cleared
    assert "&lt;b&gt;" in cleared  # the note is text, never markup


def test_state_and_snapshot_read_as_sentences() -> None:
    assert state_text(None) == "Screening: checking…"
    assert "not screened yet" in state_text(sample_state(screened=False))
    assert state_text(sample_state()).startswith("Screening: clear as of ")
    assert "against the list of 2026-07-31" in state_text(sample_state())
    assert "1 open hit to review" in state_text(sample_state(sample_view(1)))
    assert "2 open hits" in state_text(sample_state(
        sample_view(1), sample_view(2, decision=Decision.ESCALATED)))
    confirmed = state_text(sample_state(sample_view(1, decision=Decision.CONFIRMED)))
    assert "CONFIRMED MATCH (SDN ZHANG, Wei)" in confirmed
    cleared = sample_state(sample_view(1, decision=Decision.CLEARED, note="x"))
    assert state_text(cleared).startswith("Screening: clear as of ")
    line = snapshot_line(SNAPSHOT)
    assert "published 2026-07-31" in line and "SHA-256 3f2a9c1b0000…" in line
    assert "25,921 entries (SDN 19,181, EL 2,104, DPL 512)" in line
    many = replace(SNAPSHOT, counts_by_list=tuple((f"L{n}", 100 - n) for n in range(7)))
    assert snapshot_line(many).endswith("(L0 100, L1 99, L2 98, L3 97 and 3 more lists)")
    assert snapshot_line(None) == "No restricted-party list is loaded yet."
