"""A status change proposes the usual next step, which the lifecycle files decide (#18 point 7).

Before, the proposal was the first status of the process the lifecycle allowed: a ready
application was proposed "Draft", a step backwards.
"""

from __future__ import annotations

import pytest

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import Lifecycle, lifecycle, parse_lifecycle

REGULATORS = ["BIS", "DDTC", "ECJU"]


def _steps_from_start(lc: Lifecycle) -> dict[S, int]:
    return {status: len(lc.path_to(status)) - 1 for status in lc.statuses}


@pytest.mark.parametrize("regulator", REGULATORS)
def test_the_proposed_step_never_goes_back_to_drafting_nor_withdraws(regulator: str) -> None:
    """Never back to the draft or its review (unless nothing else goes on, as for an
    application returned unregistered), never withdrawn while anything else is allowed;
    before filing, never an earlier step of the process."""
    lc = lifecycle(regulator)
    depth = _steps_from_start(lc)
    drafting = {S.DRAFT, S.INTERNAL_REVIEW}
    for current in lc.statuses:
        proposed = lc.next_step(current)
        allowed = lc.allowed(current)
        if not allowed:
            assert proposed is None, current
            continue
        assert proposed in allowed
        if allowed != {S.WITHDRAWN}:
            assert proposed is not S.WITHDRAWN, current
        if current not in drafting and allowed - drafting - {S.WITHDRAWN}:
            assert proposed not in drafting, (current, proposed)
        if depth[current] <= depth[S.READY]:
            assert depth[proposed] >= depth[current], (current, proposed)


@pytest.mark.parametrize("regulator", REGULATORS)
def test_ready_proposes_submitted_and_review_proposes_ready(regulator: str) -> None:
    lc = lifecycle(regulator)
    assert lc.next_step(S.READY) is S.SUBMITTED
    assert lc.next_step(S.INTERNAL_REVIEW) is S.READY
    assert lc.next_step(S.DRAFT) is S.INTERNAL_REVIEW


def test_the_order_of_the_file_decides_not_a_name_in_the_code() -> None:
    text = """{"regulator": "BIS", "initial": "draft", "transitions": {
        "draft": ["ready", "internal_review"], "internal_review": ["draft"],
        "ready": ["withdrawn", "draft"], "withdrawn": []}}"""
    lc = parse_lifecycle(text, "test")
    assert lc.next_step(S.DRAFT) is S.READY
    assert lc.next_step(S.READY) is S.WITHDRAWN
    assert lc.next_step(S.WITHDRAWN) is None
