"""Lägg till / ändra uppföljning: the date, the status the auditors found, a comment."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...core.dates import parse_date
from ...core.model import STATUSES
from ..interaction import Interaction
from .buttons import save_cancel
from .discard import AskBeforeDiscard


class FollowUpDialog(AskBeforeDiscard, QDialog):
    def __init__(
        self, parent: QWidget, title: str, date: dt.date, status: str | None, comment: str | None,
        ask: Interaction | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ask = ask or Interaction()
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.date_edit = QLineEdit(date.isoformat())
        self.date_edit.setToolTip("Skriv t.ex. 2025-03-31 eller 31 mars 2025")
        self.status_box = QComboBox()
        self.status_box.addItems(STATUSES)
        if status in STATUSES:
            self.status_box.setCurrentText(status)
        self.comment_edit = QPlainTextEdit(comment or "")
        self.comment_edit.setTabChangesFocus(True)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #a01c1c;")
        self.error.hide()
        buttons = save_cancel(self.accept, self.reject)
        form = QFormLayout(self)
        form.addRow("Datum:", self.date_edit)
        form.addRow("Status:", self.status_box)
        form.addRow("Kommentar:", self.comment_edit)
        form.addRow(self.error)
        form.addRow(buttons)
        self.mark_unchanged()

    def state(self) -> object:
        return self.date_edit.text(), self.status_box.currentText(), self.comment_edit.toPlainText()

    def save(self) -> None:
        self.accept()

    def values(self) -> tuple[dt.date, str, str]:
        """The date (ValueError in Swedish if it is none), the status and the comment."""
        date = parse_date(self.date_edit.text())
        if date is None:
            raise ValueError("datum saknas")
        return date, self.status_box.currentText(), self.comment_edit.toPlainText().strip()

    def accept(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            self.error.setText(f"Datumet ”{self.date_edit.text()}” går inte att läsa: {exc}.")
            self.error.show()
            self.date_edit.setFocus()
            return
        super().accept()


def ask_follow_up(
    parent: QWidget, title: str, date: dt.date, status: str | None = None, comment: str | None = None,
    ask: Interaction | None = None,
) -> tuple[dt.date, str, str] | None:  # fmt: skip
    dialog = FollowUpDialog(parent, title, date, status, comment, ask)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
