"""Where the chosen person or applicant stands against the restricted-party lists, on the
wizard's pages: clear as of a date, open hits to review (reviewed here, in a dialog), or a
confirmed match. Loaded off the GUI thread each time the record changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.screening.wording import state_text
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import Tone
from licenseapp.gui.theme_follow import themed_style
from licenseapp.services.changes import Changes
from licenseapp.services.screening.dto import ScreeningState, Subject

if TYPE_CHECKING:
    from licenseapp.gui.screening.review_dialog import HitReviewDialog
    from licenseapp.store.database import Database

#: The colours (a theme tone) of the line: clear, to review, confirmed.
_TONES = {"clear": Tone.OK, "open": Tone.CAUTION, "confirmed": Tone.DANGER,
          "none": Tone.NEUTRAL}


def load_state(db: Database, subject: Subject, subject_id: int) -> ScreeningState:
    from licenseapp.services.screening.results import screening_state

    return screening_state(db, subject, subject_id)


class ScreeningStateLine(QWidget):
    """Signal: ``decided(Changes)`` after a decision made from here."""

    decided = Signal(object)
    #: The state is shown (after each load; tests wait for it).
    shown = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self._subject: tuple[Subject, int] | None = None
        self.state: ScreeningState | None = None
        self.review_dialog: HitReviewDialog | None = None
        self.label = QLabel()
        self.label.setObjectName("screeningState")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_button = QPushButton("Re&view hits…")
        self.review_button.setToolTip("Our record beside each list entry, and the decisions")
        self.review_button.clicked.connect(self.review)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignTop)
        self.show_for(None, None)

    def show_for(self, db: Database | None, subject: tuple[Subject, int] | None) -> None:
        """Show the standing of ``subject`` (kind, id); None hides the line."""
        self._db, self._subject = db, subject
        self.state = None
        self.review_button.hide()
        if db is None or subject is None:
            self._runner.supersede(self, "state")
            self.hide()
            return
        self._paint("none", state_text(None))
        self.show()
        self.refresh()

    def refresh(self) -> None:
        db, subject = self._db, self._subject
        if db is None or subject is None:
            return
        self._runner.submit(lambda: load_state(db, *subject), self._loaded, self._failed,
                            latest="state")

    def _loaded(self, state: ScreeningState) -> None:
        if self._subject != (state.subject, state.subject_id):
            return
        self.state = state
        tone = ("confirmed" if state.confirmed else "open" if state.open_hits
                else "clear" if state.clear else "none")
        self._paint(tone, state_text(state))
        self.review_button.setVisible(bool(state.hits))
        self.review_button.setText("Re&view hits…" if state.open_hits else "&View hits…")
        if self.review_dialog is not None:
            self.review_dialog.show_state(state)
        self.shown.emit()

    def _failed(self, exc: BaseException) -> None:
        self._paint("none", "Screening: the screening state could not be read.")
        self._runner.report_error(exc)

    def _paint(self, tone: str, text: str) -> None:
        self.label.setText(text)
        themed_style(self.label, lambda theme: f"QLabel {{ {theme.badge(_TONES[tone]).css()} "
                                               "padding: 4px; border-radius: 3px; }")

    def review(self) -> None:
        state, db = self.state, self._db
        if state is None or db is None or not state.hits:
            return
        from licenseapp.gui.screening.review_dialog import HitReviewDialog

        first = (state.open_hits or state.hits)[0].id
        dialog = HitReviewDialog(self._runner, db, state, first, self)
        dialog.decided.connect(self._decided)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "review_dialog", dialog)
        dialog.open()

    def _decided(self, changes: Changes) -> None:
        self.decided.emit(changes)
        self.refresh()
