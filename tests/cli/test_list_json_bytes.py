"""``list --json`` prints byte for byte what it printed from the list's rows, on awkward
values; a long list a part at a time is the one text the whole list gave, escaped once."""

from __future__ import annotations

import json
import re

import pytest
from awkward_applications import awkward_database

from licenseapp.cli.main import main
from licenseapp.cli.output import _UNSAFE, LONG_LIST, print_json, safe_terminal, safe_text
from licenseapp.services.drafts.applications import list_applications
from licenseapp.store.database import Database


def as_printed_before(document: list[dict[str, object]]) -> str:
    """What ``print_json`` wrote before: the whole text made, then escaped."""
    if len(document) >= LONG_LIST:
        text = "[\n" + ",\n".join(
            "  " + json.dumps(item, ensure_ascii=False) for item in document) + "\n]"
    else:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


@pytest.mark.parametrize("count", [3, LONG_LIST - 1, LONG_LIST, 2 * LONG_LIST + 345])
def test_a_long_list_is_printed_as_the_whole_text_was(count: int, capsys) -> None:  # type: ignore[no-untyped-def]
    unsafe = "Zhang \u202eWei 张伟 \x85 \x7f \x1b[31m \ud800 \u2028"
    document: list[dict[str, object]] = [
        {"id": n, "name": unsafe if n % 7 == 0 else f"n{n}", "tags": ["a", unsafe], "x": None}
        for n in range(count)]
    with safe_terminal():  # as every command prints: escaped once, never twice
        print_json(document)
    text = capsys.readouterr().out
    assert text == as_printed_before(document)
    assert safe_text(text) == text  # nothing left that a terminal would obey
    assert re.search("[\u202e\x85\x7f\x1b]", text) is None


def test_list_json_prints_what_the_list_rows_gave(db: Database, db_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    awkward_database(db)
    expected = as_printed_before([r.to_json() for r in list_applications(db)])
    assert main(["--db", db_url, "list", "--json"]) == 0
    assert capsys.readouterr().out == expected
    assert main(["--db", db_url, "list", "--json", "--regulator", "ecju"]) == 0
    ecju = json.loads(capsys.readouterr().out)
    assert ecju and {r["regulator"] for r in ecju} == {"ECJU"}
