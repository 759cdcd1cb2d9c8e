"""An editable table of a form's rows (citizenships, documents, résumé entries).

The rows are the form's own frozen dataclasses; each column says how to read its value
from a row and how to make the changed row, and which editor it needs (text, country,
a choice, a date, a month). A row with a problem is tinted and says why in its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.country_chooser import CountryCombo, country_text
from licenseapp.gui.date_field import DateField
from licenseapp.gui.theme import Ink, Tone, current
from licenseapp.gui.theme_follow import ink_style

R = TypeVar("R")
ModelIndex = QModelIndex | QPersistentModelIndex

TEXT, COUNTRY, CHOICE, DATE, MONTH, MONTH_OR_PRESENT = (
    "text", "country", "choice", "date", "month", "month_or_present")



@dataclass(frozen=True)
class RowColumn(Generic[R]):
    header: str
    kind: str
    get: Callable[[R], Any]
    set: Callable[[R, Any], R]
    chars: int = 12  # initial width in average characters
    choices: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (label, value)

    def display(self, value: Any) -> str:
        if self.kind == COUNTRY:
            return country_text(value)
        if self.kind == CHOICE:
            return next((label for label, v in self.choices if v == value), str(value or ""))
        if self.kind == DATE:
            return value.isoformat() if isinstance(value, date) else ""
        if self.kind in (MONTH, MONTH_OR_PRESENT):
            if value is None:
                return "present" if self.kind == MONTH_OR_PRESENT else ""
            year, month = value
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and year > 0 else ""
        return str(value or "")


class FormRowsModel(QAbstractTableModel, Generic[R]):
    """The rows of one list of a form; every cell editable."""

    edited = Signal()

    def __init__(self, columns: Sequence[RowColumn[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []
        self._problems: dict[int, str] = {}

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._problems = {}
        self.endResetModel()

    def rows(self) -> tuple[R, ...]:
        return tuple(self._rows)

    def insert(self, row: R, position: int | None = None) -> int:
        at = len(self._rows) if position is None else position
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()
        self.edited.emit()
        return at

    def remove(self, position: int) -> None:
        if not 0 <= position < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()
        self._problems = {}
        self.edited.emit()

    def move(self, position: int, by: int) -> int:
        target = position + by
        if not (0 <= position < len(self._rows) and 0 <= target < len(self._rows)):
            return position
        self.beginResetModel()
        self._rows[position], self._rows[target] = self._rows[target], self._rows[position]
        self.endResetModel()
        self.edited.emit()
        return target

    def set_problems(self, problems: dict[int, str]) -> None:
        self._problems = dict(problems)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    # --- Qt interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        value = column.get(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self._problems:
            return current().badge(Tone.DANGER).background
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = self._problems.get(index.row())
            text = column.display(value)
            return f"{text}\n⚠ {problem}" if problem else (text or None)
        return None

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        old = self._rows[index.row()]
        new = column.set(old, value)
        if new == old:
            return True
        self._rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(self.columns) - 1))
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemNeverHasChildren)


class RowsDelegate(QStyledItemDelegate):
    """The editor each column needs; choices and countries are committed as picked.

    A date that cannot be read is not stored: ``unreadable`` carries the message (which
    quotes what was typed) so the table can show it.
    """

    unreadable = Signal(str)

    def __init__(self, columns: Sequence[RowColumn[Any]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ModelIndex) -> QWidget:
        column = self._columns[index.column()]
        editor: QWidget
        if column.kind == COUNTRY:
            editor = CountryCombo(parent)
        elif column.kind == CHOICE:
            combo = QComboBox(parent)
            for label, value in column.choices:
                combo.addItem(label, value)
            combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
            editor = combo
        elif column.kind == DATE:
            editor = DateField(parent, label=column.header)
        elif column.kind in (MONTH, MONTH_OR_PRESENT):
            editor = DateField(parent, label=column.header, month=True,
                               empty_text="present" if column.kind == MONTH_OR_PRESENT
                               else "not set")
        else:
            editor = QLineEdit(parent)
        editor.setAccessibleName(column.header)
        return editor

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, CountryCombo):
            editor.set_code(value)
        elif isinstance(editor, DateField):
            if self._columns[index.column()].kind == DATE:
                editor.set_value(value)
            else:
                editor.set_month(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: ModelIndex) -> None:
        value: Any
        if isinstance(editor, CountryCombo):
            value = editor.code()
        elif isinstance(editor, DateField):
            if editor.problem():
                self.unreadable.emit(editor.problem())
                return  # the cell keeps its value; the message says what to retype
            value = (editor.value() if self._columns[index.column()].kind == DATE
                     else editor.month())
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class RowsEditor(QWidget, Generic[R]):
    """A table of rows with Add, Remove, Move up and Move down."""

    changed = Signal()

    def __init__(self, name: str, columns: Sequence[RowColumn[R]], new_row: Callable[[], R],
                 parent: QWidget | None = None, *, add_text: str = "Add",
                 visible_rows: int = 4) -> None:
        super().__init__(parent)
        self._new_row = new_row
        self.model: FormRowsModel[R] = FormRowsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(name)
        self.delegate = RowsDelegate(columns, self.table)
        self.table.setItemDelegate(self.delegate)
        #: Why the last date typed in a cell was not taken (red, under the table).
        self.message = QLabel()
        self.message.setWordWrap(True)
        ink_style(self.message, Ink.LATE)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.delegate.unreadable.connect(self._unreadable)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setTabKeyNavigation(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        row_height = self.table.fontMetrics().height() + 14
        rows.setDefaultSectionSize(row_height)
        char = self.table.fontMetrics().averageCharWidth()
        for n, column in enumerate(columns):
            self.table.setColumnWidth(n, column.chars * char + 24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(row_height * (visible_rows + 1) + 6)

        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
        self.add_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.model.edited.connect(self.changed)
        self.model.edited.connect(self.message.hide)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.model.set_rows(rows)

    def rows(self) -> tuple[R, ...]:
        return self.model.rows()

    def add_row(self) -> int:
        """Append an empty row and start editing its first cell; returns its position."""
        position = self.model.insert(self._new_row())
        index = self.model.index(position, 0)
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(index)
        return position

    def remove_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.model.remove(current.row())

    def _move(self, by: int) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            target = self.model.move(current.row(), by)
            self.table.setCurrentIndex(self.model.index(target, current.column()))

    def _update_buttons(self, *_args: object) -> None:
        current = self.table.currentIndex()
        has = current.isValid()
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and current.row() > 0)
        self.down_button.setEnabled(has and current.row() < self.model.rowCount() - 1)

    def show_problems(self, problems: dict[int, str]) -> None:
        self.model.set_problems(problems)

    def _unreadable(self, problem: str) -> None:
        row = self.table.currentIndex().row()
        self.message.setText(f"Row {row + 1}, {problem} (the cell kept its former value)")
        self.message.show()

    def focus_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
