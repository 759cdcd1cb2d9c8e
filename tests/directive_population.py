"""A workforce for the directive tests and benchmark: people of every standing, holding
access to AI models (each in a mode) and to other technology, inserted in bulk."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert, select

from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, Citizenship, ControlledItem, Person

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
#: (citizenship, U.S. immigration status): who the directive reaches and who it does not.
STANDINGS = (("IN", "h1b"), ("CN", "lpr"), ("US", "citizen"), ("IR", "protected"),
             ("CN", "f1"), ("GB", "o1"), ("DE", "h1b"), ("KR", "lpr"), ("US", "citizen"),
             ("CN", None))
#: (ref, name, kind, classification, mode): the first items are AI models.
ITEMS = (("ITM-M1", "Mythos 5", "ai_model_access", "4E091", "use"),
         ("ITM-M2", "Fable 5", "ai_model_access", "4E091", "parameters"),
         ("ITM-T1", "Lithography process notes", "technology", "3E001", None),
         ("ITM-M3", "Saga 2", "ai_model_access", "4E091", "fine_tuning"),
         ("ITM-T2", "Crypto source", "source_code", "5D002", None),
         ("ITM-T3", "Turbine blade data", "technology", "9E003", None),
         ("ITM-M4", "Mythos 5 mini", "ai_model_access", "4E091", "use"),
         ("ITM-T4", "Radar signal processing", "technology", "6E001", None),
         ("ITM-T5", "Night vision", "technology", "6E002", None),
         ("ITM-T6", "Office software", "technology", "EAR99", None))


def populate(db: Database, people: int, items: int = 3, *, first: int = 1) -> None:
    """``people`` people (refs P-<first>...) each holding active access to the first
    ``items`` of ITEMS (an AI model in its mode)."""
    with db.unit_of_work() as s:
        known = set(s.execute(select(ControlledItem.ref)).scalars())
        s.execute(insert(ControlledItem), [
            {"ref": ref, "name": name, "kind": kind, "regime": "EAR", "classification": cls,
             "access_modes": mode, "created_at": T0, "updated_at": T0, "version": 1}
            for ref, name, kind, cls, mode in ITEMS[:items] if ref not in known])
        ids = dict(s.execute(select(ControlledItem.ref, ControlledItem.id)).all())
        rows = []
        for n in range(first, first + people):
            status = STANDINGS[(n - 1) % len(STANDINGS)][1]
            rows.append({"ref": f"P-{n:05d}", "given_name": f"Given{n}",
                         "family_name": f"Family{n}", "immigration_status": status,
                         "email": f"p{n}@example.com", "date_of_birth": date(1990, 1, 1),
                         "created_at": T0, "updated_at": T0, "version": 1})
        s.execute(insert(Person), rows)
        pids = dict(s.execute(select(Person.ref, Person.id).where(
            Person.ref.in_([r["ref"] for r in rows]))).all())
        s.execute(insert(Citizenship), [
            {"person_id": pids[f"P-{n:05d}"], "country": STANDINGS[(n - 1) % len(STANDINGS)][0],
             "basis": "birth"} for n in range(first, first + people)])
        s.execute(insert(AccessGrant), [
            {"person_id": pid, "item_id": ids[ref], "state": "active", "mode": mode,
             "granted_at": T0, "since": T0.date(), "created_at": T0, "updated_at": T0,
             "version": 1}
            for pid in pids.values() for ref, _n, _k, _c, mode in ITEMS[:items]])
