"""The deadlines list holds one object per deadline (150,000 at 100,000 applications over
ten years): no ``__dict__`` each, and the texts every license repeats are one object."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.deadlines import license_deadlines, status_deadlines
from licenseapp.services.follow_up.deadlines import TrackedDeadline


def test_deadlines_keep_no_dict_and_share_their_repeated_texts() -> None:
    first = license_deadlines("LA-2026-0001", "D1200001", date(2027, 5, 1))
    second = license_deadlines("LA-2026-0002", "D1200002", date(2027, 6, 1))
    for deadline in (*first, *second):
        assert not hasattr(deadline, "__dict__")
    assert not hasattr(TrackedDeadline(first[0]), "__dict__")
    assert [d.label for d in first] == ["License renewal", "License expiry"]
    assert all(a.label is b.label for a, b in zip(first, second, strict=True))
    one = status_deadlines("LA-2026-0001", "BIS", "info_requested", date(2026, 1, 5))
    two = status_deadlines("LA-2026-0002", "BIS", "info_requested", date(2026, 2, 5))
    assert len(one) == len(two) == 1 and one[0].note
    assert one[0].note is two[0].note
