"""Editors that save themselves: a text or date field that reports when the user is done
with it, so the detail pane and dialogs can write each edit at once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLineEdit, QMenu, QPlainTextEdit, QStyle, QWidgetAction

from ..core.dates import parse_date

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_UNDO_SHORTCUTS = ("Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z")


def is_undo_key(event: QEvent) -> bool:
    """Ctrl+Z, Ctrl+Y or Ctrl+Shift+Z, as a shortcut would see it."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    if any(event.matches(k) for k in _UNDO_KEYS):
        return True
    pressed = QKeySequence(event.keyCombination()).toString()
    return pressed in _UNDO_SHORTCUTS


def pass_undo_to_register(event: QEvent) -> bool:
    """For a field's event(): let Ctrl+Z/Ctrl+Y reach the window's Ångra/Gör om. The event
    is left unaccepted, so Qt tries the shortcut instead of giving the key to the field."""
    if is_undo_key(event):
        event.ignore()
        return True
    return False


class _Saving:
    """The text last saved, and a `committed` signal when the shown text differs from it.
    Subclasses say how their text is shown (_shown) and set (_show)."""

    _saved = ""

    def set_value(self, text: str | None) -> None:
        self._saved = text or ""
        self._show(self._saved)

    def value(self) -> str:
        return self._shown().strip()

    def revert(self) -> None:
        self._show(self._saved)

    def accept_value(self) -> None:
        self._saved = self.value()

    def is_dirty(self) -> bool:
        """Typed but not yet saved."""
        return self.value() != self._saved.strip()

    def show_saved(self, text: str | None) -> None:
        """A new saved value from the register, shown unless the user is typing over it."""
        if not self.is_dirty():
            self.set_value(text)

    def event(self, event: QEvent) -> bool:
        # While the user is typing, Ctrl+Z undoes the typing; otherwise it undoes register edits.
        if not self.is_dirty() and pass_undo_to_register(event):
            return True
        return super().event(event)

    def _commit(self) -> None:
        if self.is_dirty():
            self.committed.emit(self.value())


class TextField(_Saving, QPlainTextEdit):
    """Multi-line text; `committed(text)` on leaving the field or Ctrl+Enter, only when changed."""

    committed = Signal(str)

    def __init__(self, lines: int = 3) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        # A fixed height keeps the pane's layout still; longer text scrolls.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def _shown(self) -> str:
        return self.toPlainText()

    def _show(self, text: str) -> None:
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._commit()
            return
        super().keyPressEvent(event)


class LineField(_Saving, QLineEdit):
    """One line; `committed(text)` on Enter or leaving the field, only when changed."""

    committed = Signal(str)

    def __init__(self, placeholder: str = "") -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.editingFinished.connect(self._commit)

    def _shown(self) -> str:
        return self.text()

    def _show(self, text: str) -> None:
        self.setText(text)


class DateField(LineField):
    """A date typed the way people write them ("31 mars 2025", "2025-03-31", "31/3 2025")."""

    def __init__(self) -> None:
        super().__init__("ÅÅÅÅ-MM-DD")
        self.setToolTip("Skriv t.ex. 2025-03-31, 31/3/2025 eller 31 mars 2025, eller välj i kalendern")
        self.setMaximumWidth(150)
        icon = QIcon.fromTheme("x-office-calendar", self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Välj datum i en kalender")
        self.calendar_action.triggered.connect(self.pick_date)
        self.calendar: QCalendarWidget | None = None

    def pick_date(self) -> None:
        """A calendar under the field; the clicked day is written and saved like a typed one."""
        if self.isReadOnly():
            return
        menu = QMenu(self)
        self.calendar = QCalendarWidget(gridVisible=True)
        try:
            shown = parse_date(self.value())
        except ValueError:
            shown = None
        if shown:
            self.calendar.setSelectedDate(QDate(shown))

        def chosen(day: QDate) -> None:
            menu.close()
            self.setText(day.toString("yyyy-MM-dd"))
            self._commit()

        self.calendar.clicked.connect(chosen)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def set_date(self, value: dt.date | None, text: str | None = None) -> None:
        self.set_value(value.isoformat() if value else text)

    def show_saved_date(self, value: dt.date | None, text: str | None = None) -> None:
        self.show_saved(value.isoformat() if value else text)


def deadline_edit(today: dt.date) -> QDateEdit:
    """A "Svar senast" to ask a body for: picked in a calendar, never before today."""
    edit = QDateEdit(calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(today.year, today.month, today.day))
    return edit
