"""Deciding a hit: cleared (not the same party), escalated or confirmed match, with a note,
recorded off the GUI thread. A refusal is shown under the note, naming it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.gui.screening.wording import DECISION_LABELS
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.screening.dto import Decision, HitView

if TYPE_CHECKING:
    from licenseapp.store.database import Database

_QUESTIONS = {
    Decision.CLEARED: "Record that {ours} is not the same party as {entry} ({lists}). "
                      "Say why — e.g. a different date of birth, nationality or address.",
    Decision.ESCALATED: "Pass the hit of {ours} against {entry} ({lists}) on for a second "
                        "look. It keeps blocking filing until it is cleared.",
    Decision.CONFIRMED: "Record that {ours} IS the party listed as {entry} ({lists}). No "
                        "application for them can be marked ready to file. Say what "
                        "confirmed it.",
}
_ACTIONS = {Decision.CLEARED: "Clear", Decision.ESCALATED: "Escalate",
            Decision.CONFIRMED: "Confirm match"}


class DecisionDialog(ReasonDialog):
    """``completed(Changes)`` once the decision is recorded. The engine refuses a missing
    note where one is required; the refusal shows under the note."""

    def __init__(self, runner: TaskRunner, db: Database, view: HitView, decision: Decision,
                 parent: QWidget | None = None) -> None:
        from licenseapp.services.screening.results import NOTE_REQUIRED

        hit_id = view.id

        def decide_hit(note: str) -> object:
            from licenseapp.services.screening.results import decide

            return decide(db, hit_id, decision, note.strip())

        question = _QUESTIONS[decision].format(
            ours=view.subject_name, entry=view.hit.entry_name, lists=view.hit.list_code)
        super().__init__(
            runner, decide_hit, title=f"{DECISION_LABELS[decision]} — {view.subject_name}",
            question=question, action=_ACTIONS[decision],
            placeholder=("required: why" if decision in NOTE_REQUIRED else "optional"),
            parent=parent)
        self.decision = decision
        self.reason_label.setText("&Note:")
        self.reason_edit.setAccessibleName("Note")

    def show_problem(self, text: str) -> None:
        """The refusal, naming the note it is about."""
        super().show_problem(f"Note: {text}" if text and not text.lower().startswith("note")
                             else text)
