"""``import_items`` on the files people really keep, on both databases: a ;-separated
Windows-1252 list with its own headers; every problem of a bad row at once, named by the
file's column and the row the spreadsheet shows; items matched by reference, else by name;
the same file again, or our own export, changes nothing; a dry run counts what the import
then does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dbsupport import postgres_url, reset_postgres
from sqlalchemy import func, select

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.item_form import ItemForm
from licenseapp.errors import LicenseAppError
from licenseapp.services.catalog.items import save_item
from licenseapp.services.exchange.exports import export
from licenseapp.services.exchange.item_import import import_items, items_mapping
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import AuditEntry, ControlledItem

HEADER = "Bezeichnung;Type;Modes;ECCN;Reasons;CCATS;Beschreibung;Abteilung"
GOOD = [
    "Mythos 5;AI model;parameters, use;4e091;;g195530;Frontier model – closed weights;KI",
    "Fable 5;AI model;weights / inference / fine tuning;4E091;;;Multimodal, für Tuning;KI",
    "GaN-Prozess (Müller);Technology;;3E001;NS, AT;;Epitaxie-Rezepte;HL",
]


def _file(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_bytes("\r\n".join((header, *rows)).encode("cp1252") + b"\r\n")
    return path


def _items(db: Database) -> dict[str, tuple[Any, ...]]:
    with db.reading() as s:
        return {i.ref: (i.name, i.kind, i.access_modes, i.regime, i.classification,
                        i.reasons_for_control, i.ccats, i.description)
                for i in s.execute(select(ControlledItem)).scalars()}


def _counts(report: Any) -> dict[str, int]:
    return {o.value: n for o, n in report.counts.items() if n}


def test_a_semicolon_windows_1252_list_with_its_own_headers(db: Database,
                                                            tmp_path: Path) -> None:
    path = _file(tmp_path / "items.csv", *GOOD)
    mapping = items_mapping(path)
    assert mapping.describe() == [
        "Bezeichnung → name", "Type → kind", "Modes → access_modes", "ECCN → classification",
        "Reasons → reasons_for_control", "CCATS → ccats", "Beschreibung → description",
        "Abteilung: ignored"]
    report = import_items(db, path)
    assert report.read_as == "CSV, semicolon-separated, Windows-1252"
    assert report.unknown_headers == ("Abteilung",)
    assert _counts(report) == {"added": 3} and report.applied
    assert [r.record for r in report.rows] == [
        "ITM-001 Mythos 5", "ITM-002 Fable 5", "ITM-003 GaN-Prozess (Müller)"]
    assert _items(db) == {
        "ITM-001": ("Mythos 5", "ai_model_access", "parameters,use", "EAR", "4E091", "RS, AT1",
                    "G195530", "Frontier model – closed weights"),
        "ITM-002": ("Fable 5", "ai_model_access", "parameters,use,fine_tuning", "EAR",
                    "4E091", "RS, AT1", "", "Multimodal, für Tuning"),
        "ITM-003": ("GaN-Prozess (Müller)", "technology", None, "EAR", "3E001", "NS, AT", "",
                    "Epitaxie-Rezepte"),
    }
    assert verify(db).ok
    with db.reading() as s:
        entries = s.execute(select(AuditEntry).where(AuditEntry.entity == "items")).scalars()
        (entry,) = list(entries)
    assert entry.action == "import" and entry.entity_id == "items.csv"
    assert "3 added, 0 updated, 0 unchanged, 0 rejected" in entry.summary
    assert '"added":["ITM-001","ITM-002","ITM-003"]' in entry.after_json

    again = import_items(db, path)
    assert _counts(again) == {"unchanged": 3}
    with db.reading() as s:
        assert s.execute(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.entity == "items")).scalar_one() == 1


def test_bad_rows_are_rejected_with_every_problem_and_good_rows_go_in(
        db: Database, tmp_path: Path) -> None:
    path = _file(tmp_path / "items.csv", GOOD[0],
                 "Orakel 2;Gadget;use;4X999;;G12;;",  # row 3: kind, modes, ECCN and CCATS
                 ";;;;;;nur Beschreibung;",  # row 4: no name, kind or classification
                 GOOD[2],
                 "Halcyon 3;AI model;;EAR99;;;;")  # row 6: an AI model needs a mode
    errors = tmp_path / "errors.csv"
    dry = import_items(db, path, dry_run=True)
    report = import_items(db, path, errors_file=errors)
    assert _counts(dry) == _counts(report) == {"added": 2, "rejected": 3}
    bad = {r.row: [(p.column, p.value, p.reason) for p in r.problems]
           for r in report.not_imported}
    assert bad[3] == [
        ("Type", "Gadget", "'Gadget' is not a kind of item"),
        ("ECCN", "4X999", "'4X999' is not an ECCN"),
        ("CCATS", "G12", "'G12' is not a CCATS number"),
    ]
    assert [(c, v, r) for c, v, r in bad[4]] == [
        ("Bezeichnung", "", "is empty"), ("Type", "", "is empty"), ("ECCN", "", "is empty")]
    fixes = {p.column: p.fix for r in report.not_imported if r.row == 4 for p in r.problems}
    assert fixes["Type"].startswith("choose one of technology, source code, AI model")
    assert bad[6][0][0] == "Modes"
    assert "an AI model is offered in at least one access mode" in bad[6][0][2]
    assert sorted(v[0] for v in _items(db).values()) == ["GaN-Prozess (Müller)", "Mythos 5"]
    assert errors.read_text(encoding="utf-8-sig").splitlines()[:2] == [
        "row,column,value,problem,fix", "3,Type,Gadget,'Gadget' is not a kind of item,"
        "\"choose one of technology, source code, AI model, technical data, defense service\""]

    # All or nothing: nothing goes in while a row is bad.
    refused = import_items(db, _file(tmp_path / "more.csv", GOOD[1], "X;Gadget;;3E001;;;;"),
                           all_or_nothing=True)
    assert not refused.applied and _counts(refused) == {"added": 1, "rejected": 1}
    assert len(_items(db)) == 2


def test_rows_match_by_reference_then_name_and_duplicates_are_one_item(
        db: Database, tmp_path: Path) -> None:
    import_items(db, _file(tmp_path / "first.csv", *GOOD))
    header = "Ref;Name;Kind;Modes;Classification;Reasons for control;Description"
    report = import_items(db, _file(
        tmp_path / "second.csv",
        "ITM-003;GaN process technology;;;3E001;;",  # renamed by reference
        ";MYTHOS 5;;parameters;;;Closed weights",  # by name, any case: modes and text change
        ";Fable 5;;;3E991;;",  # reasons filled from the data follow the classification
        ";Lumen 1;source code;;EAR99;;",  # new
        ";lumen 1;Source code;;EAR99;;",  # the same item again: matched, not added twice
        "ITM-042;Nova;technology;;3E001;;",  # new with the file's free reference
        "ITM-077;nova;;;;;",  # another database's reference: matched by name
        "ITM-001;Fable 5;;;;;",  # the reference and the name are two different items
        header=header))
    outcome = {r.row: (r.outcome.value, r.record, [str(c) for c in r.changes], r.note)
               for r in report.rows}
    assert outcome[2] == ("updated", "ITM-003 GaN process technology",
                          ["name: GaN-Prozess (Müller) → GaN process technology"], "")
    assert outcome[3] == ("updated", "ITM-001 Mythos 5",
                          ["access_modes: parameters, use → parameters",
                           "description: Frontier model – closed weights → Closed weights"], "")
    assert outcome[4] == ("updated", "ITM-002 Fable 5",
                          ["classification: 4E091 → 3E991", "reasons_for_control: RS, AT1 → AT1"],
                          "")
    assert outcome[5] == ("added", "ITM-004 Lumen 1", [], "")
    assert outcome[6] == ("unchanged", "ITM-004 Lumen 1", [], "the item added by row 5")
    assert outcome[7] == ("added", "ITM-042 Nova", [], "")
    assert outcome[8] == ("unchanged", "ITM-042 Nova", [],
                          "the item added by row 7; matched by name: ITM-077 is not its "
                          "reference in this database")
    assert outcome[9][0] == "rejected"
    (problem,) = report.rows[-1].problems
    assert problem.column == "Name"
    assert problem.reason == ("ITM-002 is called 'Fable 5', but the reference ITM-001 is "
                              "'Mythos 5'")
    items = _items(db)
    assert sorted(items) == ["ITM-001", "ITM-002", "ITM-003", "ITM-004", "ITM-042"]
    assert items["ITM-002"][4:6] == ("3E991", "AT1")
    assert verify(db).ok


def test_export_then_import_changes_nothing_and_rebuilds_a_fresh_database(
        db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    try:
        generate_demo(db, size=10)  # AI models whose modes were never recorded among them
        save_item(db, ItemForm(name="Night-vision goggles tech data", kind="technical data",
                               regime="ITAR", classification="xii(c)"))
        save_item(db, ItemForm(name="=Formula start", kind="AI model",
                               access_modes=("use", "fine-tuning"), classification="4E091",
                               description="-dash first, \"quoted\"; semi; colon"))
        before = _items(db)
        for suffix in (".csv", ".xlsx"):
            exported = tmp_path / f"items{suffix}"
            assert export(db, "items", exported) == len(before)
            report = import_items(db, exported)
            assert _counts(report) == {"unchanged": len(before)}, report.not_imported
        assert _items(db) == before
    finally:
        db.dispose()
    if postgres_url():
        reset_postgres(db_url)
        target = db_url
    else:
        target = str(tmp_path / "fresh.db")
    fresh = open_database(target)
    try:
        report = import_items(fresh, tmp_path / "items.csv")
        assert _counts(report) == {"added": len(before)}
        assert _items(fresh) == before
        assert verify(fresh).ok
    finally:
        fresh.dispose()


def test_regimes_and_what_a_file_cannot_be(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "itar.csv"
    path.write_text("Name,Kind,USML category\nRadar data,technical data,XI(d)\n"
                    "Sonar,technology,\"USML Cat. XI\"\n", encoding="utf-8")
    report = import_items(db, path)
    assert _counts(report) == {"added": 2}
    assert [v[3:5] for v in _items(db).values()] == [("ITAR", "USML XI(d)"),
                                                     ("ITAR", "USML XI")]
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("Kind,ECCN\ntechnology,3E001\n", encoding="utf-8")
    with pytest.raises(LicenseAppError, match="the column"):
        import_items(db, nameless)
    with pytest.raises(LicenseAppError, match="is the file being imported"):
        import_items(db, path, errors_file=path)


def test_a_dry_run_counts_what_the_import_does_and_writes_nothing(
        db: Database, tmp_path: Path) -> None:
    import_items(db, _file(tmp_path / "first.csv", GOOD[0]))
    path = _file(tmp_path / "second.csv", *GOOD, "Mythos 5;AI model;use;4E091;;;;",
                 "Bad;AI model;sideways;4E091;;;;")
    before = _items(db)
    dry = import_items(db, path, dry_run=True)
    assert dry.dry_run and not dry.applied and _items(db) == before
    real = import_items(db, path)
    assert dry.counts == real.counts
    assert _counts(real) == {"added": 2, "updated": 1, "unchanged": 1, "rejected": 1}


def test_not_subject_is_a_value_an_import_file_may_carry(db: Database, tmp_path: Path) -> None:
    """'published' in the ECCN column: not subject to the EAR (15 CFR 734.7), stored with
    its basis, and no license for any nationality."""
    from datetime import date

    from licenseapp.domain.rules import PersonFacts, determine, load_rulesets
    from licenseapp.services.catalog.items import item_facts

    path = _file(tmp_path / "open.csv",
                 "Halcyon 3 weights;Technology;;published;;;Open weights;KI",
                 "Lecture notes;Technology;;not subject (educational);;;Course;KI")
    report = import_items(db, path)
    assert _counts(report) == {"added": 2}
    stored = {v[0]: v[4] for v in _items(db).values()}
    assert stored == {"Halcyon 3 weights": "not subject (published)",
                      "Lecture notes": "not subject (educational)"}
    with db.reading() as s:
        row = s.execute(select(ControlledItem).where(
            ControlledItem.name == "Halcyon 3 weights")).scalar_one()
        facts = item_facts(row)
    assert facts.not_subject == "published"
    d = determine(PersonFacts.of("KP"), facts, date(2026, 12, 1), load_rulesets())
    assert d.license_required is False and "15 CFR 734.7" in d.citations
