"""The global search index of a real database: each kind found by its key, and kept current
by change sets and by catching up with what others changed."""

from __future__ import annotations

from datetime import date

from factories import make_application, make_license
from sqlalchemy import update

from licenseapp.domain.search.index import FoundGroup, RecordKind
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.search.cache import SearchCache
from licenseapp.store.database import Database
from licenseapp.store.models import Application, ControlledItem, Organization, Person


def _found(groups: list[FoundGroup]) -> dict[RecordKind, list[str]]:
    return {group.kind: [found.title for found in group.found] for group in groups}


def _sample(db: Database) -> None:
    first = make_application(db, "LA-2026-0001", status="registered")
    make_application(db, "LA-2026-0002", regulator="DDTC", given="Layla", family="Haddad",
                     native="ليلى حداد", status="approved")
    make_application(db, "LA-2026-0003", given="José Ángel", family="Núñez", native="")
    make_application(db, "LA-2026-0004", given="Priya", family="Sharma",
                     native="प्रिया शर्मा")
    with db.unit_of_work() as s:
        s.execute(update(Application).where(Application.id == first)
                  .values(regulator_ref="Z1234567"))
        s.execute(update(Application).where(Application.ref == "LA-2026-0002")
                  .values(regulator_ref="05123456"))
        s.execute(update(Organization).values(snapr_cin="C123456"))
    with db.reading() as s:
        app_id = s.query(Application.id).filter_by(ref="LA-2026-0002").one()[0]
    make_license(db, app_id, "DD-555123", issued_on=date(2026, 3, 1),
                 expires_on=date(2030, 2, 28))


def test_each_kind_is_found_by_its_key(db: Database) -> None:
    _sample(db)
    cache = SearchCache(db)
    assert _found(cache.search("LA-2026-0003")) == {RecordKind.APPLICATIONS: ["LA-2026-0003"]}
    assert _found(cache.search("la20260003"))[RecordKind.APPLICATIONS] == ["LA-2026-0003"]
    found = cache.search("Z1234567")  # a BIS application control number
    assert _found(found) == {RecordKind.APPLICATIONS: ["LA-2026-0001"]}
    assert "ACN Z1234567" in found[0].found[0].context
    assert _found(cache.search("05123456")) == {RecordKind.APPLICATIONS: ["LA-2026-0002"]}
    assert _found(cache.search("555123")) == {RecordKind.LICENSES: ["DD-555123"]}
    assert cache.search("dd-555")[0].found[0].key == "LA-2026-0002"  # opens on its application
    assert _found(cache.search("northwind")) == {
        RecordKind.ORGANIZATIONS: ["Northwind Frontier AI, Inc."]}
    assert _found(cache.search("C123456"))[RecordKind.ORGANIZATIONS] == [
        "Northwind Frontier AI, Inc."]
    assert _found(cache.search("mythos")) == {RecordKind.ITEMS: ["Mythos 5"]}
    assert _found(cache.search("4E091")) == {RecordKind.ITEMS: ["Mythos 5"]}
    assert _found(cache.search("itm-001")) == {RecordKind.ITEMS: ["Mythos 5"]}


def test_names_with_accents_optional_and_in_their_own_script(db: Database) -> None:
    _sample(db)
    cache = SearchCache(db)
    assert _found(cache.search("jose nunez")) == {RecordKind.PEOPLE: ["José Ángel Núñez"]}
    assert _found(cache.search("NÚÑEZ")) == {RecordKind.PEOPLE: ["José Ángel Núñez"]}
    assert _found(cache.search("zhang wei")) == {RecordKind.PEOPLE: ["Wei Zhang"]}
    assert _found(cache.search("张伟")) == {RecordKind.PEOPLE: ["Wei Zhang"]}
    assert _found(cache.search("حداد")) == {RecordKind.PEOPLE: ["Layla Haddad"]}
    assert _found(cache.search("शर्मा")) == {RecordKind.PEOPLE: ["Priya Sharma"]}
    assert _found(cache.search("nobody like this")) == {}


def test_a_change_set_brings_the_index_up_to_date(db: Database) -> None:
    _sample(db)
    cache = SearchCache(db)
    assert _found(cache.search("sharma"))
    with db.unit_of_work() as s:
        person = s.query(Person).filter_by(family_name="Sharma").one()
        person.family_name = "Verma"
        person_id = person.id
        s.add(ControlledItem(ref="ITM-077", name="Aurora 2", kind="ai_model_access",
                             regime="EAR", classification="4E091"))
        s.flush()
        item_id = s.query(ControlledItem.id).filter_by(ref="ITM-077").scalar()
    assert _found(cache.search("verma")) == {}  # not announced yet
    cache.apply(Changes.of(Kind.PEOPLE, [person_id]) | Changes.of(Kind.ITEMS, [item_id]))
    assert _found(cache.search("verma")) == {RecordKind.PEOPLE: ["Priya Verma"]}
    assert _found(cache.search("sharma")) == {}
    assert _found(cache.search("aurora")) == {RecordKind.ITEMS: ["Aurora 2"]}
    # The application's line names the person as she is now.
    assert "Priya Verma" in cache.search("LA-2026-0004")[0].found[0].context


def test_catching_up_finds_what_others_changed(db: Database) -> None:
    _sample(db)
    cache = SearchCache(db)
    cache.index()
    with db.unit_of_work() as s:  # another user, another program: nothing announced
        s.query(Application).filter_by(ref="LA-2026-0003").one().regulator_ref = "Z7654321"
    assert _found(cache.search("Z7654321")) == {}
    cache.catch_up()
    assert _found(cache.search("Z7654321")) == {RecordKind.APPLICATIONS: ["LA-2026-0003"]}
