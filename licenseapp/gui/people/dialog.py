"""New person… / Edit…: the person editor with Save and Cancel."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from licenseapp.domain.countries import country_name
from licenseapp.domain.enums import ImmigrationStatus
from licenseapp.domain.person_form import PersonForm
from licenseapp.domain.value_labels import DOCUMENT_KINDS, RESUME_KINDS
from licenseapp.gui.conflict_dialog import Describe, describe_row
from licenseapp.gui.people.editor import PersonEditor
from licenseapp.gui.people.record_dialog import RecordDialog
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.store.database import Database


def save_person_in(db: Database, form: PersonForm, base: PersonForm | None) -> PersonForm:
    """The service's save (imported here so the window starts without SQLAlchemy)."""
    from licenseapp.services.catalog.people import save_person

    return save_person(db, form, base=base)


def _status_label(value: str) -> str:
    try:
        return ImmigrationStatus(value).label
    except ValueError:
        return str(value)


def person_describe(employers: Sequence[tuple[int, str]]) -> dict[str, Describe]:
    """How the conflict dialog shows a person's coded values."""
    names = dict(employers)
    country = lambda code: f"{code} ({country_name(code)})"  # noqa: E731
    kinds = {**DOCUMENT_KINDS, **RESUME_KINDS}

    def rows(values: Iterable[object]) -> str:
        return "\n".join(describe_row(v, kinds) for v in values)

    return {
        "documents": rows,
        "resume": rows,
        "employer_id": lambda org_id: names.get(org_id, f"Organization #{org_id}"),
        "immigration_status": _status_label,
        "birth_country": country,
        "residency_country": country,
    }


def person_title(form: PersonForm) -> str:
    if form.id is None:
        return "New person"
    name = form.full_name or "(no name)"
    native = f" ({form.native_name})" if form.native_name and form.native_name != name else ""
    return f"{form.ref} · {name}{native}"


class PersonDialog(RecordDialog[PersonForm]):
    """Edits ``form`` (a new person when its id is None) and saves it to ``db``."""

    def __init__(self, runner: TaskRunner, db: Database, form: PersonForm | None = None,
                 employers: Sequence[tuple[int, str]] = (),
                 parent: QWidget | None = None) -> None:
        self.person_editor = PersonEditor(employers)
        form = form or PersonForm()
        super().__init__(runner, self.person_editor,
                         lambda f, base: save_person_in(db, f, base), form, parent,
                         noun="person", describe=person_describe(employers))
        self.setWindowTitle(person_title(form))
        self.resize(1000, 680)
