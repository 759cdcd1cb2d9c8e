"""Application › Change status of selected… (Ctrl+Shift+B): one new status for every selected
application, each changed through the same service as a single change.

The choice offers the statuses the lifecycles allow (those all selected may take first,
then the others with how many may); the list under it says for each application what will
happen or why it cannot. Change runs the changes off the GUI thread with a progress bar and
Cancel (stops before the next application), then says "n changed, m refused" and lists
each refused one with the service's reason.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.bulk_status import BulkTarget, SelectedApplication, bulk_targets
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.gui.cancellable_dialog import CancellableDialog
from licenseapp.gui.date_field import DateField
from licenseapp.gui.first_field import focus_first_field
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.services.follow_up.bulk_status import BulkProgress, BulkStatusOutcome

#: Runs the changes: ``(refs, target, on, note, progress, cancelled) -> outcome``.
BulkApplier = Callable[
    [Sequence[str], str, "date | None", str, "BulkProgress", Callable[[], bool]],
    "BulkStatusOutcome",
]


#: Refusals spelled out under the list (the rest are in it, and in its tooltips).
_REASONS_SHOWN = 5


def selected_application(row: ApplicationRow) -> SelectedApplication:
    return SelectedApplication(row.ref, row.regulator, row.status, bool(row.acn))


def _plural(n: int) -> str:
    return f"{n} application{'' if n == 1 else 's'}"


class _StatusProgress(QObject):
    progressed = Signal(int, int, str)


class BulkStatusDialog(CancellableDialog):
    """Signals: ``changed(Changes)`` once the changes are recorded (if any was),
    ``finishedChanges(outcome)`` with the :class:`BulkStatusOutcome`."""

    changed = Signal(object)
    finishedChanges = Signal(object)

    def __init__(self, runner: TaskRunner, apply: BulkApplier, rows: Sequence[ApplicationRow],
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._apply = apply
        self.rows = tuple(rows)
        self.targets: list[BulkTarget] = bulk_targets(
            [selected_application(r) for r in self.rows])
        self.cancel_requested = threading.Event()
        self.outcome: BulkStatusOutcome | None = None
        self._relay = _StatusProgress(self)
        self._relay.progressed.connect(self._progressed)
        count = len(self.rows)
        self.setWindowTitle("Change status of selected applications")
        self.setMinimumWidth(640)

        self.heading = QLabel(f"<b>Change the status of {escape(_plural(count))}</b>")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("New status")
        self.status_combo.addItem("Choose the new status…", None)
        for target in self.targets:
            share = f"all {count}" if target.for_all else f"{len(target.able)} of {count}"
            self.status_combo.addItem(f"{target.label} — {share}", target.status.value)
        self.date_edit = DateField(label="Date of the change", empty_text="today")
        self.date_edit.set_value(today or date.today())
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Why, e.g. the team's decision (kept with each change)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form = QFormLayout()
        form.addRow("&New status:", self.status_combo)
        form.addRow("&Date:", self.date_edit)
        form.addRow("N&ote:", self.note_edit)

        self.table = QTreeWidget()
        self.table.setAccessibleName("Selected applications")
        self.table.setHeaderLabels(["Application", "Now", "What happens"])
        self.table.setRootIsDecorated(False)
        self.table.setWordWrap(True)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self._items = [
            QTreeWidgetItem(self.table, [row.ref, lifecycle(row.regulator).label(row.status), ""])
            for row in self.rows]

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, max(count, 1))
        self.progress_bar.setFormat("%v of %m")
        self.progress_bar.setAccessibleName("Applications done")
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.change_button = self.buttons.addButton(
            "&Change", QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.clicked.connect(self.start)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.status_combo.currentIndexChanged.connect(self._target_chosen)
        self._target_chosen()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus_first_field(self)  # the status: Down picks it from the keyboard

    # --- before -------------------------------------------------------------------------

    @property
    def target(self) -> BulkTarget | None:
        value = self.status_combo.currentData()
        return next((t for t in self.targets if t.status.value == value), None)

    @Slot()
    def _target_chosen(self, _index: int = 0) -> None:
        target = self.target
        for row, item in zip(self.rows, self._items, strict=True):
            if target is None:
                item.setText(2, "")
            elif row.ref in target.unable:
                why = target.unable[row.ref]
                item.setText(2, f"Stays: {why}")
            else:
                item.setText(2, f"Becomes {target.label.lower()}")
        self.change_button.setEnabled(target is not None)
        if target is None:
            self.status_label.setText(
                "No status fits any of them." if not self.targets else "")
            self.change_button.setText("&Change")
        else:
            self.change_button.setText(f"&Change {len(target.able)}")
            self.status_label.setText(
                "" if target.for_all else
                f"{_plural(len(target.unable))} cannot become {target.label.lower()}: "
                "they will be refused and stay as they are.")

    # --- running ------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Record the chosen status for every selected application, off the GUI thread."""
        target = self.target
        if target is None or self.running or self.outcome is not None:
            return
        problem = self.date_edit.problem()
        if problem:
            self.status_label.setText(problem)
            self.date_edit.setFocus()
            return
        self.running = True
        for widget in (self.status_combo, self.date_edit, self.note_edit, self.change_button):
            widget.setEnabled(False)
        self.progress_bar.show()
        self.cancel_button.setToolTip("Stop before the next application")
        refs = [r.ref for r in self.rows]
        on, note = self.date_edit.value(), self.note_edit.toPlainText().strip()
        apply, emit, cancelled = self._apply, self._relay.progressed.emit, \
            self.cancel_requested.is_set
        status = target.status.value
        self._runner.submit(lambda: apply(refs, status, on, note, emit, cancelled),
                            self._finished, self._failed, context=self)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, ref: str) -> None:
        self.progress_bar.setValue(done)
        if ref and not self.cancel_requested.is_set():
            self.status_label.setText(f"Application {done + 1} of {total}: {ref}")

    def cancel(self) -> None:
        if not self.running or self.cancel_requested.is_set():
            return
        self.cancel_requested.set()
        self.cancel_button.setEnabled(False)
        self.status_label.setText("Stopping before the next application…")

    def _finished(self, outcome: BulkStatusOutcome) -> None:
        self.running = False
        self.outcome = outcome
        self.progress_bar.setValue(len(outcome.changed) + len(outcome.refused))
        refused = dict(outcome.refused)
        changed = {r.ref for r in outcome.changed}
        label = self.target.label.lower() if self.target else outcome.target.label.lower()
        for row, item in zip(self.rows, self._items, strict=True):
            if row.ref in changed:
                item.setText(2, f"Changed to {label}")
            elif row.ref in refused:
                item.setText(2, f"Refused: {refused[row.ref]}")
            else:
                item.setText(2, "Not tried (cancelled)")
            item.setToolTip(2, item.text(2))
        self.heading.setText(f"<b>{escape(outcome.summary())}</b>")
        lines = [f"Refused, {ref}: {why}" for ref, why in outcome.refused[:_REASONS_SHOWN]]
        if len(outcome.refused) > _REASONS_SHOWN:
            lines.append(f"… and {len(outcome.refused) - _REASONS_SHOWN} more (in the list)")
        lines.append("Each change is in the application's history and the audit log."
                     if outcome.changed else "Nothing was changed.")
        self.status_label.setText("\n".join(lines))
        self.change_button.hide()
        self.show_close()
        if outcome.changes:
            self.changed.emit(outcome.changes)
        self.finishedChanges.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._runner.report_error(exc)
        self.heading.setText("<b>The changes stopped on an unexpected error</b>")
        self.status_label.setText("See the log; the applications changed before it keep "
                                  "their new status.")
        self.change_button.hide()
        self.show_close()
