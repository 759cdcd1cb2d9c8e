"""The rule sets in use: listing them, importing a user's rule-set file, and what they say
about one access grant.

The shipped rule sets come with the program; a user adds their own by importing a file,
which is validated with the loader first and copied into :func:`paths.user_rulesets_dir`
as ``<id>.json`` (a file with a shipped id replaces the shipped rule set, see
``resources/rulesets/README.md``). An invalid file is refused with the loader's error (file,
line, field) and nothing is copied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from licenseapp import paths
from licenseapp.domain.rules import (
    DataFileError,
    Determination,
    RuleSet,
    clear_cache,
    parse_ruleset,
    shipped_rulesets_dir,
)
from licenseapp.errors import LicenseAppError, NotFoundError
from licenseapp.services.catalog.access_data import (
    Determiner,
    load_snapshot,
    personal,
    rulesets_in_use,
)
from licenseapp.services.catalog.team_rulesets import team_rulesets_dir
from licenseapp.services.directive.ruleset_versions import stamp_rulesets
from licenseapp.services.output.output_files import write_bytes_atomically
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant

#: Larger than any sensible rule set (the shipped ones are a few kB): refuse, do not parse.
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class RuleSetInfo:
    """What a user needs to choose a rule set."""

    id: str
    title: str
    authority: str
    version: str
    regulator: str
    form: str
    effective_from: date
    effective_to: date | None
    source: str  # the file it was loaded from
    user_file: bool  # from the user's rule-set directory (imported), not shipped
    #: A colleague's, read from the database (a rule set this user has no file of).
    team: bool = False

    @property
    def period(self) -> str:
        end = f" to {self.effective_to.isoformat()}" if self.effective_to else ""
        return f"from {self.effective_from.isoformat()}{end}"

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None
                                              or on <= self.effective_to)


def _info(ruleset: RuleSet, team_dir: Path | None) -> RuleSetInfo:
    user_dir = paths.user_rulesets_dir().resolve()
    folder = Path(ruleset.source).resolve().parent
    return RuleSetInfo(
        ruleset.id, ruleset.title, ruleset.authority, ruleset.version, ruleset.regulator,
        ruleset.form, ruleset.effective_from, ruleset.effective_to, ruleset.source,
        folder == user_dir, team_dir is not None and folder == team_dir.resolve(),
    )


def available_rulesets(db: Database | None = None) -> tuple[RuleSetInfo, ...]:
    """Every rule set in use (shipped, the user's own and, with ``db``, the team's), by
    effective date."""
    team_dir = team_rulesets_dir(db) if db is not None else None
    return tuple(_info(r, team_dir) for r in rulesets_in_use(db))


@dataclass(frozen=True, slots=True)
class ImportedRuleSet:
    ruleset: RuleSetInfo
    path: Path  # where it was copied
    replaced: str  # "" (a new id), "shipped" or "user": the rule set it now replaces


def import_ruleset(source: Path, db: Database | None = None) -> ImportedRuleSet:
    """Validate ``source`` and copy it into the user's rule-set directory as ``<id>.json``;
    with ``db``, also store it there for the team (see :func:`install_ruleset`).

    Raises :class:`DataFileError` (file, line, field) for an invalid file, and copies nothing.
    """
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(str(source), None, "(file)",
                                f"is {size:,} bytes; a rule-set file is at most "
                                f"{MAX_FILE_BYTES:,}")
        data = source.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise DataFileError(str(source), None, "(file)",
                            f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataFileError(str(source), None, "(file)",
                            "is not UTF-8 text; save it as UTF-8 JSON") from None
    ruleset = parse_ruleset(text, str(source))
    return install_ruleset(ruleset.id, data, db)


def install_ruleset(ruleset_id: str, data: bytes, db: Database | None = None
                    ) -> ImportedRuleSet:
    """Copy a validated rule-set file's bytes into the user's directory as ``<id>.json``;
    with ``db``, store it there as a rule-set version too, so that every colleague on the
    database has it at once (:mod:`licenseapp.services.catalog.team_rulesets`)."""
    target_dir = paths.user_rulesets_dir()
    target = target_dir / f"{ruleset_id}.json"
    if target.is_file():
        replaced = "user"
    elif (shipped_rulesets_dir() / f"{ruleset_id}.json").is_file():
        replaced = "shipped"
    else:
        replaced = ""
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, data)
    except OSError as exc:
        raise LicenseAppError(f"cannot copy the rule set to {target}: "
                              f"{exc.strerror or exc}") from None
    clear_cache()  # the loader caches per directory list: read the new file next time
    info = next(i for i in available_rulesets() if i.id == ruleset_id)
    if db is not None:
        ruleset = next(r for r in rulesets_in_use() if r.id == ruleset_id)
        with db.unit_of_work() as session:
            stamp_rulesets(session, [ruleset])
    return ImportedRuleSet(info, target, replaced)


def explain_grant(db: Database, grant_id: int, on: date | None = None) -> Determination:
    """The determination for one access grant's person and item on ``on`` (default today):
    the answer with its reason (naming the person) and the citations it rests on."""
    on = on or db.clock.today()
    with db.reading() as session:
        snap = load_snapshot(session, AccessGrant.id == grant_id)
    if not snap.grants:
        raise NotFoundError(f"access grant {grant_id} no longer exists")
    grant = snap.grants[0]
    person, item = snap.people[grant.person_id], snap.items[grant.item_id]
    found = Determiner(rulesets_in_use(db), on)(person.facts, item.facts)
    return replace(found, reason=personal(found.reason, person.name))


__all__ = [
    "ImportedRuleSet", "RuleSetInfo", "available_rulesets", "explain_grant", "import_ruleset",
    "install_ruleset",
]
