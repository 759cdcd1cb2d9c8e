"""One record's open hits reviewed in a dialog of their own, from the wizard (which is
modal: the Screening screen behind it cannot be reached until it closes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from licenseapp.gui.screening.review import HitReviewWidget
from licenseapp.gui.screening.wording import DECISION_LABELS
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes
from licenseapp.services.screening.dto import HitView, ScreeningState

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class HitReviewDialog(QDialog):
    """Signal: ``decided(Changes)`` after each decision (the dialog stays open to show it)."""

    decided = Signal(object)

    def __init__(self, runner: TaskRunner, db: Database, state: ScreeningState,
                 hit_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db = db
        self.setWindowTitle("Review screening hits")
        self.hit_box = QComboBox()
        self.hit_box.setAccessibleName("Hit")
        self.review = HitReviewWidget(runner)
        self.review.set_database(db)
        self.review.decided.connect(self._decided)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hit_box)
        layout.addWidget(self.review, 1)
        layout.addWidget(buttons)
        self.resize(900, 620)
        self.hit_box.currentIndexChanged.connect(self._chosen)
        self.show_state(state, hit_id)

    def show_state(self, state: ScreeningState, hit_id: int | None = None) -> None:
        current = self.review.view.id if self.review.view else None
        wanted = hit_id if hit_id is not None else current
        self.hits: list[HitView] = sorted(state.hits, key=lambda h: (
            h not in state.open_hits, -h.hit.score, h.id))
        self.hit_box.blockSignals(True)
        self.hit_box.clear()
        for h in self.hits:
            self.hit_box.addItem(f"{h.hit.entry_name} ({h.hit.list_code}), score "
                                 f"{h.hit.score:.0f} — {DECISION_LABELS[h.decision]}", h.id)
        self.hit_box.blockSignals(False)
        index = max(self.hit_box.findData(wanted), 0) if wanted is not None else 0
        self.hit_box.setCurrentIndex(index)
        self._chosen()

    def _chosen(self) -> None:
        index = self.hit_box.currentIndex()
        self.review.show_hit(self.hits[index] if 0 <= index < len(self.hits) else None)

    def _decided(self, changes: Changes) -> None:
        self.decided.emit(changes)
        view = self.review.view
        if view is None:
            return
        from licenseapp.services.screening.results import screening_state

        db, subject, subject_id = self._db, view.subject, view.subject_id
        self._runner.submit(lambda: screening_state(db, subject, subject_id),
                            self.show_state, context=self)
