"""Change sets: what an action changed, merged and asked about as the screens do."""

from __future__ import annotations

from datetime import date

from licenseapp.services.changes import NOTHING, Changes, Kind, application_changes


def test_records_are_named_by_kind_and_merged() -> None:
    one = Changes.of(Kind.APPLICATIONS, ["LA-2026-0001"])
    two = Changes.of(Kind.APPLICATIONS, ["LA-2026-0002"]) | Changes.of(Kind.PEOPLE, [7])
    both = one | two
    assert both.refs(Kind.APPLICATIONS) == {"LA-2026-0001", "LA-2026-0002"}
    assert both.ids(Kind.PEOPLE) == {7}
    assert both.touches(Kind.PEOPLE) and not both.touches(Kind.ITEMS)
    assert not both.is_whole(Kind.APPLICATIONS)
    assert one.refs(Kind.APPLICATIONS) == {"LA-2026-0001"}  # the operands are unchanged


def test_nothing_is_falsy_and_an_empty_list_of_keys_changes_nothing() -> None:
    assert not NOTHING
    assert not Changes.of(Kind.ITEMS, [])
    assert Changes.of(Kind.ITEMS, [1])


def test_whole_kinds_are_reloaded_and_everything_touches_every_kind() -> None:
    imported = Changes.all_of(Kind.PEOPLE, Kind.ACCESS)
    assert imported.is_whole(Kind.PEOPLE) and imported.touches(Kind.ACCESS)
    assert imported.keys(Kind.PEOPLE) == frozenset()
    assert all(Changes.everything().is_whole(kind) for kind in Kind)
    assert (imported | Changes.of(Kind.PEOPLE, [3])).is_whole(Kind.PEOPLE)


def test_an_application_change_names_its_row_and_deadlines_and_its_license_if_issued() -> None:
    plain = application_changes(["LA-2026-0003"])
    assert plain.refs(Kind.DEADLINES) == {"LA-2026-0003"}
    assert not plain.touches(Kind.LICENSES)
    issued = application_changes(["LA-2026-0003"], license_changed=True)
    assert issued.refs(Kind.LICENSES) == {"LA-2026-0003"}
    assert "applications: LA-2026-0003" in issued.describe()


def test_a_status_change_and_a_reassignment_say_what_they_changed(db) -> None:
    from factories import make_application

    from licenseapp.domain.enums import ApplicationStatus as S
    from licenseapp.services.drafts.applications import rows_changed
    from licenseapp.services.follow_up.tracking import StatusChange, change_status, reassign

    make_application(db, status="registered")
    make_application(db, "LA-2026-0002", status="registered")
    result = change_status(db, StatusChange("LA-2026-0001", S.APPROVED, license_no="D1234567",
                                            valid_until=date(2030, 1, 1), on=date(2026, 11, 2)))
    assert result.changes.refs(Kind.APPLICATIONS) == {"LA-2026-0001"}
    assert result.changes.refs(Kind.LICENSES) == {"LA-2026-0001"}
    handed = reassign(db, "LA-2026-0002", "dpatel")
    assert handed.changes.refs(Kind.APPLICATIONS) == {"LA-2026-0002"}
    assert not handed.changes.touches(Kind.LICENSES)
    # what a list reads to bring those rows up to date: them, as they are now
    rows, gone = rows_changed(db, refs=["LA-2026-0001", "LA-2026-0002", "LA-2026-9999"])
    now = {r.ref: (r.status, r.owner) for r in rows}
    assert now["LA-2026-0001"][0] == "approved"
    assert now["LA-2026-0002"] == ("registered", "dpatel")
    assert set(now) == {"LA-2026-0001", "LA-2026-0002"}
    assert gone == {"LA-2026-9999"}
