"""Editors that save themselves: a text or date field that reports when the user is done
with it, so the detail pane and dialogs can write each edit at once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


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

    def _commit(self) -> None:
        if self.value() != self._saved.strip():
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
        self.setToolTip("Skriv t.ex. 2025-03-31, 31/3/2025 eller 31 mars 2025")
        self.setMaximumWidth(150)

    def set_date(self, value: dt.date | None, text: str | None = None) -> None:
        self.set_value(value.isoformat() if value else text)
