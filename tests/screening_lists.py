"""Small restricted-party list files in the formats trade.gov publishes, for the tests of
the screening engine (a real file, read by the real readers; a few dozen entries so each
test stays quick on PostgreSQL too)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

SDN = "Specially Designated Nationals (SDN) - Treasury Department"
EL = "Entity List (EL) - Bureau of Industry and Security"

#: (name, alt names, list, country, entity number, type, dates of birth)
LISTED: list[tuple[str, list[str], str, str, str, str, list[str]]] = [
    ("ZHANG, Wei", [], SDN, "CN", "1201", "Individual", ["1990-02-28"]),
    ("KUZNETSOV, Dmitry Vadimovich", ["KUZNETSOV, Dmitri"], SDN, "RU", "1202", "Individual",
     ["1975"]),
    ("Northwind Photonics Co., Ltd.", ["NORTHWIND PHOTONICS"], EL, "CN", "", "Entity", []),
]
FILLERS = [f"{a} {b} TRADING" for a in ("OKAPI", "QUOLL", "NUMBAT", "TAKIN", "SAIGA")
           for b in ("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "HARBOUR")]


def rows(listed: list[Any] | None = None, fillers: int = len(FILLERS)) -> list[dict[str, Any]]:
    found = [{"name": name, "alt_names": alts, "source": source, "entity_number": number or None,
              "type": kind, "addresses": [{"country": country}], "programs": ["SDGT"],
              "dates_of_birth": dobs,
              "source_list_url": "https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList"}
             for name, alts, source, country, number, kind, dobs in (listed or LISTED)]
    found += [{"name": name, "alt_names": [], "source": SDN, "entity_number": str(5000 + n),
               "type": "Entity", "addresses": [{"country": "IR"}], "programs": ["IRAN"],
               "dates_of_birth": [], "source_list_url": ""}
              for n, name in enumerate(FILLERS[:fillers])]
    return found


def json_list(path: Path, *, published: str = "2026-07-31", **kwargs: Any) -> Path:
    """trade.gov's JSON: ``results`` and the ``sources_used`` with their import dates."""
    path.write_text(json.dumps({
        "sources_used": [{"source": SDN, "import_date": f"{published}T13:15:00+00:00"}],
        "results": rows(**kwargs)}), encoding="utf-8")
    return path


def csv_list(path: Path, **kwargs: Any) -> Path:
    """trade.gov's CSV: several values in a cell separated by ';'."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["_id", "source", "entity_number", "type", "programs", "name",
                      "addresses", "alt_names", "dates_of_birth", "source_list_url"])
        for n, r in enumerate(rows(**kwargs)):
            out.writerow([n, r["source"], r["entity_number"] or "", r["type"],
                          "; ".join(r["programs"]), r["name"],
                          "; ".join(f"Street 1, City, {a['country']}" for a in r["addresses"]),
                          "; ".join(r["alt_names"]), "; ".join(r["dates_of_birth"]),
                          r["source_list_url"]])
    return path
