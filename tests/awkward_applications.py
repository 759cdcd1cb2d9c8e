"""Applications with awkward values, for tests that compare two ways of writing them out:
formulas, scripts of every kind, nothing at all, moments with and without fractions of a
second, every status of every regulator."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.tabular import _cell
from licenseapp.store.database import Database
from licenseapp.store.models import (
    Application,
    ApplicationItem,
    Citizenship,
    ControlledItem,
    Organization,
    Person,
)

FORMS = {"BIS": "BIS-748P", "DDTC": "DSP-5", "ECJU": "SIEL"}
AWKWARD = ["=1+1", "+x", "-x", "@x", "\tTab", "\rReturn", "张伟", "محمد", "Иван Петров",
           "देवनागरी", "Ölwerk", "", "two\nlines", "quote \" and, comma"]


def awkward_database(db: Database) -> None:
    """Applications in every status of every regulator, named with formulas and every
    script; some without a person, items, citizenships, a submission date or an owner."""
    with db.unit_of_work() as s:
        orgs = [Organization(legal_name=name) for name in ("=1+1 Holdings", "+x Ltd",
                                                           "Ölwerk GmbH", "株式会社テスト")]
        items = [ControlledItem(ref=f"ITM-{n}", name=name, kind="technology",
                                classification="4E091")
                 for n, name in enumerate(["=SUM(A1)", "Mythos 5", "模型", "-x", "@x"])]
        s.add_all(orgs + items)
        s.flush()
        statuses = list(ApplicationStatus)
        for n, status in enumerate(statuses * 2):
            regulator = list(FORMS)[n % 3]
            text = AWKWARD[n % len(AWKWARD)]
            person = None
            if n % 5:
                person = Person(ref=f"P-{n:04d}", given_name=text or "Wei",
                                family_name=AWKWARD[(n + 3) % len(AWKWARD)] or "Zhang",
                                native_name=AWKWARD[(n + 6) % len(AWKWARD)])
                if n % 4:
                    person.citizenships.append(Citizenship(country="CN"))
                    person.citizenships.append(Citizenship(country="RU",
                                                           ended_on=date(2020, 1, 1)))
                    person.citizenships.append(Citizenship(country="IN"))
                s.add(person)
                s.flush()
            # Moments with and without a fraction of a second (ISO text drops a zero one).
            moment = datetime(2026, 1 + n % 12, 1 + n % 28, n % 24, n % 60, n % 60,
                              0 if n % 2 else 123456 + n, tzinfo=UTC)
            app = Application(
                ref=f"LA-2026-{n:04d}", organization_id=orgs[n % len(orgs)].id,
                regulator_code=regulator, form_code=FORMS[regulator],
                person_id=person.id if person else None, status=status.value,
                owner=AWKWARD[(n + 1) % len(AWKWARD)], regulator_ref=AWKWARD[(n + 2) % 7],
                status_changed_at=moment, updated_at=moment,
                submitted_on=date(2026, 2, 1 + n % 28) if n % 3 else None)
            for position, item in enumerate(items[: n % 4], start=1):  # some without items
                # positions given out of insertion order: the list keeps the positions' order
                app.items.append(ApplicationItem(item_id=item.id, eccn=AWKWARD[n % 5] or "EAR99",
                                                 position=10 - position))
            s.add(app)


def cell_by_cell_csv(path: Path, headers: list[str], rows: list[list[Any]]) -> bytes:
    """The CSV as the writer wrote it before it went a column at a time: every value
    through ``_cell``, row by row (what the faster ways are compared with)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return path.read_bytes()
