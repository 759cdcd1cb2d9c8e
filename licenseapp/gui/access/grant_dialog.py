"""Grant access…: people (for an item) or items (for a person) picked from a searchable list
with check boxes, the access modes, the state and the day access began; one unit of work.

The dialog is given the choices (loaded off the GUI thread by the panel) and never reads
the database; the grant runs on the task runner. A refusal (an AI model offered in none of
the modes chosen, a retired item) is shown beside what it concerns, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.enums import GrantState
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.errors import LicenseAppError
from licenseapp.gui.access.records import ITEM, AccessSubject, GrantChoice
from licenseapp.gui.date_field import DateField
from licenseapp.gui.items.editor import MODE_CHOICES
from licenseapp.gui.people.fields import message_label
from licenseapp.gui.records_model import ID_ROLE, ModelIndex, RecordsModel, RecordsProxy
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Ink
from licenseapp.gui.theme_follow import ink_style

if TYPE_CHECKING:
    from licenseapp.services.catalog.access import AccessRecord
    from licenseapp.store.database import Database


def grant_in(db: Database, person_ids: list[int], item_ids: list[int], modes: list[str],
             state: str, since: date) -> list[AccessRecord]:
    """The service's grant (imported here so the window starts without SQLAlchemy)."""
    from licenseapp.services.catalog.access import grant_access_many

    return grant_access_many(db, person_ids, item_ids, modes=modes, state=state, since=since)


