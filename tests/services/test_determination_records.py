"""Rule sets and determinations are records (#14, point 6): a changed rule set is a new
version, and the stored determinations of earlier applications keep their answer and show
as out of date with the rules now in force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import make_application
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from licenseapp import paths
from licenseapp.domain.rules import clear_cache, shipped_rulesets_dir
from licenseapp.services.directive.determination_records import (
    application_determinations,
    recorded,
)
from licenseapp.services.directive.ruleset_versions import ruleset_versions
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import StoredDetermination

ON = date(2026, 12, 1)
DIRECTIVE = "ai-access-directive-2026"
ITAR = "itar-technical-data"


def _change_the_directive(replace: tuple[str, str]) -> None:
    """The user's own version of the shipped directive (same id, other content)."""
    text_ = (shipped_rulesets_dir() / f"{DIRECTIVE}.json").read_text(encoding="utf-8")
    assert replace[0] in text_
    folder = paths.user_rulesets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{DIRECTIVE}.json").write_text(text_.replace(*replace), encoding="utf-8")
    clear_cache()


@pytest.fixture(autouse=True)
def _fresh_rules() -> object:
    clear_cache()
    yield
    clear_cache()


def test_a_changed_rule_set_leaves_earlier_answers_and_shows_them_out_of_date(
        db: Database) -> None:
    # A British H-1B holder with access to a 4E091 model.
    make_application(db, citizenship="GB", given="Oliver", family="Hughes", native="")
    first = application_determinations(db, "LA-2026-0001", ON)
    assert not first.out_of_date, first.changes
    (before,) = first.recorded
    assert before.license_required is True
    assert before.deciding_ruleset in {"ear-baseline", DIRECTIVE}
    assert before.citations
    assert "Oliver Hughes" in before.reason
    # Every rule set in force is stored with the answer, the ITAR one too (it does not
    # control this EAR item, but it was asked).
    assert {s.id for s in before.rulesets} == {"ear-baseline", ITAR, DIRECTIVE}
    assert all(s.version_no == 1 and len(s.sha256) == 64 for s in before.rulesets)
    assert before.inputs["person"]["citizenships"][0]["country"] == "GB"
    assert before.inputs["person"]["immigration_status"] == "h1b"
    assert before.reference_date.year >= 2025
    assert before.recorded_by

    # The directive is narrowed to another ECCN (a new version of the same rule set).
    _change_the_directive(('"eccns": ["4E091"]', '"eccns": ["4E001"]'))
    second = application_determinations(db, "LA-2026-0001", ON)

    (after,) = second.recorded
    assert after == before  # the stored answer, its reason and its rule-set hashes
    assert second.out_of_date
    changed = " ".join(second.changes)
    assert "version 1 was used, version 2 is in force now" in changed
    versions = ruleset_versions(db, DIRECTIVE)
    assert [v.version_no for v in versions] == [1, 2]
    assert versions[0].sha256 == before.rulesets[[s.id for s in before.rulesets]
                                                 .index(DIRECTIVE)].sha256
    with db.reading() as session:
        count = session.execute(select(func.count()).select_from(StoredDetermination)
                                ).scalar_one()
    assert count == 1  # shown again: read, not answered anew
    assert verify(db).ok


def test_a_stored_determination_cannot_be_edited_or_deleted(db: Database) -> None:
    make_application(db)
    application_determinations(db, "LA-2026-0001", ON)
    for statement in ("UPDATE determinations SET answer = 'no license required'",
                      "DELETE FROM determinations",
                      "UPDATE rule_set_versions SET content = ''"):
        with pytest.raises(DBAPIError), db.engine.begin() as conn:
            conn.execute(text(statement))
    again = application_determinations(db, "LA-2026-0001", ON)
    assert again.recorded[0].answer == "license required"


