"""``licenseapp screen`` and ``licenseapp lists``: a name, a batch of names, everyone, a
decision, and list snapshots, as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import make_person_form
from screening_lists import json_list

from licenseapp.cli.main import main
from licenseapp.services.screening.results import all_hits
from licenseapp.store.database import open_database


def run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_name_screened_as_json(db_url: str, tmp_path: Path, capsys) -> None:
    code, out, _ = run(db_url, capsys, "lists", "import", str(json_list(tmp_path / "a.json")))
    assert code == 0 and out.startswith("List of 2026-07-31 loaded: 33 entries")
    code, out, _ = run(db_url, capsys, "screen", "--name", "张伟", "--country", "CN", "--json")
    assert code == 0
    [hit] = json.loads(out)
    assert (hit["list"], hit["entry_id"], hit["matched_name"]) == ("SDN", "1201", "ZHANG, Wei")
    assert hit["score"] == 100 and "read as 'zhang wei'" in hit["explanation"]
    assert "country CN on both (+5)" in hit["explanation"]
    code, out, _ = run(db_url, capsys, "screen", "--name", "ACME CORP")
    assert (code, out.strip()) == (0, "No hits.")


def test_a_batch_gives_one_result_per_row(db_url: str, tmp_path: Path, capsys) -> None:
    run(db_url, capsys, "lists", "import", str(json_list(tmp_path / "a.json")))
    batch = tmp_path / "visitors.csv"
    batch.write_text("name,country,date_of_birth\nWei Zhang,CN,1990-02-28\n"
                     "Ada Lovelace,GB,\nDmitri Kuznetsov,RU,1975-06-01\n", encoding="utf-8")
    code, out, _ = run(db_url, capsys, "screen", "--batch", str(batch), "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["line"], r["name"], [h["entry_id"] for h in r["hits"]]) for r in rows] == [
        (2, "Wei Zhang", ["1201"]), (3, "Ada Lovelace", []), (4, "Dmitri Kuznetsov", ["1202"])]


def test_people_screened_and_a_hit_decided(db_url: str, tmp_path: Path, capsys) -> None:
    run(db_url, capsys, "lists", "import", str(json_list(tmp_path / "a.json")))
    db = open_database(db_url)
    try:
        make_person_form(db)
    finally:
        db.dispose()
    code, out, _ = run(db_url, capsys, "screen", "people", "--json")
    [view] = json.loads(out)
    assert (view["ref"], view["decision"], view["list"]) == ("P-0001", "open", "SDN")
    code, _, err = run(db_url, capsys, "screen", "decide", str(view["hit"]), "cleared")
    assert code == 2 and "--note: say why the hit is cleared" in err
    code, out, _ = run(db_url, capsys, "screen", "decide", str(view["hit"]), "cleared",
                       "--note", "Other date of birth")
    assert (code, out.strip()) == (0, f"Hit {view['hit']}: cleared.")
    code, out, _ = run(db_url, capsys, "screen", "people")
    assert "cleared" in out and "0 new hit(s), 0 changed, 1 unchanged" in out


def test_lists_and_a_drop_refused(db_url: str, tmp_path: Path, capsys) -> None:
    code, out, _ = run(db_url, capsys, "lists")
    assert code == 0 and out.startswith("No list loaded yet")
    run(db_url, capsys, "lists", "import", str(json_list(tmp_path / "a.json")))
    shrunk = json_list(tmp_path / "b.json", published="2026-08-01", fillers=2)
    code, _, err = run(db_url, capsys, "lists", "import", str(shrunk))
    assert code == 2
    assert err.strip() == ("licenseapp: error: SDN fell from 32 to 4: the previous list is "
                           "kept. Load this one only if the lists really shrank. To load it "
                           "anyway, add --accept-drop.")
    code, out, _ = run(db_url, capsys, "lists", "import", str(shrunk), "--accept-drop",
                       "--json")
    assert code == 0 and json.loads(out)["snapshot"]["counts"] == {"SDN": 4, "EL": 1}
    code, out, _ = run(db_url, capsys, "lists", "--json")
    assert [(s["published_on"], s["current"]) for s in json.loads(out)] == [
        ("2026-08-01", True), ("2026-07-31", False)]


def test_a_new_database_screens_its_first_person_against_the_shipped_list(
        db_url: str, capsys) -> None:
    code, out, _ = run(db_url, capsys, "init")
    assert code == 0 and "published 2026-07-31, 25,921 entries" in out
    db = open_database(db_url)
    try:
        make_person_form(db)  # saved as the app saves a person: screened in the same step
        hits = all_hits(db)  # before any screening command runs
    finally:
        db.dispose()
    assert ("P-0001", "SDN", "ZHANG, Wei") in {
        (view.subject_ref, view.hit.list_code, view.hit.matched_name) for view in hits}
