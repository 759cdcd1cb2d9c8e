"""One hit under review: our record beside the list entry, the score explained, and the
three decisions (buttons, menu actions and shortcuts), each asking for a note.

Used by the Screening screen and, from the wizard, in a dialog of its own.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.screening.decision_dialog import DecisionDialog
from licenseapp.gui.screening.our_record import OurRecord, load_our_record
from licenseapp.gui.screening.side_by_side import side_by_side_html
from licenseapp.gui.tables import ActionButton, ListWithMessage
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme_follow import show_html
from licenseapp.services.screening.dto import Decision, HitView

if TYPE_CHECKING:
    from licenseapp.store.database import Database

#: (decision, action text, shortcut, tip)
DECISIONS = (
    (Decision.CLEARED, "&Cleared (not the same party)…", "Ctrl+Shift+C",
     "Record that our record is not the listed party, with a note saying why"),
    (Decision.ESCALATED, "Escala&te…", "Ctrl+Shift+U",
     "Pass the hit on for a second look (it keeps blocking filing)"),
    (Decision.CONFIRMED, "Confirmed &match…", "Ctrl+Shift+M",
     "Record that our record is the listed party: filing is blocked"),
)


class HitReviewWidget(QWidget):
    """Signal: ``decided(Changes)`` once a decision is recorded."""

    decided = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self.view: HitView | None = None
        self.ours: OurRecord | None = None
        self.decision_dialog: DecisionDialog | None = None
        self.heading = QLabel()
        self.heading.setObjectName("hitHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Our record beside the list entry")
        self.browser.setOpenExternalLinks(True)  # the entry's source opens in the browser
        self.decision_actions: dict[Decision, QAction] = {}
        self.decision_buttons: dict[Decision, ActionButton] = {}
        buttons = QHBoxLayout()
        for decision, text, shortcut, tip in DECISIONS:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setStatusTip(f"{tip} ({shortcut})")
            action.triggered.connect(lambda _=False, d=decision: self.ask_decision(d))
            self.addAction(action)
            self.decision_actions[decision] = action
            button = ActionButton(action, text.replace("…", f"… ({shortcut})"))
            self.decision_buttons[decision] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.browser, 1)
        box.addLayout(buttons)
        self.frame = ListWithMessage(body, "Select a hit to review it.", summary=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frame)
        self._enable()

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.show_hit(None)

    def show_hit(self, view: HitView | None) -> None:
        """Review ``view`` (None: the message in its place); our record loads meanwhile."""
        same_record = (view is not None and self.ours is not None
                       and (self.ours.subject, self.ours.subject_id)
                       == (view.subject, view.subject_id))
        self.view = view
        if not same_record:
            self.ours = None
        self._enable()
        if view is None:
            self._runner.supersede(self, "ours")
            self.frame.show_message("Select a hit to review it.")
            return
        self.frame.show_list()
        self._render()
        if not same_record and self._db is not None:
            db, subject, subject_id = self._db, view.subject, view.subject_id
            self._runner.submit(lambda: load_our_record(db, subject, subject_id),
                                self._ours_loaded, self._ours_failed, latest="ours")

    def _ours_loaded(self, ours: OurRecord) -> None:
        if self.view is not None and (self.view.subject, self.view.subject_id) \
                == (ours.subject, ours.subject_id):
            self.ours = ours
            self._render()

    def _ours_failed(self, exc: BaseException) -> None:
        from licenseapp.errors import LicenseAppError

        if not isinstance(exc, LicenseAppError):  # a record deleted meanwhile is not a bug
            self._runner.report_error(exc)

    def _render(self) -> None:
        view = self.view
        if view is None:
            return
        self.heading.setText(f"{view.subject_name} — {view.hit.entry_name} "
                             f"({view.hit.list_code}), score {view.hit.score:.0f}")
        bar = self.browser.verticalScrollBar()
        kept = bar.value()
        show_html(self.browser, partial(side_by_side_html, view, self.ours))
        bar.setValue(kept)

    def _enable(self) -> None:
        view = self.view
        for decision, action in self.decision_actions.items():
            action.setEnabled(self._db is not None and view is not None
                              and view.decision is not decision)

    def ask_decision(self, decision: Decision) -> None:
        view, db = self.view, self._db
        if view is None or db is None:
            return
        dialog = DecisionDialog(self._runner, db, view, decision, self)
        dialog.completed.connect(self.decided)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "decision_dialog", dialog)
        dialog.open()
