"""The line above the list at start: "9 försenade svar och 6 försenade åtgärder — Visa",
which filters the list to them in one click; hidden when nothing is late."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from ..core.reminders import overdue_line


class OverdueLine(QLabel):
    show_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("QLabel { background: #fff4cc; border: 1px solid #e0c870; padding: 4px 8px; }")
        self.linkActivated.connect(lambda _: self.show_requested.emit())
        self.hide()

    def set_counts(self, replies: int, actions: int) -> None:
        """How many rows have a late reply and a late action."""
        line = overdue_line(replies, actions)
        self.setVisible(line is not None)
        if line is not None:
            self.setText(f"⚠ {line} — <a href='visa'>Visa</a>")
