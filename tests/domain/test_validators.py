from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licenseapp.domain import validators
from licenseapp.domain.enums import ApplicationStatus, ImmigrationStatus
from licenseapp.errors import ValidationError


@pytest.mark.parametrize(
    ("given_value", "expected"),
    [("3E001", "3E001"), ("4e091", "4E091"), ("3A090.a", "3A090.a"), ("ear99", "EAR99"),
     (" 5E002 ", "5E002"), ("9E003.a.1", "9E003.a.1")],
)
def test_eccn_accepts_real_classifications(given_value: str, expected: str) -> None:
    assert validators.eccn(given_value) == expected


@pytest.mark.parametrize("bad", ["3F001", "E001", "3E01", "3E0011", "EAR-99", "", "4E091."])
def test_eccn_rejects_malformed_with_the_field_and_an_example(bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        validators.eccn(bad)
    assert err.value.field == "eccn"
    assert "e.g. 3E001" in str(err.value)


def test_acn_is_a_letter_and_six_or_seven_digits() -> None:
    assert validators.acn("z1234567") == "Z1234567"
    assert validators.acn("D123456") == "D123456"
    for bad in ("1234567", "Z12345", "Z123456789", "ZZ12345"):
        with pytest.raises(ValidationError, match=r"748\.6"):
            validators.acn(bad)


def test_ccats_starts_with_g() -> None:
    assert validators.ccats("g123456") == "G123456"
    with pytest.raises(ValidationError):
        validators.ccats("H123456")


def test_country_codes_are_iso_alpha_2() -> None:
    assert validators.country("cn") == "CN"
    assert validators.countries("CN, ca;CN") == ["CN", "CA"]
    with pytest.raises(ValidationError, match="ISO 3166-1"):
        validators.country("XX")
    with pytest.raises(ValidationError, match="'ZZ' is not") as err:
        validators.countries("CN,ZZ")
    assert err.value.field == "citizenships"


def test_dates_are_iso() -> None:
    assert validators.iso_date("2026-11-27") == date(2026, 11, 27)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        validators.iso_date("27/11/2026")
    with pytest.raises(ValidationError):
        validators.iso_date("2026-02-30")


def test_statuses_and_immigration_statuses() -> None:
    assert validators.application_status("Registered") is ApplicationStatus.REGISTERED
    assert validators.immigration_status("H-1B") is ImmigrationStatus.H1B
    with pytest.raises(ValidationError, match="use one of"):
        validators.immigration_status("green")


@given(st.text(max_size=40))
def test_validators_never_fail_with_anything_but_a_validation_error(text: str) -> None:
    for check in (validators.eccn, validators.acn, validators.ccats, validators.country,
                  validators.iso_date, validators.application_status,
                  validators.immigration_status, validators.application_ref):
        try:
            check(text)
        except ValidationError as exc:
            assert exc.field and str(exc)
