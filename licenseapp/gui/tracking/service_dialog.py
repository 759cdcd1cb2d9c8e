"""A dialog whose OK runs one service call off the GUI thread and stays open if refused.

A refusal (a :class:`~licenseapp.errors.LicenseAppError`) is shown in a message box with
the service's reason; the dialog stays open with everything typed, so nothing is lost, and
the field the refusal names (its neutral id, e.g. ``"valid_until"``) gets the focus.
Anything else is a bug and goes to the error reporter, the dialog still open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from licenseapp.errors import LicenseAppError
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner


def refusal_text(exc: LicenseAppError) -> str:
    """The service's reason as a sentence (it reads on its own: no field id before it)."""
    return exc.message[:1].upper() + exc.message[1:]


class ServiceDialog(QDialog):
    """Base: subclasses build their fields and implement :meth:`make_call`.

    ``succeeded(result)`` is emitted with the service's result before the dialog closes.
    """

    succeeded = Signal(object)

    #: The title of the refusal box, e.g. "Status not changed".
    refused_title = "Not recorded"

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._busy = False
        self.refusal_box: QMessageBox | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def busy(self) -> bool:
        """A call is running (the fields are locked until it answers)."""
        return self._busy

    # --- for subclasses ----------------------------------------------------------------

    def make_call(self) -> Callable[[], object] | None:
        """The service call for what is typed (run off the GUI thread), or None if incomplete."""
        raise NotImplementedError

    def field_widgets(self) -> dict[str, QWidget]:
        """The widget of each field id the service may name in a refusal."""
        return {}

    def show_refusal_in_place(self, exc: LicenseAppError) -> bool:
        """Show a refusal in the dialog itself instead of a message box; True if shown."""
        return False

    def set_inputs_enabled(self, enabled: bool) -> None:
        """Lock or unlock the fields while the call runs."""

    # --- running -----------------------------------------------------------------------

    def accept(self) -> None:
        if self._busy:
            return
        call = self.make_call()
        if call is None:
            return
        self._set_busy(True)
        self._runner.submit(call, self._succeeded, self._failed, context=self)

    def reject(self) -> None:
        if not self._busy:  # the change is on its way; its outcome decides
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.set_inputs_enabled(not busy)
        self.buttons.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _succeeded(self, result: object) -> None:
        self._set_busy(False)
        self.succeeded.emit(result)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, LicenseAppError):
            self._runner.report_error(exc)
            return
        if self.show_refusal_in_place(exc):
            return
        widget = self.field_widgets().get(getattr(exc, "field", ""))
        if widget is not None and widget.isVisibleTo(self):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)  # where to correct it
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.refused_title, refusal_text(exc),
            QMessageBox.StandardButton.Ok, self,
        )
        # A refusal for want of a role is not the entry's fault: nothing to correct here.
        box.setInformativeText("Nothing was recorded." if exc.code == "not_permitted" else
                               "Nothing was recorded. Correct the entry and try again.")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "refusal_box", box)
        box.open()
