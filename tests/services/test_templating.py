"""Filling the letter of explanation and the TCP from the record (both databases)."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.domain.checker.rules_letter import ELEMENTS
from licenseapp.errors import ValidationError
from licenseapp.paths import resource_path
from licenseapp.services.drafts.checking import check_application
from licenseapp.services.drafts.templating import TemplateSource, fill_letter, shipped_template
from licenseapp.services.safety import integrity
from licenseapp.store.database import Database
from licenseapp.store.models import Application, AuditEntry, Organization

REF = "LA-2026-0001"
TODAY = date(2026, 9, 1)


def _set(db: Database, **values: str) -> None:
    with db.unit_of_work() as s:
        app = s.execute(select(Application).where(Application.ref == REF)).scalar_one()
        org = s.get(Organization, app.organization_id)
        assert org is not None
        for key, value in values.items():
            setattr(org if key.startswith("default_") else app, key, value)


def _stored(db: Database) -> tuple[str, str]:
    with db.reading() as s:
        app = s.execute(select(Application).where(Application.ref == REF)).scalar_one()
        return app.loe_text, app.tcp_text


def test_the_shipped_templates_exist_and_use_only_known_placeholders() -> None:
    for name in ("loe-bis-deemed-export.txt", "tcp-default.txt"):
        assert resource_path("templates", name).is_file()
    loe = shipped_template("loe").lower()
    for marker in ("(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)", "availability abroad"):
        assert marker in loe
    tcp = shipped_template("tcp").lower()
    for topic in ("commitment", "eccn", "nationality", "physical security",
                  "information technology security", "screening", "training", "after"):
        assert topic in tcp


@pytest.mark.parametrize("which", ["loe", "tcp"])
def test_the_shipped_template_fills_from_the_record(db: Database, which: str) -> None:
    make_application(db)
    filled = fill_letter(db, REF, which, today=TODAY)
    assert filled.source is TemplateSource.SHIPPED and not filled.saved
    assert filled.result.ok, filled.result.unknown
    for expected in ("Northwind Frontier AI, Inc.", "Wei Zhang", "张伟", "China", "Mythos 5",
                     "4E091", "September 1, 2026", "Dana Whitfield", "Empowered Official"):
        assert expected in filled.text
    assert "{" not in filled.text
    assert _stored(db) == ("", "")  # not saved without save=True


def test_saving_stores_the_text_audited_and_satisfies_the_checker(db: Database) -> None:
    make_application(db)
    before = {f.rule for f in check_application(db, REF)}
    assert {"loe-missing", "tcp-missing"} <= before
    fill_letter(db, REF, "loe", save=True, today=TODAY)
    saved = fill_letter(db, REF, "tcp", save=True, today=TODAY, actor="alice")
    assert saved.saved
    loe, tcp = _stored(db)
    assert "Wei Zhang" in loe and "4E091" in tcp
    findings = check_application(db, REF)
    rules = {f.rule for f in findings}
    assert not rules & {"loe-missing", "tcp-missing"}
    # The shipped template leaves (vii) to the writer: filled but not written, it is refused
    # (issue #16), and so is the element it stands for.
    left = [f for f in findings if f.rule == "template-text"]
    assert [f.target.field for f in left] == ["application.loe_text"]
    assert "[Describe whether this technology is available in China" in left[0].message
    elements = {f.message.split(" ")[0] for f in findings if f.rule == "loe-element"}
    assert len(ELEMENTS) == 7 and "(vii)" in elements
    assert {"(i)", "(iii)", "(iv)"}.isdisjoint(elements)  # the template fills these in
    assert not [f for f in findings if f.rule == "vague-phrase"]
    with db.reading() as s:
        entries = s.execute(select(AuditEntry).where(AuditEntry.action == "fill")
                            .order_by(AuditEntry.id)).scalars().all()
        assert [(e.entity_id, e.actor) for e in entries] == [(REF, "tester"), (REF, "alice")]
    # Saved, the application's own text is now the template: filling again is stable.
    again = fill_letter(db, REF, "loe", today=TODAY)
    assert again.source is TemplateSource.APPLICATION and again.text == loe
    assert integrity.verify(db).ok


def test_the_organization_default_is_used_before_the_shipped_one(db: Database) -> None:
    make_application(db)
    _set(db, default_tcp_template="TCP of {applicant.legal_name} for {person.full_name}")
    filled = fill_letter(db, REF, "tcp")
    assert filled.source is TemplateSource.ORGANIZATION
    assert filled.text == "TCP of Northwind Frontier AI, Inc. for Wei Zhang"
    _set(db, tcp_text="Own plan for {person.native_name}")
    own = fill_letter(db, REF, "tcp")
    assert own.source is TemplateSource.APPLICATION and own.text == "Own plan for 张伟"


def test_unknown_placeholders_are_reported_and_block_saving(db: Database) -> None:
    make_application(db)
    template = "Dear officer,\n\nWe hired {unknown.thing}.\n{person.full_name}"
    _set(db, loe_text=template)
    filled = fill_letter(db, REF, "loe")
    assert [(p.line, p.placeholder) for p in filled.result.unknown] == [(3, "unknown.thing")]
    with pytest.raises(ValidationError) as caught:
        fill_letter(db, REF, "loe", save=True)
    assert "{unknown.thing} (line 3)" in caught.value.message
    assert _stored(db)[0] == template
    assert integrity.verify(db).ok


def test_a_wrong_letter_name_is_refused(db: Database) -> None:
    make_application(db)
    with pytest.raises(ValidationError, match="use loe or tcp"):
        fill_letter(db, REF, "cover")


def test_every_demo_organization_template_fills_without_unknown_placeholders(
    db: Database,
) -> None:
    """The demo's organization defaults use the engine's placeholders (regression)."""
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.services.drafts.templating import fill_letter
    from licenseapp.store.models import Application

    generate_demo(db)
    with db.unit_of_work() as s:
        apps = s.execute(select(Application).where(Application.regulator_code == "BIS")).scalars()
        by_org = {a.organization_id: a.ref for a in apps}
        for app in s.execute(select(Application).where(
                Application.ref.in_(list(by_org.values())))).scalars():
            app.loe_text = ""
            app.tcp_text = ""
    for ref in by_org.values():
        for which in ("loe", "tcp"):
            filled = fill_letter(db, ref, which)  # type: ignore[arg-type]
            assert filled.source == "organization"
            assert filled.result.unknown == (), (ref, which, filled.result.unknown)
