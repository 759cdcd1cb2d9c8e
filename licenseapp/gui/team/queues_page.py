"""Review & sign-off: what waits for me — applications sent for review that I did not prepare,
and applications ready to file that wait for an empowered official's sign-off.

Each queue shows only where the person holds its role (a reviewer, an empowered official);
working alone, a person holds both. Opening a row shows the application; "Sign off…" records
the official's sign-off of its packet as it stands (its SHA-256), off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.days import local_time
from licenseapp.gui.column_fit import SAMPLED_ROWS, FitInSteps
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.load_when_shown import LoadWhenShown
from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.team.queue_model import QueueColumn, QueueModel

if TYPE_CHECKING:
    from licenseapp.services.changes import Changes
    from licenseapp.services.team.four_eyes import SignOff
    from licenseapp.services.team.queue_entries import MyQueues
    from licenseapp.store.database import Database

_LATEST = "team_queues"


def _load(db: Database) -> MyQueues:
    from licenseapp.services.team.queues import my_queues

    return my_queues(db)


class QueueSection(QGroupBox):
    """One queue: its table, how many wait, and the buttons that act on the chosen row."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.heading = title
        self.setAccessibleName(title)
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"Applications {name}")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        # Fitted a column per turn of the event loop: two queues of thousands of rows
        # arrive at once (sampled, the widest texts measured: see gui/column_fit.py).
        self.fitter = FitInSteps(self.table)
        self.table.horizontalHeader().setResizeContentsPrecision(SAMPLED_ROWS)  # double-click
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setAccessibleName(f"{title}: none")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.button_row = QWidget()
        self.button_row.setLayout(self.buttons)
        self.buttons.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.button_row)

    def show_entries(self, entries: tuple[object, ...], holds_role: bool, role_words: str) -> None:
        from licenseapp.services.team.queue_entries import QueueEntry

        rows = [e for e in entries if isinstance(e, QueueEntry)]
        self.model.set_rows(rows)
        self.fitter.start()
        self.setTitle(f"{self.heading} ({len(rows)})" if holds_role else self.heading)
        self.table.setVisible(bool(rows))
        if not holds_role:
            self.empty.setText(f"You do not hold the {role_words} role, so nothing waits "
                               "for you here.")
        else:
            self.empty.setText("Nothing waits for you here.")
        self.empty.setVisible(not rows)
        self.button_row.setVisible(bool(rows))  # nothing to open or sign off
        if rows:
            self.table.selectRow(0)

    def chosen_ref(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.isVisible():
            return None
        return self.model.record_at(index.row()).ref


class TeamQueuesPage(QWidget):
    applicationRequested = Signal(str)
    dataModified = Signal(object)
    loadFailed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self._loaded = False
        self._shown_loading = LoadWhenShown(  # the first time, and after a new database
            self, lambda: self._db is not None and not self._loaded, self.reload)
        self.sign_off_dialog: ReasonDialog | None = None
        self.heading = QLabel("Waiting for me")
        self.heading.setAccessibleName("Waiting for me")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setAccessibleName("Who you are and your roles")
        self.review = QueueSection("Waiting for my review", "waiting for my review")
        self.review.table.setColumnHidden(QueueColumn.REVIEWED, True)  # not reviewed yet
        self.open_review = QPushButton("&Open application")
        self.open_review.setAccessibleName("Open the application to review")
        self.review.buttons.addWidget(self.open_review)
        self.sign = QueueSection("Waiting for my sign-off", "waiting for my sign-off")
        self.open_signed = QPushButton("O&pen application")
        self.open_signed.setAccessibleName("Open the application to sign off")
        self.sign_button = QPushButton("&Sign off…")
        self.sign_button.setAccessibleName("Sign off the packet")
        self.sign_button.setToolTip("Record your sign-off of the packet as it stands (its "
                                    "SHA-256); it can then be marked submitted")
        self.sign.buttons.addWidget(self.open_signed)
        self.sign.buttons.addWidget(self.sign_button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setAccessibleName("What was last done")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.who)
        layout.addWidget(self.review)
        layout.addWidget(self.sign)
        layout.addWidget(self.outcome)
        layout.addStretch(0)
        self._layout = layout
        self.open_review.clicked.connect(lambda: self._open(self.review))
        self.open_signed.clicked.connect(lambda: self._open(self.sign))
        self.sign_button.clicked.connect(self.ask_sign_off)
        for section in (self.review, self.sign):
            section.table.doubleClicked.connect(
                lambda index, s=section: self._open_index(s, index))
            section.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._enable()

    # -- the database and loading --------------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._loaded = False
        if db is None:
            self._runner.supersede(self, _LATEST)
            self.who.setText("No database is open.")
        else:
            self._shown_loading.now_if_shown()

    def reload(self) -> None:
        db = self._db
        if db is None:
            return
        self._runner.submit(lambda: _load(db), self._shown, self._failed, latest=_LATEST)

    def apply_changes(self, changes: Changes) -> None:
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.who.setText("The queues could not be loaded.")
        self.loadFailed.emit(exc)

    def _shown(self, queues: MyQueues) -> None:
        from licenseapp.domain.roles import Role

        self._loaded = True
        assert self._db is not None
        identity = self._db.identity
        held = ", ".join(r.words for r in Role if r in identity.roles) or "no team role"
        how = ("Each application needs a reviewer other than its preparer, and an empowered "
               "official's sign-off before it is submitted." if identity.team else
               "Working alone, you hold every role; no second reviewer is asked for.")
        self.who.setText(f"Signed in as {queues.actor} ({held}). {how}")
        self.review.show_entries(queues.review, queues.may_review, "reviewer")
        self.sign.show_entries(queues.sign_off, queues.may_sign_off, "empowered official")
        # A queue with rows takes the height; empty ones keep to their sentence.
        filled = [s for s in (self.review, self.sign) if s.model.rowCount()]
        for section in (self.review, self.sign):
            self._layout.setStretchFactor(section, 1 if section in filled else 0)
        self._layout.setStretch(self._layout.count() - 1, 0 if filled else 1)
        self._enable()

    def _enable(self) -> None:
        self.open_review.setEnabled(self.review.chosen_ref() is not None)
        has_sign = self.sign.chosen_ref() is not None
        self.open_signed.setEnabled(has_sign)
        self.sign_button.setEnabled(has_sign)

    # -- acting --------------------------------------------------------------------------
    def _open(self, section: QueueSection) -> None:
        ref = section.chosen_ref()
        if ref:
            self.applicationRequested.emit(ref)

    def _open_index(self, section: QueueSection, index: QModelIndex) -> None:
        if index.isValid():
            self.applicationRequested.emit(section.model.record_at(index.row()).ref)

    def ask_sign_off(self) -> None:
        ref, db = self.sign.chosen_ref(), self._db
        if ref is None or db is None:
            return
        from licenseapp.services.team.four_eyes import sign_off

        dialog = ReasonDialog(
            self._runner, lambda note: sign_off(db, ref, note=note),
            title=f"Sign off {ref}",
            question=f"Sign off {ref} for filing as an empowered official? The packet as it "
                     "stands now is what you sign off: its SHA-256 is recorded with your name "
                     "and the time, and the packet filed must be the same.",
            action="&Sign off", placeholder="e.g. checked against the portal entries",
            note="The note is optional; it is printed with the sign-off in the case record.",
            parent=self)
        dialog.reason_label.setText("&Note:")
        dialog.reason_edit.setAccessibleName("Note")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._signed)
        hold_until_closed(self, "sign_off_dialog", dialog)
        dialog.open()

    def _signed(self, result: object) -> None:
        done: SignOff = result  # type: ignore[assignment]
        self.outcome.setText(
            f"{done.ref} signed off by {done.signed_by} at {local_time(done.signed_at)}; "
            f"packet SHA-256 {done.packet_sha256}.")
        self.dataModified.emit(done.changes)
        self.reload()
