"""What the directive impact dialog does: suspend, save the suspension list, draft.

Each action acts on what the dialog shows (its rule set and date, and for suspending exactly
the listed accesses), asks first and says how many, runs the service off the GUI thread,
then tells what was done and emits ``dataModified`` with what changed, for the screens.
Suspending does all of that in one dialog (:class:`SuspendDialog`), the list included.

Drafting runs a dry run first (how many drafts, how many skipped as duplicates), then the
real run under a progress dialog: the service's ``progress`` callback is called on the
worker thread and reaches the GUI thread by a queued signal; Cancel sets an event the
service's ``cancel`` callback reads between batches (it then rolls everything back).
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QProgressDialog

from licenseapp.domain.counted import counted
from licenseapp.gui.authorization.suspend_dialog import SuspendDialog
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.services.directive.impact import (
    NEWLY_REQUIRED,
    UNDETERMINED,
    AffectedPair,
    ImpactReport,
)
from licenseapp.services.drafts import bulk_drafts

if TYPE_CHECKING:
    from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog
    from licenseapp.services.directive.impact import SuspendResult
    from licenseapp.services.drafts.bulk_drafts import BulkDraftResult


class _Progress(QObject):
    """Carries the worker's progress to the GUI thread (emitted there, queued here)."""

    advanced = Signal(int, int)
    suspended = Signal(int, int)


