"""New item… / Edit…: the item editor with Save and Cancel (the Items screen and the
wizard's Items page open the same dialog)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from licenseapp.domain.item_form import ItemForm, mode_label
from licenseapp.gui.items.editor import ItemEditor, kind_text
from licenseapp.gui.people.record_dialog import RecordDialog
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.store.database import Database


def save_item_in(db: Database, form: ItemForm, base: ItemForm | None) -> ItemForm:
    """The service's save (imported here so the window starts without SQLAlchemy)."""
    from licenseapp.services.catalog.items import save_item

    return save_item(db, form, base=base)


def load_item_for_editing(db: Database, item_id: int | None) -> ItemForm | None:
    """The item (None for a new one); on a worker thread, where the reference data the
    editor fills the reasons for control from is read too."""
    from licenseapp.domain.rules.reference import load_reference

    load_reference()
    if item_id is None:
        return None
    from licenseapp.services.catalog.items import load_item

    return load_item(db, item_id)


def item_title(form: ItemForm) -> str:
    return f"{form.ref} · {form.name}" if form.id is not None else "New item"


def _modes(values: Iterable[str]) -> str:
    return ", ".join(mode_label(v) for v in values) or "none"


class ItemDialog(RecordDialog[ItemForm]):
    """Edits ``form`` (a new item when its id is None) and saves it to ``db``."""

    def __init__(self, runner: TaskRunner, db: Database, form: ItemForm | None = None,
                 parent: QWidget | None = None) -> None:
        self.item_editor = ItemEditor()
        form = form or ItemForm()
        super().__init__(runner, self.item_editor, lambda f, base: save_item_in(db, f, base),
                         form, parent, noun="item",
                         describe={"kind": kind_text, "access_modes": _modes})
        self.setWindowTitle(item_title(form))
        self.resize(720, 600)
