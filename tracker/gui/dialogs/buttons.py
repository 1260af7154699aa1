"""The button rows dialogs share: Spara / Avbryt for editing, Stäng for showing."""

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


def close_only(on_close: Callable[[], object]) -> QDialogButtonBox:
    """One Stäng button, for dialogs that only show something."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
    buttons.rejected.connect(on_close)
    return buttons
