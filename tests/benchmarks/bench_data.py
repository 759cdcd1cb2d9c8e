"""Synthetic data for the authorization and bulk-drafting benchmarks, written with Core inserts.

``build(path, people, items=ECCNS, lpr_share=..., cases=...)`` makes a SQLite file with one
organization, ``len(items)`` controlled items, ``people`` people with realistic facts
(citizenships dated from birth, a fifth of them naturalized dual nationals, a mix of
immigration statuses), an access grant for every person x item, and some applications (with
licenses) for a share of the pairs; every row is sealed so ``verify`` passes.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from licenseapp.store import seals
from licenseapp.store.database import Database, open_database

ECCNS = ("4E091", "4E091", "3E001", "3A090.a", "EAR99", "5E002", "0A501.a", "1E355", "9E003",
         "3E002")
COUNTRIES = ("CN", "IN", "GB", "CA", "DE", "FR", "KR", "JP", "RU", "IR", "BR", "MX", "TW", "VN",
             "NG", "AU", "IL", "TR", "PK", "HK", "AE", "SG", "UA", "EG", "PL")
STATUSES = ("h1b", "h1b", "h1b", "f1", "l1", "o1", "lpr", "lpr", "protected", "tn", "citizen")
T0 = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)


def _person(i: int, rng: random.Random, status: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    dob = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
    first = rng.choice(COUNTRIES)
    cits = [{"person_id": i, "country": first, "acquired_on": dob, "ended_on": None,
             "basis": "birth"}]
    if rng.random() < 0.2:
        other = rng.choice([c for c in COUNTRIES if c != first])
        cits.append({"person_id": i, "country": other,
                     "acquired_on": dob + timedelta(days=rng.randrange(20 * 365, 30 * 365)),
                     "ended_on": None, "basis": "naturalization"})
    if status == "citizen":
        cits.append({"person_id": i, "country": "US", "acquired_on": dob + timedelta(
            days=25 * 365), "ended_on": None, "basis": "naturalization"})
    row = {
        "id": i, "ref": f"P-{i:06d}", "given_name": f"Given{i}", "family_name": f"Family{i}",
        "native_name": "", "other_names": "", "date_of_birth": dob, "birth_city": "",
        "birth_country": first, "residency_country": "US" if status == "lpr" else None,
        "lpr_since": date(2018, 5, 1) if status == "lpr" else None,
        "immigration_status": status, "email": f"person{i}@example.com", "phone": "",
        "employer_id": 1, "job_title": "Research Engineer", "duties": "Trains and evaluates "
        "models.", "supervisor": "Dana Whitfield, Director", "work_site":
        "Benchmark Labs, Inc., 500 Harrison Street, San Francisco, CA 94107", "notes": "",
        "version": 1, "created_at": T0, "updated_at": T0,
    }
    return row, cits


def build(path: Path, people: int, items: tuple[str, ...] = ECCNS, *, statuses: tuple[str, ...]
          = STATUSES, cases: float = 0.2, seed: int = 7, cycle: bool = False) -> Database:
    """Write the data set into a new SQLite file at ``path`` and return it open.

    ``cycle``: give people the ``statuses`` in turn instead of at random."""
    if path.exists():
        path.unlink()
    db = open_database(str(path))
    rng = random.Random(seed)
    org = {"id": 1, "legal_name": "Benchmark Labs, Inc.", "street": "500 Harrison Street",
           "city": "San Francisco", "state": "CA", "postal_code": "94107", "country": "US",
           "signatory_name": "Dana Whitfield", "signatory_title": "Empowered Official",
           "version": 1, "created_at": T0, "updated_at": T0}
    item_rows = [{"id": n, "ref": f"ITM-{n:03d}", "name": f"Item {n} ({e})",
                  "kind": "ai_model_access" if e == "4E091" else "technology", "regime": "EAR",
                  "classification": e, "description": f"Technology classified {e}.",
                  "version": 1, "created_at": T0, "updated_at": T0}
                 for n, e in enumerate(items, start=1)]
    persons, cits, grants, apps, lines, licenses = [], [], [], [], [], []
    for i in range(1, people + 1):
        status = statuses[(i - 1) % len(statuses)] if cycle else rng.choice(statuses)
        row, c = _person(i, rng, status)
        persons.append(row)
        cits += c
        for n in range(1, len(items) + 1):
            grants.append({"person_id": i, "item_id": n, "state": rng.choice(
                ("active", "active", "requested")), "requested_at": T0, "granted_at": None,
                "suspended_at": None, "suspended_by": "", "suspended_reason": "",
                "suspended_ruleset_id": None, "version": 1, "created_at": T0,
                "updated_at": T0})
        if rng.random() < cases:
            app_id = len(apps) + 1
            status = rng.choice(("approved", "submitted", "draft", "denied", "registered"))
            apps.append({"id": app_id, "ref": f"LA-2025-{app_id:05d}", "organization_id": 1,
                         "regulator_code": "BIS", "form_code": "BIS-748P", "person_id": i,
                         "status": status, "status_changed_at": T0, "version": 1,
                         "created_at": T0, "updated_at": T0})
            for n in rng.sample(range(1, len(items) + 1), 2):
                lines.append({"application_id": app_id, "item_id": n, "position": 1,
                              "eccn": items[n - 1]})
            if status == "approved":
                licenses.append({"application_id": app_id, "number": f"D{app_id:07d}",
                                 "issued_on": date(2025, 6, 1), "expires_on": date(2029, 6, 1),
                                 "state": "active", "version": 1, "created_at": T0,
                                 "updated_at": T0})
    with db.unit_of_work() as s:
        for name, rows in (("organizations", [org]), ("controlled_items", item_rows),
                           ("people", persons), ("citizenships", cits), ("access_grants", grants),
                           ("applications", apps), ("application_items", lines),
                           ("licenses", licenses)):
            for start in range(0, len(rows), 20_000):
                if rows[start:start + 20_000]:
                    s.execute(insert(seals.table(name)), rows[start:start + 20_000])
        seals.seal_tables(s)
    return db
