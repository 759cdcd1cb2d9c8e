"""Creating drafts: references, the one creation path, and bulk drafting under a directive."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from factories import make_application
from sqlalchemy import func, select, update

from licenseapp.demo.dataset import generate_demo
from licenseapp.errors import ValidationError
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.services.directive.impact import impact, suspend_access
from licenseapp.services.drafts import bulk_drafts
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.drafts.bulk_drafts import draft_bulk
from licenseapp.services.drafts.draft_texts import (
    DirectiveFacts,
    ItemForDraft,
    OrgFacts,
    PersonFactsForDraft,
    draft_texts,
    fill_template,
    site_address,
)
from licenseapp.services.drafts.drafting import (
    DraftItem,
    DraftParty,
    NewApplication,
    create_draft,
    next_application_ref,
)
from licenseapp.services.safety.integrity import verify
from licenseapp.store import seals
from licenseapp.store.database import Database
from licenseapp.store.models import Application, AuditEntry, Person, StatusEvent

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db)
    return db


def _counts(db: Database) -> tuple[int, int, int]:
    with db.reading() as s:
        return (s.execute(select(func.count(Application.id))).scalar_one(),
                s.execute(select(func.count(StatusEvent.id))).scalar_one(),
                s.execute(select(func.count(AuditEntry.id))).scalar_one())


def _highest_2026(db: Database) -> int:
    with db.reading() as s:
        refs = s.execute(select(Application.ref).where(Application.ref.like("LA-2026-%")))
        return max(int(r.rsplit("-", 1)[1]) for r in refs.scalars())


def test_references_continue_after_the_highest_of_the_year(db: Database) -> None:
    with db.reading() as s:
        assert next_application_ref(s, 2026) == "LA-2026-0001"
    make_application(db, "LA-2026-0041")
    make_application(db, "LA-2026-0007")
    make_application(db, "LA-2025-0099")
    with db.reading() as s:
        assert next_application_ref(s, 2026) == "LA-2026-0042"
        assert next_application_ref(s, 2025) == "LA-2025-0100"
        assert next_application_ref(s, 2027) == "LA-2027-0001"


def _new(db: Database, **kw: object) -> NewApplication:
    with db.reading() as s:
        app = s.execute(select(Application)).scalars().first()
        assert app is not None
        org_id, person_id = app.organization_id, app.person_id
        item_id = app.items[0].item_id
    values: dict[str, object] = {
        "organization_id": org_id, "regulator": "BIS", "form": "BIS-748P",
        "person_id": person_id, "items": (DraftItem(item_id, "4E091", "Model weights"),),
        "parties": (DraftParty("applicant", "Northwind Frontier AI, Inc.", country="US",
                               organization_id=org_id),),
        "note": "Drafted in the wizard", **kw}
    return NewApplication(**values)  # type: ignore[arg-type]


def test_one_draft_from_plain_inputs(db: Database) -> None:
    make_application(db, "LA-2026-0005")
    created = create_draft(db, _new(db), actor="mchen", now=NOW)
    assert created.ref == "LA-2026-0006"
    detail = get_application(db, created.ref)
    assert detail.row.status == "draft" and detail.row.owner == "mchen"
    assert [(e.from_status, e.to_status, e.note) for e in detail.events] == [
        (None, "draft", "Drafted in the wizard")]
    assert [i.technical_description for i in detail.items] == ["Model weights"]
    assert verify(db).ok
    with pytest.raises(ValidationError, match="BIS applications use BIS-748P"):
        create_draft(db, _new(db, form="DSP-5"))
    with pytest.raises(ValidationError, match="at least one item"):
        create_draft(db, _new(db, items=()))


def test_bulk_drafting_makes_one_draft_per_newly_affected_person(demo: Database) -> None:
    report = impact(demo, DIRECTIVE, ON)
    highest = _highest_2026(demo)
    without_open = {p.person_ref for p in report.pairs if not p.open_application}
    steps: list[tuple[int, int]] = []
    result = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW, progress=lambda d, t: steps.append(
        (d, t)))
    n = len(without_open)
    assert n >= 2 and not result.cancelled and result.created == n
    assert steps[0] == (0, n) and steps[-1] == (n, n)
    assert [d.ref for d in result.drafts] == [f"LA-2026-{highest + k:04d}"
                                              for k in range(1, n + 1)]
    assert {s.person_ref for s in result.skipped} == (
        {p.person_ref for p in report.pairs} - without_open)
    assert all(s.why == "open_application" and s.applications for s in result.skipped)
    for draft in result.drafts:
        # The person's pairs not already licensed or in an application in progress.
        mine = [p for p in report.pairs if p.person_ref == draft.person_ref
                and not p.license_number and not p.open_application]
        d = get_application(demo, draft.ref)
        assert d.ruleset_id == DIRECTIVE and d.row.status == "draft" and d.row.owner == "tester"
        assert sorted(i.item_ref for i in d.items) == sorted(p.item_ref for p in mine)
        assert all(i.eccn == "4E091" and i.technical_description for i in d.items)
        roles = {p.role: p for p in d.parties}
        assert set(roles) == {"applicant", "ultimate_consignee", "end_user"}
        assert roles["applicant"].name == d.organization == roles["end_user"].name
        assert roles["ultimate_consignee"].name == mine[0].person_name
        assert roles["ultimate_consignee"].address  # the work site
        assert [(e.from_status, e.to_status, e.actor) for e in d.events] == [
            (None, "draft", "tester")]
        assert d.events[0].note == ("Drafted in bulk under Directive on Frontier AI Model "
                                    "Access (2026)")
        assert mine[0].person_name in d.end_use and "Directive" in d.justification
    with demo.reading() as s:
        app = s.execute(select(Application).where(
            Application.ref == result.drafts[0].ref)).scalar_one()
        assert result.drafts[0].person_name in app.loe_text
        assert "4E091" in app.loe_text and "{" not in app.loe_text and app.tcp_text
    assert verify(demo).ok
    cells = authorization_matrix(demo, ON).cells
    drafted = {c.application_ref for c in cells if c.state is AuthState.APPLICATION_DRAFTED}
    assert {d.ref for d in result.drafts} <= drafted


def test_a_second_run_creates_nothing(demo: Database) -> None:
    first = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW)
    counts = _counts(demo)
    second = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW)
    assert second.created == 0 and second.drafts == ()
    assert second.duplicates == first.duplicates + first.created
    assert _counts(demo) == counts
    assert verify(demo).ok


def test_drafting_after_suspending_finds_the_same_people(demo: Database) -> None:
    planned = draft_bulk(demo, DIRECTIVE, on=ON, dry_run=True, now=NOW)
    suspend_access(demo, DIRECTIVE, on=ON, now=NOW)
    assert draft_bulk(demo, DIRECTIVE, on=ON, now=NOW).drafts == planned.drafts
    assert verify(demo).ok


def test_a_dry_run_writes_nothing_and_plans_what_a_real_run_does(demo: Database) -> None:
    counts = _counts(demo)
    planned = draft_bulk(demo, DIRECTIVE, on=ON, dry_run=True, now=NOW)
    assert planned.dry_run and planned.created == 0 and planned.drafts
    assert _counts(demo) == counts
    done = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW)
    assert [d.ref for d in done.drafts] == [d.ref for d in planned.drafts]


def test_cancel_rolls_everything_back(demo: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_drafts, "BATCH", 1)
    counts = _counts(demo)
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # after the first batch was written

    result = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW, cancel=cancel)
    assert result.cancelled and result.created == 0
    assert _counts(demo) == counts
    assert verify(demo).ok
    assert draft_bulk(demo, DIRECTIVE, on=ON, now=NOW, cancel=lambda: False).created == len(
        result.drafts)


def test_a_person_without_an_employer_is_named_not_drafted(demo: Database) -> None:
    pair = next(p for p in impact(demo, DIRECTIVE, ON).pairs if not p.open_application)
    planned = draft_bulk(demo, DIRECTIVE, on=ON, dry_run=True, now=NOW)
    with demo.unit_of_work() as s:
        s.execute(update(Person).where(Person.id == pair.person_id).values(employer_id=None)
                  .execution_options(synchronize_session=False))
        seals.seal_rows(s, "people", [(pair.person_id,)])
    result = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW)
    assert [(s.person_ref, s.why) for s in result.skipped if s.why == "no_employer"] == [
        (pair.person_ref, "no_employer")]
    assert result.created == len(planned.drafts) - 1
    assert pair.person_ref not in {d.person_ref for d in result.drafts}


def test_templates_fill_known_placeholders_and_keep_the_rest() -> None:
    assert fill_template("{name} ({eccns}) {unknown}", {"name": "Na Li", "eccns": "4E091"}) == (
        "Na Li (4E091) {unknown}")
    org = OrgFacts(1, "Northwind Frontier AI, Inc.", "500 Harrison Street", "San Francisco",
                   "CA", "94107", "US", "", "", "", "", "")
    assert org.short == "NFA"
    person = PersonFactsForDraft(1, "Na Li", "李娜", ("CN",), "lpr", None, "CN", "", "", "",
                                 "Northwind Frontier AI, Inc., 1201 Third Avenue, Seattle, "
                                 "WA 98101")
    assert site_address(person, org) == ("1201 Third Avenue", "Seattle", "WA", "98101")
    odd = PersonFactsForDraft(1, "Na Li", "", (), None, None, None, "", "", "", "Building 7")
    assert site_address(odd, org) == ("Building 7", "", "", "")
    none = PersonFactsForDraft(1, "Na Li", "", (), None, None, None, "", "", "", "")
    assert site_address(none, org) == ("500 Harrison Street", "San Francisco", "CA", "94107")


def test_the_built_in_letter_names_the_person_the_items_and_the_directive() -> None:
    org = OrgFacts(1, "Northwind Frontier AI, Inc.", "500 Harrison Street", "San Francisco",
                   "CA", "94107", "US", "", "Daniel Reyes", "General Counsel", "", "")
    person = PersonFactsForDraft(7, "Na Li", "李娜", ("CN",), "lpr", date(1985, 2, 1), "CN",
                                 "Research Scientist", "Trains reward models.", "Dana Whitfield",
                                 "")
    items = (ItemForDraft(1, "Mythos 5", "4E091", "", "Model weights"),)
    directive = DirectiveFacts(DIRECTIVE, "Directive on Frontier AI Model Access (2026)",
                               date(2026, 11, 20))
    texts = draft_texts(person, org, items, directive, ON)
    for text in (texts.loe_text, texts.tcp_text):
        assert "Na Li" in text and "4E091" in text and "Directive on Frontier AI" in text
        assert "{" not in text
    assert "China" in texts.loe_text and "Mythos 5 (4E091)" in texts.loe_text
    assert "Lawful permanent resident" in texts.additional_info and "李娜" in texts.additional_info
