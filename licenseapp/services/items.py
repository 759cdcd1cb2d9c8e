"""Controlled items as the license determination sees them."""

from __future__ import annotations

from sqlalchemy import func, select

from licenseapp.domain import validators
from licenseapp.domain.enums import ItemKind, Regime
from licenseapp.domain.rules.facts import ItemFacts
from licenseapp.errors import NotFoundError
from licenseapp.store.database import Database
from licenseapp.store.models import ControlledItem


def find_item(db: Database, ref: str) -> ItemFacts:
    """The item with reference ``ref`` (case-insensitive), as facts for ``determine()``.

    An EAR item's classification becomes its ECCN; an unclassified EAR item or an item of
    another regime has no ECCN (the determination then says what is missing).
    """
    wanted = ref.strip()
    with db.reading() as session:
        row = session.execute(
            select(ControlledItem).where(func.upper(ControlledItem.ref) == wanted.upper())
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no controlled item {ref!r} in this database")
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
    return ItemFacts(eccn=eccn, kind=kind, regime=regime, name=row.name, ref=row.ref)
