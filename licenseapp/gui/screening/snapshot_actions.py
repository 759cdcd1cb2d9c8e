"""Load list snapshot… and Re-screen everyone, off the GUI thread, with progress.

A snapshot whose counts fall sharply against the one in use is refused by the engine; the
user is asked whether to keep the previous list, and only an explicit "Load it anyway"
loads it. A snapshot loaded is followed by a re-screen of everyone against it (progress,
cancel), and what changed is said.
"""

from __future__ import annotations

import threading
import time
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.services.screening.dto import RescreenResult, SnapshotInfo
    from licenseapp.store.database import Database


class _Counts(QObject):
    """Carries the worker's progress (done, total) to the GUI thread, queued."""

    advanced = Signal(int, int)


class ProgressRow(QWidget):
    """A progress bar with a Cancel button and a note; the note stays after the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progress")
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        self.note = QLabel()
        self.note.setObjectName("screeningNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.note, 1)
        self.finish("")

    def start(self, text: str, *, cancellable: bool) -> None:
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.show()
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self.note.setText(text)
        self.show()

    def advance(self, done: int, total: int, text: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.note.setText(text)

    def finish(self, note: str) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        self.note.setText(note)
        self.setVisible(bool(note))


class SnapshotActions(QObject):
    """Signals: ``changed(Changes)`` after a snapshot is loaded or everyone re-screened;
    ``finished(str)`` when an action ends ("loaded", "kept", "rescreened", "cancelled",
    "failed"; tests wait for it)."""

    changed = Signal(object)
    finished = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent
        self._db: Database | None = None
        self._cancel = threading.Event()
        self._counts = _Counts(self)
        self._counts.advanced.connect(self._advanced)
        self.busy = False
        self.file_dialog: QFileDialog | None = None
        self.drop_box: QMessageBox | None = None
        self.last_result: RescreenResult | None = None
        self.progress = ProgressRow(parent)
        self.progress.cancel_button.clicked.connect(self.cancel)
        self.load_action = QAction("&Load list snapshot…", self)
        self.load_action.setStatusTip("Load a newer restricted-party list (the Consolidated "
                                      "Screening List as JSON or CSV) and re-screen everyone")
        self.load_action.triggered.connect(self.choose_file)
        self.rescreen_action = QAction("Re-screen everyo&ne", self)
        self.rescreen_action.setStatusTip("Screen every person and organization again "
                                          "against the list in use")
        self.rescreen_action.triggered.connect(self.rescreen)
        self._enable()

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._enable()

    def _enable(self) -> None:
        ok = self._db is not None and not self.busy
        self.load_action.setEnabled(ok)
        self.rescreen_action.setEnabled(ok)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._enable()

    # -- loading a snapshot ----------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        if self._db is None or self.busy:
            return
        dialog = QFileDialog(self._parent, "Load a restricted-party list snapshot")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilters(["Consolidated Screening List (*.json *.csv)", "All files (*)"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.load_file)
        hold_until_closed(self, "file_dialog", dialog)
        dialog.open()

    def load_file(self, path: str, *, accept_drop: bool = False) -> None:
        db = self._db
        if db is None or self.busy:
            return
        from pathlib import Path

        from licenseapp.services.screening.snapshots import import_snapshot

        self._set_busy(True)
        name = Path(path).name
        self.progress.start(f"Loading the list snapshot {name}…", cancellable=False)
        self._runner.submit(partial(import_snapshot, db, Path(path), accept_drop=accept_drop),
                            self._loaded, partial(self._load_failed, path), context=self)

    def _loaded(self, info: SnapshotInfo) -> None:
        self._set_busy(False)
        self.progress.finish(f"Loaded the list published {info.published_on:%Y-%m-%d} "
                             f"({info.entries:,} entries). Re-screening everyone…")
        self.changed.emit(Changes.all_of(Kind.SCREENING))
        self.finished.emit("loaded")
        self.rescreen()

    def _load_failed(self, path: str, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, LicenseAppError):
            self.progress.finish("")
            self._runner.report_error(exc)
            self.finished.emit("failed")
            return
        question = drop_question(exc)
        if question is not None:
            self.progress.finish("")
            self._ask_about_drop(path, question)
            return
        self.progress.finish(f"Not loaded: {exc.message}")
        box = QMessageBox(QMessageBox.Icon.Warning, "List snapshot not loaded", exc.message,
                          QMessageBox.StandardButton.Ok, self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "drop_box", box)
        box.open()
        self.finished.emit("failed")

    def _ask_about_drop(self, path: str, question: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Keep the previous list?", question,
                          QMessageBox.StandardButton.NoButton, self._parent)
        box.setInformativeText("A list that loses this many entries at once is more likely "
                               "a damaged or partial download than a real change. The list "
                               "in use stays unless you load this one anyway.")
        keep = box.addButton("&Keep the previous list", QMessageBox.ButtonRole.RejectRole)
        anyway = box.addButton("&Load it anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._drop_answered(path, box.clickedButton() is anyway))
        hold_until_closed(self, "drop_box", box)
        box.open()

    def _drop_answered(self, path: str, load_anyway: bool) -> None:
        if load_anyway:
            self.load_file(path, accept_drop=True)
        else:
            self.progress.finish("The previous list is still in use; the new file was not "
                                 "loaded.")
            self.finished.emit("kept")

    # -- re-screening ----------------------------------------------------------------------
    @Slot()
    def rescreen(self) -> None:
        db = self._db
        if db is None or self.busy:
            return
        from licenseapp.services.screening.runs import rescreen_everyone

        self._set_busy(True)
        self._cancel.clear()
        self.progress.start("Re-screening everyone…", cancellable=True)
        emit, cancelled, started = self._counts.advanced.emit, self._cancel.is_set, \
            time.monotonic()
        self._runner.submit(
            lambda: (rescreen_everyone(db, progress=emit, cancelled=cancelled),
                     time.monotonic() - started),
            self._rescreened, self._rescreen_failed, context=self)

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()
        self.progress.cancel_button.setEnabled(False)
        self.progress.note.setText("Cancelling…")

    @Slot(int, int)
    def _advanced(self, done: int, total: int) -> None:
        if self.busy and not self._cancel.is_set():
            self.progress.advance(done, total, f"Re-screening: {done:,} of {total:,}…")

    def _rescreened(self, outcome: tuple[RescreenResult, float]) -> None:
        result, seconds = outcome
        self._set_busy(False)
        self.last_result = result
        self.progress.finish(rescreen_note(result, seconds))
        self.changed.emit(result.changes | Changes.all_of(Kind.SCREENING))
        self.finished.emit("cancelled" if result.cancelled else "rescreened")

    def _rescreen_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, LicenseAppError):
            self.progress.finish(f"Not re-screened: {exc.message}")
        else:
            self.progress.finish("")
            self._runner.report_error(exc)
        self.finished.emit("failed")


def drop_question(exc: LicenseAppError) -> str | None:
    """"SDN fell from 19,181 to 4,012: keep the previous list?" for the engine's refusal of
    a snapshot whose counts fell sharply; None for any other refusal."""
    from licenseapp.services.screening.snapshots import ListCountDropped

    if not isinstance(exc, ListCountDropped):
        return None
    said = "; ".join(f"{code} fell from {before:,} to {after:,}"
                     for code, before, after in exc.drops)
    return f"{said}: keep the previous list?"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def rescreen_note(result: RescreenResult, seconds: float) -> str:
    """What a re-screen changed, new and changed hits first (only those need a person)."""
    done = "Stopped after" if result.cancelled else "Re-screened"
    head = f"{done} {_count(result.screened, 'record')} in {seconds:.1f} s: "
    if not result.to_review:
        head += "nothing new to review"
    else:
        head += (f"{_count(result.to_review, 'hit')} to review ({result.new_hits:,} new, "
                 f"{result.changed:,} changed)")
    return (head + f"; {_count(result.unchanged, 'hit')} as before (decisions kept)"
            + (f"; {_count(result.gone, 'hit')} no longer found" if result.gone else "") + ".")
