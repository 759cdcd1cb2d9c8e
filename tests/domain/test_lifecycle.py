from __future__ import annotations

from itertools import pairwise

import pytest

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle, parse_lifecycle
from licenseapp.errors import LicenseAppError, ValidationError

ALL = {"regulator_ref", "license_no", "valid_until"}


@pytest.mark.parametrize("regulator", ["BIS", "DDTC", "ECJU"])
def test_every_status_is_reachable_from_draft(regulator: str) -> None:
    lc = lifecycle(regulator)
    for status in lc.statuses:
        path = lc.path_to(status)
        assert path[0] is S.DRAFT and path[-1] is status
        for a, b in pairwise(path):
            lc.check(a, b, ALL)


def test_every_status_of_the_contract_belongs_to_a_regulator() -> None:
    used = set().union(*(lifecycle(r).statuses for r in ("BIS", "DDTC", "ECJU")))
    assert used == set(S)
    # BIS's own: every period 15 CFR 750.4(b) leaves out can be recorded.
    assert {S.PRE_LICENSE_CHECK, S.AWAITING_ASSURANCES, S.APPLICANT_DELAY} <= set(
        lifecycle("BIS").statuses)


@pytest.mark.parametrize("regulator", ["BIS", "DDTC", "ECJU"])
def test_every_pair_is_allowed_exactly_when_the_table_says(regulator: str) -> None:
    lc = lifecycle(regulator)
    for current in lc.statuses:
        for target in lc.statuses:
            if target in lc.allowed(current):
                lc.check(current, target, ALL)
            else:
                with pytest.raises(LicenseAppError, match="cannot become"):
                    lc.check(current, target, ALL)


def test_forbidden_transition_says_why_and_what_is_allowed() -> None:
    with pytest.raises(LicenseAppError) as err:
        lifecycle("BIS").check(S.DRAFT, S.APPROVED)
    assert "draft cannot become approved" in str(err.value)
    assert "next allowed: internal_review, ready, withdrawn" in str(err.value)


def test_registration_needs_the_acn_and_approval_the_license() -> None:
    lc = lifecycle("BIS")
    with pytest.raises(ValidationError) as err:
        lc.check(S.SUBMITTED, S.REGISTERED, set())
    assert str(err.value) == "registered needs the Application Control Number"
    assert err.value.fields == ("regulator_ref",)
    with pytest.raises(ValidationError) as err:
        lc.check(S.REGISTERED, S.APPROVED, {"valid_until"})
    assert str(err.value) == "approved needs the license number"
    assert err.value.fields == ("license_number",)
    with pytest.raises(ValidationError) as err:
        lc.check(S.REGISTERED, S.APPROVED, set())
    assert str(err.value) == "approved needs the license number and the license expiry date"
    assert err.value.fields == ("license_number", "valid_until")


def test_final_statuses_allow_nothing() -> None:
    lc = lifecycle("BIS")
    for final in (S.APPROVED, S.WITHDRAWN, S.RETURNED_WITHOUT_ACTION, S.LICENSE_NOT_REQUIRED):
        assert lc.allowed(final) == frozenset()
    with pytest.raises(LicenseAppError, match=r"none \(final\)"):
        lc.check(S.WITHDRAWN, S.DRAFT)


def test_regulators_name_statuses_their_own_way() -> None:
    assert lifecycle("ECJU").label(S.DENIED) == "Refused"
    assert lifecycle("BIS").label(S.DENIED) == "Denied"


def test_a_broken_table_is_refused_with_file_and_line() -> None:
    with pytest.raises(LicenseAppError, match=r"x.json, line 1"):
        parse_lifecycle("{nope", "x.json")
    with pytest.raises(LicenseAppError, match="'initial' is missing"):
        parse_lifecycle('{"regulator": "BIS", "transitions": {}}', "x.json")
    with pytest.raises(LicenseAppError, match="no entry"):
        parse_lifecycle(
            '{"regulator": "BIS", "initial": "draft", "transitions": {"draft": ["ready"]}}',
            "x.json",
        )