class ImpactActions(QObject):
    dataModified = Signal(object)
    #: An action ended: "suspend", "list", "draft" or "cancelled" (tests wait for it).
    finished = Signal(str)

    def __init__(self, dialog: DirectiveImpactDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.progress_dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        self._progress.suspended.connect(self._suspending)
        self.last_suspension: SuspendResult | None = None
        #: The open suspension dialog: asks, records, reports, saves the list.
        self.suspend_dialog: SuspendDialog | None = None
        self.last_drafts: BulkDraftResult | None = None
        self.order_dialog: QDialog | None = None  # "Record the order…", while open
        self._draft_groups: tuple[str, ...] = (NEWLY_REQUIRED,)

    @property
    def _report(self) -> ImpactReport | None:
        return self._dialog.report

    def to_suspend(self) -> list[AffectedPair]:
        """The listed accesses that suspending would change (not suspended, no license)."""
        report = self._report
        if report is None:
            return []
        return [p for p in self._dialog.shown_pairs()
                if p.access != "suspended" and not p.license_number]

    # --- suspend -----------------------------------------------------------------------

    @Slot()
    def suspend(self) -> None:
        report, pairs = self._report, self.to_suspend()
        if report is None or not pairs:
            return
        dialog = self._dialog
        people = len({p.person_id for p in pairs})
        licensed = sum(bool(p.license_number) and p.access != "suspended" for p in report.pairs)
        ruleset = next((r for r in dialog.rulesets if r.id == report.ruleset_id), None)
        reason = (f"{ruleset.title} ({ruleset.id}), in force {ruleset.period}: a license is now "
                  "required for this access.") if ruleset else ""
        detail = (f"Each is marked suspended now, by you, with the reason: “{reason}”"
                  if reason else "Each is marked suspended now, by you.")
        if licensed:
            detail += f"\n\n{counted(licensed, 'access', 'accesses')} covered by a valid " \
                      "license stay as they are."
        detail += "\n\nThen tell IT to cut these accesses off: you can save the list for them."
        box = SuspendDialog(
            f"Suspend {counted(len(pairs), 'access', 'accesses')} of "
            f"{counted(people, 'person', 'people')} under {report.title}?", detail,
            f"Sus&pend {counted(len(pairs), 'access', 'accesses')}", dialog)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.suspendRequested.connect(partial(self._run_suspension, report, pairs, reason))
        box.saveRequested.connect(self._save_suspended)
        hold_until_closed(self, "suspend_dialog", box)
        box.open()

    def _run_suspension(self, report: ImpactReport, pairs: list[AffectedPair],
                        reason: str) -> None:
        """One service call for all of them, in batches off the GUI thread: the dialog shows
        the count as it grows, and Stop ends it after the batch under way. Under a recorded
        order each suspension is timestamped against it."""
        from licenseapp.services.directive.suspension import suspend

        dialog = self._dialog
        if self.suspend_dialog is not None:
            self.suspend_dialog.working(
                f"Suspending {counted(len(pairs), 'access', 'accesses')}…")
            self.suspend_dialog.stopRequested.connect(self._cancel.set)
        self._cancel.clear()
        dialog.set_busy(True)
        emit, stop = self._progress.suspended.emit, self._cancel

        def progress(done: int, total: int) -> bool:  # on the worker thread
            emit(done, total)
            return not stop.is_set()

        order = dialog.clock.order
        dialog.runner.submit(
            partial(suspend, dialog.db, report.ruleset_id, pairs, reason=reason, on=report.on,
                    groups=dialog.groups.chosen(), progress=progress,
                    order_id=order.id if order is not None else None),
            self._suspended,
            self._suspension_failed,
            context=self,
        )

    @Slot(int, int)
    def _suspending(self, done: int, total: int) -> None:
        if self.suspend_dialog is not None:
            self.suspend_dialog.progressed(done, total)

    def _suspension_failed(self, exc: BaseException) -> None:
        if self.suspend_dialog is not None:
            self.suspend_dialog.failed("Nothing was suspended.")
        self._failed("The accesses were not suspended", exc)

    def _suspended(self, result: SuspendResult) -> None:
        dialog = self._dialog
        self.last_suspension = result
        dialog.set_busy(False)
        self.dataModified.emit(result.changes)
        dialog.run()
        dialog.clock.refresh()
        local = result.at.astimezone()
        when = local.strftime("%Y-%m-%d %H:%M:%S %Z")
        if local.utcoffset():
            when += f" ({result.at.strftime('%Y-%m-%d %H:%M:%S')} UTC)"
        notes = []
        if result.already_suspended:
            notes.append(f"{counted(result.already_suspended, 'was', 'were')} already suspended.")
        if result.cancelled:
            notes.append("Stopped by you: the others are not suspended yet.")
        if result.not_affected:
            notes.append(f"{counted(result.not_affected, 'access', 'accesses')} no longer "
                         "affected were left as they are.")
        if self.suspend_dialog is not None:
            self.suspend_dialog.recorded(
                f"Suspended {counted(len(result.suspended), 'access', 'accesses')} at {when}, "
                "recorded with your name and the reason.",
                " ".join([*notes, "Save the list for the IT team to cut the access off."]))
        self.finished.emit("suspend")

    def _save_suspended(self) -> None:
        if self.last_suspension is not None:
            self.save_list_for(self.last_suspension.ruleset_id)

    # --- the order ---------------------------------------------------------------------

    @Slot()
    def record_order(self) -> None:
        """Ask when the order for the chosen rule set was received; the clock then shows it."""
        from licenseapp.gui.authorization.record_order_dialog import RecordOrderDialog

        dialog = self._dialog
        info = next((r for r in dialog.rulesets if r.id == dialog.ruleset_id), None)
        if info is None:
            return
        box = RecordOrderDialog(dialog.runner, dialog.db, info.id, info.title, dialog)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.recorded.connect(lambda _order: dialog.clock.set_ruleset(info.id))
        hold_until_closed(self, "order_dialog", box)
        box.open()

    # --- the suspension list -----------------------------------------------------------

    @Slot()
    def save_list(self) -> None:
        if self._report is not None:
            self.save_list_for(self._report.ruleset_id)

    def save_list_for(self, ruleset_id: str) -> None:
        """Ask where, then write every access suspended under the rule set (CSV or XLSX)."""
        dialog = self._dialog
        path = dialog.prompts.save_path(
            dialog, "Save the suspension list", f"suspensions-{ruleset_id}.csv",
            "CSV (*.csv);;Excel workbook (*.xlsx)")
        if path is None:
            return
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        from licenseapp.services.directive.impact import export_suspension_list

        if self.suspend_dialog is not None:
            self.suspend_dialog.saving(f"Saving the list to {path}…")

        dialog.runner.submit(
            partial(export_suspension_list, dialog.db, ruleset_id, path),
            lambda count: self._saved(path, count),
            partial(self._failed, "The suspension list was not saved"),
            context=self,
        )

    def _saved(self, path: Path, count: int) -> None:
        text = f"{counted(count, 'suspended access', 'suspended accesses')} written to {path}."
        if self.suspend_dialog is not None:
            self.suspend_dialog.saved(text)  # said where the user is, not in another box
        else:
            self._dialog.prompts.inform(self._dialog, "Suspension list saved", text)
        self.finished.emit("list")

    # --- drafting ----------------------------------------------------------------------

    def drafting_groups(self) -> tuple[str, ...]:
        """The groups chosen that drafts are made for: newly required, already required and
        unlicensed (under the rule that required it); never the undetermined."""
        return tuple(g for g in self._dialog.groups.chosen() if g != UNDETERMINED)

    @Slot()
    def draft(self) -> None:
        dialog, report = self._dialog, self._report
        if report is None:
            return
        self._draft_groups = self.drafting_groups()
        dialog.set_busy(True)
        dialog.runner.submit(
            partial(bulk_drafts.draft_bulk, dialog.db, report.ruleset_id, dry_run=True,
                    on=report.on, groups=self._draft_groups),
            partial(self._planned, report),
            partial(self._failed, "No applications were drafted"),
            context=self,
        )

    def _planned(self, report: ImpactReport, plan: BulkDraftResult) -> None:
        dialog = self._dialog
        dialog.set_busy(False)
        skipped = (f"{counted(plan.duplicates, 'person', 'people')} skipped: they already have "
                   "an open application for those items (duplicates).")
        no_employer = [s for s in plan.skipped if s.why == "no_employer"]
        notes = [skipped]
        if plan.licensed_pairs:
            notes.append(f"{counted(plan.licensed_pairs, 'access', 'accesses')} covered by a "
                         "valid license need none.")
        if no_employer:
            notes.append(f"{counted(len(no_employer), 'person', 'people')} without an employer "
                         "on record (the applicant) cannot be drafted for: "
                         + ", ".join(f"{s.person_name} ({s.person_ref})" for s in no_employer))
        if not plan.drafts:
            dialog.prompts.inform(dialog, "Nothing to draft",
                                  "No new application is needed.", "\n\n".join(notes))
            self.finished.emit("draft")
            return
        if not dialog.prompts.confirm(
                dialog, "Draft applications",
                f"Draft {counted(len(plan.drafts), 'application')} under {report.title}?",
                f"Draft {counted(len(plan.drafts), 'application')}",
                "Each is prefilled from the person, the items, the applicant and the "
                "templates, and linked to the rule set.\n\n" + "\n\n".join(notes)):
            return
        self._run_drafts(report, len(plan.drafts))

    def _run_drafts(self, report: ImpactReport, planned: int) -> None:
        dialog = self._dialog
        self._cancel.clear()
        progress = QProgressDialog(f"Drafting {counted(planned, 'application')}…", "Cancel",
                                   0, planned, dialog)
        progress.setWindowTitle("Draft applications")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self._cancel.set)
        progress.setValue(0)
        progress.show()
        self.progress_dialog = progress
        dialog.set_busy(True)
        emit = self._progress.advanced.emit  # from the worker; delivered queued
        dialog.runner.submit(
            partial(bulk_drafts.draft_bulk, dialog.db, report.ruleset_id, on=report.on,
                    progress=emit, cancel=self._cancel.is_set, groups=self._draft_groups),
            self._drafted,
            partial(self._failed, "No applications were drafted"),
            context=self,
        )

    @Slot(int, int)
    def _advanced(self, done: int, total: int) -> None:
        progress = self.progress_dialog
        if progress is None or self._cancel.is_set():
            return
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        progress.setLabelText(f"Drafted {done:,} of {counted(total, 'application')}…")

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self._cancel.set)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _drafted(self, result: BulkDraftResult) -> None:
        dialog = self._dialog
        self._close_progress()
        dialog.set_busy(False)
        self.last_drafts = result
        if result.cancelled:
            dialog.prompts.inform(dialog, "Drafting cancelled",
                                  "Nothing was drafted: drafting is all or nothing.")
            self.finished.emit("cancelled")
            return
        self.dataModified.emit(result.changes)
        dialog.run()
        refs = [d.ref for d in result.drafts]
        span = f"{refs[0]} to {refs[-1]}" if len(refs) > 1 else (refs[0] if refs else "")
        dialog.prompts.inform(
            dialog, "Applications drafted",
            f"Created {counted(result.created, 'draft application')}: {span}.",
            f"{counted(result.duplicates, 'person', 'people')} skipped as duplicates. The "
            "drafts are on the Applications screen.")
        self.finished.emit("draft")

    def _failed(self, title: str, exc: BaseException) -> None:
        if self.suspend_dialog is not None and title.startswith("The suspension list"):
            self.suspend_dialog.failed("The list was not saved.")
        self._close_progress()
        self._dialog.set_busy(False)
        self._dialog.show_error(exc, explicit=True, title=title)
        self.finished.emit("failed")
