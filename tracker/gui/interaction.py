"""Asking and telling the user: the one place that opens message boxes.

Dialogs and the workspace ask through an Interaction (as git-cola's `Interaction`)
instead of calling QMessageBox themselves, so tests answer with a scripted one and
the questions read the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "Spara", "Släng", "Avbryt"


class Interaction:
    """Message boxes over `parent` (the active window when None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent or self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def choose(self, title: str, text: str, buttons: list[str], parent: QWidget | None = None) -> str | None:
        """One of `buttons` (the first is the default), or None when the box is closed with Escape
        and no button says Avbryt."""
        box = self._box(QMessageBox.Icon.Question, title, text, parent)
        added = {}
        for word in buttons:
            role = QMessageBox.ButtonRole.RejectRole if word == CANCEL else QMessageBox.ButtonRole.AcceptRole
            if word == DISCARD:
                role = QMessageBox.ButtonRole.DestructiveRole
            added[box.addButton(word, role)] = word
        box.setDefaultButton(next(iter(added)))
        if CANCEL in buttons:
            box.setEscapeButton(next(b for b, w in added.items() if w == CANCEL))
        box.exec()
        return added.get(box.clickedButton())

    def confirm(self, title: str, text: str, yes: str = "Ja", no: str = "Nej", parent: QWidget | None = None) -> bool:
        return self.choose(title, text, [yes, no], parent) == yes

    def ask_save(self, title: str, parent: QWidget | None = None) -> str:
        """Spara, Släng or Avbryt for a dialog whose changes would otherwise be lost."""
        return self.choose(title, "Spara ändringarna?", [SAVE, DISCARD, CANCEL], parent) or CANCEL

    def inform(self, title: str, text: str, parent: QWidget | None = None) -> None:
        box = self._box(QMessageBox.Icon.Information, title, text, parent)
        box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def error(self, title: str, text: str, parent: QWidget | None = None) -> None:
        box = self._box(QMessageBox.Icon.Warning, title, text, parent)
        box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
