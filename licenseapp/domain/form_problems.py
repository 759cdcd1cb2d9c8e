"""What stops a form from being saved, named field by field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from licenseapp.errors import ValidationError


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the form's field name; "citizenships[2]" for a row of a list
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class FormInvalid(ValidationError):
    """A save refused because of the listed problems (nothing was written)."""

    def __init__(self, problems: Sequence[FieldProblem], labels: dict[str, str] | None = None):
        self.problems = tuple(problems)
        first = self.problems[0]
        base = first.field.split("[", 1)[0]
        label = (labels or {}).get(base, base.replace("_", " "))
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(label + first.field[len(base):], first.message + more)


__all__ = ["FieldProblem", "FormInvalid"]