class ChoiceModel(RecordsModel[GrantChoice]):
    """The people or items offered, each with a check box; ``chosenChanged`` when one is
    ticked or cleared."""

    chosenChanged = Signal()
    headers = {0: "Name"}
    display = {0: lambda c: c.text + (f"   · already {c.holds}" if c.holds else "")}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.chosen: list[int] = []  # in the order ticked

    def search_key(self, record: GrantChoice) -> str:
        return str(record.key)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def cell(self, record: GrantChoice, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if record.id in self.chosen
                    else Qt.CheckState.Unchecked)
        return super().cell(record, column, role)

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        record = self.record_at(index.row())
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked and record.id not in self.chosen:
            self.chosen.append(record.id)
        elif not checked and record.id in self.chosen:
            self.chosen.remove(record.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosenChanged.emit()
        return True

    def chosen_records(self) -> list[GrantChoice]:
        by_id = {r.id: r for r in self.rows()}
        return [by_id[i] for i in self.chosen if i in by_id]


class GrantAccessDialog(QDialog):
    """``granted(records)`` is emitted with the records as stored, before it closes."""

    granted = Signal(object)

    def __init__(self, runner: TaskRunner, db: Database, subject: AccessSubject,
                 choices: Sequence[GrantChoice], parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self.subject = subject
        self.busy = False
        self.records: list[AccessRecord] | None = None
        for_item = subject.kind == ITEM
        self.setWindowTitle(f"Grant access — {subject.name}")

        self.heading = QLabel(f"Who gets access to {subject.title}?" if for_item
                              else f"Which items does {subject.title} get access to?")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            "Search by name (any script), reference, employer or job title" if for_item
            else "Search by name, reference, classification or kind")
        self.search_edit.setAccessibleName("Search")
        self.search_edit.installEventFilter(self)
        self.model = ChoiceModel(self)
        self.model.set_rows(choices)
        self.proxy: RecordsProxy[GrantChoice] = RecordsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("People" if for_item else "Items")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 10)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.who_message = message_label()

        self.mode_checks: dict[str, QCheckBox] = {}
        self.modes_box = QWidget()
        modes = QVBoxLayout(self.modes_box)
        modes.setContentsMargins(0, 0, 0, 0)
        modes.setSpacing(2)
        every = tuple(v for v, _ in MODE_CHOICES)
        offered = (subject.modes or every) if for_item else every
        for value, label in MODE_CHOICES:
            if value in offered:
                check = QCheckBox(label)
                self.mode_checks[value] = check
                modes.addWidget(check)
        if for_item and len(self.mode_checks) == 1:
            next(iter(self.mode_checks.values())).setChecked(True)
        self.mode_message = message_label()
        modes.addWidget(self.mode_message)

        self.active_radio = QRadioButton("&Active — access is on from the day below")
        self.requested_radio = QRadioButton(
            "Re&quested — asked for, not on yet (e.g. waiting for a license)")
        self.active_radio.setChecked(True)
        self.state_group = QButtonGroup(self)
        self.state_group.addButton(self.active_radio)
        self.state_group.addButton(self.requested_radio)
        states = QWidget()
        state_box = QVBoxLayout(states)
        state_box.setContentsMargins(0, 0, 0, 0)
        state_box.setSpacing(2)
        state_box.addWidget(self.active_radio)
        state_box.addWidget(self.requested_radio)
        self.since_edit = DateField(label="Since", empty_text="required")
        self.since_edit.set_value(today or date.today())
        self.other_message = message_label()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.modes_label = QLabel("Access &modes:")
        if self.mode_checks:
            self.modes_label.setBuddy(next(iter(self.mode_checks.values())))
        form.addRow(self.modes_label, self.modes_box)
        state_label = QLabel("State:")
        form.addRow(state_label, states)
        since_label = QLabel("&Since:")
        since_label.setBuddy(self.since_edit)
        form.addRow(since_label, self.since_edit)
        form.addRow(self.other_message)
        self.form_layout = form

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.grant_button = QPushButton("&Grant")
        self.buttons.addButton(self.grant_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        search_label = QLabel("&Find:")
        search_label.setBuddy(self.search_edit)
        find = QHBoxLayout()
        find.addWidget(search_label)
        find.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(find)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.who_message)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.grant_button.setDefault(True)  # once in the dialog (before, Qt drops it)

        self.search_edit.textChanged.connect(self.proxy.set_text_filter)
        self.model.chosenChanged.connect(self._chosen_changed)
        self._chosen_changed()
        self.resize(760, 640)

    # --- what is chosen --------------------------------------------------------------

    @property
    def noun(self) -> tuple[str, str]:
        return ("person", "people") if self.subject.kind == ITEM else ("item", "items")

    def _chosen_changed(self) -> None:
        chosen = self.model.chosen_records()
        one, many = self.noun
        names = ", ".join(c.name for c in chosen[:6]) + (
            f" and {len(chosen) - 6:,} more" if len(chosen) > 6 else "")
        self.chosen_label.setText(
            f"{len(chosen):,} {one if len(chosen) == 1 else many} chosen: {names}" if chosen
            else f"No {one} chosen yet: tick {'them' if one == 'person' else 'it'} in the "
                 "list (Space ticks the one selected).")
        if self.subject.kind == ITEM:
            shown = self.subject.is_ai_model
        else:
            models = [c for c in chosen if c.is_ai_model]
            shown = bool(models)
            every = [v for v, _ in MODE_CHOICES]
            # a model whose modes were never recorded takes any (as the service does)
            offered = {m for c in models for m in (c.modes or every)}
            for value, check in self.mode_checks.items():
                check.setEnabled(value in offered)
                check.setToolTip("" if value in offered else
                                 "None of the AI models chosen is offered in this mode")
        self.form_layout.setRowVisible(self.modes_box, shown)

    def choose(self, ids: Sequence[int]) -> None:
        """Tick ``ids`` (as a user would; for callers that know whom they want)."""
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(ID_ROLE) in ids:
                self.model.setData(index, Qt.CheckState.Checked.value,
                                   Qt.ItemDataRole.CheckStateRole)

    def modes(self) -> list[str]:
        return [v for v, check in self.mode_checks.items()
                if check.isChecked() and check.isEnabled()]

    def state(self) -> str:
        return (GrantState.REQUESTED.value if self.requested_radio.isChecked()
                else GrantState.ACTIVE.value)

    # --- granting --------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy:
            return
        chosen = [c.id for c in self.model.chosen_records()]
        if self.subject.kind == ITEM:
            people, items = chosen, [self.subject.id]
        else:
            people, items = [self.subject.id], chosen
        db, modes, state = self._db, self.modes(), self.state()
        since = self.since_edit.value()
        if since is None:  # nothing lost: what was typed stays in the field
            self.show_problems({"since": self.since_edit.problem()
                                or "Since: type the day access began, e.g. 2026-04-12"})
            self.since_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._set_busy(True)
        self._runner.submit(lambda: grant_in(db, people, items, modes, state, since),
                            self._granted, self._failed, context=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _granted(self, records: list[AccessRecord]) -> None:
        self._set_busy(False)
        self.records = records
        self.granted.emit(records)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, FormInvalid):
            self.show_problems({p.field: p.message for p in exc.problems})
        elif isinstance(exc, LicenseAppError):
            self.show_problems({"": exc.message})
        else:
            self._runner.report_error(exc)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each problem beside what it concerns: whom or what (the list), the modes, the
        rest under the form."""
        who = [m for f, m in problems.items() if f in ("person", "item")]
        modes = [m for f, m in problems.items() if f == "mode"]
        rest = [m for f, m in problems.items() if f not in ("person", "item", "mode")]
        for label, lines in ((self.who_message, who), (self.mode_message, modes),
                             (self.other_message, rest)):
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))
        ink_style(self.modes_label, Ink.LATE if modes else None,
                  "font-weight: bold;" if modes else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: Down moves into the list (Space then ticks)."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)
