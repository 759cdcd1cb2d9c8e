"""Controlled items: list them, read one as a form, save a form, retire and reinstate; and
items as the license determination sees them.

Items are never deleted: access records and applications keep pointing at them. A retired
item leaves the lists and the matrix (unless someone still has a record for it) and takes no
new access; reinstating it brings it back.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from licenseapp.domain import not_subject, validators
from licenseapp.domain.days import local_day
from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.enums import GrantState, ItemKind, Regime
from licenseapp.domain.form_problems import FieldProblem, FormInvalid
from licenseapp.domain.item_form import (
    ITEM_LABELS,
    ItemForm,
    check_item,
    kind_label,
    kind_of,
    mode_of,
    modes_of,
    normal_classification,
    reasons_for,
    regime_of,
)
from licenseapp.domain.rules.facts import ItemFacts
from licenseapp.domain.text_limits import column_problem
from licenseapp.errors import LicenseAppError, NotFoundError
from licenseapp.services.drafts.form_saving import ChangedMeanwhile, changes, save_update
from licenseapp.services.lookup import no_item
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, ControlledItem

ENTITY = "item"
#: Item references: ITM-001, ITM-002... (as the demo data and the tests write them).
REF_PREFIX = "ITM-"
_REASON_LABELS = {"retired_reason": "Reason for retiring"}


@dataclass(frozen=True)
class ItemSummary:
    """One line of the items list."""

    id: int
    ref: str
    name: str
    kind: str
    access_modes: tuple[str, ...]
    regime: str
    classification: str
    reasons_for_control: str
    ccats: str
    retired_at: datetime | None
    retired_reason: str
    #: People with a live access record (requested, active or suspended) for the item.
    people: int

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


# --- determination ------------------------------------------------------------------------


def find_item(db: Database, ref: str) -> ItemFacts:
    """The item with reference ``ref`` (case-insensitive) or, failing that, that name, as
    facts for ``determine()``.

    An EAR item's classification becomes its ECCN; an unclassified EAR item or an item of
    another regime has no ECCN (the determination then says what is missing).
    """
    with db.reading() as session:
        row = _find_row(session, ref)
        return item_facts(row)


def item_facts(row: ControlledItem) -> ItemFacts:
    try:
        regime = Regime(row.regime.strip().upper())
    except ValueError:
        regime = Regime.EAR
    try:
        kind: ItemKind | None = ItemKind(row.kind.strip().lower())
    except ValueError:
        kind = None
    classification = (row.classification or "").strip()
    eccn = None
    if regime is Regime.EAR and validators.is_eccn(classification):
        eccn = validators.eccn(classification)
    basis = not_subject.basis_of(classification) if regime is Regime.EAR else None
    return ItemFacts(eccn=eccn, kind=kind, regime=regime, name=row.name, ref=row.ref,
                     not_subject=basis.code if basis else "")


# --- finding an item by what the user typed ----------------------------------------------


def _find_row(session: Session, text: str) -> ControlledItem:
    wanted = text.strip()
    if not wanted:
        raise NotFoundError("name the item by its reference (e.g. ITM-001) or its name")
    row = session.execute(
        select(ControlledItem).where(func.upper(ControlledItem.ref) == wanted.upper())
    ).scalar_one_or_none()
    if row is not None:
        return row
    names = session.execute(select(ControlledItem.id, ControlledItem.ref,
                                   ControlledItem.name)).all()
    folded = wanted.casefold()
    same = [(i, r) for i, r, n in names if n.strip().casefold() == folded]
    if len(same) > 1:
        refs = ", ".join(r for _, r in sorted(same, key=lambda x: x[1]))
        raise LicenseAppError(f"{wanted!r} names {len(same)} items ({refs}); "
                              "give the reference instead")
    if same:
        found = session.get(ControlledItem, same[0][0])
        assert found is not None
        return found
    close = difflib.get_close_matches(wanted, [n for _, _, n in names], n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise no_item(wanted, hint)


def find_item_by_text(source: Session | Database, text: str) -> ItemSummary:
    """The item a user named by its reference (``ITM-001``, any case) or its name (any
    case); an ambiguous name or an unknown one is refused with the reason."""
    if isinstance(source, Database):
        with source.reading() as session:
            return find_item_by_text(session, text)
    row = _find_row(source, text)
    return _summary(row, _people_counts(source, row.id).get(row.id, 0))


# --- reading ------------------------------------------------------------------------------


def _modes(row: ControlledItem) -> tuple[str, ...]:
    return tuple(m for m in (row.access_modes or "").split(",") if m)


def _form(row: ControlledItem) -> ItemForm:
    return ItemForm(name=row.name, kind=row.kind, access_modes=_modes(row), regime=row.regime,
                    classification=row.classification,
                    reasons_for_control=row.reasons_for_control, ccats=row.ccats,
                    description=row.description, id=row.id, ref=row.ref, version=row.version)


def _summary(row: ControlledItem, people: int) -> ItemSummary:
    return ItemSummary(row.id, row.ref, row.name, row.kind, _modes(row), row.regime,
                       row.classification, row.reasons_for_control, row.ccats, row.retired_at,
                       row.retired_reason or "", people)


LIVE_STATES = (GrantState.REQUESTED.value, GrantState.ACTIVE.value,
               GrantState.SUSPENDED.value)


def _people_counts(session: Session, item_id: int | None = None) -> dict[int, int]:
    query = (select(AccessGrant.item_id, func.count(func.distinct(AccessGrant.person_id)))
             .where(AccessGrant.state.in_(LIVE_STATES)).group_by(AccessGrant.item_id))
    if item_id is not None:
        query = query.where(AccessGrant.item_id == item_id)
    return {int(i): int(n) for i, n in session.execute(query).all()}


def _load(session: Session, item_id: int) -> ControlledItem:
    row = session.get(ControlledItem, item_id, populate_existing=True)
    if row is None:
        raise NotFoundError(f"controlled item #{item_id} is not in the database")
    return row


def load_item(db: Database, item_id: int) -> ItemForm:
    with db.reading() as session:
        return _form(_load(session, item_id))


def list_items(db: Database, search: str = "", include_retired: bool = False
               ) -> list[ItemSummary]:
    """Items by reference; ``search`` matches reference, name, classification or kind (any
    case); retired items only with ``include_retired``."""
    query = select(ControlledItem).order_by(ControlledItem.ref)
    if not include_retired:
        query = query.where(ControlledItem.retired_at.is_(None))
    text = search.strip().casefold()
    with db.reading() as session:
        counts = _people_counts(session)
        rows = session.execute(query).scalars().all()
        return [_summary(r, counts.get(r.id, 0)) for r in rows
                if not text or any(text in v.casefold() for v in
                                   (r.ref, r.name, r.classification, r.kind))]


# --- saving -------------------------------------------------------------------------------


def next_item_ref(session: Session) -> str:
    """The next item reference: ITM-001, ITM-002... (more digits past ITM-999)."""
    refs = session.execute(select(ControlledItem.ref).where(
        ControlledItem.ref.like(f"{REF_PREFIX}%"))).scalars()
    numbers = [int(r[len(REF_PREFIX):]) for r in refs if r[len(REF_PREFIX):].isdigit()]
    return f"{REF_PREFIX}{max(numbers, default=0) + 1:03d}"


def normalized(form: ItemForm) -> ItemForm:
    """The form as it is stored: kind, modes and regime in their canonical spelling, the
    classification in its canonical form, reasons for control filled from the reference data
    when left empty, text trimmed. Call after :func:`check_item` found nothing."""
    kind = kind_of(form.kind)
    regime = regime_of(form.regime)
    modes = []
    for m in form.access_modes:
        found = mode_of(m)
        value = found.value if found else m.strip()
        if value and value not in modes:
            modes.append(value)
    regime_value = regime.value if regime else form.regime.strip()
    classification = normal_classification(regime_value, form.classification)
    reasons = form.reasons_for_control.strip()
    if not reasons and regime is Regime.EAR:
        reasons = reasons_for(classification)
    return dataclasses.replace(
        form, name=form.name.strip(), kind=kind.value if kind else form.kind.strip(),
        access_modes=tuple(modes), regime=regime_value, classification=classification,
        reasons_for_control=reasons, ccats=form.ccats.strip().upper(),
        description=form.description.strip())


def _apply(row: ControlledItem, form: ItemForm) -> None:
    row.name, row.kind, row.regime = form.name, form.kind, form.regime
    row.access_modes = ",".join(form.access_modes) or None  # None: seals of old rows hold
    row.classification = form.classification
    row.reasons_for_control = form.reasons_for_control
    row.ccats = form.ccats
    row.description = form.description


def _name_taken(session: Session, form: ItemForm) -> FieldProblem | None:
    folded = form.name.casefold()
    for item_id, ref, name, retired in session.execute(
            select(ControlledItem.id, ControlledItem.ref, ControlledItem.name,
                   ControlledItem.retired_at)):
        if item_id != form.id and name.strip().casefold() == folded:
            how = "; it is retired: reinstate it instead" if retired else \
                "; open that one instead"
            return FieldProblem("name", f"{ref} is already called {name!r}{how}")
    return None


def save_item(db: Database, form: ItemForm, *, base: ItemForm | None = None,
              actor: str | None = None) -> ItemForm:
    """Create (``form.id`` is None) or update an item; returns it as stored.

    Refused with :class:`FormInvalid` (domain field names) when the form has problems or
    the name is taken, with :class:`EditConflict` when the item changed since ``form`` was
    read. Reasons for control left empty are filled from the reference data; reasons that
    were so filled follow an edited classification."""
    problems = check_item(form)
    if problems:
        raise FormInvalid(problems, ITEM_LABELS)
    form = normalized(form)
    actor = actor or db.actor
    try:
        with db.unit_of_work() as session:
            taken = _name_taken(session, form)
            if taken:
                raise FormInvalid([taken], ITEM_LABELS)
            if form.id is None:
                row = ControlledItem(ref=next_item_ref(session))
                session.add(row)
                _apply(row, form)
                session.flush()
                _, after = changes(None, form)
                audit.record(session, actor=actor, action="create", entity=ENTITY,
                             entity_id=row.ref, after=after,
                             summary=f"item {row.ref} {row.name} created")
                return _form(row)
            row = _load(session, form.id)
            stored = _form(row)
            if (form.classification != stored.classification
                    and form.reasons_for_control == stored.reasons_for_control
                    and stored.reasons_for_control == reasons_for(stored.classification)
                    and form.regime == Regime.EAR.value):
                form = dataclasses.replace(form,
                                           reasons_for_control=reasons_for(form.classification))
            mine = form
            save_update(session, row, form=mine, stored=stored, base=base,
                        what=f"{row.name} ({row.ref})", entity=ENTITY, entity_id=row.ref,
                        labels=ITEM_LABELS, apply=lambda: _apply(row, mine), actor=actor,
                        summary=f"item {row.ref} edited")
            return _form(row)
    except ChangedMeanwhile:
        assert form.id is not None
        theirs = load_item(db, form.id)
        raise EditConflict(f"{theirs.name} ({theirs.ref})", base or theirs, form, theirs,
                           labels=ITEM_LABELS) from None
    except IntegrityError:
        raise LicenseAppError("another item was saved at the same moment with the same "
                              "reference; save again") from None


def retire_item(db: Database, item_id: int, reason: str, *,
                actor: str | None = None) -> ItemSummary:
    """Retire the item now, by ``actor``, for ``reason`` (required): it leaves the lists and
    takes no new access; its access records and applications stay. Audited."""
    why = reason.strip()
    problem = ("say why the item is retired, e.g. \"model withdrawn\"" if not why
               else column_problem("controlled_items", "retired_reason", why))
    if problem:
        raise FormInvalid([FieldProblem("retired_reason", problem)], _REASON_LABELS)
    actor = actor or db.actor
    with db.unit_of_work() as session:
        row = _load(session, item_id)
        if row.retired_at is not None:
            raise LicenseAppError(f"{row.ref} {row.name} was already retired on "
                                  f"{local_day(row.retired_at).isoformat()} by {row.retired_by}")
        row.retired_at = db.clock.now().replace(microsecond=0)
        row.retired_by = actor
        row.retired_reason = why
        session.flush()
        people = _people_counts(session, row.id).get(row.id, 0)
        audit.record(session, actor=actor, action="retire", entity=ENTITY, entity_id=row.ref,
                     before={"retired_at": None},
                     after={"retired_at": row.retired_at.isoformat(), "retired_reason": why,
                            "people_with_access": people},
                     summary=f"item {row.ref} {row.name} retired: {why}")
        return _summary(row, people)


def reinstate_item(db: Database, item_id: int, *, actor: str | None = None) -> ItemSummary:
    """Undo a retirement: the item is listed and takes access again. Audited."""
    actor = actor or db.actor
    with db.unit_of_work() as session:
        row = _load(session, item_id)
        if row.retired_at is None:
            raise LicenseAppError(f"{row.ref} {row.name} is not retired")
        before = {"retired_at": row.retired_at.isoformat(), "retired_by": row.retired_by,
                  "retired_reason": row.retired_reason}
        row.retired_at = row.retired_by = row.retired_reason = None
        session.flush()
        audit.record(session, actor=actor, action="reinstate", entity=ENTITY,
                     entity_id=row.ref, before=before, after={"retired_at": None},
                     summary=f"item {row.ref} {row.name} reinstated")
        return _summary(row, _people_counts(session, row.id).get(row.id, 0))


def is_ai_model(kind: str) -> bool:
    """Whether a kind as typed ("AI model", "ai_model_access"...) is an AI model's."""
    return kind_of(kind) is ItemKind.AI_MODEL_ACCESS


__all__ = ["ITEM_LABELS", "LIVE_STATES", "FormInvalid", "ItemForm", "ItemSummary",
           "find_item", "find_item_by_text", "is_ai_model", "item_facts", "kind_label",
           "kind_of", "list_items", "load_item", "modes_of", "next_item_ref", "normalized",
           "reinstate_item", "retire_item", "save_item"]
