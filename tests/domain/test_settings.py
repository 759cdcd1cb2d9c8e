"""Every setting is declared once, with what a screen and a command need to show it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from licenseapp.domain.settings import (
    DISPLAY_NAME,
    RENEWAL_WINDOW_DAYS,
    SETTINGS,
    InvalidSetting,
    NumberSetting,
    Scope,
    find_setting,
)
from licenseapp.domain.wall_clock import FixedClock, SystemClock
from licenseapp.errors import NotFoundError, ValidationError


def test_each_declaration_is_complete_and_its_default_valid() -> None:
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.label and setting.help.endswith(".") and setting.valid_values()
        assert setting.check(setting.default) == setting.default  # type: ignore[arg-type]
        assert setting.parse(setting.to_text(setting.default)) == setting.default  # type: ignore[arg-type]
    assert RENEWAL_WINDOW_DAYS.scope is Scope.TEAM and DISPLAY_NAME.scope is Scope.PERSONAL


def test_a_number_is_read_shown_and_bounded() -> None:
    assert RENEWAL_WINDOW_DAYS.parse(" 90 ") == 90
    assert RENEWAL_WINDOW_DAYS.show(90) == "90 days" and RENEWAL_WINDOW_DAYS.show(1) == "1 day"
    assert RENEWAL_WINDOW_DAYS.valid_values() == "from 1 to 365 days"
    for bad in ("0", "366", "9.5", "-3", "1e3"):
        with pytest.raises(InvalidSetting, match=r"^License renewal window must be a whole "
                                                 r"number from 1 to 365 days \("):
            RENEWAL_WINDOW_DAYS.parse(bad)
    with pytest.raises(InvalidSetting):
        RENEWAL_WINDOW_DAYS.check(True)  # a bool is not a number of days


def test_a_refusal_is_a_validation_error_naming_the_setting() -> None:
    with pytest.raises(ValidationError) as refused:
        NumberSetting("n", 5, "Reminder", "Help.", Scope.TEAM, minimum=1, maximum=9,
                      unit="weeks").parse("12")
    assert refused.value.field == "n"
    assert str(refused.value) == "Reminder must be a whole number from 1 to 9 weeks (12 was given)"


def test_text_is_trimmed_bounded_and_clean() -> None:
    assert DISPLAY_NAME.parse("  Maria Chen ") == "Maria Chen"
    with pytest.raises(InvalidSetting, match="at most 100 characters \\(101 were given\\)"):
        DISPLAY_NAME.check("x" * 101)
    with pytest.raises(InvalidSetting, match="text-direction"):
        DISPLAY_NAME.check("Ali\u202ece")


def test_settings_are_found_by_name_as_typed() -> None:
    assert find_setting("Renewal-Window-Days") is RENEWAL_WINDOW_DAYS
    assert find_setting("display_name", Scope.PERSONAL) is DISPLAY_NAME
    with pytest.raises(NotFoundError, match="no setting “renewal”"):
        find_setting("renewal")
    with pytest.raises(NotFoundError, match="is a team setting; the personal settings are"):
        find_setting("renewal_window_days", Scope.PERSONAL)


def test_a_fixed_clock_says_the_same_moment_and_its_local_day() -> None:
    east = timezone(timedelta(hours=14))
    moment = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    clock = FixedClock(moment)
    assert clock.now() == moment and clock.today() == moment.astimezone().date()
    assert FixedClock(datetime(2026, 12, 6, 12, 0, tzinfo=east)).now().tzinfo is east
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 12, 6))
    assert SystemClock().now().tzinfo is UTC and isinstance(SystemClock().today(), date)
