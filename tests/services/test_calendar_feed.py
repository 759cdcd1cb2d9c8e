"""The deadlines' calendar feed for a team (#20, 6): every open deadline however far ahead,
UIDs of this database, SEQUENCE up when a date moves, CANCELLED once done, titles without
names on request, and a feed of my own applications."""

from __future__ import annotations

from datetime import date

from factories import make_application, make_license

from licenseapp.services.follow_up.calendar_feed import FeedOptions, calendar_feed
from licenseapp.services.follow_up.deadline_completion import complete_deadline
from licenseapp.store.models import Application, AppMeta, License

TODAY = date(2026, 9, 2)


def _events(text: str) -> dict[str, dict[str, str]]:
    """Each event's fields by its UID (folded lines joined)."""
    found: dict[str, dict[str, str]] = {}
    for block in text.replace("\r\n ", "").split("BEGIN:VEVENT\r\n")[1:]:
        fields = dict(line.split(":", 1) for line in block.split("\r\n")
                      if ":" in line and not line.startswith(("BEGIN", "END")))
        found[fields["UID"]] = fields
    return found


def test_the_feed_follows_the_deadlines_as_they_move_and_are_done(db) -> None:  # type: ignore[no-untyped-def]
    app_id = make_application(db, "LA-2026-0001", status="submitted")
    make_license(db, app_id, "D1234567", issued_on=date(2026, 9, 1),
                 expires_on=date(2030, 9, 1))
    with db.reading() as s:
        database_id = s.get(AppMeta, "database_id")
    domain = f"{database_id.value if database_id else 'licenseapp'}.licenseapp"
    expiry = f"expiry:D1234567@{domain}"

    first = _events(calendar_feed(db, today=TODAY).text)
    assert first[expiry]["DTSTART;VALUE=DATE"] == "20300901"  # four years ahead: still in
    assert "SEQUENCE" not in first[expiry] and "STATUS" not in first[expiry]
    assert first[f"document:P-0001:visa:2027-03-31@{domain}"]["SUMMARY"] == (
        "Wei Zhang: visa expires")

    with db.unit_of_work() as s:
        s.query(License).one().expires_on = date(2030, 12, 1)
    moved = _events(calendar_feed(db, today=TODAY).text)
    assert moved[expiry]["DTSTART;VALUE=DATE"] == "20301201"
    assert moved[expiry]["SEQUENCE"] == "1"
    assert _events(calendar_feed(db, today=TODAY).text)[expiry]["SEQUENCE"] == "1"  # unchanged

    complete_deadline(db, "expiry:D1234567", now=None)
    done = calendar_feed(db, today=TODAY)
    event = _events(done.text)[expiry]
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == "2"
    assert done.cancelled_count == 1


def test_titles_without_names_and_a_feed_of_my_applications(db) -> None:  # type: ignore[no-untyped-def]
    mine = make_application(db, "LA-2026-0001", status="submitted")
    theirs = make_application(db, "LA-2026-0002", status="submitted", given="Olena",
                              family="Kovalenko", native="Олена Коваленко", citizenship="UA")
    for app_id, number in ((mine, "D1111111"), (theirs, "D2222222")):
        make_license(db, app_id, number, issued_on=date(2026, 9, 1),
                     expires_on=date(2030, 9, 1))
    with db.unit_of_work() as s:
        s.get(Application, theirs).owner = "alice"

    private = calendar_feed(db, FeedOptions(no_personal_data=True), today=TODAY).text
    assert "Zhang" not in private and "Kovalenko" not in private
    assert "SUMMARY:LA-2026-0002: Visa expiry" in private
    assert "SUMMARY:LA-2026-0002: License expiry" in private

    own = calendar_feed(db, FeedOptions(mine=True), today=TODAY).text
    assert "X-WR-CALNAME:My LicenseApp deadlines" in own
    assert "D1111111" in own and "D2222222" not in own
