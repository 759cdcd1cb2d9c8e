"""Controlled items and access records through the services, on SQLite and PostgreSQL:
items created, edited, retired and reinstated (never deleted), audited; access granted per
mode, granted again, revoked; one record per person, item and mode held by the database
itself; and the authorization matrix showing people and items before anyone has access."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.domain.item_form import ItemForm
from licenseapp.domain.person_form import CitizenshipForm, PersonForm
from licenseapp.errors import LicenseAppError, NotFoundError
from licenseapp.services.catalog.access import (
    AccessBook,
    grant_access,
    grant_access_many,
    grant_in_session,
    list_access,
    resolve_item,
    resolve_person,
    revoke_access,
    revoke_access_many,
    revoke_access_to,
)
from licenseapp.services.catalog.items import (
    find_item,
    find_item_by_text,
    list_items,
    load_item,
    reinstate_item,
    retire_item,
    save_item,
)
from licenseapp.services.catalog.people import save_person
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import AccessGrant, AuditEntry, ControlledItem

ON = date(2026, 11, 27)
MYTHOS = ItemForm(name="Mythos 5", kind="AI model", access_modes=("parameters", "use",
                                                                    "fine-tuning"),
                  regime="EAR", classification="4e091", ccats="g195530")
GAN = ItemForm(name="GaN HEMT process technology", kind="technology", regime="EAR",
               classification="3E001", reasons_for_control="NS, AT")


def _person(db: Database, given: str, family: str, email: str, country: str = "CN") -> int:
    saved = save_person(db, PersonForm(given_name=given, family_name=family, email=email,
                                       citizenships=(CitizenshipForm(country),)), today=ON)
    assert saved.id is not None
    return saved.id


def _audit(db: Database, entity: str) -> list[tuple[str, str]]:
    with db.reading() as s:
        return [(a.action, a.summary) for a in s.execute(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
        ).scalars()]


# --- items -------------------------------------------------------------------------------


def test_an_item_is_created_with_the_next_reference_filled_reasons_and_an_audit_entry(
        db: Database) -> None:
    mythos = save_item(db, MYTHOS, actor="mchen")
    gan = save_item(db, GAN)
    assert (mythos.ref, gan.ref) == ("ITM-001", "ITM-002")
    assert mythos.version == 1 and mythos.id is not None
    assert mythos.kind == "ai_model_access" and mythos.classification == "4E091"
    assert mythos.access_modes == ("parameters", "use", "fine_tuning")
    assert mythos.reasons_for_control == "RS, AT1"  # filled from the reference data
    assert mythos.ccats == "G195530"
    assert gan.reasons_for_control == "NS, AT" and gan.access_modes == ()
    assert load_item(db, mythos.id) == mythos
    assert [(i.ref, i.people) for i in list_items(db)] == [("ITM-001", 0), ("ITM-002", 0)]
    assert [i.ref for i in list_items(db, "gan")] == ["ITM-002"]
    assert [i.ref for i in list_items(db, "4e091")] == ["ITM-001"]
    assert _audit(db, "item")[0] == ("create", "item ITM-001 Mythos 5 created")
    facts = find_item(db, "itm-001")
    assert (facts.eccn, facts.kind and facts.kind.value) == ("4E091", "ai_model_access")
    assert find_item(db, "mythos 5").ref == "ITM-001"  # by name too
    with db.reading() as s:  # new nullable columns: None, not "" (record seals stay valid)
        row = s.execute(select(ControlledItem).where(ControlledItem.ref == "ITM-002")).scalar_one()
        assert (row.access_modes, row.retired_at, row.retired_by, row.retired_reason) == (
            None, None, None, None)
    assert verify(db).ok


def test_problems_and_duplicate_names_name_the_field_and_nothing_is_written(
        db: Database) -> None:
    with pytest.raises(FormInvalid) as err:
        save_item(db, ItemForm(name="", kind="ai_model", classification="4E999"))
    assert {p.field for p in err.value.problems} == {"name", "access_modes", "classification"}
    assert list_items(db, include_retired=True) == []
    save_item(db, MYTHOS)
    with pytest.raises(FormInvalid) as dup:
        save_item(db, dataclasses.replace(MYTHOS, name="  MYTHOS 5 "))
    assert [p.field for p in dup.value.problems] == ["name"]
    assert "ITM-001" in dup.value.problems[0].message
    assert len(list_items(db)) == 1


def test_an_edit_is_a_compare_and_set_and_reasons_follow_the_classification(
        db_url: str) -> None:
    one, two = open_database(db_url), open_database(db_url)
    try:
        item = save_item(one, GAN)
        assert item.id is not None
        auto = save_item(one, dataclasses.replace(item, reasons_for_control=""))
        assert auto.reasons_for_control == "NS1, MT1, NP1, RS, AT1" and auto.version == 2
        moved = save_item(one, dataclasses.replace(auto, classification="3D001"))
        assert moved.reasons_for_control == "NS, RS, AT1"  # filled ones follow
        mine = load_item(two, item.id)
        theirs = save_item(one, dataclasses.replace(moved, description="Epitaxy recipes"))
        assert theirs.version == 4
        with pytest.raises(EditConflict) as err:
            save_item(two, dataclasses.replace(mine, name="GaN technology"), base=mine)
        assert err.value.theirs.description == "Epitaxy recipes"
        assert err.value.mine.name == "GaN technology"
        again = save_item(two, dataclasses.replace(err.value.theirs, name="GaN technology"))
        assert again.version == 5 and again.description == "Epitaxy recipes"
        actions = [a for a, _ in _audit(one, "item")]
        assert actions == ["create", "update", "update", "update", "update"]
    finally:
        one.dispose()
        two.dispose()


def test_a_retired_item_is_kept_leaves_the_lists_and_takes_no_new_access(
        db: Database) -> None:
    item = save_item(db, GAN)
    wei = _person(db, "Wei", "Zhang", "wei@example.com")
    assert item.id is not None
    grant_access(db, wei, item.id)
    with pytest.raises(FormInvalid) as err:
        retire_item(db, item.id, "  ")
    assert err.value.problems[0].field == "retired_reason"
    retired = retire_item(db, item.id, "Process line closed", actor="mchen")
    assert retired.retired and retired.retired_reason == "Process line closed"
    assert retired.people == 1  # still has an access record: shown, not hidden
    assert list_items(db) == []
    assert [i.ref for i in list_items(db, include_retired=True)] == ["ITM-001"]
    assert find_item_by_text(db, "ITM-001").retired  # still found by its reference
    with pytest.raises(LicenseAppError, match="already retired"):
        retire_item(db, item.id, "again")
    other = _person(db, "Ana", "Silva", "ana@example.com", "BR")
    with pytest.raises(FormInvalid, match="retired"):
        grant_access(db, other, item.id)
    assert not grant_access(db, wei, item.id).changed  # unchanged access is no new access
    with pytest.raises(FormInvalid, match="reinstate"):
        save_item(db, ItemForm(name=GAN.name.upper(), classification="3E001"))
    back = reinstate_item(db, item.id)
    assert not back.retired and back.retired_reason == ""
    assert grant_access(db, other, item.id).created
    assert [a for a, _ in _audit(db, "item")] == ["create", "retire", "reinstate"]
    assert verify(db).ok


def test_find_item_by_text_by_reference_or_name_and_ambiguity(db: Database) -> None:
    save_item(db, MYTHOS)
    assert find_item_by_text(db, "itm-001").name == "Mythos 5"
    assert find_item_by_text(db, "MYTHOS 5").ref == "ITM-001"
    with pytest.raises(NotFoundError, match="did you mean 'Mythos 5'"):
        find_item_by_text(db, "Mythos 6")
    with db.unit_of_work() as s:  # old data may hold two items with one name
        s.add(ControlledItem(ref="ITM-077", name="mythos 5", kind="technology",
                             classification="4E091"))
    with pytest.raises(LicenseAppError, match="ITM-001, ITM-077"):
        find_item_by_text(db, "Mythos 5")


# --- access -------------------------------------------------------------------------------


def test_access_to_an_ai_model_is_one_record_per_mode(db: Database) -> None:
    item = save_item(db, dataclasses.replace(MYTHOS, access_modes=("parameters", "use")))
    gan = save_item(db, GAN)
    assert item.id is not None and gan.id is not None
    wei = _person(db, "Wei", "Zhang", "Wei.Zhang@example.com")
    with pytest.raises(FormInvalid, match="choose the access mode") as err:
        grant_access(db, wei, item.id)
    assert err.value.problems[0].field == "mode"
    with pytest.raises(FormInvalid, match="offered for parameters, use"):
        grant_access(db, wei, item.id, mode="fine-tuning")
    with pytest.raises(FormInvalid, match="not an AI model"):
        grant_access(db, wei, gan.id, mode="use")
    weights = grant_access(db, wei, item.id, mode="Parameters", since=date(2026, 3, 1),
                           actor="mchen")
    assert weights.created and weights.changed
    use = grant_access(db, wei, item.id, mode="use", state="requested")
    assert use.record.state == "requested" and use.record.since == date.today()
    whole = grant_access(db, wei, gan.id)
    assert whole.record.mode is None
    records = list_access(db, person_id=wei)
    assert [(r.item_ref, r.mode, r.state) for r in records] == [
        ("ITM-001", "parameters", "active"), ("ITM-001", "use", "requested"),
        ("ITM-002", None, "active")]
    assert records[0].person_ref == "P-0001" and records[0].person_name == "Wei Zhang"
    assert records[0].since == date(2026, 3, 1)
    assert [r.mode for r in list_access(db, item_id=item.id, states=("active",))] == [
        "parameters"]
    assert resolve_person(db, "wei.zhang@EXAMPLE.com").id == wei
    assert resolve_person(db, "p-0001").name == "Wei Zhang"
    assert resolve_item(db, "mythos 5").ref == "ITM-001"
    with pytest.raises(NotFoundError, match="P-0001"):
        resolve_person(db, "nobody@example.com")


def test_one_choice_of_people_items_and_modes_is_granted_all_or_nothing(db: Database) -> None:
    item = save_item(db, dataclasses.replace(MYTHOS, access_modes=("parameters", "use")))
    gan = save_item(db, GAN)
    assert item.id is not None and gan.id is not None
    wei = _person(db, "Wei", "Zhang", "wei@example.com")
    ana = _person(db, "Ana", "Souza", "ana@example.com", "BR")
    with pytest.raises(FormInvalid, match="offered for parameters, use: choose") as err:
        grant_access_many(db, [wei, ana], [gan.id, item.id], modes=["fine-tuning"])
    assert err.value.problems[0].field == "mode"
    assert list_access(db) == []  # GaN came first, and was not granted either
    records = grant_access_many(db, [wei, ana], [gan.id, item.id],
                                modes=["use", "fine-tuning"], state="requested",
                                since=date(2026, 11, 2))
    assert sorted((r.person_name, r.item_ref, r.mode, r.state) for r in records) == [
        ("Ana Souza", "ITM-001", "use", "requested"), ("Ana Souza", "ITM-002", None,
                                                       "requested"),
        ("Wei Zhang", "ITM-001", "use", "requested"), ("Wei Zhang", "ITM-002", None,
                                                       "requested")]
    assert {r.since for r in records} == {date(2026, 11, 2)}
    with pytest.raises(FormInvalid, match="choose at least one person"):
        grant_access_many(db, [], [item.id], modes=["use"])
    revoked = revoke_access_many(db, [r.id for r in records if r.item_ref == "ITM-001"],
                                 reason="project closed")
    assert {(r.state, r.suspended_reason) for r in revoked} == {("revoked", "project closed")}
    assert [a for a, _ in _audit(db, "access_grant")].count("revoke") == 2


def test_granting_again_reactivates_and_an_active_record_is_left_alone(db: Database) -> None:
    item = save_item(db, MYTHOS)
    assert item.id is not None
    wei = _person(db, "Wei", "Zhang", "wei@example.com")
    first = grant_access(db, wei, item.id, mode="use", state="requested")
    assert first.created
    active = grant_access(db, wei, item.id, mode="use")
    assert active.changed and not active.created and active.previous == "requested"
    assert active.record.id == first.record.id and active.record.state == "active"
    same = grant_access(db, wei, item.id, mode="use")
    assert not same.changed and same.record.version == active.record.version
    assert not grant_access(db, wei, item.id, mode="use", state="requested").changed
    revoked = revoke_access(db, first.record.id, reason="Left the project", actor="mchen")
    assert revoked.changed and revoked.record.state == "revoked"
    assert revoked.record.suspended_reason == "Left the project"
    assert revoked.record.suspended_at is not None
    assert not revoke_access(db, first.record.id).changed
    back = grant_access(db, wei, item.id, mode="use")
    assert back.changed and back.previous == "revoked" and back.record.id == first.record.id
    assert back.record.suspended_at is None and back.record.suspended_reason == ""
    assert len(list_access(db)) == 1
    actions = [a for a, _ in _audit(db, "access_grant")]
    assert actions == ["grant", "grant", "revoke", "grant"]
    assert verify(db).ok


def test_revoking_a_pair_without_a_mode_revokes_every_mode(db: Database) -> None:
    item = save_item(db, MYTHOS)
    assert item.id is not None
    wei = _person(db, "Wei", "Zhang", "wei@example.com")
    for mode in ("parameters", "use"):
        grant_access(db, wei, item.id, mode=mode)
    one = revoke_access_to(db, wei, item.id, mode="use")
    assert [o.record.mode for o in one] == ["use"]
    every = revoke_access_to(db, wei, item.id, reason="Directive")
    assert [(o.record.mode, o.changed) for o in every] == [("parameters", True),
                                                           ("use", False)]
    with pytest.raises(NotFoundError, match="no access record"):
        revoke_access_to(db, wei, item.id, mode="fine_tuning")


def test_one_record_per_person_item_and_mode_is_held_by_the_database(db: Database) -> None:
    item = save_item(db, MYTHOS)
    gan = save_item(db, GAN)
    wei = _person(db, "Wei", "Zhang", "wei@example.com")
    grant_access(db, wei, item.id or 0, mode="use")
    grant_access(db, wei, gan.id or 0)
    for mode, item_id in (("use", item.id), (None, gan.id)):
        with pytest.raises(IntegrityError), db.unit_of_work() as s:
            s.execute(insert(AccessGrant).values(
                person_id=wei, item_id=item_id, mode=mode, state="active",
                suspended_by="", suspended_reason="", version=1))
    with db.unit_of_work() as s:  # another mode is another record
        s.execute(insert(AccessGrant).values(
            person_id=wei, item_id=item.id, mode="parameters", state="active",
            suspended_by="", suspended_reason="", version=1))
    assert len(list_access(db)) == 3


def test_an_import_grants_in_one_unit_of_work_with_a_book(db: Database) -> None:
    item = save_item(db, MYTHOS)
    assert item.id is not None
    people = [_person(db, f"Given{n}", f"Family{n}", f"p{n}@example.com") for n in range(5)]
    grant_access(db, people[0], item.id, mode="use")
    with db.unit_of_work() as s:
        book = AccessBook.load(s)
        assert book.person("P-0002").id == people[1]
        assert book.person("P3@EXAMPLE.COM").id == people[3]
        assert book.item("mythos 5").id == item.id
        outcomes = [grant_in_session(s, pid, item.id, mode="use", book=book,
                                     record_audit=False) for pid in people]
        outcomes.append(grant_in_session(s, people[4], item.id, mode="use", book=book,
                                         record_audit=False))  # the same row twice
        assert [o.changed for o in outcomes] == [False, True, True, True, True, False]
        assert outcomes[-1].record.id == outcomes[-2].record.id
    assert len(list_access(db, item_id=item.id)) == 5
    assert verify(db).ok


# --- the authorization matrix -----------------------------------------------------------------


def test_a_new_person_and_a_new_item_appear_in_the_matrix_at_once(db: Database) -> None:
    item = save_item(db, MYTHOS)
    gan = save_item(db, GAN)
    assert item.id is not None and gan.id is not None
    wei = _person(db, "Wei", "Zhang", "wei@example.com")
    matrix = authorization_matrix(db, ON)
    assert [p[1] for p in matrix.people] == ["P-0001"]
    assert [i[1] for i in matrix.items] == ["ITM-001", "ITM-002"]
    assert matrix.cells == () and matrix.cell(wei, item.id) is None
    assert matrix.classifications[item.id] == "4E091"
    ana = _person(db, "Ana", "Silva", "ana@example.com", "BR")
    grant_access(db, ana, item.id, mode="parameters")
    grant_access(db, ana, item.id, mode="use")
    revoke_access_to(db, ana, item.id, mode="parameters")
    matrix = authorization_matrix(db, ON)
    assert [p[2] for p in matrix.people] == ["Ana Silva", "Wei Zhang"]
    cell = matrix.cell(ana, item.id)
    assert cell is not None and len(matrix.cells) == 1  # one cell for the pair
    assert cell.access == "active" and cell.state is not AuthState.REVOKED  # the live one
    assert cell.modes == ("parameters: revoked", "use: active")
    assert "parameters: revoked" in cell.detail and "use: active" in cell.detail
    retire_item(db, gan.id, "Line closed")
    assert [i[1] for i in authorization_matrix(db, ON).items] == ["ITM-001"]
    retire_item(db, item.id, "Model withdrawn")  # still has records: stays a column
    assert [i[1] for i in authorization_matrix(db, ON).items] == ["ITM-001"]
