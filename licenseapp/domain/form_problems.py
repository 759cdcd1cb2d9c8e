"""What stops a form from being saved, named field by field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from licenseapp.errors import ValidationError


def base_field(name: str) -> str:
    """"citizenships[2]" → "citizenships"."""
    return name.split("[", 1)[0]


def row_of(name: str) -> int | None:
    """"citizenships[2]" → 1 (zero-based), "given_name" → None."""
    if "[" not in name:
        return None
    try:
        return int(name.split("[", 1)[1].rstrip("]")) - 1
    except ValueError:
        return None


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the form's field name; "citizenships[2]" for a row of a list
    message: str  # what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def where(self, labels: dict[str, str] | None = None) -> str:
        """The field as the user knows it: "Citizenships[2]"."""
        base = base_field(self.field)
        return (labels or {}).get(base, base.replace("_", " ")) + self.field[len(base):]


class FormInvalid(ValidationError):
    """A save refused because of the listed problems (nothing was written).

    ``field`` is the first problem's field; the message names it as the user knows it
    ("Given name: ..."), since a form's problems name no subject of their own."""

    def __init__(self, problems: Sequence[FieldProblem], labels: dict[str, str] | None = None):
        self.problems = tuple(problems)
        first = self.problems[0]
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first.field, f"{first.where(labels)}: {first.message}{more}")


__all__ = ["FieldProblem", "FormInvalid", "base_field", "row_of"]
