"""The team's rule sets: a directive a colleague entered, in force for everyone on the database.

A new directive or an imported rule-set file is copied into its author's own rule-set folder
and stored in the database as a rule-set version (:mod:`ruleset_versions`). Everyone else on
the same database gets it from there: each rule set recorded in the database that neither
the program ships nor this user has a file of is written, at its newest stored version, into
a folder kept for that database (:func:`team_rulesets_dir`), and read from it like the user's
own. A file the user has (imported or made themselves) wins over the team's for the same id;
the shipped ones are never replaced from the database.

The folder is a copy, rewritten from the database each time the rule sets are read: a file
there is never an input of its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, select

from licenseapp import paths
from licenseapp.domain.rules import clear_cache
from licenseapp.services.output.output_files import write_bytes_atomically
from licenseapp.store.database import Database
from licenseapp.store.models import RuleSetVersion


def team_rulesets_dir(db: Database) -> Path:
    """The folder of the team's rule sets for ``db`` (one per database, by its address)."""
    key = hashlib.sha256(db.location.display.encode("utf-8")).hexdigest()[:16]
    return paths.user_data_dir() / "team-rulesets" / key


def _ids(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()


def sync_team_rulesets(db: Database, shipped: Path, own: Path) -> Path | None:
    """Write the team's rule sets for ``db`` into :func:`team_rulesets_dir`; the folder, or
    None when the database records none that this user lacks. ``shipped`` and ``own``: the
    program's and the user's rule-set folders (their ids are never written)."""
    newest = (select(RuleSetVersion.ruleset_id, func.max(RuleSetVersion.version_no))
              .group_by(RuleSetVersion.ruleset_id).subquery())
    with db.reading() as session:
        rows = session.execute(
            select(RuleSetVersion.ruleset_id, RuleSetVersion.content)
            .join(newest, (newest.c.ruleset_id == RuleSetVersion.ruleset_id)
                  & (newest.c[1] == RuleSetVersion.version_no))).all()
    local = _ids(shipped) | _ids(own)
    wanted = {rid: content for rid, content in rows if rid not in local and _safe(rid)}
    folder = team_rulesets_dir(db)
    changed = False
    for stale in (p for p in folder.glob("*.json") if p.stem not in wanted) \
            if folder.is_dir() else ():
        stale.unlink(missing_ok=True)
        changed = True
    for rid, content in wanted.items():
        target = folder / f"{rid}.json"
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, data)
        changed = True
    if changed:
        clear_cache()  # the loader caches per folder list: read the new files next time
    return folder if wanted else None


def _safe(ruleset_id: str) -> bool:
    """An id that is a plain file name (the loader's ids are; the database is not trusted)."""
    return bool(ruleset_id) and ruleset_id == Path(ruleset_id).name \
        and not ruleset_id.startswith(".")


__all__ = ["sync_team_rulesets", "team_rulesets_dir"]
