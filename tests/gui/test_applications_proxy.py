"""Filtering the applications list by text, status and regulator."""

from __future__ import annotations

import pytest

from licenseapp.domain.enums import PENDING_STATUSES
from licenseapp.gui.applications.model import REF_ROLE, ApplicationsTableModel, Column
from licenseapp.gui.applications.proxy import ApplicationsFilterProxy


@pytest.fixture
def proxy(rows):
    model = ApplicationsTableModel()
    model.set_rows(rows)
    proxy = ApplicationsFilterProxy()
    proxy.setSourceModel(model)
    proxy.source = model  # keep the model alive as long as the proxy
    return proxy


def shown(proxy: ApplicationsFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data(REF_ROLE) for r in range(proxy.rowCount())]


def people(proxy: ApplicationsFilterProxy) -> set[str]:
    return {proxy.index(r, Column.FOREIGN_NATIONAL).data() for r in range(proxy.rowCount())}


def test_proxy_passes_qt_model_tester(qtmodeltester, proxy) -> None:
    proxy.set_text_filter("mythos")
    qtmodeltester.check(proxy, force_py=True)


def test_unfiltered_shows_everything(proxy) -> None:
    assert proxy.rowCount() == 12
    assert not proxy.is_filtered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la-2026-0003", {"LA-2026-0003"}),  # reference, any case
        ("Z100004", {"LA-2026-0005"}),  # ACN
        ("张伟", {"LA-2026-0001", "LA-2026-0007"}),  # Chinese native name
        ("حداد", {"LA-2026-0002", "LA-2026-0008"}),  # Arabic native name
        ("дмитрий", {"LA-2026-0003", "LA-2026-0009"}),  # Cyrillic, case-insensitive
        ("शर्मा", {"LA-2026-0004", "LA-2026-0010"}),  # Devanagari
        ("nunez", {"LA-2026-0005", "LA-2026-0011"}),  # accents optional
        ("ML22", {"LA-2026-0005", "LA-2026-0011"}),  # ECCN
        ("guidance firmware", {"LA-2026-0003", "LA-2026-0009"}),  # item name, every word
    ],
)
def test_text_filter_matches_ref_names_acn_items_and_eccns(proxy, text, expected) -> None:
    proxy.set_text_filter(text)
    assert set(shown(proxy)) == expected


def test_every_word_must_match(proxy) -> None:
    proxy.set_text_filter("4e091 haddad")
    assert set(shown(proxy)) == {"LA-2026-0002", "LA-2026-0008"}
    proxy.set_text_filter("4e091 nobody")
    assert shown(proxy) == []


def test_clearing_the_text_shows_everything_again(proxy) -> None:
    proxy.set_text_filter("zhang")
    assert proxy.rowCount() == 2
    proxy.set_text_filter("   ")
    assert proxy.rowCount() == 12


def test_status_filter(proxy) -> None:
    proxy.set_status_filter("denied")
    assert set(shown(proxy)) == {"LA-2026-0006", "LA-2026-0012"}
    proxy.set_status_filter([s.value for s in PENDING_STATUSES])
    statuses = {proxy.sourceModel().row_at(proxy.mapToSource(proxy.index(r, 0)).row()).status
                for r in range(proxy.rowCount())}
    assert statuses == {"submitted", "registered", "info_requested"}
    proxy.set_status_filter(None)
    assert proxy.rowCount() == 12


def test_regulator_filter(proxy) -> None:
    proxy.set_regulator_filter("DDTC")
    assert set(shown(proxy)) == {"LA-2026-0003", "LA-2026-0009"}
    proxy.set_regulator_filter("ECJU")
    assert people(proxy) == {"José Ángel Núñez"}


def test_filters_combine(proxy) -> None:
    proxy.set_regulator_filter("BIS")
    proxy.set_status_filter("submitted")
    proxy.set_text_filter("photon")
    assert set(shown(proxy)) == {"LA-2026-0002", "LA-2026-0008"}
    proxy.set_text_filter("dmitri")
    assert shown(proxy) == []
    assert proxy.is_filtered


def test_sorting_through_the_proxy_keeps_the_filter(proxy) -> None:
    from PySide6.QtCore import Qt

    proxy.set_text_filter("mythos")
    proxy.sort(Column.REF, Qt.SortOrder.AscendingOrder)
    refs = shown(proxy)
    assert refs == sorted(refs)
    assert set(refs) == {"LA-2026-0001", "LA-2026-0002", "LA-2026-0004", "LA-2026-0007",
                         "LA-2026-0008", "LA-2026-0010"}
    proxy.sort(Column.REF, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == sorted(refs, reverse=True)
