"""A new directive without code: from the user's small YAML or JSON file, or the GUI form.

The spec becomes a rule-set file (validated by the loader), copied into the user's rule-set
directory like an imported one; when the spec says when the order was received, the order
is recorded too, so the countdown starts at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licenseapp.domain.rules import directive_spec
from licenseapp.errors import ValidationError
from licenseapp.services.directive.orders import (
    OrderInfo,
    check_order,
    received_moment,
    record_order,
)
from licenseapp.services.directive.rulesets import (
    MAX_FILE_BYTES,
    ImportedRuleSet,
    install_ruleset,
)
from licenseapp.store.database import Database


@dataclass(frozen=True, slots=True)
class NewDirective:
    imported: ImportedRuleSet
    order: OrderInfo | None  # None: the spec did not say when the order was received


def read_spec_file(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError("file", f"{path.name} is too large for a directive")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError("file", f"{path.name} cannot be read: "
                              f"{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ValidationError("file", f"{path.name} is not UTF-8 text") from None
    return directive_spec.read_spec_text(text, path.name)


def new_directive(db: Database, fields: dict[str, Any], *, name: str = "the directive",
                  actor: str | None = None, replace: bool = False) -> NewDirective:
    """Create the directive's rule set from ``fields`` and record its order if received."""
    spec = directive_spec.build_spec(fields, name)
    moment = None
    if spec.received_day is not None:  # check it before anything is written
        moment = received_moment(spec.received_day, spec.received_time, spec.zone)
        check_order(db, moment, spec.deadline_minutes)
    from licenseapp.services.directive.rulesets import available_rulesets

    if not replace and any(r.id == spec.ruleset.id for r in available_rulesets(db)):
        raise ValidationError("id", f"a rule set {spec.ruleset.id!r} exists already; give the "
                              "directive another id or title")
    imported = install_ruleset(spec.ruleset.id, spec.text.encode("utf-8"), db)
    order = None
    if moment is not None:
        order = record_order(db, spec.ruleset.id, moment, spec.zone, spec.deadline_minutes,
                             citation=str(fields.get("citation", "")), actor=actor)
    return NewDirective(imported, order)


__all__ = ["NewDirective", "new_directive", "read_spec_file"]
