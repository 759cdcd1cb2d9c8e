"""The one country chooser of the app: type a code, a name or a common name, pick from a
list ranked by :func:`~licenseapp.domain.countries.rank_countries`.

The list under the field is ranked for what is typed ("US" lists the United States first,
"CA" Canada, "United States" the United States before its Minor Outlying Islands, "UK"
the United Kingdom) and nothing is highlighted until the user moves into it, so Down and
Enter take the first - the best - entry, never an entry by its position in the
alphabetical list. Typing alone is enough: ``code()`` reads "UK", "USA", "Britain",
"South Korea" or "Russia" too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from licenseapp.domain.countries import all_country_codes, country_code_for, country_name
from licenseapp.domain.countries import rank_countries as _rank

ModelIndex = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole
#: A completion prefix no entry starts with: the completer then highlights nothing.
_NO_PREFIX = "\u0001"


def country_text(code: str | None) -> str:
    """"CN — China", or "" for no country, or the code itself when unknown."""
    if not code:
        return ""
    name = country_name(code)
    return f"{code.upper()} — {name}" if name and name != code else code


class CountryRanking(QSortFilterProxyModel):
    """The countries that match what is typed, best first (the empty entry left out)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ranks: dict[str, int] = {}

    def set_typed(self, text: str) -> None:
        self._ranks = {code: n for n, code in enumerate(_rank(text))}
        self.invalidate()
        self.sort(0)

    def _rank_of(self, row: int, parent: ModelIndex) -> int | None:
        model = self.sourceModel()
        code = model.index(row, 0, parent).data(CODE_ROLE)
        return self._ranks.get(str(code)) if code else None

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        return self._rank_of(source_row, source_parent) is not None

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        a = self._rank_of(left.row(), left.parent())
        b = self._rank_of(right.row(), right.parent())
        return (a if a is not None else 10_000) < (b if b is not None else 10_000)


class CountryCombo(QComboBox):
    """An editable country chooser: pick from the list, or type a code or a name.

    ``code()`` is the ISO code chosen (upper case), None for nothing, or what was typed if
    it names no country (so the form's check can say so instead of it being dropped).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if optional:
            self.addItem("", None)
        for code in all_country_codes():
            self.addItem(country_text(code), code)
        self.setCompleter(None)  # type: ignore[arg-type]  # its own picks by position
        self.ranking = CountryRanking(self)
        self.ranking.setSourceModel(self.model())
        line = self.lineEdit()
        assert line is not None
        self.chooser = QCompleter(self.ranking, self)
        self.chooser.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.chooser.setMaxVisibleItems(12)
        self.chooser.setWidget(line)
        self.chooser.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        line.textEdited.connect(self._typed)
        line.setPlaceholderText("code or name, e.g. CN or China")
        self.currentTextChanged.connect(lambda _text: self.changed.emit())

    def _typed(self, text: str) -> None:
        if not text.strip():
            popup = self.chooser.popup()
            if popup is not None:
                popup.hide()
            return
        self.ranking.set_typed(text)
        self.chooser.setCompletionPrefix(_NO_PREFIX)
        self.chooser.complete()

    def _chosen(self, index: QModelIndex) -> None:
        completion = self.chooser.completionModel()
        ranked = completion.mapToSource(index)  # type: ignore[attr-defined]
        row = self.ranking.mapToSource(ranked).row()
        if row >= 0:
            self.setCurrentIndex(row)
            line = self.lineEdit()
            if line is not None:
                line.setText(self.itemText(row))

    def code(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            data: Any = self.itemData(index)
            return str(data) if data else None
        head = text.split("—", 1)[0].strip()
        if "—" in text and len(head) == 2 and head.isalpha():
            return head.upper()
        return country_code_for(text) or text

    def set_code(self, code: str | None) -> None:
        index = self.findData(code.upper()) if code else self.findData(None)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(code or "")
