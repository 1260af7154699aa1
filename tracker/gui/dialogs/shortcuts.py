"""Hjälp → Kortkommandon: every shortcut, read from the action registry so the list is
never out of date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from .. import actions
from .buttons import close_only

if TYPE_CHECKING:
    from ..main_window import MainWindow


def shortcut_rows() -> list[tuple[str, str]]:
    """(menu → entry, shortcuts as the keyboard shows them), in menu order."""
    rows = []
    for a in actions.ACTIONS:
        if a.shortcuts:
            keys = " eller ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in a.shortcuts)
            rows.append((f"{a.menu} → {a.text.rstrip('…')}", keys))
    return rows


def shortcuts_dialog(window: MainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle("Kortkommandon")
    rows = shortcut_rows()
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(["Kommando", "Kortkommando"])
    for i, (what, keys) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(what))
        table.setItem(i, 1, QTableWidgetItem(keys))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumSize(480, min(640, 40 + 30 * len(rows)))
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(close_only(dialog.reject))
    return dialog


def open_shortcuts(window: MainWindow) -> None:
    shortcuts_dialog(window).exec()