def test_an_unchanged_rule_set_is_not_stored_twice(db: Database, tmp_path: Path) -> None:
    make_application(db)
    application_determinations(db, "LA-2026-0001", ON)
    make_application(db, "LA-2026-0002")
    application_determinations(db, "LA-2026-0002", ON)
    assert [(v.id, v.version_no) for v in ruleset_versions(db)] == [
        (DIRECTIVE, 1), ("ear-baseline", 1), (ITAR, 1)]


def test_a_permanent_resident_answered_under_the_directive_keeps_that_answer(
        db: Database) -> None:
    make_application(db, citizenship="IN", given="Priya", family="Raman", native="")
    with db.unit_of_work() as session:
        session.execute(text("UPDATE people SET immigration_status = 'lpr', "
                             "residency_country = 'US'"))
    (before,) = application_determinations(db, "LA-2026-0001", ON).recorded
    assert (before.license_required, before.deciding_ruleset) == (True, DIRECTIVE)

    _change_the_directive(('"not_covered": ["us_citizen"]', '"not_covered": ["us_citizen", "lpr"]'))
    now = application_determinations(db, "LA-2026-0001", ON)
    assert now.recorded == (before,)
    changed = " ".join(now.changes)
    assert "the answer recorded is “license required”" in changed
    assert "in force now it is “no license required”" in changed


def test_a_suspension_stores_the_determinations_it_acted_on(db: Database) -> None:
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.services.directive.suspension import suspend

    generate_demo(db)
    result = suspend(db, DIRECTIVE, on=ON, batch=3)  # several batches, each storing its own
    assert len(result.suspended) > 3
    with db.reading() as session:
        rows = session.execute(select(StoredDetermination)).scalars().all()
    assert {r.purpose for r in rows} == {"suspension"}
    assert {r.license_required for r in rows} <= {True, None}  # none "not required"
    stored = [recorded(r) for r in rows]
    assert sorted(d.inputs["grant_id"] for d in stored) == sorted(result.suspended)
    assert all(d.rulesets and d.reason and "This person" not in d.reason for d in stored)
    assert verify(db).ok


def test_the_access_mode_is_an_input_and_decides_which_rule_answers(db: Database) -> None:
    from licenseapp.store.models import AccessGrant, Person

    make_application(db, citizenship="GB", given="Oliver", family="Hughes", native="")
    with db.unit_of_work() as session:
        person = session.execute(select(Person)).scalar_one()
        session.add(AccessGrant(person_id=person.id, item_id=1, state="active", mode="use"))
    (found,) = application_determinations(db, "LA-2026-0001", ON).recorded
    # Use through an API is no release of the weights: only the directive reaches it.
    assert (found.access_mode, found.inputs["access_mode"]) == ("use", "use")
    assert (found.license_required, found.deciding_ruleset) == (True, DIRECTIVE)
    baseline = next(r for r in found.results if r["ruleset"] == "ear-baseline")
    assert baseline["license_required"] is not True


def test_a_draft_keeps_the_answer_it_was_drafted_under(db: Database) -> None:
    """Drafted, never opened, then the rules change: its stored answer is the one given
    when it was drafted, shown out of date."""
    from datetime import UTC, datetime

    from licenseapp.demo.dataset import generate_demo
    from licenseapp.services.drafts.bulk_drafts import draft_bulk

    generate_demo(db)
    result = draft_bulk(db, DIRECTIVE, on=ON, now=datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    ref = result.drafts[0].ref
    with db.reading() as session:
        stored = session.execute(select(StoredDetermination).where(
            StoredDetermination.application_ref.in_([d.ref for d in result.drafts]))
        ).scalars().all()
    assert {s.application_ref for s in stored} == {d.ref for d in result.drafts}
    assert {s.license_required for s in stored} == {True}
    _change_the_directive(('"not_covered": ["us_citizen"]', '"not_covered": ["us_citizen", "lpr"]'))
    found = application_determinations(db, ref, ON)
    assert found.out_of_date
    assert all(d.license_required is True and d.on == ON for d in found.recorded)
    assert all({s.version_no for s in d.rulesets} == {1} for d in found.recorded)
