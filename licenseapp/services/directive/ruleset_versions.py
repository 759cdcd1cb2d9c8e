"""Rule sets as records (#14, point 6): a rule set in use is stored with its content and
SHA-256 the first time it is used with that content (:func:`stamp_rulesets`); a changed file
becomes the next version of the same id, and the earlier version stays. A determination names
the versions it was answered under (:class:`RuleSetStamp`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from licenseapp.domain.rules import RuleSet
from licenseapp.store.database import Database, actor_of
from licenseapp.store.models import RuleSetVersion


@dataclass(frozen=True, slots=True)
class RuleSetStamp:
    """A rule set as a determination used it: its id, stored version number and hash."""

    id: str
    version_no: int
    sha256: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.title} ({self.id}, version {self.version_no}, SHA-256 {self.sha256[:12]}…)"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version_no": self.version_no, "sha256": self.sha256,
                "title": self.title}


def ruleset_content(ruleset: RuleSet) -> bytes:
    """The bytes of the file a rule set was loaded from (what its hash is taken of)."""
    return Path(ruleset.source).read_bytes()


def stamp_rulesets(session: Session, rulesets: Iterable[RuleSet]) -> dict[str, RuleSetStamp]:
    """The stored version of each rule set, storing a new one for content not seen before."""
    out: dict[str, RuleSetStamp] = {}
    for ruleset in rulesets:
        data = ruleset_content(ruleset)
        digest = hashlib.sha256(data).hexdigest()
        row = session.execute(select(RuleSetVersion).where(
            RuleSetVersion.ruleset_id == ruleset.id, RuleSetVersion.sha256 == digest)
        ).scalar_one_or_none()
        if row is None:
            last = session.execute(select(func.max(RuleSetVersion.version_no)).where(
                RuleSetVersion.ruleset_id == ruleset.id)).scalar_one()
            row = RuleSetVersion(
                ruleset_id=ruleset.id, version_no=(last or 0) + 1,
                declared_version=ruleset.version[:40], title=ruleset.title[:300],
                sha256=digest, source_name=Path(ruleset.source).name[:200],
                content=data.decode("utf-8"), recorded_by=actor_of(session))
            session.add(row)
            session.flush()
        out[ruleset.id] = RuleSetStamp(row.ruleset_id, row.version_no, row.sha256, row.title)
    return out


def ruleset_versions(db: Database, ruleset_id: str | None = None
                     ) -> tuple[RuleSetStamp, ...]:
    """Every stored version (of one rule set, or of all), oldest first."""
    query = select(RuleSetVersion).order_by(RuleSetVersion.ruleset_id, RuleSetVersion.version_no)
    if ruleset_id:
        query = query.where(RuleSetVersion.ruleset_id == ruleset_id)
    with db.reading() as session:
        return tuple(RuleSetStamp(r.ruleset_id, r.version_no, r.sha256, r.title)
                     for r in session.execute(query).scalars())


__all__ = ["RuleSetStamp", "ruleset_content", "ruleset_versions", "stamp_rulesets"]
