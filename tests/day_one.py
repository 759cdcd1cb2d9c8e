"""A company's own files for day one, as HR and engineering hand them over.

The roster is what a European HR system exports: ``;``-separated, Windows-1252, headers
in words ("Given Name", "Nationality"), countries by name, dates day first (05.03.1990),
immigration statuses as people write them. Three of its 200 rows are wrong in ways an HR
file is: an ambiguous date, a country that does not exist, a missing family name.
Importable by tests (conftest modules are not).
"""

from __future__ import annotations

import random
from pathlib import Path

COMPANY = "Frontier AI Labs, Inc."
ITEMS = ("Mythos 5", "Fable 5")
PEOPLE = 200
BAD_ROWS = {30: "ambiguous date", 121: "unknown country", 201: "no family name"}
#: Spreadsheet row numbers (the header is row 1) of the rows that must be refused.
GOOD = PEOPLE - len(BAD_ROWS)

_GIVEN = ("Jürgen", "Amélie", "Søren", "Núria", "Wei", "Priya", "Ali", "Olga", "João",
          "Zoë", "Hiroshi", "Fatima", "Ignacio", "Chloé", "Björn", "Mei", "Arjun", "Elif")
_FAMILY = ("Müller", "Lefèvre", "Ødegaard", "Peña", "Zhang", "Sharma", "Rahimi", "Ivanova",
           "Gonçalves", "Brontë", "Tanaka", "Haddad", "Núñez", "Dubois", "Åström", "Chen",
           "Iyer", "Yilmaz")
_NATIONS = ("Germany", "France", "Denmark", "Spain", "China", "India", "Iran", "Russia",
            "Portugal", "UK", "Japan", "Lebanon", "Mexico", "Canada", "Sweden", "Taiwan",
            "India", "Turkey")
_STATUSES = ("H-1B", "Green card", "L-1", "O-1", "F-1", "TN", "US citizen", "E-3")


def roster_rows() -> list[list[str]]:
    rng = random.Random(12)
    rows = [["Employee ID", "Given Name", "Last Name", "Date of Birth", "Nationality",
             "Immigration status", "E-mail", "Job title", "Company"]]
    for n in range(1, PEOPLE + 1):
        g, f = _GIVEN[n % len(_GIVEN)], _FAMILY[(n * 7) % len(_FAMILY)]
        born = f"{rng.randint(13, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1965, 2001)}"
        nation = _NATIONS[(n * 5) % len(_NATIONS)]
        status = _STATUSES[n % len(_STATUSES)]
        if status == "US citizen":
            nation = f"United States / {nation}"
        row = [f"E{1000 + n}", g, f"{f}-{n}", born, nation, status,
               f"person{n}@frontier.example", "Research engineer", COMPANY]
        spreadsheet_row = n + 1
        if BAD_ROWS.get(spreadsheet_row) == "ambiguous date":
            row[3] = "03/04/1990"
        elif BAD_ROWS.get(spreadsheet_row) == "unknown country":
            row[4] = "Atlantis"
        elif BAD_ROWS.get(spreadsheet_row) == "no family name":
            row[2] = ""
        rows.append(row)
    return rows


def write_roster(path: Path) -> Path:
    text = "\r\n".join(";".join(cells) for cells in roster_rows()) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


def write_items(path: Path) -> Path:
    path.write_text(
        "Name;Kind;Access modes;Regime;ECCN;Description\r\n"
        "Mythos 5;AI model;parameters, use, fine-tuning;EAR;4E091;"
        "Frontier model, closed weights\r\n"
        "Fable 5;AI model;use, fine-tuning;EAR;4E091;Multimodal model, closed weights\r\n",
        encoding="cp1252")
    return path


def write_grants(path: Path) -> Path:
    """Everyone on the roster uses Mythos 5; every third person also tunes Fable 5."""
    lines = ["Employee ID;Item;Access mode;Since;State"]
    for n in range(1, PEOPLE + 1):
        if n + 1 in BAD_ROWS:
            continue
        lines.append(f"E{1000 + n};Mythos 5;use;2026-01-15;active")
        if n % 3 == 0:
            lines.append(f"E{1000 + n};Fable 5;fine-tuning;2026-03-01;active")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    return path


__all__ = ["BAD_ROWS", "COMPANY", "GOOD", "ITEMS", "PEOPLE", "roster_rows", "write_grants",
           "write_items", "write_roster"]
