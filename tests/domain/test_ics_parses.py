"""The deadlines calendar is read back by a real iCalendar parser (icalendar, RFC 5545), as
a calendar program would: every event, its date, its text, however awkward the text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from licenseapp.domain.deadlines import Deadline
from licenseapp.domain.ics import to_ics

STAMP = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def parse(deadlines: list[Deadline]) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(to_ics(deadlines, stamp=STAMP))
    return list(calendar.walk("VEVENT"))


def test_each_deadline_is_one_all_day_event_on_its_date() -> None:
    deadlines = [
        Deadline("renewal:D1", "license_renewal", date(2028, 2, 29),
                 "LA-2026-0001: apply to renew license D1 (60 days before expiry)",
                 "LA-2026-0001"),
        Deadline("itd-response:LA-2026-0002", "intent_to_deny_response", date(2026, 12, 31),
                 "LA-2026-0002: respond to the intent to deny (15 CFR 750.6, 20 days)",
                 "LA-2026-0002"),
    ]
    events = parse(deadlines)
    assert [str(e["UID"]) for e in events] == ["renewal:D1@licenseapp",
                                               "itd-response:LA-2026-0002@licenseapp"]
    assert [e.decoded("DTSTART") for e in events] == [date(2028, 2, 29), date(2026, 12, 31)]
    assert [e.decoded("DTEND") - e.decoded("DTSTART") for e in events] == [timedelta(days=1)] * 2
    assert [str(e["SUMMARY"]) for e in events] == [d.title for d in deadlines]
    assert events[0].decoded("DTSTAMP") == STAMP
    assert [str(a["TRIGGER"].to_ical(), "ascii") for e in events for a in e.walk("VALARM")] == [
        "-P7D", "-P7D"]


def test_names_in_any_script_and_rfc_special_characters_come_back_as_typed() -> None:
    title = ("LA-2026-0044: visa of Layla Haddad (ليلى حداد), 张伟; Dvořák, \"Zoë\" \\ "
             "expires — renew; this line is far longer than seventy-five octets, so it folds "
             "in the middle of a multi-byte letter: प्रिया शर्मा")
    events = parse([Deadline("visa:P-00044", "visa_expiry", date(2027, 3, 1), title)])
    assert str(events[0]["SUMMARY"]) == title
    assert str(events[0]["CATEGORIES"].to_ical(), "utf-8") == "visa_expiry"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip() != ""),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_any_title_and_date_survive_a_round_trip(title: str, due: date) -> None:
    events = parse([Deadline("k:1", "license_expiry", due, title)])
    assert len(events) == 1
    assert events[0].decoded("DTSTART") == due
    # Line breaks of any kind come back as "\n"; other control characters are dropped.
    expected = "".join(ch for ch in title.replace("\r\n", "\n").replace("\r", "\n")
                       if ch in "\t\n" or not (ord(ch) < 0x20 or ord(ch) == 0x7F))
    assert str(events[0]["SUMMARY"]) == expected
