"""Next steps, on the dashboard of a database still being set up: what to add first, each
step a button to the screen where it is done, ticked off as the records arrive.

Shown while the database has no application yet (once there is one, the team is past
getting started) unless the user hides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from licenseapp.gui.navigation import Navigator
from licenseapp.gui.tables import ActionButton
from licenseapp.gui.theme import Theme, Tone, blend
from licenseapp.gui.theme_follow import themed_style

if TYPE_CHECKING:
    from licenseapp.services.catalog.getting_started import SetupState

DONE = "✓"
TO_DO = "○"


def _panel_style(theme: Theme) -> str:
    badge = theme.badge(Tone.INFO)
    return (f"#nextSteps {{ background: {blend(theme.base, badge.background, 0.45).name()}; "
            f"border: 1px solid {badge.background.name()}; border-radius: 4px; }}")


@dataclass(frozen=True)

class Step:
    key: str
    title: str  # the button
    screen: str  # where it is done ("" for the action given)
    why: str
    instead: str = ""  # how it is done while this version has no such screen


STEPS = (
    Step("items", "Add your controlled items", "Items",
         "The technology, source code and AI models you control, with their classification "
         "(ECCN, USML category)."),
    Step("people", "Import your people roster", "People",
         "The people whose access is assessed: citizenships, residency, immigration status."),
    Step("grants", "Record who has access", "Items",
         "On the Items screen, choose an item and grant access to the people who hold or ask "
         "for it (or from a person on the People screen); the authorization matrix then says "
         "who needs a license."),
    Step("applications", "Draft your first application", "",
         "The wizard takes you through it step by step."),
)


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def step_done(step: Step, state: SetupState) -> str:
    """What is there already, or "" if the step is still to do."""
    found = {"items": (state.items, "controlled item", "controlled items"),
             "people": (state.people, "person", "people"),
             "grants": (state.grants, "access recorded", "accesses recorded"),
             "applications": (state.applications, "application", "applications")}[step.key]
    return _count(*found) if found[0] else ""


class NextStepsPanel(QFrame):
    """Buttons to the screens where a new database is filled in; ``set_state`` ticks off
    what is done."""

    def __init__(self, navigator: Navigator, new_application: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.hidden_by_user = False
        self.state: SetupState | None = None
        self.setObjectName("nextSteps")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        themed_style(self, _panel_style)
        self.setAccessibleName("Next steps")

        title = QLabel("Next steps")
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.profile_label = QLabel()
        self.profile_label.setWordWrap(True)
        self.profile_button = QPushButton("Review the company profile")
        self.profile_button.setToolTip("Go to the Organizations screen")
        self.profile_button.clicked.connect(lambda: self.navigator.go("Organizations"))
        self.hide_button = QPushButton("Hide")
        self.hide_button.setFlat(True)
        self.hide_button.setToolTip("Hide these steps (they come back the next time the "
                                    "database is opened)")
        self.hide_button.clicked.connect(self.hide_by_user)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.profile_label, 1)
        head.addWidget(self.profile_button)
        head.addWidget(self.hide_button)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(3, 1)
        self.marks: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.done_labels: dict[str, QLabel] = {}
        for row, step in enumerate(STEPS):
            mark = QLabel(TO_DO)
            mark.setFont(title.font())
            button: QPushButton
            if step.screen:
                button = QPushButton(step.title)
                button.clicked.connect(lambda _=False, s=step.screen: self.navigator.go(s))
            else:
                button = ActionButton(new_application, step.title)
            button.setAccessibleName(step.title)
            done = QLabel()
            done.setEnabled(False)
            done.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            why = QLabel(step.why)
            why.setWordWrap(True)
            grid.addWidget(mark, row, 0)
            grid.addWidget(button, row, 1)
            grid.addWidget(done, row, 2)
            grid.addWidget(why, row, 3)
            self.marks[step.key], self.buttons[step.key] = mark, button
            self.done_labels[step.key] = done

        layout = QGridLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addLayout(head, 0, 0)
        layout.addLayout(grid, 1, 0)
        self.hide()

    def hide_by_user(self) -> None:
        self.hidden_by_user = True
        self.hide()

    def reset(self) -> None:
        """Another database: shown again if it is being set up."""
        self.hidden_by_user = False
        self.state = None
        self.hide()

    def set_state(self, state: SetupState) -> None:
        self.state = state
        self.profile_label.setText(
            f"{DONE} Company profile: {state.company}" if state.company else
            f"{DONE} Company profile saved"
            if state.has_profile else "No company profile yet.")
        self.profile_button.setText("Review the company profile" if state.has_profile
                                    else "Enter the company profile")
        for step in STEPS:
            done = step_done(step, state)
            self.marks[step.key].setText(DONE if done else TO_DO)
            self.marks[step.key].setAccessibleName("done" if done else "to do")
            self.done_labels[step.key].setText(done)
            button = self.buttons[step.key]
            if step.screen:
                there = self.navigator.has(step.screen)
                button.setEnabled(there)
                button.setToolTip(f"Go to the {step.screen} screen" if there else
                                  f"There is no {step.screen} screen in this version yet")
                if not there and not done and step.instead:
                    self.done_labels[step.key].setText(step.instead)
        self.setVisible(not self.hidden_by_user and state.applications == 0)
