"""The classification field's choices for an EAR item: EAR99 and the three bases for "not
subject to the EAR" (published, fundamental research, educational), offered as the user types
("not", "pub", "edu"); an ECCN is typed as before."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from licenseapp.domain.not_subject import BASES

EAR_CHOICES = ("EAR99", *(b.classification for b in BASES))


def attach(edit: QLineEdit) -> QCompleter:
    """A completer offering :data:`EAR_CHOICES` on ``edit`` (matching anywhere in them)."""
    completer = QCompleter(edit)
    completer.setModel(QStringListModel(list(EAR_CHOICES), completer))  # owned by the completer
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    popup = completer.popup()
    if popup is not None:
        popup.setAccessibleName("Classification choices")
    edit.setCompleter(completer)
    return completer


def follow(completer: QCompleter, is_ear: bool) -> None:
    """Only an EAR item has these choices."""
    model = completer.model()
    if isinstance(model, QStringListModel):
        model.setStringList(list(EAR_CHOICES) if is_ear else [])
