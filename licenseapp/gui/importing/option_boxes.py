"""What a dry run asks the user to decide: employers not recorded yet (create them?) and
rows that match someone only by name and date of birth (apply them?)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from licenseapp.domain.import_outcomes import ImportReport, Outcome
from licenseapp.gui.importing.kinds import ImportKind
from licenseapp.gui.importing.notes import count, rows
from licenseapp.gui.theme import Theme, Tone
from licenseapp.gui.theme_follow import themed_style

_SHOWN_NAMES = 8


def _names(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:_SHOWN_NAMES])
    return shown + (f" and {len(names) - _SHOWN_NAMES:,} more" if len(names) > _SHOWN_NAMES
                    else "")


def _box_style(theme: Theme) -> str:
    badge = theme.badge(Tone.CAUTION)
    return (f"QFrame#decision {{ background: {badge.background.name()}; "
            f"border: 1px solid {badge.text.name()}; border-radius: 4px; }}")


class _Decision(QFrame):
    def __init__(self, check_text: str, tip: str) -> None:
        super().__init__()
        self.setObjectName("decision")
        themed_style(self, _box_style)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.check = QCheckBox(check_text)
        self.check.setToolTip(tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.check)
        self.hide()


class OptionBoxes(QWidget):
    """``changed()`` when the user decides (the dry run runs again with the decision)."""

    changed = Signal()

    def __init__(self, kind: ImportKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.employers = _Decision(
            "&Create these organizations",
            "Add each employer named in the file that is not recorded yet as an "
            "organization (you can complete its details on the Organizations screen)")
        self.name_matches = _Decision(
            "Apply all &name matches",
            "Treat each of these rows as the person it names and update them; all of them "
            "or none (rows matching several people stay unapplied)")
        #: Records the file names that do not exist and that the import does not create.
        self.unknown = QLabel()
        self.unknown.setWordWrap(True)
        self.unknown.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.unknown)
        layout.addWidget(self.employers)
        layout.addWidget(self.name_matches)
        for box in (self.employers, self.name_matches):
            box.check.toggled.connect(lambda _on: self.changed.emit())

    def create_organizations(self) -> bool:
        return self.kind.creates_organizations and self.employers.check.isChecked()

    def confirm_name_matches(self) -> bool:
        return self.kind.confirms_name_matches and self.name_matches.check.isChecked()

    def show_report(self, report: ImportReport) -> None:
        others = {k: v for k, v in report.unknown.items()
                  if v and not (k == "employer" and self.kind.creates_organizations)}
        self.unknown.setText("Not recorded yet, so their rows are rejected: " + "; ".join(
            f"{k.replace('_', ' ')}: {_names(tuple(v))}" for k, v in others.items()) + ".")
        self.unknown.setVisible(bool(others))
        unknown = report.unknown_employers
        created = tuple(report.created.get("employer", ()))
        creating = self.create_organizations()
        if self.kind.creates_organizations and (unknown or (creating and created)):
            if creating:
                what = "an organization" if len(created) == 1 else "organizations"
                verb = "will be created" if report.dry_run else (
                    "was created" if len(created) == 1 else "were created")
                yet = "yet" if report.dry_run else "before"
                text = (f"{count(len(created), 'employer', 'employers')} not recorded "
                        f"{yet} {verb} as {what}: {_names(created)}.")
            else:
                text = (f"{count(len(unknown), 'employer is', 'employers are')} not "
                        f"recorded yet, so their rows are rejected: {_names(unknown)}.")
            self.employers.label.setText(text)
            self.employers.show()
        else:
            self.employers.setVisible(creating)
        waiting = [r for r in report.rows if r.outcome is Outcome.NEEDS_CONFIRMATION]
        applied = [r for r in report.rows if "as confirmed" in r.note]
        confirming = self.confirm_name_matches()
        if self.kind.confirms_name_matches and (waiting or (confirming and applied)):
            lines: list[str] = []
            if applied:
                verb = ("is" if len(applied) == 1 else "are") if report.dry_run else (
                    "was" if len(applied) == 1 else "were")
                lines.append(f"{rows(len(applied))} matched by name and date of birth "
                             f"{verb} applied to the person named.")
            if waiting:
                who = "someone" if len(waiting) == 1 else "people"
                lines.append(
                    f"{rows(len(waiting))} may be {who} already recorded: the same name and "
                    "date of birth, but no matching key."
                    + ("" if confirming else " They are not imported unless you apply the "
                       "name matches (all of them; to apply some only, add the key to the "
                       "others in the file)."))
            self.name_matches.label.setText(" ".join(lines))
            self.name_matches.show()
        else:
            self.name_matches.setVisible(confirming)


__all__ = ["OptionBoxes"]
