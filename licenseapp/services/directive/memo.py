"""Determination memos (#14, point 7): per person × item, and per application.

A memo prints stored determinations only: for a person and an item the answer is worked out
with the rules in use and stored first (a printed determination is one that matters); for an
application, its stored determinations are printed as answered, with what differs under the
rules in force now. The memo is what an attorney signs: the facts with their sources, each
rule set considered and why it applied or not, the answer, citations, the reference-data
date and a signature block.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from licenseapp.domain.determination_memo import (
    DeterminationMemo,
    MemoDetermination,
    MemoFact,
    MemoRuleSet,
)
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.services.catalog.access import resolve_item, resolve_person
from licenseapp.services.catalog.access_data import personal
from licenseapp.services.directive.determination_records import (
    RecordedDetermination,
    application_determinations,
    determine_and_record,
    recorded,
)
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Organization, Person


def _status_words(value: str) -> str:
    if not value:
        return "not recorded"
    try:
        return ImmigrationStatus(value).label
    except ValueError:
        return value


def _citizenships(values: list[dict[str, Any]]) -> str:
    if not values:
        return "none recorded"
    out = []
    for c in values:
        extra = []
        if c.get("basis"):
            extra.append(f"by {c['basis']}")
        if c.get("acquired"):
            extra.append(f"since {c['acquired']}")
        if c.get("ended"):
            extra.append(f"ended {c['ended']}")
        out.append(c["country"] + (f" ({', '.join(extra)})" if extra else ""))
    return "; ".join(out)


def _facts(d: RecordedDetermination) -> tuple[MemoFact, ...]:
    person = d.inputs.get("person", {})
    item = d.inputs.get("item", {})
    psrc, isrc = str(person.get("source", "")), str(item.get("source", ""))
    status_words = _status_words(person.get("immigration_status") or "")
    residency = person.get("residency_country") or "not recorded"
    if person.get("residency_since"):
        residency += f" (since {person['residency_since']})"
    mode = d.access_mode or "not recorded (the item as a whole)"
    return (
        MemoFact("Person", f"{person.get('name', '')} ({person.get('person_ref', '')})", psrc),
        MemoFact("Citizenships", _citizenships(person.get("citizenships", [])), psrc),
        MemoFact("Permanent residency", residency, psrc),
        MemoFact("U.S. immigration status", status_words, psrc),
        MemoFact("Country of birth", person.get("birth_country") or "not recorded", psrc),
        MemoFact("Item", f"{item.get('name', '')} ({item.get('item_ref', '')})", isrc),
        MemoFact("Classification", f"{item.get('classification', '')} "
                 f"({item.get('regime', '')})", isrc),
        MemoFact("Access mode", mode, "the person's access record for the item"),
        MemoFact("Date of the determination", d.on.isoformat(), "as asked"),
    )


def _rulesets(d: RecordedDetermination) -> tuple[MemoRuleSet, ...]:
    stamps = {s.id: s for s in d.rulesets}
    out = []
    for r in d.results:
        stamp = stamps.get(r["ruleset"])
        version = (f"version {stamp.version_no}, SHA-256 {stamp.sha256}" if stamp
                   else "version not recorded")
        answer = ("license required" if r["license_required"] else
                  "no license required" if r["license_required"] is False else "unknown")
        reason = personal(r["reason"], d.person_name)
        if not r["applies"] and "does not control" not in reason:
            reason = f"It does not control this item. {reason}".strip()
        out.append(MemoRuleSet(r["title"], r["ruleset"], version, bool(r["applies"]), answer,
                               reason, tuple(r.get("citations", ()))))
    return tuple(out)


def _memo_determination(d: RecordedDetermination, out_of_date: tuple[str, ...] = ()
                        ) -> MemoDetermination:
    when = d.recorded_at.astimezone(UTC)
    record = (f"Stored determination #{d.id} ({d.purpose}), recorded {when:%Y-%m-%d %H:%M} "
              f"UTC by {d.recorded_by}; reference data of {d.reference_date.isoformat()}.")
    return MemoDetermination(
        f"{d.person_name} × {d.item_label}", _facts(d), _rulesets(d), d.answer, d.reason,
        d.citations, d.on, record, out_of_date)


def _organization(db: Database, application_id: int | None, person_id: int | None
                  ) -> tuple[str, str, str]:
    with db.reading() as session:
        org = None
        if application_id is not None:
            app = session.get(Application, application_id)
            org = session.get(Organization, app.organization_id) if app else None
        if org is None and person_id is not None:
            person = session.get(Person, person_id)
            if person is not None and person.employer_id is not None:
                org = session.get(Organization, person.employer_id)
        if org is None:
            org = session.execute(select(Organization).order_by(Organization.id).limit(1)
                                  ).scalar_one_or_none()
        if org is None:
            return "", "", ""
        return org.legal_name, org.signatory_name, org.signatory_title


def _memo(db: Database, reference: str, prepared_for: str,
          determinations: list[tuple[RecordedDetermination, tuple[str, ...]]],
          application_id: int | None = None, notes: tuple[str, ...] = ()
          ) -> DeterminationMemo:
    first = determinations[0][0] if determinations else None
    org, signatory, title = _organization(db, application_id,
                                          first.person_id if first else None)
    latest = max((d.recorded_at for d, _ in determinations),
                 default=datetime(2026, 1, 1, tzinfo=UTC))
    reference_date = first.reference_date if first else date.today()
    return DeterminationMemo(
        "Export license determination memo", reference, org, prepared_for,
        tuple(_memo_determination(d, o) for d, o in determinations), reference_date, latest,
        signatory, title, notes)


def pair_memo(db: Database, person: str, item: str, on: date | None = None
              ) -> DeterminationMemo:
    """A memo for one person and one item (named as a user names them), answered now with
    the rules in use and stored."""
    on = on or db.clock.today()
    who, what = resolve_person(db, person), resolve_item(db, item)
    with db.unit_of_work() as session:
        row = determine_and_record(session, purpose="memo", person_id=who.id,
                                   item_id=what.id, on=on)
        stored = recorded(row)
    return _memo(db, f"{who.ref} × {what.ref}",
                 f"Whether {who.name} needs a license for access to {stored.item_label}, "
                 f"as of {on.isoformat()}.", [(stored, ())])


def application_memo(db: Database, ref: str, on: date | None = None) -> DeterminationMemo:
    """A memo for each item of application ``ref``, from its stored determinations."""
    found = application_determinations(db, ref, on)
    with db.reading() as session:
        app_id = session.execute(select(Application.id).where(Application.ref == ref)
                                 ).scalar_one()
    notes = (("The rules in force now differ from those these determinations were made "
              "under; see each determination.",) if found.out_of_date else ())
    return _memo(db, ref, f"The license determination behind application {ref}.",
                 [(d, found.changes) for d in found.recorded], app_id, notes)


def write_memo(db: Database, memo: DeterminationMemo, path: Path | str,
               replace: bool = False) -> Path:
    """Render ``memo`` to ``path`` (refused if it exists, unless ``replace``)."""
    from licenseapp.pdf.memo import render_memo
    from licenseapp.services.output.output_files import check_output, write_bytes_atomically

    target = check_output(path, database=db, replace=replace)
    return write_bytes_atomically(target, render_memo(memo))


__all__ = ["application_memo", "pair_memo", "write_memo"]
