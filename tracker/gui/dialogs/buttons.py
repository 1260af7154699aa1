"""The Spara / Avbryt row the editing dialogs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox


def save_cancel(on_save: Callable[[], object], on_cancel: Callable[[], object]) -> QDialogButtonBox:
    """Spara and Avbryt, in Swedish even where Qt's own translation is not installed."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("Spara")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(on_cancel)
    return buttons
