"""A body not yet in the register, typed where it is needed (the report reader, the
choice of responsible bodies) instead of a detour through Nämnder → Hantera nämnder."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...core.bodies import BodyIndex


class NewBodyRow(QWidget):
    """`added(name)` with the name tidied: spaces collapsed, a capital first letter, and a
    known body's other spelling or short form replaced by its own name."""

    added = Signal(str)

    def __init__(self, index: BodyIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.edit = QLineEdit(placeholderText="Ny nämnd, t.ex. Kultur- och fritidsnämnden")
        self.button = QPushButton("Lägg till nämnd")
        self.button.clicked.connect(self.add)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def add(self) -> None:
        name = " ".join(self.edit.text().split())
        if not name:
            return
        name = self.index.resolve_name(name)
        self.edit.clear()
        self.added.emit(name[:1].upper() + name[1:])
