"""The one date field of the app: it keeps exactly what is typed.

A plain line edit (so Tab leaves it, like any other field, and a table's delegate treats
it as any editor) with a calendar button inside it on the right. ISO (``1990-04-12``) and
the locale's short form are read by :mod:`licenseapp.domain.typed_dates`; what cannot be
read stays as typed, the field turns red and says why (``problem()``, and the message
label of :func:`with_message`). The month variant (résumé entries) reads ``2019-07``.
Empty is allowed: it is "not set" (or "present" for an open résumé entry).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.typed_dates import TypedDate, date_order, read_date, read_month
from licenseapp.gui.theme import Ink, current
from licenseapp.gui.theme_follow import ink_style


def calendar_icon() -> QIcon:
    """A small calendar drawn in the palette's text colour (no icon theme needed)."""
    icon = QIcon.fromTheme("x-office-calendar")
    if not icon.isNull():
        return icon
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    ink = current().ink(Ink.HINT)
    painter.setPen(ink)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, ink)
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + col * 4, 8 + row * 3, 2, 2, ink)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A date (or, with ``month=True``, a month) typed as text, with a calendar button.

    ``value()`` is the date, or None when empty or unreadable; ``problem()`` says why the
    text cannot be read ("" when it can), prefixed with the field's ``label``.
    ``changed`` is emitted on every edit and on every pick from the calendar;
    ``dateChosen`` once a readable date is settled, and ``chosen()`` is the last one (what a
    filter or a dialog that needs a date keeps using while the text is being retyped).
    """

    changed = Signal()
    problemChanged = Signal(str)
    #: A new date was settled (Enter, leaving the field, or a pick from the calendar).
    dateChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, label: str = "", month: bool = False,
                 empty_text: str = "not set") -> None:
        super().__init__(parent)
        self._label = label
        self._month = month
        self._problem = ""
        locale = self.locale()
        short = locale.dateFormat(locale.FormatType.ShortFormat)
        # C is no one's locale: it settles nothing. The example shows the year in full,
        # as it must be typed, even where the locale writes two digits (M/d/yy).
        self._order = None if locale.language() == locale.Language.C else date_order(short)
        self._example = "" if self._order in (None, "YMD") else locale.toString(
            QDate(1990, 4, 12), short.replace("yyyy", "yy").replace("yy", "yyyy"))
        form = "YYYY-MM" if month else "YYYY-MM-DD"
        shown = f"{form}{f' or {self._example}' if self._example and not month else ''}"
        self.setPlaceholderText(f"{shown}  ({empty_text} if empty)")
        self.setToolTip(f"Type the {'month' if month else 'date'} as {shown}, or pick it "
                        "with the calendar button; leave it empty for "
                        f"“{empty_text}”")
        self.setMaxLength(24)
        if label:
            self.setAccessibleName(label)
        self.calendar_action = QAction(calendar_icon(), "Calendar", self)
        self.calendar_action.setToolTip("Pick from a calendar")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        #: The red line under the field, when it is placed with :func:`with_message`.
        self.message_label: QLabel | None = None
        self._chosen: date | None = None
        self.textChanged.connect(self._edited)
        self.editingFinished.connect(self._settled)
        width = self.fontMetrics().horizontalAdvance("0000-00-00") + 48
        self.setMinimumWidth(width)

    # --- reading -----------------------------------------------------------------------

    def typed(self) -> TypedDate:
        if self._month:
            return read_month(self.text())
        return read_date(self.text(), self._order, self._example)

    def value(self) -> date | None:
        return self.typed().value

    def problem(self) -> str:
        """"" when the text is empty or a date; else the field's name, what is wrong and
        how to type it."""
        found = self.typed().problem
        return f"{self._label}: {found}" if found and self._label else found

    def chosen(self) -> date | None:
        return self._chosen

    def month(self) -> tuple[int, int] | None:
        value = self.value()
        return None if value is None else (value.year, value.month)

    # --- writing -----------------------------------------------------------------------

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setText("")
        else:
            self.setText(f"{value.year:04d}-{value.month:02d}" if self._month
                         else value.isoformat())
        self.setCursorPosition(0)
        self._chosen = value

    def _settled(self) -> None:
        value = self.value()
        if value is not None and value != self._chosen:
            self._chosen = value
            self.dateChosen.emit(value)

    def set_month(self, value: tuple[int, int] | None) -> None:
        valid = value is not None and 1 <= value[1] <= 12 and 0 < value[0] < 10000
        self.set_value(date(value[0], value[1], 1) if value is not None and valid else None)

    def _edited(self, _text: str) -> None:
        problem = self.problem()
        if problem != self._problem:
            self._problem = problem
            ink_style(self, Ink.LATE if problem else None)  # as the editors' problems
            self.problemChanged.emit(problem)
        self.changed.emit()

    # --- the calendar ------------------------------------------------------------------

    def open_calendar(self) -> None:
        """A calendar popup under the field, on the typed date (or today's month)."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        current = self.value()
        day = QDate.currentDate() if current is None else QDate(current.year, current.month,
                                                                 current.day)
        self.calendar.setSelectedDate(day)
        self.calendar.setCurrentPage(day.year(), day.month())
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        self.setText(date(day.year(), day.month(), day.day()).isoformat()[:7 if self._month
                                                                          else 10])
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self._settled()


def with_message(field: DateField) -> QWidget:
    """The field with its problem shown in red under it (hidden while it reads fine)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    message = QLabel()
    message.setWordWrap(True)
    ink_style(message, Ink.LATE)
    message.setTextFormat(Qt.TextFormat.PlainText)
    message.hide()
    layout.addWidget(message)
    field.message_label = message

    def show(problem: str) -> None:
        message.setText(problem)
        message.setVisible(bool(problem))

    field.problemChanged.connect(show)
    box.setFocusProxy(field)
    return box
